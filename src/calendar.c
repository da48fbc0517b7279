/*
 * calendar.c
 *		Calendar periods (hour, day, ISO week, month, quarter, year) in an
 *		explicit time zone, exactly as date_trunc(unit, ts, zone) draws them.
 *
 * The zone is resolved the way date_trunc resolves its zone argument (an
 * abbreviation first, then a full zone name or a POSIX zone specification) and
 * every conversion names it explicitly, so no result depends on the session's
 * TimeZone.  Periods from a day up are numbered by local calendar arithmetic
 * (Julian day, Monday of the ISO week, months since year 0...); their start is
 * the local midnight converted back the way date_trunc does (a midnight that a
 * DST jump skips resolves to the instant of the jump).  An hour period is one
 * date_trunc('hour', ts, zone) class: the local hour with the offset in force,
 * so a repeated local hour is two periods and a skipped one none; hour periods
 * are counted by walking the zone's transitions (pg_next_dst_boundary).
 */
#include "postgres.h"

#include "common/hashfn.h"
#include "parser/scansup.h"
#include "utils/builtins.h"
#include "utils/datetime.h"

#include "calendar.h"
#include "compat.h"

/* seconds from the Unix epoch (pg_time_t) to PostgreSQL's (2000-01-01) */
#define CAL_EPOCH_SECS	((int64) (POSTGRES_EPOCH_JDATE - UNIX_EPOCH_JDATE) * SECS_PER_DAY)

static bool cal_zone_change(const EngCalendar *cal, TimestampTz t, int64 *before,
							TimestampTz *when, int64 *after);

static const char *const cal_unit_names[] = {"hour", "day", "week", "month", "quarter", "year"};

#define CAL_UNIT_HINT "Valid units are hour, day, week, month, quarter and year."

/*
 * floor_div, floor_mod
 *		Division rounding down and its non-negative remainder (b > 0).
 */
static inline int64
floor_div(int64 a, int64 b)
{
	return a / b - (a % b < 0 ? 1 : 0);
}

static inline int64
floor_mod(int64 a, int64 b)
{
	int64		r = a % b;

	return r < 0 ? r + b : r;
}

/*
 * cal_lookup_zone
 *		The zone date_trunc(unit, ts, name) would use: a time zone abbreviation
 *		(fixed offset or dynamic), else a full zone name or POSIX specification.
 *		22023 when none matches, with the same message on every server
 *		version.  The one place that calls a version-dependent server API:
 *		DecodeTimezoneAbbrev gained a type and an error-detail argument in
 *		PostgreSQL 16.
 */
static pg_tz *
cal_lookup_zone(const char *name, const char *fn)
{
	pg_tz	   *tz = NULL;
	char	   *lower = downcase_truncate_identifier(name, strlen(name), false);
	int			offset;
	int			type;

#if PG_VERSION_NUM >= 160000
	DateTimeErrorExtra extra;

	if (DecodeTimezoneAbbrev(0, lower, &type, &offset, &tz, &extra) != 0)
		type = UNKNOWN_FIELD;
#else
	type = DecodeTimezoneAbbrev(0, lower, &offset, &tz);
#endif
	if (type == TZ || type == DTZ)
		tz = pg_tzset_offset(-offset);
	else if (type != DYNTZ)
		tz = pg_tzset(name);
	if (tz == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s time zone \"%s\" not recognized", fn, name),
				 errhint("Pass a zone name from pg_timezone_names such as 'America/New_York', an abbreviation from pg_timezone_abbrevs, or a POSIX zone such as 'UTC+3'.")));
	return tz;
}

/*
 * eng_calendar_arg_resolve
 *		Slow path of eng_calendar_arg: parse the unit (22023 with the list of
 *		units when unknown), resolve the zone, and cache both with the raw
 *		argument bytes in fn_extra (allocated on first use in fn_mcxt).  The
 *		period cache starts empty.
 */
EngCalendar *
eng_calendar_arg_resolve(FunctionCallInfo fcinfo, int unit_argno, int zone_argno, const char *fn)
{
	EngCalendar *cal = (EngCalendar *) fcinfo->flinfo->fn_extra;
	text	   *u = unit_argno < 0 ? NULL : PG_GETARG_TEXT_PP(unit_argno);
	text	   *z = PG_GETARG_TEXT_PP(zone_argno);
	char	   *unit = u == NULL ? "day" : text_to_cstring(u);
	char	   *zone = text_to_cstring(z);
	int			found = -1;
	pg_tz	   *tz;
	const char *canon;
	long int	gmtoff;

	for (int i = 0; i < (int) lengthof(cal_unit_names); i++)
		if (pg_strcasecmp(unit, cal_unit_names[i]) == 0)
			found = i;
	if (found < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s unit \"%s\" is not a calendar unit", fn, unit),
				 errhint(CAL_UNIT_HINT)));
	if (VARSIZE_ANY_EXHDR(z) > ENG_CAL_ZONE_MAX)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s time zone name is too long", fn),
				 errhint("Pass a zone name from pg_timezone_names such as 'America/New_York'.")));
	tz = cal_lookup_zone(zone, fn);

	if (cal == NULL)
	{
		cal = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(EngCalendar));
		fcinfo->flinfo->fn_extra = cal;
	}
	cal->unit = (EngCalUnit) found;
	cal->tz = tz;
	canon = pg_get_timezone_name(tz);
	cal->id = ((int64) hash_bytes((const unsigned char *) canon, strlen(canon)) << 8) | found;
	cal->unitlen = u == NULL ? 0 : VARSIZE_ANY_EXHDR(u);
	if (u != NULL)
		memcpy(cal->unitarg, VARDATA_ANY(u), cal->unitlen);
	cal->zonelen = VARSIZE_ANY_EXHDR(z);
	memcpy(cal->zonearg, VARDATA_ANY(z), cal->zonelen);
	cal->slot_width = found == ENG_CAL_HOUR ? USECS_PER_HOUR : USECS_PER_DAY;
	cal->slot_offset = 0;
	memset(cal->slots, 0, sizeof(cal->slots));
	if (!pg_get_timezone_offset(tz, &gmtoff))
	{
		TimestampTz when;
		int64		after;

		/* the offset at 2000-01-01 (ignoring any transition after it) */
		(void) cal_zone_change(cal, 0, &cal->slot_offset, &when, &after);
	}
	else
		cal->slot_offset = (int64) gmtoff * USECS_PER_SEC;
	return cal;
}

/*
 * cal_out_of_range
 *		22008 for a period that starts outside the range of timestamptz (the
 *		first local period of 4714 BC in a zone east of Greenwich).
 */
pg_noreturn static void
cal_out_of_range(const char *fn)
{
	ereport(ERROR,
			(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
			 errmsg("a calendar period of %s would start outside the range of timestamptz", fn),
			 errhint("Filter out events this close to the ends of the timestamptz range.")));
}

/*
 * cal_zone_change
 *		The offset (microseconds east of UTC) in force at t, and whether the
 *		zone changes offset or rules after t: then *when is the first such
 *		instant and *after the offset from then on.
 */
static bool
cal_zone_change(const EngCalendar *cal, TimestampTz t, int64 *before, TimestampTz *when,
				int64 *after)
{
	pg_time_t	s = (pg_time_t) (floor_div(t, USECS_PER_SEC) + CAL_EPOCH_SECS);
	pg_time_t	boundary;
	long int	before_off,
				after_off;
	int			before_dst,
				after_dst;
	int			r = pg_next_dst_boundary(&s, &before_off, &before_dst, &boundary,
										 &after_off, &after_dst, cal->tz);

	*before = (int64) before_off * USECS_PER_SEC;
	if (r != 1 || boundary - CAL_EPOCH_SECS >= END_TIMESTAMP / USECS_PER_SEC)
		return false;
	*when = (boundary - CAL_EPOCH_SECS) * USECS_PER_SEC;
	*after = (int64) after_off * USECS_PER_SEC;
	return true;
}

/*
 * hour_start
 *		date_trunc('hour', t, zone) for an instant t at offset off: the local
 *		hour's start at the same offset.
 */
static inline TimestampTz
hour_start(TimestampTz t, int64 off)
{
	return t - floor_mod(t + off, USECS_PER_HOUR);
}

/*
 * hour_class_changes
 *		Whether a zone transition at T (offsets before / after) starts a new hour
 *		period: date_trunc('hour') differs on its two sides.
 */
static inline bool
hour_class_changes(TimestampTz T, int64 before, int64 after)
{
	return hour_start(T, after) != hour_start(T - 1, before);
}

/*
 * eng_calendar_count_hours
 *		The number of hour periods that start in (a, b]: local hour boundaries
 *		at the offset in force, plus the transitions that change the hour
 *		period without falling on one.  So the hour period of b is this many
 *		periods after that of a.
 */
int64
eng_calendar_count_hours(EngCalendar *cal, TimestampTz a, TimestampTz b)
{
	int64		n = 0;
	TimestampTz t = a;

	for (;;)
	{
		int64		before,
					after;
		TimestampTz when;
		bool		more = cal_zone_change(cal, t, &before, &when, &after);
		TimestampTz last = (more && when <= b) ? when - 1 : b;

		n += floor_div(last + before, USECS_PER_HOUR) - floor_div(t + before, USECS_PER_HOUR);
		if (!more || when > b)
			return n;
		if (hour_class_changes(when, before, after))
			n++;
		t = when;
	}
}

/*
 * hour_lookup
 *		The hour period holding ts; *end is the first instant after ts in
 *		another hour period.  22008 for an hour that starts before the first
 *		valid timestamp.
 */
static void
hour_lookup(EngCalendar *cal, TimestampTz ts, EngPeriod *p, TimestampTz *end, const char *fn)
{
	TimestampTz t = ts;
	int64		before,
				after,
				off = 0;
	TimestampTz when;

	for (;;)
	{
		bool		more = cal_zone_change(cal, t, &before, &when, &after);
		TimestampTz e = hour_start(t, before) + USECS_PER_HOUR;

		if (t == ts)
			p->start = hour_start(ts, before);
		if (!more || when >= e)
		{
			*end = e;
			off = (more && when == e) ? after : before;
			break;
		}
		if (hour_class_changes(when, before, after))
		{
			*end = when;
			off = after;
			break;
		}
		t = when;
	}
	if (p->start < MIN_TIMESTAMP)
		cal_out_of_range(fn);
	p->index = p->start;
	p->next = *end >= END_TIMESTAMP ? END_TIMESTAMP : hour_start(*end, off);
}

/*
 * local_midnight
 *		The instant date_trunc gives for the local midnight starting Julian day
 *		jd: the zone's offset for that wall-clock time (DetermineTimeZoneOffset
 *		resolves skipped and repeated times as date_trunc does).  False when it
 *		falls outside the range of timestamptz.
 */
static bool
local_midnight(const EngCalendar *cal, int jd, TimestampTz *result)
{
	struct pg_tm tm;
	int			tz;

	memset(&tm, 0, sizeof(tm));
	j2date(jd, &tm.tm_year, &tm.tm_mon, &tm.tm_mday);
	tz = DetermineTimeZoneOffset(&tm, cal->tz);
	return tm2timestamp(&tm, 0, &tz, result) == 0;
}

/*
 * cal_remember
 *		Keep period p, valid for the instants [lo, hi), in the slot of ts.
 */
static void
cal_remember(EngCalendar *cal, TimestampTz ts, TimestampTz lo, TimestampTz hi, const EngPeriod *p)
{
	EngPeriodSlot *slot = eng_calendar_slot(cal, ts);

	slot->lo = lo;
	slot->hi = hi;
	slot->period = *p;
}

/*
 * eng_calendar_lookup
 *		Slow path of eng_calendar_period: the period holding ts, remembered for
 *		the instants that certainly share it ([min(ts, start), next) from a day
 *		up; for hours [ts, first instant of the next hour period)).
 */
void
eng_calendar_lookup(EngCalendar *cal, TimestampTz ts, EngPeriod *p, const char *fn)
{
	struct pg_tm tm;
	fsec_t		fsec;
	int			tz,
				jd,
				first,
				next;
	TimestampTz end;

	if (cal->unit == ENG_CAL_HOUR)
	{
		hour_lookup(cal, ts, p, &end, fn);
		cal_remember(cal, ts, ts, end, p);
		return;
	}
	if (timestamp2tm(ts, &tz, &tm, &fsec, NULL, cal->tz) != 0)
		cal_out_of_range(fn);
	jd = date2j(tm.tm_year, tm.tm_mon, tm.tm_mday);
	switch (cal->unit)
	{
		case ENG_CAL_DAY:
			p->index = first = jd;
			next = jd + 1;
			break;
		case ENG_CAL_WEEK:
			first = jd - (j2day(jd) + 6) % 7;	/* j2day: 0 = Sunday */
			p->index = first / 7;	/* every Monday has the same remainder */
			next = first + 7;
			break;
		case ENG_CAL_MONTH:
			p->index = (int64) tm.tm_year * MONTHS_PER_YEAR + tm.tm_mon - 1;
			first = date2j(tm.tm_year, tm.tm_mon, 1);
			next = tm.tm_mon == 12 ? date2j(tm.tm_year + 1, 1, 1) : date2j(tm.tm_year, tm.tm_mon + 1, 1);
			break;
		case ENG_CAL_QUARTER:
			{
				int			q = (tm.tm_mon - 1) / 3;

				p->index = (int64) tm.tm_year * 4 + q;
				first = date2j(tm.tm_year, 3 * q + 1, 1);
				next = q == 3 ? date2j(tm.tm_year + 1, 1, 1) : date2j(tm.tm_year, 3 * q + 4, 1);
				break;
			}
		default:
			p->index = tm.tm_year;
			first = date2j(tm.tm_year, 1, 1);
			next = date2j(tm.tm_year + 1, 1, 1);
			break;
	}
	if (!local_midnight(cal, first, &p->start))
		cal_out_of_range(fn);
	if (!local_midnight(cal, next, &p->next))
		p->next = END_TIMESTAMP;
	cal_remember(cal, ts, Min(ts, p->start), p->next, p);
}
