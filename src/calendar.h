/*
 * calendar.h
 *		Calendar periods in an explicit time zone, shared by the calendar forms of
 *		lifecycle, retention_periods and btyd_summary (calendar.c).
 *
 * A period is what date_trunc(unit, ts, zone) gives: local wall-clock
 * boundaries in the zone, whatever the session's TimeZone.  A function resolves
 * its unit and zone arguments once per query (eng_calendar_arg caches them in
 * fn_extra and compares the raw argument bytes on later rows) and looks periods
 * up through a small cache of recent periods, so most rows cost a comparison.
 */
#ifndef CALENDAR_H
#define CALENDAR_H

#include "fmgr.h"
#include "compat.h"
#include "pgtime.h"
#include "utils/timestamp.h"

typedef enum EngCalUnit
{
	ENG_CAL_HOUR,
	ENG_CAL_DAY,
	ENG_CAL_WEEK,
	ENG_CAL_MONTH,
	ENG_CAL_QUARTER,
	ENG_CAL_YEAR
} EngCalUnit;

/* the longest zone argument accepted (PostgreSQL's own limit on zone names) */
#define ENG_CAL_ZONE_MAX	TZ_STRLEN_MAX

/* one calendar period: [start of its first instant .. next) on the time line */
typedef struct EngPeriod
{
	int64		index;			/* day..year: consecutive integers per period; hour: start */
	TimestampTz start;			/* date_trunc(unit, ts, zone) */
	TimestampTz next;			/* the next period's start (END_TIMESTAMP if none) */
} EngPeriod;

/* one cached period, valid for the instants in [lo, hi) (lo = hi: empty) */
typedef struct EngPeriodSlot
{
	TimestampTz lo,
				hi;
	EngPeriod	period;
} EngPeriodSlot;

/* number of cached periods: a slot per local hour or day, 256 hours or days apart */
#define ENG_CAL_SLOTS	256

typedef struct EngCalendar
{
	EngCalUnit	unit;
	pg_tz	   *tz;
	int64		id;				/* unit and zone in one value, equal for equal arguments */
	/* the raw unit and zone arguments these were resolved from */
	Size		unitlen;
	char		unitarg[16];
	Size		zonelen;
	char		zonearg[ENG_CAL_ZONE_MAX + 1];
	/* recent periods, direct-mapped by local hour or day (eng_calendar_slot) */
	int64		slot_offset;	/* the zone's offset when resolved, aligning slots */
	int64		slot_width;		/* an hour for hour periods, else a day */
	EngPeriodSlot slots[ENG_CAL_SLOTS];
} EngCalendar;

extern EngCalendar *eng_calendar_arg_resolve(FunctionCallInfo fcinfo, int unit_argno,
											 int zone_argno, const char *fn);
extern void eng_calendar_lookup(EngCalendar *cal, TimestampTz ts, EngPeriod *p, const char *fn);
extern int64 eng_calendar_count_hours(EngCalendar *cal, TimestampTz a, TimestampTz b);

/*
 * eng_calendar_arg(fcinfo, unit_argno, zone_argno, fn): the calendar of a row's
 * unit and zone arguments (both non-NULL; unit_argno < 0: days), from fn_extra
 * when they are the bytes resolved before (the per-row case), else resolved and
 * cached.  fn_extra must not be used for anything else.
 */
static inline EngCalendar *
eng_calendar_arg(FunctionCallInfo fcinfo, int unit_argno, int zone_argno, const char *fn)
{
	EngCalendar *cal = (EngCalendar *) fcinfo->flinfo->fn_extra;
	text	   *z = PG_GETARG_TEXT_PP(zone_argno);

	if (likely(cal != NULL) && VARSIZE_ANY_EXHDR(z) == cal->zonelen &&
		memcmp(VARDATA_ANY(z), cal->zonearg, cal->zonelen) == 0)
	{
		text	   *u;

		if (unit_argno < 0)
			return cal;
		u = PG_GETARG_TEXT_PP(unit_argno);
		if (VARSIZE_ANY_EXHDR(u) == cal->unitlen &&
			memcmp(VARDATA_ANY(u), cal->unitarg, cal->unitlen) == 0)
			return cal;
	}
	return eng_calendar_arg_resolve(fcinfo, unit_argno, zone_argno, fn);
}

/*
 * eng_calendar_slot(cal, ts): the cache slot of instant ts, by its local hour or
 * day at the zone's offset when resolved (rows of many groups interleave in a
 * hash aggregate, so one remembered period would rarely match)
 */
static inline EngPeriodSlot *
eng_calendar_slot(EngCalendar *cal, TimestampTz ts)
{
	int64		k = (ts + cal->slot_offset) / cal->slot_width;

	return &cal->slots[(uint64) k % ENG_CAL_SLOTS];
}

/*
 * eng_calendar_period(cal, ts, p, fn): the period holding ts (finite); inline for
 * the per-row case of an instant in a period looked up before.
 */
static inline void
eng_calendar_period(EngCalendar *cal, TimestampTz ts, EngPeriod *p, const char *fn)
{
	const EngPeriodSlot *slot = eng_calendar_slot(cal, ts);

	if (likely(ts >= slot->lo && ts < slot->hi))
		*p = slot->period;
	else
		eng_calendar_lookup(cal, ts, p, fn);
}

#endif							/* CALENDAR_H */
