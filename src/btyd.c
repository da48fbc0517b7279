/*
 * btyd.c
 *		What the "buy 'til you die" models of (x, t_x, t) customer summaries
 *		share (btyd.h): numerically careful building blocks, the argument
 *		checks of customer summaries and model composites, and the generic
 *		fit and standard-error aggregates of a CustomerModel (BG/NBD in
 *		bgnbd.c, Pareto/NBD in pareto_nbd.c, MBG/NBD in mbgnbd.c).  The
 *		aggregate state is fitstate.c's; Gamma-Gamma is in gamma_gamma.c and
 *		the btyd_summary aggregate in btyd_summary.c.
 *
 * Fits maximise the likelihood with Nelder-Mead on log-parameters (optimize.c),
 * with times rescaled so that the largest t is 1 while optimising; results are
 * reported in the caller's units.  A fit that does not converge, or whose
 * optimum runs off to a parameter boundary (data that cannot identify the
 * model), raises an error: no NaN, no silently bad model.
 */
#include "postgres.h"

#include <math.h>

#include "funcapi.h"
#include "utils/builtins.h"

#include "btyd.h"
#include "engagement.h"
#include "information.h"
#include "optimize.h"

/* from this s on, lgamma_ratio takes Stirling's series instead of lgamma's difference */
#define LGAMMA_STIRLING_MIN 1e6


/* ------------------------------------------------------------------ */
/* Numerical building blocks                                          */
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

/* ------------------------------------------------------------------ */
/* Argument checks                                                    */
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
void
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
double
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

/* ------------------------------------------------------------------ */
/* Fits and standard errors of (x, t_x, t) models                     */
/* ------------------------------------------------------------------ */

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

	if (fit_outside_box(theta, cm->np))
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
		fit_too_few_customers(cm->fit_fn, "customers", d.total_w);
	if (repeaters == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s found no customer with a repeat purchase (every x is 0)", cm->fit_fn),
				 errhint("%s learns the purchase rate and dropout from repeat purchases; use a longer calibration period or a larger group.",
						 cm->label)));
	d.scale = 1.0 / max_t;
	d.model = cm;
	fit_run(cm->fit_fn, customer_objective, &d, cm->np, theta, cm->names, &res);

	for (int i = 0; i < cm->np; i++)
		p[i] = exp(theta[i]) / (cm->time_unit[i] ? d.scale : 1.0);
	PG_RETURN_DATUM(fit_model_tuple(fcinfo, p, cm->np, customer_sample_loglik(p, &d),
								d.total_w, &res));
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
						 d.state->model, cm->names, se);
	PG_RETURN_DATUM(fit_se_array(se, cm->np));
}
