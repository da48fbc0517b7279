/*
 * active_days.c
 *		active_days(ts, tz): the number of distinct local days of a group's
 *		rows in zone tz (the per-customer count stickiness is built from), as a
 *		bitmap of days that merges by OR.  Split from activity.c, whose limits
 *		(activity.h) it shares.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "common/hashfn.h"
#include "funcapi.h"
#include "libpq/pqformat.h"
#include "port/pg_bitutils.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datetime.h"
#include "utils/lsyscache.h"
#include "utils/typcache.h"

#include "activity.h"
#include "calendar.h"
#include "engagement.h"

/*
 * active_days(ts, tz) -> integer
 *		The number of distinct local days (zone tz) among a group's rows: the
 *		per-customer and per-period count stickiness is built from, for
 *		GROUP BY customer, date_trunc('week', ts, tz).  The state is a bitmap
 *		of days that grows to cover the rows' days (aligned to 64 days), so
 *		it is order independent and merges by OR.
 */
typedef struct ActDays
{
	int64		cal_id;			/* the zone (EngCalendar.id of its day calendar) */
	int64		lo_jd;			/* Julian day of bit 0, a multiple of 64 */
	int32		nwords;			/* 0: no day yet */
	uint64	   *bits;			/* in the state's context */
	MemoryContext ctx;
} ActDays;

PG_FUNCTION_INFO_V1(active_days_trans);
PG_FUNCTION_INFO_V1(active_days_combine);
PG_FUNCTION_INFO_V1(active_days_serialize);
PG_FUNCTION_INFO_V1(active_days_deserialize);
PG_FUNCTION_INFO_V1(active_days_final);

/* the most bitmap words of one group: its rows' days span at most ACTIVITY_MAX_DAYS */
#define ACT_DAYS_MAX_WORDS	((ACTIVITY_MAX_DAYS + 63) / 64 + 1)

/*
 * act_days_create
 *		An empty active_days state in ctx.
 */
static ActDays *
act_days_create(MemoryContext ctx, int64 cal_id)
{
	ActDays    *st = MemoryContextAllocZero(ctx, sizeof(ActDays));

	st->cal_id = cal_id;
	st->ctx = ctx;
	return st;
}

/*
 * act_days_cover
 *		Grow the bitmap to cover the 64-day-aligned Julian days [lo, hi) too
 *		(new words zero); 54000 when the group's days would span more than
 *		ACT_DAYS_MAX_WORDS words.
 */
static void
act_days_cover(ActDays *st, int64 lo, int64 hi)
{
	int64		new_lo,
				new_hi;
	int32		nwords;
	uint64	   *bits;

	if (st->nwords > 0)
	{
		if (lo >= st->lo_jd && hi <= st->lo_jd + (int64) st->nwords * 64)
			return;
		new_lo = Min(lo, st->lo_jd);
		new_hi = Max(hi, st->lo_jd + (int64) st->nwords * 64);
	}
	else
	{
		new_lo = lo;
		new_hi = hi;
	}
	if ((new_hi - new_lo) / 64 > ACT_DAYS_MAX_WORDS)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("rows of one group of active_days span more than %d days", ACTIVITY_MAX_DAYS),
				 errhint("Group by a period as well, e.g. GROUP BY customer, date_trunc('month', ts, tz).")));
	nwords = (int32) ((new_hi - new_lo) / 64);
	bits = MemoryContextAllocZero(st->ctx, sizeof(uint64) * nwords);
	if (st->nwords > 0)
	{
		memcpy(bits + (st->lo_jd - new_lo) / 64, st->bits, sizeof(uint64) * st->nwords);
		pfree(st->bits);
	}
	st->bits = bits;
	st->nwords = nwords;
	st->lo_jd = new_lo;
}

/*
 * act_days_set
 *		Set the bit of Julian day jd.
 */
static inline void
act_days_set(ActDays *st, int64 jd)
{
	int64		b = jd - st->lo_jd;

	if (unlikely(st->nwords == 0 || b < 0 || b >= (int64) st->nwords * 64))
	{
		int64		lo = jd - (((jd % 64) + 64) % 64);

		act_days_cover(st, lo, lo + 64);
		b = jd - st->lo_jd;
	}
	st->bits[b >> 6] |= UINT64CONST(1) << (b & 63);
}

/*
 * act_days_check_zone
 *		22023 when a row or a merged state has another zone than the state.
 */
static inline void
act_days_check_zone(const ActDays *st, int64 cal_id)
{
	if (unlikely(st->cal_id != cal_id))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("the time zone of active_days differs between rows of one group"),
				 errhint("Pass a constant, the same on every row of a group.")));
}

/*
 * active_days_trans(internal, timestamptz, text) -> internal
 *		Set the bit of the row's local day.  NULL timestamps are skipped; the
 *		zone must be given and the same on every row.
 */
Datum
active_days_trans(PG_FUNCTION_ARGS)
{
	const char *fn = "active_days";
	ActDays    *st = (ActDays *) eng_existing_agg_state(fcinfo);
	EngCalendar *cal;
	EngPeriod	day;

	if (PG_ARGISNULL(2))
		eng_null_argument("the time zone", fn);
	cal = eng_calendar_arg(fcinfo, -1, 2, fn);
	if (st == NULL)
	{
		if (!PG_ARGISNULL(0))
			st = (ActDays *) PG_GETARG_POINTER(0);
		else
			st = act_days_create(eng_agg_context(fcinfo, fn), cal->id);
	}
	act_days_check_zone(st, cal->id);
	if (PG_ARGISNULL(1))
		PG_RETURN_POINTER(st);
	eng_check_finite_ts(PG_GETARG_TIMESTAMPTZ(1), fn);
	eng_calendar_period(cal, PG_GETARG_TIMESTAMPTZ(1), &day, fn);
	act_days_set(st, day.index);
	PG_RETURN_POINTER(st);
}

/*
 * active_days_combine(internal, internal) -> internal
 *		The union of two states' days (a missing first state is created in the
 *		aggregate context).
 */
Datum
active_days_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggctx = eng_agg_context(fcinfo, "active_days_combine");
	ActDays    *a = PG_ARGISNULL(0) ? NULL : (ActDays *) PG_GETARG_POINTER(0);
	ActDays    *b = PG_ARGISNULL(1) ? NULL : (ActDays *) PG_GETARG_POINTER(1);

	if (b == NULL)
	{
		if (a == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(a);
	}
	if (a == NULL)
		a = act_days_create(aggctx, b->cal_id);
	act_days_check_zone(a, b->cal_id);
	if (b->nwords > 0)
	{
		act_days_cover(a, b->lo_jd, b->lo_jd + (int64) b->nwords * 64);
		for (int32 w = 0; w < b->nwords; w++)
			a->bits[(b->lo_jd - a->lo_jd) / 64 + w] |= b->bits[w];
	}
	PG_RETURN_POINTER(a);
}

/*
 * active_days_serialize(internal) -> bytea
 *		Zone id, first day, number of words, the words.
 */
Datum
active_days_serialize(PG_FUNCTION_ARGS)
{
	ActDays    *st;
	StringInfoData buf;

	(void) eng_agg_context(fcinfo, "active_days_serialize");
	st = (ActDays *) PG_GETARG_POINTER(0);
	pq_begintypsend(&buf);
	pq_sendint64(&buf, st->cal_id);
	pq_sendint64(&buf, st->lo_jd);
	pq_sendint32(&buf, st->nwords);
	for (int32 w = 0; w < st->nwords; w++)
		pq_sendint64(&buf, st->bits[w]);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/*
 * active_days_deserialize(bytea, internal) -> internal
 *		The inverse of active_days_serialize (22P03 for bytes that do not parse).
 */
Datum
active_days_deserialize(PG_FUNCTION_ARGS)
{
	const char *what = "active_days state";
	StringInfoData buf;
	ActDays    *st;
	int64		lo_jd;
	int32		nwords;

	(void) eng_agg_context(fcinfo, "active_days_deserialize");
	eng_state_reader(PG_GETARG_BYTEA_PP(0), &buf);
	if (buf.len < 20)
		eng_corrupt_state(what, "too short");
	st = act_days_create(CurrentMemoryContext, pq_getmsgint64(&buf));
	lo_jd = pq_getmsgint64(&buf);
	nwords = pq_getmsgint(&buf, 4);
	if (nwords < 0 || nwords > ACT_DAYS_MAX_WORDS || lo_jd % 64 != 0 ||
		lo_jd < -(int64) PG_INT32_MAX || lo_jd > PG_INT32_MAX)
		eng_corrupt_state(what, "invalid range of days");
	if (buf.len - buf.cursor != nwords * 8)
		eng_corrupt_state(what, "wrong length");
	if (nwords > 0)
	{
		act_days_cover(st, lo_jd, lo_jd + (int64) nwords * 64);
		for (int32 w = 0; w < nwords; w++)
			st->bits[w] = (uint64) pq_getmsgint64(&buf);
	}
	PG_RETURN_POINTER(st);
}

/*
 * active_days_final(internal) -> integer
 *		The number of days set; NULL for a group without rows.
 */
Datum
active_days_final(PG_FUNCTION_ARGS)
{
	ActDays    *st;
	int32		n = 0;

	(void) eng_agg_context(fcinfo, "active_days");
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	st = (ActDays *) PG_GETARG_POINTER(0);
	for (int32 w = 0; w < st->nwords; w++)
		n += pg_popcount64(st->bits[w]);
	PG_RETURN_INT32(n);
}
