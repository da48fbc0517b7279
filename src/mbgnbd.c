/*
 * mbgnbd.c
 *		The MBG/NBD model of repeat purchasing (Batislam, Denizel & Filiztekin
 *		2007): BG/NBD in which a customer may also drop out right after the
 *		first purchase, so that a customer without repeat purchases is not
 *		certainly alive.  Purchase rate ~ Gamma(r, alpha), dropout probability
 *		after each purchase ~ Beta(a, b).  Its fit, standard errors and point
 *		functions; the fit state is fitstate.c's, the generic fit btyd.c's and
 *		the expectation sum bgnbd.c's (the expectation given alive is BG/NBD's
 *		with b + 1, as the customer has survived one more coin flip).
 */
#include "postgres.h"

#include <math.h>

#include "fmgr.h"

#include "btyd.h"

PG_FUNCTION_INFO_V1(mbgnbd_fit_trans);
PG_FUNCTION_INFO_V1(mbgnbd_fit_final);
PG_FUNCTION_INFO_V1(mbgnbd_se_trans);
PG_FUNCTION_INFO_V1(mbgnbd_se_final);
PG_FUNCTION_INFO_V1(mbgnbd_log_likelihood);
PG_FUNCTION_INFO_V1(mbgnbd_p_alive);
PG_FUNCTION_INFO_V1(mbgnbd_expected_purchases);
PG_FUNCTION_INFO_V1(mbgnbd_conditional_expected_purchases);

/*
 * mbg_alive_exponent
 *		u of P(alive) = 1 / (1 + e^u): u = ln a - ln(b+x) + (r+x) ln((alpha+T) /
 *		(alpha+t_x)), the log-odds of having dropped out right after the last
 *		purchase; sums formed by log_of_sum so that they may overflow.
 */
static double
mbg_alive_exponent(const double *p, double x, double tx, double t)
{
	double		d = log_of_sum(p[1], t) - log_of_sum(p[1], tx);

	/* r d + x d, not (r + x) d: r + x may overflow where d is 0 */
	return log(p[2]) - log_of_sum(p[3], x) + p[0] * d + x * d;
}

/*
 * mbg_loglik
 *		ln L = ln Gamma(r+x)/Gamma(r) + ln B(a, b+x+1)/B(a, b)
 *		+ r ln(alpha/(alpha+T)) - x ln(alpha+T) + ln(1 + e^u), u as in
 *		mbg_alive_exponent; for x = 0 this is b/(a+b) (alpha/(alpha+T))^r
 *		+ a/(a+b).
 */
static double
mbg_loglik(const double *p, double x, double tx, double t)
{
	double		r = p[0],
				alpha = p[1],
				a = p[2],
				b = p[3];

	return lgamma_ratio(r, 0.0, x) + lgamma_ratio(b, 0.0, x + 1.0) - lgamma_ratio(a, b, x + 1.0)
		- r * log1p(t / alpha) - (x == 0 ? 0.0 : x * log_of_sum(alpha, t))
		+ log_add_exp(0.0, mbg_alive_exponent(p, x, tx, t));
}

/*
 * mbg_conditional_value
 *		Expected purchases in the next h time units: BG/NBD's expectation
 *		given alive at b + 1 (a positive series, bgnbd.c) times P(alive).
 */
static double
mbg_conditional_value(const double *p, double x, double tx, double t, double h)
{
	BgnbdParams shifted = {p[0], p[1], p[2], p[3] + 1.0};
	double		alive = alive_from_exponent(mbg_alive_exponent(p, x, tx, t));

	if (alive == 0.0 || h == 0.0)
		return 0.0;
	return bgnbd_alive_expectation(&shifted, x, t, h, "mbgnbd") * alive;
}

/* MBG/NBD as a CustomerModel: alpha is in the time unit */
static const char *const mbg_names[4] = {"r", "alpha", "a", "b"};
static const bool mbg_time_unit[4] = {false, true, false, false};
static const CustomerModel mbg_cm = {
	"MBG/NBD", "mbgnbd_fit", "mbgnbd_standard_errors", "mbgnbd_model", 4,
	mbg_names, mbg_time_unit, mbg_loglik
};

/*
 * mbgnbd_fit_trans(internal, x, t_x, t [, weight [, penalizer]])
 *		Add one customer summary (customer_fit_trans).
 */
Datum
mbgnbd_fit_trans(PG_FUNCTION_ARGS)
{
	return customer_fit_trans(fcinfo, "mbgnbd_fit");
}

/*
 * mbgnbd_fit_final(internal) -> mbgnbd_model
 *		Maximum-likelihood (or penalized) MBG/NBD fit (customer_fit_final).
 */
Datum
mbgnbd_fit_final(PG_FUNCTION_ARGS)
{
	return customer_fit_final(fcinfo, &mbg_cm);
}

/*
 * mbgnbd_se_trans(internal, mbgnbd_model, x, t_x, t [, weight])
 *		Transition of mbgnbd_standard_errors (customer_se_trans).
 */
Datum
mbgnbd_se_trans(PG_FUNCTION_ARGS)
{
	return customer_se_trans(fcinfo, &mbg_cm);
}

/*
 * mbgnbd_se_final(internal) -> float8[]
 *		Standard errors of r, alpha, a, b (customer_se_final).
 */
Datum
mbgnbd_se_final(PG_FUNCTION_ARGS)
{
	return customer_se_final(fcinfo, &mbg_cm);
}

/*
 * mbgnbd_log_likelihood(model, x, t_x, t) -> float8
 *		ln L of one customer; summed over customers, the sample log-likelihood.
 */
Datum
mbgnbd_log_likelihood(PG_FUNCTION_ARGS)
{
	const char *fn = "mbgnbd_log_likelihood";
	double		p[4],
				x,
				tx,
				t;

	get_customer_args(fcinfo, fn, &mbg_cm, p, &x, &tx, &t);
	PG_RETURN_FLOAT8(check_result_range(fn, mbg_loglik(p, x, tx, t)));
}

/*
 * mbgnbd_p_alive(model, x, t_x, t) -> float8
 *		Probability that the customer has not dropped out by age t (below 1
 *		also for x = 0).
 */
Datum
mbgnbd_p_alive(PG_FUNCTION_ARGS)
{
	double		p[4],
				x,
				tx,
				t;

	get_customer_args(fcinfo, "mbgnbd_p_alive", &mbg_cm, p, &x, &tx, &t);
	PG_RETURN_FLOAT8(alive_from_exponent(mbg_alive_exponent(p, x, tx, t)));
}

/*
 * mbgnbd_expected_purchases(model, t) -> float8
 *		E[X(t)]: expected repeat purchases of a new customer in the first t
 *		time units, the conditional expectation of (x, t_x, T) = (0, 0, 0).
 */
Datum
mbgnbd_expected_purchases(PG_FUNCTION_ARGS)
{
	const char *fn = "mbgnbd_expected_purchases";
	double		p[4];
	double		t = PG_GETARG_FLOAT8(1);

	get_model_params(fcinfo, 0, &mbg_cm, p);
	check_time_arg(fn, "t", t);
	PG_RETURN_FLOAT8(check_result_range(fn, mbg_conditional_value(p, 0.0, 0.0, 0.0, t)));
}

/*
 * mbgnbd_conditional_expected_purchases(model, x, t_x, t, horizon) -> float8
 *		Expected purchases in the next horizon time units of a customer with
 *		summary (x, t_x, t).
 */
Datum
mbgnbd_conditional_expected_purchases(PG_FUNCTION_ARGS)
{
	const char *fn = "mbgnbd_conditional_expected_purchases";
	double		p[4],
				x,
				tx,
				t,
				h = PG_GETARG_FLOAT8(4);

	get_customer_args(fcinfo, fn, &mbg_cm, p, &x, &tx, &t);
	check_time_arg(fn, "horizon", h);
	PG_RETURN_FLOAT8(check_result_range(fn, mbg_conditional_value(p, x, tx, t, h)));
}
