/*
 * rfm_agg.c
 *		rfm_agg and rollup: the internal transition state (sums and spans of
 *		purchase days) behind the rfm_state aggregates, with its parallel
 *		combine/serial functions.
 *
 * Distinct purchase days and parallel query.  rfm_state is a small fixed-size
 * value, and a count of distinct days cannot be merged exactly from counts
 * alone: two partial states of one customer may share days.  The aggregates
 * therefore use an internal transition state that keeps, besides the sums, a
 * list of day spans (first day, last day, distinct days in between).  A raw
 * purchase is the one-day span [d, d]; identical one-day spans are folded
 * together, so rfm_agg needs memory for the customer's distinct purchase days
 * only, and counts them exactly under any plan.  The final function sorts the
 * spans and sweeps them:
 *   - a span that starts after every earlier span ends adds its days;
 *   - a span that starts on the day the earlier spans end adds its days - 1
 *     (that day is a purchase day of both: the last of one, the first of the
 *     other, and no other day can be shared);
 *   - any other overlap makes the union unknowable: days = -1 ("unknown").
 * The result is a function of the multiset of spans, so it does not depend on
 * input order or on how a plan splits the rows.  rfm_agg always counts exactly;
 * rollup(rfm_state) counts exactly when the states it merges cover disjoint
 * periods (per month, per year...; they may share the boundary day), and
 * otherwise marks the days unknown: purchase_days() then returns NULL rather
 * than a guess.  Every other field (purchases, total, first, last) and the
 * repeat flag (first day < last day) stay exact in all cases.
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

/* ---------- the aggregate transition state ---------- */

/* one span of purchase days; days = 0 marks an input whose days were unknown */
typedef struct RfmSpan
{
	int32		first_day;
	int32		last_day;
	int64		days;
} RfmSpan;

typedef struct RfmAcc
{
	int64		purchases;
	double		total;
	TimestampTz first;
	TimestampTz last;
	int32		first_day;		/* the day of first, in the days of the spans */
	int32		last_day;		/* the day of last */
	bool		zoned;			/* local days of a zone: the result is format 2 */
	int64		zone;			/* rfm_agg's calendar id (eng_calendar_arg), else 0 */
	int64		nspans;
	int64		maxspans;
	RfmSpan    *spans;
} RfmAcc;

/* largest number of spans one group may hold (each is 16 bytes): 1 GiB of them */
#define RFM_MAX_SPANS	((int64) (ENG_MAX_GROUP_BYTES / sizeof(RfmSpan)))
#define RFM_SERIAL_FORMAT 2
#define RFM_SERIAL_HEADER (1 + 8 + 8 + 8 + 8 + 4 + 4 + 1 + 8 + 8)

/*
 * span_cmp
 *		Span order: first day, then days, then last day.  One-day spans (days
 *		= 1) of a day come before longer spans starting that day, and an
 *		unknown span (days = 0) before both, so the sweep is deterministic.
 */
static inline int
span_cmp(const RfmSpan *a, const RfmSpan *b)
{
	if (a->first_day != b->first_day)
		return a->first_day < b->first_day ? -1 : 1;
	if (a->days != b->days)
		return a->days < b->days ? -1 : 1;
	if (a->last_day != b->last_day)
		return a->last_day < b->last_day ? -1 : 1;
	return 0;
}

#define ST_SORT rfm_sort_spans
#define ST_ELEMENT_TYPE RfmSpan
#define ST_COMPARE(a, b) span_cmp(a, b)
#define ST_SCOPE static
#define ST_CHECK_FOR_INTERRUPTS
#define ST_DEFINE
#include "lib/sort_template.h"

/*
 * acc_create
 *		An empty accumulator in the aggregate context.
 */
static RfmAcc *
acc_create(MemoryContext aggctx)
{
	return (RfmAcc *) MemoryContextAllocZero(aggctx, sizeof(RfmAcc));
}

/*
 * acc_compact
 *		Sort the spans and fold identical one-day spans (the same purchase day
 *		seen on several rows) into one.  Folding them changes nothing in the
 *		final sweep, where a repeated one-day span adds 0 days.
 */
static void
acc_compact(RfmAcc *acc)
{
	int64		out = 0;

	if (acc->nspans < 2)
		return;
	rfm_sort_spans(acc->spans, acc->nspans);
	for (int64 i = 0; i < acc->nspans; i++)
	{
		RfmSpan    *s = &acc->spans[i];

		if (out > 0 && s->days == 1 && span_cmp(s, &acc->spans[out - 1]) == 0)
			continue;
		acc->spans[out++] = *s;
	}
	acc->nspans = out;
}

/*
 * acc_reserve
 *		Make room for 'extra' more spans: first by folding duplicate days, then
 *		(when the array is still over half full) by doubling; more than
 *		RFM_MAX_SPANS spans is refused with 54000 before allocating.
 */
static void
acc_reserve(RfmAcc *acc, int64 extra, MemoryContext aggctx)
{
	int64		need;
	int64		newcap;

	if (acc->nspans + extra <= acc->maxspans)
		return;
	acc_compact(acc);
	need = acc->nspans + extra;
	if (need <= acc->maxspans && acc->nspans <= acc->maxspans / 2)
		return;
	if (need > RFM_MAX_SPANS)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("too many distinct purchase days in one group: more than " INT64_FORMAT,
						RFM_MAX_SPANS),
				 errhint("Group by customer, or roll up per-period rfm_state values instead.")));
	newcap = Min(Max(Max(acc->maxspans * 2, 8), need), RFM_MAX_SPANS);
	if (acc->spans == NULL)
		acc->spans = MemoryContextAllocHuge(aggctx, newcap * sizeof(RfmSpan));
	else
		acc->spans = repalloc_huge(acc->spans, newcap * sizeof(RfmSpan));
	acc->maxspans = newcap;
}

/*
 * acc_add_span
 *		Append one span; an exact repeat of the previous one-day span (the
 *		usual case: several rows of one customer on one day) is skipped.
 */
static void
acc_add_span(RfmAcc *acc, int32 first_day, int32 last_day, int64 days,
			 MemoryContext aggctx)
{
	RfmSpan    *s;

	if (days == 1 && acc->nspans > 0)
	{
		RfmSpan    *prev = &acc->spans[acc->nspans - 1];

		if (prev->days == 1 && prev->first_day == first_day)
			return;
	}
	if (acc->nspans == acc->maxspans)
		acc_reserve(acc, 1, aggctx);
	s = &acc->spans[acc->nspans++];
	s->first_day = first_day;
	s->last_day = last_day;
	s->days = days;
}

/*
 * acc_add_totals
 *		Add purchases and amount and widen [first, last] with their days; a
 *		purchase count past bigint or a total that overflows to infinity is
 *		refused rather than stored.  An instant seen with two different days
 *		(states of two zones rolled up) keeps the smaller first and the larger
 *		last day, whatever the order.
 */
static void
acc_add_totals(RfmAcc *acc, int64 purchases, double total,
			   TimestampTz first, TimestampTz last, int32 first_day, int32 last_day)
{
	if (purchases == 0)
		return;
	if (acc->purchases == 0 || first < acc->first ||
		(first == acc->first && first_day < acc->first_day))
	{
		acc->first = first;
		acc->first_day = first_day;
	}
	if (acc->purchases == 0 || last > acc->last ||
		(last == acc->last && last_day > acc->last_day))
	{
		acc->last = last;
		acc->last_day = last_day;
	}
	acc->purchases = eng_add_count(acc->purchases, purchases, "rfm_state purchase count");
	acc->total += total;
	if (isinf(acc->total))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("rfm total amount is out of range"),
				 errhint("Aggregate smaller groups, or scale the amounts down.")));
}

/*
 * acc_set_zone
 *		Note that days are local days (zoned) of the zone rfm_agg resolved
 *		(zone, 0 for rollup's stored states); one group of rfm_agg must use one
 *		zone on every row, as its days would otherwise not be comparable.
 */
static void
acc_set_zone(RfmAcc *acc, bool zoned, int64 zone)
{
	if (zone != 0 && acc->zone != 0 && zone != acc->zone)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("rfm_agg tz must be the same on every row of a group"),
				 errhint("Pass one zone for the whole query, for example a literal such as 'America/New_York'.")));
	if (zone != 0)
		acc->zone = zone;
	acc->zoned |= zoned;
}

/*
 * acc_merge
 *		Add every purchase and span of src to dst (combine and rollup).
 */
static void
acc_merge(RfmAcc *dst, const RfmAcc *src, MemoryContext aggctx)
{
	acc_set_zone(dst, src->zoned, src->zone);
	acc_add_totals(dst, src->purchases, src->total, src->first, src->last,
				   src->first_day, src->last_day);
	if (src->nspans == 0)
		return;
	acc_reserve(dst, src->nspans, aggctx);
	memcpy(dst->spans + dst->nspans, src->spans, src->nspans * sizeof(RfmSpan));
	dst->nspans += src->nspans;
}

/*
 * acc_count_days
 *		Distinct purchase days of the union of the spans (see the file header):
 *		sort a copy, sweep, and return -1 as soon as two spans overlap by more
 *		than their boundary day or a span's own count is unknown.
 */
static int64
acc_count_days(const RfmAcc *acc)
{
	RfmSpan    *s;
	int64		days = 0;
	int64		max_last = PG_INT64_MIN;

	if (acc->nspans == 0)
		return 0;
	if (acc->nspans == 1)		/* the usual customer: one purchase day */
		return acc->spans[0].days == 0 ? -1 : acc->spans[0].days;
	s = palloc_extended(acc->nspans * sizeof(RfmSpan), MCXT_ALLOC_HUGE);
	memcpy(s, acc->spans, acc->nspans * sizeof(RfmSpan));
	rfm_sort_spans(s, acc->nspans);
	for (int64 i = 0; i < acc->nspans; i++)
	{
		CHECK_FOR_INTERRUPTS();
		if (s[i].days == 0)
			return -1;
		if (s[i].first_day > max_last)
			days += s[i].days;
		else if (s[i].first_day == max_last)
			days += s[i].days - 1;
		else
			return -1;
		max_last = Max(max_last, (int64) s[i].last_day);
	}
	pfree(s);
	return days;
}

PG_FUNCTION_INFO_V1(rfm_agg_trans);
PG_FUNCTION_INFO_V1(rfm_agg_zone_trans);
PG_FUNCTION_INFO_V1(rfm_rollup_trans);
PG_FUNCTION_INFO_V1(rfm_acc_combine);
PG_FUNCTION_INFO_V1(rfm_acc_serialize);
PG_FUNCTION_INFO_V1(rfm_acc_deserialize);
PG_FUNCTION_INFO_V1(rfm_acc_final);

/*
 * rfm_add_purchase
 *		One purchase row of rfm_agg, counted under its day: the UTC day, or
 *		with cal the local day in cal's zone.  Rows with a NULL timestamp or
 *		amount are skipped (the group still gets a state, so a customer joined
 *		to no order gets an empty state, not NULL); infinite timestamps and
 *		NaN, infinite or negative amounts are rejected.
 */
static Datum
rfm_add_purchase(FunctionCallInfo fcinfo, EngCalendar *cal)
{
	MemoryContext aggctx = eng_agg_context(fcinfo, "rfm_agg");
	RfmAcc	   *acc = PG_ARGISNULL(0) ? acc_create(aggctx) : (RfmAcc *) PG_GETARG_POINTER(0);
	TimestampTz ts;
	double		amount;
	int32		day;

	if (cal)
		acc_set_zone(acc, true, cal->id);
	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
		PG_RETURN_POINTER(acc);
	ts = PG_GETARG_TIMESTAMPTZ(1);
	amount = eng_arg_float8(fcinfo, 2);
	eng_check_finite_ts(ts, "rfm_agg");
	eng_check_finite_float(amount, "rfm_agg amount");
	if (amount < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("rfm_agg amount must not be negative: %g", amount),
				 errhint("Net refunds into their order before aggregating, or filter them out (WHERE amount >= 0).")));
	if (cal)
	{
		EngPeriod	p;

		eng_calendar_period(cal, ts, &p, "rfm_agg");
		day = (int32) (p.index - POSTGRES_EPOCH_JDATE);
	}
	else
		day = eng_utc_day(ts);
	acc_add_totals(acc, 1, amount, ts, ts, day, day);
	acc_add_span(acc, day, day, 1, aggctx);
	PG_RETURN_POINTER(acc);
}

/* rfm_agg_trans(internal, timestamptz, float8 | integer | numeric) -> internal: UTC days */
Datum
rfm_agg_trans(PG_FUNCTION_ARGS)
{
	return rfm_add_purchase(fcinfo, NULL);
}

/*
 * rfm_agg_zone_trans(internal, timestamptz, float8 | integer | numeric, tz text)
 *		-> internal: local days of tz (22004 for a NULL zone, 22023 for an
 *		unknown one), resolved once per query.
 */
Datum
rfm_agg_zone_trans(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(3))
		eng_null_argument("the time zone", "rfm_agg");
	return rfm_add_purchase(fcinfo, eng_calendar_arg(fcinfo, -1, 3, "rfm_agg"));
}

/*
 * rfm_rollup_trans(internal, rfm_state) -> internal
 *		One stored state: its totals, and its days as one span (days = 0 when
 *		they were already unknown).  NULL states are skipped.
 */
Datum
rfm_rollup_trans(PG_FUNCTION_ARGS)
{
	MemoryContext aggctx = eng_agg_context(fcinfo, "rollup(rfm_state)");
	RfmAcc	   *acc;
	RfmState	buf;
	const RfmState *s;

	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_POINTER(PG_GETARG_POINTER(0));
	}
	acc = PG_ARGISNULL(0) ? acc_create(aggctx) : (RfmAcc *) PG_GETARG_POINTER(0);
	s = rfm_arg(fcinfo, 1, &buf);
	acc_set_zone(acc, s->hdr.format == RFM_FORMAT_ZONED, 0);
	if (s->purchases > 0)
	{
		acc_add_totals(acc, s->purchases, s->total, s->first, s->last,
					   (int32) s->first_day, (int32) s->last_day);
		acc_add_span(acc, (int32) s->first_day, (int32) s->last_day, Max(s->days, 0), aggctx);
	}
	PG_RETURN_POINTER(acc);
}

/*
 * rfm_acc_combine(internal, internal) -> internal
 *		Combine two partial states; not strict: a NULL side means "no rows".
 */
Datum
rfm_acc_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggctx = eng_agg_context(fcinfo, "rfm_acc_combine");
	RfmAcc	   *dst;

	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_POINTER(PG_GETARG_POINTER(0));
	}
	dst = PG_ARGISNULL(0) ? acc_create(aggctx) : (RfmAcc *) PG_GETARG_POINTER(0);
	acc_merge(dst, (RfmAcc *) PG_GETARG_POINTER(1), aggctx);
	PG_RETURN_POINTER(dst);
}

/*
 * rfm_acc_serialize(internal) -> bytea
 *		Portable form for parallel query: format byte, purchases, total, first,
 *		last, their days, the zone (zoned flag and calendar id), span count,
 *		then (first_day, last_day, days) per span.
 */
Datum
rfm_acc_serialize(PG_FUNCTION_ARGS)
{
	RfmAcc	   *acc;
	StringInfoData buf;

	(void) eng_agg_context(fcinfo, "rfm_acc_serialize");
	acc = (RfmAcc *) PG_GETARG_POINTER(0);
	acc_compact(acc);
	if ((Size) acc->nspans > (MaxAllocSize - ENG_SERIAL_SLACK - RFM_SERIAL_HEADER) / sizeof(RfmSpan))
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("too many distinct purchase days in one group to pass to a parallel worker: " INT64_FORMAT,
						acc->nspans),
				 errhint("Group by a finer key, or disable parallel query for this statement (SET max_parallel_workers_per_gather = 0).")));
	pq_begintypsend(&buf);
	enlargeStringInfo(&buf, RFM_SERIAL_HEADER + acc->nspans * sizeof(RfmSpan));
	pq_sendbyte(&buf, RFM_SERIAL_FORMAT);
	pq_sendint64(&buf, acc->purchases);
	pq_sendfloat8(&buf, acc->total);
	pq_sendint64(&buf, acc->first);
	pq_sendint64(&buf, acc->last);
	pq_sendint32(&buf, acc->first_day);
	pq_sendint32(&buf, acc->last_day);
	pq_sendbyte(&buf, acc->zoned);
	pq_sendint64(&buf, acc->zone);
	pq_sendint64(&buf, acc->nspans);
	for (int64 i = 0; i < acc->nspans; i++)
	{
		pq_sendint32(&buf, acc->spans[i].first_day);
		pq_sendint32(&buf, acc->spans[i].last_day);
		pq_sendint64(&buf, acc->spans[i].days);
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/*
 * rfm_acc_deserialize(bytea, internal) -> internal
 *		Rebuild a partial state, checking the format byte, the span count
 *		against the bytes present, and every value's range.
 */
Datum
rfm_acc_deserialize(PG_FUNCTION_ARGS)
{
	MemoryContext aggctx = eng_agg_context(fcinfo, "rfm_acc_deserialize");
	bytea	   *b = PG_GETARG_BYTEA_PP(0);
	StringInfoData buf;
	RfmAcc	   *acc;
	int64		n;
	int			zoned;

	eng_state_reader(b, &buf);
	if (buf.len < RFM_SERIAL_HEADER)
		eng_corrupt_state("rfm aggregate state", "too short");
	if (pq_getmsgbyte(&buf) != RFM_SERIAL_FORMAT)
		eng_corrupt_state("rfm aggregate state", "unknown format version");
	acc = acc_create(aggctx);
	acc->purchases = pq_getmsgint64(&buf);
	acc->total = pq_getmsgfloat8(&buf);
	acc->first = pq_getmsgint64(&buf);
	acc->last = pq_getmsgint64(&buf);
	acc->first_day = pq_getmsgint(&buf, 4);
	acc->last_day = pq_getmsgint(&buf, 4);
	zoned = pq_getmsgbyte(&buf);
	acc->zoned = zoned == 1;
	acc->zone = pq_getmsgint64(&buf);
	n = pq_getmsgint64(&buf);
	if (acc->purchases < 0 || isnan(acc->total) || isinf(acc->total) ||
		acc->total < 0 || acc->first > acc->last || acc->first_day > acc->last_day ||
		zoned > 1 || (acc->purchases == 0 && n != 0))
		eng_corrupt_state("rfm aggregate state", "inconsistent totals");
	if (n < 0 || n > RFM_MAX_SPANS ||
		(int64) (buf.len - buf.cursor) != n * (int64) sizeof(RfmSpan))
		eng_corrupt_state("rfm aggregate state", "span count does not match its length");
	acc_reserve(acc, n, aggctx);
	for (int64 i = 0; i < n; i++)
	{
		RfmSpan    *s = &acc->spans[i];

		s->first_day = pq_getmsgint(&buf, 4);
		s->last_day = pq_getmsgint(&buf, 4);
		s->days = pq_getmsgint64(&buf);
		if (s->first_day > s->last_day || s->days < 0 ||
			s->days > (int64) s->last_day - s->first_day + 1)
			eng_corrupt_state("rfm aggregate state", "bad span");
	}
	acc->nspans = n;
	pq_getmsgend(&buf);
	PG_RETURN_POINTER(acc);
}

/*
 * rfm_acc_final(internal) -> rfm_state
 *		The state of rfm_agg and rollup: NULL for a group without rows, an
 *		empty state for rows without purchases; format 2 when the days are
 *		local days (rfm_agg with a zone, or rollup of such states).  Does not modify the
 *		accumulator (the sweep sorts a copy).
 */
Datum
rfm_acc_final(PG_FUNCTION_ARGS)
{
	RfmAcc	   *acc;
	RfmState   *res;

	(void) eng_agg_context(fcinfo, "rfm_acc_final");
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	acc = (RfmAcc *) PG_GETARG_POINTER(0);
	res = eng_state_alloc(acc->zoned ? &rfm_desc_zoned : &rfm_desc, CurrentMemoryContext);
	if (acc->purchases > 0)
	{
		res->purchases = acc->purchases;
		res->total = acc->total;
		res->first = acc->first;
		res->last = acc->last;
		res->days = acc_count_days(acc);
		if (acc->zoned)
		{
			res->first_day = acc->first_day;
			res->last_day = acc->last_day;
		}
	}
	PG_RETURN_POINTER(res);
}
