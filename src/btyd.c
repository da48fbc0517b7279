/*
 * btyd.c
 *		Customer lifetime value ("buy 'til you die" models) inside the database:
 *		the per-customer (x, t_x, t, monetary) summary of an order log, the
 *		BG/NBD model of repeat purchasing (Fader, Hardie & Lee 2005), the
 *		Gamma-Gamma model of spend per transaction (Fader & Hardie 2013), and
 *		the point functions built on them: expected purchases, probability of
 *		being alive, expected spend and discounted CLV.
 *
 * Aggregates and their states:
 *	- btyd_summary buffers (timestamp, amount) pairs in the shared event buffer:
 *	  the amount's 64 bits travel in the event's flags (high half) and aux (low
 *	  half) words, calibration_end and period are the buffer's parameters.  The
 *	  calendar form (a zone argument) buffers each purchase's local day start,
 *	  date_trunc('day', ts, zone) (calendar.c), instead of its timestamp, and
 *	  has the zone's id as a third parameter.
 *	- bgnbd_fit and gamma_gamma_fit keep a FitState: a weighted multiset of
 *	  (x, t_x, t) or (x, monetary) rows, collapsed (identical rows merged, weights
 *	  added) whenever the array fills up, merged by the combine function and
 *	  serialised as a format byte, a row count and four float8 per row.  The
 *	  final function collapses once more, so the optimiser always sees the same
 *	  sorted distinct rows whatever the input order or plan.
 *
 * Fits maximise the likelihood with Nelder-Mead on log-parameters (optimize.c),
 * with times (BG/NBD) or amounts (Gamma-Gamma) rescaled to order one while
 * optimising; results are reported in the caller's units.  A fit that does not
 * converge, or whose optimum runs off to a parameter boundary (data that cannot
 * identify the model), raises an error: no NaN, no silently bad model.
 */
#include "postgres.h"

#include <float.h>
#include <math.h>

#include "access/htup_details.h"
#include "funcapi.h"
#include "libpq/pqformat.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/float.h"
#include "utils/memutils.h"
#include "utils/timestamp.h"

#include "btyd.h"
#include "calendar.h"
#include "engagement.h"
#include "event_buffer.h"
#include "information.h"
#include "optimize.h"

PG_FUNCTION_INFO_V1(btyd_summary_trans);
PG_FUNCTION_INFO_V1(btyd_summary_final);
PG_FUNCTION_INFO_V1(btyd_summary_calendar_trans);
PG_FUNCTION_INFO_V1(bgnbd_fit_trans);
PG_FUNCTION_INFO_V1(gamma_gamma_fit_trans);
PG_FUNCTION_INFO_V1(btyd_fit_combine);
PG_FUNCTION_INFO_V1(btyd_fit_serialize);
PG_FUNCTION_INFO_V1(btyd_fit_deserialize);
PG_FUNCTION_INFO_V1(bgnbd_fit_final);
PG_FUNCTION_INFO_V1(gamma_gamma_fit_final);
PG_FUNCTION_INFO_V1(bgnbd_log_likelihood);
PG_FUNCTION_INFO_V1(bgnbd_expected_purchases);
PG_FUNCTION_INFO_V1(bgnbd_conditional_expected_purchases);
PG_FUNCTION_INFO_V1(bgnbd_p_alive);
PG_FUNCTION_INFO_V1(bgnbd_purchases_probability);
PG_FUNCTION_INFO_V1(gamma_gamma_log_likelihood);
PG_FUNCTION_INFO_V1(gamma_gamma_expected_spend);
PG_FUNCTION_INFO_V1(btyd_clv);
PG_FUNCTION_INFO_V1(bgnbd_se_trans);
PG_FUNCTION_INFO_V1(bgnbd_se_final);
PG_FUNCTION_INFO_V1(gamma_gamma_se_trans);
PG_FUNCTION_INFO_V1(gamma_gamma_se_final);

/*
 * serial format of FitState: byte 2, int64 row count, byte penalized, float8
 * penalizer, byte model size, that many float8, then 4 float8 per row
 */
#define FIT_SERIAL_FORMAT 2
#define FIT_ROW_SERIAL_SIZE 32

/* largest number of distinct rows a fit state may hold */
#define FIT_MAX_ROWS ((int64) (MaxAllocHugeSize / 4 / sizeof(FitRow)))

/* fewest customers (sum of weights) a fit accepts */
#define FIT_MIN_CUSTOMERS 10.0

/* log-parameters are confined to |theta| <= FIT_LOG_BOUND while optimising;
 * an optimum within FIT_LOG_MARGIN of that box means "not identified" */
#define FIT_LOG_BOUND 30.0
#define FIT_LOG_MARGIN 5.0

/* most discounting periods one clv() call sums */
#define CLV_MAX_PERIODS 1000000

/* terms of the negative binomial sums of bgnbd_purchases_probability (about 1 s) */
#define NB_MAX_TERMS 10000000

/*
 * Series summation: a sum stops once a geometric bound on its remaining tail is below
 * SERIES_TAIL_TOL of the partial sum; terms past the mode of the alive-expectation sum
 * are counted from EXPECTATION_TAIL_TERMS beyond the mean; partial sums are rescaled by
 * 2^-SERIES_RESCALE_EXP once a term passes 2^SERIES_RESCALE_EXP.
 */
#define SERIES_TAIL_TOL 1e-17

/* from this s on, lgamma_ratio takes Stirling's series instead of lgamma's difference */
#define LGAMMA_STIRLING_MIN 1e6
#define EXPECTATION_TAIL_TERMS 40.0
#define SERIES_RESCALE_EXP 600

/*
 * Nelder-Mead settings of every fit: simplex edge (on log parameters), flatness of the
 * objective, spread of the vertices, iteration budget and restarts (optimize.h).
 */
#define FIT_NM_STEP 0.5
#define FIT_NM_FTOL 1e-13
#define FIT_NM_XTOL 1e-9
#define FIT_NM_MAX_ITER 20000
#define FIT_NM_MAX_RESTARTS 20

/* an amount is kept in an event's two 32-bit words (flags high, aux low) */
#define AMOUNT_HIGH_SHIFT 32

/* Gamma-Gamma parameters: spend ~ Gamma(p, nu), nu ~ Gamma(q, gamma) */
typedef struct GammaGammaParams
{
	double		p;
	double		q;
	double		gamma;
} GammaGammaParams;

/* ------------------------------------------------------------------ */
/* Model mathematics                                                   */
/* ------------------------------------------------------------------ */

/*
 * log_of_sum
 *		ln(u + v) for u, v >= 0, finite even when u + v overflows.
 */
double
log_of_sum(double u, double v)
{
	double		hi = Max(u, v);

	return log(hi) + log1p(Min(u, v) / hi);
}

/*
 * lgamma_ratio
 *		ln(Gamma(s + x) / Gamma(s)) for s = s1 + s2 > 0 and x >= 0, finite
 *		whenever the true value is.  For s >= LGAMMA_STIRLING_MIN the
 *		difference of Stirling's series is taken analytically,
 *		(s - 1/2) log1p(x/s) + x (ln(s+x) - 1) - x / (12 s (s+x)), which
 *		keeps full relative precision (lgamma's difference loses about
 *		s ln s * 1e-16: 2e-5 at s = 1e10, enough to push a probability past 1)
 *		and never forms inf - inf (the next term is below 1e-20 there); ln s
 *		is taken from s1 and s2 so that s may overflow.  Below that, lgamma's
 *		difference while s + x < 1e300, and Stirling for Gamma(s + x) alone
 *		beyond.
 */
double
lgamma_ratio(double s1, double s2, double x)
{
	double		s = s1 + s2;
	double		y,
				L;

	if (x == 0)
		return 0.0;
	if (s >= LGAMMA_STIRLING_MIN)
	{
		/* (s+x-1/2) ln(s+x) - (s-1/2) ln s - x, with ln(s+x) = ln s + log1p(x/s) */
		y = x / s;
		L = log_of_sum(s1, s2) + log1p(y);
		return (isinf(s) ? x : (s - 0.5) * log1p(y)) + x * (L - 1.0)
			- x / (12.0 * s * (s + x));
	}
	if (s + x < 1e300)
		return lgamma(s + x) - lgamma(s);
	/* s small, x huge: Stirling for Gamma(s + x) only */
	L = log_of_sum(s, x);
	return x * (L - 1.0) + (s - 0.5) * L - s + 0.5 * log(2.0 * M_PI) - lgamma(s);
}

/*
 * bgnbd_loglik_row
 *		ln L of one customer (x, t_x, t) under BG/NBD, in logs throughout:
 *		ln A1 + ln A2 + ln(A3 + [x > 0] A4) with the last sum as log-sum-exp
 *		(clv.md section 2.2), so that no term over- or underflows.
 */
static double
bgnbd_loglik_row(const BgnbdParams *m, double x, double tx, double t)
{
	double		ll,
				a3;

	ll = lgamma_ratio(m->r, 0.0, x) + lgamma_ratio(m->b, 0.0, x) - lgamma_ratio(m->a, m->b, x);
	/* r ln alpha - (r+x) ln(alpha+t) without inf - inf */
	a3 = -m->r * log1p(t / m->alpha) - (x == 0 ? 0.0 : x * log_of_sum(m->alpha, t));
	if (x > 0)
		return ll + log_add_exp(a3,
								log(m->a) - log_of_sum(m->b, x - 1.0)
								- m->r * log1p(tx / m->alpha) - x * log_of_sum(m->alpha, tx));
	return ll + a3;
}

/*
 * gg_loglik_row
 *		ln density of the mean repeat spend m of a customer with x >= 1 repeat
 *		purchases under Gamma-Gamma (clv.md section 3.2).
 */
static double
gg_loglik_row(const GammaGammaParams *g, double x, double m)
{
	double		px = g->p * x;
	double		d = log(x) + log(m) - log(g->gamma);	/* ln(x m / gamma) */

	/*
	 * q ln gamma + (px-1) ln m + px ln x - (px+q) ln(gamma + x m), grouped
	 * into log(1 + e^d) terms so that x m may exceed the double range
	 */
	return lgamma_ratio(px, 0.0, g->q) - lgamma(g->q) - log(m)
		- g->q * log_add_exp(0.0, d) - px * log_add_exp(0.0, -d);
}

/*
 * outside_box
 *		True when a log-parameter leaves the optimisation box; the objectives
 *		return +infinity there so the simplex turns back.
 */
static bool
outside_box(const double *theta, int n)
{
	for (int i = 0; i < n; i++)
		if (fabs(theta[i]) > FIT_LOG_BOUND)
			return true;
	return false;
}

/*
 * fit_penalty
 *		lifetimes' penalizer: c times the sum of the squared parameters exp(theta_i)
 *		(each in the units the objective works in: times rescaled so that the
 *		largest t is 1); exactly 0 for an unpenalized fit.
 */
static double
fit_penalty(const FitData *d, const double *theta, int n)
{
	double		s = 0.0;

	if (d->penalizer == 0.0)
		return 0.0;
	for (int i = 0; i < n; i++)
		s += exp(2.0 * theta[i]);
	return d->penalizer * s;
}

/*
 * customer_objective
 *		Mean negative log-likelihood (plus the penalty) of the CustomerModel in
 *		d->model at log-parameters theta, on rescaled times: every parameter is
 *		exp(theta_i), those in the time unit in rescaled units too.
 */
static double
customer_objective(const double *theta, void *arg)
{
	const FitData *d = (const FitData *) arg;
	const CustomerModel *cm = (const CustomerModel *) d->model;
	double		p[NM_MAX_DIM];
	double		s = 0.0;

	if (outside_box(theta, cm->np))
		return HUGE_VAL;
	for (int i = 0; i < cm->np; i++)
		p[i] = exp(theta[i]);
	for (int64 i = 0; i < d->nrows; i++)
	{
		const FitRow *row = &d->rows[i];

		s += row->w * cm->loglik(p, row->x, row->u * d->scale, row->v * d->scale);
	}
	return -s / d->total_w + fit_penalty(d, theta, cm->np);
}

/*
 * customer_sample_loglik
 *		Sum of w ln L over the rows at natural parameters p in the caller's
 *		units: the info_loglik of the standard errors.
 */
static double
customer_sample_loglik(const double *p, void *arg)
{
	const FitData *d = (const FitData *) arg;
	const CustomerModel *cm = (const CustomerModel *) d->model;
	double		s = 0.0;

	for (int64 i = 0; i < d->nrows; i++)
		s += d->rows[i].w * cm->loglik(p, d->rows[i].x, d->rows[i].u, d->rows[i].v);
	return s;
}

/*
 * gg_objective
 *		Mean negative log-likelihood of Gamma-Gamma at log-parameters theta,
 *		on rescaled amounts, plus the penalty.
 */
static double
gg_objective(const double *theta, void *arg)
{
	const FitData *d = (const FitData *) arg;
	GammaGammaParams g;
	double		s = 0.0,
				theta_cur[3];

	if (outside_box(theta, 3))
		return HUGE_VAL;
	g.p = exp(theta[0]);
	g.q = exp(theta[1]);
	g.gamma = exp(theta[2]);
	for (int64 i = 0; i < d->nrows; i++)
		s += d->rows[i].w * gg_loglik_row(&g, d->rows[i].x, d->rows[i].u * d->scale);
	/* lifetimes penalizes gamma in the caller's currency unit */
	theta_cur[0] = theta[0];
	theta_cur[1] = theta[1];
	theta_cur[2] = theta[2] - log(d->scale);
	return -s / d->total_w + fit_penalty(d, theta_cur, 3);
}

/*
 * gg_sample_loglik
 *		Sum of w ln L of the repeat buyers at natural parameters (p, q, gamma):
 *		the info_loglik of gamma_gamma_standard_errors.
 */
static double
gg_sample_loglik(const double *p, void *arg)
{
	const FitData *d = (const FitData *) arg;
	GammaGammaParams g = {p[0], p[1], p[2]};
	double		s = 0.0;

	for (int64 i = 0; i < d->nrows; i++)
		s += d->rows[i].w * gg_loglik_row(&g, d->rows[i].x, d->rows[i].u);
	return s;
}

/*
 * bgnbd_alive_exponent
 *		u of P(alive) = 1 / (1 + e^u) (bgnbd_p_alive_value) for x > 0, written
 *		so that alpha + t, b + x and r + x may overflow.
 */
static double
bgnbd_alive_exponent(const BgnbdParams *m, double x, double tx, double t)
{
	double		d = log_of_sum(m->alpha, t) - log_of_sum(m->alpha, tx);

	return log(m->a) - log_of_sum(m->b, x - 1.0) + m->r * d + x * d;
}

/*
 * alive_from_exponent
 *		1 / (1 + e^u) without forming e^u for large u (u = 1000 gives exactly
 *		0, no overflow): P(alive) of every (x, t_x, t) model from its log-odds
 *		of having dropped out.
 */
double
alive_from_exponent(double u)
{
	if (u > 0)
	{
		double		e = exp(-u);

		return e / (1.0 + e);
	}
	return 1.0 / (1.0 + exp(u));
}

/*
 * bgnbd_p_alive_value
 *		P(alive | x, t_x, t) = 1 / (1 + e^u) with
 *		u = ln a - ln(b+x-1) + (r+x) ln((alpha+t)/(alpha+t_x)).  Exactly 1 for
 *		x = 0: BG/NBD customers only drop out right after a repeat purchase.
 */
static double
bgnbd_p_alive_value(const BgnbdParams *m, double x, double tx, double t)
{
	if (x == 0)
		return 1.0;
	return alive_from_exponent(bgnbd_alive_exponent(m, x, tx, t));
}

/*
 * nb_count_term
 *		Count one more term of a sum over purchase counts, staying
 *		cancellable; true once the sum has used more than NB_MAX_TERMS terms.
 */
static bool
nb_count_term(int64 *terms)
{
	if ((++*terms & 0xFFFF) == 0)
		CHECK_FOR_INTERRUPTS();
	return *terms > NB_MAX_TERMS;
}

/*
 * nb_too_many_terms
 *		The 54000 error of bgnbd_purchases_probability when its negative
 *		binomial sum needs more than NB_MAX_TERMS terms (t millions of times
 *		alpha).
 */
static void
nb_too_many_terms(double t)
{
	ereport(ERROR,
			(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
			 errmsg("bgnbd_purchases_probability needs more than %d terms at t = %g", NB_MAX_TERMS, t),
			 errhint("Use a t of at most about a million times the model's alpha, in the model's time unit.")));
}

/*
 * bgnbd_alive_expectation
 *		Expected purchases in (t, t + h] of a customer with x repeat purchases
 *		who is alive at t: the numerator N of FHL's conditional expectation,
 *		(a+b+x-1)/(a-1) [1 - ((alpha+t)/(alpha+t+h))^(r+x) 2F1(r+x, b+x;
 *		a+b+x-1; z)], z = h/(alpha+t+h), evaluated as the mean of a sum of
 *		positive terms instead of through the hypergeometric function.  Given
 *		alive, the rate is Gamma(R = r+x, alpha+t) and the dropout probability
 *		Beta(a, B = b+x); left alone the customer would make N_h purchases,
 *		negative binomial with P(n+1)/P(n) = (R+n) z/(n+1), and makes the
 *		first n of them with probability s_n = E[(1-p)^n] = (B)_n/(a+B)_n, so
 *			N = sum_n P(N_h = n) G(n),   G(n) = s_0 + ... + s_(n-1).
 *		Every term is positive: no cancellation for any r, alpha, a, b (Euler's
 *		form of the 2F1, used before, alternates once r > a+b-1 and cancels
 *		when r+x is small against a+b), no special case at a = 1, and full
 *		relative precision for tiny h.  The pmf is carried unnormalised from
 *		P(0) = 1 (rescaled by 2^-600 as it grows) and the result divided by
 *		the sum of the same weights, so (1-z)^R is never formed.  Past the
 *		mean the term ratio is at most (R+n) z/n, which bounds the rest of both
 *		sums by a geometric series; the sum stops when that bound is below
 *		1e-17 of each.  The sum runs to about the mean purchase count
 *		R c, c = h/(alpha+t), plus a tail of at most about 40 c terms; when
 *		(R + 40) c or the terms actually used exceed NB_MAX_TERMS it raises
 *		54000 (at once in the first case).  h = 0 gives exactly 0.
 */
double
bgnbd_alive_expectation(const BgnbdParams *m, double x, double t, double h)
{
	double		R = m->r + x,
				B = m->b + x,
				c = h / (m->alpha + t),
				z = c / (1.0 + c);
	double		pmf = 1.0,		/* P(N_h = n), unnormalised */
				s = 1.0,		/* s_n */
				G = 0.0,		/* G(n) */
				sum_p = 0.0,
				sum_pg = 0.0;
	int64		terms = 0;

	if (h == 0.0)
		return 0.0;
	for (double n = 0.0; (R + EXPECTATION_TAIL_TERMS) * c <= NB_MAX_TERMS && !nb_count_term(&terms); n += 1.0)
	{
		sum_p += pmf;
		sum_pg += pmf * G;
		if (n > 0.0)
		{
			double		bound = (R + n) * z / n;

			if (bound < 1.0 &&
				pmf * bound / (1.0 - bound) <= SERIES_TAIL_TOL * sum_p &&
				pmf * G * bound / (1.0 - bound) <= SERIES_TAIL_TOL * sum_pg)
				return sum_pg / sum_p;
		}
		pmf *= (R + n) / (n + 1.0) * z;
		G += s;
		s *= (B + n) / (m->a + B + n);
		if (pmf > ldexp(1.0, SERIES_RESCALE_EXP))
		{
			pmf = ldexp(pmf, -SERIES_RESCALE_EXP);
			sum_p = ldexp(sum_p, -SERIES_RESCALE_EXP);
			sum_pg = ldexp(sum_pg, -SERIES_RESCALE_EXP);
		}
	}
	ereport(ERROR,
			(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
			 errmsg("bgnbd expected purchases: more than %d terms needed for horizon %g at age %g",
					NB_MAX_TERMS, h, t),
			 errhint("The sum runs over the purchase counts of a customer who stays alive: (r + x + 40) * horizon / (alpha + t) must stay below 10^7.")));
}

/*
 * nb_log_pmf
 *		ln P(N = j) for the purchase count N of a customer who stays alive for
 *		t time units: negative binomial, Gamma(r+j) / (Gamma(r) j!) p^r q^j
 *		with p = alpha/(alpha+t), q = t/(alpha+t), given as ln p and ln q.
 */
static inline double
nb_log_pmf(double r, double lp, double lq, double j)
{
	return lgamma_ratio(r, 0.0, j) - lgamma(j + 1.0) + r * lp + (j == 0.0 ? 0.0 : j * lq);
}

/*
 * nb_tail
 *		P(N >= n) for that negative binomial N, without the cancellation of
 *		1 - P(N < n) when the head is close to 1: the head is summed from 0 while
 *		it stays at most one half (then 1 - head is exact to rounding); once it
 *		passes one half, n lies beyond the median and the tail is summed from n
 *		upwards until its terms no longer change the sum (beyond the mode terms
 *		shrink by about q each, so the cut-off is scaled by p = 1 - q).  Terms
 *		follow the ratio P(N = j+1) / P(N = j) = (r+j) q / (j+1), in logs so that
 *		a first term below the double range cannot zero the rest; lpmf_n is
 *		ln P(N = n), which the caller has already computed.
 */
static double
nb_tail(double r, double lp, double lq, int64 n, double lpmf_n, double t)
{
	double		mode = (r > 1.0) ? (r - 1.0) * exp(lq - lp) : 0.0;
	double		cutoff = DBL_EPSILON * exp(lp);
	double		lt = r * lp;	/* ln P(N = 0) */
	double		head = 0.0,
				tail = 0.0;
	int64		terms = 0,
				j;

	for (j = 0; j < n; j++)
	{
		head += exp(lt);
		if (head > 0.5)
			break;
		lt += log((r + j) / (j + 1.0)) + lq;
		if (nb_count_term(&terms))
			nb_too_many_terms(t);
	}
	if (j == n)
		return 1.0 - head;
	lt = lpmf_n;
	for (j = n;; j++)
	{
		double		term = exp(lt);

		tail += term;
		if ((double) j > mode && term <= tail * cutoff)
			return tail;
		lt += log((r + j) / (j + 1.0)) + lq;
		if (nb_count_term(&terms))
			nb_too_many_terms(t);
	}
}

/*
 * bgnbd_purchases_probability_value
 *		P(X(t) = n), the probability that a new customer makes exactly n repeat
 *		purchases in the first t time units (FHL 2005, eq. 8; clv.md section
 *		2.6): the customer is still alive and made n purchases, or dropped out
 *		right after the n-th having been on course for at least n,
 *			B(a, b+n)/B(a, b) P(N = n) + [n > 0] B(a+1, b+n-1)/B(a, b) P(N >= n),
 *		with the beta ratios in lgamma and P(N >= n) from nb_tail.  t = 0
 *		gives exactly 1 for n = 0 and 0 otherwise.
 */
static double
bgnbd_purchases_probability_value(const BgnbdParams *m, double t, int64 n)
{
	double		lp,
				lq,
				lpmf_n,
				lratio,
				p;

	if (t == 0.0)
		return (n == 0) ? 1.0 : 0.0;
	lp = -log1p(t / m->alpha);
	lq = log(t) - log_of_sum(m->alpha, t);
	lpmf_n = nb_log_pmf(m->r, lp, lq, (double) n);
	/* ln Gamma(a+b) / Gamma(a+b+n): the common factor of both beta ratios */
	lratio = -lgamma_ratio(m->a, m->b, (double) n);
	p = exp(lgamma_ratio(m->b, 0.0, (double) n) + lratio + lpmf_n);
	if (n > 0)
		p += exp(log(m->a) + lgamma_ratio(m->b, 0.0, n - 1.0) + lratio)
			* nb_tail(m->r, lp, lq, n, lpmf_n, t);
	return p;
}

/*
 * check_result_range
 *		22003 for a result beyond the double range (parameters or customer
 *		values near 1e300, where even a rearranged formula cannot represent
 *		the value, or an intermediate exceeds it); every point function
 *		checks its result so that none returns infinity or NaN for finite
 *		arguments.
 */
double
check_result_range(const char *fn, double v)
{
	if (!isfinite(v))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("%s result is out of range for type double precision", fn),
				 errhint("The model's parameters are too extreme for this customer; check how the model was built.")));
	return v;
}

/*
 * gg_expected_spend_value
 *		E[M | x, monetary] = p (gamma + x m) / (p x + q - 1): a credibility
 *		blend of the customer's own mean and the population mean p gamma /
 *		(q - 1), which is what x = 0 returns.  Returned as v * 2^(*exp2) so
 *		that no step over- or underflows for any finite positive parameters:
 *		gamma and m are scaled by a power of two to at most 1 (the result
 *		scales with them), and the ratio is rearranged around whichever of
 *		p x and q - 1 is larger so that every factor stays within [0, 1] (for
 *		x = 0, p's mantissa over q - 1 is below 2^52).
 */
static double
gg_expected_spend_value(const GammaGammaParams *g, double x, double m, int *exp2)
{
	double		qm1 = g->q - 1.0;
	double		gam,
				mm;
	int			k,
				kp;

	if (x == 0)
	{
		double		fp = frexp(g->p, &kp);

		gam = frexp(g->gamma, &k);
		*exp2 = kp + k;
		return fp / qm1 * gam;
	}
	(void) frexp(Max(g->gamma, m), &k);
	gam = ldexp(g->gamma, -k);
	mm = ldexp(m, -k);
	*exp2 = k;
	if (g->p >= qm1 / x)
		/* p x >= q - 1: divide through by p x */
		return (gam / x + mm) / (1.0 + qm1 / g->p / x);
	else
	{
		/* p x < q - 1 (so p / (q - 1) < 1 / x <= 1): divide by q - 1 */
		double		sigma = g->p / qm1 * x;

		return (g->p / qm1 * gam + sigma * mm) / (1.0 + sigma);
	}
}


/* ------------------------------------------------------------------ */
/* Argument checks                                                     */
/* ------------------------------------------------------------------ */

/*
 * invalid_customer
 *		The 22023 error for a customer summary that no model can describe.
 */
static void
invalid_customer(const char *fn, const char *detail)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("invalid customer summary in %s: %s", fn, detail),
			 errhint("x is the number of repeat purchases (a whole number >= 0), t_x the time of the last one and t the customer's age, both measured from the first purchase, with 0 <= t_x <= t and t_x = 0 when x = 0; btyd_summary() builds them.")));
}

/*
 * check_frequency
 *		x must be a finite whole number >= 0.
 */
static void
check_frequency(const char *fn, double x)
{
	if (!isfinite(x) || x < 0 || x != floor(x))
		invalid_customer(fn, psprintf("x = %g is not a whole number >= 0", x));
}

/*
 * check_customer
 *		Validate one (x, t_x, t) triple, naming the offending values.
 */
void
check_customer(const char *fn, double x, double tx, double t)
{
	check_frequency(fn, x);
	if (!isfinite(tx) || !isfinite(t) || tx < 0 || t < 0)
		invalid_customer(fn, psprintf("t_x = %g and t = %g must be finite and >= 0", tx, t));
	if (tx > t)
		invalid_customer(fn, psprintf("t_x = %g is later than t = %g", tx, t));
	if (x == 0 && tx != 0)
		invalid_customer(fn, psprintf("x = 0 but t_x = %g (must be 0)", tx));
}

/*
 * check_monetary
 *		A customer with repeat purchases needs a positive finite mean spend.
 */
static void
check_monetary(const char *fn, double x, double m)
{
	if (x > 0 && (!isfinite(m) || m <= 0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s monetary must be positive and finite for a customer with repeat purchases, got %g", fn, m),
				 errhint("Gamma-Gamma models positive spend only; filter out customers whose mean repeat spend is zero or negative (refunds).")));
}

/*
 * check_time_arg
 *		A horizon or age argument must be finite and >= 0.
 */
void
check_time_arg(const char *fn, const char *what, double v)
{
	if (!isfinite(v) || v < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s %s must be finite and >= 0, got %g", fn, what, v),
				 errhint("Times are in the model's unit (the period the summary was built with), counted from the customer's first purchase.")));
}

/*
 * model_field
 *		One float8 field of a model composite: non-NULL, finite and > 0.
 */
static double
model_field(HeapTupleHeader tup, const char *type, const char *field)
{
	bool		isnull;
	Datum		d = GetAttributeByName(tup, field, &isnull);
	double		v;

	if (isnull)
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("%s field %s must not be null", type, field),
				 errhint("Pass a model returned by the fit aggregate, or build one with ROW(...)::%s giving every parameter.", type)));
	v = DatumGetFloat8(d);
	if (!isfinite(v) || v <= 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s field %s must be positive and finite, got %g", type, field, v),
				 errhint("Pass a model returned by the fit aggregate.")));
	return v;
}

/*
 * get_bgnbd_model
 *		The parameters of the bgnbd_model argument argno.
 */
static void
get_bgnbd_model(FunctionCallInfo fcinfo, int argno, BgnbdParams *m)
{
	HeapTupleHeader tup = PG_GETARG_HEAPTUPLEHEADER(argno);

	m->r = model_field(tup, "bgnbd_model", "r");
	m->alpha = model_field(tup, "bgnbd_model", "alpha");
	m->a = model_field(tup, "bgnbd_model", "a");
	m->b = model_field(tup, "bgnbd_model", "b");
}

/*
 * get_bgnbd_customer
 *		The (model, x, t_x, t) arguments 0..3 of a BG/NBD point function,
 *		validated.
 */
static void
get_bgnbd_customer(FunctionCallInfo fcinfo, const char *fn, BgnbdParams *m,
				   double *x, double *tx, double *t)
{
	get_bgnbd_model(fcinfo, 0, m);
	*x = PG_GETARG_FLOAT8(1);
	*tx = PG_GETARG_FLOAT8(2);
	*t = PG_GETARG_FLOAT8(3);
	check_customer(fn, *x, *tx, *t);
}

/*
 * get_model_params
 *		The parameters of the CustomerModel composite argument argno, in
 *		order; only the parameter fields are read (a hand-built model may leave
 *		ll, n, iterations and converged NULL).
 */
void
get_model_params(FunctionCallInfo fcinfo, int argno, const CustomerModel *cm, double *p)
{
	HeapTupleHeader tup = PG_GETARG_HEAPTUPLEHEADER(argno);

	for (int i = 0; i < cm->np; i++)
		p[i] = model_field(tup, cm->type, cm->names[i]);
}

/*
 * get_customer_args
 *		The (model, x, t_x, t) arguments 0..3 of a point function of a
 *		CustomerModel, validated.
 */
void
get_customer_args(FunctionCallInfo fcinfo, const char *fn, const CustomerModel *cm,
				  double *p, double *x, double *tx, double *t)
{
	get_model_params(fcinfo, 0, cm, p);
	*x = PG_GETARG_FLOAT8(1);
	*tx = PG_GETARG_FLOAT8(2);
	*t = PG_GETARG_FLOAT8(3);
	check_customer(fn, *x, *tx, *t);
}

/*
 * get_gg_model
 *		The parameters of the gamma_gamma_model argument argno; q > 1 is
 *		required when the caller needs the population mean spend.
 */
static void
get_gg_model(FunctionCallInfo fcinfo, int argno, GammaGammaParams *g, bool need_mean)
{
	HeapTupleHeader tup = PG_GETARG_HEAPTUPLEHEADER(argno);

	g->p = model_field(tup, "gamma_gamma_model", "p");
	g->q = model_field(tup, "gamma_gamma_model", "q");
	g->gamma = model_field(tup, "gamma_gamma_model", "gamma");
	if (need_mean && g->q <= 1.0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("gamma_gamma_model has q = %g; expected spend needs q > 1", g->q),
				 errhint("With q <= 1 the population mean spend is infinite: the spend data are too heavy-tailed for this model. Cap extreme order values, or fit on more customers.")));
}


/* ------------------------------------------------------------------ */
/* btyd_summary                                                        */
/* ------------------------------------------------------------------ */

/*
 * btyd_summary_row
 *		The part of a btyd_summary row that both forms share: check
 *		calibration_end (argument 3) and period (argument 4), set the group's
 *		parameters (params[2], the calendar's id, when cal is given), and buffer
 *		the purchase under its timestamp or, with cal, its local day's start.
 *		NULL timestamps are skipped; purchases after calibration_end are skipped
 *		(they belong to the holdout); a NULL amount is kept as a purchase with
 *		unknown value (stored as NaN, which real inputs cannot be).
 */
static Datum
btyd_summary_row(FunctionCallInfo fcinfo, int64 *params, EngCalendar *cal)
{
	const char *fn = "btyd_summary";
	EventBuffer *eb = eb_transition_state(fcinfo, fn);
	TimestampTz ts;
	double		amount;
	uint64		bits;

	if (PG_ARGISNULL(3) || PG_ARGISNULL(4))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("btyd_summary calibration_end and period must not be null"),
				 errhint("Pass the end of the calibration period and the time unit, e.g. '1997-09-30', '7 days'.")));
	params[0] = PG_GETARG_TIMESTAMPTZ(3);
	eng_check_finite_ts(params[0], fn);
	params[1] = eng_interval_usecs(PG_GETARG_INTERVAL_P(4), "btyd_summary period");
	eb_set_params(eb, params, cal ? 3 : 2, fn);

	if (PG_ARGISNULL(1))
		PG_RETURN_POINTER(eb);
	ts = PG_GETARG_TIMESTAMPTZ(1);
	eng_check_finite_ts(ts, fn);
	if (PG_ARGISNULL(2))
		amount = get_float8_nan();
	else
	{
		amount = eng_arg_float8(fcinfo, 2);
		eng_check_finite_float(amount, "btyd_summary amount");
		amount += 0.0;			/* one bit pattern for zero */
	}
	if (ts > params[0])
		PG_RETURN_POINTER(eb);
	if (cal)
	{
		EngPeriod	day;

		eng_calendar_period(cal, ts, &day, fn);
		ts = day.start;
	}
	memcpy(&bits, &amount, sizeof(bits));
	eb_append(eb, ts, (uint32) (bits >> AMOUNT_HIGH_SHIFT), (uint32) bits);
	PG_RETURN_POINTER(eb);
}

/*
 * btyd_summary_trans(internal, ts timestamptz, amount float8,
 *						calibration_end timestamptz, period interval)
 *		Buffer one purchase (btyd_summary_row).
 */
Datum
btyd_summary_trans(PG_FUNCTION_ARGS)
{
	int64		params[2];

	return btyd_summary_row(fcinfo, params, NULL);
}

/*
 * btyd_summary_calendar_trans(internal, ts timestamptz, amount float8,
 *		calibration_end timestamptz, period interval, zone text)
 *		Buffer one purchase under its calendar day in zone (btyd_summary_row);
 *		the zone must be given and constant per group.
 */
Datum
btyd_summary_calendar_trans(PG_FUNCTION_ARGS)
{
	int64		params[3];
	EngCalendar *cal;

	if (PG_ARGISNULL(5))
		eng_null_argument("the time zone", "btyd_summary");
	cal = eng_calendar_arg(fcinfo, -1, 5, "btyd_summary");
	params[2] = cal->id;
	return btyd_summary_row(fcinfo, params, cal);
}

/*
 * event_amount
 *		The amount stored in an event's flags and aux words.
 */
static double
event_amount(const EngEvent *e)
{
	uint64		bits = ((uint64) e->flags << AMOUNT_HIGH_SHIFT) | e->aux;
	double		amount;

	memcpy(&amount, &bits, sizeof(amount));
	return amount;
}

/*
 * btyd_summary_final(internal) -> btyd_summary
 *		The final function of both forms.  Collapse purchases to days (a day's
 *		value is the sum of its amounts): UTC days numbered by eng_utc_day, or,
 *		for a calendar state (three parameters), the local day starts buffered.
 *		Then x = days - 1, t_x = (last day - first day) / period, t =
 *		(calibration_end - first day) / period, each day counted from its
 *		start, and monetary = mean value of the repeat days (first day
 *		excluded; days whose amounts are all NULL left out), 0 when x = 0.
 *		NULL when no purchase precedes calibration_end.  Any two valid
 *		timestamps give a finite positive span, even 4714 BC to 294276 AD.
 */
Datum
btyd_summary_final(PG_FUNCTION_ARGS)
{
	EventBuffer *eb = eb_final_state(fcinfo, "btyd_summary");
	TupleDesc	tupdesc;
	Datum		values[4];
	bool		nulls[4] = {false, false, false, false};
	bool		calendar;
	int64		day_usecs;
	int64		first_day,
				last_day,
				ndays = 0,
				priced_days = 0;
	double		period,
				repeat_total = 0.0;

	if (eb == NULL || eb->nevents == 0)
		PG_RETURN_NULL();
	calendar = eb->nparams == 3;
	day_usecs = calendar ? 1 : USECS_PER_DAY;
	tupdesc = eb_result_tupdesc(fcinfo, "btyd_summary_final");

#define BTYD_DAY(ts) (calendar ? (ts) : (int64) eng_utc_day(ts))
	first_day = BTYD_DAY(eb->events[0].ts);
	last_day = first_day;
	for (int64 i = 0; i < eb->nevents;)
	{
		int64		day = BTYD_DAY(eb->events[i].ts);
		double		total = 0.0;
		bool		priced = false;

		for (; i < eb->nevents && BTYD_DAY(eb->events[i].ts) == day; i++)
		{
			double		amount = event_amount(&eb->events[i]);

			if (!isnan(amount))
			{
				total += amount;
				priced = true;
			}
		}
		if (ndays > 0 && priced)
		{
			repeat_total += total;
			priced_days++;
		}
		ndays++;
		last_day = day;
	}
#undef BTYD_DAY
	/*
	 * spans in 128 bits: two valid timestamps can be more than 2^63
	 * microseconds (about 292,000 years) apart
	 */
	period = (double) eb->params[1];
	values[0] = Float8GetDatum((double) (ndays - 1));
	values[1] = Float8GetDatum((double) ((int128) (last_day - first_day) * day_usecs) / period);
	values[2] = Float8GetDatum((double) ((int128) eb->params[0] - (int128) first_day * day_usecs) / period);
	if (ndays == 1)
		values[3] = Float8GetDatum(0.0);
	else if (priced_days == 0)
		nulls[3] = true;
	else
		values[3] = Float8GetDatum(repeat_total / (double) priced_days);

	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}


/* ------------------------------------------------------------------ */
/* Fit state: a weighted multiset of rows                              */
/* ------------------------------------------------------------------ */

/*
 * fit_create
 *		An empty fit state in the aggregate context ctx.
 */
static FitState *
fit_create(MemoryContext ctx)
{
	FitState   *st = MemoryContextAllocZero(ctx, sizeof(FitState));

	st->ctx = ctx;
	return st;
}

/*
 * fit_row_cmp
 *		Total order on (x, u, v) used to bring identical rows together.
 */
static int
fit_row_cmp(const void *pa, const void *pb)
{
	const FitRow *a = (const FitRow *) pa;
	const FitRow *b = (const FitRow *) pb;

	if (a->x != b->x)
		return a->x < b->x ? -1 : 1;
	if (a->u != b->u)
		return a->u < b->u ? -1 : 1;
	if (a->v != b->v)
		return a->v < b->v ? -1 : 1;
	return 0;
}

/*
 * fit_collapse
 *		Sort the rows and merge identical ones, adding their weights.
 */
static void
fit_collapse(FitState *st)
{
	int64		out = 0;

	if (st->nrows < 2)
		return;
	qsort(st->rows, st->nrows, sizeof(FitRow), fit_row_cmp);
	for (int64 i = 0; i < st->nrows; i++)
	{
		if (out > 0 && fit_row_cmp(&st->rows[out - 1], &st->rows[i]) == 0)
			st->rows[out - 1].w += st->rows[i].w;
		else
			st->rows[out++] = st->rows[i];
	}
	st->nrows = out;
}

/*
 * fit_reserve
 *		Make room for 'more' rows: first by collapsing duplicates, then by
 *		doubling the array; 54000 past FIT_MAX_ROWS distinct rows.
 */
static void
fit_reserve(FitState *st, int64 more)
{
	int64		newcap;

	if (st->nrows + more <= st->capacity)
		return;
	fit_collapse(st);
	if (st->nrows + more <= st->capacity / 2 + 1 && st->nrows + more <= st->capacity)
		return;
	if (st->nrows + more > FIT_MAX_ROWS)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("too many distinct customer summaries in one fit: more than " INT64_FORMAT,
						FIT_MAX_ROWS),
				 errhint("Round t_x and t (for example to whole days) so that identical summaries collapse, or fit on a sample.")));
	newcap = Max(st->capacity * 2, 256);
	newcap = Max(newcap, st->nrows + more);
	newcap = Min(newcap, FIT_MAX_ROWS);
	if (st->rows == NULL)
		st->rows = MemoryContextAllocHuge(st->ctx, newcap * sizeof(FitRow));
	else
		st->rows = repalloc_huge(st->rows, newcap * sizeof(FitRow));
	st->capacity = newcap;
}

/*
 * fit_add
 *		Append one row (normalising -0 to 0 so it collapses with 0).
 */
static void
fit_add(FitState *st, double x, double u, double v, double w)
{
	FitRow	   *row;

	fit_reserve(st, 1);
	row = &st->rows[st->nrows++];
	row->x = x + 0.0;
	row->u = u + 0.0;
	row->v = v + 0.0;
	row->w = w;
}

/*
 * fit_transition_state
 *		The fit state of a transition call, created on the group's first row.
 */
static FitState *
fit_transition_state(FunctionCallInfo fcinfo, const char *fn)
{
	MemoryContext aggctx = eng_agg_context(fcinfo, fn);

	if (PG_ARGISNULL(0))
		return fit_create(aggctx);
	return (FitState *) PG_GETARG_POINTER(0);
}

/*
 * fit_merge_penalizer
 *		Record the penalizer c of a group (from a row or a merged state): every
 *		row of a group must carry the same one.
 */
static void
fit_merge_penalizer(FitState *st, double c, const char *fn)
{
	if (st->penalized && st->penalizer != c)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s penalizer must be the same on every row of a group, got %g and %g",
						fn, st->penalizer, c),
				 errhint("Pass the penalizer as a constant.")));
	st->penalized = true;
	st->penalizer = c;
}

/*
 * fit_set_penalizer
 *		The optional penalizer argument at argno: not NULL, finite, >= 0.
 */
static void
fit_set_penalizer(FunctionCallInfo fcinfo, FitState *st, int argno, const char *fn)
{
	double		c;

	if (PG_NARGS() <= argno)
		return;
	if (PG_ARGISNULL(argno))
		eng_null_argument("the penalizer", fn);
	c = PG_GETARG_FLOAT8(argno);
	if (!isfinite(c) || c < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s penalizer must be finite and >= 0, got %g", fn, c),
				 errhint("The penalizer is lifetimes' penalizer_coef; 0 means no penalty, 0.001 to 0.1 are usual.")));
	fit_merge_penalizer(st, c + 0.0, fn);
}

/*
 * fit_merge_model
 *		Record the model parameters of a standard-error group: every row of a
 *		group must carry the same model.
 */
static void
fit_merge_model(FitState *st, int n, const double *p, const char *fn)
{
	if (st->nmodel != 0 && memcmp(st->model, p, n * sizeof(double)) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s model must be the same on every row of a group", fn),
				 errhint("Pass one model per group, e.g. from a one-row subquery or a CROSS JOIN with the fit.")));
	memcpy(st->model, p, n * sizeof(double));
	st->nmodel = n;
}

/*
 * fit_customer_row
 *		Add the (x, t_x, t [, weight]) arguments starting at first; rows with a
 *		NULL argument or zero weight are skipped, invalid summaries rejected.
 */
static void
fit_customer_row(FunctionCallInfo fcinfo, FitState *st, int first, const char *fn)
{
	double		w = eng_row_weight(fcinfo, first + 3, fn);
	double		x,
				tx,
				t;

	if (PG_ARGISNULL(first) || PG_ARGISNULL(first + 1) || PG_ARGISNULL(first + 2) || w <= 0)
		return;
	x = PG_GETARG_FLOAT8(first);
	tx = PG_GETARG_FLOAT8(first + 1);
	t = PG_GETARG_FLOAT8(first + 2);
	check_customer(fn, x, tx, t);
	fit_add(st, x, tx, t, w);
}

/*
 * fit_spend_row
 *		Add the (x, monetary [, weight]) arguments starting at first; rows with
 *		a NULL argument are skipped.  Customers without repeat purchases (x = 0)
 *		carry no spend information: they are kept as (0, 0) rows only so that
 *		the final function can tell "no repeat buyer" (an error) from "no rows"
 *		(NULL).
 */
static void
fit_spend_row(FunctionCallInfo fcinfo, FitState *st, int first, const char *fn)
{
	double		w = eng_row_weight(fcinfo, first + 2, fn);
	double		x,
				m;

	if (PG_ARGISNULL(first) || PG_ARGISNULL(first + 1) || w <= 0)
		return;
	x = PG_GETARG_FLOAT8(first);
	m = PG_GETARG_FLOAT8(first + 1);
	check_frequency(fn, x);
	if (x == 0)
		m = 0.0;
	else
		check_monetary(fn, x, m);
	fit_add(st, x, m, 0.0, w);
}

/*
 * customer_fit_trans
 *		Transition of the fits of (x, t_x, t) models: (internal, x, t_x, t
 *		[, weight [, penalizer]]).
 */
Datum
customer_fit_trans(FunctionCallInfo fcinfo, const char *fn)
{
	FitState   *st = fit_transition_state(fcinfo, fn);

	fit_set_penalizer(fcinfo, st, 5, fn);
	fit_customer_row(fcinfo, st, 1, fn);
	PG_RETURN_POINTER(st);
}

/*
 * bgnbd_fit_trans(internal, x, t_x, t [, weight [, penalizer]])
 *		Add one customer summary (customer_fit_trans).
 */
Datum
bgnbd_fit_trans(PG_FUNCTION_ARGS)
{
	return customer_fit_trans(fcinfo, "bgnbd_fit");
}

/*
 * gamma_gamma_fit_trans(internal, x, monetary [, weight [, penalizer]])
 *		Add one customer (fit_spend_row).
 */
Datum
gamma_gamma_fit_trans(PG_FUNCTION_ARGS)
{
	const char *fn = "gamma_gamma_fit";
	FitState   *st = fit_transition_state(fcinfo, fn);

	fit_set_penalizer(fcinfo, st, 4, fn);
	fit_spend_row(fcinfo, st, 1, fn);
	PG_RETURN_POINTER(st);
}

/*
 * customer_se_trans
 *		Transition of the standard-error aggregates of (x, t_x, t) models:
 *		(internal, model, x, t_x, t [, weight]); the model must not be NULL
 *		and must be the same on every row.
 */
Datum
customer_se_trans(FunctionCallInfo fcinfo, const CustomerModel *cm)
{
	FitState   *st = fit_transition_state(fcinfo, cm->se_fn);
	double		p[NM_MAX_DIM];

	if (PG_ARGISNULL(1))
		eng_null_argument("the model", cm->se_fn);
	get_model_params(fcinfo, 1, cm, p);
	fit_merge_model(st, cm->np, p, cm->se_fn);
	fit_customer_row(fcinfo, st, 2, cm->se_fn);
	PG_RETURN_POINTER(st);
}

/*
 * btyd_fit_combine(internal, internal) -> internal
 *		Merge two fit states (shared by every fit and standard-error
 *		aggregate), with their penalizer and model.  Not strict: a NULL side
 *		means "no rows yet"; the left state is extended in place.
 */
Datum
btyd_fit_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggctx = eng_agg_context(fcinfo, "btyd_fit_combine");
	FitState   *dst;
	FitState   *src;

	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_POINTER(PG_GETARG_POINTER(0));
	}
	src = (FitState *) PG_GETARG_POINTER(1);
	dst = PG_ARGISNULL(0) ? fit_create(aggctx) : (FitState *) PG_GETARG_POINTER(0);
	if (src->penalized)
		fit_merge_penalizer(dst, src->penalizer, "btyd_fit_combine");
	if (src->nmodel > 0)
		fit_merge_model(dst, src->nmodel, src->model, "btyd_fit_combine");
	if (src->nrows > 0)
	{
		fit_reserve(dst, src->nrows);
		memcpy(dst->rows + dst->nrows, src->rows, src->nrows * sizeof(FitRow));
		dst->nrows += src->nrows;
	}
	PG_RETURN_POINTER(dst);
}

/*
 * btyd_fit_serialize(internal) -> bytea
 *		Portable form for parallel workers: format byte, int64 row count, the
 *		penalizer and the model, then x, u, v, w of every row as network-order
 *		float8.
 */
Datum
btyd_fit_serialize(PG_FUNCTION_ARGS)
{
	FitState   *st;
	StringInfoData buf;

	(void) eng_agg_context(fcinfo, "btyd_fit_serialize");
	st = (FitState *) PG_GETARG_POINTER(0);
	if ((Size) st->nrows > (MaxAllocSize - ENG_SERIAL_SLACK) / FIT_ROW_SERIAL_SIZE)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("too many distinct customer summaries to pass to a parallel worker: " INT64_FORMAT,
						st->nrows),
				 errhint("Round t_x and t so that identical summaries collapse, or disable parallel query for this statement (SET max_parallel_workers_per_gather = 0).")));
	pq_begintypsend(&buf);
	enlargeStringInfo(&buf, 16 + st->nrows * FIT_ROW_SERIAL_SIZE);
	pq_sendbyte(&buf, FIT_SERIAL_FORMAT);
	pq_sendint64(&buf, st->nrows);
	pq_sendbyte(&buf, st->penalized ? 1 : 0);
	pq_sendfloat8(&buf, st->penalizer);
	pq_sendbyte(&buf, st->nmodel);
	for (int i = 0; i < st->nmodel; i++)
		pq_sendfloat8(&buf, st->model[i]);
	for (int64 i = 0; i < st->nrows; i++)
	{
		pq_sendfloat8(&buf, st->rows[i].x);
		pq_sendfloat8(&buf, st->rows[i].u);
		pq_sendfloat8(&buf, st->rows[i].v);
		pq_sendfloat8(&buf, st->rows[i].w);
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/*
 * btyd_fit_deserialize(bytea, internal) -> internal
 *		Rebuild a fit state in the aggregate context, checking the format byte,
 *		the penalizer and model, the length against the bytes present, and that
 *		every value is one a
 *		transition function could have stored.
 */
Datum
btyd_fit_deserialize(PG_FUNCTION_ARGS)
{
	MemoryContext aggctx = eng_agg_context(fcinfo, "btyd_fit_deserialize");
	bytea	   *b = PG_GETARG_BYTEA_PP(0);
	StringInfoData buf;
	FitState   *st;
	int64		n;
	int			penalized;

	eng_state_reader(b, &buf);
	if (buf.len < 9)
		eng_corrupt_state("btyd fit state", "too short");
	if (pq_getmsgbyte(&buf) != FIT_SERIAL_FORMAT)
		eng_corrupt_state("btyd fit state", "unknown format byte");
	n = pq_getmsgint64(&buf);
	if (buf.len - buf.cursor < 10)
		eng_corrupt_state("btyd fit state", "too short");
	st = fit_create(aggctx);
	penalized = pq_getmsgbyte(&buf);
	st->penalizer = pq_getmsgfloat8(&buf);
	st->nmodel = pq_getmsgbyte(&buf);
	if (penalized > 1 || !isfinite(st->penalizer) || st->penalizer < 0 ||
		(penalized == 0 && st->penalizer != 0) || st->nmodel > NM_MAX_DIM ||
		buf.len - buf.cursor < st->nmodel * (int) sizeof(double))
		eng_corrupt_state("btyd fit state", "invalid penalizer or model");
	st->penalized = penalized == 1;
	for (int i = 0; i < st->nmodel; i++)
	{
		st->model[i] = pq_getmsgfloat8(&buf);
		if (!isfinite(st->model[i]) || st->model[i] <= 0)
			eng_corrupt_state("btyd fit state", "invalid model parameter");
	}
	if (n < 0 || n > FIT_MAX_ROWS || n != (buf.len - buf.cursor) / FIT_ROW_SERIAL_SIZE ||
		(buf.len - buf.cursor) % FIT_ROW_SERIAL_SIZE != 0)
		eng_corrupt_state("btyd fit state", "row count does not match length");

	fit_reserve(st, n);
	for (int64 i = 0; i < n; i++)
	{
		FitRow	   *row = &st->rows[i];

		row->x = pq_getmsgfloat8(&buf);
		row->u = pq_getmsgfloat8(&buf);
		row->v = pq_getmsgfloat8(&buf);
		row->w = pq_getmsgfloat8(&buf);
		if (!isfinite(row->x) || !isfinite(row->u) || !isfinite(row->v) ||
			!isfinite(row->w) || row->w <= 0 || row->x < 0)
			eng_corrupt_state("btyd fit state", "invalid row");
	}
	st->nrows = n;
	PG_RETURN_POINTER(st);
}

/*
 * fit_final_rows
 *		The collapsed rows of a final call and their total weight, without the
 *		x = 0 rows if skip_zero_x; false when the group had no row at all (the
 *		aggregate then returns NULL); d also gets the group's penalizer.
 */
static bool
fit_final_rows(FunctionCallInfo fcinfo, const char *fn, FitData *d, bool skip_zero_x)
{
	FitState   *st;

	(void) eng_agg_context(fcinfo, fn);
	if (PG_ARGISNULL(0))
		return false;
	st = (FitState *) PG_GETARG_POINTER(0);
	if (st->nrows == 0)
		return false;
	fit_collapse(st);
	d->rows = st->rows;
	d->nrows = st->nrows;
	/* rows are sorted by x, so x = 0 can only be the first one */
	if (skip_zero_x && d->rows[0].x == 0)
	{
		d->rows++;
		d->nrows--;
	}
	d->total_w = 0.0;
	for (int64 i = 0; i < d->nrows; i++)
		d->total_w += d->rows[i].w;
	d->penalizer = st->penalizer;
	d->model = NULL;
	return true;
}

/*
 * too_few_customers
 *		The error for a sample too small to estimate the model at all.
 */
static void
too_few_customers(const char *fn, const char *who, double n)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("%s needs at least %g %s, got %g", fn, FIT_MIN_CUSTOMERS, who, n),
			 errhint("Fit on a larger group of customers (for example the whole acquisition cohort rather than one segment).")));
}

/*
 * run_fit
 *		Maximise the likelihood from the start point theta (log-parameters)
 *		and check the outcome: 54000 if the optimiser does not converge, 22023
 *		if a parameter ends at the edge of the box (the data cannot identify
 *		the model).
 */
static void
run_fit(const char *fn, nm_objective f, FitData *d, int n, double *theta,
		const char *const *names, NMResult *res)
{
	NMOptions	opt = {FIT_NM_STEP, FIT_NM_FTOL, FIT_NM_XTOL, FIT_NM_MAX_ITER, FIT_NM_MAX_RESTARTS};

	if (!isfinite(f(theta, d)))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s cannot evaluate the likelihood on these data", fn),
				 errhint("Check the input for extreme values.")));
	nm_minimize(f, d, n, theta, &opt, res);
	for (int i = 0; i < n; i++)
		if (fabs(theta[i]) > FIT_LOG_BOUND - FIT_LOG_MARGIN)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("the data of %s do not identify the model: parameter %s %s",
							fn, names[i], theta[i] > 0 ? "grows without bound" : "tends to zero"),
					 errhint("The customers are too similar to estimate every parameter (for example all with the same summary, or no customer who appears to have dropped out). Fit on a larger, more varied group.")));
	if (!res->converged)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("%s did not converge within %d iterations", fn, res->iterations),
				 errhint("The likelihood is too flat to locate a maximum: fit on more customers, or check the summaries for outliers.")));
}

/*
 * model_tuple
 *		The result composite of a fit final function: the np parameters, then
 *		ll, n, iterations and converged.
 */
static Datum
model_tuple(FunctionCallInfo fcinfo, const double *params, int np, double ll,
			double n, const NMResult *res)
{
	TupleDesc	tupdesc;
	Datum		values[NM_MAX_DIM + 4];
	bool		nulls[NM_MAX_DIM + 4] = {false};

	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "fit final function must return a composite type");
	for (int i = 0; i < np; i++)
		values[i] = Float8GetDatum(params[i]);
	values[np] = Float8GetDatum(ll);
	values[np + 1] = Float8GetDatum(n);
	values[np + 2] = Int32GetDatum(res->iterations);
	values[np + 3] = BoolGetDatum(res->converged);
	tupdesc = BlessTupleDesc(tupdesc);
	return HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls));
}

/*
 * customer_fit_final
 *		Final function of the fits of (x, t_x, t) models: check that the data
 *		can identify the model, minimise the mean negative log-likelihood plus
 *		the penalty on times rescaled by 1/max(t), and report the parameters,
 *		the (unpenalized) log-likelihood in the caller's time unit, number of
 *		customers and iterations.
 */
Datum
customer_fit_final(FunctionCallInfo fcinfo, const CustomerModel *cm)
{
	FitData		d;
	NMResult	res;
	double		theta[NM_MAX_DIM] = {0.0};
	double		p[NM_MAX_DIM];
	double		max_t = 0.0,
				repeaters = 0.0;

	if (!fit_final_rows(fcinfo, cm->fit_fn, &d, false))
		PG_RETURN_NULL();
	for (int64 i = 0; i < d.nrows; i++)
	{
		max_t = Max(max_t, d.rows[i].v);
		if (d.rows[i].x > 0)
			repeaters += d.rows[i].w;
	}
	if (d.total_w < FIT_MIN_CUSTOMERS)
		too_few_customers(cm->fit_fn, "customers", d.total_w);
	if (repeaters == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s found no customer with a repeat purchase (every x is 0)", cm->fit_fn),
				 errhint("%s learns the purchase rate and dropout from repeat purchases; use a longer calibration period or a larger group.",
						 cm->label)));
	d.scale = 1.0 / max_t;
	d.model = cm;
	run_fit(cm->fit_fn, customer_objective, &d, cm->np, theta, cm->names, &res);

	for (int i = 0; i < cm->np; i++)
		p[i] = exp(theta[i]) / (cm->time_unit[i] ? d.scale : 1.0);
	PG_RETURN_DATUM(model_tuple(fcinfo, p, cm->np, customer_sample_loglik(p, &d),
								d.total_w, &res));
}

/*
 * bgnbd_loglik
 *		bgnbd_loglik_row at the parameter array (r, alpha, a, b).
 */
static double
bgnbd_loglik(const double *p, double x, double tx, double t)
{
	BgnbdParams m = {p[0], p[1], p[2], p[3]};

	return bgnbd_loglik_row(&m, x, tx, t);
}

/* BG/NBD as a CustomerModel: alpha is in the time unit */
static const char *const bgnbd_names[4] = {"r", "alpha", "a", "b"};
static const bool bgnbd_time_unit[4] = {false, true, false, false};
static const CustomerModel bgnbd_cm = {
	"BG/NBD", "bgnbd_fit", "bgnbd_standard_errors", "bgnbd_model", 4,
	bgnbd_names, bgnbd_time_unit, bgnbd_loglik
};

/*
 * bgnbd_fit_final(internal) -> bgnbd_model
 *		Maximum-likelihood (or penalized) BG/NBD fit (customer_fit_final).
 */
Datum
bgnbd_fit_final(PG_FUNCTION_ARGS)
{
	return customer_fit_final(fcinfo, &bgnbd_cm);
}

/*
 * se_array
 *		The standard errors as a float8[] in parameter order.
 */
static Datum
se_array(const double *se, int np)
{
	Datum		d[NM_MAX_DIM];

	for (int i = 0; i < np; i++)
		d[i] = Float8GetDatum(se[i]);
	return PointerGetDatum(construct_array(d, np, FLOAT8OID, sizeof(float8),
										   FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
}

/*
 * customer_se_final
 *		Final function of the standard-error aggregates of (x, t_x, t) models:
 *		square roots of the diagonal of the inverse observed information of
 *		the group's rows at the model's parameters (information.c); NULL
 *		without rows.
 */
Datum
customer_se_final(FunctionCallInfo fcinfo, const CustomerModel *cm)
{
	FitData		d;
	double		se[NM_MAX_DIM];

	if (!fit_final_rows(fcinfo, cm->se_fn, &d, false))
		PG_RETURN_NULL();
	d.model = cm;
	info_standard_errors(cm->se_fn, customer_sample_loglik, &d, cm->np,
						 ((FitState *) PG_GETARG_POINTER(0))->model, cm->names, se);
	PG_RETURN_DATUM(se_array(se, cm->np));
}

/*
 * bgnbd_se_trans(internal, bgnbd_model, x, t_x, t [, weight])
 *		Transition of bgnbd_standard_errors (customer_se_trans).
 */
Datum
bgnbd_se_trans(PG_FUNCTION_ARGS)
{
	return customer_se_trans(fcinfo, &bgnbd_cm);
}

/*
 * bgnbd_se_final(internal) -> float8[]
 *		Standard errors of r, alpha, a, b (customer_se_final).
 */
Datum
bgnbd_se_final(PG_FUNCTION_ARGS)
{
	return customer_se_final(fcinfo, &bgnbd_cm);
}

/*
 * gamma_gamma_fit_final(internal) -> gamma_gamma_model
 *		Maximise the Gamma-Gamma likelihood of the repeat buyers on amounts
 *		rescaled by 1/mean, and report p, q, gamma, log-likelihood (density
 *		of the mean spend, in the caller's currency), customers, iterations.
 */
Datum
gamma_gamma_fit_final(PG_FUNCTION_ARGS)
{
	static const char *const names[3] = {"p", "q", "gamma"};
	const char *fn = "gamma_gamma_fit";
	FitData		d;
	NMResult	res;
	double		theta[3] = {0.0, 0.0, 0.0};
	double		spend = 0.0,
				ll = 0.0;
	GammaGammaParams g;

	if (!fit_final_rows(fcinfo, fn, &d, true))
		PG_RETURN_NULL();
	if (d.nrows == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("gamma_gamma_fit found no customer with a repeat purchase (every x is 0)"),
				 errhint("Gamma-Gamma learns from the spend of repeat purchases; use a longer calibration period or a larger group.")));
	if (d.total_w < FIT_MIN_CUSTOMERS)
		too_few_customers(fn, "customers with repeat purchases", d.total_w);
	for (int64 i = 0; i < d.nrows; i++)
		spend += d.rows[i].w * d.rows[i].u;
	d.scale = d.total_w / spend;
	run_fit(fn, gg_objective, &d, 3, theta, names, &res);

	g.p = exp(theta[0]);
	g.q = exp(theta[1]);
	g.gamma = exp(theta[2]) / d.scale;
	for (int64 i = 0; i < d.nrows; i++)
		ll += d.rows[i].w * gg_loglik_row(&g, d.rows[i].x, d.rows[i].u);

	PG_RETURN_DATUM(model_tuple(fcinfo, (const double[]) {g.p, g.q, g.gamma}, 3,
								ll, d.total_w, &res));
}

/*
 * gamma_gamma_se_trans(internal, gamma_gamma_model, x, monetary [, weight])
 *		Transition of gamma_gamma_standard_errors: the model (not NULL, the
 *		same on every row) and one customer (fit_spend_row).
 */
Datum
gamma_gamma_se_trans(PG_FUNCTION_ARGS)
{
	const char *fn = "gamma_gamma_standard_errors";
	FitState   *st = fit_transition_state(fcinfo, fn);
	GammaGammaParams g;

	if (PG_ARGISNULL(1))
		eng_null_argument("the model", fn);
	get_gg_model(fcinfo, 1, &g, false);
	fit_merge_model(st, 3, (const double[]) {g.p, g.q, g.gamma}, fn);
	fit_spend_row(fcinfo, st, 2, fn);
	PG_RETURN_POINTER(st);
}

/*
 * gamma_gamma_se_final(internal) -> float8[]
 *		Standard errors of p, q, gamma from the inverse observed information
 *		of the repeat buyers at the model's parameters; NULL without rows.
 */
Datum
gamma_gamma_se_final(PG_FUNCTION_ARGS)
{
	static const char *const names[3] = {"p", "q", "gamma"};
	const char *fn = "gamma_gamma_standard_errors";
	FitData		d;
	double		se[3];

	if (!fit_final_rows(fcinfo, fn, &d, true))
		PG_RETURN_NULL();
	if (d.nrows == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s found no customer with a repeat purchase (every x is 0)", fn),
				 errhint("Gamma-Gamma learns from the spend of repeat purchases.")));
	info_standard_errors(fn, gg_sample_loglik, &d, 3,
						 ((FitState *) PG_GETARG_POINTER(0))->model, names, se);
	PG_RETURN_DATUM(se_array(se, 3));
}


/* ------------------------------------------------------------------ */
/* Point functions                                                     */
/* ------------------------------------------------------------------ */

/*
 * bgnbd_log_likelihood(model, x, t_x, t) -> float8
 *		ln L of one customer; summed over customers it is the sample
 *		log-likelihood (compare models, or check a published fit).
 */
Datum
bgnbd_log_likelihood(PG_FUNCTION_ARGS)
{
	BgnbdParams m;
	double		x,
				tx,
				t;

	get_bgnbd_customer(fcinfo, "bgnbd_log_likelihood", &m, &x, &tx, &t);
	PG_RETURN_FLOAT8(check_result_range("bgnbd_log_likelihood", bgnbd_loglik_row(&m, x, tx, t)));
}

/*
 * bgnbd_expected_purchases(model, t) -> float8
 *		E[X(t)]: expected repeat purchases of a new customer in the first t
 *		time units after the first purchase.
 */
Datum
bgnbd_expected_purchases(PG_FUNCTION_ARGS)
{
	BgnbdParams m;
	double		t = PG_GETARG_FLOAT8(1);

	get_bgnbd_model(fcinfo, 0, &m);
	check_time_arg("bgnbd_expected_purchases", "t", t);
	PG_RETURN_FLOAT8(bgnbd_alive_expectation(&m, 0.0, 0.0, t));
}

/*
 * bgnbd_conditional_expected_purchases(model, x, t_x, t, horizon) -> float8
 *		E[Y(horizon) | x, t_x, t]: expected purchases in the next horizon time
 *		units, computed as N * P(alive) so that it stays finite when the
 *		textbook denominator overflows.
 */
Datum
bgnbd_conditional_expected_purchases(PG_FUNCTION_ARGS)
{
	const char *fn = "bgnbd_conditional_expected_purchases";
	BgnbdParams m;
	double		x,
				tx,
				t,
				h = PG_GETARG_FLOAT8(4);
	double		alive;

	get_bgnbd_customer(fcinfo, fn, &m, &x, &tx, &t);
	check_time_arg(fn, "horizon", h);
	alive = bgnbd_p_alive_value(&m, x, tx, t);
	if (alive == 0.0)
		PG_RETURN_FLOAT8(0.0);
	PG_RETURN_FLOAT8(bgnbd_alive_expectation(&m, x, t, h) * alive);
}

/*
 * bgnbd_purchases_probability(model, t, n) -> float8
 *		P(X(t) = n): probability that a new customer makes exactly n repeat
 *		purchases in the first t time units after the first purchase (the
 *		distribution whose mean is bgnbd_expected_purchases).
 */
Datum
bgnbd_purchases_probability(PG_FUNCTION_ARGS)
{
	const char *fn = "bgnbd_purchases_probability";
	BgnbdParams m;
	double		t = PG_GETARG_FLOAT8(1);
	int32		n = PG_GETARG_INT32(2);

	get_bgnbd_model(fcinfo, 0, &m);
	check_time_arg(fn, "t", t);
	if (n < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s n must be >= 0, got %d", fn, n),
				 errhint("n is a number of repeat purchases.")));
	PG_RETURN_FLOAT8(check_result_range(fn, bgnbd_purchases_probability_value(&m, t, n)));
}

/*
 * bgnbd_p_alive(model, x, t_x, t) -> float8
 *		Probability that the customer has not dropped out by age t.
 */
Datum
bgnbd_p_alive(PG_FUNCTION_ARGS)
{
	BgnbdParams m;
	double		x,
				tx,
				t;

	get_bgnbd_customer(fcinfo, "bgnbd_p_alive", &m, &x, &tx, &t);
	PG_RETURN_FLOAT8(bgnbd_p_alive_value(&m, x, tx, t));
}

/*
 * gamma_gamma_log_likelihood(model, x, monetary) -> float8
 *		ln density of one repeat buyer's mean spend; NULL for x = 0 (such
 *		customers are not part of the Gamma-Gamma likelihood).
 */
Datum
gamma_gamma_log_likelihood(PG_FUNCTION_ARGS)
{
	const char *fn = "gamma_gamma_log_likelihood";
	GammaGammaParams g;
	double		x = PG_GETARG_FLOAT8(1),
				m = PG_GETARG_FLOAT8(2);

	get_gg_model(fcinfo, 0, &g, false);
	check_frequency(fn, x);
	if (x == 0)
		PG_RETURN_NULL();
	check_monetary(fn, x, m);
	PG_RETURN_FLOAT8(check_result_range(fn, gg_loglik_row(&g, x, m)));
}

/*
 * gamma_gamma_expected_spend(model, x, monetary) -> float8
 *		Expected mean spend of the customer's future transactions; the
 *		population mean for x = 0 (monetary is then ignored).
 */
Datum
gamma_gamma_expected_spend(PG_FUNCTION_ARGS)
{
	const char *fn = "gamma_gamma_expected_spend";
	GammaGammaParams g;
	double		x = PG_GETARG_FLOAT8(1),
				m = PG_GETARG_FLOAT8(2),
				v;
	int			exp2;

	get_gg_model(fcinfo, 0, &g, true);
	check_frequency(fn, x);
	check_monetary(fn, x, m);
	v = gg_expected_spend_value(&g, x, m, &exp2);
	PG_RETURN_FLOAT8(check_result_range(fn, ldexp(v, exp2)));
}

/*
 * btyd_clv(bgnbd_model, gamma_gamma_model, x, t_x, t, monetary, horizon,
 *			discount_rate, period) -> float8
 *		Discounted expected spend over the next horizon time units: periods of
 *		'period' units, each period's expected purchases (difference of the
 *		conditional expectation) times the expected spend per purchase,
 *		discounted by (1 + discount_rate)^(end of period / period); a final
 *		partial period is discounted at its fractional exponent.  With
 *		period = 30, horizon = 360 on daily data this is lifetimes'
 *		customer_lifetime_value(time = 12 months, discount_rate).
 */
Datum
btyd_clv(PG_FUNCTION_ARGS)
{
	const char *fn = "clv";
	BgnbdParams m;
	GammaGammaParams g;
	double		x = PG_GETARG_FLOAT8(2),
				tx = PG_GETARG_FLOAT8(3),
				t = PG_GETARG_FLOAT8(4),
				monetary = PG_GETARG_FLOAT8(5),
				horizon = PG_GETARG_FLOAT8(6),
				rate = PG_GETARG_FLOAT8(7),
				period = PG_GETARG_FLOAT8(8);
	double		alive,
				spend,
				nperiods,
				prev = 0.0,
				sum = 0.0;
	int			spend_exp2;

	get_bgnbd_model(fcinfo, 0, &m);
	get_gg_model(fcinfo, 1, &g, true);
	check_customer(fn, x, tx, t);
	check_monetary(fn, x, monetary);
	check_time_arg(fn, "horizon", horizon);
	if (!isfinite(rate) || rate < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("clv discount_rate must be finite and >= 0, got %g", rate),
				 errhint("Pass the discount rate per period as a fraction, e.g. 0.01 for 1%% a month.")));
	if (!isfinite(period) || period <= 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("clv period must be positive and finite, got %g", period),
				 errhint("period is the length of one discounting period in the model's time unit, e.g. 4.345 weeks for a month.")));
	/* a horizon within rounding error of a whole number of periods is one */
	nperiods = ceil(horizon / period - 1e-9);
	if (nperiods > CLV_MAX_PERIODS)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("clv horizon / period is %g periods, more than %d", nperiods, CLV_MAX_PERIODS),
				 errhint("Use a longer discounting period.")));

	alive = bgnbd_p_alive_value(&m, x, tx, t);
	spend = gg_expected_spend_value(&g, x, monetary, &spend_exp2);
	if (horizon == 0.0)
		PG_RETURN_FLOAT8(0.0);
	for (int k = 1; k <= (int) nperiods; k++)
	{
		double		end = (k == (int) nperiods) ? horizon : k * period;
		double		cum = bgnbd_alive_expectation(&m, x, t, end);

		sum += (cum - prev) / pow(1.0 + rate, end / period);
		prev = cum;
		CHECK_FOR_INTERRUPTS();
	}
	/*
	 * P(alive) below the normal double range (x in the thousands, a long
	 * silence) while the spend is huge (it is carried as a power of two):
	 * multiply in logs, ln P(alive) = -u - log1p(e^-u), so the product is not
	 * a spurious 0
	 */
	if (alive < DBL_MIN && sum > 0.0)
	{
		double		u = bgnbd_alive_exponent(&m, x, tx, t);

		PG_RETURN_FLOAT8(check_result_range(fn, exp(-u - log1p(exp(-u)) + log(spend * sum) +
													 spend_exp2 * M_LN2)));
	}
	PG_RETURN_FLOAT8(check_result_range(fn, ldexp(spend * alive * sum, spend_exp2)));
}
