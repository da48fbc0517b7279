/*
 * retention.c
 *		Retention and lifecycle.
 *
 * retention(VARIADIC conds bool[]) -> int[]
 *		ClickHouse's retention: element 1 is 1 when condition 1 held on some row
 *		of the group; element i is 1 when condition 1 and condition i each held
 *		on some row.  The state is a bitmap of one bit per condition (the OR of
 *		every row's conditions).
 *
 * retention_periods(first_seen, ts, period, n) -> int[]
 *		Element k+1 is 1 when some ts falls in [first_seen + k*period,
 *		first_seen + (k+1)*period), k = 0..n-1.  The state is a bitmap of n bits
 *		allocated once on the group's first row: n/8 bytes (rounded up to 8) plus
 *		a 32-byte header, whatever the number of rows.
 *
 * retention_periods(first_seen, ts, unit, n, zone) -> int[]
 *		The calendar form: element k+1 is 1 when some ts >= first_seen falls in
 *		the k-th calendar period (calendar.c: date_trunc(unit, ts, zone)) after
 *		the one holding first_seen.  The same bitmap; its period parameter slot
 *		holds the calendar's id (unit and zone).
 *
 * Both bitmaps (RetBits) merge by OR and have their own serial form; they do
 * not use the event buffer, whose 16 bytes per event and growth slack cost
 * retention_periods about 5 times n/8.
 *
 * lifecycle(ts, period, as_of) -> lifecycle_period[]
 *		PostHog's lifecycle per period, from the customer's first active period
 *		to the period holding as_of: new (first active period), returning
 *		(active, and active in the period before), resurrecting (active after a
 *		gap), dormant (the first inactive period after activity).  Periods are
 *		fixed-length bins aligned to Monday 2000-01-03 00:00 UTC, which is
 *		date_bin(period, ts, '2000-01-03 00:00+00'): '1 day' bins are UTC days and
 *		'1 week' bins are ISO weeks.  The shared event buffer holds one event per
 *		distinct period (consecutive repeats are skipped on the way in).
 *
 * lifecycle(ts, unit, as_of, zone) -> lifecycle_period[]
 *		The calendar form: periods are date_trunc(unit, ts, zone) (calendar.c).
 *		Each buffered event is one active period: its start instant, and the
 *		start of the period after it in the flag and aux words, so the final
 *		function needs no zone.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "funcapi.h"
#include "libpq/pqformat.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/typcache.h"

#include "calendar.h"
#include "engagement.h"
#include "event_buffer.h"

/* most periods retention_periods reports (the result has one int per period) */
#define RP_MAX_PERIODS 100000

/* parameter slots */
#define RP_FIRST_SEEN	0
#define RP_PERIOD		1
#define RP_N			2
#define LC_PERIOD		0
#define LC_AS_OF		1
#define LC_AS_OF_START	2		/* calendar form: start of as_of's period */

/* lifecycle bins start at Monday 2000-01-03 00:00 UTC (PostgreSQL's epoch + 2 days) */
#define LC_ORIGIN		(2 * USECS_PER_DAY)

/*
 * RetBits: the state of retention and retention_periods.  The group's constant
 * parameters (retention: the number of conditions; retention_periods:
 * first_seen, period, n) and a bitmap whose length is the last parameter:
 * bit i of words[i / 64] is condition i+1 held / period i had activity.
 */
#define RB_NPARAMS		3

typedef struct RetBits
{
	int32		nparams;		/* 1 (retention) or 3 (retention_periods) */
	int32		nbits;			/* params[nparams - 1] */
	int64		params[RB_NPARAMS];
	uint64		words[FLEXIBLE_ARRAY_MEMBER];
} RetBits;

#define RB_WORD_BITS		64		/* bits in one uint64 word of the bitmap */
#define RB_NWORDS(nbits)	(((nbits) + RB_WORD_BITS - 1) / RB_WORD_BITS)
#define RB_SIZE(nbits)		(offsetof(RetBits, words) + RB_NWORDS(nbits) * sizeof(uint64))

/* serial form: format byte, nparams (int32), params (int64 each), the words (int64 each) */
#define RB_SERIAL_FORMAT 1

PG_FUNCTION_INFO_V1(retention_trans);
PG_FUNCTION_INFO_V1(retention_args_trans);
PG_FUNCTION_INFO_V1(retention_final);
PG_FUNCTION_INFO_V1(retention_periods_trans);
PG_FUNCTION_INFO_V1(retention_periods_final);
PG_FUNCTION_INFO_V1(retention_bits_combine);
PG_FUNCTION_INFO_V1(retention_bits_serialize);
PG_FUNCTION_INFO_V1(retention_bits_deserialize);
PG_FUNCTION_INFO_V1(retention_periods_calendar_trans);
PG_FUNCTION_INFO_V1(lifecycle_trans);
PG_FUNCTION_INFO_V1(lifecycle_final);
PG_FUNCTION_INFO_V1(lifecycle_calendar_trans);

/*
 * rb_create
 *		An all-zero bitmap in ctx for the parameters params[0 .. nparams), the
 *		last of which is the number of bits (checked by the callers).
 */
static RetBits *
rb_create(MemoryContext ctx, const int64 *params, int nparams)
{
	int32		nbits = (int32) params[nparams - 1];
	RetBits    *rb = MemoryContextAllocZero(ctx, RB_SIZE(nbits));

	rb->nparams = nparams;
	rb->nbits = nbits;
	memcpy(rb->params, params, nparams * sizeof(int64));
	return rb;
}

/*
 * rb_transition_state
 *		The bitmap of a transition function's group: argument 0, or a new one
 *		(on the group's first row) in the aggregate context.  The parameters
 *		must be those the group started with.
 */
static RetBits *
rb_transition_state(FunctionCallInfo fcinfo, const int64 *params, int nparams, const char *fn)
{
	RetBits    *rb = eng_existing_agg_state(fcinfo);

	if (unlikely(rb == NULL))
	{
		MemoryContext aggctx = eng_agg_context(fcinfo, fn);

		if (PG_ARGISNULL(0))
			return rb_create(aggctx, params, nparams);
		rb = (RetBits *) PG_GETARG_POINTER(0);
	}
	if (unlikely(rb->nparams != nparams ||
				 memcmp(rb->params, params, nparams * sizeof(int64)) != 0))
		eb_params_mismatch(fn);
	return rb;
}

/*
 * rb_set
 *		Set bit i (0 <= i < nbits).
 */
static inline void
rb_set(RetBits *rb, int64 i)
{
	rb->words[i / RB_WORD_BITS] |= UINT64CONST(1) << (i % RB_WORD_BITS);
}

/*
 * rb_get
 *		Bit i (0 <= i < nbits).
 */
static inline bool
rb_get(const RetBits *rb, int64 i)
{
	return (rb->words[i / RB_WORD_BITS] >> (i % RB_WORD_BITS)) & 1;
}

/*
 * retention_bits_combine(internal, internal) -> internal
 *		Combine function of retention and retention_periods: OR the bitmaps of
 *		two partial states with the same parameters.  Not strict: a NULL side
 *		means "no rows yet"; the left state is reused in place, a right state
 *		alone is copied into the aggregate context.
 */
Datum
retention_bits_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggctx = eng_agg_context(fcinfo, "retention_bits_combine");
	RetBits    *dst;
	const RetBits *src;

	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_POINTER(PG_GETARG_POINTER(0));
	}
	src = (const RetBits *) PG_GETARG_POINTER(1);
	if (PG_ARGISNULL(0))
	{
		dst = MemoryContextAlloc(aggctx, RB_SIZE(src->nbits));
		memcpy(dst, src, RB_SIZE(src->nbits));
		PG_RETURN_POINTER(dst);
	}
	dst = (RetBits *) PG_GETARG_POINTER(0);
	if (dst->nparams != src->nparams ||
		memcmp(dst->params, src->params, src->nparams * sizeof(int64)) != 0)
		eb_params_mismatch(src->nparams == 1 ? "retention" : "retention_periods");
	for (int32 w = 0; w < RB_NWORDS(dst->nbits); w++)
		dst->words[w] |= src->words[w];
	PG_RETURN_POINTER(dst);
}

/*
 * retention_bits_serialize(internal) -> bytea
 *		Portable form for parallel workers: network byte order, format byte
 *		first (RB_SERIAL_FORMAT).
 */
Datum
retention_bits_serialize(PG_FUNCTION_ARGS)
{
	const RetBits *rb;
	StringInfoData buf;

	(void) eng_agg_context(fcinfo, "retention_bits_serialize");
	rb = (const RetBits *) PG_GETARG_POINTER(0);
	pq_begintypsend(&buf);
	enlargeStringInfo(&buf, 1 + 4 + 8 * rb->nparams + 8 * RB_NWORDS(rb->nbits));
	pq_sendbyte(&buf, RB_SERIAL_FORMAT);
	pq_sendint32(&buf, rb->nparams);
	for (int i = 0; i < rb->nparams; i++)
		pq_sendint64(&buf, rb->params[i]);
	for (int32 w = 0; w < RB_NWORDS(rb->nbits); w++)
		pq_sendint64(&buf, rb->words[w]);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/*
 * retention_bits_deserialize(bytea, internal) -> internal
 *		Rebuild a bitmap in the aggregate context, checking the format byte,
 *		the parameter count (1 or 3), the number of bits (the last parameter:
 *		1..32 conditions, 1..RP_MAX_PERIODS periods), the length, and that no
 *		bit past the last is set.
 */
Datum
retention_bits_deserialize(PG_FUNCTION_ARGS)
{
	MemoryContext aggctx = eng_agg_context(fcinfo, "retention_bits_deserialize");
	bytea	   *b = PG_GETARG_BYTEA_PP(0);
	StringInfoData buf;
	int64		params[RB_NPARAMS];
	int32		nparams;
	int64		nbits;
	RetBits    *rb;

	eng_state_reader(b, &buf);
	if (buf.len < 1 + 4 + 8 + 8)
		eng_corrupt_state("retention state", "too short");
	if (pq_getmsgbyte(&buf) != RB_SERIAL_FORMAT)
		eng_corrupt_state("retention state", "unknown format version");
	nparams = pq_getmsgint(&buf, 4);
	if (nparams != 1 && nparams != RB_NPARAMS)
		eng_corrupt_state("retention state", "bad parameter count");
	if (buf.len - buf.cursor < 8 * nparams)
		eng_corrupt_state("retention state", "truncated parameters");
	for (int i = 0; i < nparams; i++)
		params[i] = pq_getmsgint64(&buf);
	nbits = params[nparams - 1];
	if (nbits < 1 || nbits > (nparams == 1 ? ENG_MAX_CONDITIONS : RP_MAX_PERIODS))
		eng_corrupt_state("retention state", "bad number of conditions or periods");
	if (buf.len - buf.cursor != 8 * RB_NWORDS(nbits))
		eng_corrupt_state("retention state", "bitmap length does not match its number of bits");
	rb = rb_create(aggctx, params, nparams);
	for (int32 w = 0; w < RB_NWORDS(rb->nbits); w++)
		rb->words[w] = (uint64) pq_getmsgint64(&buf);
	if (rb->nbits % RB_WORD_BITS != 0 &&
		(rb->words[RB_NWORDS(rb->nbits) - 1] >> (rb->nbits % RB_WORD_BITS)) != 0)
		eng_corrupt_state("retention state", "bit set past the last condition or period");
	pq_getmsgend(&buf);
	PG_RETURN_POINTER(rb);
}

/*
 * rb_final_state
 *		The bitmap a final function reads; NULL when the group had no usable
 *		rows.
 */
static const RetBits *
rb_final_state(FunctionCallInfo fcinfo, const char *fn)
{
	(void) eng_agg_context(fcinfo, fn);
	return PG_ARGISNULL(0) ? NULL : (const RetBits *) PG_GETARG_POINTER(0);
}

/*
 * retention_accumulate
 *		OR one row's condition flags (n conditions) into the group's bitmap.
 *		The number of conditions must be the same on every row.
 */
static Datum
retention_accumulate(FunctionCallInfo fcinfo, uint32 flags, int n)
{
	int64		nconds = n;
	RetBits    *rb = rb_transition_state(fcinfo, &nconds, 1, "retention");

	rb->words[0] |= flags;
	return PointerGetDatum(rb);
}

/*
 * retention_trans(internal, bool[]) -> internal
 *		Transition of retention(VARIADIC bool[]).
 */
Datum
retention_trans(PG_FUNCTION_ARGS)
{
	int			n;
	uint32		flags;

	if (PG_ARGISNULL(1))
		eng_null_argument("the conditions array", "retention");
	flags = eng_condition_flags(PG_GETARG_ARRAYTYPE_P(1), "retention", "conditions",
								"Pass one boolean expression per condition.", &n);
	return retention_accumulate(fcinfo, flags, n);
}

/*
 * retention_args_trans(internal, bool, bool...) -> internal
 *		Transition of the fixed-arity overloads retention(bool, bool...) (2 to 8
 *		conditions): the same as retention_trans without building an array
 *		per row; NULL conditions count as false.
 */
Datum
retention_args_trans(PG_FUNCTION_ARGS)
{
	int			n;
	uint32		flags = eng_condition_args(fcinfo, 1, &n);

	return retention_accumulate(fcinfo, flags, n);
}

/*
 * int_array
 *		The int4[] of 0/1 values that a final function returns: element i+1 is
 *		bit i of rb, ANDed with bit 0 when and_first (retention's rule).
 */
static ArrayType *
int_array(const RetBits *rb, bool and_first)
{
	Datum	   *d = palloc(sizeof(Datum) * rb->nbits);
	bool		first = !and_first || rb_get(rb, 0);

	for (int32 i = 0; i < rb->nbits; i++)
		d[i] = Int32GetDatum(first && rb_get(rb, i) ? 1 : 0);
	return construct_array(d, rb->nbits, INT4OID, sizeof(int32), true, TYPALIGN_INT);
}

/*
 * retention_final(internal) -> int[]
 *		Element 1: condition 1 seen; element i: conditions 1 and i both seen.
 *		NULL for a group without rows.
 */
Datum
retention_final(PG_FUNCTION_ARGS)
{
	const RetBits *rb = rb_final_state(fcinfo, "retention");

	if (rb == NULL)
		PG_RETURN_NULL();
	PG_RETURN_ARRAYTYPE_P(int_array(rb, true));
}

/*
 * rp_number_of_periods
 *		retention_periods' argument n (argument argno, checked: 1..RP_MAX_PERIODS).
 */
static int32
rp_number_of_periods(FunctionCallInfo fcinfo, int argno)
{
	int32		n;

	if (PG_ARGISNULL(argno))
		eng_null_argument("the number of periods", "retention_periods");
	n = PG_GETARG_INT32(argno);
	if (n < 1 || n > RP_MAX_PERIODS)
		ereport(ERROR,
				(errcode(n < 1 ? ERRCODE_INVALID_PARAMETER_VALUE : ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("retention_periods reports 1 to %d periods, not %d", RP_MAX_PERIODS, n),
				 errhint("Pass the number of periods after first activity to report, for example 12.")));
	return n;
}

/*
 * rp_row_state
 *		The bitmap of a retention_periods row with first_seen and ts in
 *		arguments 1 and 2 and the other parameters in params: NULL (after
 *		checking both finite) when the row is skipped for a NULL timestamp,
 *		else the group's bitmap, params[RP_FIRST_SEEN] set.
 */
static RetBits *
rp_row_state(FunctionCallInfo fcinfo, int64 *params)
{
	const char *fn = "retention_periods";

	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
		return NULL;
	eng_check_finite_ts(PG_GETARG_TIMESTAMPTZ(1), fn);
	eng_check_finite_ts(PG_GETARG_TIMESTAMPTZ(2), fn);
	params[RP_FIRST_SEEN] = PG_GETARG_TIMESTAMPTZ(1);
	return rb_transition_state(fcinfo, params, 3, fn);
}

/*
 * rp_unchanged
 *		The state a transition returns for a skipped row: argument 0 as it is.
 */
static Datum
rp_unchanged(FunctionCallInfo fcinfo)
{
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	PG_RETURN_POINTER(PG_GETARG_POINTER(0));
}

/*
 * retention_periods_trans(internal, timestamptz, timestamptz, interval, int) -> internal
 *		Set the bit of the period after first_seen that ts falls in.  Rows with a
 *		NULL first_seen or ts are skipped; period and n must be given, constant
 *		per group, and so must first_seen.
 */
Datum
retention_periods_trans(PG_FUNCTION_ARGS)
{
	RetBits    *rb;
	TimestampTz ts;
	int64		params[3];
	int128		k;

	if (PG_ARGISNULL(3))
		eng_null_argument("period", "retention_periods");
	params[RP_N] = rp_number_of_periods(fcinfo, 4);
	params[RP_PERIOD] = eng_interval_arg(fcinfo, 3, "retention_periods period");
	rb = rp_row_state(fcinfo, params);
	if (rb == NULL)
		return rp_unchanged(fcinfo);
	ts = PG_GETARG_TIMESTAMPTZ(2);
	if (ts < params[RP_FIRST_SEEN])
		PG_RETURN_POINTER(rb);
	k = ((int128) ts - params[RP_FIRST_SEEN]) / params[RP_PERIOD];
	if (k < params[RP_N])
		rb_set(rb, (int64) k);
	PG_RETURN_POINTER(rb);
}

/*
 * retention_periods_calendar_trans(internal, timestamptz, timestamptz, text, int, text) -> internal
 *		The calendar form: set the bit of the calendar period (unit, zone) that
 *		ts falls in, counted from first_seen's period; hour periods are counted
 *		along the time line (eng_calendar_count_hours).  Unit, n and zone must
 *		be given and constant per group; rows as retention_periods_trans.
 */
Datum
retention_periods_calendar_trans(PG_FUNCTION_ARGS)
{
	const char *fn = "retention_periods";
	EngCalendar *cal;
	RetBits    *rb;
	TimestampTz ts;
	int64		params[3];
	int64		k;

	if (PG_ARGISNULL(3))
		eng_null_argument("unit", fn);
	if (PG_ARGISNULL(5))
		eng_null_argument("the time zone", fn);
	params[RP_N] = rp_number_of_periods(fcinfo, 4);
	cal = eng_calendar_arg(fcinfo, 3, 5, fn);
	params[RP_PERIOD] = cal->id;
	rb = rp_row_state(fcinfo, params);
	if (rb == NULL)
		return rp_unchanged(fcinfo);
	ts = PG_GETARG_TIMESTAMPTZ(2);
	if (ts < params[RP_FIRST_SEEN])
		PG_RETURN_POINTER(rb);
	if (cal->unit == ENG_CAL_HOUR)
		k = eng_calendar_count_hours(cal, params[RP_FIRST_SEEN], ts);
	else
	{
		EngPeriod	first,
					p;

		eng_calendar_period(cal, params[RP_FIRST_SEEN], &first, fn);
		eng_calendar_period(cal, ts, &p, fn);
		k = p.index - first.index;
	}
	if (k < params[RP_N])
		rb_set(rb, k);
	PG_RETURN_POINTER(rb);
}

/*
 * retention_periods_final(internal) -> int[]
 *		The 0/1 array of n periods; NULL for a group without usable rows.
 */
Datum
retention_periods_final(PG_FUNCTION_ARGS)
{
	const RetBits *rb = rb_final_state(fcinfo, "retention_periods");

	if (rb == NULL)
		PG_RETURN_NULL();
	PG_RETURN_ARRAYTYPE_P(int_array(rb, false));
}

/*
 * lc_bin
 *		Index of the fixed-length bin (aligned to LC_ORIGIN) holding ts: a floor
 *		division, so timestamps before 2000-01-03 get negative indexes.  In 64
 *		bits: ts is finite (MIN_TIMESTAMP at about -2.1e17), so ts - LC_ORIGIN
 *		cannot overflow.
 */
static int64
lc_bin(TimestampTz ts, int64 period)
{
	int64		d = ts - LC_ORIGIN;

	return d / period - (d % period < 0);
}

/*
 * lifecycle_trans(internal, timestamptz, interval, timestamptz) -> internal
 *		Buffer the bin of every row at or before as_of; NULL timestamps are
 *		skipped, period and as_of must be given and constant per group.
 */
Datum
lifecycle_trans(PG_FUNCTION_ARGS)
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
 *		Append one (period_start, status) composite to the result datums.
 */
static void
lc_status(TupleDesc tupdesc, Datum *out, int *nout, TimestampTz start, const char *status)
{
	Datum		values[2];
	bool		nulls[2] = {false, false};

	values[0] = TimestampTzGetDatum(start);
	values[1] = CStringGetTextDatum(status);
	out[(*nout)++] = HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls));
}

/*
 * LcPeriods: how a lifecycle final function reads its buffered periods.  The
 * fixed-interval form buffers bin numbers (a period's start is LC_ORIGIN + bin
 * * period, the next period is bin + 1); the calendar form buffers each period's
 * start with the next period's start in the flag and aux words (period 0).
 */
typedef struct LcPeriods
{
	const EventBuffer *eb;
	int64		period;			/* bin length in microseconds; 0: calendar */
	int64		last;			/* the key of as_of's period */
} LcPeriods;

/*
 * lc_next
 *		The key of the period after the one event i holds.
 */
static inline int64
lc_next(const LcPeriods *lp, int64 i)
{
	const EngEvent *e = &lp->eb->events[i];

	if (lp->period > 0)
		return e->ts + 1;
	return (int64) (((uint64) e->flags << 32) | e->aux);
}

/*
 * lc_start
 *		The start of the period with key k.  The bin of an event early in 4714
 *		BC can start before the first valid timestamp (bins are aligned to
 *		LC_ORIGIN): 22008 rather than a value that cannot be printed, stored and
 *		restored.
 */
static TimestampTz
lc_start(const LcPeriods *lp, int64 k)
{
	int128		start;

	if (lp->period == 0)
		return k;
	start = LC_ORIGIN + (int128) k * lp->period;
	if (start < MIN_TIMESTAMP || start >= END_TIMESTAMP)
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("a lifecycle period would start outside the range of timestamptz"),
				 errhint("Periods are aligned to 2000-01-03; use a shorter period for events this close to 4714 BC.")));
	return (TimestampTz) start;
}

/*
 * lc_result
 *		Walk the distinct active periods in order and emit new / returning /
 *		resurrecting for each and dormant for the period after each run of
 *		activity (when that period is not after as_of's).
 */
static ArrayType *
lc_result(FunctionCallInfo fcinfo, const LcPeriods *lp)
{
	const EventBuffer *eb = lp->eb;
	Oid			arraytype,
				elemtype;
	TupleDesc	tupdesc;
	Datum	   *out;
	int			nout = 0;
	int64		prev = 0,
				prev_next = 0;
	bool		have_prev = false;
	int16		typlen;
	bool		typbyval;
	char		typalign;

	arraytype = get_func_rettype(fcinfo->flinfo->fn_oid);
	elemtype = get_element_type(arraytype);
	if (!OidIsValid(elemtype))
		elog(ERROR, "lifecycle: result type %u is not an array", arraytype);
	tupdesc = lookup_rowtype_tupdesc_copy(elemtype, -1);
	/* at most two statuses per distinct period */
	if ((Size) eb->nevents > MaxAllocSize / (2 * sizeof(Datum)))
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("too many active lifecycle periods in one group: " INT64_FORMAT, eb->nevents),
				 errhint("Use a longer period.")));
	out = palloc(sizeof(Datum) * 2 * eb->nevents);

	for (int64 i = 0; i < eb->nevents; i++)
	{
		int64		k = eb->events[i].ts;

		if (have_prev && k == prev)
			continue;			/* repeats from merged buffers */
		if (!have_prev)
			lc_status(tupdesc, out, &nout, lc_start(lp, k), "new");
		else if (k == prev_next)
			lc_status(tupdesc, out, &nout, lc_start(lp, k), "returning");
		else
		{
			lc_status(tupdesc, out, &nout, lc_start(lp, prev_next), "dormant");
			lc_status(tupdesc, out, &nout, lc_start(lp, k), "resurrecting");
		}
		prev = k;
		prev_next = lc_next(lp, i);
		have_prev = true;
	}
	if (prev_next <= lp->last)
		lc_status(tupdesc, out, &nout, lc_start(lp, prev_next), "dormant");

	get_typlenbyvalalign(elemtype, &typlen, &typbyval, &typalign);
	return construct_array(out, nout, elemtype, typlen, typbyval, typalign);
}

/*
 * lifecycle_final(internal) -> lifecycle_period[]
 *		The final function of both forms (lc_result): a calendar state has its
 *		third parameter, the start of as_of's period, and buffers period starts;
 *		a fixed-interval state buffers bin numbers.  NULL when no row fell at or
 *		before as_of.
 */
Datum
lifecycle_final(PG_FUNCTION_ARGS)
{
	EventBuffer *eb = eb_final_state(fcinfo, "lifecycle");
	LcPeriods	lp;

	if (eb == NULL || eb->nevents == 0)
		PG_RETURN_NULL();
	lp.eb = eb;
	if (eb->nparams > LC_AS_OF_START)
	{
		lp.period = 0;
		lp.last = eb->params[LC_AS_OF_START];
	}
	else
	{
		lp.period = eb->params[LC_PERIOD];
		lp.last = lc_bin(eb->params[LC_AS_OF], lp.period);
	}
	PG_RETURN_ARRAYTYPE_P(lc_result(fcinfo, &lp));
}

/*
 * lifecycle_calendar_trans(internal, timestamptz, text, timestamptz, text) -> internal
 *		Buffer the calendar period (unit, zone) of every row at or before as_of:
 *		its start, and the next period's start in the flag and aux words.  NULL
 *		timestamps are skipped; unit, as_of and zone must be given and constant
 *		per group.
 */
Datum
lifecycle_calendar_trans(PG_FUNCTION_ARGS)
{
	const char *fn = "lifecycle";
	EngCalendar *cal;
	EventBuffer *eb;
	TimestampTz ts;
	EngPeriod	p,
				as_of;
	int64		params[3];

	if (PG_ARGISNULL(2))
		eng_null_argument("unit", fn);
	if (PG_ARGISNULL(3))
		eng_null_argument("as_of", fn);
	if (PG_ARGISNULL(4))
		eng_null_argument("the time zone", fn);
	cal = eng_calendar_arg(fcinfo, 2, 4, fn);
	params[LC_PERIOD] = cal->id;
	params[LC_AS_OF] = PG_GETARG_TIMESTAMPTZ(3);
	eng_check_finite_ts(params[LC_AS_OF], fn);
	eng_calendar_period(cal, params[LC_AS_OF], &as_of, fn);
	params[LC_AS_OF_START] = as_of.start;
	eb = eb_transition_state(fcinfo, fn);
	eb_set_params(eb, params, 3, fn);
	if (PG_ARGISNULL(1))
		PG_RETURN_POINTER(eb);
	ts = PG_GETARG_TIMESTAMPTZ(1);
	eng_check_finite_ts(ts, fn);
	if (ts > params[LC_AS_OF])
		PG_RETURN_POINTER(eb);
	eng_calendar_period(cal, ts, &p, fn);
	if (eb->nevents == 0 || eb->events[eb->nevents - 1].ts != p.start)
		eb_append(eb, p.start, (uint32) ((uint64) p.next >> 32), (uint32) p.next);
	PG_RETURN_POINTER(eb);
}
