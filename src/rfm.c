/*
 * rfm.c
 *		RFM: the rfm_state type (first and last purchase, number of purchases,
 *		distinct purchase days, total amount), its aggregates rfm_agg and
 *		rollup, its accessors, tie-safe scores (rfm_breaks, rfm_score), named
 *		segments read from the rfm_segment_map configuration table, and the
 *		lifecycle classification customer_segment.
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
 *
 * Days are calendar days of an explicit zone, never of the session's TimeZone,
 * so everything here is IMMUTABLE except the segment lookups, which read a
 * table (STABLE).  rfm_agg(ts, amount) counts UTC days and writes rfm_state
 * format 1 (1.0's layout); rfm_agg(ts, amount, tz) counts the local days of tz
 * and writes format 2, which adds the local days of the first and last
 * purchase, so that rollup() and the accessors need no zone.  Both formats are
 * read everywhere (rfm_arg): a format-1 value's days are UTC days.
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

/* ---------- the rfm_state type ---------- */

typedef struct RfmState
{
	EngStateHeader hdr;			/* varlena length and layout version */
	int64		purchases;		/* rows counted */
	int64		days;			/* distinct purchase days; -1 = unknown */
	double		total;			/* sum of amounts */
	TimestampTz first;			/* first purchase (0 when purchases = 0) */
	TimestampTz last;			/* last purchase (0 when purchases = 0) */
	/* format 2 only (rfm_agg with a zone): the local days of first and last */
	int64		first_day;		/* days since 2000-01-01 (0 when purchases = 0) */
	int64		last_day;
} RfmState;

/* format 1: UTC days, the fields up to last; format 2: local days, all fields */
#define RFM_FORMAT_UTC		1
#define RFM_FORMAT_ZONED	2
StaticAssertDecl(offsetof(RfmState, first_day) == 48, "rfm_state format 1 layout changed: give it a new format version");
StaticAssertDecl(sizeof(RfmState) == 64, "rfm_state format 2 layout changed: give it a new format version");

static void rfm_state_validate(const void *state);

static const EngField rfm_fields[] = {
	{"purchases", ENG_F_INT64, offsetof(RfmState, purchases)},
	{"days", ENG_F_INT64, offsetof(RfmState, days)},
	{"total", ENG_F_FLOAT8, offsetof(RfmState, total)},
	{"first", ENG_F_TIMESTAMPTZ, offsetof(RfmState, first)},
	{"last", ENG_F_TIMESTAMPTZ, offsetof(RfmState, last)},
	{"first_day", ENG_F_DATE, offsetof(RfmState, first_day)},
	{"last_day", ENG_F_DATE, offsetof(RfmState, last_day)},
};

/* format 1 (1.0's layout): the first five fields */
static const EngStateDesc rfm_desc = {
	"rfm_state", RFM_FORMAT_UTC, offsetof(RfmState, first_day), 5, rfm_fields,
	rfm_state_validate
};

/* format 2: every field */
static const EngStateDesc rfm_desc_zoned = {
	"rfm_state", RFM_FORMAT_ZONED, sizeof(RfmState), lengthof(rfm_fields), rfm_fields,
	rfm_state_validate
};

/* the descriptor of a state's own format */
#define RFM_DESC(s)	((s)->hdr.format == RFM_FORMAT_ZONED ? &rfm_desc_zoned : &rfm_desc)

/*
 * rfm_arg
 *		Argument n, a stored rfm_state of either format, detoasted and checked
 *		(length and version), as a format-2 view: a format-1 value is copied
 *		into *buf with its UTC days filled in.  No allocation: accessors call
 *		it once per row.
 */
static const RfmState *
rfm_arg(FunctionCallInfo fcinfo, int n, RfmState *buf)
{
	struct varlena *v = (struct varlena *) PG_GETARG_POINTER(n);

	if (unlikely(VARATT_IS_EXTENDED(v)))
		v = pg_detoast_datum(v);
	if (VARSIZE(v) == sizeof(RfmState) && ((RfmState *) v)->hdr.format == RFM_FORMAT_ZONED)
		return (const RfmState *) v;
	if (VARSIZE(v) != rfm_desc.size || ((RfmState *) v)->hdr.format != RFM_FORMAT_UTC)
		eng_state_format_error(((RfmState *) v)->hdr.format == RFM_FORMAT_UTC ? &rfm_desc : &rfm_desc_zoned, v);
	memcpy(buf, v, rfm_desc.size);
	buf->first_day = buf->purchases > 0 ? eng_utc_day(buf->first) : 0;
	buf->last_day = buf->purchases > 0 ? eng_utc_day(buf->last) : 0;
	return buf;
}

/*
 * bad_state
 *		The error for an rfm_state value whose fields contradict each other.
 */
static void
bad_state(const char *why)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("invalid rfm_state value: %s", why),
			 errhint("Build rfm_state values with rfm_agg() or rollup(); do not edit them by hand.")));
}

/*
 * rfm_state_validate
 *		Semantic checks after text or binary input: an empty state is all
 *		zeros; otherwise first <= last, a finite non-negative total, and a day
 *		count consistent with the purchases and the first and last days.
 */
static void
rfm_state_validate(const void *state)
{
	const RfmState *s = (const RfmState *) state;
	bool		zoned = s->hdr.format == RFM_FORMAT_ZONED;
	int64		first_day = zoned ? s->first_day : eng_utc_day(s->first);
	int64		last_day = zoned ? s->last_day : eng_utc_day(s->last);
	int64		span;

	if (s->purchases < 0)
		bad_state("purchases is negative");
	if (s->purchases == 0)
	{
		if (s->days != 0 || s->total != 0 || s->first != 0 || s->last != 0)
			bad_state("a state without purchases must have days=0, total=0 and zero timestamps");
		if (zoned && (s->first_day != 0 || s->last_day != 0))
			bad_state("a state without purchases must have first_day and last_day 2000-01-01");
		return;
	}
	if (isnan(s->total) || isinf(s->total) || s->total < 0)
		bad_state("total must be a finite non-negative number");
	if (s->first > s->last)
		bad_state("first is after last");
	/* a local day is the UTC day or a neighbour (offsets are within a day) */
	if (zoned && (first_day < eng_utc_day(s->first) - 1 || first_day > eng_utc_day(s->first) + 1 ||
				  last_day < eng_utc_day(s->last) - 1 || last_day > eng_utc_day(s->last) + 1 ||
				  first_day > last_day || !ENG_DAY_IS_VALID(first_day) || !ENG_DAY_IS_VALID(last_day)))
		bad_state("first_day and last_day must be the local days of first and last");
	span = last_day - first_day + 1;
	if (s->days == -1)
	{
		if (span < 2)
			bad_state("days can only be unknown when purchases fall on different days");
		return;
	}
	if (s->days < 1 || s->days > s->purchases || s->days > span)
		bad_state("days must be between 1 and the number of purchases and of calendar days spanned, or -1");
	if ((s->days == 1) != (span == 1))
		bad_state(zoned ? "days=1 if and only if first_day = last_day" :
				  "days=1 if and only if first and last fall on the same UTC day");
}

PG_FUNCTION_INFO_V1(rfm_state_in);
PG_FUNCTION_INFO_V1(rfm_state_out);
PG_FUNCTION_INFO_V1(rfm_state_send);
PG_FUNCTION_INFO_V1(rfm_state_recv);

/* rfm_state_in(cstring): text input of either format (format 2 has first_day), validated */
Datum
rfm_state_in(PG_FUNCTION_ARGS)
{
	const char *str = PG_GETARG_CSTRING(0);

	PG_RETURN_POINTER(eng_state_in(strstr(str, "first_day=") ? &rfm_desc_zoned : &rfm_desc, str));
}

/* rfm_state_out(rfm_state): "purchases=.. days=.. total=.. first=.. last=.. [first_day=.. last_day=..]" */
Datum
rfm_state_out(PG_FUNCTION_ARGS)
{
	RfmState	buf;
	const RfmState *s = rfm_arg(fcinfo, 0, &buf);

	PG_RETURN_CSTRING(eng_state_out(RFM_DESC(s), s));
}

/* rfm_state_send(rfm_state): binary output (format byte + 5 or 7 x 8 bytes) */
Datum
rfm_state_send(PG_FUNCTION_ARGS)
{
	RfmState	buf;
	const RfmState *s = rfm_arg(fcinfo, 0, &buf);

	PG_RETURN_BYTEA_P(eng_state_send(RFM_DESC(s), s));
}

/* rfm_state_recv(internal): binary input of the format its first byte names, validated */
Datum
rfm_state_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	bool		zoned = buf->cursor < buf->len && buf->data[buf->cursor] == RFM_FORMAT_ZONED;

	PG_RETURN_POINTER(eng_state_recv(zoned ? &rfm_desc_zoned : &rfm_desc, buf));
}

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

/* ---------- accessors ---------- */

PG_FUNCTION_INFO_V1(rfm_frequency);
PG_FUNCTION_INFO_V1(rfm_purchase_days);
PG_FUNCTION_INFO_V1(rfm_monetary);
PG_FUNCTION_INFO_V1(rfm_avg_order_value);
PG_FUNCTION_INFO_V1(rfm_is_repeat);
PG_FUNCTION_INFO_V1(rfm_first_purchase);
PG_FUNCTION_INFO_V1(rfm_last_purchase);
PG_FUNCTION_INFO_V1(rfm_recency);
PG_FUNCTION_INFO_V1(rfm_recency_days);
PG_FUNCTION_INFO_V1(rfm_tenure);

/* frequency(rfm_state) -> bigint: number of purchases */
Datum
rfm_frequency(PG_FUNCTION_ARGS)
{
	RfmState	buf;

	PG_RETURN_INT64(rfm_arg(fcinfo, 0, &buf)->purchases);
}

/* purchase_days(rfm_state) -> bigint: distinct purchase days (UTC or the state's zone), NULL if unknown */
Datum
rfm_purchase_days(PG_FUNCTION_ARGS)
{
	RfmState	buf;
	const RfmState *s = rfm_arg(fcinfo, 0, &buf);

	if (s->days < 0)
		PG_RETURN_NULL();
	PG_RETURN_INT64(s->days);
}

/* monetary(rfm_state) -> float8: total amount (0 without purchases) */
Datum
rfm_monetary(PG_FUNCTION_ARGS)
{
	RfmState	buf;

	PG_RETURN_FLOAT8(rfm_arg(fcinfo, 0, &buf)->total);
}

/* avg_order_value(rfm_state) -> float8: total / purchases, NULL without purchases */
Datum
rfm_avg_order_value(PG_FUNCTION_ARGS)
{
	RfmState	buf;
	const RfmState *s = rfm_arg(fcinfo, 0, &buf);

	if (s->purchases == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(s->total / (double) s->purchases);
}

/* is_repeat_customer(rfm_state) -> bool: purchases on two or more days (UTC or the state's zone) */
Datum
rfm_is_repeat(PG_FUNCTION_ARGS)
{
	RfmState	buf;
	const RfmState *s = rfm_arg(fcinfo, 0, &buf);

	PG_RETURN_BOOL(s->purchases > 0 && s->first_day < s->last_day);
}

/* first_purchase(rfm_state) -> timestamptz, NULL without purchases */
Datum
rfm_first_purchase(PG_FUNCTION_ARGS)
{
	RfmState	buf;
	const RfmState *s = rfm_arg(fcinfo, 0, &buf);

	if (s->purchases == 0)
		PG_RETURN_NULL();
	PG_RETURN_TIMESTAMPTZ(s->first);
}

/* last_purchase(rfm_state) -> timestamptz, NULL without purchases */
Datum
rfm_last_purchase(PG_FUNCTION_ARGS)
{
	RfmState	buf;
	const RfmState *s = rfm_arg(fcinfo, 0, &buf);

	if (s->purchases == 0)
		PG_RETURN_NULL();
	PG_RETURN_TIMESTAMPTZ(s->last);
}

/*
 * check_as_of
 *		as_of of recency, tenure and customer_segment, returned once checked.
 *		An as_of before the last purchase is an error: the state holds
 *		purchases "from the future", so the caller forgot to filter the rows
 *		to ts <= as_of.  The spans from it are computed exactly in 128 bits
 *		(eng_span_interval): two valid timestamps can be ~299,000 years apart,
 *		more microseconds than an int64 holds.
 */
static TimestampTz
check_as_of(const RfmState *s, TimestampTz as_of, const char *fn)
{
	eng_check_finite_ts(as_of, fn);
	if (as_of < s->last)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s as_of is before the last purchase in the state", fn),
				 errhint("Aggregate only purchases up to as_of (WHERE ts <= as_of), or pass a later as_of.")));
	return as_of;
}

/* recency(rfm_state, as_of) -> interval: as_of - last purchase, NULL without purchases */
Datum
rfm_recency(PG_FUNCTION_ARGS)
{
	RfmState	buf;
	const RfmState *s = rfm_arg(fcinfo, 0, &buf);

	if (s->purchases == 0)
		PG_RETURN_NULL();
	PG_RETURN_INTERVAL_P(eng_span_interval(check_as_of(s, PG_GETARG_TIMESTAMPTZ(1), "recency"),
										   s->last));
}

/* recency_days(rfm_state, as_of) -> float8: recency in (fractional) days, for scoring */
Datum
rfm_recency_days(PG_FUNCTION_ARGS)
{
	RfmState	buf;
	const RfmState *s = rfm_arg(fcinfo, 0, &buf);

	if (s->purchases == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(eng_span_days(check_as_of(s, PG_GETARG_TIMESTAMPTZ(1), "recency_days"),
								   s->last));
}

/* tenure(rfm_state, as_of) -> interval: as_of - first purchase (the customer's age) */
Datum
rfm_tenure(PG_FUNCTION_ARGS)
{
	RfmState	buf;
	const RfmState *s = rfm_arg(fcinfo, 0, &buf);

	if (s->purchases == 0)
		PG_RETURN_NULL();
	PG_RETURN_INTERVAL_P(eng_span_interval(check_as_of(s, PG_GETARG_TIMESTAMPTZ(1), "tenure"),
										   s->first));
}

/* ---------- scores: rfm_breaks, rfm_score ---------- */

#define RFM_MIN_BINS 2
#define RFM_MAX_BINS 100

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
 * check_bins
 *		The number of scores must be 2..100.
 */
static void
check_bins(int64 n, const char *fn)
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
	check_bins(n, "rfm_breaks");
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
	check_bins((int64) nb + 1, "rfm_score");
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

/* ---------- segments: rfm_segment_map, rfm_segment, customer_segment ---------- */

#define RFM_SEGMENT_NO_PURCHASES "Prospects"
#define RFM_SEGMENT_UNMATCHED "Others"

/* one row of rfm_segment_map: inclusive score ranges; fm = ceil((f + m) / 2) */
typedef struct RfmRule
{
	int32		lo[4];
	int32		hi[4];
	char	   *segment;
} RfmRule;

typedef struct RfmMap
{
	char	   *name;
	int			nrules;
	RfmRule    *rules;
} RfmMap;

/*
 * map_table_name
 *		The qualified name of rfm_segment_map: it lives in the schema of the
 *		calling function (the extension's schema, wherever it was installed or
 *		moved), never resolved through the caller's search_path.
 */
static char *
map_table_name(FunctionCallInfo fcinfo)
{
	Oid			nsp = get_func_namespace(fcinfo->flinfo->fn_oid);

	return psprintf("%s.rfm_segment_map", quote_identifier(get_namespace_name(nsp)));
}

/*
 * unknown_map
 *		The error for a map name without rules, listing the names that exist.
 */
static void
unknown_map(const char *table, const char *name)
{
	char	   *names = NULL;
	char	   *q = psprintf("SELECT pg_catalog.string_agg(DISTINCT map_name, ', ' ORDER BY map_name) FROM %s",
							 table);

	if (SPI_execute(q, true, 0) == SPI_OK_SELECT && SPI_processed == 1)
		names = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1);
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("unknown rfm segment map \"%s\"", name),
			 errhint("Known maps: %s. Add rows to rfm_segment_map to define a new one.",
					 names ? names : "(none)")));
}

/*
 * load_map
 *		Read the rules of one map, in priority order, into mcxt.  An unknown
 *		(rule-less) map name is an error.
 */
static RfmMap *
load_map(FunctionCallInfo fcinfo, const char *name, MemoryContext mcxt)
{
	char	   *table = map_table_name(fcinfo);
	Oid			argtypes[1] = {TEXTOID};
	Datum		args[1];
	RfmMap	   *map;
	char	   *q;

	args[0] = CStringGetTextDatum(name);
	q = psprintf("SELECT segment, r_lo, r_hi, f_lo, f_hi, m_lo, m_hi, fm_lo, fm_hi FROM %s "
				 "WHERE map_name OPERATOR(pg_catalog.=) $1 ORDER BY priority", table);
	SPI_connect();
	if (SPI_execute_with_args(q, 1, argtypes, args, NULL, true, 0) != SPI_OK_SELECT)
		elog(ERROR, "reading %s failed", table);
	if (SPI_processed == 0)
		unknown_map(table, name);
	if (SPI_processed > INT_MAX / sizeof(RfmRule))
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("rfm segment map \"%s\" has too many rules", name)));
	map = MemoryContextAlloc(mcxt, sizeof(RfmMap));
	map->name = MemoryContextStrdup(mcxt, name);
	map->nrules = (int) SPI_processed;
	map->rules = MemoryContextAlloc(mcxt, map->nrules * sizeof(RfmRule));
	for (int i = 0; i < map->nrules; i++)
	{
		HeapTuple	tup = SPI_tuptable->vals[i];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		RfmRule    *rule = &map->rules[i];
		bool		isnull;

		rule->segment = MemoryContextStrdup(mcxt, SPI_getvalue(tup, desc, 1));
		for (int d = 0; d < 4; d++)
		{
			rule->lo[d] = DatumGetInt32(SPI_getbinval(tup, desc, 2 + 2 * d, &isnull));
			rule->hi[d] = DatumGetInt32(SPI_getbinval(tup, desc, 3 + 2 * d, &isnull));
		}
	}
	SPI_finish();
	return map;
}

/*
 * match_rule
 *		Index of the first rule (by priority) whose ranges hold r, f, m and
 *		fm = ceil((f + m) / 2); -1 when none does.
 */
static int
match_rule(const RfmMap *map, int32 r, int32 f, int32 m)
{
	int32		x[4] = {r, f, m, (f + m + 1) / 2};

	for (int i = 0; i < map->nrules; i++)
	{
		const RfmRule *rule = &map->rules[i];
		int			d;

		for (d = 0; d < 4; d++)
			if (x[d] < rule->lo[d] || x[d] > rule->hi[d])
				break;
		if (d == 4)
			return i;
	}
	return -1;
}

/*
 * text_arg
 *		A text argument that must not be NULL, as a C string.
 */
static char *
text_arg(FunctionCallInfo fcinfo, int i, const char *fn, const char *what)
{
	if (PG_ARGISNULL(i))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("%s %s must not be NULL", fn, what)));
	return text_to_cstring(PG_GETARG_TEXT_PP(i));
}

PG_FUNCTION_INFO_V1(rfm_segment);
PG_FUNCTION_INFO_V1(rfm_segment_cells);
PG_FUNCTION_INFO_V1(rfm_segment_check);
PG_FUNCTION_INFO_V1(rfm_segment_map_guard);
PG_FUNCTION_INFO_V1(customer_segment);

/*
 * rfm_segment(r int, f int, m int, map text) -> text
 *		The segment of the first rule of the map that matches; "Others" when
 *		none does; "Prospects" when r, f and m are all NULL (a customer without
 *		purchases).  The map is read once per query (cached in fn_extra), so
 *		edits to rfm_segment_map apply from the next statement on.
 */
Datum
rfm_segment(PG_FUNCTION_ARGS)
{
	char	   *name = text_arg(fcinfo, 3, "rfm_segment", "map");
	RfmMap	   *map = (RfmMap *) fcinfo->flinfo->fn_extra;
	int32		score[3];
	int			nnull = 0;
	int			i;

	if (map == NULL || strcmp(map->name, name) != 0)
	{
		map = load_map(fcinfo, name, fcinfo->flinfo->fn_mcxt);
		fcinfo->flinfo->fn_extra = map;
	}
	for (i = 0; i < 3; i++)
	{
		if (PG_ARGISNULL(i))
		{
			nnull++;
			continue;
		}
		score[i] = PG_GETARG_INT32(i);
		if (score[i] < 1 || score[i] > RFM_MAX_BINS)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("rfm_segment scores must be between 1 and %d, not %d",
							RFM_MAX_BINS, score[i]),
					 errhint("Compute the scores with rfm_score().")));
	}
	if (nnull == 3)
		PG_RETURN_TEXT_P(cstring_to_text(RFM_SEGMENT_NO_PURCHASES));
	if (nnull > 0)
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("rfm_segment r, f and m must be all non-NULL, or all NULL for a customer without purchases"),
				 errhint("Score all three from the same rfm_state.")));
	i = match_rule(map, score[0], score[1], score[2]);
	PG_RETURN_TEXT_P(cstring_to_text(i < 0 ? RFM_SEGMENT_UNMATCHED : map->rules[i].segment));
}

/*
 * enumerate_map
 *		The map and, for every cell (r, f, m) of 1..n, the index of its rule
 *		(-1 = unmatched), in r, f, m order: the common part of
 *		rfm_segment_cells and rfm_segment_check.
 */
static RfmMap *
enumerate_map(FunctionCallInfo fcinfo, const char *fn, int **cells, int *n)
{
	char	   *name = text_arg(fcinfo, 0, fn, "map");
	RfmMap	   *map;

	if (PG_ARGISNULL(1))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("%s number of scores must not be NULL", fn)));
	*n = PG_GETARG_INT32(1);
	check_bins(*n, fn);
	map = load_map(fcinfo, name, CurrentMemoryContext);
	*cells = palloc(sizeof(int) * *n * *n * *n);
	for (int r = 1, c = 0; r <= *n; r++)
	{
		CHECK_FOR_INTERRUPTS();
		for (int f = 1; f <= *n; f++)
			for (int m = 1; m <= *n; m++)
				(*cells)[c++] = match_rule(map, r, f, m);
	}
	return map;
}

/*
 * rfm_segment_cells(map text, n int) -> TABLE (r, f, m, segment)
 *		Every cell of the n x n x n score cube with the segment rfm_segment
 *		gives it: the map as a lookup table (join it to scored customers) and
 *		the 125-cell enumeration of a 1-5 map.
 */
Datum
rfm_segment_cells(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	int		   *cells;
	int			n;
	RfmMap	   *map = enumerate_map(fcinfo, "rfm_segment_cells", &cells, &n);

	InitMaterializedSRF(fcinfo, 0);
	for (int r = 1, c = 0; r <= n; r++)
		for (int f = 1; f <= n; f++)
			for (int m = 1; m <= n; m++, c++)
			{
				Datum		values[4];
				bool		nulls[4] = {false, false, false, false};

				values[0] = Int32GetDatum(r);
				values[1] = Int32GetDatum(f);
				values[2] = Int32GetDatum(m);
				values[3] = CStringGetTextDatum(cells[c] < 0 ? RFM_SEGMENT_UNMATCHED :
												map->rules[cells[c]].segment);
				tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
			}
	return (Datum) 0;
}

/*
 * rfm_segment_check(map text, n int) -> TABLE (problem, segment, r, f, m)
 *		The defects of a map over 1..n scores: one row per cell no rule
 *		matches ('unmatched cell', r, f, m; rfm_segment gives it "Others"),
 *		then one row per segment no cell can reach because rules of higher
 *		priority take all its cells ('unreachable segment').  No rows: the map
 *		covers every cell and every segment is used.
 */
Datum
rfm_segment_check(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	int		   *cells;
	int			n;
	RfmMap	   *map = enumerate_map(fcinfo, "rfm_segment_check", &cells, &n);
	bool	   *used = palloc0(sizeof(bool) * map->nrules);

	InitMaterializedSRF(fcinfo, 0);
	for (int r = 1, c = 0; r <= n; r++)
		for (int f = 1; f <= n; f++)
			for (int m = 1; m <= n; m++, c++)
			{
				Datum		values[5];
				bool		nulls[5] = {false, false, false, false, false};

				if (cells[c] >= 0)
				{
					used[cells[c]] = true;
					continue;
				}
				values[0] = CStringGetTextDatum("unmatched cell");
				values[1] = CStringGetTextDatum(RFM_SEGMENT_UNMATCHED);
				values[2] = Int32GetDatum(r);
				values[3] = Int32GetDatum(f);
				values[4] = Int32GetDatum(m);
				tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
			}
	for (int i = 0; i < map->nrules; i++)
	{
		Datum		values[5];
		bool		nulls[5] = {false, false, true, true, true};
		bool		reached = false;

		/* a segment may have several rules: it is reachable if any is used */
		for (int j = 0; j < map->nrules; j++)
			if (used[j] && strcmp(map->rules[j].segment, map->rules[i].segment) == 0)
				reached = true;
		if (reached)
			continue;
		/* report each unreachable segment once, at its first rule */
		for (int j = 0; j < i && !reached; j++)
			reached = strcmp(map->rules[j].segment, map->rules[i].segment) == 0;
		if (reached)
			continue;
		values[0] = CStringGetTextDatum("unreachable segment");
		values[1] = CStringGetTextDatum(map->rules[i].segment);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}

/*
 * preset_read_only
 *		The error for writing, deleting or truncating built-in preset rows.
 */
static void
preset_read_only(void)
{
	ereport(ERROR,
			(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
			 errmsg("the built-in rfm segment maps are read-only"),
			 errhint("Copy a preset under a new map name and edit the copy, for example INSERT INTO rfm_segment_map (map_name, priority, segment, r_lo, r_hi, f_lo, f_hi, m_lo, m_hi, fm_lo, fm_hi) SELECT 'mine', priority, segment, r_lo, r_hi, f_lo, f_hi, m_lo, m_hi, fm_lo, fm_hi FROM rfm_segment_map WHERE map_name = 'rfm_grid'.")));
}

/*
 * tuple_is_builtin
 *		The "builtin" column of an rfm_segment_map row.
 */
static bool
tuple_is_builtin(TriggerData *td, HeapTuple tup)
{
	TupleDesc	desc = td->tg_relation->rd_att;
	bool		isnull;
	Datum		d = heap_getattr(tup, SPI_fnumber(desc, "builtin"), desc, &isnull);

	return !isnull && DatumGetBool(d);
}

/*
 * refuse_preset_name
 *		A user row under the name of a built-in preset would join the preset
 *		(and, with a smaller priority, override it in every rfm_segment call):
 *		refused, whether inserted or renamed into it.
 */
static void
refuse_preset_name(TriggerData *td, HeapTuple tup)
{
	Relation	rel = td->tg_relation;
	bool		isnull;
	Datum		name = heap_getattr(tup, SPI_fnumber(rel->rd_att, "map_name"), rel->rd_att, &isnull);
	Oid			argtypes[1] = {TEXTOID};
	char	   *q;
	bool		taken;

	if (isnull)
		return;					/* the NOT NULL constraint reports it */
	q = psprintf("SELECT FROM %s WHERE map_name OPERATOR(pg_catalog.=) $1 AND builtin LIMIT 1",
				 quote_qualified_identifier(get_namespace_name(RelationGetNamespace(rel)),
											RelationGetRelationName(rel)));
	SPI_connect();
	if (SPI_execute_with_args(q, 1, argtypes, &name, NULL, true, 1) != SPI_OK_SELECT)
		elog(ERROR, "reading %s failed", RelationGetRelationName(rel));
	taken = SPI_processed > 0;
	SPI_finish();
	if (taken)
		ereport(ERROR,
				(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				 errmsg("map name \"%s\" belongs to a built-in rfm segment map", TextDatumGetCString(name)),
				 errhint("The presets are immutable and take no rows of yours; give your map its own name.")));
}

/*
 * rfm_segment_map_guard() -> trigger
 *		Keeps the built-in presets immutable (BEFORE INSERT/UPDATE/DELETE per
 *		row, BEFORE TRUNCATE): their rows are recreated by CREATE EXTENSION and
 *		left out of pg_dump, so an edit to them would silently vanish on
 *		restore, and a user row added under a preset's name would change what
 *		every rfm_segment call with that map returns (and be dumped).  Only
 *		this extension's own install or update script may write builtin rows;
 *		users copy a preset under a new map name instead.  Called other than
 *		as a trigger it raises 0A000.
 */
Datum
rfm_segment_map_guard(PG_FUNCTION_ARGS)
{
	TriggerData *td = (TriggerData *) fcinfo->context;
	HeapTuple	newtup;
	bool		own_script;

	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("rfm_segment_map_guard can only be called as a trigger"),
				 errhint("It keeps the built-in rows of rfm_segment_map read-only; there is nothing to call it for.")));
	own_script = creating_extension &&
		CurrentExtensionObject == get_extension_oid("engagement", true);
	if (TRIGGER_FIRED_BY_TRUNCATE(td->tg_event))
	{
		if (!own_script)
			preset_read_only();
		return PointerGetDatum(NULL);
	}
	newtup = TRIGGER_FIRED_BY_UPDATE(td->tg_event) ? td->tg_newtuple :
		TRIGGER_FIRED_BY_INSERT(td->tg_event) ? td->tg_trigtuple : NULL;
	if (own_script)
		return PointerGetDatum(newtup ? newtup : td->tg_trigtuple);
	if (tuple_is_builtin(td, td->tg_trigtuple) || (newtup && tuple_is_builtin(td, newtup)))
		preset_read_only();
	if (newtup)
		refuse_preset_name(td, newtup);
	return PointerGetDatum(newtup ? newtup : td->tg_trigtuple);
}

/*
 * customer_segment(state rfm_state, as_of timestamptz, at_risk_after
 *		interval, churned_after interval, loyal_min_days int) -> text
 *		Lifecycle segment, first rule that applies:
 *		  prospect   no purchases (NULL or empty state);
 *		  churned    last purchase at least churned_after before as_of;
 *		  at_risk    last purchase at least at_risk_after before as_of;
 *		  loyal      purchases on at least loyal_min_days distinct days;
 *		  returning  purchases on two or more distinct days;
 *		  new        purchases on one day only.
 *		Churned customers are the win-back candidates.
 */
Datum
customer_segment(PG_FUNCTION_ARGS)
{
	RfmState	buf;
	const RfmState *s;
	int128		since_last;
	int64		at_risk;
	int64		churned;
	int32		loyal_min;
	const char *seg;

	for (int i = 1; i <= 4; i++)
		if (PG_ARGISNULL(i))
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("customer_segment as_of and thresholds must not be NULL"),
					 errhint("Omit a threshold to use its default.")));
	at_risk = eng_interval_usecs(PG_GETARG_INTERVAL_P(2), "at_risk_after");
	churned = eng_interval_usecs(PG_GETARG_INTERVAL_P(3), "churned_after");
	loyal_min = PG_GETARG_INT32(4);
	if (churned < at_risk)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("customer_segment churned_after must not be shorter than at_risk_after"),
				 errhint("For example at_risk_after => '90 days', churned_after => '180 days'.")));
	if (loyal_min < 2)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("customer_segment loyal_min_days must be at least 2, not %d", loyal_min)));
	if (PG_ARGISNULL(0) || (s = rfm_arg(fcinfo, 0, &buf))->purchases == 0)
		PG_RETURN_TEXT_P(cstring_to_text("prospect"));
	/* exact: a span past the int64 range is past every threshold */
	since_last = (int128) check_as_of(s, PG_GETARG_TIMESTAMPTZ(1), "customer_segment") - s->last;
	if (since_last >= churned)
		seg = "churned";
	else if (since_last >= at_risk)
		seg = "at_risk";
	else if (s->first_day == s->last_day)
		seg = "new";
	else if (s->days < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("customer_segment cannot use this rfm_state: its number of purchase days is unknown"),
				 errhint("It was rolled up from states of overlapping periods; build it with rfm_agg() from the purchase rows.")));
	else if (s->days >= loyal_min)
		seg = "loyal";
	else
		seg = "returning";
	PG_RETURN_TEXT_P(cstring_to_text(seg));
}
