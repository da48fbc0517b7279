/*
 * event_buffer.h
 *		The one growable, mergeable, serialisable list of events that funnels,
 *		sequences, transitions, retention and lifecycle aggregate into.
 *
 * An event is 16 bytes: a timestamp (microseconds, either a timestamptz or a
 * caller's raw bigint clock), a 32-bit flag word (which steps / conditions the
 * row matched) and a 32-bit auxiliary value the family defines (a stage id, a
 * row sequence number...).  Besides the events a buffer carries a few int64
 * parameters that must be the same on every row of a group (window, mode bits,
 * number of steps): captured from the first row, checked on every later row and
 * on merge, and serialised with the events.
 *
 * Life cycle: the transition function gets or creates the buffer in the
 * aggregate context (eb_transition_state) and appends; combine merges; the final
 * function sorts once (eb_sort) and walks buf->events[0 .. nevents).
 */
#ifndef EVENT_BUFFER_H
#define EVENT_BUFFER_H

#include "fmgr.h"

typedef struct EngEvent
{
	int64		ts;
	uint32		flags;
	uint32		aux;
} EngEvent;

/* largest number of events one group may buffer (1 GiB of events) */
#define EB_MAX_EVENTS	((int64) (MaxAllocHugeSize / 4 / sizeof(EngEvent)))

/* number of int64 parameter slots a buffer carries */
#define EB_NPARAMS		4

typedef struct EventBuffer
{
	int64		nevents;
	int64		capacity;
	EngEvent   *events;
	bool		sorted;
	int			nparams;		/* -1 until the first row sets them */
	int64		params[EB_NPARAMS];
	MemoryContext ctx;			/* the aggregate context that owns events */
} EventBuffer;

extern EventBuffer *eb_create(MemoryContext ctx);
extern EventBuffer *eb_transition_state(FunctionCallInfo fcinfo, const char *fn);
extern void eb_set_params(EventBuffer *eb, const int64 *params, int nparams, const char *fn);
extern void eb_grow(EventBuffer *eb);
extern void eb_merge(EventBuffer *dst, const EventBuffer *src);
extern void eb_sort(EventBuffer *eb);
extern EventBuffer *eb_final_state(FunctionCallInfo fcinfo, const char *fn);

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
