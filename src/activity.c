/*
 * activity.c
 *		Active users and stickiness over calendar days of an explicit zone.
 *
 * active_users(customer, ts, tz, first_day, last_day) -> active_users_day[]
 *		For every local day d of [first_day, last_day] in zone tz: the number of
 *		distinct customers active on d (DAU), in the 7 days ending with d (WAU)
 *		and in the 28 days ending with d (MAU).
 * stickiness(customer, ts, unit, tz, first_day, last_day) -> stickiness_bucket[]
 *		For every calendar week or month meeting [first_day, last_day]: how many
 *		customers were active on exactly k of its days in the range, k = 1..
 *		(PostHog's and Amplitude's stickiness histogram).
 *
 * Both keep one state per aggregate: a hash table from customer (the bytes of
 * a bigint or of a text) to a bitmap of its active local days over the range
 * (active_users looks 27 days further back, for the trailing windows of the
 * first days).  Days come from calendar.c, so they are date_trunc('day', ts,
 * tz) whatever the session's TimeZone.  Setting bits is order independent and
 * two states merge exactly by OR-ing the bitmaps of equal customers, which is
 * what the combine function does for parallel workers and partitions that
 * each saw part of a customer's rows.  The final functions walk each
 * customer's set bits once: trailing windows become intervals of report days,
 * added to difference arrays; stickiness counts bits per period.
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

PG_FUNCTION_INFO_V1(active_users_trans);
PG_FUNCTION_INFO_V1(active_users_final);
PG_FUNCTION_INFO_V1(stickiness_trans);
PG_FUNCTION_INFO_V1(stickiness_final);
PG_FUNCTION_INFO_V1(activity_combine);
PG_FUNCTION_INFO_V1(activity_serialize);
PG_FUNCTION_INFO_V1(activity_deserialize);

/* a customer: the bytes of its bigint or text value */
typedef struct ActKey
{
	const char *ptr;
	uint32		len;
} ActKey;

/* one customer of a state: its key and day bitmap (both in the state's arena) */
typedef struct ActEntry
{
	ActKey		key;
	uint64	   *bits;
	uint32		hash;
	char		status;
} ActEntry;

#define SH_PREFIX acth
#define SH_ELEMENT_TYPE ActEntry
#define SH_KEY_TYPE ActKey
#define SH_KEY key
#define SH_HASH_KEY(tb, k) hash_bytes((const unsigned char *) (k).ptr, (int) (k).len)
#define SH_EQUAL(tb, a, b) ((a).len == (b).len && memcmp((a).ptr, (b).ptr, (a).len) == 0)
#define SH_STORE_HASH
#define SH_GET_HASH(tb, a) ((a)->hash)
#define SH_SCOPE static inline
#define SH_DECLARE
#define SH_DEFINE
#include "lib/simplehash.h"

/* which aggregate a state belongs to */
#define ACT_USERS		1
#define ACT_STICKINESS	2

/* stickiness periods */
#define ACT_WEEK		1
#define ACT_MONTH		2

/* active_users' longest trailing window, in days, and the days before first_day it needs */
#define ACT_MAU_DAYS	28
#define ACT_LOOKBACK	(ACT_MAU_DAYS - 1)

/* arena blocks: the first is small (a few customers), later ones grow up to 1 MB */
#define ACT_BLOCK_MIN	8192
#define ACT_BLOCK_MAX	(1024 * 1024)

typedef struct ActState
{
	/* parameters: equal on every row and in every merged state */
	int32		kind;			/* ACT_USERS or ACT_STICKINESS */
	int32		unit;			/* stickiness: ACT_WEEK or ACT_MONTH; else 0 */
	int64		cal_id;			/* the zone (EngCalendar.id of its day calendar) */
	DateADT		first_day;
	DateADT		last_day;
	/* the bitmaps: bit b is local Julian day lo_jd + b */
	int64		lo_jd;
	int32		nbits;
	int32		nwords;
	bool		text_key;		/* customers are text (else bigint) */
	/* memory accounted against ENG_MAX_GROUP_BYTES: bitmaps, keys, hash slots */
	Size		bytes;
	acth_hash  *hash;
	MemoryContext ctx;
	char	   *arena;
	Size		arena_left;
	Size		block_size;
	/* the customer of the previous row (a customer's rows often come together) */
	ActKey		last;
	uint64	   *last_bits;
} ActState;

/*
 * act_name
 *		The SQL name of a state's aggregate, for messages.
 */
static const char *
act_name(int32 kind)
{
	return kind == ACT_USERS ? "active_users" : "stickiness";
}

/*
 * act_unit
 *		The stickiness period named by unit: week (ISO, from Monday) or month;
 *		22023 for anything else.
 */
static int32
act_unit(text *unit)
{
	const char *s = VARDATA_ANY(unit);
	Size		len = VARSIZE_ANY_EXHDR(unit);

	if (len == 4 && pg_strncasecmp(s, "week", 4) == 0)
		return ACT_WEEK;
	if (len == 5 && pg_strncasecmp(s, "month", 5) == 0)
		return ACT_MONTH;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("stickiness unit \"%s\" is not week or month", text_to_cstring(unit)),
			 errhint("Stickiness counts the active days of each calendar week (ISO, from Monday) or month: pass 'week' or 'month'.")));
	pg_unreachable();
}

/*
 * act_check_range
 *		22023 unless first_day and last_day are finite and in order; 54000 for
 *		a range longer than ACTIVITY_MAX_DAYS days.
 */
static void
act_check_range(DateADT first_day, DateADT last_day, const char *fn)
{
	if (DATE_NOT_FINITE(first_day) || DATE_NOT_FINITE(last_day))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("first_day and last_day of %s must be finite dates", fn),
				 errhint("Pass the first and the last local day to report.")));
	if (last_day < first_day)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("last_day of %s is before first_day", fn),
				 errhint("Pass the first day of the range first; a one-day range has first_day = last_day.")));
	if ((int64) last_day - first_day + 1 > ACTIVITY_MAX_DAYS)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("range of %s has %lld days, more than %d",
						fn, (long long) last_day - first_day + 1, ACTIVITY_MAX_DAYS),
				 errhint("Report at most %d days per call: split a longer range into several calls.",
						 ACTIVITY_MAX_DAYS)));
}

/*
 * act_create
 *		An empty state in ctx for the given parameters (checked here, once).
 */
static ActState *
act_create(MemoryContext ctx, int32 kind, int32 unit, int64 cal_id, DateADT first_day,
		   DateADT last_day)
{
	ActState   *st;

	act_check_range(first_day, last_day, act_name(kind));
	st = MemoryContextAllocZero(ctx, sizeof(ActState));
	st->kind = kind;
	st->unit = unit;
	st->cal_id = cal_id;
	st->first_day = first_day;
	st->last_day = last_day;
	st->lo_jd = (int64) first_day + POSTGRES_EPOCH_JDATE - (kind == ACT_USERS ? ACT_LOOKBACK : 0);
	st->nbits = (int32) ((int64) last_day - first_day + 1) + (kind == ACT_USERS ? ACT_LOOKBACK : 0);
	st->nwords = (st->nbits + 63) / 64;
	st->ctx = ctx;
	st->block_size = ACT_BLOCK_MIN;
	st->hash = acth_create(ctx, 64, NULL);
	return st;
}

/*
 * act_check_same
 *		22023 when a row or a merged state has other parameters than the state.
 */
static inline void
act_check_same(const ActState *st, int32 unit, int64 cal_id, DateADT first_day, DateADT last_day)
{
	if (unlikely(st->unit != unit || st->cal_id != cal_id || st->first_day != first_day ||
				 st->last_day != last_day))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("the time zone, %sfirst_day and last_day of %s differ between rows of one group",
						st->kind == ACT_STICKINESS ? "unit, " : "", act_name(st->kind)),
				 errhint("Pass constants, the same on every row of a group.")));
}

/*
 * act_alloc
 *		size bytes (a multiple of 8) from the state's arena: customers are many
 *		and small, so one palloc each would double their memory.
 */
static char *
act_alloc(ActState *st, Size size)
{
	char	   *p;

	if (size > st->arena_left)
	{
		Size		block = Max(size, st->block_size);

		st->arena = MemoryContextAlloc(st->ctx, block);
		st->arena_left = block;
		st->block_size = Min(st->block_size * 2, ACT_BLOCK_MAX);
	}
	p = st->arena;
	st->arena += size;
	st->arena_left -= size;
	return p;
}

/*
 * act_bitmap
 *		The day bitmap of customer key (its hash given), added with no day set
 *		when the state does not have it yet.  Each customer accounts its bitmap,
 *		its key and two hash slots (the table is at most half empty after it
 *		grows); past ENG_MAX_GROUP_BYTES (less the serial form's headers) the
 *		state is too large to serialise: 54000.
 */
static uint64 *
act_bitmap(ActState *st, ActKey key, uint32 hash)
{
	bool		found;
	ActEntry   *e = acth_insert_hash(st->hash, key, hash, &found);

	if (!found)
	{
		Size		need = (Size) st->nwords * sizeof(uint64) + MAXALIGN(key.len) + 2 * sizeof(ActEntry);
		char	   *mem;

		if (st->bytes + need > ENG_MAX_GROUP_BYTES - ENG_SERIAL_SLACK)
		{
			/* leave the table consistent: the entry points at no transient key */
			acth_delete_item(st->hash, e);
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("%s state exceeds %zu bytes (" UINT64_FORMAT " customers over %d days)",
							act_name(st->kind), (Size) ENG_MAX_GROUP_BYTES,
							(uint64) st->hash->members, st->nbits),
					 errhint("Split the customers into disjoint groups (GROUP BY a hash of the customer) and add up their counts, or report fewer days.")));
		}
		st->bytes += need;
		mem = act_alloc(st, (Size) st->nwords * sizeof(uint64) + MAXALIGN(key.len));
		memset(mem, 0, (Size) st->nwords * sizeof(uint64));
		memcpy(mem + (Size) st->nwords * sizeof(uint64), key.ptr, key.len);
		e->bits = (uint64 *) mem;
		e->key.ptr = mem + (Size) st->nwords * sizeof(uint64);
	}
	return e->bits;
}

/*
 * act_trans
 *		Transition of both aggregates: set the bit of the row's local day in its
 *		customer's bitmap.  Rows with a NULL customer or ts, and days outside
 *		the bitmaps' range, are skipped; the zone, range (and unit) must be given
 *		and equal on every row.  Arguments: customer 1, ts 2, then (stickiness:
 *		unit 3) zone, first_day, last_day.
 */
static Datum
act_trans(FunctionCallInfo fcinfo, int32 kind)
{
	const char *fn = act_name(kind);
	int			zone_arg = kind == ACT_USERS ? 3 : 4;
	ActState   *st = (ActState *) eng_existing_agg_state(fcinfo);
	EngCalendar *cal;
	int32		unit = 0;
	DateADT		first_day,
				last_day;
	EngPeriod	day;
	int64		b;
	ActKey		key;
	int64		custid;
	uint64	   *bits;

	if (PG_ARGISNULL(zone_arg))
		eng_null_argument("the time zone", fn);
	if (PG_ARGISNULL(zone_arg + 1))
		eng_null_argument("first_day", fn);
	if (PG_ARGISNULL(zone_arg + 2))
		eng_null_argument("last_day", fn);
	if (kind == ACT_STICKINESS)
	{
		if (PG_ARGISNULL(3))
			eng_null_argument("unit", fn);
		unit = act_unit(PG_GETARG_TEXT_PP(3));
	}
	first_day = PG_GETARG_DATEADT(zone_arg + 1);
	last_day = PG_GETARG_DATEADT(zone_arg + 2);
	cal = eng_calendar_arg(fcinfo, -1, zone_arg, fn);
	if (st == NULL)
	{
		if (!PG_ARGISNULL(0))
			st = (ActState *) PG_GETARG_POINTER(0);
		else
		{
			st = act_create(eng_agg_context(fcinfo, fn), kind, unit, cal->id, first_day, last_day);
			st->text_key = get_fn_expr_argtype(fcinfo->flinfo, 1) != INT8OID;
		}
	}
	act_check_same(st, unit, cal->id, first_day, last_day);
	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
		PG_RETURN_POINTER(st);

	eng_check_finite_ts(PG_GETARG_TIMESTAMPTZ(2), fn);
	eng_calendar_period(cal, PG_GETARG_TIMESTAMPTZ(2), &day, fn);
	b = day.index - st->lo_jd;
	if (b < 0 || b >= st->nbits)
		PG_RETURN_POINTER(st);

	if (!st->text_key)
	{
		custid = PG_GETARG_INT64(1);
		key.ptr = (const char *) &custid;
		key.len = sizeof(custid);
	}
	else
	{
		text	   *t = PG_GETARG_TEXT_PP(1);

		key.ptr = VARDATA_ANY(t);
		key.len = VARSIZE_ANY_EXHDR(t);
	}
	if (st->last_bits != NULL && key.len == st->last.len &&
		memcmp(key.ptr, st->last.ptr, key.len) == 0)
		bits = st->last_bits;
	else
	{
		bits = act_bitmap(st, key, hash_bytes((const unsigned char *) key.ptr, (int) key.len));
		st->last.len = key.len;
		st->last.ptr = (const char *) (bits + st->nwords);
		st->last_bits = bits;
	}
	bits[b >> 6] |= UINT64CONST(1) << (b & 63);
	PG_RETURN_POINTER(st);
}

/*
 * active_users_trans(internal, bigint|text, timestamptz, text, date, date) -> internal
 *		Transition function of active_users (act_trans).
 */
Datum
active_users_trans(PG_FUNCTION_ARGS)
{
	return act_trans(fcinfo, ACT_USERS);
}

/*
 * stickiness_trans(internal, bigint|text, timestamptz, text, text, date, date) -> internal
 *		Transition function of stickiness (act_trans).
 */
Datum
stickiness_trans(PG_FUNCTION_ARGS)
{
	return act_trans(fcinfo, ACT_STICKINESS);
}

/*
 * act_merge
 *		OR every customer's bitmap of src into dst (same parameters).
 */
static void
act_merge(ActState *dst, ActState *src)
{
	acth_iterator it;
	ActEntry   *e;

	dst->last_bits = NULL;
	acth_start_iterate(src->hash, &it);
	while ((e = acth_iterate(src->hash, &it)) != NULL)
	{
		uint64	   *bits = act_bitmap(dst, e->key, e->hash);

		for (int32 w = 0; w < dst->nwords; w++)
			bits[w] |= e->bits[w];
	}
}

/*
 * activity_combine(internal, internal) -> internal
 *		Combine function of both aggregates: the union of the customers' days.
 *		A missing first state is created in the aggregate context (the second
 *		may live in a shorter-lived context).
 */
Datum
activity_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggctx = eng_agg_context(fcinfo, "activity_combine");
	ActState   *a = PG_ARGISNULL(0) ? NULL : (ActState *) PG_GETARG_POINTER(0);
	ActState   *b = PG_ARGISNULL(1) ? NULL : (ActState *) PG_GETARG_POINTER(1);

	if (b == NULL)
	{
		if (a == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(a);
	}
	if (a == NULL)
		a = act_create(aggctx, b->kind, b->unit, b->cal_id, b->first_day, b->last_day);
	else if (a->kind != b->kind)
		elog(ERROR, "activity_combine: states of different aggregates");
	act_check_same(a, b->unit, b->cal_id, b->first_day, b->last_day);
	act_merge(a, b);
	PG_RETURN_POINTER(a);
}

/*
 * activity_serialize(internal) -> bytea
 *		The parameters, the number of customers, then per customer its key
 *		length, key and bitmap words.  The accounting of act_bitmap keeps this
 *		below the allocation limit.  The words are copied in the machine's byte
 *		order: the form only travels between processes of one server.
 */
Datum
activity_serialize(PG_FUNCTION_ARGS)
{
	ActState   *st;
	StringInfoData buf;
	acth_iterator it;
	ActEntry   *e;

	(void) eng_agg_context(fcinfo, "activity_serialize");
	st = (ActState *) PG_GETARG_POINTER(0);
	pq_begintypsend(&buf);
	pq_sendint32(&buf, st->kind);
	pq_sendint32(&buf, st->unit);
	pq_sendint64(&buf, st->cal_id);
	pq_sendint32(&buf, st->first_day);
	pq_sendint32(&buf, st->last_day);
	pq_sendint64(&buf, st->hash->members);
	acth_start_iterate(st->hash, &it);
	while ((e = acth_iterate(st->hash, &it)) != NULL)
	{
		pq_sendint32(&buf, e->key.len);
		pq_sendbytes(&buf, e->key.ptr, e->key.len);
		pq_sendbytes(&buf, (const char *) e->bits, st->nwords * sizeof(uint64));
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/*
 * activity_deserialize(bytea, internal) -> internal
 *		Rebuild a state from activity_serialize's bytes, checking every length
 *		against the bytes left (22P03 for anything that does not parse).
 */
Datum
activity_deserialize(PG_FUNCTION_ARGS)
{
	const char *what = "activity state";
	StringInfoData buf;
	ActState   *st;
	int32		kind,
				unit;
	int64		cal_id,
				n;
	DateADT		first_day,
				last_day;
	Size		bitbytes;

	(void) eng_agg_context(fcinfo, "activity_deserialize");
	eng_state_reader(PG_GETARG_BYTEA_PP(0), &buf);
	if (buf.len < 32)
		eng_corrupt_state(what, "too short");
	kind = pq_getmsgint(&buf, 4);
	unit = pq_getmsgint(&buf, 4);
	cal_id = pq_getmsgint64(&buf);
	first_day = pq_getmsgint(&buf, 4);
	last_day = pq_getmsgint(&buf, 4);
	n = pq_getmsgint64(&buf);
	if ((kind != ACT_USERS && kind != ACT_STICKINESS) ||
		(kind == ACT_USERS ? unit != 0 : (unit != ACT_WEEK && unit != ACT_MONTH)))
		eng_corrupt_state(what, "unknown aggregate or unit");
	if (DATE_NOT_FINITE(first_day) || DATE_NOT_FINITE(last_day) || last_day < first_day ||
		(int64) last_day - first_day + 1 > ACTIVITY_MAX_DAYS)
		eng_corrupt_state(what, "invalid range of days");
	st = act_create(CurrentMemoryContext, kind, unit, cal_id, first_day, last_day);
	bitbytes = (Size) st->nwords * sizeof(uint64);
	if (n < 0 || n > (buf.len - buf.cursor) / (int64) (4 + bitbytes))
		eng_corrupt_state(what, "invalid number of customers");
	for (int64 i = 0; i < n; i++)
	{
		ActKey		key;
		uint64	   *bits;

		if (buf.len - buf.cursor < 4)
			eng_corrupt_state(what, "truncated");
		key.len = (uint32) pq_getmsgint(&buf, 4);
		if (key.len > (uint32) (buf.len - buf.cursor) ||
			(Size) (buf.len - buf.cursor) - key.len < bitbytes)
			eng_corrupt_state(what, "truncated");
		key.ptr = pq_getmsgbytes(&buf, (int) key.len);
		bits = act_bitmap(st, key, hash_bytes((const unsigned char *) key.ptr, (int) key.len));
		memcpy(bits, pq_getmsgbytes(&buf, (int) bitbytes), bitbytes);
	}
	if (buf.cursor != buf.len)
		eng_corrupt_state(what, "trailing bytes");
	PG_RETURN_POINTER(st);
}

/*
 * act_final_state
 *		The state of a final function (NULL: the aggregate saw no row), after
 *		checking it belongs to the aggregate.
 */
static ActState *
act_final_state(FunctionCallInfo fcinfo, int32 kind)
{
	ActState   *st;

	(void) eng_agg_context(fcinfo, act_name(kind));
	if (PG_ARGISNULL(0))
		return NULL;
	st = (ActState *) PG_GETARG_POINTER(0);
	if (st->kind != kind)
		elog(ERROR, "%s: state of another aggregate", act_name(kind));
	return st;
}

/*
 * act_rows
 *		An array of the final function's composite element type from nrows rows
 *		of ncols values each (none NULL).
 */
static ArrayType *
act_rows(FunctionCallInfo fcinfo, Datum *values, int nrows, int ncols)
{
	Oid			elemtype = get_element_type(get_func_rettype(fcinfo->flinfo->fn_oid));
	TupleDesc	tupdesc;
	Datum	   *rows = palloc(sizeof(Datum) * Max(nrows, 1));
	bool	   *nulls = palloc0(sizeof(bool) * ncols);
	int16		typlen;
	bool		typbyval;
	char		typalign;

	if (!OidIsValid(elemtype))
		elog(ERROR, "activity: result type is not an array");
	tupdesc = lookup_rowtype_tupdesc_copy(elemtype, -1);
	if (tupdesc->natts != ncols)
		elog(ERROR, "activity: result type has %d columns, expected %d", tupdesc->natts, ncols);
	for (int i = 0; i < nrows; i++)
		rows[i] = HeapTupleGetDatum(heap_form_tuple(tupdesc, values + (Size) i * ncols, nulls));
	get_typlenbyvalalign(elemtype, &typlen, &typbyval, &typalign);
	return construct_array(rows, nrows, elemtype, typlen, typbyval, typalign);
}

/*
 * ActWindow: the report days [start, end) a run of trailing windows of one
 * customer covers, still open while later active days may extend it
 */
typedef struct ActWindow
{
	int64		start;
	int64		end;
} ActWindow;

/*
 * act_window_flush
 *		Add one to the report days of a closed run (clipped to 0..ndays) in the
 *		difference array diff.
 */
static inline void
act_window_flush(const ActWindow *w, int64 *diff, int64 ndays)
{
	int64		lo = Max(w->start, 0);
	int64		hi = Min(w->end, ndays);

	if (lo < hi)
	{
		diff[lo]++;
		diff[hi]--;
	}
}

/*
 * active_users_final(internal) -> active_users_day[]
 *		One row per day of the range: (day, dau, wau, mau).  Bit b of a bitmap is
 *		report day r = b - 27; an active day r covers report days [r, r + w) of
 *		the trailing window of w days.  The runs of each customer (its windows,
 *		merged while they overlap) are added to difference arrays, so a customer
 *		costs its active days, and the counts are their prefix sums.  NULL
 *		when the aggregate saw no row; zeros for days without activity.
 */
Datum
active_users_final(PG_FUNCTION_ARGS)
{
	static const int64 widths[3] = {1, 7, ACT_MAU_DAYS};
	ActState   *st = act_final_state(fcinfo, ACT_USERS);
	int64		ndays;
	int64	   *diff;
	Datum	   *values;
	acth_iterator it;
	ActEntry   *e;

	if (st == NULL)
		PG_RETURN_NULL();
	ndays = (int64) st->last_day - st->first_day + 1;
	diff = palloc0(sizeof(int64) * 3 * (ndays + 1));
	acth_start_iterate(st->hash, &it);
	while ((e = acth_iterate(st->hash, &it)) != NULL)
	{
		ActWindow	run[3];
		bool		open = false;

		for (int32 w = 0; w < st->nwords; w++)
		{
			uint64		word = e->bits[w];

			while (word != 0)
			{
				int64		r = (int64) w * 64 + pg_rightmost_one_pos64(word) - ACT_LOOKBACK;

				word &= word - 1;
				for (int k = 0; k < 3; k++)
				{
					if (open && r <= run[k].end)
						run[k].end = r + widths[k];
					else
					{
						if (open)
							act_window_flush(&run[k], diff + k * (ndays + 1), ndays);
						run[k].start = r;
						run[k].end = r + widths[k];
					}
				}
				open = true;
			}
		}
		if (open)
			for (int k = 0; k < 3; k++)
				act_window_flush(&run[k], diff + k * (ndays + 1), ndays);
	}

	values = palloc(sizeof(Datum) * 4 * ndays);
	{
		int64		count[3] = {0, 0, 0};

		for (int64 d = 0; d < ndays; d++)
		{
			values[d * 4] = DateADTGetDatum((DateADT) (st->first_day + d));
			for (int k = 0; k < 3; k++)
			{
				count[k] += diff[k * (ndays + 1) + d];
				values[d * 4 + 1 + k] = Int64GetDatum(count[k]);
			}
		}
	}
	PG_RETURN_ARRAYTYPE_P(act_rows(fcinfo, values, (int) ndays, 4));
}

/*
 * act_period_start
 *		The Julian day starting the week (ISO, Monday) or month of Julian day jd.
 */
static int
act_period_start(int jd, int32 unit)
{
	int			y,
				m,
				d;

	if (unit == ACT_WEEK)
		return jd - (j2day(jd) + 6) % 7;	/* j2day: 0 = Sunday */
	j2date(jd, &y, &m, &d);
	return date2j(y, m, 1);
}

/*
 * stickiness_final(internal) -> stickiness_bucket[]
 *		For each week or month meeting the range, in order, one row per k = 1..
 *		(the period's days inside the range): (period_start, k, customers
 *		active on exactly k of those days).  period_start is the period's
 *		first calendar day, which may precede first_day.  A customer's set bits
 *		come in day order, so its days per period are counted in one walk.
 *		NULL when the aggregate saw no row.
 */
Datum
stickiness_final(PG_FUNCTION_ARGS)
{
	ActState   *st = act_final_state(fcinfo, ACT_STICKINESS);
	int			ndays,
				nperiods = 0,
				nrows = 0,
				row;
	int		   *period_of,		/* per day of the range: its period */
			   *pstart,			/* per period: its first calendar day (Julian) */
			   *plen,			/* per period: its days inside the range */
			   *poff;			/* per period: its first histogram cell */
	int64	   *hist;
	Datum	   *values;
	acth_iterator it;
	ActEntry   *e;

	if (st == NULL)
		PG_RETURN_NULL();
	ndays = st->nbits;
	period_of = palloc(sizeof(int) * ndays);
	pstart = palloc(sizeof(int) * ndays);
	plen = palloc0(sizeof(int) * ndays);
	poff = palloc(sizeof(int) * ndays);
	for (int d = 0; d < ndays; d++)
	{
		int			start = act_period_start((int) st->lo_jd + d, st->unit);

		if (nperiods == 0 || pstart[nperiods - 1] != start)
			pstart[nperiods++] = start;
		period_of[d] = nperiods - 1;
		plen[nperiods - 1]++;
	}
	for (int p = 0; p < nperiods; p++)
	{
		poff[p] = nrows;		/* cell k of period p: hist[poff[p] + k - 1] */
		nrows += plen[p];
	}
	hist = palloc0(sizeof(int64) * nrows);

	acth_start_iterate(st->hash, &it);
	while ((e = acth_iterate(st->hash, &it)) != NULL)
	{
		int			cur = -1,
					n = 0;

		for (int32 w = 0; w < st->nwords; w++)
		{
			uint64		word = e->bits[w];

			while (word != 0)
			{
				int			p = period_of[w * 64 + pg_rightmost_one_pos64(word)];

				word &= word - 1;
				if (p != cur)
				{
					if (cur >= 0)
						hist[poff[cur] + n - 1]++;
					cur = p;
					n = 0;
				}
				n++;
			}
		}
		if (cur >= 0)
			hist[poff[cur] + n - 1]++;
	}

	values = palloc(sizeof(Datum) * 3 * Max(nrows, 1));
	row = 0;
	for (int p = 0; p < nperiods; p++)
		for (int k = 1; k <= plen[p]; k++, row++)
		{
			values[row * 3] = DateADTGetDatum((DateADT) (pstart[p] - POSTGRES_EPOCH_JDATE));
			values[row * 3 + 1] = Int32GetDatum(k);
			values[row * 3 + 2] = Int64GetDatum(hist[poff[p] + k - 1]);
		}
	PG_RETURN_ARRAYTYPE_P(act_rows(fcinfo, values, nrows, 3));
}
