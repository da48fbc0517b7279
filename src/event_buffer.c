/*
 * event_buffer.c
 *		The shared event list of funnels, sequences, transitions and
 *		lifecycle: growth in the aggregate context, merge (combine), one sort in
 *		the final function, and a portable versioned serial form for parallel
 *		query.  See event_buffer.h for the layout.
 */
#include "postgres.h"

#include "common/hashfn.h"
#include "funcapi.h"
#include "libpq/pqformat.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "utils/memutils.h"

#include "engagement.h"
#include "event_buffer.h"

/*
 * serial format: byte 2, nparams (int32, -1..EB_NPARAMS), params, nevents
 * (int64), events (16 bytes each), nlabels (int32), then per label its length
 * (int32) and bytes.  Format 1 had no label section.
 */
#define EB_SERIAL_FORMAT 2
#define EB_EVENT_SERIAL_SIZE 16

PG_FUNCTION_INFO_V1(event_buffer_combine);
PG_FUNCTION_INFO_V1(event_buffer_serialize);
PG_FUNCTION_INFO_V1(event_buffer_deserialize);
PG_FUNCTION_INFO_V1(event_buffer_check);

static void eb_order_labels(EventBuffer *eb);

/*
 * eb_create
 *		An empty buffer whose events will live in ctx (the aggregate context).
 */
EventBuffer *
eb_create(MemoryContext ctx)
{
	EventBuffer *eb = MemoryContextAllocZero(ctx, sizeof(EventBuffer));

	eb->ctx = ctx;
	eb->nparams = -1;
	eb->sorted = true;
	return eb;
}

/*
 * eb_transition_state
 *		The buffer passed as argument 0 of a transition function, created in the
 *		aggregate context on the group's first row.
 */
EventBuffer *
eb_transition_state(FunctionCallInfo fcinfo, const char *fn)
{
	EventBuffer *eb = eng_existing_agg_state(fcinfo);
	MemoryContext aggctx;

	if (likely(eb != NULL))
		return eb;
	aggctx = eng_agg_context(fcinfo, fn);
	if (PG_ARGISNULL(0))
		return eb_create(aggctx);
	return (EventBuffer *) PG_GETARG_POINTER(0);
}

/*
 * eb_final_state
 *		The buffer a final function reads, sorted (ties by label text when it
 *		has labels); NULL when the group had no buffered rows at all.
 */
EventBuffer *
eb_final_state(FunctionCallInfo fcinfo, const char *fn)
{
	EventBuffer *eb;

	(void) eng_agg_context(fcinfo, fn);
	if (PG_ARGISNULL(0))
		return NULL;
	eb = (EventBuffer *) PG_GETARG_POINTER(0);
	if (eb->nlabels > 1)
		eb_order_labels(eb);
	eb_sort(eb);
	return eb;
}

/*
 * eb_result_tupdesc
 *		The blessed row descriptor of a final function's composite result
 *		(session_summary, btyd_summary), looked up on the first group and kept
 *		in fn_extra (in fn_mcxt) for the rest of the query: the catalog lookup
 *		and copy would otherwise run once per group, a large share of a
 *		per-customer query whose groups have one or two events.  The final
 *		function must not use fn_extra for anything else.
 */
TupleDesc
eb_result_tupdesc(FunctionCallInfo fcinfo, const char *fn)
{
	TupleDesc	tupdesc = (TupleDesc) fcinfo->flinfo->fn_extra;

	if (tupdesc == NULL)
	{
		MemoryContext old;

		if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
			elog(ERROR, "%s: return type must be a row type", fn);
		old = MemoryContextSwitchTo(fcinfo->flinfo->fn_mcxt);
		tupdesc = BlessTupleDesc(CreateTupleDescCopy(tupdesc));
		MemoryContextSwitchTo(old);
		fcinfo->flinfo->fn_extra = tupdesc;
	}
	return tupdesc;
}

/*
 * eb_params_mismatch
 *		The error for a parameter (window, mode, number of steps) that changes
 *		between rows of one group: the result would be undefined.  Also used by
 *		the retention bitmaps, whose parameters follow the same rule.
 */
void
eb_params_mismatch(const char *fn)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("%s parameters must be the same on every row of a group", fn),
			 errhint("Pass every argument other than the timestamp and the per-row values (window, gap, period, mode, pattern, number of conditions) as a constant.")));
}

/*
 * eb_set_params_general
 *		Capture the group's constant parameters on the first row and check that
 *		every later row passes the same ones (the out-of-line part of
 *		eb_set_params).
 */
void
eb_set_params_general(EventBuffer *eb, const int64 *params, int nparams, const char *fn)
{
	Assert(nparams >= 0 && nparams <= EB_NPARAMS);
	if (eb->nparams < 0)
	{
		eb->nparams = nparams;
		memcpy(eb->params, params, nparams * sizeof(int64));
	}
	else if (eb->nparams != nparams ||
			 memcmp(eb->params, params, nparams * sizeof(int64)) != 0)
		eb_params_mismatch(fn);
}

/* capacity (events) above which buffers grow by 1.5x instead of 2x: 8 kB */
#define EB_GROW_SLOW	512

/*
 * eb_reserve
 *		Make room for 'need' events in total and refuse groups past
 *		EB_MAX_EVENTS with 54000 before allocating anything.  The capacity
 *		doubles up to EB_GROW_SLOW events (small chunks are rounded up to a
 *		power of two by the allocator anyway), then grows by half: a large group
 *		wastes at most a third of its buffer instead of half, for a few more
 *		copies (amortised 3 per event instead of 2).
 */
static void
eb_reserve(EventBuffer *eb, int64 need)
{
	int64		newcap;

	if (need <= eb->capacity)
		return;
	if (need > EB_MAX_EVENTS)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("too many events in one group: more than " INT64_FORMAT, EB_MAX_EVENTS),
				 errhint("Group by a finer key (customer, or customer and month), or filter out rows that match no step.")));
	if (eb->capacity < EB_GROW_SLOW)
		newcap = Max(eb->capacity * 2, 8);
	else
		newcap = eb->capacity + eb->capacity / 2;
	newcap = Max(newcap, need);
	newcap = Min(newcap, EB_MAX_EVENTS);
	if (eb->events == NULL)
		eb->events = MemoryContextAllocHuge(eb->ctx, newcap * sizeof(EngEvent));
	else
		eb->events = repalloc_huge(eb->events, newcap * sizeof(EngEvent));
	eb->capacity = newcap;
}

/*
 * eb_grow
 *		Out-of-line slow path of eb_append.
 */
void
eb_grow(EventBuffer *eb)
{
	eb_reserve(eb, eb->nevents + 1);
}

/*
 * eb_label_rehash
 *		Rebuild the open-addressing table of label ids with nslots slots (a
 *		power of two, at least twice the number of labels).
 */
static void
eb_label_rehash(EventBuffer *eb, int32 nslots)
{
	if (eb->slots)
		pfree(eb->slots);
	eb->slots = MemoryContextAlloc(eb->ctx, nslots * sizeof(int32));
	memset(eb->slots, -1, nslots * sizeof(int32));
	eb->nslots = nslots;
	for (int32 id = 0; id < eb->nlabels; id++)
	{
		uint32		i = eb->labels[id].hash & (nslots - 1);

		while (eb->slots[i] >= 0)
			i = (i + 1) & (nslots - 1);
		eb->slots[i] = id;
	}
}

/*
 * eb_label_id
 *		The id of a label in the group's dictionary, adding a copy of it (in the
 *		aggregate context) the first time it is seen.  Ids are dense, in order
 *		of first appearance; 54000 past EB_MAX_LABELS distinct labels.  The id
 *		returned last is tried first, by its bytes: consecutive rows of a group
 *		often carry the same label (a stage, a key, a constant pattern), and
 *		then no hash is computed.
 */
uint32
eb_label_id(EventBuffer *eb, const char *str, int32 len)
{
	uint32		hash;
	uint32		i;
	EbLabel    *l;
	char	   *copy;

	if (eb->last_label < eb->nlabels)
	{
		l = &eb->labels[eb->last_label];
		if (l->len == len && memcmp(l->str, str, len) == 0)
			return (uint32) eb->last_label;
	}
	hash = hash_bytes((const unsigned char *) str, len);
	if (eb->nslots > 0)
		for (i = hash & (eb->nslots - 1); eb->slots[i] >= 0; i = (i + 1) & (eb->nslots - 1))
		{
			l = &eb->labels[eb->slots[i]];
			if (l->hash == hash && l->len == len && memcmp(l->str, str, len) == 0)
				return (uint32) (eb->last_label = eb->slots[i]);
		}
	if (eb->nlabels >= EB_MAX_LABELS ||
		eb->labelbytes + len > (int64) (MaxAllocSize / 2))
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("too many distinct labels in one group: more than %d, or more than %zu bytes",
						EB_MAX_LABELS, MaxAllocSize / 2),
				 errhint("Map the labels to a small set of stage names first.")));
	if (eb->nlabels == eb->labelcap)
	{
		eb->labelcap = Min(Max(eb->labelcap * 2, 8), EB_MAX_LABELS);
		eb->labels = eb->labels == NULL ?
			MemoryContextAlloc(eb->ctx, eb->labelcap * sizeof(EbLabel)) :
			repalloc(eb->labels, eb->labelcap * sizeof(EbLabel));
	}
	copy = MemoryContextAlloc(eb->ctx, Max(len, 1));
	memcpy(copy, str, len);
	l = &eb->labels[eb->nlabels];
	l->str = copy;
	l->len = len;
	l->hash = hash;
	eb->labelbytes += len;
	eb->nlabels++;
	if (eb->nlabels * 2 > eb->nslots)
		eb_label_rehash(eb, Max(eb->nslots * 2, 16));
	else
	{
		for (i = hash & (eb->nslots - 1); eb->slots[i] >= 0; i = (i + 1) & (eb->nslots - 1))
			;
		eb->slots[i] = eb->nlabels - 1;
	}
	eb->last_label = eb->nlabels - 1;
	return (uint32) eb->last_label;
}

/*
 * eb_label_cmp
 *		Byte order of two labels (as COLLATE "C" orders text), for qsort_arg
 *		over label ids.
 */
static int
eb_label_cmp(const void *a, const void *b, void *arg)
{
	const EbLabel *la = &((const EbLabel *) arg)[*(const uint32 *) a];
	const EbLabel *lb = &((const EbLabel *) arg)[*(const uint32 *) b];
	int			c = memcmp(la->str, lb->str, Min(la->len, lb->len));

	if (c != 0)
		return c;
	return (la->len > lb->len) - (la->len < lb->len);
}

/*
 * eb_order_labels
 *		Renumber the labels in byte order and translate every event's aux, so
 *		that the event sort breaks timestamp ties by label text, whatever order
 *		the labels were first seen in.  Called by eb_final_state.
 */
static void
eb_order_labels(EventBuffer *eb)
{
	uint32	   *order = palloc(eb->nlabels * sizeof(uint32));
	uint32	   *rank = palloc(eb->nlabels * sizeof(uint32));
	EbLabel    *sorted = MemoryContextAlloc(eb->ctx, eb->labelcap * sizeof(EbLabel));

	for (int32 i = 0; i < eb->nlabels; i++)
		order[i] = i;
	qsort_arg(order, eb->nlabels, sizeof(uint32), eb_label_cmp, eb->labels);
	for (int32 k = 0; k < eb->nlabels; k++)
	{
		rank[order[k]] = k;
		sorted[k] = eb->labels[order[k]];
	}
	for (int64 i = 0; i < eb->nevents; i++)
	{
		Assert(eb->events[i].aux < (uint32) eb->nlabels);
		eb->events[i].aux = rank[eb->events[i].aux];
	}
	pfree(eb->labels);
	eb->labels = sorted;
	eb_label_rehash(eb, eb->nslots);
	eb->sorted = false;
	pfree(order);
	pfree(rank);
}

/*
 * eb_cmp
 *		Event order: timestamp, then flag word, then aux, so that ties sort the
 *		same way whatever order the rows arrived in.
 */
static inline int
eb_cmp(const EngEvent *a, const EngEvent *b)
{
	if (a->ts != b->ts)
		return a->ts < b->ts ? -1 : 1;
	if (a->flags != b->flags)
		return a->flags < b->flags ? -1 : 1;
	if (a->aux != b->aux)
		return a->aux < b->aux ? -1 : 1;
	return 0;
}

/*
 * eb_merge_sorted
 *		eb_merge of two sorted buffers without labels: one linear merge from
 *		the back into dst's grown array, so dst stays sorted and the final
 *		function's sort is a no-op.  Parallel workers sort their buffers before
 *		serialising them (event_buffer_serialize), so the leader merges sorted
 *		runs instead of sorting the whole group alone.
 */
static void
eb_merge_sorted(EventBuffer *dst, const EventBuffer *src)
{
	int64		i = dst->nevents - 1;
	int64		j = src->nevents - 1;
	int64		k = dst->nevents + src->nevents - 1;

	eb_reserve(dst, dst->nevents + src->nevents);
	while (j >= 0)
	{
		if (i >= 0 && eb_cmp(&dst->events[i], &src->events[j]) > 0)
			dst->events[k--] = dst->events[i--];
		else
			dst->events[k--] = src->events[j--];
		if ((k & 0xFFFF) == 0)
			CHECK_FOR_INTERRUPTS();
	}
	dst->nevents += src->nevents;
}

/*
 * eb_merge
 *		Append src's events, parameters and labels to dst (the combine step).
 *		When src has labels, its events' aux values are label ids and are
 *		translated to dst's ids.
 */
void
eb_merge(EventBuffer *dst, const EventBuffer *src)
{
	uint32	   *map = NULL;

	if (src->nparams >= 0)
		eb_set_params(dst, src->params, src->nparams, "aggregate");
	if (src->nlabels > 0)
	{
		map = palloc(src->nlabels * sizeof(uint32));
		for (int32 i = 0; i < src->nlabels; i++)
			map[i] = eb_label_id(dst, src->labels[i].str, src->labels[i].len);
	}
	if (src->nevents > 0 && map == NULL && dst->sorted && src->sorted)
		eb_merge_sorted(dst, src);
	else if (src->nevents > 0)
	{
		eb_reserve(dst, dst->nevents + src->nevents);
		memcpy(dst->events + dst->nevents, src->events, src->nevents * sizeof(EngEvent));
		if (map)
			for (int64 i = 0; i < src->nevents; i++)
			{
				EngEvent   *e = &dst->events[dst->nevents + i];

				Assert(e->aux < (uint32) src->nlabels);
				e->aux = map[e->aux];
			}
		dst->nevents += src->nevents;
		dst->sorted = false;
	}
	if (map)
		pfree(map);
}

#define ST_SORT eb_sort_events
#define ST_ELEMENT_TYPE EngEvent
#define ST_COMPARE(a, b) eb_cmp(a, b)
#define ST_SCOPE static
#define ST_CHECK_FOR_INTERRUPTS
#define ST_DEFINE
#include "lib/sort_template.h"

/*
 * eb_sort
 *		Sort the events once (the final function's first step); a no-op on an
 *		already sorted buffer.
 */
void
eb_sort(EventBuffer *eb)
{
	if (eb->sorted)
		return;
	eb_sort_events(eb->events, eb->nevents);
	eb->sorted = true;
}

/*
 * event_buffer_combine(internal, internal) -> internal
 *		Combine function shared by every event-buffer aggregate.  Not strict:
 *		a NULL side means "no rows yet"; the left state is reused in place.
 */
Datum
event_buffer_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggctx = eng_agg_context(fcinfo, "event_buffer_combine");
	EventBuffer *dst;

	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_POINTER(PG_GETARG_POINTER(0));
	}
	dst = PG_ARGISNULL(0) ? eb_create(aggctx) : (EventBuffer *) PG_GETARG_POINTER(0);
	eb_merge(dst, (EventBuffer *) PG_GETARG_POINTER(1));
	PG_RETURN_POINTER(dst);
}

/*
 * event_buffer_serialize(internal) -> bytea
 *		Portable form for parallel workers: network byte order, format byte
 *		first, no pointers; the events sorted.
 */
Datum
event_buffer_serialize(PG_FUNCTION_ARGS)
{
	EventBuffer *eb;
	StringInfoData buf;
	Size		events_size;
	Size		labels_size;

	(void) eng_agg_context(fcinfo, "event_buffer_serialize");
	eb = (EventBuffer *) PG_GETARG_POINTER(0);
	/* sorted in the worker, so the leader merges (eb_merge_sorted) rather than sorts */
	eb_sort(eb);
	labels_size = 4 + (Size) eb->nlabels * 4 + (Size) eb->labelbytes;
	if ((Size) eb->nevents > (MaxAllocHugeSize - ENG_SERIAL_SLACK) / EB_EVENT_SERIAL_SIZE ||
		(events_size = (Size) eb->nevents * EB_EVENT_SERIAL_SIZE) + labels_size >
		MaxAllocSize - ENG_SERIAL_SLACK - 8 * EB_NPARAMS)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("too many events in one group to pass to a parallel worker: " INT64_FORMAT,
						eb->nevents),
				 errhint("Group by a finer key, or disable parallel query for this statement (SET max_parallel_workers_per_gather = 0).")));
	pq_begintypsend(&buf);
	enlargeStringInfo(&buf, 32 + 8 * EB_NPARAMS + events_size + labels_size);
	pq_sendbyte(&buf, EB_SERIAL_FORMAT);
	pq_sendint32(&buf, eb->nparams);
	for (int i = 0; i < eb->nparams; i++)
		pq_sendint64(&buf, eb->params[i]);
	pq_sendint64(&buf, eb->nevents);
	for (int64 i = 0; i < eb->nevents; i++)
	{
		pq_sendint64(&buf, eb->events[i].ts);
		pq_sendint32(&buf, eb->events[i].flags);
		pq_sendint32(&buf, eb->events[i].aux);
	}
	pq_sendint32(&buf, eb->nlabels);
	for (int32 i = 0; i < eb->nlabels; i++)
	{
		pq_sendint32(&buf, eb->labels[i].len);
		pq_sendbytes(&buf, eb->labels[i].str, eb->labels[i].len);
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/*
 * eb_deserialize
 *		Rebuild a buffer in ctx from its serial form, checking the format byte,
 *		every count and length against the bytes actually present, that labels
 *		are distinct valid text, and that every event's label id exists.  The
 *		one parser behind event_buffer_deserialize and event_buffer_check.
 */
EventBuffer *
eb_deserialize(bytea *b, MemoryContext ctx)
{
	StringInfoData buf;
	EventBuffer *eb;
	int			nparams;
	int64		n;
	int32		nlabels;

	eng_state_reader(b, &buf);

	if (buf.len < 1 + 4 + 8 + 4)
		eng_corrupt_state("event buffer", "too short");
	if (pq_getmsgbyte(&buf) != EB_SERIAL_FORMAT)
		eng_corrupt_state("event buffer", "unknown format version");
	nparams = pq_getmsgint(&buf, 4);
	if (nparams < -1 || nparams > EB_NPARAMS)
		eng_corrupt_state("event buffer", "bad parameter count");
	if (buf.len - buf.cursor < 8 * Max(nparams, 0) + 8 + 4)
		eng_corrupt_state("event buffer", "truncated parameters");

	eb = eb_create(ctx);
	eb->nparams = nparams;
	for (int i = 0; i < nparams; i++)
		eb->params[i] = pq_getmsgint64(&buf);
	n = pq_getmsgint64(&buf);
	if (n < 0 || n > EB_MAX_EVENTS ||
		(int64) (buf.len - buf.cursor) < n * EB_EVENT_SERIAL_SIZE + 4)
		eng_corrupt_state("event buffer", "event count does not match its length");
	eb_reserve(eb, n);
	for (int64 i = 0; i < n; i++)
	{
		eb->events[i].ts = pq_getmsgint64(&buf);
		eb->events[i].flags = (uint32) pq_getmsgint(&buf, 4);
		eb->events[i].aux = (uint32) pq_getmsgint(&buf, 4);
	}
	eb->nevents = n;
	eb->sorted = true;
	for (int64 i = 1; i < n && eb->sorted; i++)
		eb->sorted = eb_cmp(&eb->events[i - 1], &eb->events[i]) <= 0;

	nlabels = pq_getmsgint(&buf, 4);
	if (nlabels < 0 || nlabels > EB_MAX_LABELS || nlabels > (buf.len - buf.cursor) / 4)
		eng_corrupt_state("event buffer", "bad label count");
	for (int32 i = 0; i < nlabels; i++)
	{
		int32		len = (buf.len - buf.cursor >= 4) ? (int32) pq_getmsgint(&buf, 4) : -1;
		const char *str;

		if (len < 0 || len > buf.len - buf.cursor)
			eng_corrupt_state("event buffer", "label length does not match its bytes");
		str = pq_getmsgbytes(&buf, len);
		if (!pg_verifymbstr(str, len, true))
			eng_corrupt_state("event buffer", "label is not valid text");
		if (eb_label_id(eb, str, len) != (uint32) i)
			eng_corrupt_state("event buffer", "duplicate label");
	}
	if (nlabels > 0)
		for (int64 i = 0; i < n; i++)
			if (eb->events[i].aux >= (uint32) nlabels)
				eng_corrupt_state("event buffer", "event refers to a missing label");
	if (buf.cursor != buf.len)
		eng_corrupt_state("event buffer", "trailing bytes");
	return eb;
}

/*
 * event_buffer_deserialize(bytea, internal) -> internal
 *		Rebuild a buffer from a parallel worker in the aggregate context.
 */
Datum
event_buffer_deserialize(PG_FUNCTION_ARGS)
{
	MemoryContext aggctx = eng_agg_context(fcinfo, "event_buffer_deserialize");

	PG_RETURN_POINTER(eb_deserialize(PG_GETARG_BYTEA_PP(0), aggctx));
}

/*
 * event_buffer_check(bytea) -> bigint
 *		Diagnostic: validate a serialised event buffer exactly as the
 *		deserialiser does (22P03 if it does not parse) and return its number of
 *		events.  Lets tests and users inspect the format parallel workers
 *		exchange, which the internal-typed deserialiser cannot be called with.
 */
Datum
event_buffer_check(PG_FUNCTION_ARGS)
{
	EventBuffer *eb = eb_deserialize(PG_GETARG_BYTEA_PP(0), CurrentMemoryContext);

	PG_RETURN_INT64(eb->nevents);
}
