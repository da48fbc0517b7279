/*
 * transitions.c
 *		stage_transitions: every change of stage of a group (usually one
 *		customer) in time order, with how long the stage left had lasted, and
 *		optional "dormant" moves across long gaps.
 *
 * Rows go into the shared event buffer as (timestamp, 0, stage label id); the
 * stage text lives once per group in the buffer's label dictionary.  The final
 * function gets the events sorted by (timestamp, stage text in byte order) and
 * walks them once, emitting a transition whenever the stage differs from the
 * current one.  With a dormancy interval, a gap longer than it between two
 * consecutive events behaves as if a row with stage 'dormant' had arrived at
 * (previous event + dormancy).
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "funcapi.h"
#include "catalog/pg_type.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/timestamp.h"
#include "utils/typcache.h"

#include "engagement.h"
#include "event_buffer.h"

/* the group's constant parameters, stored in the event buffer header */
#define TP_DORMANCY	0			/* microseconds; 0 = no dormancy */
#define TP_COUNT	1

/* the stage a dormancy gap moves to */
#define DORMANT_LABEL "dormant"

PG_FUNCTION_INFO_V1(stage_transitions_trans);
PG_FUNCTION_INFO_V1(stage_transitions_final);

/*
 * stage_transitions_trans(internal, timestamptz, text [, interval]) -> internal
 *		Buffer one row.  A NULL timestamp or a NULL stage skips the row;
 *		infinite timestamps and a NULL, zero or negative dormancy are errors.
 */
Datum
stage_transitions_trans(PG_FUNCTION_ARGS)
{
	EventBuffer *eb;
	TimestampTz ts;
	text	   *stage;
	int64		params[TP_COUNT] = {0};

	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
	{
		(void) eng_agg_context(fcinfo, "stage_transitions");
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_POINTER(PG_GETARG_POINTER(0));
	}
	eb = eb_transition_state(fcinfo, "stage_transitions");
	ts = PG_GETARG_TIMESTAMPTZ(1);
	eng_check_finite_ts(ts, "stage_transitions");
	if (PG_NARGS() > 3)
	{
		if (PG_ARGISNULL(3))
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("stage_transitions dormancy must not be null"),
					 errhint("Pass a positive interval, or call stage_transitions(ts, stage) for no dormancy.")));
		params[TP_DORMANCY] = eng_interval_usecs(PG_GETARG_INTERVAL_P(3),
												 "stage_transitions dormancy");
	}
	eb_set_params(eb, params, TP_COUNT, "stage_transitions");
	stage = PG_GETARG_TEXT_PP(2);
	eb_append(eb, ts, 0, eb_label_id(eb, VARDATA_ANY(stage), VARSIZE_ANY_EXHDR(stage)));
	PG_RETURN_POINTER(eb);
}

/*
 * TransitionOutput
 *		The array being built by the final function, and a text datum per
 *		stage label made on first use.
 */
typedef struct TransitionOutput
{
	EventBuffer *eb;
	TupleDesc	tupdesc;
	Datum	   *labeltext;		/* per label id, 0 until made */
	Datum		dormant;
	Datum	   *elems;
	int			nelems;
	int			maxelems;
} TransitionOutput;

/*
 * stage_datum
 *		The text of stage id (-1 is the virtual 'dormant' stage).
 */
static Datum
stage_datum(TransitionOutput *out, int64 id)
{
	const EbLabel *l;

	if (id < 0)
		return out->dormant;
	if (out->labeltext[id] == (Datum) 0)
	{
		l = &out->eb->labels[id];
		out->labeltext[id] = PointerGetDatum(cstring_to_text_with_len(l->str, l->len));
	}
	return out->labeltext[id];
}

/*
 * emit
 *		Append one (from_stage, to_stage, at, dwell) element; from < -1 marks
 *		the entry transition, whose from_stage and dwell are NULL.  dwell is
 *		at - entered in days and time as timestamptz subtraction writes it,
 *		but exact for any two valid timestamps (eng_span_interval).
 */
static void
emit(TransitionOutput *out, int64 from, int64 to, TimestampTz at, TimestampTz entered)
{
	Datum		values[4];
	bool		nulls[4] = {false, false, false, false};

	if (out->nelems == out->maxelems)
	{
		if (out->maxelems >= (int) MaxArraySize / 2)
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("too many stage transitions in one group for an array"),
					 errhint("Group by a finer key (customer, or customer and month).")));
		out->maxelems = Max(out->maxelems * 2, 16);
		out->elems = repalloc_huge(out->elems, out->maxelems * sizeof(Datum));
	}
	if (from < -1)
	{
		nulls[0] = true;
		nulls[3] = true;
		values[0] = values[3] = (Datum) 0;
	}
	else
	{
		values[0] = stage_datum(out, from);
		values[3] = IntervalPGetDatum(eng_span_interval(at, entered));
	}
	values[1] = stage_datum(out, to);
	values[2] = TimestampTzGetDatum(at);
	out->elems[out->nelems++] =
		HeapTupleGetDatum(heap_form_tuple(out->tupdesc, values, nulls));
}

/*
 * dormant_id
 *		The label id of a real stage named 'dormant', so that a dormancy gap
 *		while already in it is no change of stage; -1 when there is none.
 */
static int64
dormant_id(const EventBuffer *eb)
{
	for (int32 i = 0; i < eb->nlabels; i++)
		if (eb->labels[i].len == (int32) strlen(DORMANT_LABEL) &&
			memcmp(eb->labels[i].str, DORMANT_LABEL, eb->labels[i].len) == 0)
			return i;
	return -1;
}

/*
 * stage_transitions_final(internal) -> stage_transition[]
 *		Walk the sorted events: an entry transition on the first one, then one
 *		transition per change of stage, with dormant moves across gaps longer
 *		than the dormancy.  NULL when the group had no usable row.
 */
Datum
stage_transitions_final(PG_FUNCTION_ARGS)
{
	EventBuffer *eb = eb_final_state(fcinfo, "stage_transitions");
	TransitionOutput out;
	Oid			elemtype;
	int64		dormancy;
	int64		dormant;
	int64		cur;
	TimestampTz entered;
	TimestampTz prev;
	ArrayType  *result;

	if (eb == NULL || eb->nevents == 0)
		PG_RETURN_NULL();
	if (eb->nparams != TP_COUNT || eb->params[TP_DORMANCY] < 0 || eb->nlabels == 0)
		eng_forged_state("stage_transitions", "its parameters are out of range");
	dormancy = eb->params[TP_DORMANCY];
	dormant = dormant_id(eb);

	elemtype = get_element_type(get_func_rettype(fcinfo->flinfo->fn_oid));
	if (!OidIsValid(elemtype))
		elog(ERROR, "stage_transitions_final must return an array");
	memset(&out, 0, sizeof(out));
	out.eb = eb;
	out.tupdesc = lookup_rowtype_tupdesc(elemtype, -1);
	out.labeltext = palloc0(eb->nlabels * sizeof(Datum));
	out.dormant = CStringGetTextDatum(DORMANT_LABEL);
	out.maxelems = 16;
	out.elems = palloc(out.maxelems * sizeof(Datum));

	cur = eb->events[0].aux;
	entered = prev = eb->events[0].ts;
	emit(&out, -2, cur, entered, entered);
	for (int64 i = 1; i < eb->nevents; i++)
	{
		const EngEvent *e = &eb->events[i];

		CHECK_FOR_INTERRUPTS();
		if (dormancy > 0 && (int128) e->ts - prev > dormancy)
		{
			/* prev + dormancy < e->ts, so it is a valid timestamp */
			TimestampTz at = prev + dormancy;

			if (cur != dormant)
			{
				emit(&out, cur, dormant, at, entered);
				cur = dormant;
				entered = at;
			}
		}
		if ((int64) e->aux != cur)
		{
			emit(&out, cur, e->aux, e->ts, entered);
			cur = e->aux;
			entered = e->ts;
		}
		prev = e->ts;
	}

	result = construct_array(out.elems, out.nelems, elemtype, -1, false, TYPALIGN_DOUBLE);
	ReleaseTupleDesc(out.tupdesc);
	PG_RETURN_ARRAYTYPE_P(result);
}
