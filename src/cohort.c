/*
 * cohort.c
 *		Cohort retention with start and return events, churn and survival.
 *
 * cohort_agg(ts, is_start, is_return, unit, as_of, tz) -> cohort_activity
 *		One customer's activity in calendar periods (calendar.c: date_trunc(unit,
 *		ts, tz)): unit, tz, as_of and the sorted distinct starts of the periods
 *		in which a start event happened and of those in which a return event
 *		happened, counting rows at or before as_of.  The shared event buffer
 *		holds one event per period (its start; flags: bit 0 start, bit 1
 *		return), consecutive repeats folded on the way in, and the unit and
 *		zone text as its one label (so the final function can report them).
 *
 * cohort_retention(activity, n, recurring) -> rows
 * cohort_brackets(activity, brackets, recurring) -> rows
 *		Expand an activity into chartable cells: one cohort row per customer
 *		(first-time: the first start period) or one per start period
 *		(recurring), and for it whether a return fell in period k (k = 0..n-1),
 *		in period k or later, or in each bracket of periods.  A cell whose last
 *		period has not fully elapsed at the activity's as_of is NULL.
 *
 * cohort_churn(activity, threshold) -> cohort_lifetime
 *		The customer's lifetime in periods from the first start period and
 *		whether it churned (threshold complete periods without activity), the
 *		input of kaplan_meier.
 *
 * kaplan_meier(duration, churned) -> survival_point[]
 *		The product-limit estimate over (duration, churned) rows.  Rows are
 *		buffered as (duration, churned) events whose aux word counts repeats.
 *
 * Periods are compared by position: the period index from a day up, and for
 * hours the number of hour periods counted along the time line from the
 * first start (eng_calendar_count_hours), so every unit is consecutive
 * integers.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "funcapi.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/rangetypes.h"
#include "utils/typcache.h"

#include "calendar.h"
#include "engagement.h"
#include "event_buffer.h"

/* event flags of cohort_agg; its label is the unit, CH_SEP, then the zone */
#define CH_SEP		'\n'
#define CH_START	1u
#define CH_RETURN	2u

/* most periods cohort_retention reports, longest kaplan_meier duration */
#define CH_MAX_PERIODS 100000

/* the one parameter of a kaplan_meier buffer (tells it from a cohort_agg buffer) */
#define KM_MARK		(-1)

PG_FUNCTION_INFO_V1(cohort_agg_trans);
PG_FUNCTION_INFO_V1(cohort_agg_final);
PG_FUNCTION_INFO_V1(cohort_retention);
PG_FUNCTION_INFO_V1(cohort_brackets);
PG_FUNCTION_INFO_V1(cohort_period);
PG_FUNCTION_INFO_V1(cohort_churn);
PG_FUNCTION_INFO_V1(kaplan_meier_trans);
PG_FUNCTION_INFO_V1(kaplan_meier_final);

/*
 * ch_label
 *		Intern the group's unit (lower case) and zone text as the buffer's label,
 *		on a partial state's first row: merged states with the same calendar
 *		may hold differently spelled zones, of which the final function takes
 *		the first in byte order.
 */
static void
ch_label(EventBuffer *eb, const EngCalendar *cal)
{
	char		label[sizeof(cal->unitarg) + 1 + sizeof(cal->zonearg)];
	Size		len = 0;

	for (Size i = 0; i < cal->unitlen; i++)
		label[len++] = pg_ascii_tolower(cal->unitarg[i]);
	label[len++] = CH_SEP;
	memcpy(label + len, cal->zonearg, cal->zonelen);
	(void) eb_label_id(eb, label, (int32) (len + cal->zonelen));
}

/*
 * cohort_agg_trans(internal, timestamptz, bool, bool, text, timestamptz, text) -> internal
 *		Buffer the calendar period (unit, zone) of a row at or before as_of that
 *		is a start or a return event (NULL flags count as false; a NULL ts is
 *		skipped).  A row in the same period as the last buffered one ORs its
 *		flags into it.  unit, as_of and tz must be given and constant per group.
 */
Datum
cohort_agg_trans(PG_FUNCTION_ARGS)
{
	const char *fn = "cohort_agg";
	EngCalendar *cal;
	EventBuffer *eb;
	TimestampTz ts;
	EngPeriod	p;
	int64		params[2];
	uint32		flags = 0;

	if (PG_ARGISNULL(4))
		eng_null_argument("unit", fn);
	if (PG_ARGISNULL(5))
		eng_null_argument("as_of", fn);
	if (PG_ARGISNULL(6))
		eng_null_argument("the time zone", fn);
	cal = eng_calendar_arg(fcinfo, 4, 6, fn);
	params[0] = cal->id;
	params[1] = PG_GETARG_TIMESTAMPTZ(5);
	eng_check_finite_ts(params[1], fn);
	eb = eb_transition_state(fcinfo, fn);
	eb_set_params(eb, params, 2, fn);
	if (unlikely(eb->nlabels == 0))
		ch_label(eb, cal);
	if (!PG_ARGISNULL(2) && PG_GETARG_BOOL(2))
		flags |= CH_START;
	if (!PG_ARGISNULL(3) && PG_GETARG_BOOL(3))
		flags |= CH_RETURN;
	if (PG_ARGISNULL(1) || flags == 0)
		PG_RETURN_POINTER(eb);
	ts = PG_GETARG_TIMESTAMPTZ(1);
	eng_check_finite_ts(ts, fn);
	if (ts > params[1])
		PG_RETURN_POINTER(eb);
	eng_calendar_period(cal, ts, &p, fn);
	if (eb->nevents > 0 && eb->events[eb->nevents - 1].ts == p.start)
	{
		eb->events[eb->nevents - 1].flags |= flags;
		eb->sorted = false;
	}
	else
		eb_append(eb, p.start, flags, 0);
	PG_RETURN_POINTER(eb);
}

/*
 * ch_timestamp_array
 *		A timestamptz[] of n values.
 */
static Datum
ch_timestamp_array(const TimestampTz *v, int n)
{
	Datum	   *d = palloc(sizeof(Datum) * Max(n, 1));

	for (int i = 0; i < n; i++)
		d[i] = TimestampTzGetDatum(v[i]);
	return PointerGetDatum(construct_array(d, n, TIMESTAMPTZOID, sizeof(TimestampTz),
										   FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
}

/*
 * cohort_agg_final(internal) -> cohort_activity
 *		(unit, tz, as_of, starts, returns): the distinct start periods and return periods
 *		in order (the buffer is sorted by period start; a period's flags are
 *		the OR of its events').  NULL when the customer has no start event at
 *		or before as_of (no cohort).
 */
Datum
cohort_agg_final(PG_FUNCTION_ARGS)
{
	EventBuffer *eb = eb_final_state(fcinfo, "cohort_agg");
	TupleDesc	tupdesc;
	TimestampTz *starts,
			   *returns;
	int			ns = 0,
				nr = 0;
	Datum		values[5];
	bool		nulls[5] = {false, false, false, false, false};
	const char *label,
			   *sep;

	if (eb == NULL || eb->nevents == 0)
		PG_RETURN_NULL();
	label = eb->labels[0].str;
	sep = memchr(label, CH_SEP, eb->labels[0].len);
	if (sep == NULL)
		eng_corrupt_state("cohort_agg state", "no unit and zone");
	if ((Size) eb->nevents > MaxAllocSize / sizeof(Datum))
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("too many active periods in one cohort_agg group: " INT64_FORMAT, eb->nevents),
				 errhint("Use a longer unit.")));
	starts = palloc(sizeof(TimestampTz) * eb->nevents);
	returns = palloc(sizeof(TimestampTz) * eb->nevents);
	for (int64 i = 0; i < eb->nevents;)
	{
		TimestampTz t = eb->events[i].ts;
		uint32		flags = 0;

		for (; i < eb->nevents && eb->events[i].ts == t; i++)
			flags |= eb->events[i].flags;
		if (flags & CH_START)
			starts[ns++] = t;
		if (flags & CH_RETURN)
			returns[nr++] = t;
	}
	if (ns == 0)
		PG_RETURN_NULL();
	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "cohort_agg: the result type is not a composite");
	values[0] = PointerGetDatum(cstring_to_text_with_len(label, sep - label));
	values[1] = PointerGetDatum(cstring_to_text_with_len(sep + 1, eb->labels[0].len - (sep - label) - 1));
	values[2] = TimestampTzGetDatum(eb->params[1]);
	values[3] = ch_timestamp_array(starts, ns);
	values[4] = ch_timestamp_array(returns, nr);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(BlessTupleDesc(tupdesc), values, nulls)));
}

/*
 * ch_late_start
 *		1 when v is the start of an hour period that precedes the period's
 *		first instant, else 0: after a 30-minute fall-back (Lord Howe) the hour
 *		that resumes at the jump starts, as date_trunc('hour', ts, zone) gives
 *		it, 30 minutes before the jump, inside the period before; v is then the
 *		start of the period after the one holding it.
 */
static int
ch_late_start(EngCalendar *cal, TimestampTz v, const char *fn)
{
	EngPeriod	p;

	if (cal->unit != ENG_CAL_HOUR)
		return 0;
	eng_calendar_period(cal, v, &p, fn);
	return p.start != v && p.next == v;
}

/*
 * ch_position
 *		The position of t's period relative to base's period: the number of
 *		periods from base's to t's (negative when t is earlier).  base is a
 *		period start, t a period start when t_is_start, else an instant (the
 *		two differ only for ch_late_start hours).
 */
static int64
ch_position(EngCalendar *cal, TimestampTz base, TimestampTz t, bool t_is_start, const char *fn)
{
	EngPeriod	a,
				b;

	if (cal->unit == ENG_CAL_HOUR)
		return (t >= base ? eng_calendar_count_hours(cal, base, t)
				: -eng_calendar_count_hours(cal, t, base))
			+ (t_is_start ? ch_late_start(cal, t, fn) : 0) - ch_late_start(cal, base, fn);
	eng_calendar_period(cal, base, &a, fn);
	eng_calendar_period(cal, t, &b, fn);
	return b.index - a.index;
}

/*
 * CohortSeries: an activity read back for the expanding functions: the
 * positions of its start and return periods relative to the first start
 * period, and that of as_of's period (every period before it has elapsed).
 */
typedef struct CohortSeries
{
	int			nstarts;
	TimestampTz *starts;
	int64	   *spos;
	int			nreturns;
	int64	   *rpos;
	int64		asof_pos;
} CohortSeries;

/*
 * ch_bad_activity
 *		22023 for an activity that cohort_agg with this unit and zone cannot
 *		have produced.
 */
pg_noreturn static void
ch_bad_activity(const char *fn, const char *why)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("%s: the cohort activity %s", fn, why),
			 errhint("Pass the result of cohort_agg unchanged.")));
}

/*
 * ch_positions
 *		Read timestamptz array field attno of the activity: each element must be
 *		the start of its period (unit, zone), at or before as_of, and later than
 *		the one before; returns their positions relative to base (the first
 *		element itself when base is NULL) and the count.
 */
static int64 *
ch_positions(HeapTupleHeader act, int attno, EngCalendar *cal, TimestampTz as_of,
			 const TimestampTz *base, TimestampTz **values, int *n, const char *fn)
{
	bool		isnull;
	Datum		d = GetAttributeByNum(act, attno, &isnull);
	Datum	   *elems;
	bool	   *enulls;
	int64	   *pos;
	TimestampTz *v;

	if (isnull)
		ch_bad_activity(fn, "has a NULL array");
	deconstruct_array(DatumGetArrayTypeP(d), TIMESTAMPTZOID, sizeof(TimestampTz),
					  FLOAT8PASSBYVAL, TYPALIGN_DOUBLE, &elems, &enulls, n);
	pos = palloc(sizeof(int64) * Max(*n, 1));
	v = palloc(sizeof(TimestampTz) * Max(*n, 1));
	for (int i = 0; i < *n; i++)
	{
		EngPeriod	p;

		if (enulls[i])
			ch_bad_activity(fn, "has a NULL period");
		v[i] = DatumGetTimestampTz(elems[i]);
		eng_check_finite_ts(v[i], fn);
		eng_calendar_period(cal, v[i], &p, fn);
		if (p.start != v[i] && !ch_late_start(cal, v[i], fn))
			ch_bad_activity(fn, "holds an instant that is not the start of a period of this unit and zone");
		if (v[i] > as_of || (i > 0 && v[i] <= v[i - 1]))
			ch_bad_activity(fn, "holds periods out of order or after its as_of");
		pos[i] = ch_position(cal, base ? *base : v[0], v[i], true, fn);
	}
	*values = v;
	return pos;
}

/*
 * ch_read
 *		An activity (argument 0) and its positions in the calendar of its unit
 *		and zone, resolved through eng_calendar_arg as if they were the
 *		function's arguments 0 and 1 (so cached in fn_extra).  False for an
 *		activity without start periods.
 */
static bool
ch_read(FunctionCallInfo fcinfo, CohortSeries *cs, const char *fn)
{
	HeapTupleHeader act = PG_GETARG_HEAPTUPLEHEADER(0);
	LOCAL_FCINFO(calargs, 2);
	EngCalendar *cal;
	bool		isnull;
	TimestampTz as_of;
	TimestampTz *rv;

	InitFunctionCallInfoData(*calargs, fcinfo->flinfo, 2, InvalidOid, NULL, NULL);
	for (int i = 0; i < 2; i++)
	{
		calargs->args[i].value = GetAttributeByNum(act, i + 1, &calargs->args[i].isnull);
		if (calargs->args[i].isnull)
			ch_bad_activity(fn, "has a NULL unit or tz");
	}
	cal = eng_calendar_arg(calargs, 0, 1, fn);
	as_of = DatumGetTimestampTz(GetAttributeByNum(act, 3, &isnull));
	if (isnull)
		ch_bad_activity(fn, "has a NULL as_of");
	eng_check_finite_ts(as_of, fn);
	cs->spos = ch_positions(act, 4, cal, as_of, NULL, &cs->starts, &cs->nstarts, fn);
	if (cs->nstarts == 0)
		return false;
	cs->rpos = ch_positions(act, 5, cal, as_of, &cs->starts[0], &rv, &cs->nreturns, fn);
	cs->asof_pos = ch_position(cal, cs->starts[0], as_of, false, fn);
	return true;
}

/*
 * ch_returned
 *		Whether some return period lies at positions lo..hi (hi < 0: no upper
 *		end); a binary search over the sorted positions.
 */
static bool
ch_returned(const CohortSeries *cs, int64 lo, int64 hi, bool bounded)
{
	int			a = 0,
				b = cs->nreturns;

	while (a < b)
	{
		int			m = a + (b - a) / 2;

		if (cs->rpos[m] < lo)
			a = m + 1;
		else
			b = m;
	}
	return a < cs->nreturns && (!bounded || cs->rpos[a] <= hi);
}

/*
 * ch_cohort_rows
 *		The number of cohort rows of an activity: 1 (first-time) or one per
 *		start period (recurring).
 */
static int
ch_cohort_rows(const CohortSeries *cs, bool recurring)
{
	return recurring ? cs->nstarts : 1;
}

/*
 * cohort_retention(cohort_activity, int, bool)
 *		-> TABLE (cohort_start timestamptz, period int, returned bool, returned_later bool)
 *		For each cohort row and k = 0..n-1: a return in the k-th period after
 *		the cohort period, and one in that period or later ("on or after");
 *		both NULL while period k has not fully elapsed at as_of.
 */
Datum
cohort_retention(PG_FUNCTION_ARGS)
{
	const char *fn = "cohort_retention";
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	int32		n = PG_GETARG_INT32(1);
	bool		recurring = PG_GETARG_BOOL(2);
	CohortSeries cs;

	if (n < 1 || n > CH_MAX_PERIODS)
		ereport(ERROR,
				(errcode(n < 1 ? ERRCODE_INVALID_PARAMETER_VALUE : ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("cohort_retention reports 1 to %d periods, not %d", CH_MAX_PERIODS, n),
				 errhint("Pass the number of periods to report from the cohort period on, for example 12.")));
	InitMaterializedSRF(fcinfo, 0);
	if (!ch_read(fcinfo, &cs, fn))
		return (Datum) 0;
	for (int c = 0; c < ch_cohort_rows(&cs, recurring); c++)
		for (int32 k = 0; k < n; k++)
		{
			int64		at = cs.spos[c] + k;
			Datum		values[4];
			bool		nulls[4] = {false, false, false, false};

			values[0] = TimestampTzGetDatum(cs.starts[c]);
			values[1] = Int32GetDatum(k);
			if (at < cs.asof_pos)
			{
				values[2] = BoolGetDatum(ch_returned(&cs, at, at, true));
				values[3] = BoolGetDatum(ch_returned(&cs, at, 0, false));
			}
			else
				nulls[2] = nulls[3] = true;
			tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
		}
	return (Datum) 0;
}

/*
 * ch_bad_bracket
 *		22023 for a bracket that is not a range of periods from 0 on.
 */
pg_noreturn static void
ch_bad_bracket(const char *why)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("cohort_brackets: %s", why),
			 errhint("Pass non-empty ranges of periods with a lower bound of 0 or more, for example ARRAY['[0,0]', '[1,1]', '[2,7]', '[8,30]', '[31,)']::int4range[].")));
}

/*
 * cohort_brackets(cohort_activity, int4range[], bool)
 *		-> TABLE (cohort_start timestamptz, bracket int4range, returned bool)
 *		For each cohort row and bracket (a range of periods after the cohort
 *		period; no upper bound: that period or later): a return in one of its
 *		periods.  NULL while the bracket's last period (unbounded: its first)
 *		has not fully elapsed at as_of.
 */
Datum
cohort_brackets(PG_FUNCTION_ARGS)
{
	const char *fn = "cohort_brackets";
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	ArrayType  *arr = PG_GETARG_ARRAYTYPE_P(1);
	bool		recurring = PG_GETARG_BOOL(2);
	TypeCacheEntry *typcache;
	Datum	   *elems;
	bool	   *enulls;
	int			nb;
	int64	   *lo,
			   *hi;
	bool	   *bounded;
	int16		typlen;
	bool		typbyval;
	char		typalign;
	CohortSeries cs;

	if (ARR_NDIM(arr) > 1)
		ch_bad_bracket("the brackets must be a one-dimensional array");
	typcache = lookup_type_cache(ARR_ELEMTYPE(arr), TYPECACHE_RANGE_INFO);
	get_typlenbyvalalign(ARR_ELEMTYPE(arr), &typlen, &typbyval, &typalign);
	deconstruct_array(arr, ARR_ELEMTYPE(arr), typlen, typbyval, typalign, &elems, &enulls, &nb);
	if (nb == 0)
		ch_bad_bracket("no brackets given");
	lo = palloc(sizeof(int64) * nb);
	hi = palloc(sizeof(int64) * nb);
	bounded = palloc(sizeof(bool) * nb);
	for (int b = 0; b < nb; b++)
	{
		RangeBound lower,
					upper;
		bool		empty;

		if (enulls[b])
			ch_bad_bracket("a bracket is NULL");
		range_deserialize(typcache, DatumGetRangeTypeP(elems[b]), &lower, &upper, &empty);
		if (empty)
			ch_bad_bracket("a bracket is empty");
		if (lower.infinite || DatumGetInt32(lower.val) < 0)
			ch_bad_bracket("a bracket starts before period 0 or has no lower bound");
		/* int4range is canonical: [lower, upper) */
		lo[b] = DatumGetInt32(lower.val);
		bounded[b] = !upper.infinite;
		hi[b] = upper.infinite ? 0 : (int64) DatumGetInt32(upper.val) - 1;
	}
	InitMaterializedSRF(fcinfo, 0);
	if (!ch_read(fcinfo, &cs, fn))
		return (Datum) 0;
	for (int c = 0; c < ch_cohort_rows(&cs, recurring); c++)
		for (int b = 0; b < nb; b++)
		{
			int64		from = cs.spos[c] + lo[b],
						to = cs.spos[c] + hi[b];
			Datum		values[3];
			bool		nulls[3] = {false, false, false};

			values[0] = TimestampTzGetDatum(cs.starts[c]);
			values[1] = elems[b];
			if ((bounded[b] ? to : from) < cs.asof_pos)
				values[2] = BoolGetDatum(ch_returned(&cs, from, to, bounded[b]));
			else
				nulls[2] = true;
			tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
		}
	return (Datum) 0;
}

/*
 * cohort_period(timestamptz, timestamptz, text, text) -> bigint
 *		The number of calendar periods (unit, zone) from the period starting at
 *		cohort_start (or holding it) to the one holding ts, negative when ts is
 *		in an earlier period: the period column of cohort_retention for any
 *		event, e.g. to sum revenue per cohort cell.
 */
Datum
cohort_period(PG_FUNCTION_ARGS)
{
	const char *fn = "cohort_period";
	EngCalendar *cal = eng_calendar_arg(fcinfo, 2, 3, fn);
	TimestampTz base = PG_GETARG_TIMESTAMPTZ(0);
	TimestampTz ts = PG_GETARG_TIMESTAMPTZ(1);

	eng_check_finite_ts(base, fn);
	eng_check_finite_ts(ts, fn);
	PG_RETURN_INT64(ch_position(cal, base, ts, false, fn));
}

/*
 * cohort_churn(cohort_activity, int) -> cohort_lifetime
 *		(cohort_start, duration, churned) of the first-time cohort.  Activity
 *		is any start or return period.  With L the position of the last active
 *		period and A that of as_of's: churned when the threshold or more
 *		periods after L have fully elapsed (A - L - 1 >= threshold); duration
 *		is then L + 1 (periods alive), else A (periods observed, censored).
 */
Datum
cohort_churn(PG_FUNCTION_ARGS)
{
	const char *fn = "cohort_churn";
	int32		threshold = PG_GETARG_INT32(1);
	CohortSeries cs;
	TupleDesc	tupdesc;
	int64		last,
				duration;
	bool		churned;
	Datum		values[3];
	bool		nulls[3] = {false, false, false};

	if (threshold < 1 || threshold > CH_MAX_PERIODS)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cohort_churn threshold must be 1 to %d periods, not %d", CH_MAX_PERIODS, threshold),
				 errhint("Pass the number of periods without activity after which a customer counts as churned, for example 3.")));
	if (!ch_read(fcinfo, &cs, fn))
		PG_RETURN_NULL();
	last = cs.spos[cs.nstarts - 1];
	if (cs.nreturns > 0)
		last = Max(last, cs.rpos[cs.nreturns - 1]);
	churned = cs.asof_pos - last - 1 >= threshold;
	duration = churned ? last + 1 : cs.asof_pos;
	if (duration > PG_INT32_MAX)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("cohort_churn duration out of range: " INT64_FORMAT " periods", duration),
				 errhint("Use a longer unit.")));
	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "cohort_churn: the result type is not a composite");
	values[0] = TimestampTzGetDatum(cs.starts[0]);
	values[1] = Int32GetDatum((int32) duration);
	values[2] = BoolGetDatum(churned);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(BlessTupleDesc(tupdesc), values, nulls)));
}

/*
 * kaplan_meier_trans(internal, int, bool) -> internal
 *		Buffer one (duration, churned) row: duration in the timestamp word,
 *		churned in the flags, repeats of the last buffered pair counted in aux
 *		(aux + 1 rows).  Rows with a NULL duration or churned are skipped.
 */
Datum
kaplan_meier_trans(PG_FUNCTION_ARGS)
{
	const char *fn = "kaplan_meier";
	EventBuffer *eb = eb_transition_state(fcinfo, fn);
	int64		mark = KM_MARK;
	int32		duration;
	uint32		churned;
	EngEvent   *last;

	eb_set_params(eb, &mark, 1, fn);
	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
		PG_RETURN_POINTER(eb);
	duration = PG_GETARG_INT32(1);
	churned = PG_GETARG_BOOL(2) ? 1 : 0;
	if (duration < 0 || duration > CH_MAX_PERIODS)
		ereport(ERROR,
				(errcode(duration < 0 ? ERRCODE_INVALID_PARAMETER_VALUE : ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("kaplan_meier durations are 0 to %d periods, not %d", CH_MAX_PERIODS, duration),
				 errhint("Pass each customer's number of periods from the cohort start to churn or to the end of observation.")));
	last = eb->nevents > 0 ? &eb->events[eb->nevents - 1] : NULL;
	if (last != NULL && last->ts == duration && last->flags == churned && last->aux < PG_UINT32_MAX)
		last->aux++;
	else
		eb_append(eb, duration, churned, 0);
	PG_RETURN_POINTER(eb);
}

/*
 * kaplan_meier_final(internal) -> survival_point[]
 *		One point per period t = 0 .. the longest duration: at_risk n_t (rows
 *		with duration >= t), churned d_t and censored c_t (rows ending at t),
 *		churn_rate d_t / n_t and survival S(t) = prod over j <= t of
 *		(1 - d_j / n_j).  A row censored at t is at risk at t (censoring after
 *		churn on ties, the textbook convention).  NULL without rows.
 */
Datum
kaplan_meier_final(PG_FUNCTION_ARGS)
{
	EventBuffer *eb = eb_final_state(fcinfo, "kaplan_meier");
	int64	   *churned,
			   *censored;
	int64		at_risk = 0;
	int32		tmax;
	double		survival = 1.0;
	Oid			elemtype;
	TupleDesc	tupdesc;
	Datum	   *out;
	int16		typlen;
	bool		typbyval;
	char		typalign;

	if (eb == NULL || eb->nevents == 0)
		PG_RETURN_NULL();
	if (eb->params[0] != KM_MARK)
		eb_params_mismatch("kaplan_meier");
	if (eb->events[0].ts < 0 || eb->events[eb->nevents - 1].ts > CH_MAX_PERIODS)
		eng_corrupt_state("kaplan_meier state", "duration out of range");
	tmax = (int32) eb->events[eb->nevents - 1].ts;
	churned = palloc0(sizeof(int64) * (tmax + 1));
	censored = palloc0(sizeof(int64) * (tmax + 1));
	for (int64 i = 0; i < eb->nevents; i++)
	{
		const EngEvent *e = &eb->events[i];

		if (e->flags)
			churned[e->ts] += (int64) e->aux + 1;
		else
			censored[e->ts] += (int64) e->aux + 1;
		at_risk += (int64) e->aux + 1;
	}
	elemtype = get_element_type(get_func_rettype(fcinfo->flinfo->fn_oid));
	if (!OidIsValid(elemtype))
		elog(ERROR, "kaplan_meier: the result type is not an array");
	tupdesc = lookup_rowtype_tupdesc_copy(elemtype, -1);
	out = palloc(sizeof(Datum) * (tmax + 1));
	for (int32 t = 0; t <= tmax; t++)
	{
		Datum		values[6];
		bool		nulls[6] = {false, false, false, false, false, false};
		double		rate = (double) churned[t] / (double) at_risk;

		survival *= 1.0 - rate;
		values[0] = Int32GetDatum(t);
		values[1] = Int64GetDatum(at_risk);
		values[2] = Int64GetDatum(churned[t]);
		values[3] = Int64GetDatum(censored[t]);
		values[4] = Float8GetDatum(rate);
		values[5] = Float8GetDatum(survival);
		out[t] = HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls));
		at_risk -= churned[t] + censored[t];
	}
	get_typlenbyvalalign(elemtype, &typlen, &typbyval, &typalign);
	PG_RETURN_ARRAYTYPE_P(construct_array(out, tmax + 1, elemtype, typlen, typbyval, typalign));
}
