/*
 * discrete.c
 *		What the discrete-time customer models (sbg.c, bgbb.c) share: the
 *		model argument of their standard-error aggregates, the
 *		maximum-likelihood driver (Nelder-Mead on log-parameters, optimize.c,
 *		with lifetimes' penalizer), the standard-error driver (information.c),
 *		and numerical and argument helpers.
 *
 * Their aggregates keep the fit state of every model fit (fitstate.c), its rows
 * holding sBG's (periods, churned, 0) and BG/BB's (x, t_x, n_periods) as
 * float8, which represents these whole numbers exactly; they share its
 * combine, serialize and deserialize functions (btyd_fit_*).
 */
#include "postgres.h"

#include <math.h>

#include "funcapi.h"
#include "miscadmin.h"
#include "utils/builtins.h"

#include "discrete.h"
#include "engagement.h"
#include "information.h"
#include "optimize.h"

/*
 * an unpenalized fit whose log-likelihood exceeds that of the model's homogeneous
 * limit by at most this fraction has found no heterogeneity (DiscModel.limit_ll)
 */
#define DISC_LIMIT_TOL 1e-12

/* disc_log_rising_ratio sums k logarithms up to this k, then takes log-gammas */
#define RATIO_LOOP_MAX 64
/* lgamma_shift takes Stirling's series from this argument on */
#define STIRLING_MIN 60.0


/* ------------------------------------------------------------------ */
/* Numerical and argument helpers                                      */
/* ------------------------------------------------------------------ */

/*
 * lgamma_shift
 *		ln Gamma(z + d) / Gamma(z) for z > 0, z + d > 0.  Where both arguments
 *		are at least STIRLING_MIN, the difference of Stirling's series written
 *		so that it never subtracts two large numbers,
 *			(z - 1/2) log1p(d/z) + d (ln(z+d) - 1) + c(z+d) - c(z),
 *		c(u) = 1/(12u) - 1/(360u^3) + 1/(1260u^5) (the next term is below
 *		3e-16 there): full relative precision when d is small against z, where
 *		lgamma's difference would lose about z ln z * 1e-16.  Elsewhere the
 *		difference of lgamma.
 */
static double
lgamma_shift(double z, double d)
{
	if (d == 0)
		return 0.0;
	if (Min(z, z + d) >= STIRLING_MIN)
	{
		double		u = z + d;
		double		cu = 1.0 / (12.0 * u) - 1.0 / (360.0 * u * u * u) + 1.0 / (1260.0 * pow(u, 5));
		double		cz = 1.0 / (12.0 * z) - 1.0 / (360.0 * z * z * z) + 1.0 / (1260.0 * pow(z, 5));

		return (z - 0.5) * log1p(d / z) + d * (log(u) - 1.0) + (cu - cz);
	}
	return lgamma(z + d) - lgamma(z);
}

/*
 * disc_log_rising_ratio
 *		ln [(b)_k / (c)_k] = ln [b (b+1) ... (b+k-1)] / [c (c+1) ... (c+k-1)]
 *		for b, c > 0 and a whole k >= 0: every survival probability and beta
 *		ratio of the discrete models is one or two of these.  A sum of k
 *		logarithms of ratios for k <= RATIO_LOOP_MAX (exact to rounding for any
 *		b, c), else by lgamma_shift, as ln Gamma(b+k)/Gamma(c+k) - ln
 *		Gamma(b)/Gamma(c) (a shift by b - c, which keeps the small difference
 *		of two huge log-gammas at k = 100000 periods accurate), or, when b + k
 *		is under half of c + k, as ln Gamma(b+k)/Gamma(b) - ln Gamma(c+k)/Gamma(c)
 *		(a shift by k): there the shift by b - c nearly cancels c + k inside
 *		log1p and loses every digit when c is huge (alpha = 1e11 gave survival
 *		probabilities of +Infinity).
 */
double
disc_log_rising_ratio(double b, double c, double k)
{
	double		v = 0.0;

	if (k <= RATIO_LOOP_MAX)
	{
		for (int i = 0; i < (int) k; i++)
			v += log((b + i) / (c + i));
		return v;
	}
	if (2.0 * (b + k) < c + k)
		return lgamma_shift(b, k) - lgamma_shift(c, k);
	return lgamma_shift(c + k, b - c) - lgamma_shift(c, b - c);
}

/*
 * disc_check_periods
 *		A count of periods or opportunities must lie in 0 .. DISC_MAX_PERIODS.
 */
void
disc_check_periods(const char *fn, const char *what, int32 v)
{
	if (v < 0 || v > DISC_MAX_PERIODS)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s %s must be between 0 and %d, got %d", fn, what, DISC_MAX_PERIODS, v),
				 errhint("Periods and opportunities are counted in whole units since the customer's start.")));
}

/*
 * disc_model_params
 *		The parameters of the model composite at argno (dm->type_name), each
 *		non-NULL, finite and > 0; the fit fields (ll, n, iterations,
 *		converged) are not read, so a model built from published parameters
 *		with NULL fit fields works everywhere.
 */
void
disc_model_params(FunctionCallInfo fcinfo, int argno, const DiscModel *dm, double *theta)
{
	HeapTupleHeader tup = PG_GETARG_HEAPTUPLEHEADER(argno);

	for (int i = 0; i < dm->np; i++)
	{
		bool		isnull;
		Datum		v = GetAttributeByName(tup, dm->names[i], &isnull);

		if (isnull)
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("%s field %s must not be null", dm->type_name, dm->names[i]),
					 errhint("Pass a model returned by %s, or build one with ROW(...)::%s giving every parameter (the fit fields may be NULL).",
							 dm->fit_name, dm->type_name)));
		theta[i] = DatumGetFloat8(v);
		if (!isfinite(theta[i]) || theta[i] <= 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s field %s must be positive and finite, got %g",
							dm->type_name, dm->names[i], theta[i]),
					 errhint("Every parameter of %s is a shape of a beta distribution, > 0.", dm->type_name)));
	}
}


/*
 * disc_set_model
 *		Record the parameters of the model at argno (not NULL, every one
 *		positive and finite) in the state of a standard-error group; every row
 *		of the group must carry the same model.
 */
void
disc_set_model(FitState *st, FunctionCallInfo fcinfo, int argno, const DiscModel *dm,
			   const char *fn)
{
	double		theta[DISC_MAX_PARAMS];

	if (PG_ARGISNULL(argno))
		eng_null_argument("the model", fn);
	disc_model_params(fcinfo, argno, dm, theta);
	fit_merge_model(st, dm->np, theta, fn);
}


/* ------------------------------------------------------------------ */
/* Fitting and standard errors                                         */
/* ------------------------------------------------------------------ */

/*
 * disc_loglik
 *		Sample log-likelihood: sum over the distinct rows of w ln L (cancellable:
 *		a row may span 100,000 opportunities).
 */
double
disc_loglik(const DiscModel *dm, const FitData *d, const double *theta)
{
	double		s = 0.0;

	for (int64 i = 0; i < d->nrows; i++)
	{
		s += d->rows[i].w * dm->row_ll(theta, &d->rows[i]);
		if ((i & 1023) == 1023)
			CHECK_FOR_INTERRUPTS();
	}
	return s;
}

/* what the objective and the information callback see */
typedef struct DiscObjective
{
	const DiscModel *dm;
	const FitData *d;
} DiscObjective;

/*
 * disc_objective
 *		What a fit minimises at log-parameters phi: the mean negative
 *		log-likelihood per unit of weight plus penalizer * sum theta_i^2
 *		(lifetimes' penalizer_coef); +infinity outside the box.
 */
static double
disc_objective(const double *phi, void *arg)
{
	const DiscObjective *o = (const DiscObjective *) arg;
	double		theta[DISC_MAX_PARAMS];
	double		pen = 0.0;

	if (fit_outside_box(phi, o->dm->np))
		return HUGE_VAL;
	for (int i = 0; i < o->dm->np; i++)
	{
		theta[i] = exp(phi[i]);
		pen += theta[i] * theta[i];
	}
	return -disc_loglik(o->dm, o->d, theta) / o->d->total_w + o->d->penalizer * pen;
}

/*
 * disc_information_loglik
 *		The information.h callback: the sample log-likelihood at theta.
 */
static double
disc_information_loglik(const double *theta, void *arg)
{
	const DiscObjective *o = (const DiscObjective *) arg;

	return disc_loglik(o->dm, o->d, theta);
}

/*
 * disc_check_rows
 *		Every row passes the model's customer check (dm->check_row) as whole
 *		numbers: rows of a state read back from bytes (a partial_state, a
 *		parallel worker's) were not checked on the way in, and a forged count
 *		(n_periods = 1e306) would otherwise run a likelihood loop for ever.
 *		The fit final functions call it before they read the rows.
 */
void
disc_check_rows(const DiscModel *dm, const FitData *d, const char *fn)
{
	for (int64 i = 0; i < d->nrows; i++)
	{
		const FitRow *r = &d->rows[i];

		if (r->x != floor(r->x) || r->u != floor(r->u) || r->v != floor(r->v) ||
			fabs(r->x) > PG_INT32_MAX || fabs(r->u) > PG_INT32_MAX || fabs(r->v) > PG_INT32_MAX)
			eng_forged_state(fn, "a customer's counts are not whole numbers of the integer range");
		dm->check_row(fn, r);
	}
}

/*
 * disc_fit
 *		Maximise the (penalized) likelihood from all parameters = 1 and return
 *		the model composite: parameters, unpenalized log-likelihood, customers
 *		(sum of weights), iterations, converged.  22023 for fewer than
 *		FIT_MIN_CUSTOMERS customers, an optimum at the edge of the box, or an
 *		unpenalized optimum no better than the model's homogeneous limit (the
 *		detail says what in the data leaves the parameter unidentified), 54000
 *		when the optimiser does not converge.
 */
Datum
disc_fit(FunctionCallInfo fcinfo, const DiscModel *dm, const FitData *d)
{
	NMOptions	opt = FIT_NM_OPTIONS;
	DiscObjective o = {dm, d};
	NMResult	res;
	double		phi[DISC_MAX_PARAMS] = {0.0};
	double		theta[DISC_MAX_PARAMS];
	double		ll;
	int			np = dm->np;

	if (d->total_w < FIT_MIN_CUSTOMERS)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s needs at least %g customers, got %g", dm->fit_name, FIT_MIN_CUSTOMERS, d->total_w),
				 errhint("Fit on a larger group of customers (for example a whole cohort).")));
	if (!isfinite(disc_objective(phi, &o)))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s cannot evaluate the likelihood on these data", dm->fit_name),
				 errhint("Check the input for extreme values.")));
	nm_minimize(disc_objective, &o, np, phi, &opt, &res);
	for (int i = 0; i < np; i++)
		if (fabs(phi[i]) > FIT_LOG_BOUND - FIT_LOG_MARGIN)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("the data of %s do not identify the model: parameter %s %s",
							dm->fit_name, dm->names[i], phi[i] > 0 ? "grows without bound" : "tends to zero"),
					 errdetail("%s", phi[i] > 0 ? dm->to_infinity[i] : dm->to_zero[i]),
					 errhint("Fit on a larger, more varied group of customers, or pass a penalizer (for example 0.01) to keep the parameters finite.")));
	for (int i = 0; i < np; i++)
		theta[i] = exp(phi[i]);
	ll = disc_loglik(dm, d, theta);
	if (dm->limit_ll && d->penalizer == 0)
	{
		double		lim = dm->limit_ll(d);

		if (ll - lim <= DISC_LIMIT_TOL * fabs(lim))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("the data of %s do not identify the model: parameters %s grow without bound",
							dm->fit_name, dm->np == 2 ? "alpha and beta" : "all"),
					 errdetail("%s", dm->to_infinity[0]),
					 errhint("Fit on a larger, more varied group of customers, or pass a penalizer (for example 0.01) to keep the parameters finite.")));
	}
	if (!res.converged)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("%s did not converge within %d iterations", dm->fit_name, res.iterations),
				 errhint("The likelihood is too flat to locate a maximum: fit on more customers, or pass a penalizer.")));
	return fit_model_tuple(fcinfo, theta, np, ll, d->total_w, &res);
}

/*
 * disc_standard_errors
 *		The float8[] of standard errors (parameter order) at the group's model
 *		from the inverse observed information of the rows (information.c).
 */
Datum
disc_standard_errors(const DiscModel *dm, const FitData *d)
{
	DiscObjective o = {dm, d};
	double		se[DISC_MAX_PARAMS];
	const char *fn = psprintf("%.*s_standard_errors",
							  (int) (strlen(dm->type_name) - strlen("_model")), dm->type_name);

	Assert(d->state->nmodel == dm->np);
	disc_check_rows(dm, d, fn);
	info_standard_errors(fn, disc_information_loglik, &o, dm->np, d->state->model, dm->names, se);
	return fit_se_array(se, dm->np);
}
