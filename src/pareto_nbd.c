/*
 * pareto_nbd.c
 *		The Pareto/NBD model of repeat purchasing (Schmittlein, Morrison &
 *		Colombo 1987; likelihood as in Fader, Hardie & Lee's note
 *		"Implementing the Pareto/NBD model"): purchases follow a Poisson
 *		process with rate ~ Gamma(r, alpha) while the customer is alive, the
 *		lifetime is exponential with rate ~ Gamma(s, beta).  Its fit, standard
 *		errors and point functions; the fit state and optimiser are btyd.c's.
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

/*
 * relative accuracy asked of series tails, and of the quadrature (whose panel
 * estimates carry rounding noise of about 1e-15 of their value)
 */
#define PNBD_REL_TOL 1e-15
#define PNBD_QUAD_TOL 1e-13

/* points of the grid that locates the integrand's peak before the quadrature */
#define PNBD_GRID 64

/* Gauss-Legendre rule of the quadrature, and most panels it may split into */
#define PNBD_GL_POINTS 20
#define PNBD_MAX_PANELS 4096

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
 * pnbd_log_integrand
 *		ln of the integrand of I in the variable v = ln u, u =
 *		(small+tau)/(big+tau) in (0, 1): with tau from u, (big+tau) =
 *		delta/(1-u), I = delta^-a int u^(1-ps) (1-u)^(a-1) dv; this returns
 *		(1-ps) v + (a-1) ln(1 - e^v).
 */
static inline double
pnbd_log_integrand(const PnbdSides *sd, double v)
{
	return (1.0 - sd->ps) * v + (sd->pb + sd->ps - 2.0) * log1mexp(v);
}

/*
 * pnbd_noise
 *		Relative rounding noise of the scaled integrand near v: the log-integrand
 *		is a sum of terms that may be large and cancel (r + x in the millions),
 *		each carrying a relative error of a few DBL_EPSILON.  Panels cannot agree
 *		more closely than that, whatever their width.
 */
static double
pnbd_noise(const PnbdSides *sd, double v, double shift)
{
	return 64.0 * DBL_EPSILON * (fabs((1.0 - sd->ps) * v) +
								 fabs((sd->pb + sd->ps - 2.0) * log1mexp(v)) + fabs(shift));
}

/*
 * gl_panel
 *		Gauss-Legendre estimate of int exp(phi(v) - shift) dv over [lo, hi].
 */
static double
gl_panel(const PnbdSides *sd, double lo, double hi, double shift)
{
	const double *xs,
			   *ws;
	double		c = 0.5 * (lo + hi),
				h = 0.5 * (hi - lo),
				s = 0.0;

	gl_rule(&xs, &ws);
	for (int i = 0; i < PNBD_GL_POINTS; i++)
		s += ws[i] * exp(pnbd_log_integrand(sd, c + h * xs[i]) - shift);
	return s * h;
}

/*
 * pnbd_log_quadrature
 *		ln I for arguments near 1, by quadrature in v = ln u over
 *		[ln u(t_x), ln u(T)]: the log-integrand is smooth there (a line plus a
 *		multiple of ln(1 - e^v)).  Values are scaled by the largest
 *		log-integrand on a grid of PNBD_GRID intervals so nothing overflows, and
 *		the trapezoid sum on that grid (which sees the peak) bounds the first
 *		estimate of the total from below; panels are halved (a stack, left to
 *		right) until the two halves agree with the whole to PNBD_QUAD_TOL of
 *		that total, or to the rounding noise of the panel (pnbd_noise).  54000
 *		past PNBD_MAX_PANELS panels; NaN (so 22003 from a point function, a
 *		point to avoid for the optimiser) when the integrand leaves the double
 *		range.
 */
static double
pnbd_log_quadrature(const PnbdSides *sd)
{
	double		lo = sd->lsmall_x - sd->lbig_x,
				hi = sd->lsmall_t - sd->lbig_t;
	double		grid[PNBD_GRID + 1];
	double		shift = -HUGE_VAL,
				trapezoid = 0.0,
				total,
				sum = 0.0;
	double		stack[2 * PNBD_GRID];
	int			top = 0,
				panels = 0;

	for (int i = 0; i <= PNBD_GRID; i++)
	{
		grid[i] = pnbd_log_integrand(sd, lo + (hi - lo) * i / PNBD_GRID);
		shift = Max(shift, grid[i]);
	}
	if (!isfinite(shift))
		return get_float8_nan();	/* parameters beyond the double range */
	for (int i = 0; i < PNBD_GRID; i++)
		trapezoid += 0.5 * (exp(grid[i] - shift) + exp(grid[i + 1] - shift)) * (hi - lo) / PNBD_GRID;
	total = Max(gl_panel(sd, lo, hi, shift), trapezoid);
	stack[top++] = lo;
	stack[top++] = hi;
	while (top > 0)
	{
		double		b = stack[--top],
					a = stack[--top],
					m = 0.5 * (a + b),
					whole = gl_panel(sd, a, b, shift),
					left = gl_panel(sd, a, m, shift),
					right = gl_panel(sd, m, b, shift);

		if (!isfinite(whole + left + right))
			return get_float8_nan();
		if (++panels > PNBD_MAX_PANELS)
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("pareto_nbd: the likelihood integral did not converge within %d panels", PNBD_MAX_PANELS),
					 errhint("The model's parameters are too extreme for this customer; check how the model was built.")));
		if (fabs(left + right - whole) <= PNBD_QUAD_TOL * total + pnbd_noise(sd, m, shift) * whole ||
			top >= 2 * PNBD_GRID - 2 || m == a || m == b)
			sum += left + right;
		else
		{
			/* right half below the left so that the left is done first */
			stack[top++] = m;
			stack[top++] = b;
			stack[top++] = a;
			stack[top++] = m;
		}
	}
	CHECK_FOR_INTERRUPTS();
	return log(sum) + shift - (sd->pb + sd->ps - 1.0) * log(sd->big - sd->small);
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
 *		u = +infinity, P(alive) = 0, as it should.  Otherwise ln I comes from
 *		the quadrature (pnbd_log_quadrature) and the terms from ln s, r ln alpha
 *		and s ln beta directly; there parameters near the double range can
 *		leave no representable intermediate (NaN, so 22003 from the point
 *		functions).
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
				li;

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
	if ((sd.big - sd.small) / (sd.big + tx) <= PNBD_SERIES_MAX_Z)
	{
		double		ex = -r * log1p(tx / alpha) - s * log1p(tx / beta),
					d = -r * log1p((t - tx) / (alpha + tx)) - s * log1p((t - tx) / (beta + tx)),
					gx = pnbd_series_log(&sd, tx, sd.lbig_x, sd.lsmall_x),
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
		return;
	}
	li = pnbd_log_quadrature(&sd);
	*ldrop = log(s) + r * log(alpha) + s * log(beta) + li;
	*u = log(s) + li + (r + x) * la_t + s * (alpha_big ? sd.lsmall_t : sd.lbig_t);
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
