/*
 * retention.c
 *		Retention and lifecycle over the shared event buffer.
 *
 * retention(VARIADIC conds bool[]) -> int[]
 *		ClickHouse's retention: element 1 is 1 when condition 1 held on some row
 *		of the group; element i is 1 when condition 1 and condition i each held
 *		on some row.  The buffer keeps a single event whose flag word is the OR of
 *		every row's conditions (merged buffers may hold one such event each).
 *
 * retention_periods(first_seen, ts, period, n) -> int[]
 *		Element k+1 is 1 when some ts falls in [first_seen + k*period,
 *		first_seen + (k+1)*period), k = 0..n-1.  The buffer holds ceil(n/32)
 *		events, event b carrying periods 32b..32b+31 as bits, so memory does not
 *		grow with the rows.
 *
 * lifecycle(ts, period, as_of) -> lifecycle_period[]
 *		PostHog's lifecycle per period, from the customer's first active period
 *		to the period holding as_of: new (first active period), returning
 *		(active, and active in the period before), resurrecting (active after a
 *		gap), dormant (the first inactive period after activity).  Periods are
 *		fixed-length bins aligned to Monday 2000-01-03 00:00 UTC, which is
 *		date_bin(period, ts, '2000-01-03 00:00+00'): '1 day' bins are UTC days and
 *		'1 week' bins are ISO weeks.  The buffer holds one event per distinct
 *		period (consecutive repeats are skipped on the way in).
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/typcache.h"

#include "engagement.h"
#include "event_buffer.h"

/* most periods retention_periods reports (the result has one int per period) */
#define RP_MAX_PERIODS 100000

/* parameter slots */
#define RET_NCONDS		0
#define RP_FIRST_SEEN	0
#define RP_PERIOD		1
#define RP_N			2
#define LC_PERIOD		0
#define LC_AS_OF		1

/* lifecycle bins start at Monday 2000-01-03 00:00 UTC (PostgreSQL's epoch + 2 days) */
#define LC_ORIGIN		(2 * USECS_PER_DAY)

PG_FUNCTION_INFO_V1(retention_transfn);
PG_FUNCTION_INFO_V1(retention_args_transfn);
PG_FUNCTION_INFO_V1(retention_finalfn);
PG_FUNCTION_INFO_V1(retention_periods_transfn);
PG_FUNCTION_INFO_V1(retention_periods_finalfn);
PG_FUNCTION_INFO_V1(lifecycle_transfn);
PG_FUNCTION_INFO_V1(lifecycle_finalfn);

/*
 * int_array
 *		An int4[] of n zero/one values read from bits[0 .. n).
 */
static ArrayType *
int_array(const uint8 *bits, int n)
{
	Datum	   *d = palloc(sizeof(Datum) * Max(n, 1));

	for (int i = 0; i < n; i++)
		d[i] = Int32GetDatum(bits[i] ? 1 : 0);
	return construct_array(d, n, INT4OID, sizeof(int32), true, TYPALIGN_INT);
}

/*
 * retention_accumulate
 *		OR one row's condition flags (n conditions) into the buffer's one
 *		event.  The number of conditions must be the same on every row.
 */
static Datum
retention_accumulate(EventBuffer *eb, uint32 flags, int n)
{
	int64		nconds = n;

	eb_set_params(eb, &nconds, 1, "retention");
	if (eb->nevents == 0)
		eb_append(eb, 0, 0, 0);
	eb->events[0].flags |= flags;
	return PointerGetDatum(eb);
}

/*
 * retention_transfn(internal, bool[]) -> internal
 *		Transition of retention(VARIADIC bool[]).
 */
Datum
retention_transfn(PG_FUNCTION_ARGS)
{
	EventBuffer *eb = eb_transition_state(fcinfo, "retention");
	int			n;
	uint32		flags;

	if (PG_ARGISNULL(1))
		eng_null_argument("the conditions array", "retention");
	flags = eng_condition_flags(PG_GETARG_ARRAYTYPE_P(1), "retention", "conditions",
								"Pass one boolean expression per condition.", &n);
	return retention_accumulate(eb, flags, n);
}

/*
 * retention_args_transfn(internal, bool, bool...) -> internal
 *		Transition of the fixed-arity overloads retention(bool, bool...) (2 to 8
 *		conditions): the same as retention_transfn without building an array
 *		per row; NULL conditions count as false.
 */
Datum
retention_args_transfn(PG_FUNCTION_ARGS)
{
	EventBuffer *eb = eb_transition_state(fcinfo, "retention");
	int			n;
	uint32		flags = eng_condition_args(fcinfo, 1, &n);

	return retention_accumulate(eb, flags, n);
}

/*
 * retention_finalfn(internal) -> int[]
 *		Element 1: condition 1 seen; element i: conditions 1 and i both seen.
 *		NULL for a group without rows.
 */
Datum
retention_finalfn(PG_FUNCTION_ARGS)
{
	EventBuffer *eb = eb_final_state(fcinfo, "retention");
	uint8		bits[ENG_MAX_CONDITIONS];
	uint32		seen = 0;
	int			n;

	if (eb == NULL || eb->nparams < 1)
		PG_RETURN_NULL();
	n = (int) eb->params[RET_NCONDS];
	for (int64 i = 0; i < eb->nevents; i++)
		seen |= eb->events[i].flags;
	for (int i = 0; i < n; i++)
		bits[i] = (seen & 1u) && (seen & (1u << i));
	PG_RETURN_ARRAYTYPE_P(int_array(bits, n));
}

/*
 * retention_periods_transfn(internal, timestamptz, timestamptz, interval, int) -> internal
 *		Set the bit of the period after first_seen that ts falls in.  Rows with a
 *		NULL first_seen or ts are skipped; period and n must be given, constant
 *		per group, and so must first_seen.
 */
Datum
retention_periods_transfn(PG_FUNCTION_ARGS)
{
	const char *fn = "retention_periods";
	EventBuffer *eb;
	TimestampTz first_seen,
				ts;
	int64		params[3];
	int32		n;
	int128		k;

	if (PG_ARGISNULL(3))
		eng_null_argument("period", fn);
	if (PG_ARGISNULL(4))
		eng_null_argument("the number of periods", fn);
	n = PG_GETARG_INT32(4);
	if (n < 1 || n > RP_MAX_PERIODS)
		ereport(ERROR,
				(errcode(n < 1 ? ERRCODE_INVALID_PARAMETER_VALUE : ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("retention_periods reports 1 to %d periods, not %d", RP_MAX_PERIODS, n),
				 errhint("Pass the number of periods after first activity to report, for example 12.")));
	params[RP_PERIOD] = eng_interval_arg(fcinfo, 3, "retention_periods period");
	params[RP_N] = n;
	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_POINTER(PG_GETARG_POINTER(0));
	}
	eb = eb_transition_state(fcinfo, fn);
	first_seen = PG_GETARG_TIMESTAMPTZ(1);
	ts = PG_GETARG_TIMESTAMPTZ(2);
	eng_check_finite_ts(first_seen, fn);
	eng_check_finite_ts(ts, fn);
	params[RP_FIRST_SEEN] = first_seen;
	eb_set_params(eb, params, 3, fn);

	if (eb->nevents == 0)
	{
		/* one event per block of 32 periods, event b at ts = b */
		for (int b = 0; b < (n + 31) / 32; b++)
			eb_append(eb, b, 0, 0);
	}
	if (ts < first_seen)
		PG_RETURN_POINTER(eb);
	k = ((int128) ts - first_seen) / params[RP_PERIOD];
	if (k < n)
		eb->events[k / 32].flags |= 1u << (k % 32);
	PG_RETURN_POINTER(eb);
}

/*
 * retention_periods_finalfn(internal) -> int[]
 *		OR the blocks of every merged buffer into one 0/1 array of n periods;
 *		NULL for a group without usable rows.
 */
Datum
retention_periods_finalfn(PG_FUNCTION_ARGS)
{
	EventBuffer *eb = eb_final_state(fcinfo, "retention_periods");
	uint8	   *bits;
	int			n;

	if (eb == NULL || eb->nparams < 3)
		PG_RETURN_NULL();
	n = (int) eb->params[RP_N];
	bits = palloc0(n);
	for (int64 i = 0; i < eb->nevents; i++)
	{
		int64		b = eb->events[i].ts;

		if (b < 0 || b >= (n + 31) / 32)
			elog(ERROR, "retention_periods: block %lld out of range", (long long) b);
		for (int j = 0; j < 32 && b * 32 + j < n; j++)
			if (eb->events[i].flags & (1u << j))
				bits[b * 32 + j] = 1;
	}
	PG_RETURN_ARRAYTYPE_P(int_array(bits, n));
}

/*
 * lc_bin
 *		Index of the fixed-length bin (aligned to LC_ORIGIN) holding ts: a floor
 *		division, so timestamps before 2000-01-03 get negative indexes.
 */
static int64
lc_bin(TimestampTz ts, int64 period)
{
	int128		d = (int128) ts - LC_ORIGIN;
	int128		q = d / period;

	if (d % period < 0)
		q--;
	return (int64) q;
}

/*
 * lifecycle_transfn(internal, timestamptz, interval, timestamptz) -> internal
 *		Buffer the bin of every row at or before as_of; NULL timestamps are
 *		skipped, period and as_of must be given and constant per group.
 */
Datum
lifecycle_transfn(PG_FUNCTION_ARGS)
{
	const char *fn = "lifecycle";
	EventBuffer *eb;
	TimestampTz ts;
	int64		params[2];
	int64		bin;

	if (PG_ARGISNULL(2))
		eng_null_argument("period", fn);
	if (PG_ARGISNULL(3))
		eng_null_argument("as_of", fn);
	params[LC_PERIOD] = eng_interval_arg(fcinfo, 2, "lifecycle period");
	params[LC_AS_OF] = PG_GETARG_TIMESTAMPTZ(3);
	eng_check_finite_ts(params[LC_AS_OF], fn);
	eb = eb_transition_state(fcinfo, fn);
	eb_set_params(eb, params, 2, fn);
	if (PG_ARGISNULL(1))
		PG_RETURN_POINTER(eb);
	ts = PG_GETARG_TIMESTAMPTZ(1);
	eng_check_finite_ts(ts, fn);
	if (ts > params[LC_AS_OF])
		PG_RETURN_POINTER(eb);
	bin = lc_bin(ts, params[LC_PERIOD]);
	if (eb->nevents == 0 || eb->events[eb->nevents - 1].ts != bin)
		eb_append(eb, bin, 0, 0);
	PG_RETURN_POINTER(eb);
}

/*
 * lc_status
 *		Append one (period_start, status) composite to the result datums.  The
 *		bin of an event early in 4714 BC can start before the first valid
 *		timestamp (bins are aligned to LC_ORIGIN): 22008 rather than a value
 *		that cannot be printed, stored and restored.
 */
static void
lc_status(TupleDesc tupdesc, Datum *out, int *nout, int64 bin, int64 period, const char *status)
{
	Datum		values[2];
	bool		nulls[2] = {false, false};
	int128		start = LC_ORIGIN + (int128) bin * period;

	if (start < MIN_TIMESTAMP || start >= END_TIMESTAMP)
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("lifecycle: a period would start outside the range of timestamptz"),
				 errhint("Periods are aligned to 2000-01-03; use a shorter period for events this close to 4714 BC.")));
	values[0] = TimestampTzGetDatum((TimestampTz) start);
	values[1] = CStringGetTextDatum(status);
	out[(*nout)++] = heap_copy_tuple_as_datum(heap_form_tuple(tupdesc, values, nulls), tupdesc);
}

/*
 * lifecycle_finalfn(internal) -> lifecycle_period[]
 *		Walk the distinct active bins in order and emit new / returning /
 *		resurrecting for each and dormant for the bin after each run of activity
 *		(when that bin is not after as_of's bin).  NULL when no row fell at or
 *		before as_of.
 */
Datum
lifecycle_finalfn(PG_FUNCTION_ARGS)
{
	EventBuffer *eb = eb_final_state(fcinfo, "lifecycle");
	Oid			arraytype,
				elemtype;
	TupleDesc	tupdesc;
	Datum	   *out;
	int			nout = 0;
	int64		period,
				last_bin,
				prev = 0;
	bool		have_prev = false;
	int16		typlen;
	bool		typbyval;
	char		typalign;

	if (eb == NULL || eb->nevents == 0)
		PG_RETURN_NULL();
	period = eb->params[LC_PERIOD];
	last_bin = lc_bin(eb->params[LC_AS_OF], period);
	arraytype = get_func_rettype(fcinfo->flinfo->fn_oid);
	elemtype = get_element_type(arraytype);
	if (!OidIsValid(elemtype))
		elog(ERROR, "lifecycle: result type %u is not an array", arraytype);
	tupdesc = lookup_rowtype_tupdesc_copy(elemtype, -1);
	/* at most two statuses per distinct bin */
	if ((Size) eb->nevents > MaxAllocSize / (2 * sizeof(Datum)))
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("lifecycle: too many active periods in one group: " INT64_FORMAT, eb->nevents),
				 errhint("Use a longer period.")));
	out = palloc(sizeof(Datum) * 2 * eb->nevents);

	for (int64 i = 0; i < eb->nevents; i++)
	{
		int64		bin = eb->events[i].ts;

		if (have_prev && bin == prev)
			continue;			/* repeats from merged buffers */
		if (!have_prev)
			lc_status(tupdesc, out, &nout, bin, period, "new");
		else if (bin == prev + 1)
			lc_status(tupdesc, out, &nout, bin, period, "returning");
		else
		{
			lc_status(tupdesc, out, &nout, prev + 1, period, "dormant");
			lc_status(tupdesc, out, &nout, bin, period, "resurrecting");
		}
		prev = bin;
		have_prev = true;
	}
	if (prev < last_bin)
		lc_status(tupdesc, out, &nout, prev + 1, period, "dormant");

	get_typlenbyvalalign(elemtype, &typlen, &typbyval, &typalign);
	PG_RETURN_ARRAYTYPE_P(construct_array(out, nout, elemtype, typlen, typbyval, typalign));
}
