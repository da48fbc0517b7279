/*
 * event_buffer.h
 *		The one growable, mergeable, serialisable list of events that funnels,
 *		sequences, transitions and lifecycle aggregate into (retention and
 *		retention_periods keep bitmaps instead: retention.c).
 *
 * An event is 16 bytes: a timestamp (microseconds, either a timestamptz or a
 * caller's raw bigint clock), a 32-bit flag word (which steps / conditions the
 * row matched) and a 32-bit auxiliary value the family defines (a stage id, a
 * row sequence number...).  Besides the events a buffer carries a few int64
 * parameters that must be the same on every row of a group (window, mode bits,
 * number of steps): captured from the first row, checked on every later row and
 * on merge, and serialised with the events.
 *
 * A family whose events carry a text label (a stage name) interns it in the
 * buffer's label dictionary (eb_label_id) and stores the returned id in aux:
 * labels live once per group in the aggregate context, merge remaps the ids of
 * the merged buffer, and the serial form carries the labels.  A buffer with
 * labels therefore has aux < nlabels on every event.
 *
 * Life cycle: the transition function gets or creates the buffer in the
 * aggregate context (eb_transition_state) and appends; combine merges; the final
 * function sorts once (eb_sort) and walks buf->events[0 .. nevents).
 */
#ifndef EVENT_BUFFER_H
#define EVENT_BUFFER_H

#include "fmgr.h"
#include "access/tupdesc.h"

#include "engagement.h"

typedef struct EngEvent
{
	int64		ts;
	uint32		flags;
	uint32		aux;
} EngEvent;

/* largest number of events one group may buffer: 1 GiB of events (67,108,864); past
 * it a group gets 54000 rather than growing until the kernel kills the backend */
#define EB_MAX_EVENTS	((int64) (ENG_MAX_GROUP_BYTES / sizeof(EngEvent)))

/* number of int64 parameter slots a buffer carries */
#define EB_NPARAMS		4

/* largest number of distinct labels one group may hold */
#define EB_MAX_LABELS	((int32) (MaxAllocSize / 2 / sizeof(EbLabel)))

/* one interned label: its bytes (not NUL-terminated, in the aggregate context) */
typedef struct EbLabel
{
	const char *str;
	int32		len;
	uint32		hash;
} EbLabel;

typedef struct EventBuffer
{
	int64		nevents;
	int64		capacity;
	EngEvent   *events;
	bool		sorted;
	int			nparams;		/* -1 until the first row sets them */
	int64		params[EB_NPARAMS];
	int32		nlabels;		/* label dictionary: labels[0 .. nlabels) */
	int32		labelcap;
	EbLabel    *labels;
	int32		nslots;			/* open-addressing hash of label ids, -1 = empty */
	int32	   *slots;
	int64		labelbytes;		/* total bytes of all labels */
	int32		last_label;		/* id eb_label_id returned last (checked first) */
	MemoryContext ctx;			/* the aggregate context that owns events */
} EventBuffer;

extern EventBuffer *eb_create(MemoryContext ctx);
extern EventBuffer *eb_transition_state(FunctionCallInfo fcinfo, const char *fn);
pg_noreturn extern void eb_params_mismatch(const char *fn);
extern void eb_set_params_general(EventBuffer *eb, const int64 *params, int nparams, const char *fn);
extern void eb_grow(EventBuffer *eb);
extern uint32 eb_label_id(EventBuffer *eb, const char *str, int32 len);
extern void eb_merge(EventBuffer *dst, const EventBuffer *src);
extern void eb_sort(EventBuffer *eb);
extern EventBuffer *eb_final_state(FunctionCallInfo fcinfo, const char *fn);
extern TupleDesc eb_result_tupdesc(FunctionCallInfo fcinfo, const char *fn);
extern EventBuffer *eb_deserialize(bytea *b, MemoryContext ctx);

/*
 * eb_set_params
 *		Capture the group's constant parameters on its first row, check them on
 *		every later row (eb_set_params_general); inline for the per-row case of
 *		parameters equal to the captured ones.
 */
static inline void
eb_set_params(EventBuffer *eb, const int64 *params, int nparams, const char *fn)
{
	if (likely(eb->nparams == nparams) &&
		memcmp(eb->params, params, nparams * sizeof(int64)) == 0)
		return;
	eb_set_params_general(eb, params, nparams, fn);
}

/*
 * eb_append
 *		Add one event; inline because it runs once per input row.
 */
static inline void
eb_append(EventBuffer *eb, int64 ts, uint32 flags, uint32 aux)
{
	EngEvent   *e;

	if (unlikely(eb->nevents == eb->capacity))
		eb_grow(eb);
	e = &eb->events[eb->nevents++];
	e->ts = ts;
	e->flags = flags;
	e->aux = aux;
	eb->sorted = false;
}

#endif							/* EVENT_BUFFER_H */
