/*
 * partial.h
 *		partial_state (src/partial.c) and the *_dist aggregates that use it
 *		(src/dist.c): the kinds of wrapped state and the generic transition and
 *		final functions the per-aggregate entry points call.
 */
#ifndef ENGAGEMENT_PARTIAL_H
#define ENGAGEMENT_PARTIAL_H

#include "fmgr.h"

/*
 * A kind: the internal state of one family of original transition functions,
 * with the combine function and binary form (serialize, deserialize) it
 * shares with the other aggregates of its family.  A state is only ever
 * combined with or finished as its own kind.  The index in partial_kinds is
 * the kind byte of the flat form, so entries are only ever appended.
 */
typedef struct PartialKind
{
	const char *name;
	PGFunction	combine;
	PGFunction	serialize;
	PGFunction	deserialize;
} PartialKind;

extern const PartialKind partial_kinds[];
extern const int partial_nkinds;

extern Datum partial_trans(FunctionCallInfo fcinfo, PGFunction trans, int kind, const char *fn);
extern Datum partial_final(FunctionCallInfo fcinfo, PGFunction final, int kind, const char *fn);

/*
 * One transition entry point per original transition function and one final
 * entry point per original final function, named <original>_partial (each
 * accepts only states of its own kind).
 */
#define PARTIAL_TRANS(orig, kind, aggname) \
	extern Datum orig(PG_FUNCTION_ARGS); \
	PG_FUNCTION_INFO_V1(orig##_partial); \
	Datum orig##_partial(PG_FUNCTION_ARGS) \
	{ return partial_trans(fcinfo, orig, kind, aggname); }
#define PARTIAL_FINAL(orig, kind, aggname) \
	extern Datum orig(PG_FUNCTION_ARGS); \
	PG_FUNCTION_INFO_V1(orig##_partial); \
	Datum orig##_partial(PG_FUNCTION_ARGS) \
	{ return partial_final(fcinfo, orig, kind, aggname); }

#endif							/* ENGAGEMENT_PARTIAL_H */
