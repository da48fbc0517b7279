/*
 * funnel_options.c
 *		window_funnel and funnel_times with one jsonb options value (1.1):
 *		exclusion steps, per-step windows, first-time funnels, unordered funnels,
 *		optional steps (scanned by funnel_optional.c) and a held key (a property
 *		equal on every step of a chain); and funnel_seconds, the time between
 *		two steps of a funnel_times array.
 *
 * The options are parsed on a group's first row (funnel_options_parse.c, which
 * caches the parse per call site), kept in the state next to the shared event
 * buffer, checked against later rows by pointer, then bytes, then (other bytes)
 * by what they parse to, and travel with the buffer through combine and the
 * parallel serial form.
 *
 * Ordered scan.  Events are visited in (timestamp, step) order, as window_funnel
 * does.  Slot k holds one chain that reached step k+1 with all its step times.
 * Every constraint here (whole window from step 1, maximum gap between
 * consecutive steps, no exclusion event strictly between two given steps,
 * first-ever step 1) is kept by the componentwise latest of two valid chains
 * (take each step's later time: the result is again a valid chain), so the
 * latest chain dominates every other chain of its slot for every future
 * extension.  Extending the slot k-1 chain whenever a step k+1 event fits
 * therefore keeps in each slot the dominant chain.  An exclusion event at x
 * for the pair (i, j) marks the chains of slots i..j-1 whose step i came before
 * x as unable to reach step j (their dominated rivals have step i no later, so
 * they are barred too); such a chain still counts for its level and may still
 * reach the steps before j.  The level is the deepest slot ever filled; the
 * chain reported is the first one to fill it (the earliest completion, its
 * earlier steps as late as possible).
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "common/int.h"
#include "fmgr.h"
#include "libpq/pqformat.h"
#include "nodes/primnodes.h"
#include "miscadmin.h"
#include "port/pg_bitutils.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"
#include "utils/timestamp.h"

#include "engagement.h"
#include "event_buffer.h"
#include "funnel_options.h"

PG_FUNCTION_INFO_V1(funnel_options_trans);
PG_FUNCTION_INFO_V1(funnel_options_steps_trans);
PG_FUNCTION_INFO_V1(funnel_options_key_trans);
PG_FUNCTION_INFO_V1(funnel_options_key_steps_trans);
PG_FUNCTION_INFO_V1(funnel_breakdown_trans);
PG_FUNCTION_INFO_V1(funnel_breakdown_steps_trans);
PG_FUNCTION_INFO_V1(funnel_breakdown_final);
PG_FUNCTION_INFO_V1(funnel_options_combine);
PG_FUNCTION_INFO_V1(funnel_options_serialize);
PG_FUNCTION_INFO_V1(funnel_options_deserialize);
PG_FUNCTION_INFO_V1(funnel_options_level_final);
PG_FUNCTION_INFO_V1(funnel_options_times_final);
PG_FUNCTION_INFO_V1(funnel_seconds);

/* the event buffer's serial function (event_buffer.c), called on our state's buffer */
extern Datum event_buffer_serialize(PG_FUNCTION_ARGS);

typedef struct FoState
{
	EventBuffer *eb;
	FoOptions	o;
	bool		parsed;
	int32		nconds;
	Jsonb	   *raw;			/* the options as given (aggregate context); NULL after deserialize */
	bool		opts_const;		/* the options argument is a constant of the query */
	Datum		last;			/* its datum: a later row passing the same pointer passes it */
} FoState;

/*
 * fo_new_state
 *		An empty state in the aggregate context.
 */
static FoState *
fo_new_state(MemoryContext aggctx)
{
	FoState    *st = MemoryContextAllocZero(aggctx, sizeof(FoState));

	st->eb = eb_create(aggctx);
	return st;
}

/*
 * fo_options_are_const
 *		Whether the options argument of this aggregate call is a constant, whose
 *		datum keeps its address from row to row (a computed value may reuse the
 *		address of the previous row's with other bytes, so only a constant may
 *		be recognised by its pointer).
 */
static bool
fo_options_are_const(FunctionCallInfo fcinfo)
{
	Aggref	   *aggref = AggGetAggref(fcinfo);
	TargetEntry *te;

	if (aggref == NULL || list_length(aggref->args) < 2)
		return false;
	te = (TargetEntry *) list_nth(aggref->args, 1);
	return IsA(te->expr, Const);
}

/*
 * fo_accumulate
 *		Shared transition body: arguments state, window, options, ts, [key or
 *		value,] conditions (one VARIADIC bool[], or one bool argument each).  A
 *		NULL ts (or a NULL key) skips the row; a NULL value is kept as such;
 *		NULL conditions are false.  Options are parsed on the group's first row and later rows must
 *		pass the same ones.
 */
static Datum
fo_accumulate(FunctionCallInfo fcinfo, int textarg, bool variadic)
{
	bool		keyed = textarg == FO_TEXT_KEY;
	const char *fn = textarg == FO_TEXT_VALUE ? "funnel_breakdown" : FO_FN;
	int			condarg = textarg != FO_TEXT_NONE ? 5 : 4;
	FoState    *st = eng_existing_agg_state(fcinfo);
	int64		window;
	uint32		flags;
	uint32		aux = 0;
	int			n;
	TimestampTz ts;

	if (unlikely(st == NULL))
	{
		MemoryContext aggctx = eng_agg_context(fcinfo, fn);

		if (PG_ARGISNULL(3) || (keyed && PG_ARGISNULL(4)))
			PG_RETURN_NULL();
		st = PG_ARGISNULL(0) ? fo_new_state(aggctx) : (FoState *) PG_GETARG_POINTER(0);
	}
	if (PG_ARGISNULL(3) || (keyed && PG_ARGISNULL(4)))
		PG_RETURN_POINTER(st);
	if (PG_ARGISNULL(1))
		eng_null_argument("window", fn);
	if (PG_ARGISNULL(2))
		eng_null_argument("options", fn);
	if (variadic && PG_ARGISNULL(condarg))
		eng_null_argument("conditions", fn);
	ts = PG_GETARG_TIMESTAMPTZ(3);
	eng_check_finite_ts(ts, fn);
	window = eng_interval_arg(fcinfo, 1, "window");
	if (variadic)
		flags = eng_condition_flags(PG_GETARG_ARRAYTYPE_P(condarg), fn, "conditions",
									"Pass the step conditions, then one condition per exclusion.", &n);
	else
		flags = eng_condition_args(fcinfo, condarg, &n);
	if (unlikely(!st->parsed))
	{
		MemoryContext aggctx = eng_agg_context(fcinfo, fn);
		Jsonb	   *jb = PG_GETARG_JSONB_P(2);

		fo_parse_cached(fcinfo, jb, n, window, textarg, &st->o);
		st->raw = MemoryContextAlloc(aggctx, VARSIZE(jb));
		memcpy(st->raw, jb, VARSIZE(jb));
		st->last = PG_GETARG_DATUM(2);
		st->opts_const = fo_options_are_const(fcinfo);
		st->nconds = n;
		st->parsed = true;
	}
	else if (n != st->nconds || window != st->o.window)
		eb_params_mismatch(fn);
	else if (!st->opts_const || PG_GETARG_DATUM(2) != st->last)
	{
		Jsonb	   *jb = PG_GETARG_JSONB_P(2);
		FoOptions	o;

		/* other bytes may still spell the same options ([2] and [2.0]) */
		if (st->raw == NULL || VARSIZE(jb) != VARSIZE(st->raw) ||
			memcmp(jb, st->raw, VARSIZE(jb)) != 0)
		{
			fo_parse(jb, n, window, textarg, &o);
			if (memcmp(&o, &st->o, sizeof(o)) != 0)
				eb_params_mismatch(fn);
		}
		st->last = PG_GETARG_DATUM(2);
	}
	if (flags == 0)
		PG_RETURN_POINTER(st);
	if (textarg == FO_TEXT_VALUE && PG_ARGISNULL(4))
		flags |= FO_NULL_VALUE;
	else if (textarg != FO_TEXT_NONE)
	{
		text	   *key = PG_GETARG_TEXT_PP(4);

		aux = eb_label_id(st->eb, VARDATA_ANY(key), VARSIZE_ANY_EXHDR(key));
	}
	eb_append(st->eb, ts, flags, aux);
	PG_RETURN_POINTER(st);
}

/*
 * funnel_options_trans(internal, interval, jsonb, timestamptz, bool[])
 *		Transition function of window_funnel / funnel_times with options.
 */
Datum
funnel_options_trans(PG_FUNCTION_ARGS)
{
	return fo_accumulate(fcinfo, FO_TEXT_NONE, true);
}

/*
 * funnel_options_steps_trans(internal, interval, jsonb, timestamptz, bool, bool...)
 *		The same for 2 to 8 conditions written as separate arguments: no bool[]
 *		is built per row.
 */
Datum
funnel_options_steps_trans(PG_FUNCTION_ARGS)
{
	return fo_accumulate(fcinfo, FO_TEXT_NONE, false);
}

/*
 * funnel_options_key_trans(internal, interval, jsonb, timestamptz, text, bool[])
 *		The same with a held key: every event of a chain must have the same key.
 */
Datum
funnel_options_key_trans(PG_FUNCTION_ARGS)
{
	return fo_accumulate(fcinfo, FO_TEXT_KEY, true);
}

/*
 * funnel_options_key_steps_trans(internal, interval, jsonb, timestamptz, text, bool, bool...)
 *		The held-key form for 2 to 8 conditions written as separate arguments.
 */
Datum
funnel_options_key_steps_trans(PG_FUNCTION_ARGS)
{
	return fo_accumulate(fcinfo, FO_TEXT_KEY, false);
}

/*
 * funnel_breakdown_trans(internal, interval, jsonb, timestamptz, text, bool[])
 *		Transition function of funnel_breakdown: rows carry the value to credit.
 */
Datum
funnel_breakdown_trans(PG_FUNCTION_ARGS)
{
	return fo_accumulate(fcinfo, FO_TEXT_VALUE, true);
}

/*
 * funnel_breakdown_steps_trans(internal, interval, jsonb, timestamptz, text, bool, bool...)
 *		The same for 2 to 8 conditions written as separate arguments.
 */
Datum
funnel_breakdown_steps_trans(PG_FUNCTION_ARGS)
{
	return fo_accumulate(fcinfo, FO_TEXT_VALUE, false);
}

/*
 * funnel_options_combine(internal, internal) -> internal
 *		Merge two partial states (parallel query, partitionwise aggregation).
 */
Datum
funnel_options_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggctx = eng_agg_context(fcinfo, "funnel_options_combine");
	FoState    *dst;
	FoState    *src;

	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_POINTER(PG_GETARG_POINTER(0));
	}
	src = (FoState *) PG_GETARG_POINTER(1);
	if (PG_ARGISNULL(0))
	{
		dst = fo_new_state(aggctx);
		dst->o = src->o;
		dst->nconds = src->nconds;
		dst->parsed = src->parsed;
	}
	else
		dst = (FoState *) PG_GETARG_POINTER(0);
	if (src->parsed && !dst->parsed)
	{
		dst->o = src->o;
		dst->nconds = src->nconds;
		dst->parsed = true;
	}
	else if (src->parsed &&
			 (dst->nconds != src->nconds || memcmp(&dst->o, &src->o, sizeof(FoOptions)) != 0))
		eb_params_mismatch(FO_FN);
	eb_merge(dst->eb, src->eb);
	PG_RETURN_POINTER(dst);
}

/*
 * fo_inner_call
 *		A one-argument call frame for the event-buffer support functions (which
 *		take the buffer as argument 0 inside an aggregate), on our state's
 *		buffer, in the caller's aggregate.
 */
static void
fo_inner_call(FunctionCallInfo fcinfo, FunctionCallInfo inner, EventBuffer *eb)
{
	InitFunctionCallInfoData(*inner, fcinfo->flinfo, 1, InvalidOid, fcinfo->context, NULL);
	inner->args[0].value = PointerGetDatum(eb);
	inner->args[0].isnull = false;
}

/*
 * funnel_options_serialize(internal) -> bytea
 *		Portable form: format byte, number of conditions, the options (only the
 *		exclusion pairs and step windows in use: parallel query ships one state
 *		per customer), then the event buffer's own serial form.
 */
Datum
funnel_options_serialize(PG_FUNCTION_ARGS)
{
	LOCAL_FCINFO(inner, 1);
	FoState    *st;
	bytea	   *ebbytes;
	StringInfoData buf;

	(void) eng_agg_context(fcinfo, "funnel_options_serialize");
	st = (FoState *) PG_GETARG_POINTER(0);
	fo_inner_call(fcinfo, inner, st->eb);
	ebbytes = DatumGetByteaPP(event_buffer_serialize(inner));
	pq_begintypsend(&buf);
	pq_sendbyte(&buf, FO_SERIAL_FORMAT);
	pq_sendbyte(&buf, st->parsed);
	pq_sendint32(&buf, st->nconds);
	pq_sendint32(&buf, st->o.nsteps);
	pq_sendint32(&buf, st->o.nexcl);
	pq_sendint32(&buf, st->o.unordered);
	pq_sendint32(&buf, st->o.first_time);
	pq_sendint32(&buf, st->o.textarg);
	pq_sendint32(&buf, st->o.attribution);
	pq_sendint32(&buf, (int32) st->o.optional);
	pq_sendint64(&buf, st->o.window);
	for (int i = 0; i < st->o.nexcl; i++)
	{
		pq_sendint32(&buf, st->o.excl_from[i]);
		pq_sendint32(&buf, st->o.excl_to[i]);
	}
	for (int i = 0; i < st->o.nsteps; i++)
		pq_sendint64(&buf, st->o.gap[i]);
	pq_sendbytes(&buf, VARDATA_ANY(ebbytes), VARSIZE_ANY_EXHDR(ebbytes));
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/*
 * fo_check_options
 *		Reject options that fo_parse could not have produced (corrupt bytes).
 */
static void
fo_check_options(const FoState *st)
{
	const FoOptions *o = &st->o;

	if (!st->parsed)
	{
		FoOptions	zero;

		memset(&zero, 0, sizeof(zero));
		if (st->nconds != 0 || memcmp(o, &zero, sizeof(zero)) != 0)
			eng_corrupt_state("window_funnel options", "options without a first row");
		return;
	}
	if (o->nsteps < 1 || o->nexcl < 0 || o->nsteps + o->nexcl != st->nconds ||
		st->nconds > FO_MAX || o->window <= 0 ||
		(o->unordered & ~1) || (o->first_time & ~1) ||
		o->textarg < FO_TEXT_NONE || o->textarg > FO_TEXT_VALUE ||
		(o->textarg == FO_TEXT_VALUE ?
		 (st->nconds > FO_MAX - 1 || o->unordered ||
		  !(o->attribution == FO_FIRST_TOUCH || o->attribution == FO_LAST_TOUCH ||
			(o->attribution >= 1 && o->attribution <= o->nsteps))) :
		 o->attribution != 0))
		eng_corrupt_state("window_funnel options", "bad counts or flags");
	if (o->optional != 0 &&
		(o->nsteps < 3 || (o->optional & ~((1u << (o->nsteps - 1)) - 2)) != 0 ||
		 o->unordered || o->textarg == FO_TEXT_VALUE))
		eng_corrupt_state("window_funnel options", "bad optional steps");
	for (int i = 0; i < FO_MAX; i++)
	{
		bool		used = i < o->nexcl;

		if (used ? (o->excl_from[i] < 0 || o->excl_from[i] >= o->excl_to[i] ||
					o->excl_to[i] >= o->nsteps) :
			(o->excl_from[i] != 0 || o->excl_to[i] != 0))
			eng_corrupt_state("window_funnel options", "bad exclusion");
		if (used && (o->optional & ((1u << o->excl_from[i]) | (1u << o->excl_to[i]))))
			eng_corrupt_state("window_funnel options", "optional exclusion step");
		if (o->gap[i] < 0 || (o->gap[i] != 0 && (i == 0 || i >= o->nsteps)))
			eng_corrupt_state("window_funnel options", "bad step window");
	}
}

/*
 * funnel_options_deserialize(bytea, internal) -> internal
 *		Rebuild a state from funnel_options_serialize's bytes, checking them.
 */
Datum
funnel_options_deserialize(PG_FUNCTION_ARGS)
{
	MemoryContext aggctx = eng_agg_context(fcinfo, "funnel_options_deserialize");
	StringInfoData buf;
	FoState    *st;
	bytea	   *rest;
	int			len;

	eng_state_reader(PG_GETARG_BYTEA_PP(0), &buf);
	if (buf.len < 2 + 8 * 4 + 8)
		eng_corrupt_state("window_funnel options", "too short");
	if (pq_getmsgbyte(&buf) != FO_SERIAL_FORMAT)
		eng_corrupt_state("window_funnel options", "unknown format version");
	st = fo_new_state(aggctx);
	st->parsed = pq_getmsgbyte(&buf);
	if (st->parsed & ~1)
		eng_corrupt_state("window_funnel options", "bad flag");
	st->nconds = pq_getmsgint(&buf, 4);
	st->o.nsteps = pq_getmsgint(&buf, 4);
	st->o.nexcl = pq_getmsgint(&buf, 4);
	st->o.unordered = pq_getmsgint(&buf, 4);
	st->o.first_time = pq_getmsgint(&buf, 4);
	st->o.textarg = pq_getmsgint(&buf, 4);
	st->o.attribution = pq_getmsgint(&buf, 4);
	st->o.optional = (uint32) pq_getmsgint(&buf, 4);
	st->o.window = pq_getmsgint64(&buf);
	if (st->o.nexcl < 0 || st->o.nexcl > FO_MAX || st->o.nsteps < 0 || st->o.nsteps > FO_MAX ||
		buf.len - buf.cursor < st->o.nexcl * 8 + st->o.nsteps * 8)
		eng_corrupt_state("window_funnel options", "bad counts or flags");
	for (int i = 0; i < st->o.nexcl; i++)
	{
		st->o.excl_from[i] = pq_getmsgint(&buf, 4);
		st->o.excl_to[i] = pq_getmsgint(&buf, 4);
	}
	for (int i = 0; i < st->o.nsteps; i++)
		st->o.gap[i] = pq_getmsgint64(&buf);
	fo_check_options(st);
	len = buf.len - buf.cursor;
	rest = palloc(VARHDRSZ + len);
	SET_VARSIZE(rest, VARHDRSZ + len);
	memcpy(VARDATA(rest), buf.data + buf.cursor, len);
	st->eb = eb_deserialize(rest, aggctx);
	pfree(rest);
	if (st->o.textarg == FO_TEXT_NONE ? st->eb->nlabels != 0 :
		st->o.textarg == FO_TEXT_KEY && st->eb->nlabels == 0 && st->eb->nevents > 0)
		eng_corrupt_state("window_funnel options", "keys do not match the options");
	for (int64 i = 0; i < st->eb->nevents; i++)
	{
		uint32		f = st->eb->events[i].flags;

		if (st->o.textarg == FO_TEXT_VALUE && (f & FO_NULL_VALUE))
			f &= ~FO_NULL_VALUE;
		else if (st->o.textarg == FO_TEXT_VALUE && st->eb->nlabels == 0)
			eng_corrupt_state("window_funnel options", "value without a label");
		if (st->parsed && (f >> (st->nconds - 1) >> 1) != 0)
			eng_corrupt_state("window_funnel options", "event with an unknown condition");
	}
	PG_RETURN_POINTER(st);
}

/*
 * fo_scan_ordered
 *		Level and first-reaching chain of sorted events ev[0 .. n) (one key's
 *		events in the keyed variant) under the ordered rules of the header.
 */
static void
fo_scan_ordered(const FoOptions *o, const EngEvent *ev, int64 n, FoResult *res)
{
	int64		times[FO_MAX][FO_MAX];
	uint32		vals[FO_MAX][FO_MAX];	/* funnel_breakdown: the chain's values */
	uint32		gv[FO_MAX];		/* funnel_breakdown: value of each step at this time */
	uint32		blocked[FO_MAX];	/* per slot: steps its chain may no longer reach */
	uint32		filled = 0;
	uint32		stepmask = o->nsteps == 32 ? ~0u : (1u << o->nsteps) - 1;
	uint32		condmask = o->nsteps + o->nexcl == 32 ? ~0u : (1u << (o->nsteps + o->nexcl)) - 1;
	bool		want_vals = o->textarg == FO_TEXT_VALUE;
	bool		started = false;
	int64		i = 0;

	res->level = 0;
	while (i < n && res->level < o->nsteps)
	{
		int64		t = ev[i].ts;
		uint32		u = 0;
		uint32		excl;

		if ((i & 0xFFFF) == 0)
			CHECK_FOR_INTERRUPTS();
		if (want_vals)
			memset(gv, 0xFF, sizeof(gv));
		for (; i < n && ev[i].ts == t; i++)
		{
			u |= ev[i].flags;
			/* the first value in byte order (labels are sorted), NULL after any */
			if (want_vals)
				for (uint32 f = ev[i].flags & stepmask; f != 0; f &= f - 1)
				{
					int			s = pg_rightmost_one_pos32(f);
					uint32		v = (ev[i].flags & FO_NULL_VALUE) ? FO_NO_VALUE : ev[i].aux;

					gv[s] = Min(gv[s], v);
				}
		}
		u &= condmask;
		for (uint32 rest = u & stepmask; rest != 0; rest &= rest - 1)
		{
			int			s = pg_rightmost_one_pos32(rest);

			if (s == 0)
			{
				if (o->first_time && started)
					continue;
				started = true;
				times[0][0] = t;
				if (want_vals)
					vals[0][0] = gv[0];
				blocked[0] = 0;
			}
			else if ((filled & (1u << (s - 1))) && !(blocked[s - 1] & (1u << s)) &&
					 fo_within(t, times[s - 1][0], o->window) &&
					 (o->gap[s] == 0 || fo_within(t, times[s - 1][s - 1], o->gap[s])))
			{
				memcpy(times[s], times[s - 1], s * sizeof(int64));
				times[s][s] = t;
				if (want_vals)
				{
					memcpy(vals[s], vals[s - 1], s * sizeof(uint32));
					vals[s][s] = gv[s];
				}
				blocked[s] = blocked[s - 1];
			}
			else
				continue;
			filled |= 1u << s;
			if (s + 1 > res->level)
			{
				res->level = s + 1;
				memcpy(res->times, times[s], (s + 1) * sizeof(int64));
				if (want_vals)
					memcpy(res->vals, vals[s], (s + 1) * sizeof(uint32));
				if (res->level == o->nsteps)
					break;
			}
		}
		excl = o->nsteps == 32 ? 0 : u >> o->nsteps;
		for (; excl != 0; excl &= excl - 1)
		{
			int			e = pg_rightmost_one_pos32(excl);

			for (int k = o->excl_from[e]; k < o->excl_to[e]; k++)
				if ((filled & (1u << k)) && times[k][o->excl_from[e]] < t)
					blocked[k] |= 1u << o->excl_to[e];
		}
	}
}

/*
 * fo_scan_unordered
 *		"order": "any": the most distinct steps with an event in one window
 *		[t0, t0 + window], t0 any event's time; the times reported are each
 *		step's first event in the earliest such window.
 */
static void
fo_scan_unordered(const FoOptions *o, const EngEvent *ev, int64 n, FoResult *res)
{
	int64		count[FO_MAX];
	int			distinct = 0;
	int64		right = 0;
	int64		left = 0;

	memset(count, 0, sizeof(count));
	res->level = 0;
	while (left < n && res->level < o->nsteps)
	{
		int64		t0 = ev[left].ts;

		CHECK_FOR_INTERRUPTS();
		for (; right < n && fo_within(ev[right].ts, t0, o->window); right++)
			for (uint32 f = ev[right].flags; f != 0; f &= f - 1)
				if (count[pg_rightmost_one_pos32(f)]++ == 0)
					distinct++;
		if (distinct > res->level)
		{
			res->level = distinct;
			for (int s = 0; s < o->nsteps; s++)
				res->times[s] = PG_INT64_MIN;
			for (int64 j = left; j < right; j++)
				for (uint32 f = ev[j].flags; f != 0; f &= f - 1)
					if (res->times[pg_rightmost_one_pos32(f)] == PG_INT64_MIN)
						res->times[pg_rightmost_one_pos32(f)] = ev[j].ts;
		}
		for (; left < n && ev[left].ts == t0; left++)
			for (uint32 f = ev[left].flags; f != 0; f &= f - 1)
				if (--count[pg_rightmost_one_pos32(f)] == 0)
					distinct--;
	}
}

/*
 * fo_scan
 *		The group's result: one scan, or in the keyed variant one scan per key
 *		(events bucketed by key, each bucket still in time order) keeping the
 *		deepest level, the first key in text order on ties.
 */
static void
fo_scan(const FoState *st, const EventBuffer *eb, FoResult *res)
{
	void		(*scan) (const FoOptions *, const EngEvent *, int64, FoResult *) =
		st->o.unordered ? fo_scan_unordered :
		st->o.optional ? fo_scan_optional : fo_scan_ordered;
	int64	   *start;
	EngEvent   *bucketed;
	FoResult	one;

	if (st->o.textarg != FO_TEXT_KEY || eb->nlabels <= 1)
	{
		scan(&st->o, eb->events, eb->nevents, res);
		return;
	}
	start = palloc0((eb->nlabels + 1) * sizeof(int64));
	bucketed = palloc(eb->nevents * sizeof(EngEvent));
	for (int64 i = 0; i < eb->nevents; i++)
		start[eb->events[i].aux + 1]++;
	for (int32 k = 0; k < eb->nlabels; k++)
		start[k + 1] += start[k];
	for (int64 i = 0; i < eb->nevents; i++)
		bucketed[start[eb->events[i].aux]++] = eb->events[i];
	res->level = 0;
	for (int32 k = 0, from = 0; k < eb->nlabels && (res->level < st->o.nsteps || st->o.optional); k++)
	{
		scan(&st->o, bucketed + from, start[k] - from, &one);
		if (one.level > res->level ||
			(st->o.optional && one.level == res->level &&
			 fo_optional_reached(&one) > fo_optional_reached(res)))
			*res = one;
		from = start[k];
	}
	pfree(start);
	pfree(bucketed);
}

/*
 * fo_final
 *		The state and sorted buffer of a final function and the scan's result;
 *		false for a group without any row with a timestamp.
 */
static bool
fo_final(FunctionCallInfo fcinfo, FoState **stp, FoResult *res)
{
	LOCAL_FCINFO(inner, 1);
	FoState    *st;
	EventBuffer *eb;

	(void) eng_agg_context(fcinfo, FO_FN);
	if (PG_ARGISNULL(0))
		return false;
	st = (FoState *) PG_GETARG_POINTER(0);
	if (!st->parsed)
		return false;
	fo_inner_call(fcinfo, inner, st->eb);
	eb = eb_final_state(inner, FO_FN);
	fo_scan(st, eb, res);
	*stp = st;
	return true;
}

/*
 * funnel_options_level_final(internal) -> integer
 *		window_funnel with options: the deepest step a chain reached.
 */
Datum
funnel_options_level_final(PG_FUNCTION_ARGS)
{
	FoState    *st;
	FoResult	res;

	if (!fo_final(fcinfo, &st, &res))
		PG_RETURN_NULL();
	PG_RETURN_INT32(res.level);
}

/*
 * funnel_options_times_final(internal) -> timestamptz[]
 *		funnel_times with options: one element per step, when the reported
 *		chain reached it; NULL for steps it did not reach.
 */
Datum
funnel_options_times_final(PG_FUNCTION_ARGS)
{
	FoState    *st;
	FoResult	res;
	Datum		elems[FO_MAX];
	bool		nulls[FO_MAX];
	int			nsteps;
	int			lbs = 1;

	if (!fo_final(fcinfo, &st, &res))
		PG_RETURN_NULL();
	nsteps = st->o.nsteps;
	for (int k = 0; k < nsteps; k++)
	{
		nulls[k] = st->o.unordered || st->o.optional ?
			(res.level == 0 || res.times[k] == PG_INT64_MIN) : k >= res.level;
		elems[k] = nulls[k] ? (Datum) 0 : TimestampTzGetDatum(res.times[k]);
	}
	PG_RETURN_ARRAYTYPE_P(construct_md_array(elems, nulls, 1, &nsteps, &lbs, TIMESTAMPTZOID,
											 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
}

/*
 * funnel_seconds(times timestamptz[], from_step int, to_step int) -> float8
 *		Seconds from step from_step to step to_step of a funnel_times array
 *		(1-based), NULL when either step was not reached: a per-customer number
 *		that percentile_cont, avg or width_bucket take directly.
 */
Datum
funnel_seconds(PG_FUNCTION_ARGS)
{
	ArrayType  *arr = PG_GETARG_ARRAYTYPE_P(0);
	int32		from = PG_GETARG_INT32(1);
	int32		to = PG_GETARG_INT32(2);
	Datum	   *elems;
	bool	   *nulls;
	int			n;

	if (ARR_NDIM(arr) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("funnel_seconds needs a one-dimensional array"),
				 errhint("Pass the result of funnel_times.")));
	deconstruct_array(arr, TIMESTAMPTZOID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE, &elems, &nulls, &n);
	if (n == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("funnel_seconds needs a non-empty array of step times"),
				 errhint("Pass the result of funnel_times, one element per step.")));
	if (from < 1 || to < 1 || from > n || to > n)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("funnel_seconds steps must be between 1 and %d, got %d and %d", n, from, to),
				 errhint("Number the steps from 1, as in funnel_times.")));
	if (nulls[from - 1] || nulls[to - 1])
		PG_RETURN_NULL();
	eng_check_finite_ts(DatumGetTimestampTz(elems[from - 1]), "funnel_seconds");
	eng_check_finite_ts(DatumGetTimestampTz(elems[to - 1]), "funnel_seconds");
	/* in 128 bits: the extreme finite timestamps are more than 2^63 microseconds apart */
	PG_RETURN_FLOAT8((double) ((int128) DatumGetTimestampTz(elems[to - 1]) -
							   DatumGetTimestampTz(elems[from - 1])) / USECS_PER_SEC);
}

/*
 * funnel_breakdown_final(internal) -> text
 *		The value credited to the group's funnel result: the value on the
 *		first step (first_touch), the deepest step (last_touch) or step k of the
 *		reported chain; NULL when no chain started, step k was not reached or
 *		the row's value was NULL.
 */
Datum
funnel_breakdown_final(PG_FUNCTION_ARGS)
{
	FoState    *st;
	FoResult	res;
	int			step;
	uint32		id;
	const EbLabel *l;

	if (!fo_final(fcinfo, &st, &res) || res.level == 0)
		PG_RETURN_NULL();
	step = st->o.attribution == FO_FIRST_TOUCH ? 0 :
		st->o.attribution == FO_LAST_TOUCH ? res.level - 1 : st->o.attribution - 1;
	if (step >= res.level)
		PG_RETURN_NULL();
	id = res.vals[step];
	if (id == FO_NO_VALUE)
		PG_RETURN_NULL();
	l = &st->eb->labels[id];
	PG_RETURN_TEXT_P(cstring_to_text_with_len(l->str, l->len));
}
