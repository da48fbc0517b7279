/*
 * pareto_nbd.c
 *		The Pareto/NBD model of repeat purchasing (Schmittlein, Morrison &
 *		Colombo 1987; likelihood as in Fader, Hardie & Lee's note
 *		"Implementing the Pareto/NBD model"): purchases follow a Poisson
 *		process with rate ~ Gamma(r, alpha) while the customer is alive, the
 *		lifetime is exponential with rate ~ Gamma(s, beta).  Its fit, standard
 *		errors and point functions; the fit state is fitstate.c's and the
 *		generic fit btyd.c's.
 *
 * Everything rests on one integral,
 *		I = int_{t_x}^{T} (alpha+tau)^-(r+x) (beta+tau)^-(s+1) d tau,
 * the probability weight of "alive until t_x, dropped out before T"
 * (Fader-Hardie's s/(r+s+x) A0 = s I).  It is evaluated in logs
 * (pnbd_terms): as a difference of two Gauss hypergeometric tails summed as
 * positive series while their argument is at most PNBD_SERIES_MAX_Z, scaled
 * by alpha^r beta^s so that r and s never multiply a bare logarithm, and by
 * adaptive Gauss-Legendre quadrature of a smooth positive integrand
 * otherwise (arguments near 1, where the series would need millions of
 * terms).
 */
#include "postgres.h"

#include <float.h>
#include <math.h>

#include "fmgr.h"
#include "miscadmin.h"
#include "utils/float.h"

#include "btyd.h"
#include "engagement.h"

PG_FUNCTION_INFO_V1(pareto_nbd_fit_trans);
PG_FUNCTION_INFO_V1(pareto_nbd_fit_final);
PG_FUNCTION_INFO_V1(pareto_nbd_se_trans);
PG_FUNCTION_INFO_V1(pareto_nbd_se_final);
PG_FUNCTION_INFO_V1(pareto_nbd_log_likelihood);
PG_FUNCTION_INFO_V1(pareto_nbd_p_alive);
PG_FUNCTION_INFO_V1(pareto_nbd_expected_purchases);
PG_FUNCTION_INFO_V1(pareto_nbd_conditional_expected_purchases);

/* largest hypergeometric argument summed as a series (at most ~400 terms) */
#define PNBD_SERIES_MAX_Z 0.9

/* relative accuracy asked of series tails and of the quadrature's tail bound */
#define PNBD_REL_TOL 1e-15

/* Gauss-Legendre rule of each quadrature panel */
#define PNBD_GL_POINTS 20

/* parameter order of pareto_nbd_model */
#define P_R 0
#define P_ALPHA 1
#define P_S 2
#define P_BETA 3

/*
 * The two sides of the integrand (big + tau)^-pb (small + tau)^-ps, big >=
 * small: with alpha >= beta, big is alpha with pb = r+x; otherwise big is
 * beta with pb = s+1 (Fader-Hardie's two regimes).
 */
typedef struct PnbdSides
{
	double		big;
	double		small;
	double		pb;
	double		ps;
	double		cb;				/* x (alpha >= beta) or 1: see pnbd_series_log */
	double		cs;				/* 0 (alpha >= beta) or x - 1 */
	double		lbig_x;			/* ln(big + t_x) */
	double		lsmall_x;		/* ln(small + t_x) */
	double		lbig_t;			/* ln(big + T) */
	double		lsmall_t;		/* ln(small + T) */
} PnbdSides;

/*
 * log_plus
 *		ln(u + v) for u, v >= 0: one log while the sum is finite, log_of_sum
 *		beyond.
 */
static inline double
log_plus(double u, double v)
{
	double		s = u + v;

	return isfinite(s) ? log(s) : log_of_sum(u, v);
}

/*
 * pnbd_sides
 *		The regime of parameters p for the customer (x, t_x, T), and the logs of
 *		both sides at t_x and T, computed once for everything that needs them.
 */
static void
pnbd_sides(const double *p, double x, double tx, double t, PnbdSides *sd)
{
	if (p[P_ALPHA] >= p[P_BETA])
	{
		sd->big = p[P_ALPHA];
		sd->small = p[P_BETA];
		sd->pb = p[P_R] + x;
		sd->ps = p[P_S] + 1.0;
		sd->cb = x;
		sd->cs = 0.0;
	}
	else
	{
		sd->big = p[P_BETA];
		sd->small = p[P_ALPHA];
		sd->pb = p[P_S] + 1.0;
		sd->ps = p[P_R] + x;
		sd->cb = 1.0;
		sd->cs = x - 1.0;
	}
	sd->lbig_x = log_plus(sd->big, tx);
	sd->lsmall_x = log_plus(sd->small, tx);
	sd->lbig_t = log_plus(sd->big, t);
	sd->lsmall_t = log_plus(sd->small, t);
}

/*
 * pnbd_series_log
 *		G(y) = ln[alpha^r beta^s F(y) a] - E(y), the part of the tail
 *		F(y) = int_y^inf (big+tau)^-pb (small+tau)^-ps d tau
 *		= (big+y)^-a / a * 2F1(a, ps; a+1; z), a = pb+ps-1 = r+s+x,
 *		z = (big-small)/(big+y), that is not E(y) = -r ln(1 + y/alpha)
 *		- s ln(1 + y/beta) (the caller's), for z <= PNBD_SERIES_MAX_Z.
 *		Euler's transformation turns the 2F1 into (1-z)^(1-ps) 2F1(1, pb; a+1;
 *		z), a series of positive terms whose ratio (pb+n) z/(a+1+n) is below z,
 *		so the rest of the sum after a term is at most term * z/(1-z):
 *		summation stops when that is below PNBD_REL_TOL of the sum.  With
 *		1 - z = (small+y)/(big+y), the power of big+y, that of small+y and
 *		alpha^r beta^s leave G = -cb ln(big+y) - cs ln(small+y) + ln(sum):
 *		cb = x, cs = 0 when alpha >= beta, cb = 1, cs = x-1 otherwise.  Only
 *		these small multiples of logarithms are formed, never r or s times a
 *		logarithm, which would cancel (r = 1e15 loses a whole unit of ln L)
 *		or overflow (s = 1e308).
 */
static double
pnbd_series_log(const PnbdSides *sd, double y, double lbig, double lsmall)
{
	double		a = sd->pb + sd->ps - 1.0;
	double		z = (sd->big - sd->small) / (sd->big + y);
	double		term = 1.0,
				sum = 1.0;

	for (double n = 0.0; term * z > PNBD_REL_TOL * (1.0 - z) * sum; n += 1.0)
	{
		term *= (sd->pb + n) / (a + 1.0 + n) * z;
		sum += term;
	}
	return -sd->cb * lbig - sd->cs * lsmall + log(sum);
}

/*
 * gl_rule
 *		Nodes and weights of the PNBD_GL_POINTS-point Gauss-Legendre rule on
 *		[-1, 1], computed once by Newton's method on the Legendre polynomial.
 */
static void
gl_rule(const double **nodes, const double **weights)
{
	static double xs[PNBD_GL_POINTS],
				ws[PNBD_GL_POINTS];
	static bool done = false;
	const int	n = PNBD_GL_POINTS;

	if (!done)
	{
		for (int i = 0; i < n; i++)
		{
			double		xv = cos(M_PI * (i + 0.75) / (n + 0.5)),
						dp = 1.0;

			for (int it = 0; it < 100; it++)
			{
				double		p0 = 1.0,
							p1 = xv,
							dx;

				for (int k = 2; k <= n; k++)
				{
					double		p2 = ((2.0 * k - 1.0) * xv * p1 - (k - 1.0) * p0) / k;

					p0 = p1;
					p1 = p2;
				}
				dp = n * (xv * p1 - p0) / (xv * xv - 1.0);
				dx = p1 / dp;
				xv -= dx;
				if (fabs(dx) < 1e-16)
					break;
			}
			xs[i] = xv;
			ws[i] = 2.0 / ((1.0 - xv * xv) * dp * dp);
		}
		done = true;
	}
	*nodes = xs;
	*weights = ws;
}

/*
 * log1mexp
 *		ln(1 - e^v) for v < 0 at full relative precision: log1p(-e^v) while e^v
 *		is below one half, log(-expm1(v)) above (Maechler's rule).
 */
static inline double
log1mexp(double v)
{
	return (v < -M_LN2) ? log1p(-exp(v)) : log(-expm1(v));
}

/*
 * pnbd_log_panels
 *		ln K, K = int_0^delta (1 + w/A)^-pa (1 + w/B)^-pb dw: the likelihood
 *		integral from t_x on, relative to its integrand at t_x (A = alpha+t_x,
 *		pa = r+x, B = beta+t_x, pb = s+1), for the arguments where the series
 *		would be slow.  The integrand falls monotonically from 1, over a length
 *		c = 1/(pa/A + pb/B) at first and like a power of w far out, so it is
 *		integrated by PNBD_GL_POINTS-point Gauss-Legendre on panels that double
 *		in width from h = min(c, A, B)/2: each panel is at most as wide as its
 *		distance from the integrand's singularities at w = -A and -B, where
 *		the rule is exact to far below rounding.  Summation stops at delta, or
 *		once the rest, at most (delta - w) times the integrand at w, is below
 *		PNBD_REL_TOL/100 of the sum.  NaN (so 22003 from a point function) when
 *		c is below the double range (r or s near 1e308 with alpha or beta
 *		small).
 */
static double
pnbd_log_panels(double pa, double A, double pb, double B, double delta)
{
	const double *xs,
			   *ws;
	double		c = 1.0 / (pa / A + pb / B);
	double		h = 0.5 * Min(c, Min(A, B));
	double		lo = 0.0,
				sum = 0.0;

	if (!(h > 0.0))
		return get_float8_nan();
	gl_rule(&xs, &ws);
	while (lo < delta)
	{
		double		hi = Min(delta, lo == 0.0 ? h : 2.0 * lo),
					mid = 0.5 * (lo + hi),
					half = 0.5 * (hi - lo),
					panel = 0.0;

		for (int i = 0; i < PNBD_GL_POINTS; i++)
		{
			double		w = mid + half * xs[i];

			panel += ws[i] * exp(-pa * log1p(w / A) - pb * log1p(w / B));
		}
		sum += panel * half;
		lo = hi;
		if ((delta - lo) * exp(-pa * log1p(lo / A) - pb * log1p(lo / B)) <= 0.01 * PNBD_REL_TOL * sum)
			break;
	}
	CHECK_FOR_INTERRUPTS();
	return log(sum);
}

/*
 * pnbd_log_s_over_a
 *		ln(s / (r+s+x)) without overflow or cancellation.
 */
static double
pnbd_log_s_over_a(double s, double rx)
{
	return (s >= rx) ? -log1p(rx / s) : log(s) - log_of_sum(rx, s);
}

/*
 * pnbd_terms
 *		The two terms of a customer's likelihood, in logs: *lalive = ln of
 *		(alpha/(alpha+T))^r (alpha+T)^-x (beta/(beta+T))^s ("alive at T"),
 *		*ldrop = ln of s alpha^r beta^s I ("alive at t_x, gone before T"; -inf
 *		when t_x = T), and *u = *ldrop - *lalive, the log-odds of having dropped
 *		out, which stays right when both terms underflow the double range.
 *		While the hypergeometric argument at t_x allows the series,
 *		I = F(t_x) - F(T) is taken relative to F(t_x): with H(y) = E(y) + G(y)
 *		(pnbd_series_log), ln(alpha^r beta^s I) = H(t_x) - ln a + ln(1 - e^w),
 *		w = H(T) - H(t_x) = D + G(T) - G(t_x), where D = E(T) - E(t_x) =
 *		-r ln(1 + (T-t_x)/(alpha+t_x)) - s ln(1 + (T-t_x)/(beta+t_x)), so
 *		u = ln(s/a) - D + G(t_x) + x ln(alpha+T) + ln(1 - e^w): r and s only
 *		ever multiply log1p of a ratio, and a -infinite D (huge s or r) gives
 *		u = +infinity, P(alive) = 0, as it should.  Otherwise alpha^r beta^s I
 *		is its integrand at t_x, e^E(t_x) (alpha+t_x)^-x (beta+t_x)^-1, times
 *		K (pnbd_log_panels), and u = ln s - D + x ln((alpha+T)/(alpha+t_x))
 *		- ln(beta+t_x) + ln K, scaled the same way.
 */
static void
pnbd_terms(const double *p, double x, double tx, double t,
		   double *lalive, double *ldrop, double *u)
{
	double		r = p[P_R],
				alpha = p[P_ALPHA],
				s = p[P_S],
				beta = p[P_BETA];
	bool		alpha_big = alpha >= beta;
	PnbdSides	sd;
	double		la_t,
				la_x,
				ex,
				d;

	*lalive = -r * log1p(t / alpha) - (x == 0 ? 0.0 : x * log_of_sum(alpha, t))
		- s * log1p(t / beta);
	if (tx >= t)
	{
		*ldrop = -HUGE_VAL;
		*u = -HUGE_VAL;
		return;
	}
	pnbd_sides(p, x, tx, t, &sd);
	la_t = alpha_big ? sd.lbig_t : sd.lsmall_t;
	la_x = alpha_big ? sd.lbig_x : sd.lsmall_x;
	ex = -r * log1p(tx / alpha) - s * log1p(tx / beta);
	d = -r * log1p((t - tx) / (alpha + tx)) - s * log1p((t - tx) / (beta + tx));
	if ((sd.big - sd.small) / (sd.big + tx) <= PNBD_SERIES_MAX_Z)
	{
		double		gx = pnbd_series_log(&sd, tx, sd.lbig_x, sd.lsmall_x),
					gt = pnbd_series_log(&sd, t, sd.lbig_t, sd.lsmall_t),
					w = d + gt - gx,
					lsa = pnbd_log_s_over_a(s, r + x);

		if (w >= 0)
		{
			/* t - t_x below rounding: I is negligible */
			*ldrop = -HUGE_VAL;
			*u = -HUGE_VAL;
			return;
		}
		*ldrop = lsa + ex + gx + log1mexp(w);
		*u = lsa - d + gx + x * la_t + log1mexp(w);
	}
	else
	{
		double		lb_x = alpha_big ? sd.lsmall_x : sd.lbig_x,
					lk = pnbd_log_panels(r + x, alpha + tx, s + 1.0, beta + tx, t - tx);

		*ldrop = log(s) + ex - x * la_x - lb_x + lk;
		*u = log(s) - d + x * (la_t - la_x) - lb_x + lk;
	}
}

/*
 * pnbd_loglik
 *		ln L = ln Gamma(r+x)/Gamma(r) + ln[ (alpha/(alpha+T))^r (alpha+T)^-x
 *		(beta/(beta+T))^s + s alpha^r beta^s I ], the two terms (pnbd_terms)
 *		combined by log-sum-exp.
 */
static double
pnbd_loglik(const double *p, double x, double tx, double t)
{
	double		lalive,
				ldrop,
				u;

	pnbd_terms(p, x, tx, t, &lalive, &ldrop, &u);
	return lgamma_ratio(p[P_R], 0.0, x) + log_add_exp(lalive, ldrop);
}

/*
 * pnbd_p_alive_value
 *		P(alive | x, t_x, T) = 1 / (1 + e^u), u the log of the ratio of the
 *		"dropped out in (t_x, T)" term of the likelihood to the "still alive"
 *		term (pnbd_terms); exactly 1 when t_x = T.
 */
static double
pnbd_p_alive_value(const double *p, double x, double tx, double t)
{
	double		lalive,
				ldrop,
				u;

	pnbd_terms(p, x, tx, t, &lalive, &ldrop, &u);
	if (u == -HUGE_VAL)
		return 1.0;
	return alive_from_exponent(u);
}

/*
 * pnbd_expected_alive
 *		Expected purchases in the next h time units of a customer alive at age
 *		t with x repeat purchases: (r+x)/(alpha+t) * (beta+t) [1 - q^(s-1)]/(s-1),
 *		q = (beta+t)/(beta+t+h), with [1 - q^k]/k = -expm1(k ln q)/k (exact
 *		near k = 0, and -ln q at k = 0).
 */
static double
pnbd_expected_alive(const double *p, double x, double t, double h)
{
	double		k = p[P_S] - 1.0,
				lq = -log1p(h / (p[P_BETA] + t)),
				g = (k == 0.0) ? -lq : -expm1(k * lq) / k;

	return (p[P_R] + x) / (p[P_ALPHA] + t) * (p[P_BETA] + t) * g;
}

/* Pareto/NBD as a CustomerModel: alpha and beta are in the time unit */
static const char *const pnbd_names[4] = {"r", "alpha", "s", "beta"};
static const bool pnbd_time_unit[4] = {false, true, false, true};
static const CustomerModel pnbd_cm = {
	"Pareto/NBD", "pareto_nbd_fit", "pareto_nbd_standard_errors", "pareto_nbd_model", 4,
	pnbd_names, pnbd_time_unit, pnbd_loglik
};

/*
 * pareto_nbd_fit_trans(internal, x, t_x, t [, weight [, penalizer]])
 *		Add one customer summary (customer_fit_trans).
 */
Datum
pareto_nbd_fit_trans(PG_FUNCTION_ARGS)
{
	return customer_fit_trans(fcinfo, "pareto_nbd_fit");
}

/*
 * pareto_nbd_fit_final(internal) -> pareto_nbd_model
 *		Maximum-likelihood (or penalized) Pareto/NBD fit (customer_fit_final).
 */
Datum
pareto_nbd_fit_final(PG_FUNCTION_ARGS)
{
	return customer_fit_final(fcinfo, &pnbd_cm);
}

/*
 * pareto_nbd_se_trans(internal, pareto_nbd_model, x, t_x, t [, weight])
 *		Transition of pareto_nbd_standard_errors (customer_se_trans).
 */
Datum
pareto_nbd_se_trans(PG_FUNCTION_ARGS)
{
	return customer_se_trans(fcinfo, &pnbd_cm);
}

/*
 * pareto_nbd_se_final(internal) -> float8[]
 *		Standard errors of r, alpha, s, beta (customer_se_final).
 */
Datum
pareto_nbd_se_final(PG_FUNCTION_ARGS)
{
	return customer_se_final(fcinfo, &pnbd_cm);
}

/*
 * pareto_nbd_log_likelihood(model, x, t_x, t) -> float8
 *		ln L of one customer; summed over customers, the sample log-likelihood.
 */
Datum
pareto_nbd_log_likelihood(PG_FUNCTION_ARGS)
{
	const char *fn = "pareto_nbd_log_likelihood";
	double		p[4],
				x,
				tx,
				t;

	get_customer_args(fcinfo, fn, &pnbd_cm, p, &x, &tx, &t);
	PG_RETURN_FLOAT8(check_result_range(fn, pnbd_loglik(p, x, tx, t)));
}

/*
 * pareto_nbd_p_alive(model, x, t_x, t) -> float8
 *		Probability that the customer is still alive at age t.
 */
Datum
pareto_nbd_p_alive(PG_FUNCTION_ARGS)
{
	const char *fn = "pareto_nbd_p_alive";
	double		p[4],
				x,
				tx,
				t;

	get_customer_args(fcinfo, fn, &pnbd_cm, p, &x, &tx, &t);
	PG_RETURN_FLOAT8(check_result_range(fn, pnbd_p_alive_value(p, x, tx, t)));
}

/*
 * pareto_nbd_expected_purchases(model, t) -> float8
 *		E[X(t)] = r beta / (alpha (s-1)) [1 - (beta/(beta+t))^(s-1)]: expected
 *		repeat purchases of a new customer in the first t time units.
 */
Datum
pareto_nbd_expected_purchases(PG_FUNCTION_ARGS)
{
	const char *fn = "pareto_nbd_expected_purchases";
	double		p[4];
	double		t = PG_GETARG_FLOAT8(1);

	get_model_params(fcinfo, 0, &pnbd_cm, p);
	check_time_arg(fn, "t", t);
	PG_RETURN_FLOAT8(check_result_range(fn, pnbd_expected_alive(p, 0.0, 0.0, t)));
}

/*
 * pareto_nbd_conditional_expected_purchases(model, x, t_x, t, horizon) -> float8
 *		Expected purchases in the next horizon time units: the expectation
 *		given alive times P(alive).
 */
Datum
pareto_nbd_conditional_expected_purchases(PG_FUNCTION_ARGS)
{
	const char *fn = "pareto_nbd_conditional_expected_purchases";
	double		p[4],
				x,
				tx,
				t,
				h = PG_GETARG_FLOAT8(4),
				alive;

	get_customer_args(fcinfo, fn, &pnbd_cm, p, &x, &tx, &t);
	check_time_arg(fn, "horizon", h);
	alive = pnbd_p_alive_value(p, x, tx, t);
	if (alive == 0.0 || h == 0.0)
		PG_RETURN_FLOAT8(0.0);
	PG_RETURN_FLOAT8(check_result_range(fn, pnbd_expected_alive(p, x, t, h) * alive));
}
