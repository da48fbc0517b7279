/*
 * funnel.c
 *		window_funnel and funnel_times: how far down an ordered funnel a group
 *		(usually one customer) got within a window, with ClickHouse windowFunnel
 *		semantics, and when each step of that best chain happened.
 *
 * Rows go into the shared event buffer as (timestamp, step bit set); the final
 * function sorts them by (timestamp, step set) and scans them once.  The scan
 * follows ClickHouse's per-entry rules in ClickHouse's order (an entry is one
 * (timestamp, step) pair; at one timestamp, steps are visited in increasing
 * order), keeping per step the latest-starting chain that reached it.  Two
 * places deliberately differ from ClickHouse's code and are documented in the
 * README: strict_increase keeps the chain a same-timestamp entry would have
 * overwritten (ClickHouse #52844), and strict_once matches rows to steps
 * exactly instead of enumerating every candidate chain, with rows of one
 * timestamp taken in step-set order rather than arrival order.
 */
#include "postgres.h"

#include <ctype.h>

#include "catalog/pg_type.h"
#include "common/int.h"
#include "port/pg_bitutils.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/timestamp.h"

#include "engagement.h"
#include "event_buffer.h"

#define FUNNEL_MAX_STEPS	ENG_MAX_CONDITIONS

/* mode bits */
#define FM_STRICT_ORDER		0x01
#define FM_STRICT_DEDUP		0x02
#define FM_STRICT_INCREASE	0x04
#define FM_STRICT_ONCE		0x08
#define FM_ALLOW_REENTRY	0x10
#define FM_ALL				0x1F

/* the group's constant parameters, stored in the event buffer header */
#define FP_WINDOW	0
#define FP_MODES	1
#define FP_NSTEPS	2
#define FP_COUNT	3

PG_FUNCTION_INFO_V1(window_funnel_trans);
PG_FUNCTION_INFO_V1(window_funnel_int_trans);
PG_FUNCTION_INFO_V1(window_funnel_steps_trans);
PG_FUNCTION_INFO_V1(window_funnel_mode_steps_trans);
PG_FUNCTION_INFO_V1(window_funnel_modes11_trans);
PG_FUNCTION_INFO_V1(window_funnel_int_modes11_trans);
PG_FUNCTION_INFO_V1(window_funnel_mode_steps11_trans);
PG_FUNCTION_INFO_V1(window_funnel_final);
PG_FUNCTION_INFO_V1(funnel_times_final);
PG_FUNCTION_INFO_V1(funnel_times_int_final);

static const struct
{
	const char *name;
	uint32		bit;
}			funnel_modes[] =
{
	{"strict_order", FM_STRICT_ORDER},
	{"strict_deduplication", FM_STRICT_DEDUP},
	{"strict_increase", FM_STRICT_INCREASE},
	{"strict_once", FM_STRICT_ONCE},
	{"allow_reentry", FM_ALLOW_REENTRY},	/* 1.1 symbols only (see parse_modes) */
};

#define FUNNEL_MODE_LIST_1_0 "strict_order, strict_deduplication, strict_increase, strict_once"
#define FUNNEL_MODE_LIST FUNNEL_MODE_LIST_1_0 ", allow_reentry"

/*
 * parse_modes
 *		Mode bits of a comma-separated list of mode names (spaces around names
 *		allowed; an empty or blank string is the default mode).  Runs once per
 *		group, on its first row.  allow_reentry exists from 1.1 on: the 1.0
 *		transition symbols (v11 false) keep rejecting it with the 1.0 message, so
 *		a 1.0 database answers exactly as 1.0 did.
 */
static uint32
parse_modes(text *mode, bool v11)
{
	char	   *str = text_to_cstring(mode);
	char	   *p = str;
	uint32		bits = 0;
	bool		blank = true;

	for (char *c = str; *c; c++)
		if (!isspace((unsigned char) *c))
			blank = false;
	if (blank)
		return 0;
	while (isspace((unsigned char) *p))
		p++;
	if (v11 && *p == '{')
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("window_funnel options in JSON must be passed as jsonb"),
				 errhint("Cast the options: '{...}'::jsonb (a plain string literal is taken as a mode list).")));
	for (;;)
	{
		char	   *comma = strchr(p, ',');
		char	   *end = comma ? comma : p + strlen(p);
		size_t		i;

		while (p < end && isspace((unsigned char) *p))
			p++;
		while (end > p && isspace((unsigned char) end[-1]))
			end--;
		*end = '\0';
		for (i = 0; i < lengthof(funnel_modes); i++)
			if (strcmp(p, funnel_modes[i].name) == 0)
				break;
		if (i < lengthof(funnel_modes) && (v11 || funnel_modes[i].bit != FM_ALLOW_REENTRY))
			bits |= funnel_modes[i].bit;
		else if (strcmp(p, "strict") == 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("window_funnel mode \"strict\" is called \"strict_deduplication\""),
					 v11 ? errhint("Valid modes: " FUNNEL_MODE_LIST ".") :
					 errhint("Valid modes: " FUNNEL_MODE_LIST_1_0 ".")));
		else
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("unknown window_funnel mode \"%s\"", p),
					 v11 ? errhint("Valid modes: " FUNNEL_MODE_LIST ", separated by commas.") :
					 errhint("Valid modes: " FUNNEL_MODE_LIST_1_0 ", separated by commas.")));
		if (!comma)
			break;
		p = comma + 1;
	}
	pfree(str);
	if ((bits & FM_ALLOW_REENTRY) && !(bits & FM_STRICT_ORDER))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("window_funnel mode allow_reentry requires strict_order"),
				 errhint("Pass 'strict_order, allow_reentry'.")));
	return bits;
}

/*
 * funnel_accumulate
 *		Shared body of the transition functions.  Arguments: state, window,
 *		[mode,] timestamp (argument tsarg: 2, or 3 with a mode), then the steps:
 *		one VARIADIC bool[] or, in the fixed-arity overloads, one bool argument
 *		per step (no array is built per row).  A NULL timestamp skips the row.
 *		Window and number of steps are checked on every row; the mode text is
 *		parsed on the group's first row only (it must be a constant); v11 admits
 *		the 1.1 modes.
 */
static Datum
funnel_accumulate(FunctionCallInfo fcinfo, bool int_clock, int tsarg, bool variadic, bool v11)
{
	int			steparg = tsarg + 1;
	EventBuffer *eb;
	int64		ts;
	int64		window;
	uint32		flags;
	int			nsteps;

	if (PG_ARGISNULL(tsarg))
	{
		(void) eng_agg_context(fcinfo, "window_funnel");
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_POINTER(PG_GETARG_POINTER(0));
	}
	if (variadic && PG_ARGISNULL(steparg))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("window_funnel steps must not be null"),
				 errhint("Pass one boolean condition per funnel step after the timestamp.")));
	eb = eb_transition_state(fcinfo, "window_funnel");
	ts = PG_GETARG_INT64(tsarg);
	if (!int_clock)
		eng_check_finite_ts((TimestampTz) ts, "window_funnel");
	if (variadic)
		flags = eng_condition_flags(PG_GETARG_ARRAYTYPE_P(steparg), "window_funnel", "steps",
									"Pass one boolean condition per funnel step after the timestamp.", &nsteps);
	else
		flags = eng_condition_args(fcinfo, steparg, &nsteps);

	if (PG_ARGISNULL(1) || (tsarg == 3 && PG_ARGISNULL(2)))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("window_funnel window and mode must not be null")));
	if (int_clock)
	{
		window = PG_GETARG_INT64(1);
		if (window <= 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("window must be positive"),
					 errhint("Pass the window in the same units as the timestamps, greater than zero.")));
	}
	else
		window = eng_interval_arg(fcinfo, 1, "window");

	if (eb->nparams < 0)
	{
		int64		params[FP_COUNT];

		params[FP_WINDOW] = window;
		params[FP_MODES] = tsarg == 3 ? parse_modes(PG_GETARG_TEXT_PP(2), v11) : 0;
		params[FP_NSTEPS] = nsteps;
		eb_set_params(eb, params, FP_COUNT, "window_funnel");
	}
	else if (eb->params[FP_NSTEPS] != nsteps || eb->params[FP_WINDOW] != window)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("window_funnel must get the same window and number of steps on every row"),
				 errhint("Pass the window and the steps as constants, not per-row expressions.")));

	if (flags != 0 || (eb->params[FP_MODES] & FM_STRICT_ORDER))
		eb_append(eb, ts, flags, 0);
	PG_RETURN_POINTER(eb);
}

/*
 * window_funnel_trans(internal, interval, [text,] timestamptz, bool[])
 *		Transition function of the timestamptz aggregates.
 */
Datum
window_funnel_trans(PG_FUNCTION_ARGS)
{
	return funnel_accumulate(fcinfo, false, PG_NARGS() - 2, true, false);
}

/*
 * window_funnel_int_trans(internal, bigint, [text,] bigint, bool[])
 *		Transition function of the bigint-clock aggregates (ClickHouse-style
 *		integer timestamps, window in the same units).
 */
Datum
window_funnel_int_trans(PG_FUNCTION_ARGS)
{
	return funnel_accumulate(fcinfo, true, PG_NARGS() - 2, true, false);
}

/*
 * window_funnel_steps_trans(internal, interval, timestamptz, bool, bool...)
 *		Transition function of the fixed-arity timestamptz aggregates without a
 *		mode (2 to 8 steps): the same as window_funnel_trans, minus the array.
 */
Datum
window_funnel_steps_trans(PG_FUNCTION_ARGS)
{
	return funnel_accumulate(fcinfo, false, 2, false, false);
}

/*
 * window_funnel_mode_steps_trans(internal, interval, text, timestamptz, bool, bool...)
 *		Transition function of the fixed-arity timestamptz aggregates with a
 *		mode (2 to 8 steps).
 */
Datum
window_funnel_mode_steps_trans(PG_FUNCTION_ARGS)
{
	return funnel_accumulate(fcinfo, false, 3, false, false);
}

/*
 * window_funnel_modes11_trans(internal, interval, text, timestamptz, bool[])
 *		Transition function of the 1.1 VARIADIC timestamptz aggregates with a
 *		mode: window_funnel_trans, also accepting the 1.1 mode allow_reentry.
 */
Datum
window_funnel_modes11_trans(PG_FUNCTION_ARGS)
{
	return funnel_accumulate(fcinfo, false, 3, true, true);
}

/*
 * window_funnel_int_modes11_trans(internal, bigint, text, bigint, bool[])
 *		The same for the bigint clock.
 */
Datum
window_funnel_int_modes11_trans(PG_FUNCTION_ARGS)
{
	return funnel_accumulate(fcinfo, true, 3, true, true);
}

/*
 * window_funnel_mode_steps11_trans(internal, interval, text, timestamptz, bool, bool...)
 *		Transition function of the 1.1 fixed-arity aggregates with a mode.
 */
Datum
window_funnel_mode_steps11_trans(PG_FUNCTION_ARGS)
{
	return funnel_accumulate(fcinfo, false, 3, false, true);
}

/*
 * FunnelScan
 *		Working state of one funnel evaluation over sorted events.  Slot s
 *		(step s+1) holds the latest-starting chain known to reach that step and,
 *		when times are wanted, that chain's step timestamps.
 */
typedef struct FunnelScan
{
	int			nsteps;
	uint32		modes;
	int64		window;
	bool		want_times;
	uint32		filled;			/* bit s: step s+1 reached */
	uint32		prev_filled;	/* 'filled' when the current timestamp began */
	uint32		saved;			/* slots whose pre-timestamp value is in prev_* */
	int64		start[FUNNEL_MAX_STEPS];
	int64		prev_start[FUNNEL_MAX_STEPS];
	int64		times[FUNNEL_MAX_STEPS][FUNNEL_MAX_STEPS];
	int64		prev_times[FUNNEL_MAX_STEPS][FUNNEL_MAX_STEPS];
	/* strict_once: rows of the current timestamp and a step/row matching */
	const EngEvent *group;
	int			grouplen;
	int		   *rows;			/* candidate rows (indexes into group) */
	int			nrows;
	int		   *row_step;		/* per candidate row: matched step or -1 */
	int		   *visit;			/* per candidate row: last augment stamp */
	int			stamp;
} FunnelScan;

/*
 * in_window
 *		Whether t lies within the window of a chain that started at 'start'
 *		(inclusive; a difference that overflows int64 is outside).
 */
static inline bool
in_window(const FunnelScan *sc, int64 t, int64 start)
{
	int64		d;

	if (pg_sub_s64_overflow(t, start, &d))
		return false;
	return d <= sc->window;
}

/*
 * funnel_level_of
 *		The highest step reached: the index of the highest filled slot.
 */
static inline int
funnel_level_of(uint32 filled)
{
	return filled == 0 ? 0 : pg_leftmost_one_pos32(filled) + 1;
}

/*
 * pre_start / pre_times
 *		Slot s as it was before the current timestamp, which is what a chain
 *		needs when it may not reuse anything from this timestamp
 *		(strict_increase) or from the same row (strict_once).
 */
static inline int64
pre_start(const FunnelScan *sc, int s)
{
	return (sc->saved & (1u << s)) ? sc->prev_start[s] : sc->start[s];
}

static inline const int64 *
pre_times(const FunnelScan *sc, int s)
{
	return (sc->saved & (1u << s)) ? sc->prev_times[s] : sc->times[s];
}

/*
 * set_slot
 *		Record that a chain starting at 'start' reaches step s+1 at time t: its
 *		first 'npre' step times come from 'pre' and steps npre..s all happen at t.
 *		In the modes that read pre-timestamp values, the old value is kept
 *		first.
 */
static void
set_slot(FunnelScan *sc, int s, int64 start, const int64 *pre, int npre, int64 t)
{
	uint32		bit = 1u << s;

	if ((sc->modes & (FM_STRICT_INCREASE | FM_STRICT_ONCE)) && !(sc->saved & bit))
	{
		sc->prev_start[s] = sc->start[s];
		if (sc->want_times)
			memcpy(sc->prev_times[s], sc->times[s], (s + 1) * sizeof(int64));
		sc->saved |= bit;
	}
	sc->start[s] = start;
	if (sc->want_times)
	{
		if (npre > 0)
			memcpy(sc->times[s], pre, npre * sizeof(int64));
		for (int k = npre; k <= s; k++)
			sc->times[s][k] = t;
	}
	sc->filled |= bit;
}

/*
 * augment
 *		One step of a bipartite matching between steps and the rows of the
 *		current timestamp (Kuhn's augmenting path): find a row for step a,
 *		moving earlier assignments if needed.
 */
static bool
augment(FunnelScan *sc, int a)
{
	for (int i = 0; i < sc->nrows; i++)
	{
		if (!(sc->group[sc->rows[i]].flags & (1u << a)) || sc->visit[i] == sc->stamp)
			continue;
		sc->visit[i] = sc->stamp;
		if (sc->row_step[i] < 0 || augment(sc, sc->row_step[i]))
		{
			sc->row_step[i] = a;
			return true;
		}
	}
	return false;
}

/*
 * extend_once
 *		strict_once: the best chain that reaches step s+1 with row r of the
 *		current timestamp.  The chain is a chain from an earlier timestamp that
 *		reached step a (a <= s), then steps a+1..s at this timestamp on distinct
 *		other rows, then row r.  Returns the chain's start (and a) or false.
 */
static bool
extend_once(FunnelScan *sc, int s, int r, int64 t, int64 *best, int *besta)
{
	bool		found = false;
	int			prevmask_row = -1;
	int			copies = 0;

	if ((sc->prev_filled & (1u << (s - 1))) && in_window(sc, t, pre_start(sc, s - 1)))
	{
		*best = pre_start(sc, s - 1);
		*besta = s;
		found = true;
	}
	if (sc->grouplen < 2 || (sc->modes & FM_STRICT_INCREASE))
		return found;

	/* the other rows of this timestamp, at most 32 of each step set */
	sc->nrows = 0;
	for (int i = 0; i < sc->grouplen; i++)
	{
		if (i == r)
			continue;
		if (prevmask_row >= 0 && sc->group[i].flags == sc->group[prevmask_row].flags)
		{
			if (++copies > FUNNEL_MAX_STEPS)
				continue;
		}
		else
			copies = 1;
		prevmask_row = i;
		sc->row_step[sc->nrows] = -1;
		sc->visit[sc->nrows] = 0;
		sc->rows[sc->nrows++] = i;
	}
	for (int a = s - 1; a >= 0; a--)
	{
		int64		cand;

		sc->stamp++;
		if (!augment(sc, a))
			break;
		if (a == 0)
			cand = t;
		else if ((sc->prev_filled & (1u << (a - 1))) && in_window(sc, t, pre_start(sc, a - 1)))
			cand = pre_start(sc, a - 1);
		else
			continue;
		if (!found || cand > *best)
		{
			*best = cand;
			*besta = a;
			found = true;
		}
	}
	return found;
}

/*
 * funnel_entry
 *		Process one (timestamp, step) entry, ClickHouse's per-entry rules in
 *		their order.  Returns -1 to go on, or the level at which the scan stops.
 */
static int
funnel_entry(FunnelScan *sc, int s, int r, int64 t)
{
	uint32		bit = 1u << s;
	int64		start = 0;
	const int64 *pre;
	int			a = 0;

	if (s == 0)
	{
		if (!(sc->filled & 1) || t > sc->start[0])
			set_slot(sc, 0, t, NULL, 0, t);
		return -1;
	}
	if ((sc->modes & FM_STRICT_DEDUP) && (sc->filled & bit))
		return funnel_level_of(sc->filled);
	if ((sc->modes & FM_STRICT_ORDER) && (sc->filled & 1) && !(sc->filled & (bit >> 1)))
		return (sc->modes & FM_ALLOW_REENTRY) ? -1 : funnel_level_of(sc->filled);

	if (sc->modes & (FM_STRICT_ONCE | FM_STRICT_INCREASE))
	{
		if (!extend_once(sc, s, r, t, &start, &a))
			return -1;
		pre = a > 0 ? pre_times(sc, a - 1) : NULL;
	}
	else
	{
		if (!(sc->filled & (bit >> 1)) || !in_window(sc, t, sc->start[s - 1]))
			return -1;
		start = sc->start[s - 1];
		pre = sc->times[s - 1];
		a = s;
	}
	if (!(sc->filled & bit) || start > sc->start[s])
		set_slot(sc, s, start, pre, a, t);
	if (s == sc->nsteps - 1)
		return sc->nsteps;
	return -1;
}

/*
 * funnel_scan
 *		Level reached by the sorted events of a buffer (0..nsteps); when times
 *		is not NULL, fills times[0 .. level) with the step times of the chain
 *		that reached it.  Events are taken one timestamp at a time.
 */
static int
funnel_scan(const EventBuffer *eb, int64 *times)
{
	FunnelScan	sc;
	const EngEvent *ev = eb->events;
	int64		n = eb->nevents;
	uint32		modes = (uint32) eb->params[FP_MODES];
	int			nsteps = (int) eb->params[FP_NSTEPS];
	uint32		stepmask = nsteps == ENG_MAX_CONDITIONS ? ~0u : (1u << nsteps) - 1;
	int			level = -1;
	int			cap = 0;
	int64		i = 0;

	sc.nsteps = nsteps;
	sc.modes = modes;
	sc.window = eb->params[FP_WINDOW];
	sc.want_times = times != NULL;
	sc.filled = 0;
	sc.stamp = 0;
	sc.rows = sc.row_step = sc.visit = NULL;

	while (i < n && level < 0)
	{
		int64		t = ev[i].ts;
		int64		j = i;
		uint32		u = 0;
		bool		marker = false;

		CHECK_FOR_INTERRUPTS();
		for (; j < n && ev[j].ts == t; j++)
		{
			uint32		f = ev[j].flags & stepmask;

			u |= f;
			marker |= (f == 0);
		}
		if ((modes & FM_STRICT_ORDER) && marker && (sc.filled & 1))
			level = funnel_level_of(sc.filled);
		else if (u != 0)
		{
			sc.prev_filled = sc.filled;
			sc.saved = 0;
			sc.group = ev + i;
			sc.grouplen = (int) (j - i);
			if ((modes & FM_STRICT_ONCE) && sc.grouplen > cap)
			{
				if (cap > 0)
				{
					pfree(sc.rows);
					pfree(sc.row_step);
					pfree(sc.visit);
				}
				cap = sc.grouplen;
				sc.rows = palloc(cap * sizeof(int));
				sc.row_step = palloc(cap * sizeof(int));
				sc.visit = palloc(cap * sizeof(int));
			}
			for (uint32 rest = u; rest != 0 && level < 0; rest &= rest - 1)
			{
				int			s = pg_rightmost_one_pos32(rest);

				if (!(modes & (FM_STRICT_ONCE | FM_STRICT_DEDUP)))
					level = funnel_entry(&sc, s, 0, t);
				else
					for (int r = 0; r < sc.grouplen && level < 0; r++)
						if (ev[i + r].flags & (1u << s))
							level = funnel_entry(&sc, s, r, t);
			}
		}
		i = j;
	}
	if (level < 0)
		level = funnel_level_of(sc.filled);
	if (times && level > 0)
		memcpy(times, sc.times[level - 1], level * sizeof(int64));
	if (cap > 0)
	{
		pfree(sc.rows);
		pfree(sc.row_step);
		pfree(sc.visit);
	}
	return level;
}

/*
 * funnel_state
 *		The sorted buffer of a final function with its parameters checked (a
 *		buffer rebuilt from a parallel worker's bytes is not trusted); NULL when
 *		the group had no row with a timestamp.
 */
static EventBuffer *
funnel_state(FunctionCallInfo fcinfo)
{
	EventBuffer *eb = eb_final_state(fcinfo, "window_funnel");

	if (eb == NULL || eb->nparams < 0)
		return NULL;
	if (eb->nparams != FP_COUNT || eb->params[FP_WINDOW] <= 0 ||
		(eb->params[FP_MODES] & ~(int64) FM_ALL) != 0 ||
		eb->params[FP_NSTEPS] < 1 || eb->params[FP_NSTEPS] > FUNNEL_MAX_STEPS)
		eng_forged_state("window_funnel", "its parameters are out of range");
	return eb;
}

/*
 * window_funnel_final(internal) -> int
 *		The highest step reached (0 when step 1 never happened).
 */
Datum
window_funnel_final(PG_FUNCTION_ARGS)
{
	EventBuffer *eb = funnel_state(fcinfo);

	if (eb == NULL)
		PG_RETURN_NULL();
	PG_RETURN_INT32(funnel_scan(eb, NULL));
}

/*
 * funnel_times_array
 *		One element per step: when the best chain reached it, NULL past the
 *		level reached.  elemtype is timestamptz or bigint (both int64).
 */
static Datum
funnel_times_array(FunctionCallInfo fcinfo, Oid elemtype)
{
	EventBuffer *eb = funnel_state(fcinfo);
	int64		times[FUNNEL_MAX_STEPS];
	Datum		elems[FUNNEL_MAX_STEPS];
	bool		nulls[FUNNEL_MAX_STEPS];
	int			nsteps;
	int			level;
	int			lbs = 1;

	if (eb == NULL)
		PG_RETURN_NULL();
	nsteps = (int) eb->params[FP_NSTEPS];
	level = funnel_scan(eb, times);
	for (int k = 0; k < nsteps; k++)
	{
		nulls[k] = k >= level;
		elems[k] = nulls[k] ? (Datum) 0 : Int64GetDatum(times[k]);
	}
	PG_RETURN_ARRAYTYPE_P(construct_md_array(elems, nulls, 1, &nsteps, &lbs,
											 elemtype, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
}

/*
 * funnel_times_final(internal) -> timestamptz[]
 *		Final function of funnel_times over timestamptz.
 */
Datum
funnel_times_final(PG_FUNCTION_ARGS)
{
	return funnel_times_array(fcinfo, TIMESTAMPTZOID);
}

/*
 * funnel_times_int_final(internal) -> bigint[]
 *		Final function of funnel_times over bigint timestamps.
 */
Datum
funnel_times_int_final(PG_FUNCTION_ARGS)
{
	return funnel_times_array(fcinfo, INT8OID);
}
