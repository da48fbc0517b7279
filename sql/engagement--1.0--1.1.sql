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


-- ==== activity ====
-- Active users (DAU, WAU, MAU per local day) and stickiness (customers by active days per
-- calendar week or month) over the calendar days of an explicit zone. One state per
-- aggregate: customer -> bitmap of its active days, merged by OR (parallel, partitionwise).
CREATE TYPE active_users_day AS (day date, dau bigint, wau bigint, mau bigint);
COMMENT ON TYPE active_users_day IS
	'one day of active_users: customers active that local day, in the 7 and in the 28 days ending with it';
CREATE TYPE stickiness_bucket AS (period_start date, active_days integer, customers bigint);
COMMENT ON TYPE stickiness_bucket IS
	'one cell of stickiness: customers active on exactly active_days days of the week or month starting period_start';

CREATE FUNCTION activity_combine(internal, internal) RETURNS internal
	AS 'MODULE_PATHNAME', 'activity_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION activity_combine(internal, internal) IS
	'combine function of active_users and stickiness: OR the day bitmaps of equal customers';
CREATE FUNCTION activity_serialize(internal) RETURNS bytea
	AS 'MODULE_PATHNAME', 'activity_serialize' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION activity_serialize(internal) IS 'serial function of active_users and stickiness';
CREATE FUNCTION activity_deserialize(bytea, internal) RETURNS internal
	AS 'MODULE_PATHNAME', 'activity_deserialize' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION activity_deserialize(bytea, internal) IS 'deserial function of active_users and stickiness';

CREATE FUNCTION active_users_trans(internal, bigint, timestamptz, text, date, date) RETURNS internal
	AS 'MODULE_PATHNAME', 'active_users_trans' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION active_users_trans(internal, bigint, timestamptz, text, date, date) IS
	'transition function of active_users: mark the local day of ts for the customer';
CREATE FUNCTION active_users_trans(internal, text, timestamptz, text, date, date) RETURNS internal
	AS 'MODULE_PATHNAME', 'active_users_trans' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION active_users_trans(internal, text, timestamptz, text, date, date) IS
	'transition function of active_users with a text customer';
CREATE FUNCTION active_users_final(internal) RETURNS active_users_day[]
	AS 'MODULE_PATHNAME', 'active_users_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION active_users_final(internal) IS 'final function of active_users: (day, dau, wau, mau) per day';
CREATE AGGREGATE active_users(customer bigint, ts timestamptz, tz text, first_day date, last_day date) (
	SFUNC = active_users_trans, STYPE = internal, FINALFUNC = active_users_final, FINALFUNC_MODIFY = SHAREABLE,
	COMBINEFUNC = activity_combine, SERIALFUNC = activity_serialize, DESERIALFUNC = activity_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE active_users(bigint, timestamptz, text, date, date) IS
	'distinct customers active on each local day of first_day..last_day in zone tz, in the trailing 7 and 28 days';
CREATE AGGREGATE active_users(customer text, ts timestamptz, tz text, first_day date, last_day date) (
	SFUNC = active_users_trans, STYPE = internal, FINALFUNC = active_users_final, FINALFUNC_MODIFY = SHAREABLE,
	COMBINEFUNC = activity_combine, SERIALFUNC = activity_serialize, DESERIALFUNC = activity_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE active_users(text, timestamptz, text, date, date) IS
	'active_users with a text customer';

CREATE FUNCTION stickiness_trans(internal, bigint, timestamptz, text, text, date, date) RETURNS internal
	AS 'MODULE_PATHNAME', 'stickiness_trans' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION stickiness_trans(internal, bigint, timestamptz, text, text, date, date) IS
	'transition function of stickiness: mark the local day of ts for the customer';
CREATE FUNCTION stickiness_trans(internal, text, timestamptz, text, text, date, date) RETURNS internal
	AS 'MODULE_PATHNAME', 'stickiness_trans' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION stickiness_trans(internal, text, timestamptz, text, text, date, date) IS
	'transition function of stickiness with a text customer';
CREATE FUNCTION stickiness_final(internal) RETURNS stickiness_bucket[]
	AS 'MODULE_PATHNAME', 'stickiness_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION stickiness_final(internal) IS
	'final function of stickiness: customers by active days, per period';
CREATE AGGREGATE stickiness(customer bigint, ts timestamptz, unit text, tz text, first_day date, last_day date) (
	SFUNC = stickiness_trans, STYPE = internal, FINALFUNC = stickiness_final, FINALFUNC_MODIFY = SHAREABLE,
	COMBINEFUNC = activity_combine, SERIALFUNC = activity_serialize, DESERIALFUNC = activity_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE stickiness(bigint, timestamptz, text, text, date, date) IS
	'customers by number of active local days in each calendar week or month (unit) of first_day..last_day in zone tz';
CREATE AGGREGATE stickiness(customer text, ts timestamptz, unit text, tz text, first_day date, last_day date) (
	SFUNC = stickiness_trans, STYPE = internal, FINALFUNC = stickiness_final, FINALFUNC_MODIFY = SHAREABLE,
	COMBINEFUNC = activity_combine, SERIALFUNC = activity_serialize, DESERIALFUNC = activity_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE stickiness(text, timestamptz, text, text, date, date) IS
	'stickiness with a text customer';

CREATE FUNCTION active_days_trans(internal, timestamptz, text) RETURNS internal
	AS 'MODULE_PATHNAME', 'active_days_trans' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION active_days_trans(internal, timestamptz, text) IS
	'transition function of active_days: mark the local day of ts';
CREATE FUNCTION active_days_combine(internal, internal) RETURNS internal
	AS 'MODULE_PATHNAME', 'active_days_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION active_days_combine(internal, internal) IS 'combine function of active_days: the union of the days';
CREATE FUNCTION active_days_serialize(internal) RETURNS bytea
	AS 'MODULE_PATHNAME', 'active_days_serialize' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION active_days_serialize(internal) IS 'serial function of active_days';
CREATE FUNCTION active_days_deserialize(bytea, internal) RETURNS internal
	AS 'MODULE_PATHNAME', 'active_days_deserialize' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION active_days_deserialize(bytea, internal) IS 'deserial function of active_days';
CREATE FUNCTION active_days_final(internal) RETURNS integer
	AS 'MODULE_PATHNAME', 'active_days_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION active_days_final(internal) IS 'final function of active_days: the number of distinct days';
CREATE AGGREGATE active_days(ts timestamptz, tz text) (
	SFUNC = active_days_trans, STYPE = internal, FINALFUNC = active_days_final,
	COMBINEFUNC = active_days_combine, SERIALFUNC = active_days_serialize,
	DESERIALFUNC = active_days_deserialize, FINALFUNC_MODIFY = SHAREABLE, SSPACE = 64, PARALLEL = SAFE
);
COMMENT ON AGGREGATE active_days(timestamptz, text) IS
	'number of distinct local days (zone tz) among the group''s rows, e.g. per customer and week';
