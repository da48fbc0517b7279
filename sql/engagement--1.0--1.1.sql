-- engagement 1.0 -> 1.1 upgrade script.
--
-- Every SQL object that 1.1 adds or changes after the frozen 1.0 release
-- (sql/engagement--1.0.sql, never edited) reaches a 1.0 database through this file,
-- exactly as sql/engagement.sql (the source of a fresh 1.1 install) defines it; the
-- upgrade test (test/upgrade) requires the updated catalog to equal a fresh install's.
-- Stored values are never rewritten here.

\echo Use "ALTER EXTENSION engagement UPDATE TO '1.1'" to load this file. \quit

-- ==== retention ====
-- calendar forms (1.1): periods are date_trunc(unit, ts, zone) in the zone given, whatever
-- the session's TimeZone; unit is hour, day, week, month, quarter or year
CREATE FUNCTION retention_periods_trans(internal, timestamptz, timestamptz, text, integer, text)
	RETURNS internal
	AS 'MODULE_PATHNAME', 'retention_periods_calendar_trans' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION retention_periods_trans(internal, timestamptz, timestamptz, text, integer, text) IS
	'transition function of calendar retention_periods: mark the calendar period after first_seen''s that ts falls in';
CREATE AGGREGATE retention_periods(first_seen timestamptz, ts timestamptz, unit text, n integer, tz text) (
	SFUNC = retention_periods_trans, STYPE = internal, FINALFUNC = retention_periods_final,
	FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = retention_bits_combine, SERIALFUNC = retention_bits_serialize,
	DESERIALFUNC = retention_bits_deserialize, SSPACE = 48, PARALLEL = SAFE
);
COMMENT ON AGGREGATE retention_periods(timestamptz, timestamptz, text, integer, text) IS
	'cohort retention of one customer in calendar periods: element k+1 = 1 if active in the k-th period (unit, zone) after the one holding first_seen';

CREATE FUNCTION lifecycle_trans(internal, timestamptz, text, timestamptz, text) RETURNS internal
	AS 'MODULE_PATHNAME', 'lifecycle_calendar_trans' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION lifecycle_trans(internal, timestamptz, text, timestamptz, text) IS
	'transition function of calendar lifecycle: buffer the calendar period of each event at or before as_of';
CREATE AGGREGATE lifecycle(ts timestamptz, unit text, as_of timestamptz, tz text) (
	SFUNC = lifecycle_trans, STYPE = internal, FINALFUNC = lifecycle_final,
	FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = event_buffer_combine, SERIALFUNC = event_buffer_serialize,
	DESERIALFUNC = event_buffer_deserialize, PARALLEL = SAFE
);
COMMENT ON AGGREGATE lifecycle(timestamptz, text, timestamptz, text) IS
	'PostHog lifecycle of one customer in calendar periods (unit, zone): (period_start, status) up to as_of''s period';


-- ==== rfm (btyd) ====
-- calendar form (1.1): purchase days are calendar days in the zone given
CREATE FUNCTION btyd_summary_trans(internal, timestamptz, float8, timestamptz, interval, text) RETURNS internal
	AS 'MODULE_PATHNAME', 'btyd_summary_calendar_trans' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION btyd_summary_trans(internal, timestamptz, float8, timestamptz, interval, text) IS
	'transition function of calendar btyd_summary: buffers one purchase under its local day';
CREATE AGGREGATE btyd_summary(ts timestamptz, amount float8, calibration_end timestamptz, period interval, tz text) (
	SFUNC = btyd_summary_trans, STYPE = internal, FINALFUNC = btyd_summary_final, FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = event_buffer_combine, SERIALFUNC = event_buffer_serialize, DESERIALFUNC = event_buffer_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE btyd_summary(timestamptz, float8, timestamptz, interval, text) IS
	'per-customer BTYD summary (x, t_x, t, monetary) with purchase days the calendar days of zone tz, t_x and t from local midnights';
CREATE FUNCTION btyd_summary_trans(internal, timestamptz, integer, timestamptz, interval, text) RETURNS internal
	AS 'MODULE_PATHNAME', 'btyd_summary_calendar_trans' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION btyd_summary_trans(internal, timestamptz, integer, timestamptz, interval, text) IS
	'transition function of calendar btyd_summary with an integer amount';
CREATE AGGREGATE btyd_summary(ts timestamptz, amount integer, calibration_end timestamptz, period interval, tz text) (
	SFUNC = btyd_summary_trans, STYPE = internal, FINALFUNC = btyd_summary_final, FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = event_buffer_combine, SERIALFUNC = event_buffer_serialize, DESERIALFUNC = event_buffer_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE btyd_summary(timestamptz, integer, timestamptz, interval, text) IS
	'calendar btyd_summary with an integer amount (exact-type overload)';
CREATE FUNCTION btyd_summary_trans(internal, timestamptz, numeric, timestamptz, interval, text) RETURNS internal
	AS 'MODULE_PATHNAME', 'btyd_summary_calendar_trans' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION btyd_summary_trans(internal, timestamptz, numeric, timestamptz, interval, text) IS
	'transition function of calendar btyd_summary with a numeric amount';
CREATE AGGREGATE btyd_summary(ts timestamptz, amount numeric, calibration_end timestamptz, period interval, tz text) (
	SFUNC = btyd_summary_trans, STYPE = internal, FINALFUNC = btyd_summary_final, FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = event_buffer_combine, SERIALFUNC = event_buffer_serialize, DESERIALFUNC = event_buffer_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE btyd_summary(timestamptz, numeric, timestamptz, interval, text) IS
	'calendar btyd_summary with a numeric amount (exact-type overload)';

-- ==== cohort ====
-- cohort retention with start and return events (first-time and recurring, on-period, on or
-- after, brackets, incomplete periods NULL), churn and Kaplan-Meier survival (1.1); periods
-- are date_trunc(unit, ts, tz) in the zone given, whatever the session's TimeZone
CREATE TYPE cohort_activity AS (unit text, tz text, as_of timestamptz, starts timestamptz[], returns timestamptz[]);
COMMENT ON TYPE cohort_activity IS
	'one customer''s activity (cohort_agg): its unit, zone and as_of, and the starts of the calendar periods with a start event and with a return event, at or before as_of';
CREATE FUNCTION cohort_agg_trans(internal, timestamptz, bool, bool, text, timestamptz, text) RETURNS internal
	AS 'MODULE_PATHNAME', 'cohort_agg_trans' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION cohort_agg_trans(internal, timestamptz, bool, bool, text, timestamptz, text) IS
	'transition function of cohort_agg: buffer the calendar period of a start or return event at or before as_of';
CREATE FUNCTION cohort_agg_final(internal) RETURNS cohort_activity
	AS 'MODULE_PATHNAME', 'cohort_agg_final' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION cohort_agg_final(internal) IS
	'final function of cohort_agg: the distinct start and return periods in order; NULL without a start event';
CREATE AGGREGATE cohort_agg(ts timestamptz, is_start bool, is_return bool, unit text, as_of timestamptz, tz text) (
	SFUNC = cohort_agg_trans, STYPE = internal, FINALFUNC = cohort_agg_final,
	FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = event_buffer_combine, SERIALFUNC = event_buffer_serialize,
	DESERIALFUNC = event_buffer_deserialize, PARALLEL = SAFE
);
COMMENT ON AGGREGATE cohort_agg(timestamptz, bool, bool, text, timestamptz, text) IS
	'one customer''s start and return periods (unit, zone tz) at or before as_of, for cohort_retention, cohort_brackets and cohort_churn';
CREATE FUNCTION cohort_retention(activity cohort_activity, n integer, recurring bool DEFAULT false,
		OUT cohort_start timestamptz, OUT period integer, OUT returned bool, OUT returned_later bool)
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'cohort_retention' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 12;
COMMENT ON FUNCTION cohort_retention(cohort_activity, integer, bool) IS
	'cohort cells of one customer: per cohort row (first start period, or every one when recurring) and period k = 0..n-1, a return in period k and in k or later; NULL while period k has not elapsed';
CREATE FUNCTION cohort_brackets(activity cohort_activity, brackets int4range[], recurring bool DEFAULT false,
		OUT cohort_start timestamptz, OUT bracket int4range, OUT returned bool)
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'cohort_brackets' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 5;
COMMENT ON FUNCTION cohort_brackets(cohort_activity, int4range[], bool) IS
	'bracketed cohort cells of one customer: per cohort row and range of periods, a return in the range; NULL while its last period (unbounded: its first) has not elapsed';
CREATE FUNCTION cohort_period(cohort_start timestamptz, ts timestamptz, unit text, tz text) RETURNS bigint
	AS 'MODULE_PATHNAME', 'cohort_period' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cohort_period(timestamptz, timestamptz, text, text) IS
	'number of calendar periods (unit, zone tz) from cohort_start''s period to ts''s; negative when earlier';
CREATE TYPE cohort_lifetime AS (cohort_start timestamptz, duration integer, churned bool);
COMMENT ON TYPE cohort_lifetime IS
	'a customer''s lifetime in periods from its first start period and whether it churned (cohort_churn)';
CREATE FUNCTION cohort_churn(activity cohort_activity, threshold integer) RETURNS cohort_lifetime
	AS 'MODULE_PATHNAME', 'cohort_churn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cohort_churn(cohort_activity, integer) IS
	'churned after threshold elapsed periods without activity (duration = periods alive), else censored (duration = periods observed)';
CREATE TYPE survival_point AS (period integer, at_risk bigint, churned bigint, censored bigint,
	churn_rate float8, survival float8);
COMMENT ON TYPE survival_point IS
	'one period of a Kaplan-Meier curve: number at risk, churned, censored, churn rate and survival';
CREATE FUNCTION kaplan_meier_trans(internal, integer, bool) RETURNS internal
	AS 'MODULE_PATHNAME', 'kaplan_meier_trans' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION kaplan_meier_trans(internal, integer, bool) IS
	'transition function of kaplan_meier: count one (duration, churned) row';
CREATE FUNCTION kaplan_meier_final(internal) RETURNS survival_point[]
	AS 'MODULE_PATHNAME', 'kaplan_meier_final' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION kaplan_meier_final(internal) IS
	'final function of kaplan_meier: the product-limit curve from period 0 to the longest duration';
CREATE AGGREGATE kaplan_meier(duration integer, churned bool) (
	SFUNC = kaplan_meier_trans, STYPE = internal, FINALFUNC = kaplan_meier_final,
	FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = event_buffer_combine, SERIALFUNC = event_buffer_serialize,
	DESERIALFUNC = event_buffer_deserialize, PARALLEL = SAFE
);
COMMENT ON AGGREGATE kaplan_meier(integer, bool) IS
	'Kaplan-Meier survival over (duration, churned) rows: per period the number at risk, churned, censored, churn rate and survival';
