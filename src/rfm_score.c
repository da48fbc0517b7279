/*
 * rfm_score.c
 *		Tie-safe RFM scores: rfm_breaks (cut points of a column, an ordered-set
 *		style aggregate over the values) and rfm_score (the bin of a value).
 */
#include "postgres.h"

#include <math.h>

#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "commands/extension.h"
#include "executor/spi.h"
#include "funcapi.h"
#include "libpq/pqformat.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/timestamp.h"

#include "calendar.h"
#include "engagement.h"
#include "rfm.h"

/* ---------- scores: rfm_breaks, rfm_score ---------- */


/* the values an rfm_breaks group collects */
typedef struct RfmValues
{
	int64		n;
	int64		cap;
	double	   *v;
} RfmValues;

/* largest number of values rfm_breaks may sort: 1 GiB of them */
#define RFM_MAX_VALUES	((int64) (ENG_MAX_GROUP_BYTES / sizeof(double)))

/*
 * rfm_check_bins
 *		The number of scores must be 2..100.
 */
void
rfm_check_bins(int64 n, const char *fn)
{
	if (n < RFM_MIN_BINS || n > RFM_MAX_BINS)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s number of scores must be between %d and %d, not " INT64_FORMAT,
						fn, RFM_MIN_BINS, RFM_MAX_BINS, n),
				 errhint("Use 5 for the classic 1-5 RFM scores.")));
}

PG_FUNCTION_INFO_V1(rfm_breaks_trans);
PG_FUNCTION_INFO_V1(rfm_breaks_final);
PG_FUNCTION_INFO_V1(rfm_score);

/*
 * rfm_breaks_trans(internal, float8) -> internal
 *		Collect one value of the WITHIN GROUP column (an ordered-set aggregate
 *		gets its rows unsorted and sorts them itself).  NULLs are skipped; NaN
 *		and infinities are rejected.
 */
Datum
rfm_breaks_trans(PG_FUNCTION_ARGS)
{
	MemoryContext aggctx = eng_agg_context(fcinfo, "rfm_breaks");
	RfmValues  *st;
	double		v;

	if (PG_ARGISNULL(0))
		st = (RfmValues *) MemoryContextAllocZero(aggctx, sizeof(RfmValues));
	else
		st = (RfmValues *) PG_GETARG_POINTER(0);
	if (PG_ARGISNULL(1))
		PG_RETURN_POINTER(st);
	v = PG_GETARG_FLOAT8(1);
	eng_check_finite_float(v, "rfm_breaks value");
	if (st->n == st->cap)
	{
		int64		newcap = Max(st->cap * 2, 64);

		if (st->n >= RFM_MAX_VALUES)
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("too many rfm_breaks values in one group: more than " INT64_FORMAT,
							RFM_MAX_VALUES),
					 errhint("Compute the cut points on a sample (TABLESAMPLE) and score every row with rfm_score().")));
		newcap = Min(newcap, RFM_MAX_VALUES);
		if (st->v == NULL)
			st->v = MemoryContextAllocHuge(aggctx, newcap * sizeof(double));
		else
			st->v = repalloc_huge(st->v, newcap * sizeof(double));
		st->cap = newcap;
	}
	st->v[st->n++] = v;
	PG_RETURN_POINTER(st);
}

/* double comparison for the sort of rfm_breaks_final */
#define ST_SORT rfm_sort_doubles
#define ST_ELEMENT_TYPE double
#define ST_COMPARE(a, b) (*(a) < *(b) ? -1 : (*(a) > *(b) ? 1 : 0))
#define ST_SCOPE static
#define ST_CHECK_FOR_INTERRUPTS
#define ST_DEFINE
#include "lib/sort_template.h"

/*
 * rfm_breaks_final(internal, int) -> float8[]
 *		The n - 1 cut points of n equal-count scores: with the N values sorted,
 *		cut point k is the value at (1-based) position ceil(k * N / n), i.e.
 *		percentile_disc(k / n).  rfm_score gives a value 1 + the number of cut
 *		points strictly below it, so equal values always share a score, and a
 *		value's score is 1 + floor(n * (share of values strictly below it)),
 *		capped at n.  NULL when the group has no non-NULL value.  Sorts the
 *		collected values in place (FINALFUNC_MODIFY = READ_WRITE).
 */
Datum
rfm_breaks_final(PG_FUNCTION_ARGS)
{
	RfmValues  *st;
	int32		n;
	Datum	   *cuts;

	(void) eng_agg_context(fcinfo, "rfm_breaks");
	if (PG_ARGISNULL(1))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("rfm_breaks number of scores must not be NULL"),
				 errhint("Use rfm_breaks(5) WITHIN GROUP (ORDER BY value).")));
	n = PG_GETARG_INT32(1);
	rfm_check_bins(n, "rfm_breaks");
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	st = (RfmValues *) PG_GETARG_POINTER(0);
	if (st->n == 0)
		PG_RETURN_NULL();
	rfm_sort_doubles(st->v, st->n);
	cuts = palloc((n - 1) * sizeof(Datum));
	for (int k = 1; k < n; k++)
	{
		int64		pos = (k * st->n + n - 1) / n;	/* ceil(k * N / n), >= 1 */

		cuts[k - 1] = Float8GetDatum(st->v[pos - 1]);
	}
	PG_RETURN_ARRAYTYPE_P(construct_array(cuts, n - 1, FLOAT8OID, sizeof(float8),
										  FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
}

/* rfm_score's cut points, checked once and kept in fn_extra with the array's bytes */
typedef struct RfmBreaks
{
	int			nb;				/* number of cut points */
	double		cuts[RFM_MAX_BINS - 1];
	Size		size;			/* VARSIZE of the array they came from */
	char		bytes[FLEXIBLE_ARRAY_MEMBER];	/* its bytes */
} RfmBreaks;

/*
 * rfm_parse_breaks
 *		Check a breaks array (one dimension, 1..99 finite non-NULL
 *		non-decreasing numbers) and return its cut points, allocated in
 *		mcxt together with a copy of the array's bytes.
 */
static RfmBreaks *
rfm_parse_breaks(ArrayType *arr, MemoryContext mcxt)
{
	Datum	   *elems;
	bool	   *nulls;
	int			nb;
	RfmBreaks  *b;

	if (ARR_NDIM(arr) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("rfm_score breaks must be a one-dimensional array")));
	deconstruct_array(arr, FLOAT8OID, sizeof(float8), FLOAT8PASSBYVAL,
					  TYPALIGN_DOUBLE, &elems, &nulls, &nb);
	rfm_check_bins((int64) nb + 1, "rfm_score");
	b = MemoryContextAlloc(mcxt, offsetof(RfmBreaks, bytes) + VARSIZE(arr));
	b->nb = nb;
	for (int i = 0; i < nb; i++)
	{
		if (nulls[i])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("rfm_score breaks must not contain NULL"),
					 errhint("Pass the array rfm_breaks() returned, or non-NULL cut points.")));
		b->cuts[i] = DatumGetFloat8(elems[i]);
		eng_check_finite_float(b->cuts[i], "rfm_score cut point");
		if (i > 0 && b->cuts[i] < b->cuts[i - 1])
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("rfm_score breaks must be in non-decreasing order"),
					 errhint("Sort the cut points, or pass the array rfm_breaks() returned.")));
	}
	b->size = VARSIZE(arr);
	memcpy(b->bytes, arr, b->size);
	return b;
}

/*
 * rfm_score(value float8, breaks float8[], higher_is_better bool) -> int
 *		1 + the number of cut points strictly below value; with
 *		higher_is_better = false (recency in days) the scale is reversed, so
 *		the smallest values get the top score n = length(breaks) + 1.  The cut
 *		points must be 1..99 finite, non-NULL, non-decreasing numbers.  A query
 *		scores every customer against the same few arrays: the last one checked
 *		is kept in fn_extra and reused while the next row passes the same bytes,
 *		so a row costs a byte comparison and a binary search.
 */
Datum
rfm_score(PG_FUNCTION_ARGS)
{
	double		v = PG_GETARG_FLOAT8(0);
	ArrayType  *arr = PG_GETARG_ARRAYTYPE_P(1);
	bool		higher_is_better = PG_GETARG_BOOL(2);
	RfmBreaks  *b = (RfmBreaks *) fcinfo->flinfo->fn_extra;
	int			lo;
	int			hi;

	eng_check_finite_float(v, "rfm_score value");
	if (b == NULL || b->size != VARSIZE(arr) || memcmp(b->bytes, arr, b->size) != 0)
	{
		RfmBreaks  *parsed = rfm_parse_breaks(arr, fcinfo->flinfo->fn_mcxt);

		if (b)
			pfree(b);
		fcinfo->flinfo->fn_extra = b = parsed;
	}
	/* binary search: lo = number of cut points < v */
	lo = 0;
	hi = b->nb;
	while (lo < hi)
	{
		int			mid = (lo + hi) / 2;

		if (b->cuts[mid] < v)
			lo = mid + 1;
		else
			hi = mid;
	}
	PG_RETURN_INT32(higher_is_better ? 1 + lo : b->nb + 1 - lo);
}
