/*
 * sessions.c
 *		Sessions and time on site: the session_stats aggregate and the
 *		session_number window function.
 *
 * A customer's events, in timestamp order, are cut into sessions wherever the
 * time from one event to the next is greater than 'gap' (a gap of exactly
 * 'gap' keeps the session going).  A session's duration is its last event's
 * timestamp minus its first; a bounce is a one-event session; an engaged
 * session (GA4) lasts at least 'engaged_min' (default 10 seconds) or has at
 * least 'engaged_events' events (default 2).
 *
 * session_stats buffers (timestamp) events in the shared event buffer, so it is
 * parallel safe with the shared combine / serialize / deserialize functions and
 * independent of input order: the final function sorts, then walks once.
 */
#include "postgres.h"

#include <math.h>

#include "access/htup_details.h"
#include "funcapi.h"
#include "common/int.h"
#include "miscadmin.h"
#include "utils/timestamp.h"
#include "windowapi.h"

#include "engagement.h"
#include "event_buffer.h"

/* GA4 defaults of an engaged session: at least 10 seconds or at least 2 events */
#define SESSION_ENGAGED_MIN_USECS	(10 * USECS_PER_SEC)
#define SESSION_ENGAGED_EVENTS		2

/* the buffer parameters of one session_stats group */
enum
{
	SP_GAP,						/* gap in microseconds */
	SP_ENGAGED_MIN,				/* engaged duration threshold in microseconds */
	SP_ENGAGED_EVENTS,			/* engaged event-count threshold */
	SP_NPARAMS
};

/* number of fields of the session_summary composite */
#define SESSION_SUMMARY_NATTS 9

PG_FUNCTION_INFO_V1(session_stats_trans);
PG_FUNCTION_INFO_V1(session_stats_final);
PG_FUNCTION_INFO_V1(session_number);

/*
 * session_breaks
 *		True when 'ts' (not earlier than 'prev') starts a new session: the gap
 *		since 'prev' is greater than 'gap'.  Computed in 128 bits because two
 *		finite timestamps can be further apart than int64 microseconds allow.
 */
static inline bool
session_breaks(TimestampTz prev, TimestampTz ts, int64 gap)
{
	return (int128) ts - (int128) prev > (int128) gap;
}

/*
 * session_span
 *		last - first of a session or of all sessions, as microseconds; an
 *		error rather than a wrapped value if it does not fit an interval.
 */
static int64
session_span(int64 a, int64 b, bool add)
{
	int64		r;

	if (add ? pg_add_s64_overflow(a, b, &r) : pg_sub_s64_overflow(a, b, &r))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("session_stats duration out of range"),
				 errhint("The events of one group span more time than an interval can hold; group by a finer key.")));
	return r;
}

/*
 * session_gap_usecs
 *		The gap argument (argument 'argno') as positive microseconds; NULL is
 *		an error rather than a silent "no sessions", since it is a parameter.
 */
static int64
session_gap_usecs(FunctionCallInfo fcinfo, int argno, const char *fn)
{
	if (PG_ARGISNULL(argno))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("%s gap must not be NULL", fn),
				 errhint("Pass the longest inactivity that keeps a session going, for example '30 minutes'.")));
	return eng_interval_arg(fcinfo, argno, "session gap");
}

/*
 * session_stats_trans(internal, timestamptz, interval [, interval, integer])
 *		Transition: check the group's parameters (gap, and the engaged
 *		thresholds when given), then buffer the timestamp; NULL timestamps are
 *		skipped, infinite ones rejected.
 */
Datum
session_stats_trans(PG_FUNCTION_ARGS)
{
	EventBuffer *eb = eb_transition_state(fcinfo, "session_stats");
	int64		params[SP_NPARAMS];

	params[SP_GAP] = session_gap_usecs(fcinfo, 2, "session_stats");
	params[SP_ENGAGED_MIN] = SESSION_ENGAGED_MIN_USECS;
	params[SP_ENGAGED_EVENTS] = SESSION_ENGAGED_EVENTS;
	if (PG_NARGS() >= 5)
	{
		if (PG_ARGISNULL(3) || PG_ARGISNULL(4))
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("session_stats engaged thresholds must not be NULL"),
					 errhint("Pass both thresholds, for example '10 seconds' and 2 as GA4 does.")));
		params[SP_ENGAGED_MIN] = eng_interval_arg(fcinfo, 3, "session_stats engaged_min");
		params[SP_ENGAGED_EVENTS] = PG_GETARG_INT32(4);
		if (params[SP_ENGAGED_EVENTS] < 1)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("session_stats engaged_events must be at least 1, not " INT64_FORMAT,
							params[SP_ENGAGED_EVENTS]),
					 errhint("Pass the number of events that makes a session engaged, for example 2.")));
	}
	eb_set_params(eb, params, SP_NPARAMS, "session_stats");

	if (!PG_ARGISNULL(1))
	{
		TimestampTz ts = PG_GETARG_TIMESTAMPTZ(1);

		eng_check_finite_ts(ts, "session_stats");
		eb_append(eb, ts, 0, 0);
	}
	PG_RETURN_POINTER(eb);
}

/*
 * usecs_interval
 *		A duration in microseconds as an interval with only a time part, so
 *		that it never depends on calendar months or days.
 */
static Datum
usecs_interval(int64 us)
{
	Interval   *iv = palloc0(sizeof(Interval));

	iv->time = us;
	return IntervalPGetDatum(iv);
}

/*
 * session_stats_final(internal) -> session_summary
 *		Sort the buffered events and walk them once, closing a session at each
 *		gap greater than the group's gap.  NULL for a group without events.
 */
Datum
session_stats_final(PG_FUNCTION_ARGS)
{
	EventBuffer *eb = eb_final_state(fcinfo, "session_stats");
	TupleDesc	tupdesc;
	Datum		values[SESSION_SUMMARY_NATTS];
	bool		nulls[SESSION_SUMMARY_NATTS] = {false};
	int64		gap,
				engaged_min,
				engaged_events;
	int64		sessions = 0,
				bounces = 0,
				engaged = 0,
				total = 0;
	int64		first_start = 0,
				start = 0,
				in_session = 0;

	if (eb == NULL || eb->nevents == 0)
		PG_RETURN_NULL();
	if (eb->nparams != SP_NPARAMS)
		elog(ERROR, "session_stats: buffer has %d parameters, expected %d",
			 eb->nparams, SP_NPARAMS);
	gap = eb->params[SP_GAP];
	engaged_min = eb->params[SP_ENGAGED_MIN];
	engaged_events = eb->params[SP_ENGAGED_EVENTS];

	for (int64 i = 0; i <= eb->nevents; i++)
	{
		/* close the open session at a long gap and after the last event */
		if (i > 0 && (i == eb->nevents ||
					  session_breaks(eb->events[i - 1].ts, eb->events[i].ts, gap)))
		{
			int64		dur = session_span(eb->events[i - 1].ts, start, false);

			sessions++;
			total = session_span(total, dur, true);
			if (in_session == 1)
				bounces++;
			if (dur >= engaged_min || in_session >= engaged_events)
				engaged++;
			in_session = 0;
		}
		if (i == eb->nevents)
			break;
		if (in_session == 0)
		{
			start = eb->events[i].ts;
			if (i == 0)
				first_start = start;
		}
		in_session++;
		if ((i & 0xFFFF) == 0)
			CHECK_FOR_INTERRUPTS();
	}

	values[0] = Int64GetDatum(sessions);
	values[1] = Int64GetDatum(eb->nevents);
	values[2] = usecs_interval(total);
	/* total / sessions rounded as interval division does, so avg = total / sessions */
	values[3] = usecs_interval((int64) rint((double) total / (double) sessions));
	values[4] = Int64GetDatum(bounces);
	values[5] = Int64GetDatum(engaged);
	values[6] = TimestampTzGetDatum(eb->events[0].ts);
	values[7] = TimestampTzGetDatum(eb->events[eb->nevents - 1].ts);
	if (sessions > 1)
		values[8] = Float8GetDatum(((double) start - (double) first_start) / (double) USECS_PER_DAY /
								   (double) (sessions - 1));
	else
		nulls[8] = true;

	tupdesc = eb_result_tupdesc(fcinfo, "session_stats");
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}

/* what session_number keeps per partition (zeroed by WinGetPartitionLocalMemory) */
typedef struct SessionNumberState
{
	bool		seen;			/* a non-NULL ts has been seen */
	int64		next_pos;		/* partition position expected on the next call */
	int64		gap;			/* the partition's gap, from its first row */
	TimestampTz prev_ts;		/* last non-NULL ts */
	int64		session;		/* ordinal of the session prev_ts belongs to */
} SessionNumberState;

/*
 * session_number(timestamptz, interval) -> bigint, a window function
 *		The 1-based session ordinal of the current row within its partition,
 *		which must be ordered by ts ascending: a ts earlier than the previous
 *		row's is an error (22023), never a wrong number.  NULL ts gives NULL and
 *		neither starts nor ends a session.
 */
Datum
session_number(PG_FUNCTION_ARGS)
{
	WindowObject winobj = PG_WINDOW_OBJECT();
	SessionNumberState *st;
	int64		pos = WinGetCurrentPosition(winobj);
	Datum		d;
	bool		isnull;
	int64		gap;
	TimestampTz ts;

	st = (SessionNumberState *) WinGetPartitionLocalMemory(winobj, sizeof(SessionNumberState));
	if (pos != st->next_pos)
		elog(ERROR, "session_number: row " INT64_FORMAT " evaluated out of order (expected " INT64_FORMAT ")",
			 pos, st->next_pos);
	st->next_pos = pos + 1;

	d = WinGetFuncArgCurrent(winobj, 1, &isnull);
	if (isnull)
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("session_number gap must not be NULL"),
				 errhint("Pass the longest inactivity that keeps a session going, for example '30 minutes'.")));
	gap = eng_interval_usecs(DatumGetIntervalP(d), "session gap");
	if (pos == 0)
		st->gap = gap;
	else if (gap != st->gap)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("session_number gap must be the same on every row of a partition"),
				 errhint("Pass the gap as a constant, not a per-row expression.")));

	d = WinGetFuncArgCurrent(winobj, 0, &isnull);
	if (isnull)
		PG_RETURN_NULL();
	ts = DatumGetTimestampTz(d);
	eng_check_finite_ts(ts, "session_number");

	if (!st->seen)
	{
		st->seen = true;
		st->session = 1;
	}
	else if (ts < st->prev_ts)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("session_number requires its window to be ordered by ts ascending"),
				 errhint("Use session_number(ts, gap) OVER (PARTITION BY customer ORDER BY ts).")));
	else if (session_breaks(st->prev_ts, ts, gap))
		st->session++;
	st->prev_ts = ts;
	PG_RETURN_INT64(st->session);
}
