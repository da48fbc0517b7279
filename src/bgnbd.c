/*
 * bgnbd.c
 *		The BG/NBD model of repeat purchasing (Fader, Hardie & Lee 2005): its
 *		likelihood and the CustomerModel its fit and standard errors run on
 *		(btyd.c), and its point functions: log-likelihood, expected purchases,
 *		conditional expected purchases, probability of n purchases and
 *		probability of being alive.  The expectations are sums of positive
 *		terms rather than hypergeometric functions (bgnbd_alive_expectation).
 */
#include "postgres.h"

#include <float.h>
#include <math.h>

#include "funcapi.h"
#include "miscadmin.h"
#include "utils/builtins.h"

#include "btyd.h"
#include "engagement.h"
#include "optimize.h"

PG_FUNCTION_INFO_V1(bgnbd_fit_trans);
PG_FUNCTION_INFO_V1(bgnbd_fit_final);
PG_FUNCTION_INFO_V1(bgnbd_se_trans);
PG_FUNCTION_INFO_V1(bgnbd_se_final);
PG_FUNCTION_INFO_V1(bgnbd_log_likelihood);
PG_FUNCTION_INFO_V1(bgnbd_expected_purchases);
PG_FUNCTION_INFO_V1(bgnbd_conditional_expected_purchases);
PG_FUNCTION_INFO_V1(bgnbd_p_alive);
PG_FUNCTION_INFO_V1(bgnbd_purchases_probability);

/* terms of the negative binomial sums of bgnbd_purchases_probability (about 1 s) */
#define NB_MAX_TERMS 10000000

/*
 * Series summation: a sum stops once a geometric bound on its remaining tail is below
 * SERIES_TAIL_TOL of the partial sum; terms past the mode of the alive-expectation sum
 * are counted from EXPECTATION_TAIL_TERMS beyond the mean; partial sums are rescaled by
 * 2^-SERIES_RESCALE_EXP once a term passes 2^SERIES_RESCALE_EXP.
 */
#define SERIES_TAIL_TOL 1e-17
#define EXPECTATION_TAIL_TERMS 40.0
#define SERIES_RESCALE_EXP 600


/* ------------------------------------------------------------------ */
/* Model mathematics                                                  */
/* ------------------------------------------------------------------ */

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
 * bgnbd_alive_exponent
 *		u of P(alive) = 1 / (1 + e^u) (bgnbd_p_alive_value) for x > 0, written
 *		so that alpha + t, b + x and r + x may overflow.
 */
double
bgnbd_alive_exponent(const BgnbdParams *m, double x, double tx, double t)
{
	double		d = log_of_sum(m->alpha, t) - log_of_sum(m->alpha, tx);

	return log(m->a) - log_of_sum(m->b, x - 1.0) + m->r * d + x * d;
}

/*
 * bgnbd_p_alive_value
 *		P(alive | x, t_x, t) = 1 / (1 + e^u) with
 *		u = ln a - ln(b+x-1) + (r+x) ln((alpha+t)/(alpha+t_x)).  Exactly 1 for
 *		x = 0: BG/NBD customers only drop out right after a repeat purchase.
 */
double
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
 *		54000 (at once in the first case), naming the model family (bgnbd or
 *		mbgnbd, whose caller shifts b).  h = 0 gives exactly 0.
 */
double
bgnbd_alive_expectation(const BgnbdParams *m, double x, double t, double h, const char *family)
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
			 errmsg("%s expected purchases: more than %d terms needed for horizon %g at age %g",
					family, NB_MAX_TERMS, h, t),
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

/* ------------------------------------------------------------------ */
/* Arguments                                                          */
/* ------------------------------------------------------------------ */

/*
 * get_bgnbd_model
 *		The parameters of the bgnbd_model argument argno.
 */
void
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

/* ------------------------------------------------------------------ */
/* Fit and standard errors                                            */
/* ------------------------------------------------------------------ */

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

/* ------------------------------------------------------------------ */
/* Point functions                                                    */
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
	PG_RETURN_FLOAT8(bgnbd_alive_expectation(&m, 0.0, 0.0, t, "bgnbd"));
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
	PG_RETURN_FLOAT8(bgnbd_alive_expectation(&m, x, t, h, "bgnbd") * alive);
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
