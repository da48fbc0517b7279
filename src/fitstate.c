/*
 * fitstate.c
 *		The state of every model fit and standard-error aggregate (fitstate.h)
 *		and what the fits share: a weighted multiset of customer rows, the
 *		group's penalizer and model, the combine / serialize / deserialize
 *		functions all of these aggregates use (btyd_fit_*), the rows a final
 *		function sees, the Nelder-Mead driver with its identification checks,
 *		and the result composite and standard-error array.
 *
 * Rows are collapsed (identical rows merged, weights added) whenever the array
 * fills up, merged by the combine function and serialised as a format byte, a
 * row count, the penalizer and model, and four float8 per row.  The final
 * function collapses once more, so the optimiser always sees the same sorted
 * distinct rows whatever the input order or plan.  The serial form is also
 * the payload of the "bgnbd" and "gamma_gamma" kinds of partial_state
 * (partial.c), which may be stored: it must not change.
 */
#include "postgres.h"

#include <math.h>

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "funcapi.h"
#include "libpq/pqformat.h"
#include "utils/array.h"
#include "utils/memutils.h"

#include "engagement.h"
#include "fitstate.h"
#include "optimize.h"

PG_FUNCTION_INFO_V1(btyd_fit_combine);
PG_FUNCTION_INFO_V1(btyd_fit_serialize);
PG_FUNCTION_INFO_V1(btyd_fit_deserialize);

/*
 * serial format of FitState: byte 2, int64 row count, byte penalized, float8
 * penalizer, byte model size, that many float8, then 4 float8 per row
 */
#define FIT_SERIAL_FORMAT 2
#define FIT_ROW_SERIAL_SIZE 32

/* largest number of distinct rows a fit state may hold */
#define FIT_MAX_ROWS ((int64) (MaxAllocHugeSize / 4 / sizeof(FitRow)))


/* ------------------------------------------------------------------ */
/* The state: a weighted multiset of rows                             */
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
void
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
FitState *
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
void
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
void
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
bool
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
	d->state = st;
	return true;
}

/* ------------------------------------------------------------------ */
/* Fitting                                                            */
/* ------------------------------------------------------------------ */

/*
 * fit_outside_box
 *		True when a log-parameter leaves the optimisation box; the objectives
 *		return +infinity there so the simplex turns back.
 */
bool
fit_outside_box(const double *theta, int n)
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
double
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
 * fit_too_few_customers
 *		The error for a sample too small to estimate the model at all.
 */
void
fit_too_few_customers(const char *fn, const char *who, double n)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("%s needs at least %g %s, got %g", fn, FIT_MIN_CUSTOMERS, who, n),
			 errhint("Fit on a larger group of customers (for example the whole acquisition cohort rather than one segment).")));
}

/*
 * fit_run
 *		Maximise the likelihood from the start point theta (log-parameters)
 *		and check the outcome: 54000 if the optimiser does not converge, 22023
 *		if a parameter ends at the edge of the box (the data cannot identify
 *		the model).
 */
void
fit_run(const char *fn, nm_objective f, FitData *d, int n, double *theta,
		const char *const *names, NMResult *res)
{
	NMOptions	opt = FIT_NM_OPTIONS;

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
 * fit_model_tuple
 *		The result composite of a fit final function: the np parameters, then
 *		ll, n, iterations and converged.
 */
Datum
fit_model_tuple(FunctionCallInfo fcinfo, const double *params, int np, double ll,
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
 * fit_se_array
 *		The standard errors as a float8[] in parameter order.
 */
Datum
fit_se_array(const double *se, int np)
{
	Datum		d[NM_MAX_DIM];

	for (int i = 0; i < np; i++)
		d[i] = Float8GetDatum(se[i]);
	return PointerGetDatum(construct_array(d, np, FLOAT8OID, sizeof(float8),
										   FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
}
