/*
 * sequence.c
 *		sequence_match and sequence_count: ClickHouse's sequenceMatch and
 *		sequenceCount over the shared event buffer.
 *
 * Events.  A row whose conditions are all false (or NULL) is not an event; any
 * other row is one event (timestamp, flag word of its true conditions).  Events
 * are ordered by timestamp, ties by the flag word (rows matching only
 * lower-numbered conditions first), so the answer never depends on row order.
 *
 * Pattern language (whitespace between tokens is ignored):
 *		(?N)			one event on which condition N (1-based) holds
 *		.				exactly one event, any
 *		.*				any number of events, including none
 *		(?t OP S)		OP in <=, <, >=, >, ==: the next event's timestamp minus
 *						the previous matched event's satisfies OP S (S in seconds
 *						for timestamptz, raw units for bigint); events may lie
 *						between them.  It must follow (?N), '.' or '.*'.
 * The pattern may start anywhere (an implicit leading '.*') and matches as soon
 * as it is consumed.
 *
 * Matching follows ClickHouse: if a condition the pattern names never held in
 * the group the answer is false / 0.  sequence_match of a pattern without time
 * conditions simulates the pattern's NFA (linear in events); with time
 * conditions it backtracks.  sequence_count backtracks repeatedly, each search
 * resuming after the previous match's last event, so matches do not overlap.
 * One call (one group) may take at most SEQ_MAX_STEPS steps plus its number of
 * events times its number of pattern actions (seq_step_budget), summed over
 * all its searches: 54000 past that, so a call's work is bounded by its size.
 *
 * The pattern text is stored once per group as label 0 of the event buffer (so
 * it survives serialisation to parallel workers) and compiled once per query:
 * the compiled form is cached in the final function's fn_extra.
 */
#include "postgres.h"

#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "utils/builtins.h"

#include "engagement.h"
#include "event_buffer.h"
#include "sequence.h"

/* backtracking steps one call may take beyond events x pattern actions */
#define SEQ_MAX_STEPS		10000000
/* longest pattern accepted, in bytes */
#define SEQ_MAX_PATTERN		10000

/* parameter slots */
#define SP_NCONDS	0
#define SP_UNIT		1			/* timestamp units per pattern second */

typedef enum SeqOp
{
	SEQ_KLEENE,					/* .* */
	SEQ_ANY,					/* . */
	SEQ_EVENT,					/* (?N): arg = condition bit index */
	SEQ_TIME_LE,
	SEQ_TIME_LT,
	SEQ_TIME_GE,
	SEQ_TIME_GT,
	SEQ_TIME_EQ
} SeqOp;

typedef struct SeqAction
{
	SeqOp		op;
	int64		arg;			/* condition index, or time difference in timestamp units */
	int			slot;			/* SEQ_EVENT: 0-based ordinal among the pattern's (?N) tokens */
} SeqAction;

/* one NFA state: an optional transition on one event, and an optional self-loop */
typedef struct SeqState
{
	bool		kleene;
	SeqOp		trans;			/* SEQ_KLEENE = no transition, SEQ_ANY or SEQ_EVENT */
	int			cond;
} SeqState;

typedef struct SeqPattern
{
	/* cache key */
	char	   *text;
	int32		len;
	int64		nconds;
	int64		unit;
	/* compiled form */
	int			nactions;
	SeqAction  *actions;		/* actions[0] is the implicit leading .* */
	int			nstates;
	SeqState   *states;
	bool		has_time;
	uint32		needed;			/* conditions the pattern names */
	int			nevtokens;		/* number of (?N) tokens */
} SeqPattern;

/*
 * The events a backtracking search took for the pattern's (?N) tokens
 * (sequence_match_events): cur[k] is the event of token k in the current
 * attempt, best[0 .. nbest) the longest chain any attempt reached, or the
 * full match's chain once there is one.
 */
typedef struct SeqChain
{
	int64	   *cur;
	int64	   *best;
	int			nbest;
} SeqChain;

PG_FUNCTION_INFO_V1(sequence_trans);
PG_FUNCTION_INFO_V1(sequence_int_trans);
PG_FUNCTION_INFO_V1(sequence_steps_trans);
PG_FUNCTION_INFO_V1(sequence_match_final);
PG_FUNCTION_INFO_V1(sequence_count_final);

/*
 * pattern_error
 *		Report a pattern mistake at byte offset pos, as a 1-based character
 *		position, with the pattern in the detail.
 */
static void
pattern_error(int code, const char *text, int32 len, int32 pos, const char *what)
{
	int			charpos = pg_mbstrlen_with_len(text, Min(pos, len)) + 1;

	ereport(ERROR,
			(errcode(code),
			 errmsg("invalid sequence pattern at position %d: %s", charpos, what),
			 errdetail("Pattern: %.*s", (int) len, text),
			 errhint("Write the pattern with (?N) for condition N, . for any event, .* for any events, (?t>=S) between events for a time condition.")));
}

/*
 * skip_space
 *		Advance past blanks, tabs and newlines.
 */
static int32
skip_space(const char *s, int32 len, int32 pos)
{
	while (pos < len && (s[pos] == ' ' || s[pos] == '\t' || s[pos] == '\n' || s[pos] == '\r'))
		pos++;
	return pos;
}

/*
 * read_number
 *		Read an unsigned decimal integer at *pos; errors for no digits (42601)
 *		and for values past INT64_MAX (22003).
 */
static int64
read_number(const char *s, int32 len, int32 *pos, const char *what)
{
	int32		start = *pos;
	int64		v = 0;

	if (*pos >= len || !isdigit((unsigned char) s[*pos]))
		pattern_error(ERRCODE_SYNTAX_ERROR, s, len, *pos, what);
	while (*pos < len && isdigit((unsigned char) s[*pos]))
	{
		if (v > (PG_INT64_MAX - (s[*pos] - '0')) / 10)
			pattern_error(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE, s, len, start, "number is too large");
		v = v * 10 + (s[*pos] - '0');
		(*pos)++;
	}
	return v;
}

/*
 * read_time_op
 *		The comparison operator of a time condition at *pos.
 */
static SeqOp
read_time_op(const char *s, int32 len, int32 *pos)
{
	static const struct
	{
		const char *tok;
		SeqOp		op;
	}			ops[] = {
		{"<=", SEQ_TIME_LE}, {">=", SEQ_TIME_GE}, {"==", SEQ_TIME_EQ},
		{"<", SEQ_TIME_LT}, {">", SEQ_TIME_GT}
	};

	for (int i = 0; i < (int) lengthof(ops); i++)
	{
		int32		l = strlen(ops[i].tok);

		if (len - *pos >= l && memcmp(s + *pos, ops[i].tok, l) == 0)
		{
			*pos += l;
			return ops[i].op;
		}
	}
	pattern_error(ERRCODE_SYNTAX_ERROR, s, len, *pos,
				  "expected a time comparison (<=, <, >=, > or ==)");
	return SEQ_TIME_EQ;			/* not reached */
}

/*
 * compile_pattern
 *		Parse the pattern into actions (for backtracking) and NFA states (for
 *		time-free matching).  nconds bounds the condition numbers; unit converts
 *		time-condition seconds to timestamp units.
 */
static void
compile_pattern(SeqPattern *p, MemoryContext mcxt)
{
	const char *s = p->text;
	int32		len = p->len;
	int32		pos = 0;
	int			na = 0,
				ns = 0;

	/* every token is at least one byte, so len + 1 bounds both arrays */
	p->actions = MemoryContextAlloc(mcxt, sizeof(SeqAction) * (len + 1));
	p->states = MemoryContextAllocZero(mcxt, sizeof(SeqState) * (len + 1));
	p->actions[na++] = (SeqAction) {SEQ_KLEENE, 0, 0};
	p->states[0].kleene = true;
	p->states[0].trans = SEQ_KLEENE;
	ns = 1;
	p->has_time = false;
	p->needed = 0;
	p->nevtokens = 0;

	for (pos = skip_space(s, len, 0); pos < len; pos = skip_space(s, len, pos))
	{
		int32		tok = pos;

		if (s[pos] == '(')
		{
			if (pos + 1 >= len || s[pos + 1] != '?')
				pattern_error(ERRCODE_SYNTAX_ERROR, s, len, pos + 1, "expected \"?\" after \"(\"");
			pos = skip_space(s, len, pos + 2);
			if (pos < len && s[pos] == 't')
			{
				SeqOp		op;
				int64		secs;
				SeqOp		prev = p->actions[na - 1].op;

				pos = skip_space(s, len, pos + 1);
				op = read_time_op(s, len, &pos);
				pos = skip_space(s, len, pos);
				secs = read_number(s, len, &pos, "expected a number of seconds");
				if (na == 1 || (prev != SEQ_EVENT && prev != SEQ_ANY && prev != SEQ_KLEENE))
					pattern_error(ERRCODE_INVALID_PARAMETER_VALUE, s, len, tok,
								  "a time condition must follow an event: (?N), . or .*");
				if (secs > PG_INT64_MAX / p->unit)
					pattern_error(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE, s, len, tok,
								  "time difference is too large");
				p->actions[na++] = (SeqAction) {op, secs * p->unit, 0};
				p->has_time = true;
			}
			else
			{
				int64		n = read_number(s, len, &pos, "expected a condition number or t");

				if (n < 1 || n > p->nconds)
					pattern_error(ERRCODE_INVALID_PARAMETER_VALUE, s, len, tok,
								  psprintf("condition %lld does not exist: conditions are numbered 1 to %lld",
										   (long long) n, (long long) p->nconds));
				p->actions[na++] = (SeqAction) {SEQ_EVENT, n - 1, p->nevtokens++};
				p->states[ns - 1].trans = SEQ_EVENT;
				p->states[ns - 1].cond = (int) (n - 1);
				ns++;
				p->needed |= 1u << (n - 1);
			}
			pos = skip_space(s, len, pos);
			if (pos >= len || s[pos] != ')')
				pattern_error(ERRCODE_SYNTAX_ERROR, s, len, pos, "expected \")\"");
			pos++;
		}
		else if (s[pos] == '.' && pos + 1 < len && s[pos + 1] == '*')
		{
			p->actions[na++] = (SeqAction) {SEQ_KLEENE, 0, 0};
			p->states[ns - 1].kleene = true;
			pos += 2;
		}
		else if (s[pos] == '.')
		{
			p->actions[na++] = (SeqAction) {SEQ_ANY, 0, 0};
			p->states[ns - 1].trans = SEQ_ANY;
			ns++;
			pos++;
		}
		else
			pattern_error(ERRCODE_SYNTAX_ERROR, s, len, pos,
						  s[pos] == ')' ? "unbalanced \")\"" : "unexpected character");
	}
	p->nactions = na;
	p->nstates = ns;
}

/*
 * get_pattern
 *		The compiled pattern of this group, from the final function's cache
 *		when the text, the number of conditions and the unit are the same as
 *		the previous group's (the usual case: a constant pattern).
 */
static SeqPattern *
get_pattern(FunctionCallInfo fcinfo, const EventBuffer *eb)
{
	SeqPattern *p = (SeqPattern *) fcinfo->flinfo->fn_extra;
	const EbLabel *l = &eb->labels[0];
	MemoryContext mcxt = fcinfo->flinfo->fn_mcxt;

	if (p != NULL && p->len == l->len && memcmp(p->text, l->str, l->len) == 0 &&
		p->nconds == eb->params[SP_NCONDS] && p->unit == eb->params[SP_UNIT])
		return p;
	if (p != NULL)
	{
		pfree(p->text);
		pfree(p->actions);
		pfree(p->states);
		pfree(p);
		fcinfo->flinfo->fn_extra = NULL;
	}
	p = MemoryContextAllocZero(mcxt, sizeof(SeqPattern));
	p->text = MemoryContextAlloc(mcxt, Max(l->len, 1));
	memcpy(p->text, l->str, l->len);
	p->len = l->len;
	p->nconds = eb->params[SP_NCONDS];
	p->unit = eb->params[SP_UNIT];
	compile_pattern(p, mcxt);
	fcinfo->flinfo->fn_extra = p;
	return p;
}

/*
 * sequence_accumulate
 *		Shared body of the transition functions (state, pattern, ts, conds):
 *		record the pattern once, check it stays the same, and buffer the row if
 *		any condition holds.  The conditions are one VARIADIC bool[] or, for
 *		the fixed-arity overloads, one bool argument each (no array is built per
 *		row).  NULL timestamps skip the row.
 */
static Datum
sequence_accumulate(FunctionCallInfo fcinfo, bool is_bigint, bool variadic)
{
	const char *fn = "sequence_match/sequence_count";
	EventBuffer *eb;
	text	   *pat;
	int64		params[2];
	int64		ts;
	int			n;
	uint32		flags;

	if (PG_ARGISNULL(1))
		eng_null_argument("pattern", fn);
	if (variadic && PG_ARGISNULL(3))
		eng_null_argument("the conditions array", fn);
	pat = PG_GETARG_TEXT_PP(1);
	if (VARSIZE_ANY_EXHDR(pat) > SEQ_MAX_PATTERN)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("sequence pattern is too long: %d bytes, at most %d",
						(int) VARSIZE_ANY_EXHDR(pat), SEQ_MAX_PATTERN),
				 errhint("Shorten the pattern, for example with .* between events.")));
	if (variadic)
		flags = eng_condition_flags(PG_GETARG_ARRAYTYPE_P(3), fn, "conditions",
									"Pass one boolean condition per pattern event after the timestamp.", &n);
	else
		flags = eng_condition_args(fcinfo, 3, &n);
	if (PG_ARGISNULL(2))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_POINTER(PG_GETARG_POINTER(0));
	}
	if (is_bigint)
		ts = PG_GETARG_INT64(2);
	else
	{
		ts = PG_GETARG_TIMESTAMPTZ(2);
		eng_check_finite_ts(ts, fn);
	}
	eb = eb_transition_state(fcinfo, fn);
	params[SP_NCONDS] = n;
	params[SP_UNIT] = is_bigint ? 1 : USECS_PER_SEC;
	eb_set_params(eb, params, 2, fn);
	if (eb_label_id(eb, VARDATA_ANY(pat), VARSIZE_ANY_EXHDR(pat)) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s pattern must be the same on every row of a group", fn),
				 errhint("Pass the pattern as a constant.")));
	if (flags != 0)
		eb_append(eb, ts, flags, 0);
	PG_RETURN_POINTER(eb);
}

/*
 * sequence_trans(internal, text, timestamptz, bool[]) -> internal
 *		Transition function of the timestamptz aggregates.
 */
Datum
sequence_trans(PG_FUNCTION_ARGS)
{
	return sequence_accumulate(fcinfo, false, true);
}

/*
 * sequence_steps_trans(internal, text, timestamptz, bool, bool[, ...]) -> internal
 *		Transition function of the fixed-arity (2 to 8 conditions) overloads of
 *		sequence_match and sequence_count (1.1).
 */
Datum
sequence_steps_trans(PG_FUNCTION_ARGS)
{
	return sequence_accumulate(fcinfo, false, false);
}

/*
 * sequence_int_trans(internal, text, bigint, bool[]) -> internal
 *		Transition function of the bigint aggregates.
 */
Datum
sequence_int_trans(PG_FUNCTION_ARGS)
{
	return sequence_accumulate(fcinfo, true, true);
}

/*
 * nfa_match
 *		Does the pattern (no time conditions) match somewhere in ev[0 .. n)?
 *		One pass over the events keeping the set of live NFA states.
 */
static bool
nfa_match(const SeqPattern *p, const EngEvent *ev, int64 n)
{
	bool	   *cur = palloc0(p->nstates);
	bool	   *next = palloc0(p->nstates);
	int			last = p->nstates - 1;
	int			live = 1;

	cur[0] = true;
	for (int64 i = 0; i < n && live > 0 && !cur[last]; i++)
	{
		bool	   *tmp;

		if ((i & 0xFFFF) == 0)
			CHECK_FOR_INTERRUPTS();
		memset(next, 0, p->nstates);
		live = 0;
		for (int st = 0; st < p->nstates; st++)
		{
			const SeqState *s = &p->states[st];

			if (!cur[st])
				continue;
			if (s->trans == SEQ_ANY ||
				(s->trans == SEQ_EVENT && (ev[i].flags & (1u << s->cond))))
			{
				next[st + 1] = true;
				live++;
			}
			if (s->kleene)
			{
				next[st] = true;
				live++;
			}
		}
		tmp = cur;
		cur = next;
		next = tmp;
	}
	return cur[last];
}

/* a backtracking point: retry action 'act' at event 'ev' + 1, with base 'base' */
typedef struct SeqChoice
{
	int			act;
	int64		ev;
	int64		base;
} SeqChoice;

/*
 * time_ok
 *		Does an event at ts satisfy the time condition a relative to base_ts?
 */
static inline bool
time_ok(const SeqAction *a, int64 ts, int64 base_ts)
{
	int128		d = (int128) ts - base_ts;

	switch (a->op)
	{
		case SEQ_TIME_LE:
			return d <= a->arg;
		case SEQ_TIME_LT:
			return d < a->arg;
		case SEQ_TIME_GE:
			return d >= a->arg;
		case SEQ_TIME_GT:
			return d > a->arg;
		case SEQ_TIME_EQ:
			return d == a->arg;
		default:
			elog(ERROR, "sequence: not a time condition: %d", (int) a->op);
	}
	return false;				/* not reached */
}

/*
 * backtrack
 *		Resume the newest choice one event later; choices with no event left
 *		are dropped.  False when none is left (act and i then describe the
 *		oldest choice, as in ClickHouse, for the trailing-action rule).
 */
static bool
backtrack(SeqChoice *stack, int *depth, int *act, int64 *i, int64 *base, int64 n)
{
	while (*depth > 0)
	{
		SeqChoice  *c = &stack[--(*depth)];

		*act = c->act;
		*i = c->ev + 1;
		*base = c->base;
		if (*i < n)
			return true;
	}
	return false;
}

/*
 * seq_step_budget
 *		The backtracking steps one call over n events may take, all searches
 *		together: SEQ_MAX_STEPS plus n times the number of pattern actions
 *		(tokens and the implicit leading .*), which is what a scan trying every
 *		action once at every event costs.  So a call's work is bounded by its
 *		group's size, while a pattern that backtracks far more than that (nested
 *		time conditions, or many searches that each rescan) stops with 54000.
 */
static int64
seq_step_budget(const SeqPattern *p, int64 n)
{
	return SEQ_MAX_STEPS + n * p->nactions;
}

/*
 * chain_take
 *		Record that the current attempt took event i for (?N) token 'slot'; the
 *		tokens before it keep their events (a backtrack only redoes later
 *		actions), so cur[0 .. slot] is the attempt's chain.  The first chain
 *		longer than every earlier one becomes the best.
 */
static inline void
chain_take(SeqChain *chain, int slot, int64 i)
{
	chain->cur[slot] = i;
	if (slot + 1 > chain->nbest)
	{
		memcpy(chain->best, chain->cur, sizeof(int64) * (slot + 1));
		chain->nbest = slot + 1;
	}
}

/*
 * backtrack_match
 *		ClickHouse's backtracking matcher from event *pos: true when the pattern
 *		matches; *pos is left after the match's last event (at least one past
 *		the start, so a count always advances).  'stack' has room for
 *		p->nactions choices: their action indexes strictly increase.  *steps
 *		counts the call's steps over all its searches; past 'budget' (from
 *		seq_step_budget) the call stops with 54000.  With a chain (else NULL)
 *		it also records the events its (?N) tokens take (sequence_match_events).
 */
static bool
backtrack_match(const SeqPattern *p, const EngEvent *ev, int64 n, int64 *pos, SeqChoice *stack,
				int64 *steps, int64 budget, SeqChain *chain)
{
	int			act = 0;
	int			depth = 0;
	int64		start = *pos;
	int64		i = start;
	int64		base = start;

	while (act < p->nactions && i < n)
	{
		const SeqAction *a = &p->actions[act];
		bool		advance;

		switch (a->op)
		{
			case SEQ_EVENT:
				advance = (ev[i].flags & (1u << a->arg)) != 0;
				if (advance && chain)
					chain_take(chain, a->slot, i);
				if (advance)
				{
					base = i++;
					act++;
				}
				break;
			case SEQ_ANY:
				advance = true;
				base = i++;
				act++;
				break;
			case SEQ_KLEENE:
				advance = true;
				stack[depth++] = (SeqChoice) {act, i, base};
				base = i;
				act++;
				break;
			default:
				advance = time_ok(a, ev[i].ts, ev[base].ts);
				if (advance)
				{
					stack[depth++] = (SeqChoice) {act, i, base};
					base = i;
					act++;
				}
				else if (a->op == SEQ_TIME_GE || a->op == SEQ_TIME_GT || a->op == SEQ_TIME_EQ)
				{
					/* a later event may still be far enough: try the next one */
					advance = (++i < n);
				}
				break;
		}
		if (!advance && !backtrack(stack, &depth, &act, &i, &base, n))
			break;
		if (++(*steps) > budget)
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("sequence pattern too costly to match: more than " INT64_FORMAT " steps for " INT64_FORMAT " events",
							budget, n),
					 errdetail("One call may take %d steps plus its number of events times the number of pattern tokens plus one, over all its searches.",
							   SEQ_MAX_STEPS),
					 errhint("Use fewer time conditions or .*, or group by a finer key.")));
		if ((*steps & 0xFFFF) == 0)
			CHECK_FOR_INTERRUPTS();
	}
	/* events exhausted: trailing actions that can match nothing still succeed */
	while (act < p->nactions &&
		   (p->actions[act].op == SEQ_KLEENE || p->actions[act].op == SEQ_TIME_LE ||
			p->actions[act].op == SEQ_TIME_LT ||
			(p->actions[act].op == SEQ_TIME_GE && p->actions[act].arg == 0)))
		act++;
	*pos = (i == start) ? i + 1 : i;
	if (act == p->nactions && chain)
	{
		memcpy(chain->best, chain->cur, sizeof(int64) * p->nevtokens);
		chain->nbest = p->nevtokens;
	}
	return act == p->nactions;
}

/*
 * sequence_final
 *		Common start of both final functions: the sorted buffer (NULL for an
 *		empty group), its compiled pattern, and whether every condition the
 *		pattern names held somewhere (if not, nothing can match).
 */
static EventBuffer *
sequence_final(FunctionCallInfo fcinfo, SeqPattern **pp, bool *possible)
{
	EventBuffer *eb = eb_final_state(fcinfo, "sequence_match/sequence_count");
	uint32		seen = 0;

	if (eb == NULL)
		return NULL;
	if (eb->nlabels != 1 || eb->nparams != 2)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("sequence_match/sequence_count pattern must be the same on every row of a group"),
				 errhint("Pass the pattern as a constant.")));
	*pp = get_pattern(fcinfo, eb);
	for (int64 i = 0; i < eb->nevents; i++)
		seen |= eb->events[i].flags;
	*possible = ((*pp)->needed & ~seen) == 0;
	return eb;
}

/*
 * sequence_match_final(internal) -> bool
 *		Does the pattern match somewhere in the group's events?
 */
Datum
sequence_match_final(PG_FUNCTION_ARGS)
{
	SeqPattern *p;
	bool		possible;
	EventBuffer *eb = sequence_final(fcinfo, &p, &possible);
	int64		pos = 0,
				steps = 0;

	if (eb == NULL)
		PG_RETURN_NULL();
	if (!possible)
		PG_RETURN_BOOL(false);
	if (!p->has_time)
		PG_RETURN_BOOL(nfa_match(p, eb->events, eb->nevents));
	PG_RETURN_BOOL(backtrack_match(p, eb->events, eb->nevents, &pos,
								   palloc(sizeof(SeqChoice) * p->nactions),
								   &steps, seq_step_budget(p, eb->nevents), NULL));
}

/*
 * sequence_count_final(internal) -> bigint
 *		Number of non-overlapping matches, each search starting after the
 *		previous match's last event; the searches share one step budget.
 */
Datum
sequence_count_final(PG_FUNCTION_ARGS)
{
	SeqPattern *p;
	bool		possible;
	EventBuffer *eb = sequence_final(fcinfo, &p, &possible);
	SeqChoice  *stack;
	int64		pos = 0,
				count = 0,
				steps = 0,
				budget;

	if (eb == NULL)
		PG_RETURN_NULL();
	if (!possible)
		PG_RETURN_INT64(0);
	stack = palloc(sizeof(SeqChoice) * p->nactions);
	budget = seq_step_budget(p, eb->nevents);
	while (pos < eb->nevents &&
		   backtrack_match(p, eb->events, eb->nevents, &pos, stack, &steps, budget, NULL))
		count++;
	PG_RETURN_INT64(count);
}

/*
 * sequence_match_chain
 *		For sequence_match_events (paths.c): the timestamps of the events the
 *		pattern's (?N) tokens took in ClickHouse's backtracking search over the
 *		group, in token order: the first full match's, or when nothing matches
 *		the longest chain that matched a prefix of the pattern (the first one
 *		found).  Unlike sequence_match there is no shortcut when a named
 *		condition never held: the partial chain is the answer.  False for an
 *		empty group (the aggregate's NULL); *is_bigint says which timestamp type
 *		the group's rows had.
 */
bool
sequence_match_chain(FunctionCallInfo fcinfo, int64 **ts, int *n, bool *is_bigint)
{
	SeqPattern *p;
	bool		possible;
	EventBuffer *eb = sequence_final(fcinfo, &p, &possible);
	SeqChain	chain;
	int64		pos = 0,
				steps = 0;

	if (eb == NULL)
		return false;
	chain.cur = palloc(sizeof(int64) * Max(p->nevtokens, 1));
	chain.best = palloc(sizeof(int64) * Max(p->nevtokens, 1));
	chain.nbest = 0;
	if (eb->nevents > 0)
		(void) backtrack_match(p, eb->events, eb->nevents, &pos,
							   palloc(sizeof(SeqChoice) * p->nactions),
							   &steps, seq_step_budget(p, eb->nevents), &chain);
	for (int k = 0; k < chain.nbest; k++)
		chain.best[k] = eb->events[chain.best[k]].ts;
	*ts = chain.best;
	*n = chain.nbest;
	*is_bigint = eb->params[SP_UNIT] == 1;
	return true;
}
