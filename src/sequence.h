/*
 * sequence.h
 *		What sequence.c's pattern matcher offers other families: the chain of
 *		events a pattern takes (sequence_match_events, in paths.c).
 */
#ifndef SEQUENCE_H
#define SEQUENCE_H

#include "fmgr.h"

extern bool sequence_match_chain(FunctionCallInfo fcinfo, int64 **ts, int *n, bool *is_bigint);

#endif							/* SEQUENCE_H */
