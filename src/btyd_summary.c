/*
 * btyd_summary.c
 *		The btyd_summary aggregate: an order log per customer turned into the
 *		(x, t_x, t, monetary) summary every "buy 'til you die" model fits on.
 *
 * It buffers (timestamp, amount) pairs in the shared event buffer: the
 * amount's 64 bits travel in the event's flags (high half) and aux (low half)
 * words, calibration_end and period are the buffer's parameters.  The
 * calendar form (a zone argument) buffers each purchase's local day start,
 * date_trunc('day', ts, zone) (calendar.c), instead of its timestamp, and has
 * the zone's id as a third parameter.
 */
#include "postgres.h"

#include <math.h>

#include "funcapi.h"
#include "utils/builtins.h"
#include "utils/float.h"
#include "utils/timestamp.h"

#include "calendar.h"
#include "engagement.h"
#include "event_buffer.h"

PG_FUNCTION_INFO_V1(btyd_summary_trans);
PG_FUNCTION_INFO_V1(btyd_summary_final);
PG_FUNCTION_INFO_V1(btyd_summary_calendar_trans);

/* an amount is kept in an event's two 32-bit words (flags high, aux low) */
#define AMOUNT_HIGH_SHIFT 32

/*
 * btyd_summary_row
 *		The part of a btyd_summary row that both forms share: check
 *		calibration_end (argument 3) and period (argument 4), set the group's
 *		parameters (params[2], the calendar's id, when cal is given), and buffer
 *		the purchase under its timestamp or, with cal, its local day's start.
 *		NULL timestamps are skipped; purchases after calibration_end are skipped
 *		(they belong to the holdout); a NULL amount is kept as a purchase with
 *		unknown value (stored as NaN, which real inputs cannot be).
 */
static Datum
btyd_summary_row(FunctionCallInfo fcinfo, int64 *params, EngCalendar *cal)
{
	const char *fn = "btyd_summary";
	EventBuffer *eb = eb_transition_state(fcinfo, fn);
	TimestampTz ts;
	double		amount;
	uint64		bits;

	if (PG_ARGISNULL(3) || PG_ARGISNULL(4))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("btyd_summary calibration_end and period must not be null"),
				 errhint("Pass the end of the calibration period and the time unit, e.g. '1997-09-30', '7 days'.")));
	params[0] = PG_GETARG_TIMESTAMPTZ(3);
	eng_check_finite_ts(params[0], fn);
	params[1] = eng_interval_usecs(PG_GETARG_INTERVAL_P(4), "btyd_summary period");
	eb_set_params(eb, params, cal ? 3 : 2, fn);

	if (PG_ARGISNULL(1))
		PG_RETURN_POINTER(eb);
	ts = PG_GETARG_TIMESTAMPTZ(1);
	eng_check_finite_ts(ts, fn);
	if (PG_ARGISNULL(2))
		amount = get_float8_nan();
	else
	{
		amount = eng_arg_float8(fcinfo, 2);
		eng_check_finite_float(amount, "btyd_summary amount");
		amount += 0.0;			/* one bit pattern for zero */
	}
	if (ts > params[0])
		PG_RETURN_POINTER(eb);
	if (cal)
	{
		EngPeriod	day;

		eng_calendar_period(cal, ts, &day, fn);
		ts = day.start;
	}
	memcpy(&bits, &amount, sizeof(bits));
	eb_append(eb, ts, (uint32) (bits >> AMOUNT_HIGH_SHIFT), (uint32) bits);
	PG_RETURN_POINTER(eb);
}

/*
 * btyd_summary_trans(internal, ts timestamptz, amount float8,
 *						calibration_end timestamptz, period interval)
 *		Buffer one purchase (btyd_summary_row).
 */
Datum
btyd_summary_trans(PG_FUNCTION_ARGS)
{
	int64		params[2];

	return btyd_summary_row(fcinfo, params, NULL);
}

/*
 * btyd_summary_calendar_trans(internal, ts timestamptz, amount float8,
 *		calibration_end timestamptz, period interval, zone text)
 *		Buffer one purchase under its calendar day in zone (btyd_summary_row);
 *		the zone must be given and constant per group.
 */
Datum
btyd_summary_calendar_trans(PG_FUNCTION_ARGS)
{
	int64		params[3];
	EngCalendar *cal;

	if (PG_ARGISNULL(5))
		eng_null_argument("the time zone", "btyd_summary");
	cal = eng_calendar_arg(fcinfo, -1, 5, "btyd_summary");
	params[2] = cal->id;
	return btyd_summary_row(fcinfo, params, cal);
}

/*
 * event_amount
 *		The amount stored in an event's flags and aux words.
 */
static double
event_amount(const EngEvent *e)
{
	uint64		bits = ((uint64) e->flags << AMOUNT_HIGH_SHIFT) | e->aux;
	double		amount;

	memcpy(&amount, &bits, sizeof(amount));
	return amount;
}

/*
 * btyd_summary_final(internal) -> btyd_summary
 *		The final function of both forms.  Collapse purchases to days (a day's
 *		value is the sum of its amounts): UTC days numbered by eng_utc_day, or,
 *		for a calendar state (three parameters), the local day starts buffered.
 *		Then x = days - 1, t_x = (last day - first day) / period, t =
 *		(calibration_end - first day) / period, each day counted from its
 *		start, and monetary = mean value of the repeat days (first day
 *		excluded; days whose amounts are all NULL left out), 0 when x = 0.
 *		NULL when no purchase precedes calibration_end.  Any two valid
 *		timestamps give a finite positive span, even 4714 BC to 294276 AD.
 */
Datum
btyd_summary_final(PG_FUNCTION_ARGS)
{
	EventBuffer *eb = eb_final_state(fcinfo, "btyd_summary");
	TupleDesc	tupdesc;
	Datum		values[4];
	bool		nulls[4] = {false, false, false, false};
	bool		calendar;
	int64		day_usecs;
	int64		first_day,
				last_day,
				ndays = 0,
				priced_days = 0;
	double		period,
				repeat_total = 0.0;

	if (eb == NULL || eb->nevents == 0)
		PG_RETURN_NULL();
	calendar = eb->nparams == 3;
	day_usecs = calendar ? 1 : USECS_PER_DAY;
	tupdesc = eb_result_tupdesc(fcinfo, "btyd_summary_final");

#define BTYD_DAY(ts) (calendar ? (ts) : (int64) eng_utc_day(ts))
	first_day = BTYD_DAY(eb->events[0].ts);
	last_day = first_day;
	for (int64 i = 0; i < eb->nevents;)
	{
		int64		day = BTYD_DAY(eb->events[i].ts);
		double		total = 0.0;
		bool		priced = false;

		for (; i < eb->nevents && BTYD_DAY(eb->events[i].ts) == day; i++)
		{
			double		amount = event_amount(&eb->events[i]);

			if (!isnan(amount))
			{
				total += amount;
				priced = true;
			}
		}
		if (ndays > 0 && priced)
		{
			repeat_total += total;
			priced_days++;
		}
		ndays++;
		last_day = day;
	}
#undef BTYD_DAY
	/*
	 * spans in 128 bits: two valid timestamps can be more than 2^63
	 * microseconds (about 292,000 years) apart
	 */
	period = (double) eb->params[1];
	values[0] = Float8GetDatum((double) (ndays - 1));
	values[1] = Float8GetDatum((double) ((int128) (last_day - first_day) * day_usecs) / period);
	values[2] = Float8GetDatum((double) ((int128) eb->params[0] - (int128) first_day * day_usecs) / period);
	if (ndays == 1)
		values[3] = Float8GetDatum(0.0);
	else if (priced_days == 0)
		nulls[3] = true;
	else
		values[3] = Float8GetDatum(repeat_total / (double) priced_days);

	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}
