/*
 * rfm.c
 *		RFM: the rfm_state type (first and last purchase, number of purchases,
 *		distinct purchase days, total amount), its accessors and the lifecycle
 *		classification customer_segment.  Its aggregates rfm_agg and rollup are
 *		in rfm_agg.c, the tie-safe scores (rfm_breaks, rfm_score) in
 *		rfm_score.c, the named segments of the rfm_segment_map configuration
 *		table in rfm_segment.c.
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
#include "rfm.h"

/* ---------- the rfm_state type ---------- */


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
const EngStateDesc rfm_desc = {
	"rfm_state", RFM_FORMAT_UTC, offsetof(RfmState, first_day), 5, rfm_fields,
	rfm_state_validate
};

/* format 2: every field */
const EngStateDesc rfm_desc_zoned = {
	"rfm_state", RFM_FORMAT_ZONED, sizeof(RfmState), lengthof(rfm_fields), rfm_fields,
	rfm_state_validate
};


/*
 * rfm_arg
 *		Argument n, a stored rfm_state of either format, detoasted and checked
 *		(length and version), as a format-2 view: a format-1 value is copied
 *		into *buf with its UTC days filled in.  No allocation: accessors call
 *		it once per row.
 */
const RfmState *
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

PG_FUNCTION_INFO_V1(customer_segment);

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
