/*
 * rfm.h
 *		The rfm_state type shared by the RFM files: rfm.c (the type, its
 *		accessors and customer_segment), rfm_agg.c (rfm_agg and rollup),
 *		rfm_score.c (rfm_breaks, rfm_score) and rfm_segment.c (named segments).
 */
#ifndef ENGAGEMENT_RFM_H
#define ENGAGEMENT_RFM_H

#include "fmgr.h"
#include "utils/timestamp.h"

#include "engagement.h"

typedef struct RfmState
{
	EngStateHeader hdr;			/* varlena length and layout version */
	int64		purchases;		/* rows counted */
	int64		days;			/* distinct purchase days; -1 = unknown */
	double		total;			/* sum of amounts */
	TimestampTz first;			/* first purchase (0 when purchases = 0) */
	TimestampTz last;			/* last purchase (0 when purchases = 0) */
	/* format 2 only (rfm_agg with a zone): the local days of first and last */
	int64		first_day;		/* days since 2000-01-01 (0 when purchases = 0) */
	int64		last_day;
} RfmState;

/* format 1: UTC days, the fields up to last; format 2: local days, all fields */
#define RFM_FORMAT_UTC		1
#define RFM_FORMAT_ZONED	2
StaticAssertDecl(offsetof(RfmState, first_day) == 48, "rfm_state format 1 layout changed: give it a new format version");
StaticAssertDecl(sizeof(RfmState) == 64, "rfm_state format 2 layout changed: give it a new format version");

/* format 1 (1.0's layout, UTC days) and format 2 (local days) descriptors (rfm.c) */
extern const EngStateDesc rfm_desc;
extern const EngStateDesc rfm_desc_zoned;

/* the descriptor of a state's own format */
#define RFM_DESC(s)	((s)->hdr.format == RFM_FORMAT_ZONED ? &rfm_desc_zoned : &rfm_desc)

/* score bins: rfm_breaks and rfm_score take 2 to 100 (rfm_score.c) */
#define RFM_MIN_BINS 2
#define RFM_MAX_BINS 100

extern const RfmState *rfm_arg(FunctionCallInfo fcinfo, int n, RfmState *buf);
extern void rfm_check_bins(int64 n, const char *fn);

#endif							/* ENGAGEMENT_RFM_H */
