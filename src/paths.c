/*
 * paths.c
 *		What customers did next: sequence_next_node (ClickHouse's
 *		sequenceNextNode), sequence_match_events (ClickHouse's
 *		sequenceMatchEvents, over sequence.c's matcher) and event_path (the
 *		next or previous N distinct events around an anchor, for path counts
 *		and Sankey diagrams), all over the shared event buffer.
 *
 * Nodes.  sequence_next_node and event_path keep every row with a timestamp
 * and a non-NULL event value as one node: its value is interned in the
 * buffer's label dictionary (aux = label id), its conditions are bits of the
 * flag word.  Nodes are ordered by timestamp, then by value in byte order
 * (ClickHouse's order for ties), then by flag word, so the answer never
 * depends on row order; rows with equal timestamp and value are all kept (no
 * de-duplication, as in ClickHouse).
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "funcapi.h"
#include "utils/array.h"
#include "utils/builtins.h"

#include "engagement.h"
#include "event_buffer.h"
#include "sequence.h"

/* flag bit of sequence_next_node's base_condition and of event_path's anchor */
#define PATH_BASE_BIT	31
/* event conditions sequence_next_node accepts: the flag word less the base bit */
#define NN_MAX_EVENTS	31
/* largest number of steps event_path returns after (before) the anchor */
#define PATH_MAX_STEPS	1000

/* parameter slots */
#define PP_DIRECTION	0		/* PathDirection */
#define PP_BASE			1		/* NextNodeBase (sequence_next_node) */
#define PP_STEPS		1		/* number of steps (event_path) */
#define PP_NEVENTS		2		/* number of event conditions (sequence_next_node) */

typedef enum PathDirection
{
	PATH_FORWARD,
	PATH_BACKWARD
} PathDirection;

typedef enum NextNodeBase
{
	NN_HEAD,
	NN_TAIL,
	NN_FIRST_MATCH,
	NN_LAST_MATCH
} NextNodeBase;

PG_FUNCTION_INFO_V1(sequence_next_node_trans);
PG_FUNCTION_INFO_V1(sequence_next_node_int_trans);
PG_FUNCTION_INFO_V1(sequence_next_node_steps_trans);
PG_FUNCTION_INFO_V1(sequence_next_node_final);
PG_FUNCTION_INFO_V1(sequence_match_events_final);
PG_FUNCTION_INFO_V1(event_path_trans);
PG_FUNCTION_INFO_V1(event_path_int_trans);
PG_FUNCTION_INFO_V1(event_path_final);
PG_FUNCTION_INFO_V1(path_edges);

/*
 * text_is
 *		Is t exactly the ASCII word w?
 */
static bool
text_is(const text *t, const char *w)
{
	size_t		len = strlen(w);

	return VARSIZE_ANY_EXHDR(t) == len && memcmp(VARDATA_ANY(t), w, len) == 0;
}

/*
 * parse_direction
 *		'forward' or 'backward' (argument argno of fn); 22004 for NULL, 22023
 *		with the valid words as hint for anything else.
 */
static PathDirection
parse_direction(FunctionCallInfo fcinfo, int argno, const char *fn)
{
	text	   *t;

	if (PG_ARGISNULL(argno))
		eng_null_argument("direction", fn);
	t = PG_GETARG_TEXT_PP(argno);
	if (text_is(t, "forward"))
		return PATH_FORWARD;
	if (text_is(t, "backward"))
		return PATH_BACKWARD;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("%s direction must be 'forward' or 'backward', not \"%s\"", fn, text_to_cstring(t)),
			 errhint("Write the direction in lower case: 'forward' looks at later events, 'backward' at earlier ones.")));
	return PATH_FORWARD;		/* not reached */
}

/*
 * parse_base
 *		sequence_next_node's base: 'head', 'tail', 'first_match' or
 *		'last_match'; 22023 for another word or for head with backward / tail
 *		with forward (nothing lies before the head or after the tail).
 */
static NextNodeBase
parse_base(FunctionCallInfo fcinfo, int argno, PathDirection dir, const char *fn)
{
	static const char *const names[] = {"head", "tail", "first_match", "last_match"};
	text	   *t;

	if (PG_ARGISNULL(argno))
		eng_null_argument("base", fn);
	t = PG_GETARG_TEXT_PP(argno);
	for (int b = 0; b < (int) lengthof(names); b++)
		if (text_is(t, names[b]))
		{
			if ((b == NN_HEAD && dir == PATH_BACKWARD) || (b == NN_TAIL && dir == PATH_FORWARD))
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("%s base '%s' does not go with direction '%s'", fn, names[b],
								dir == PATH_FORWARD ? "forward" : "backward"),
						 errhint("Nothing comes before the head or after the tail: use 'forward' with 'head' and 'backward' with 'tail'.")));
			return (NextNodeBase) b;
		}
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("%s base must be 'head', 'tail', 'first_match' or 'last_match', not \"%s\"",
					fn, text_to_cstring(t)),
			 errhint("head/tail: the group's first/last event; first_match/last_match: the first/last event on which the first event condition and base_condition hold.")));
	return NN_HEAD;				/* not reached */
}

/*
 * node_timestamp
 *		The timestamp argument argno as buffer units (22008 for an infinite
 *		timestamptz).
 */
static int64
node_timestamp(FunctionCallInfo fcinfo, int argno, bool is_bigint, const char *fn)
{
	int64		ts;

	if (is_bigint)
		return PG_GETARG_INT64(argno);
	ts = PG_GETARG_TIMESTAMPTZ(argno);
	eng_check_finite_ts(ts, fn);
	return ts;
}

/*
 * next_node_accumulate
 *		Shared body of sequence_next_node's transition functions (state,
 *		direction, base, ts, event, base_condition [, events]): check the
 *		constant arguments, then buffer the row as a node.  The event
 *		conditions are one VARIADIC bool[] or, for the fixed-arity overloads,
 *		one bool argument each (no array is built per row).  A NULL ts or event
 *		skips the row; NULL conditions are false.
 */
static Datum
next_node_accumulate(FunctionCallInfo fcinfo, bool is_bigint, bool variadic)
{
	const char *fn = "sequence_next_node";
	PathDirection dir = parse_direction(fcinfo, 1, fn);
	NextNodeBase base = parse_base(fcinfo, 2, dir, fn);
	EventBuffer *eb;
	text	   *ev;
	uint32		flags = 0;
	int			n = 0;
	int64		params[3];

	if (!variadic)
		flags = eng_condition_args(fcinfo, 6, &n);
	else if (PG_NARGS() > 6)
	{
		const char *hint = "Pass 1 to 31 event conditions after base_condition: the chain to find, in order.";

		if (PG_ARGISNULL(6))
			eng_null_argument("the event conditions array", fn);
		flags = eng_condition_flags(PG_GETARG_ARRAYTYPE_P(6), fn, "event conditions", hint, &n);
		if (n > NN_MAX_EVENTS)
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("%s takes at most %d event conditions, not %d", fn, NN_MAX_EVENTS, n),
					 errhint("%s", hint)));
	}
	if (n == 0 && (base == NN_FIRST_MATCH || base == NN_LAST_MATCH))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s base '%s' needs at least one event condition", fn,
						base == NN_FIRST_MATCH ? "first_match" : "last_match"),
				 errhint("The first event condition marks the base event: pass it after base_condition.")));
	if (PG_ARGISNULL(3) || PG_ARGISNULL(4))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_POINTER(PG_GETARG_POINTER(0));
	}
	if (!PG_ARGISNULL(5) && PG_GETARG_BOOL(5))
		flags |= 1u << PATH_BASE_BIT;
	ev = PG_GETARG_TEXT_PP(4);
	eb = eb_transition_state(fcinfo, fn);
	params[PP_DIRECTION] = dir;
	params[PP_BASE] = base;
	params[PP_NEVENTS] = n;
	eb_set_params(eb, params, 3, fn);
	eb_append(eb, node_timestamp(fcinfo, 3, is_bigint, fn), flags,
			  eb_label_id(eb, VARDATA_ANY(ev), VARSIZE_ANY_EXHDR(ev)));
	PG_RETURN_POINTER(eb);
}

/*
 * sequence_next_node_trans(internal, text, text, timestamptz, text, bool [, bool[]]) -> internal
 *		Transition function of the timestamptz forms.
 */
Datum
sequence_next_node_trans(PG_FUNCTION_ARGS)
{
	return next_node_accumulate(fcinfo, false, true);
}

/*
 * sequence_next_node_steps_trans(internal, text, text, timestamptz, text, bool, bool[, ...])
 *		Transition function of the fixed-arity forms (1 to 8 event conditions).
 */
Datum
sequence_next_node_steps_trans(PG_FUNCTION_ARGS)
{
	return next_node_accumulate(fcinfo, false, false);
}

/*
 * sequence_next_node_int_trans(internal, text, text, bigint, text, bool [, bool[]]) -> internal
 *		Transition function of the bigint forms.
 */
Datum
sequence_next_node_int_trans(PG_FUNCTION_ARGS)
{
	return next_node_accumulate(fcinfo, true, true);
}

/*
 * label_first_cmp
 *		qsort order of nodes with one timestamp: value (label ids are in byte
 *		order after eb_final_state), then flag word.
 */
static int
label_first_cmp(const void *a, const void *b)
{
	const EngEvent *x = a;
	const EngEvent *y = b;

	if (x->aux != y->aux)
		return x->aux < y->aux ? -1 : 1;
	if (x->flags != y->flags)
		return x->flags < y->flags ? -1 : 1;
	return 0;
}

/*
 * path_nodes
 *		The group's nodes in path order (timestamp, value, flag word), NULL for
 *		an empty group.  eb_final_state sorts by (timestamp, flags, value);
 *		runs of equal timestamps, short in practice, are then re-sorted by
 *		value first.  The buffer is marked unsorted when a run moved, so that a
 *		later eb_sort restores the buffer's own order first.
 */
static EventBuffer *
path_nodes(FunctionCallInfo fcinfo, int nparams, const char *fn)
{
	EventBuffer *eb = eb_final_state(fcinfo, fn);
	EngEvent   *ev;

	if (eb == NULL || eb->nevents == 0)
		return NULL;
	if (eb->nparams != nparams || eb->nlabels < 1)
		eb_params_mismatch(fn);
	ev = eb->events;
	for (int64 i = 0, j; i < eb->nevents; i = j)
	{
		for (j = i + 1; j < eb->nevents && ev[j].ts == ev[i].ts; j++)
			;
		if (j - i > 1)
		{
			qsort(ev + i, j - i, sizeof(EngEvent), label_first_cmp);
			eb->sorted = false;
		}
	}
	return eb;
}

/*
 * label_text
 *		The value of node e as text.
 */
static text *
label_text(const EventBuffer *eb, const EngEvent *e)
{
	const EbLabel *l = &eb->labels[e->aux];

	return cstring_to_text_with_len(l->str, l->len);
}

/*
 * next_node_index
 *		ClickHouse's rule over nodes ev[0 .. n): the base node (head: node 0,
 *		tail: node n-1, each only if base_condition holds on it; first_match /
 *		last_match: the first / last node on which event condition 1 and
 *		base_condition hold), then event condition k+1 must hold on the k-th
 *		node from the base in the direction; the answer is the node right after
 *		that chain, -1 if there is none.  With no event conditions the answer is
 *		the base itself.
 */
static int64
next_node_index(const EngEvent *ev, int64 n, PathDirection dir, NextNodeBase base, int nevents)
{
	const uint32 want = (1u << PATH_BASE_BIT) | 1u;
	int64		b = -1;
	int64		step = (dir == PATH_FORWARD) ? 1 : -1;

	switch (base)
	{
		case NN_HEAD:
			b = (ev[0].flags & (1u << PATH_BASE_BIT)) ? 0 : -1;
			break;
		case NN_TAIL:
			b = (ev[n - 1].flags & (1u << PATH_BASE_BIT)) ? n - 1 : -1;
			break;
		case NN_FIRST_MATCH:
			for (int64 i = 0; i < n && b < 0; i++)
				if ((ev[i].flags & want) == want)
					b = i;
			break;
		case NN_LAST_MATCH:
			for (int64 i = n - 1; i >= 0 && b < 0; i--)
				if ((ev[i].flags & want) == want)
					b = i;
			break;
	}
	if (b < 0)
		return -1;
	for (int k = 0; k < nevents; k++, b += step)
		if (b < 0 || b >= n || !(ev[b].flags & (1u << k)))
			return -1;
	return (b >= 0 && b < n) ? b : -1;
}

/*
 * sequence_next_node_final(internal) -> text
 *		The value of the node that follows (precedes) the chain, or NULL.
 */
Datum
sequence_next_node_final(PG_FUNCTION_ARGS)
{
	EventBuffer *eb = path_nodes(fcinfo, 3, "sequence_next_node");
	int64		i;

	if (eb == NULL)
		PG_RETURN_NULL();
	i = next_node_index(eb->events, eb->nevents, (PathDirection) eb->params[PP_DIRECTION],
						(NextNodeBase) eb->params[PP_BASE], (int) eb->params[PP_NEVENTS]);
	if (i < 0)
		PG_RETURN_NULL();
	PG_RETURN_TEXT_P(label_text(eb, &eb->events[i]));
}

/*
 * sequence_match_events_final(internal) -> timestamptz[] or bigint[]
 *		The timestamps the pattern's (?N) tokens took (sequence.c's
 *		sequence_match_chain), as the group's timestamp type.
 */
Datum
sequence_match_events_final(PG_FUNCTION_ARGS)
{
	int64	   *ts;
	int			n;
	bool		is_bigint;
	Datum	   *d;

	if (!sequence_match_chain(fcinfo, &ts, &n, &is_bigint))
		PG_RETURN_NULL();
	d = palloc(sizeof(Datum) * Max(n, 1));
	for (int k = 0; k < n; k++)
		d[k] = Int64GetDatum(ts[k]);
	PG_RETURN_ARRAYTYPE_P(construct_array(d, n, is_bigint ? INT8OID : TIMESTAMPTZOID,
										  sizeof(int64), FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
}

/*
 * path_accumulate
 *		Shared body of event_path's transition functions (state, direction,
 *		steps, ts, event, anchor): check the constant arguments, then buffer
 *		the row as a node.  A NULL ts or event skips the row; a NULL anchor is
 *		false.
 */
static Datum
path_accumulate(FunctionCallInfo fcinfo, bool is_bigint)
{
	const char *fn = "event_path";
	PathDirection dir = parse_direction(fcinfo, 1, fn);
	EventBuffer *eb;
	text	   *ev;
	int32		steps;
	int64		params[2];

	if (PG_ARGISNULL(2))
		eng_null_argument("steps", fn);
	steps = PG_GETARG_INT32(2);
	if (steps < 1 || steps > PATH_MAX_STEPS)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s steps must be between 1 and %d, not %d", fn, PATH_MAX_STEPS, steps),
				 errhint("steps is how many distinct events after (before) the anchor the path holds; Sankey diagrams read well up to about 5.")));
	if (PG_ARGISNULL(3) || PG_ARGISNULL(4))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_POINTER(PG_GETARG_POINTER(0));
	}
	ev = PG_GETARG_TEXT_PP(4);
	eb = eb_transition_state(fcinfo, fn);
	params[PP_DIRECTION] = dir;
	params[PP_STEPS] = steps;
	eb_set_params(eb, params, 2, fn);
	eb_append(eb, node_timestamp(fcinfo, 3, is_bigint, fn),
			  (!PG_ARGISNULL(5) && PG_GETARG_BOOL(5)) ? 1u << PATH_BASE_BIT : 0,
			  eb_label_id(eb, VARDATA_ANY(ev), VARSIZE_ANY_EXHDR(ev)));
	PG_RETURN_POINTER(eb);
}

/*
 * event_path_trans(internal, text, integer, timestamptz, text, bool) -> internal
 *		Transition function of the timestamptz form.
 */
Datum
event_path_trans(PG_FUNCTION_ARGS)
{
	return path_accumulate(fcinfo, false);
}

/*
 * event_path_int_trans(internal, text, integer, bigint, text, bool) -> internal
 *		Transition function of the bigint form.
 */
Datum
event_path_int_trans(PG_FUNCTION_ARGS)
{
	return path_accumulate(fcinfo, true);
}

/*
 * event_path_final(internal) -> text[]
 *		Forward: the first anchor node's value, then the values of the nodes
 *		after it with each run of equal consecutive values taken once, up to
 *		steps + 1 elements.  Backward: the same walking back from the last
 *		anchor node, returned in time order (the anchor's value last).  NULL
 *		when no node is an anchor.
 */
Datum
event_path_final(PG_FUNCTION_ARGS)
{
	EventBuffer *eb = path_nodes(fcinfo, 2, "event_path");
	const EngEvent *ev;
	int64		n,
				a = -1,
				step;
	int			len = 0,
				cap;
	Datum	   *d;
	uint32		prev;

	if (eb == NULL)
		PG_RETURN_NULL();
	ev = eb->events;
	n = eb->nevents;
	step = eb->params[PP_DIRECTION] == PATH_FORWARD ? 1 : -1;
	for (int64 k = 0; k < n && a < 0; k++)
	{
		int64		i = (step > 0) ? k : n - 1 - k;

		if (ev[i].flags & (1u << PATH_BASE_BIT))
			a = i;
	}
	if (a < 0)
		PG_RETURN_NULL();
	cap = (int) eb->params[PP_STEPS] + 1;
	d = palloc(sizeof(Datum) * cap);
	d[len++] = PointerGetDatum(label_text(eb, &ev[a]));
	prev = ev[a].aux;
	for (int64 i = a + step; i >= 0 && i < n && len < cap; i += step)
		if (ev[i].aux != prev)
		{
			d[len++] = PointerGetDatum(label_text(eb, &ev[i]));
			prev = ev[i].aux;
		}
	if (step < 0)
		for (int k = 0; k < len / 2; k++)
		{
			Datum		t = d[k];

			d[k] = d[len - 1 - k];
			d[len - 1 - k] = t;
		}
	PG_RETURN_ARRAYTYPE_P(construct_array(d, len, TEXTOID, -1, false, TYPALIGN_INT));
}

/*
 * path_edges(path text[]) -> TABLE (depth integer, from_event text, to_event text)
 *		The edges of a path, one row per pair of neighbours: (k, path[k],
 *		path[k + 1]) for k = 1 .. length - 1, so that GROUP BY depth, from,
 *		to over every customer's path gives the links of a Sankey diagram.
 *		Elements are passed through as they are (a NULL stays NULL).
 */
Datum
path_edges(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	ArrayType  *path = PG_GETARG_ARRAYTYPE_P(0);
	Datum	   *elems;
	bool	   *enulls;
	int			n;

	if (ARR_NDIM(path) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("path_edges path must be a one-dimensional array"),
				 errhint("Pass the text[] that event_path returns.")));
	deconstruct_array(path, TEXTOID, -1, false, TYPALIGN_INT, &elems, &enulls, &n);
	InitMaterializedSRF(fcinfo, 0);
	for (int k = 0; k + 1 < n; k++)
	{
		Datum		values[3];
		bool		nulls[3] = {false, enulls[k], enulls[k + 1]};

		values[0] = Int32GetDatum(k + 1);
		values[1] = elems[k];
		values[2] = elems[k + 1];
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}
