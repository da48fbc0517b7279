/*
 * funnel_options.h
 *		What funnel_options.c (window_funnel / funnel_times with jsonb options)
 *		shares with funnel_optional.c (the scan for funnels with optional steps):
 *		the parsed options, a scan's result and the scan entry point.
 */
#ifndef FUNNEL_OPTIONS_H
#define FUNNEL_OPTIONS_H

#include "common/int.h"
#include "utils/jsonb.h"

#include "engagement.h"
#include "event_buffer.h"

#define FO_MAX			ENG_MAX_CONDITIONS

#define FO_FN			"window_funnel"
#define FO_SERIAL_FORMAT 3
#define FO_OPTION_KEYS	"exclude, step_windows, first_time, order, optional, attribution"

/* what the text argument of a row is: nothing, a held key, an attributed value */
#define FO_TEXT_NONE	0
#define FO_TEXT_KEY		1
#define FO_TEXT_VALUE	2

/* funnel_breakdown: flag of a row whose value is NULL (its aux is 0, meaningless) */
#define FO_NULL_VALUE	(1u << 31)
/* a value id meaning NULL in scans (sorts after every label id) */
#define FO_NO_VALUE		PG_UINT32_MAX
/* attribution: the first or the last step of the reported chain, or a step number >= 1 */
#define FO_FIRST_TOUCH	(-1)
#define FO_LAST_TOUCH	(-2)

/* the parsed options of a group; compared with memcmp, so always zero-filled first */
typedef struct FoOptions
{
	int32		nsteps;
	int32		nexcl;			/* exclusion e is condition nsteps + e */
	int32		unordered;
	int32		first_time;
	int32		textarg;		/* FO_TEXT_*: what each event's aux (a label id) is */
	int32		attribution;	/* funnel_breakdown: FO_FIRST_TOUCH, FO_LAST_TOUCH or a step */
	uint32		optional;		/* bit s: 0-based step s may be skipped (never 0 or the last) */
	int32		excl_from[FO_MAX];	/* 0-based steps: void when strictly between */
	int32		excl_to[FO_MAX];
	int64		window;
	int64		gap[FO_MAX];	/* gap[s]: most time from step s-1 to step s, 0 = any */
} FoOptions;

/*
 * FoResult
 *		What a scan found: the level and, per step reached, when.
 */
typedef struct FoResult
{
	int			level;
	int64		times[FO_MAX];
	uint32		vals[FO_MAX];	/* funnel_breakdown: value id per step, FO_NO_VALUE = NULL */
} FoResult;

/*
 * fo_within
 *		Whether later - earlier <= limit (a difference past int64 is not).
 */
static inline bool
fo_within(int64 later, int64 earlier, int64 limit)
{
	int64		d;

	return !pg_sub_s64_overflow(later, earlier, &d) && d <= limit;
}

/* funnel_options_parse.c */
pg_noreturn extern void fo_bad_option(const char *msg, const char *hint);
extern void fo_parse(Jsonb *jb, int nconds, int64 window, int textarg, FoOptions *o);
extern void fo_parse_cached(FunctionCallInfo fcinfo, Jsonb *jb, int nconds, int64 window,
							int textarg, FoOptions *o);

/* funnel_optional.c: the ordered scan when some steps are optional */
extern void fo_scan_optional(const FoOptions *o, const EngEvent *ev, int64 n, FoResult *res);
extern int	fo_optional_reached(const FoResult *res);

#endif							/* FUNNEL_OPTIONS_H */
