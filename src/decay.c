/*
 * decay.c
 *		Engagement score: the sum of event weights, each decayed by a half-life
 *		to an as-of time,
 *
 *			score(as_of) = sum of weight * 2^(-(as_of - ts) / half_life),
 *
 *		as a one-step aggregate (engagement_score) and as a small mergeable state
 *		(decay_state) that daily materialized views store and roll up.
 *
 * Numerical design of decay_state.  A state cannot know the as-of time, so it
 * keeps its sum relative to a reference time R and score() multiplies by
 * 2^(-(as_of - R) / half_life) at the end.  R is the first multiple of the
 * half-life (counted from the PostgreSQL epoch) at or after the latest event:
 * every stored exponent is <= 0, so nothing overflows however many years the
 * events span, and moving R from one multiple to a later one multiplies the
 * sum by an exact power of two (ldexp), so rescaling on a new latest event or
 * on a merge of states years apart loses nothing.  Sums use Neumaier's
 * compensated addition, so the result does not depend (beyond ~1e-15
 * relative) on the order in which rows or partial states arrive.
 *
 * Events after as_of: engagement_score() knows as_of on every row and leaves
 * later events out (the score as it stood at as_of).  A decay_state has
 * already summed its events, so score(state, as_of) with an as_of earlier than
 * the state's latest event is an error rather than a wrong number.
 *
 * Range: both forms raise 22003 for a score beyond float8.  A decay_state also
 * raises it (in decay_agg and rollup) for a sum beyond float8 at its reference
 * time, which is at most one half-life after the latest event, even when a much
 * later as_of would decay the sum back into range; engagement_score, which
 * decays every row to as_of directly, returns that score.  The aggregates' own
 * transition state (DecayAcc) carries a partial sum beyond float8 at a later
 * reference, so whether they raise depends on the rows only, not on their
 * order or the plan.  Only sums near the top of the float8 range (about
 * 1.8e308) reach either limit.
 */
#include "postgres.h"

#include <math.h>

#include "fmgr.h"
#include "libpq/pqformat.h"
#include "utils/timestamp.h"

#include "engagement.h"

/*
 * A compensated sum of decayed weights (value = sum + correction), the
 * half-life it was built with and the number of events in it.  In a
 * decay_state the sum is relative to the reference time of 'latest' (see the
 * file header); in an engagement_score_state it is relative to 'as_of'.
 */
typedef struct DecayState
{
	EngStateHeader hdr;			/* varlena length and layout version */
	int64		half_life_us;
	int64		events;
	TimestampTz latest;			/* latest event (decay_state) or the as-of time */
	double		sum;
	double		correction;
} DecayState;

/* the stored layout of version 1 (INTERNALLENGTH VARIABLE, ALIGNMENT double) */
StaticAssertDecl(sizeof(DecayState) == 48, "decay_state layout changed: give it a new format version");

static void decay_validate(const void *state);

static const EngField decay_fields[] = {
	{"half_life_us", ENG_F_INT64, offsetof(DecayState, half_life_us)},
	{"events", ENG_F_INT64, offsetof(DecayState, events)},
	{"latest", ENG_F_TIMESTAMPTZ, offsetof(DecayState, latest)},
	{"sum", ENG_F_FLOAT8, offsetof(DecayState, sum)},
	{"correction", ENG_F_FLOAT8, offsetof(DecayState, correction)},
};

static const EngStateDesc decay_desc = {
	"decay_state", ENG_STATE_FORMAT, sizeof(DecayState), lengthof(decay_fields), decay_fields, decay_validate
};

static const EngField score_fields[] = {
	{"half_life_us", ENG_F_INT64, offsetof(DecayState, half_life_us)},
	{"events", ENG_F_INT64, offsetof(DecayState, events)},
	{"as_of", ENG_F_TIMESTAMPTZ, offsetof(DecayState, latest)},
	{"sum", ENG_F_FLOAT8, offsetof(DecayState, sum)},
	{"correction", ENG_F_FLOAT8, offsetof(DecayState, correction)},
};

static const EngStateDesc score_desc = {
	"engagement_score_state", ENG_STATE_FORMAT, sizeof(DecayState), lengthof(score_fields), score_fields, decay_validate
};

ENG_STATE_IO_FUNCS(decay_state, decay_desc);
ENG_STATE_IO_FUNCS(engagement_score_state, score_desc);

PG_FUNCTION_INFO_V1(decay_score);
PG_FUNCTION_INFO_V1(decay_events);
PG_FUNCTION_INFO_V1(decay_latest);
PG_FUNCTION_INFO_V1(decay_half_life);
PG_FUNCTION_INFO_V1(engagement_score_trans);
PG_FUNCTION_INFO_V1(engagement_score_combine);
PG_FUNCTION_INFO_V1(engagement_score_final);

/* exponents beyond this many half-lives give 2^-x == 0 in double precision */
#define DECAY_MAX_SHIFT 2200

/*
 * decay_validate
 *		A stored state must be one the aggregates could have produced: a
 *		positive half-life, a non-negative event count, a finite non-negative
 *		sum with a correction smaller than it (and a finite sum of the two),
 *		and nothing summed if no events.
 */
static void
decay_validate(const void *state)
{
	const DecayState *s = state;
	const char *why = NULL;

	if (s->half_life_us <= 0)
		why = "half_life_us must be positive";
	else if (s->events < 0)
		why = "events must not be negative";
	else if (isnan(s->sum) || isinf(s->sum) || s->sum < 0 ||
			 isnan(s->correction) || fabs(s->correction) > s->sum)
		why = "sum must be finite and non-negative, with a smaller correction";
	else if (isinf(s->sum + s->correction))
		why = "sum + correction must be finite";
	else if (s->events == 0 && (s->sum != 0 || s->correction != 0))
		why = "a state without events must have a zero sum";
	if (why)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid decay state value: %s", why),
				 errhint("Build decay states with decay_agg() and rollup() rather than by hand.")));
}

/*
 * decay_exponent
 *		(later - earlier) / half_life as a double, the difference taken exactly
 *		in 128-bit integers so that neither a far-away reference time nor a
 *		one-microsecond half-life loses precision.  A difference that fits in
 *		64 bits (every realistic one) converts through int64, which is much
 *		cheaper than a 128-bit conversion and gives the same double.
 */
static inline double
decay_exponent(int128 later, int128 earlier, int64 half_life_us)
{
	int128		d = later - earlier;

	if (likely(d >= PG_INT64_MIN && d <= PG_INT64_MAX))
		return (double) (int64) d / (double) half_life_us;
	return (double) d / (double) half_life_us;
}

/*
 * reference_index
 *		k such that k * half_life is the first multiple of the half-life at or
 *		after ts (the reference time of a state whose latest event is ts).
 */
static int64
reference_index(TimestampTz ts, int64 half_life_us)
{
	int64		k = ts / half_life_us;

	if (ts % half_life_us > 0)
		k++;
	return k;
}

/*
 * score_out_of_range
 *		The error of compensated_add, out of line (the addition runs per row).
 */
pg_noreturn static void
score_out_of_range(void)
{
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("engagement score is out of range for type double precision"),
			 errhint("Scale the weights down, for example divide them by 1e6.")));
}

/*
 * compensated_add
 *		Neumaier's compensated addition of x to (sum, correction); raises 22003
 *		if the sum leaves the range of float8.
 */
static inline void
compensated_add(DecayState *s, double x)
{
	double		t = s->sum + x;

	if (unlikely(isinf(t)))
		score_out_of_range();
	if (fabs(s->sum) >= fabs(x))
		s->correction += (s->sum - t) + x;
	else
		s->correction += (x - t) + s->sum;
	s->sum = t;
}

/*
 * state_value
 *		The compensated sum of a state, sum + correction; 22003 if the two add
 *		up past the range of float8 (never a state's value as input, which
 *		decay_validate checks, but possible after merges at the very top).
 */
static double
state_value(const DecayState *s)
{
	double		v = s->sum + s->correction;

	if (unlikely(isinf(v)))
		score_out_of_range();
	return v;
}

/*
 * require_arg
 *		A parameter argument (half-life, as-of time) must not be NULL.
 */
static void
require_arg(FunctionCallInfo fcinfo, int argno, const char *fn, const char *what)
{
	if (PG_ARGISNULL(argno))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("%s %s must not be NULL", fn, what),
				 errhint("Pass a constant, for example '7 days' for a half-life.")));
}

/*
 * check_event
 *		Validate one row's arguments (fcinfo args 1..3 are ts, weight,
 *		half_life) and return the half-life in microseconds; *skip is set when
 *		the row has a NULL ts or weight and is left out, *weight to the weight
 *		(declared float8, integer or numeric) otherwise.
 */
static int64
check_event(FunctionCallInfo fcinfo, const char *fn, bool *skip, double *weight)
{
	int64		half_life_us;

	require_arg(fcinfo, 3, fn, "half_life");
	half_life_us = eng_interval_arg(fcinfo, 3, "half_life");
	*skip = PG_ARGISNULL(1) || PG_ARGISNULL(2);
	if (!PG_ARGISNULL(1))
		eng_check_finite_ts(PG_GETARG_TIMESTAMPTZ(1), fn);
	if (!PG_ARGISNULL(2))
	{
		double		w = eng_arg_float8(fcinfo, 2);

		*weight = w;
		eng_check_finite_float(w, "weight");
		if (w < 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("weight must not be negative, not %g", w),
					 errhint("Engagement weights are non-negative; filter the rows out or use greatest(weight, 0).")));
	}
	return half_life_us;
}

/*
 * set_half_life
 *		The half-life of a state is fixed by its first row: later rows must
 *		repeat it.
 */
static void
set_half_life(DecayState *s, int64 half_life_us, const char *fn)
{
	if (s->half_life_us == 0)
		s->half_life_us = half_life_us;
	else if (s->half_life_us != half_life_us)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s half_life must be the same on every row of a group", fn),
				 errhint("Pass the half-life as a constant, for example '30 days'.")));
}

/*
 * DecayAcc
 *		The transition state of decay_agg and rollup(decay_state): a decay state
 *		whose sum may be held relative to a reference 'excess' half-lives after
 *		the reference of its latest event.  A sum that would pass the float8
 *		range is moved to a later reference (an exact power-of-two rescale)
 *		rather than refused, and moving to a later latest event uses up the
 *		excess first; so every row and partial state enters exactly, in any
 *		order and under any plan, and only the final state (excess 0) must fit.
 */
typedef struct DecayAcc
{
	DecayState	s;				/* sum relative to reference index ref(latest) + excess */
	int64		excess;			/* >= 0; 0 in a decay_state */
} DecayAcc;

/* half-lives a sum is moved by when it would overflow: 2^63 events of at most 2^1024 fit after it */
#define DECAY_OVERFLOW_SHIFT 64
#define DECAY_SERIAL_FORMAT 1
#define DECAY_SERIAL_SIZE (1 + 8 * 6)

/*
 * acc_scale_down
 *		Multiply the sum of an accumulator by 2^-n (n >= 0, exact but for
 *		underflow), for a move of its reference n half-lives later.
 */
static void
acc_scale_down(DecayAcc *a, int128 n)
{
	int			k = n > DECAY_MAX_SHIFT ? DECAY_MAX_SHIFT : (int) n;

	a->s.sum = ldexp(a->s.sum, -k);
	a->s.correction = ldexp(a->s.correction, -k);
}

/*
 * acc_add_value
 *		Add x (relative to the accumulator's reference) to its sum; when the
 *		sum would pass the float8 range, move the reference later first.
 */
static void
acc_add_value(DecayAcc *a, double x)
{
	if (unlikely(isinf(a->s.sum + x)))
	{
		acc_scale_down(a, DECAY_OVERFLOW_SHIFT);
		x = ldexp(x, -DECAY_OVERFLOW_SHIFT);
		a->excess += DECAY_OVERFLOW_SHIFT;
	}
	compensated_add(&a->s, x);
}

/*
 * acc_move_latest
 *		A later latest event ts: its reference is n half-lives after the old
 *		one; the excess absorbs what it can, the sum is rescaled for the rest.
 */
static void
acc_move_latest(DecayAcc *a, TimestampTz ts)
{
	int128		n = (int128) reference_index(ts, a->s.half_life_us) -
		reference_index(a->s.latest, a->s.half_life_us);

	if (n <= a->excess)
		a->excess -= (int64) n;
	else
	{
		acc_scale_down(a, n - a->excess);
		a->excess = 0;
	}
	a->s.latest = ts;
}

/*
 * acc_reference
 *		The reference index of an accumulator's sum: that of its latest event
 *		plus its excess.
 */
static inline int128
acc_reference(const DecayAcc *a)
{
	return (int128) reference_index(a->s.latest, a->s.half_life_us) + a->excess;
}

/*
 * acc_merge
 *		Fold src into dst (both of the same half-life, else an error): dst
 *		moves to the later latest event and to the later of the two references,
 *		then src's sum is added relative to it.
 */
static void
acc_merge(DecayAcc *dst, const DecayAcc *src)
{
	int64		h = dst->s.half_life_us;
	int128		kd,
				ks;

	if (h != src->s.half_life_us)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot roll up decay states with different half-lives (" INT64_FORMAT " and " INT64_FORMAT " microseconds)",
						Min(h, src->s.half_life_us), Max(h, src->s.half_life_us)),
				 errhint("Build every state that is rolled up together with the same half_life.")));
	if (src->s.events == 0)
		return;
	if (dst->s.events == 0)
	{
		*dst = *src;
		return;
	}
	dst->s.events = eng_add_count(dst->s.events, src->s.events, "decay_state event count");
	ks = acc_reference(src);
	if (src->s.latest > dst->s.latest)
		acc_move_latest(dst, src->s.latest);
	kd = acc_reference(dst);
	if (ks > kd)
	{
		acc_scale_down(dst, ks - kd);
		dst->excess += (int64) (ks - kd);
	}
	acc_add_value(dst, ldexp(src->s.sum, -(int) Min(acc_reference(dst) - ks, DECAY_MAX_SHIFT)));
	acc_add_value(dst, ldexp(src->s.correction, -(int) Min(acc_reference(dst) - ks, DECAY_MAX_SHIFT)));
}

/*
 * acc_new
 *		An accumulator in the aggregate context: a copy of state s (excess 0),
 *		or an empty one (half-life 0, set by the first row) when s is NULL.
 */
static DecayAcc *
acc_new(MemoryContext aggctx, const DecayState *s)
{
	DecayAcc   *a = MemoryContextAllocZero(aggctx, sizeof(DecayAcc));

	if (s)
		a->s = *s;
	return a;
}

PG_FUNCTION_INFO_V1(decay_agg_trans);
PG_FUNCTION_INFO_V1(decay_rollup_trans);
PG_FUNCTION_INFO_V1(decay_acc_combine);
PG_FUNCTION_INFO_V1(decay_acc_serialize);
PG_FUNCTION_INFO_V1(decay_acc_deserialize);
PG_FUNCTION_INFO_V1(decay_acc_final);

/*
 * decay_agg_trans(internal, ts, weight, half_life) -> internal
 *		Transition of decay_agg: add weight decayed to the accumulator's
 *		reference, moving the reference first when the event is later than
 *		every event seen so far.  Rows with a NULL ts or weight are skipped.
 */
Datum
decay_agg_trans(PG_FUNCTION_ARGS)
{
	DecayAcc   *a;
	bool		skip;
	double		weight = 0;
	int64		h = check_event(fcinfo, "decay_agg", &skip, &weight);
	TimestampTz ts;
	int64		ref;

	if (skip)
	{
		(void) eng_agg_context(fcinfo, "decay_agg");
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_POINTER(PG_GETARG_POINTER(0));
	}
	ts = PG_GETARG_TIMESTAMPTZ(1);
	a = eng_existing_agg_state(fcinfo);
	if (a == NULL)
		a = PG_ARGISNULL(0) ? acc_new(eng_agg_context(fcinfo, "decay_agg"), NULL)
			: (DecayAcc *) PG_GETARG_POINTER(0);
	set_half_life(&a->s, h, "decay_agg");
	if (a->s.events == 0)
		a->s.latest = ts;
	else if (ts > a->s.latest)
		acc_move_latest(a, ts);
	ref = reference_index(a->s.latest, h);
	acc_add_value(a, ldexp(weight *
						   exp2(-decay_exponent((int128) ref * h, ts, h)),
						   -(int) Min(a->excess, DECAY_MAX_SHIFT)));
	a->s.events = eng_add_count(a->s.events, 1, "decay_state event count");
	PG_RETURN_POINTER(a);
}

/*
 * decay_rollup_trans(internal, decay_state) -> internal
 *		Transition of rollup(decay_state): fold in one stored state; NULL
 *		states are skipped.
 */
Datum
decay_rollup_trans(PG_FUNCTION_ARGS)
{
	MemoryContext aggctx = eng_agg_context(fcinfo, "rollup(decay_state)");
	DecayAcc	src;

	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_POINTER(PG_GETARG_POINTER(0));
	}
	if (PG_ARGISNULL(0))
		PG_RETURN_POINTER(acc_new(aggctx, (DecayState *) eng_state_arg(fcinfo, 1, &decay_desc)));
	src.s = *(DecayState *) eng_state_arg(fcinfo, 1, &decay_desc);
	src.excess = 0;
	acc_merge((DecayAcc *) PG_GETARG_POINTER(0), &src);
	PG_RETURN_POINTER(PG_GETARG_POINTER(0));
}

/*
 * decay_acc_combine(internal, internal) -> internal
 *		Combine function of both aggregates; a NULL side means "no rows".
 */
Datum
decay_acc_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggctx = eng_agg_context(fcinfo, "decay_acc_combine");

	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_POINTER(PG_GETARG_POINTER(0));
	}
	if (PG_ARGISNULL(0))
	{
		DecayAcc   *a = acc_new(aggctx, NULL);

		*a = *(DecayAcc *) PG_GETARG_POINTER(1);
		PG_RETURN_POINTER(a);
	}
	acc_merge((DecayAcc *) PG_GETARG_POINTER(0), (DecayAcc *) PG_GETARG_POINTER(1));
	PG_RETURN_POINTER(PG_GETARG_POINTER(0));
}

/*
 * decay_acc_serialize(internal) -> bytea
 *		Portable form for parallel query: format byte, then half-life, events,
 *		latest, sum, correction and excess, each 8 bytes in network order.
 */
Datum
decay_acc_serialize(PG_FUNCTION_ARGS)
{
	DecayAcc   *a;
	StringInfoData buf;

	(void) eng_agg_context(fcinfo, "decay_acc_serialize");
	a = (DecayAcc *) PG_GETARG_POINTER(0);
	pq_begintypsend(&buf);
	pq_sendbyte(&buf, DECAY_SERIAL_FORMAT);
	pq_sendint64(&buf, a->s.half_life_us);
	pq_sendint64(&buf, a->s.events);
	pq_sendint64(&buf, a->s.latest);
	pq_sendfloat8(&buf, a->s.sum);
	pq_sendfloat8(&buf, a->s.correction);
	pq_sendint64(&buf, a->excess);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/*
 * decay_acc_deserialize(bytea, internal) -> internal
 *		Rebuild an accumulator, checking the length, the format byte and that
 *		its values are those of a valid state with a bounded excess.
 */
Datum
decay_acc_deserialize(PG_FUNCTION_ARGS)
{
	MemoryContext aggctx = eng_agg_context(fcinfo, "decay_acc_deserialize");
	StringInfoData buf;
	DecayAcc   *a = acc_new(aggctx, NULL);

	eng_state_reader(PG_GETARG_BYTEA_PP(0), &buf);
	if (buf.len != DECAY_SERIAL_SIZE)
		eng_corrupt_state("decay aggregate state", "wrong length");
	if (pq_getmsgbyte(&buf) != DECAY_SERIAL_FORMAT)
		eng_corrupt_state("decay aggregate state", "unknown format version");
	a->s.half_life_us = pq_getmsgint64(&buf);
	a->s.events = pq_getmsgint64(&buf);
	a->s.latest = pq_getmsgint64(&buf);
	a->s.sum = pq_getmsgfloat8(&buf);
	a->s.correction = pq_getmsgfloat8(&buf);
	a->excess = pq_getmsgint64(&buf);
	if (a->excess < 0 || a->excess > 64 * DECAY_OVERFLOW_SHIFT ||
		!IS_VALID_TIMESTAMP(a->s.latest))
		eng_corrupt_state("decay aggregate state", "values out of range");
	decay_validate(&a->s);
	PG_RETURN_POINTER(a);
}

/*
 * decay_acc_final(internal) -> decay_state
 *		The state of decay_agg and rollup: the sum moved back to the reference
 *		of the latest event, where a decay_state keeps it; 22003 if it does not
 *		fit there.  NULL for a group without rows.
 */
Datum
decay_acc_final(PG_FUNCTION_ARGS)
{
	DecayAcc   *a;
	DecayState *res;

	(void) eng_agg_context(fcinfo, "decay_acc_final");
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	a = (DecayAcc *) PG_GETARG_POINTER(0);
	res = palloc(sizeof(DecayState));
	*res = a->s;
	eng_state_stamp(&decay_desc, res);
	res->sum = ldexp(res->sum, (int) a->excess);
	res->correction = ldexp(res->correction, (int) a->excess);
	(void) state_value(res);
	PG_RETURN_POINTER(res);
}

/*
 * decay_score(decay_state, as_of) -> float8
 *		The engagement score at as_of.  as_of must not be earlier than the
 *		state's latest event: the state cannot take back what it summed.  A
 *		score beyond the float8 range raises 22003, as in engagement_score.
 */
Datum
decay_score(PG_FUNCTION_ARGS)
{
	DecayState *s = (DecayState *) eng_state_arg(fcinfo, 0, &decay_desc);
	TimestampTz as_of = PG_GETARG_TIMESTAMPTZ(1);
	int64		ref;
	double		score;

	eng_check_finite_ts(as_of, "score");
	if (s->events == 0)
		PG_RETURN_FLOAT8(0.0);
	if (as_of < s->latest)
	{
		/* timestamptz_to_str returns a static buffer: copy the first result */
		char	   *as_of_str = pstrdup(timestamptz_to_str(as_of));

		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("as_of %s is earlier than the latest event in the decay_state (%s)",
						as_of_str, timestamptz_to_str(s->latest)),
				 errhint("Build the state from rows with ts <= as_of, or use engagement_score(ts, weight, half_life, as_of), which leaves later events out.")));
	}
	ref = reference_index(s->latest, s->half_life_us);
	score = state_value(s) * exp2(-decay_exponent(as_of, (int128) ref * s->half_life_us,
												  s->half_life_us));
	/*
	 * The reference may lie up to one half-life after as_of, so the score can
	 * pass the float8 range where the stored sum did not: the same 22003 as
	 * engagement_score then, never Infinity.
	 */
	if (isinf(score))
		score_out_of_range();
	PG_RETURN_FLOAT8(score);
}

/*
 * decay_events(decay_state) -> bigint
 *		Number of events summed into the state.
 */
Datum
decay_events(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(((DecayState *) eng_state_arg(fcinfo, 0, &decay_desc))->events);
}

/*
 * decay_latest(decay_state) -> timestamptz
 *		Time of the latest event in the state (NULL if it has none): the
 *		earliest as_of score() accepts.
 */
Datum
decay_latest(PG_FUNCTION_ARGS)
{
	DecayState *s = (DecayState *) eng_state_arg(fcinfo, 0, &decay_desc);

	if (s->events == 0)
		PG_RETURN_NULL();
	PG_RETURN_TIMESTAMPTZ(s->latest);
}

/*
 * decay_half_life(decay_state) -> interval
 *		The half-life the state was built with, as days and microseconds.
 */
Datum
decay_half_life(PG_FUNCTION_ARGS)
{
	DecayState *s = (DecayState *) eng_state_arg(fcinfo, 0, &decay_desc);
	Interval   *iv = palloc0(sizeof(Interval));

	iv->day = (int32) (s->half_life_us / USECS_PER_DAY);
	iv->time = s->half_life_us % USECS_PER_DAY;
	PG_RETURN_INTERVAL_P(iv);
}

/*
 * engagement_score_trans(engagement_score_state, ts, weight, half_life, as_of)
 *		Transition of engagement_score: add weight decayed to as_of (which must
 *		be the same on every row); events after as_of are left out.
 */
Datum
engagement_score_trans(PG_FUNCTION_ARGS)
{
	DecayState *s;
	bool		skip;
	double		weight = 0;
	int64		half_life_us = check_event(fcinfo, "engagement_score", &skip, &weight);
	TimestampTz as_of;
	TimestampTz ts;

	require_arg(fcinfo, 4, "engagement_score", "as_of");
	as_of = PG_GETARG_TIMESTAMPTZ(4);
	eng_check_finite_ts(as_of, "engagement_score");
	if (skip)
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_POINTER(PG_GETARG_POINTER(0));
	}
	s = eng_state_transition(fcinfo, &score_desc);
	if (s->half_life_us == 0)	/* a new state: its first row fixes as_of */
		s->latest = as_of;
	set_half_life(s, half_life_us, "engagement_score");
	if (s->latest != as_of)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("engagement_score as_of must be the same on every row of a group"),
				 errhint("Pass as_of as a constant; to score at several times, join a list of times and group by it.")));
	ts = PG_GETARG_TIMESTAMPTZ(1);
	if (ts <= as_of)
	{
		compensated_add(s, weight *
						exp2(-decay_exponent(as_of, ts, half_life_us)));
		s->events = eng_add_count(s->events, 1, "engagement_score event count");
	}
	PG_RETURN_POINTER(s);
}

/*
 * score_merge_into
 *		Fold src into dst; both are relative to the same as_of and half-life.
 */
static void
score_merge_into(void *dst, const void *src)
{
	DecayState *d = dst;
	const DecayState *s = src;

	if (d->half_life_us != s->half_life_us || d->latest != s->latest)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot combine engagement_score states with different half-lives or as-of times"),
				 errhint("Pass half_life and as_of as constants.")));
	d->events = eng_add_count(d->events, s->events, "engagement_score event count");
	compensated_add(d, s->sum);
	compensated_add(d, s->correction);
}

/*
 * engagement_score_combine(engagement_score_state, engagement_score_state)
 *		Combine function of engagement_score.
 */
Datum
engagement_score_combine(PG_FUNCTION_ARGS)
{
	return eng_state_combine(fcinfo, &score_desc, score_merge_into);
}

/*
 * engagement_score_final(engagement_score_state) -> float8
 *		The score; 0 when every event of the group was after as_of.
 */
Datum
engagement_score_final(PG_FUNCTION_ARGS)
{
	PG_RETURN_FLOAT8(state_value((DecayState *) eng_state_arg(fcinfo, 0, &score_desc)));
}
