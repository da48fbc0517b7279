/*
 * discrete.c
 *		What the discrete-time customer models (sbg.c, bgbb.c) share: the
 *		aggregate state of their fits and standard-error aggregates, its
 *		combine / serialize / deserialize functions, the maximum-likelihood
 *		driver (Nelder-Mead on log-parameters, optimize.c, with lifetimes'
 *		penalizer), the standard-error driver (information.c), and argument
 *		helpers.
 *
 * A state is a weighted multiset of integer rows (DiscRow): identical rows
 * are merged and their weights added whenever the array fills up and once
 * more in the final function, which also sorts them, so the optimiser sees
 * the same distinct rows in the same order whatever the input order or plan.
 * Its serial form: format byte, penalizer flag byte and value, model
 * parameter count byte and values, int64 row count, then three int32 and a
 * float8 per row.
 */
#include "postgres.h"

#include <math.h>

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "funcapi.h"
#include "libpq/pqformat.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"

#include "discrete.h"
#include "engagement.h"
#include "information.h"
#include "optimize.h"

PG_FUNCTION_INFO_V1(disc_fit_combine);
PG_FUNCTION_INFO_V1(disc_fit_serialize);
PG_FUNCTION_INFO_V1(disc_fit_deserialize);

#define DISC_SERIAL_FORMAT 1
#define DISC_ROW_SERIAL_SIZE 20

/* largest number of distinct rows one state may hold */
#define DISC_MAX_ROWS ((int64) (MaxAllocHugeSize / 4 / sizeof(DiscRow)))

/* fewest customers (sum of weights) a fit accepts */
#define DISC_MIN_CUSTOMERS 10.0

/*
 * log-parameters stay within |theta| <= DISC_LOG_BOUND while optimising; an
 * optimum within DISC_LOG_MARGIN of that box means "not identified"
 */
#define DISC_LOG_BOUND 30.0
#define DISC_LOG_MARGIN 5.0

/*
 * an unpenalized fit whose log-likelihood exceeds that of the model's homogeneous
 * limit by at most this fraction has found no heterogeneity (DiscModel.limit_ll)
 */
#define DISC_LIMIT_TOL 1e-12

/* Nelder-Mead settings: simplex edge, flatness, vertex spread, budget, restarts */
#define DISC_NM_STEP 0.5
#define DISC_NM_FTOL 1e-13
#define DISC_NM_XTOL 1e-9
#define DISC_NM_MAX_ITER 20000
#define DISC_NM_MAX_RESTARTS 20

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
 *		b, c), else ln Gamma(b+k)/Gamma(c+k) - ln Gamma(b)/Gamma(c) by
 *		lgamma_shift, which keeps the small difference of two huge log-gammas
 *		(k = 100000 periods) accurate.
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
 * disc_check_result
 *		22003 for a result beyond the double range (parameters near 1e300), so
 *		no point function returns infinity or NaN for finite arguments.
 */
double
disc_check_result(const char *fn, double v)
{
	if (!isfinite(v))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("%s result is out of range for type double precision", fn),
				 errhint("The model's parameters are too extreme for this customer; check how the model was built.")));
	return v;
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


/* ------------------------------------------------------------------ */
/* The state: a weighted multiset of integer rows                      */
/* ------------------------------------------------------------------ */

/*
 * disc_create
 *		An empty state in the aggregate context ctx.
 */
static DiscState *
disc_create(MemoryContext ctx)
{
	DiscState  *st = MemoryContextAllocZero(ctx, sizeof(DiscState));

	st->ctx = ctx;
	return st;
}

/*
 * disc_row_cmp
 *		Lexicographic order of the three integers of a row.
 */
static int
disc_row_cmp(const void *pa, const void *pb)
{
	const DiscRow *a = (const DiscRow *) pa;
	const DiscRow *b = (const DiscRow *) pb;

	for (int i = 0; i < 3; i++)
		if (a->k[i] != b->k[i])
			return a->k[i] < b->k[i] ? -1 : 1;
	return 0;
}

/*
 * disc_collapse
 *		Sort the rows and fold each run of identical ones into its first,
 *		adding the weights.
 */
static void
disc_collapse(DiscState *st)
{
	int64		kept = 0;

	if (st->nrows > 1)
		qsort(st->rows, st->nrows, sizeof(DiscRow), disc_row_cmp);
	for (int64 i = 0; i < st->nrows; i++)
	{
		if (kept == 0 || disc_row_cmp(&st->rows[kept - 1], &st->rows[i]) != 0)
			st->rows[kept++] = st->rows[i];
		else
			st->rows[kept - 1].w += st->rows[i].w;
	}
	st->nrows = kept;
}

/*
 * disc_make_room
 *		Room for 'more' rows: collapse first, and grow the array only when that
 *		leaves it more than half full; 54000 past DISC_MAX_ROWS distinct rows.
 */
static void
disc_make_room(DiscState *st, int64 more)
{
	int64		cap;

	if (st->nrows + more <= st->capacity)
		return;
	disc_collapse(st);
	if (2 * (st->nrows + more) <= st->capacity)
		return;
	if (st->nrows + more > DISC_MAX_ROWS)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("too many distinct customer rows in one discrete-model aggregate: more than " INT64_FORMAT,
						DISC_MAX_ROWS),
				 errhint("Fit on a sample of customers.")));
	cap = Min(Max(Max(2 * st->capacity, 256), 2 * (st->nrows + more)), DISC_MAX_ROWS);
	st->rows = st->rows ? repalloc_huge(st->rows, cap * sizeof(DiscRow))
		: MemoryContextAllocHuge(st->ctx, cap * sizeof(DiscRow));
	st->capacity = cap;
}

/*
 * disc_add
 *		Append one row of weight w.
 */
void
disc_add(DiscState *st, int32 k0, int32 k1, int32 k2, double w)
{
	DiscRow    *r;

	disc_make_room(st, 1);
	r = &st->rows[st->nrows++];
	r->k[0] = k0;
	r->k[1] = k1;
	r->k[2] = k2;
	r->w = w;
}

/*
 * disc_transition_state
 *		The state of a transition call, created on the group's first row.
 */
DiscState *
disc_transition_state(FunctionCallInfo fcinfo, const char *fn)
{
	MemoryContext aggctx = eng_agg_context(fcinfo, fn);

	if (PG_ARGISNULL(0))
		return disc_create(aggctx);
	return (DiscState *) PG_GETARG_POINTER(0);
}

/*
 * disc_set_penalizer
 *		Capture the penalizer at argno (when the overload has one): non-NULL,
 *		finite, >= 0 and the same on every row of the group.
 */
void
disc_set_penalizer(DiscState *st, FunctionCallInfo fcinfo, int argno, const char *fn)
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
				 errhint("The penalizer c adds c times the sum of squared parameters to the mean negative log-likelihood; 0 is the plain maximum-likelihood fit.")));
	if (st->has_penalizer && st->penalizer != c)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s penalizer must be the same on every row of a group (%g and %g)", fn, st->penalizer, c),
				 errhint("Pass a constant penalizer.")));
	st->has_penalizer = true;
	st->penalizer = c + 0.0;
}

/*
 * disc_same_model
 *		22023 unless the model parameters b equal the group's a.
 */
static void
disc_same_model(int n, const double *a, const double *b, const char *fn)
{
	if (memcmp(a, b, n * sizeof(double)) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s model must be the same on every row of a group", fn),
				 errhint("Standard errors are computed at one model's parameters; pass the same model to every row (for example from a scalar subquery).")));
}

/*
 * disc_set_model
 *		Capture the parameters of the model at argno on the group's first row
 *		and check them on every later row.
 */
void
disc_set_model(DiscState *st, FunctionCallInfo fcinfo, int argno, const DiscModel *dm,
			   const char *fn)
{
	double		theta[DISC_MAX_PARAMS];

	if (PG_ARGISNULL(argno))
		eng_null_argument("the model", fn);
	disc_model_params(fcinfo, argno, dm, theta);
	for (int i = 0; i < dm->np; i++)
		theta[i] += 0.0;
	if (st->nmodel == 0)
	{
		memcpy(st->model, theta, dm->np * sizeof(double));
		st->nmodel = dm->np;
	}
	else
		disc_same_model(dm->np, st->model, theta, fn);
}

/*
 * disc_fit_combine(internal, internal) -> internal
 *		Merge two states of any discrete aggregate; not strict (a NULL side is
 *		"no rows yet"); the left state is extended in place.
 */
Datum
disc_fit_combine(PG_FUNCTION_ARGS)
{
	const char *fn = "disc_fit_combine";
	MemoryContext aggctx = eng_agg_context(fcinfo, fn);
	DiscState  *dst;
	DiscState  *src;

	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_POINTER(PG_GETARG_POINTER(0));
	}
	src = (DiscState *) PG_GETARG_POINTER(1);
	dst = PG_ARGISNULL(0) ? disc_create(aggctx) : (DiscState *) PG_GETARG_POINTER(0);
	if (src->has_penalizer)
	{
		if (dst->has_penalizer && dst->penalizer != src->penalizer)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("penalizer must be the same on every row of a group (%g and %g)",
							dst->penalizer, src->penalizer),
					 errhint("Pass a constant penalizer.")));
		dst->has_penalizer = true;
		dst->penalizer = src->penalizer;
	}
	if (src->nmodel > 0)
	{
		if (dst->nmodel == 0)
		{
			memcpy(dst->model, src->model, sizeof(dst->model));
			dst->nmodel = src->nmodel;
		}
		else
			disc_same_model(src->nmodel, dst->model, src->model, "standard errors");
	}
	if (src->nrows > 0)
	{
		disc_make_room(dst, src->nrows);
		memcpy(dst->rows + dst->nrows, src->rows, src->nrows * sizeof(DiscRow));
		dst->nrows += src->nrows;
	}
	PG_RETURN_POINTER(dst);
}

/*
 * disc_fit_serialize(internal) -> bytea
 *		The portable form of a state for parallel workers (file header).
 */
Datum
disc_fit_serialize(PG_FUNCTION_ARGS)
{
	DiscState  *st;
	StringInfoData buf;

	(void) eng_agg_context(fcinfo, "disc_fit_serialize");
	st = (DiscState *) PG_GETARG_POINTER(0);
	disc_collapse(st);
	if ((Size) st->nrows > (MaxAllocSize - ENG_SERIAL_SLACK) / DISC_ROW_SERIAL_SIZE)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("too many distinct customer rows to pass to a parallel worker: " INT64_FORMAT,
						st->nrows),
				 errhint("Disable parallel query for this statement (SET max_parallel_workers_per_gather = 0).")));
	pq_begintypsend(&buf);
	pq_sendbyte(&buf, DISC_SERIAL_FORMAT);
	pq_sendbyte(&buf, st->has_penalizer ? 1 : 0);
	pq_sendfloat8(&buf, st->penalizer);
	pq_sendbyte(&buf, st->nmodel);
	for (int i = 0; i < st->nmodel; i++)
		pq_sendfloat8(&buf, st->model[i]);
	pq_sendint64(&buf, st->nrows);
	for (int64 i = 0; i < st->nrows; i++)
	{
		for (int j = 0; j < 3; j++)
			pq_sendint32(&buf, st->rows[i].k[j]);
		pq_sendfloat8(&buf, st->rows[i].w);
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/*
 * disc_fit_deserialize(bytea, internal) -> internal
 *		Rebuild a state, checking every length and that every value is one a
 *		transition function could have stored.
 */
Datum
disc_fit_deserialize(PG_FUNCTION_ARGS)
{
	const char *what = "discrete model state";
	MemoryContext aggctx = eng_agg_context(fcinfo, "disc_fit_deserialize");
	bytea	   *b = PG_GETARG_BYTEA_PP(0);
	StringInfoData buf;
	DiscState  *st;
	int64		n;
	int			flag;

	eng_state_reader(b, &buf);
	st = disc_create(aggctx);
	if (buf.len < 11 || pq_getmsgbyte(&buf) != DISC_SERIAL_FORMAT)
		eng_corrupt_state(what, "too short or unknown format byte");
	flag = pq_getmsgbyte(&buf);
	st->penalizer = pq_getmsgfloat8(&buf);
	st->nmodel = pq_getmsgbyte(&buf);
	if (flag > 1 || !isfinite(st->penalizer) || st->penalizer < 0 || st->nmodel > DISC_MAX_PARAMS ||
		buf.len - buf.cursor < 8 * st->nmodel + 8)
		eng_corrupt_state(what, "invalid header");
	st->has_penalizer = flag == 1;
	for (int i = 0; i < st->nmodel; i++)
	{
		st->model[i] = pq_getmsgfloat8(&buf);
		if (!isfinite(st->model[i]) || st->model[i] <= 0)
			eng_corrupt_state(what, "invalid model parameter");
	}
	n = pq_getmsgint64(&buf);
	if (n < 0 || n > DISC_MAX_ROWS || (buf.len - buf.cursor) % DISC_ROW_SERIAL_SIZE != 0 ||
		n != (buf.len - buf.cursor) / DISC_ROW_SERIAL_SIZE)
		eng_corrupt_state(what, "row count does not match length");
	disc_make_room(st, n);
	for (int64 i = 0; i < n; i++)
	{
		DiscRow    *r = &st->rows[i];

		for (int j = 0; j < 3; j++)
		{
			r->k[j] = pq_getmsgint(&buf, 4);
			if (r->k[j] < 0 || r->k[j] > DISC_MAX_PERIODS)
				eng_corrupt_state(what, "row value out of range");
		}
		r->w = pq_getmsgfloat8(&buf);
		if (!isfinite(r->w) || r->w <= 0)
			eng_corrupt_state(what, "invalid weight");
	}
	st->nrows = n;
	PG_RETURN_POINTER(st);
}

/*
 * disc_final_data
 *		The collapsed, sorted rows of a final call and their total weight;
 *		false when the group had no row (the aggregate returns NULL).
 */
bool
disc_final_data(FunctionCallInfo fcinfo, const char *fn, DiscState **stp, DiscData *d)
{
	DiscState  *st;

	(void) eng_agg_context(fcinfo, fn);
	if (PG_ARGISNULL(0))
		return false;
	st = (DiscState *) PG_GETARG_POINTER(0);
	disc_collapse(st);
	if (st->nrows == 0)
		return false;
	*stp = st;
	d->rows = st->rows;
	d->nrows = st->nrows;
	d->total_w = 0.0;
	for (int64 i = 0; i < st->nrows; i++)
		d->total_w += st->rows[i].w;
	return true;
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
disc_loglik(const DiscModel *dm, const DiscData *d, const double *theta)
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
	const DiscData *d;
	double		penalizer;
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

	for (int i = 0; i < o->dm->np; i++)
	{
		if (fabs(phi[i]) > DISC_LOG_BOUND)
			return HUGE_VAL;
		theta[i] = exp(phi[i]);
		pen += theta[i] * theta[i];
	}
	return -disc_loglik(o->dm, o->d, theta) / o->d->total_w + o->penalizer * pen;
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
 * disc_fit
 *		Maximise the (penalized) likelihood from all parameters = 1 and return
 *		the model composite: parameters, unpenalized log-likelihood, customers
 *		(sum of weights), iterations, converged.  22023 for fewer than
 *		DISC_MIN_CUSTOMERS customers, an optimum at the edge of the box, or an
 *		unpenalized optimum no better than the model's homogeneous limit (the
 *		detail says what in the data leaves the parameter unidentified), 54000
 *		when the optimiser does not converge.
 */
Datum
disc_fit(FunctionCallInfo fcinfo, const DiscModel *dm, DiscState *st, const DiscData *d)
{
	NMOptions	opt = {DISC_NM_STEP, DISC_NM_FTOL, DISC_NM_XTOL, DISC_NM_MAX_ITER, DISC_NM_MAX_RESTARTS};
	DiscObjective o = {dm, d, st->has_penalizer ? st->penalizer : 0.0};
	NMResult	res;
	double		phi[DISC_MAX_PARAMS] = {0.0};
	double		theta[DISC_MAX_PARAMS];
	double		ll;
	TupleDesc	tupdesc;
	Datum		values[DISC_MAX_PARAMS + 4];
	bool		nulls[DISC_MAX_PARAMS + 4] = {false};
	int			np = dm->np;

	if (d->total_w < DISC_MIN_CUSTOMERS)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s needs at least %g customers, got %g", dm->fit_name, DISC_MIN_CUSTOMERS, d->total_w),
				 errhint("Fit on a larger group of customers (for example a whole cohort).")));
	if (!isfinite(disc_objective(phi, &o)))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s cannot evaluate the likelihood on these data", dm->fit_name),
				 errhint("Check the input for extreme values.")));
	nm_minimize(disc_objective, &o, np, phi, &opt, &res);
	for (int i = 0; i < np; i++)
		if (fabs(phi[i]) > DISC_LOG_BOUND - DISC_LOG_MARGIN)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("the data of %s do not identify the model: parameter %s %s",
							dm->fit_name, dm->names[i], phi[i] > 0 ? "grows without bound" : "tends to zero"),
					 errdetail("%s", phi[i] > 0 ? dm->to_infinity[i] : dm->to_zero[i]),
					 errhint("Fit on a larger, more varied group of customers, or pass a penalizer (for example 0.01) to keep the parameters finite.")));
	for (int i = 0; i < np; i++)
		theta[i] = exp(phi[i]);
	ll = disc_loglik(dm, d, theta);
	if (dm->limit_ll && o.penalizer == 0)
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

	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "%s final function must return a composite type", dm->fit_name);
	for (int i = 0; i < np; i++)
		values[i] = Float8GetDatum(theta[i]);
	values[np] = Float8GetDatum(ll);
	values[np + 1] = Float8GetDatum(d->total_w);
	values[np + 2] = Int32GetDatum(res.iterations);
	values[np + 3] = BoolGetDatum(res.converged);
	tupdesc = BlessTupleDesc(tupdesc);
	return HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls));
}

/*
 * disc_standard_errors
 *		The float8[] of standard errors (parameter order) at the group's model
 *		from the inverse observed information of the rows (information.c).
 */
Datum
disc_standard_errors(const DiscModel *dm, DiscState *st, const DiscData *d)
{
	DiscObjective o = {dm, d, 0.0};
	double		se[DISC_MAX_PARAMS];
	Datum		elems[DISC_MAX_PARAMS];
	const char *fn = psprintf("%s standard errors", dm->type_name);

	Assert(st->nmodel == dm->np);
	info_standard_errors(fn, disc_information_loglik, &o, dm->np, st->model, dm->names, se);
	for (int i = 0; i < dm->np; i++)
		elems[i] = Float8GetDatum(se[i]);
	return PointerGetDatum(construct_array(elems, dm->np, FLOAT8OID, sizeof(float8),
										   FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
}
