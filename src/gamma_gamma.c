/*
 * gamma_gamma.c
 *		The Gamma-Gamma model of spend per transaction (Fader & Hardie 2013):
 *		its fit and standard errors over (x, monetary) rows (the fit state of
 *		fitstate.c, with amounts rescaled by 1/mean while optimising), its
 *		point functions, and btyd_clv, the discounted customer lifetime value
 *		that combines it with BG/NBD (bgnbd.c).
 */
#include "postgres.h"

#include <float.h>
#include <math.h>

#include "funcapi.h"
#include "miscadmin.h"
#include "utils/builtins.h"

#include "btyd.h"
#include "engagement.h"
#include "information.h"
#include "optimize.h"

PG_FUNCTION_INFO_V1(gamma_gamma_fit_trans);
PG_FUNCTION_INFO_V1(gamma_gamma_fit_final);
PG_FUNCTION_INFO_V1(gamma_gamma_se_trans);
PG_FUNCTION_INFO_V1(gamma_gamma_se_final);
PG_FUNCTION_INFO_V1(gamma_gamma_log_likelihood);
PG_FUNCTION_INFO_V1(gamma_gamma_expected_spend);
PG_FUNCTION_INFO_V1(btyd_clv);

/* most discounting periods one clv() call sums */
#define CLV_MAX_PERIODS 1000000

/* Gamma-Gamma parameters: spend ~ Gamma(p, nu), nu ~ Gamma(q, gamma) */
typedef struct GammaGammaParams
{
	double		p;
	double		q;
	double		gamma;
} GammaGammaParams;


/* ------------------------------------------------------------------ */
/* Model mathematics                                                  */
/* ------------------------------------------------------------------ */

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

	if (fit_outside_box(theta, 3))
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
/* Arguments                                                          */
/* ------------------------------------------------------------------ */

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
/* Fit and standard errors                                            */
/* ------------------------------------------------------------------ */

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
		fit_too_few_customers(fn, "customers with repeat purchases", d.total_w);
	for (int64 i = 0; i < d.nrows; i++)
		spend += d.rows[i].w * d.rows[i].u;
	d.scale = d.total_w / spend;
	fit_run(fn, gg_objective, &d, 3, theta, names, &res);

	g.p = exp(theta[0]);
	g.q = exp(theta[1]);
	g.gamma = exp(theta[2]) / d.scale;
	for (int64 i = 0; i < d.nrows; i++)
		ll += d.rows[i].w * gg_loglik_row(&g, d.rows[i].x, d.rows[i].u);

	PG_RETURN_DATUM(fit_model_tuple(fcinfo, (const double[]) {g.p, g.q, g.gamma}, 3,
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
						 d.state->model, names, se);
	PG_RETURN_DATUM(fit_se_array(se, 3));
}

/* ------------------------------------------------------------------ */
/* Point functions                                                    */
/* ------------------------------------------------------------------ */

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
		double		cum = bgnbd_alive_expectation(&m, x, t, end, "bgnbd");

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
