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
 * (pnbd_log_integral): as a difference of two Gauss hypergeometric tails
 * summed as positive series while their argument is at most
 * PNBD_SERIES_MAX_Z, and by adaptive Gauss-Legendre quadrature of a smooth
 * positive integrand otherwise (arguments near 1, where the series would
 * need millions of terms).
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
	}
	else
	{
		sd->big = p[P_BETA];
		sd->small = p[P_ALPHA];
		sd->pb = p[P_S] + 1.0;
		sd->ps = p[P_R] + x;
	}
	sd->lbig_x = log_plus(sd->big, tx);
	sd->lsmall_x = log_plus(sd->small, tx);
	sd->lbig_t = log_plus(sd->big, t);
	sd->lsmall_t = log_plus(sd->small, t);
}

/*
 * pnbd_log_tail
 *		ln F(y), F(y) = int_y^inf (big+tau)^-pb (small+tau)^-ps d tau
 *		= (big+y)^-a / a * 2F1(a, ps; a+1; z), a = pb+ps-1, z = (big-small)/(big+y),
 *		for z <= PNBD_SERIES_MAX_Z.  Euler's transformation turns the 2F1 into
 *		(1-z)^(1-ps) 2F1(1, pb; a+1; z), a series of positive terms whose ratio
 *		(pb+n) z/(a+1+n) is below z, so the rest of the sum after a term is at
 *		most term * z/(1-z): summation stops when that is below PNBD_REL_TOL of
 *		the sum.  1 - z = (small+y)/(big+y) is taken in logs (lbig, lsmall),
 *		never as a difference.  The term -ln a, common to both tails, is left
 *		to the caller.
 */
static double
pnbd_log_tail(const PnbdSides *sd, double y, double lbig, double lsmall)
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
	return -a * lbig + (1.0 - sd->ps) * (lsmall - lbig) + log(sum);
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
 * pnbd_log_integral
 *		ln I (-infinity when t_x = T): as ln(F(t_x) - F(T)) =
 *		ln F(t_x) + ln(-expm1(ln F(T) - ln F(t_x))) while the hypergeometric
 *		argument at t_x (the larger one) allows the series, else by quadrature.
 */
static double
pnbd_log_integral(const PnbdSides *sd, double tx, double t)
{
	double		fx,
				ft;

	if (tx >= t)
		return -HUGE_VAL;
	if ((sd->big - sd->small) / (sd->big + tx) > PNBD_SERIES_MAX_Z)
		return pnbd_log_quadrature(sd);
	fx = pnbd_log_tail(sd, tx, sd->lbig_x, sd->lsmall_x);
	ft = pnbd_log_tail(sd, t, sd->lbig_t, sd->lsmall_t);
	if (ft >= fx)
		return -HUGE_VAL;		/* t - t_x below rounding: I is negligible */
	return fx - log(sd->pb + sd->ps - 1.0) + log(-expm1(ft - fx));
}

/*
 * pnbd_loglik
 *		ln L = ln Gamma(r+x)/Gamma(r) + ln[ (alpha/(alpha+T))^r (alpha+T)^-x
 *		(beta/(beta+T))^s + s alpha^r beta^s I ], the two terms combined by
 *		log-sum-exp.
 */
static double
pnbd_loglik(const double *p, double x, double tx, double t)
{
	double		r = p[P_R],
				alpha = p[P_ALPHA],
				s = p[P_S],
				beta = p[P_BETA];
	double		alive = -r * log1p(t / alpha) - (x == 0 ? 0.0 : x * log_of_sum(alpha, t))
		- s * log1p(t / beta);
	PnbdSides	sd;

	pnbd_sides(p, x, tx, t, &sd);
	return lgamma_ratio(r, 0.0, x) +
		log_add_exp(alive, log(s) + r * log(alpha) + s * log(beta) + pnbd_log_integral(&sd, tx, t));
}

/*
 * pnbd_p_alive_value
 *		P(alive | x, t_x, T) = 1 / (1 + e^u), u = ln s + ln I + (r+x) ln(alpha+T)
 *		+ s ln(beta+T): the ratio of the "dropped out in (t_x, T)" term of the
 *		likelihood to the "still alive" term.
 */
static double
pnbd_p_alive_value(const double *p, double x, double tx, double t)
{
	PnbdSides	sd;
	double		li;
	bool		alpha_big = p[P_ALPHA] >= p[P_BETA];

	pnbd_sides(p, x, tx, t, &sd);
	li = pnbd_log_integral(&sd, tx, t);
	if (li == -HUGE_VAL)
		return 1.0;
	return alive_from_exponent(log(p[P_S]) + li
							   + (p[P_R] + x) * (alpha_big ? sd.lbig_t : sd.lsmall_t)
							   + p[P_S] * (alpha_big ? sd.lsmall_t : sd.lbig_t));
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
