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


-- ==== funnel_options ====
-- window_funnel mode allow_reentry (1.1): the mode-taking transition functions move to
-- symbols that accept it (the 1.0 symbols keep rejecting it, as 1.0 did)
CREATE OR REPLACE FUNCTION window_funnel_trans(internal, interval, text, timestamptz, bool[]) RETURNS internal
	AS 'MODULE_PATHNAME', 'window_funnel_modes11_trans'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION window_funnel_trans(internal, bigint, text, bigint, bool[]) RETURNS internal
	AS 'MODULE_PATHNAME', 'window_funnel_int_modes11_trans'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION window_funnel_trans(internal, interval, text, timestamptz, bool, bool) RETURNS internal
	AS 'MODULE_PATHNAME', 'window_funnel_mode_steps11_trans'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION window_funnel_trans(internal, interval, text, timestamptz, bool, bool, bool) RETURNS internal
	AS 'MODULE_PATHNAME', 'window_funnel_mode_steps11_trans'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION window_funnel_trans(internal, interval, text, timestamptz, bool, bool, bool, bool) RETURNS internal
	AS 'MODULE_PATHNAME', 'window_funnel_mode_steps11_trans'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION window_funnel_trans(internal, interval, text, timestamptz, bool, bool, bool, bool, bool) RETURNS internal
	AS 'MODULE_PATHNAME', 'window_funnel_mode_steps11_trans'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION window_funnel_trans(internal, interval, text, timestamptz, bool, bool, bool, bool, bool, bool) RETURNS internal
	AS 'MODULE_PATHNAME', 'window_funnel_mode_steps11_trans'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION window_funnel_trans(internal, interval, text, timestamptz, bool, bool, bool, bool, bool, bool, bool) RETURNS internal
	AS 'MODULE_PATHNAME', 'window_funnel_mode_steps11_trans'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION window_funnel_trans(internal, interval, text, timestamptz, bool, bool, bool, bool, bool, bool, bool, bool) RETURNS internal
	AS 'MODULE_PATHNAME', 'window_funnel_mode_steps11_trans'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

-- window_funnel / funnel_times with one jsonb options value (exclusions, per-step windows,
-- first-time, unordered, a held key) and funnel_seconds (1.1)
CREATE FUNCTION funnel_options_trans(internal, interval, jsonb, timestamptz, bool[]) RETURNS internal
	AS 'MODULE_PATHNAME', 'funnel_options_trans'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION funnel_options_trans(internal, interval, jsonb, timestamptz, bool[]) IS
	'transition function of window_funnel and funnel_times with jsonb options';
CREATE FUNCTION funnel_options_trans(internal, interval, jsonb, timestamptz, text, bool[]) RETURNS internal
	AS 'MODULE_PATHNAME', 'funnel_options_key_trans'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION funnel_options_trans(internal, interval, jsonb, timestamptz, text, bool[]) IS
	'transition function of window_funnel and funnel_times with jsonb options and a held key';
CREATE FUNCTION funnel_options_combine(internal, internal) RETURNS internal
	AS 'MODULE_PATHNAME', 'funnel_options_combine'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION funnel_options_combine(internal, internal) IS
	'combine function of window_funnel and funnel_times with jsonb options';
CREATE FUNCTION funnel_options_serialize(internal) RETURNS bytea
	AS 'MODULE_PATHNAME', 'funnel_options_serialize'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION funnel_options_serialize(internal) IS
	'serial function of window_funnel and funnel_times with jsonb options';
CREATE FUNCTION funnel_options_deserialize(bytea, internal) RETURNS internal
	AS 'MODULE_PATHNAME', 'funnel_options_deserialize'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION funnel_options_deserialize(bytea, internal) IS
	'deserial function of window_funnel and funnel_times with jsonb options';
CREATE FUNCTION funnel_options_level_final(internal) RETURNS integer
	AS 'MODULE_PATHNAME', 'funnel_options_level_final'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION funnel_options_level_final(internal) IS
	'final function of window_funnel with jsonb options: the deepest step reached';
CREATE FUNCTION funnel_options_times_final(internal) RETURNS timestamptz[]
	AS 'MODULE_PATHNAME', 'funnel_options_times_final'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION funnel_options_times_final(internal) IS
	'final function of funnel_times with jsonb options: when the reported chain reached each step';

CREATE AGGREGATE window_funnel(window_size interval, options jsonb, ts timestamptz, VARIADIC conditions bool[]) (
	SFUNC = funnel_options_trans, STYPE = internal,
	FINALFUNC = funnel_options_level_final, FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = funnel_options_combine,
	SERIALFUNC = funnel_options_serialize, DESERIALFUNC = funnel_options_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE window_funnel(interval, jsonb, timestamptz, bool[]) IS
	'deepest funnel step reached under jsonb options (exclude, step_windows, first_time, order)';

CREATE AGGREGATE window_funnel(window_size interval, options jsonb, ts timestamptz, key text, VARIADIC conditions bool[]) (
	SFUNC = funnel_options_trans, STYPE = internal,
	FINALFUNC = funnel_options_level_final, FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = funnel_options_combine,
	SERIALFUNC = funnel_options_serialize, DESERIALFUNC = funnel_options_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE window_funnel(interval, jsonb, timestamptz, text, bool[]) IS
	'deepest funnel step reached under jsonb options by a chain whose events share one key';

CREATE AGGREGATE funnel_times(window_size interval, options jsonb, ts timestamptz, VARIADIC conditions bool[]) (
	SFUNC = funnel_options_trans, STYPE = internal,
	FINALFUNC = funnel_options_times_final, FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = funnel_options_combine,
	SERIALFUNC = funnel_options_serialize, DESERIALFUNC = funnel_options_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE funnel_times(interval, jsonb, timestamptz, bool[]) IS
	'when each step of the first chain to reach the deepest level happened, under jsonb options; NULL for steps not reached';

CREATE AGGREGATE funnel_times(window_size interval, options jsonb, ts timestamptz, key text, VARIADIC conditions bool[]) (
	SFUNC = funnel_options_trans, STYPE = internal,
	FINALFUNC = funnel_options_times_final, FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = funnel_options_combine,
	SERIALFUNC = funnel_options_serialize, DESERIALFUNC = funnel_options_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE funnel_times(interval, jsonb, timestamptz, text, bool[]) IS
	'funnel_times under jsonb options for a chain whose events share one key';

CREATE FUNCTION funnel_seconds(times timestamptz[], from_step integer, to_step integer) RETURNS float8
	AS 'MODULE_PATHNAME', 'funnel_seconds'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION funnel_seconds(timestamptz[], integer, integer) IS
	'seconds from step from_step to step to_step of a funnel_times array; NULL if either was not reached';

-- Fixed-arity overloads for 2 to 8 conditions written as separate arguments (no bool[] is
-- built per row; the same results as the VARIADIC forms).
CREATE FUNCTION funnel_options_trans(internal, interval, jsonb, timestamptz, bool, bool) RETURNS internal
	AS 'MODULE_PATHNAME', 'funnel_options_steps_trans'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION funnel_options_trans(internal, interval, jsonb, timestamptz, bool, bool) IS
	'transition function of window_funnel and funnel_times with jsonb options, 2 conditions';
CREATE AGGREGATE window_funnel(interval, jsonb, timestamptz, bool, bool) (
	SFUNC = funnel_options_trans, STYPE = internal,
	FINALFUNC = funnel_options_level_final, FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = funnel_options_combine,
	SERIALFUNC = funnel_options_serialize, DESERIALFUNC = funnel_options_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE window_funnel(interval, jsonb, timestamptz, bool, bool) IS
	'deepest funnel step reached under jsonb options, 2 conditions (same as the VARIADIC form)';
CREATE AGGREGATE funnel_times(interval, jsonb, timestamptz, bool, bool) (
	SFUNC = funnel_options_trans, STYPE = internal,
	FINALFUNC = funnel_options_times_final, FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = funnel_options_combine,
	SERIALFUNC = funnel_options_serialize, DESERIALFUNC = funnel_options_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE funnel_times(interval, jsonb, timestamptz, bool, bool) IS
	'when each step of the reported chain happened, under jsonb options, 2 conditions (same as the VARIADIC form)';
CREATE FUNCTION funnel_options_trans(internal, interval, jsonb, timestamptz, bool, bool, bool) RETURNS internal
	AS 'MODULE_PATHNAME', 'funnel_options_steps_trans'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION funnel_options_trans(internal, interval, jsonb, timestamptz, bool, bool, bool) IS
	'transition function of window_funnel and funnel_times with jsonb options, 3 conditions';
CREATE AGGREGATE window_funnel(interval, jsonb, timestamptz, bool, bool, bool) (
	SFUNC = funnel_options_trans, STYPE = internal,
	FINALFUNC = funnel_options_level_final, FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = funnel_options_combine,
	SERIALFUNC = funnel_options_serialize, DESERIALFUNC = funnel_options_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE window_funnel(interval, jsonb, timestamptz, bool, bool, bool) IS
	'deepest funnel step reached under jsonb options, 3 conditions (same as the VARIADIC form)';
CREATE AGGREGATE funnel_times(interval, jsonb, timestamptz, bool, bool, bool) (
	SFUNC = funnel_options_trans, STYPE = internal,
	FINALFUNC = funnel_options_times_final, FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = funnel_options_combine,
	SERIALFUNC = funnel_options_serialize, DESERIALFUNC = funnel_options_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE funnel_times(interval, jsonb, timestamptz, bool, bool, bool) IS
	'when each step of the reported chain happened, under jsonb options, 3 conditions (same as the VARIADIC form)';
CREATE FUNCTION funnel_options_trans(internal, interval, jsonb, timestamptz, bool, bool, bool, bool) RETURNS internal
	AS 'MODULE_PATHNAME', 'funnel_options_steps_trans'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION funnel_options_trans(internal, interval, jsonb, timestamptz, bool, bool, bool, bool) IS
	'transition function of window_funnel and funnel_times with jsonb options, 4 conditions';
CREATE AGGREGATE window_funnel(interval, jsonb, timestamptz, bool, bool, bool, bool) (
	SFUNC = funnel_options_trans, STYPE = internal,
	FINALFUNC = funnel_options_level_final, FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = funnel_options_combine,
	SERIALFUNC = funnel_options_serialize, DESERIALFUNC = funnel_options_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE window_funnel(interval, jsonb, timestamptz, bool, bool, bool, bool) IS
	'deepest funnel step reached under jsonb options, 4 conditions (same as the VARIADIC form)';
CREATE AGGREGATE funnel_times(interval, jsonb, timestamptz, bool, bool, bool, bool) (
	SFUNC = funnel_options_trans, STYPE = internal,
	FINALFUNC = funnel_options_times_final, FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = funnel_options_combine,
	SERIALFUNC = funnel_options_serialize, DESERIALFUNC = funnel_options_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE funnel_times(interval, jsonb, timestamptz, bool, bool, bool, bool) IS
	'when each step of the reported chain happened, under jsonb options, 4 conditions (same as the VARIADIC form)';
CREATE FUNCTION funnel_options_trans(internal, interval, jsonb, timestamptz, bool, bool, bool, bool, bool) RETURNS internal
	AS 'MODULE_PATHNAME', 'funnel_options_steps_trans'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION funnel_options_trans(internal, interval, jsonb, timestamptz, bool, bool, bool, bool, bool) IS
	'transition function of window_funnel and funnel_times with jsonb options, 5 conditions';
CREATE AGGREGATE window_funnel(interval, jsonb, timestamptz, bool, bool, bool, bool, bool) (
	SFUNC = funnel_options_trans, STYPE = internal,
	FINALFUNC = funnel_options_level_final, FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = funnel_options_combine,
	SERIALFUNC = funnel_options_serialize, DESERIALFUNC = funnel_options_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE window_funnel(interval, jsonb, timestamptz, bool, bool, bool, bool, bool) IS
	'deepest funnel step reached under jsonb options, 5 conditions (same as the VARIADIC form)';
CREATE AGGREGATE funnel_times(interval, jsonb, timestamptz, bool, bool, bool, bool, bool) (
	SFUNC = funnel_options_trans, STYPE = internal,
	FINALFUNC = funnel_options_times_final, FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = funnel_options_combine,
	SERIALFUNC = funnel_options_serialize, DESERIALFUNC = funnel_options_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE funnel_times(interval, jsonb, timestamptz, bool, bool, bool, bool, bool) IS
	'when each step of the reported chain happened, under jsonb options, 5 conditions (same as the VARIADIC form)';
CREATE FUNCTION funnel_options_trans(internal, interval, jsonb, timestamptz, bool, bool, bool, bool, bool, bool) RETURNS internal
	AS 'MODULE_PATHNAME', 'funnel_options_steps_trans'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION funnel_options_trans(internal, interval, jsonb, timestamptz, bool, bool, bool, bool, bool, bool) IS
	'transition function of window_funnel and funnel_times with jsonb options, 6 conditions';
CREATE AGGREGATE window_funnel(interval, jsonb, timestamptz, bool, bool, bool, bool, bool, bool) (
	SFUNC = funnel_options_trans, STYPE = internal,
	FINALFUNC = funnel_options_level_final, FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = funnel_options_combine,
	SERIALFUNC = funnel_options_serialize, DESERIALFUNC = funnel_options_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE window_funnel(interval, jsonb, timestamptz, bool, bool, bool, bool, bool, bool) IS
	'deepest funnel step reached under jsonb options, 6 conditions (same as the VARIADIC form)';
CREATE AGGREGATE funnel_times(interval, jsonb, timestamptz, bool, bool, bool, bool, bool, bool) (
	SFUNC = funnel_options_trans, STYPE = internal,
	FINALFUNC = funnel_options_times_final, FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = funnel_options_combine,
	SERIALFUNC = funnel_options_serialize, DESERIALFUNC = funnel_options_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE funnel_times(interval, jsonb, timestamptz, bool, bool, bool, bool, bool, bool) IS
	'when each step of the reported chain happened, under jsonb options, 6 conditions (same as the VARIADIC form)';
CREATE FUNCTION funnel_options_trans(internal, interval, jsonb, timestamptz, bool, bool, bool, bool, bool, bool, bool) RETURNS internal
	AS 'MODULE_PATHNAME', 'funnel_options_steps_trans'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION funnel_options_trans(internal, interval, jsonb, timestamptz, bool, bool, bool, bool, bool, bool, bool) IS
	'transition function of window_funnel and funnel_times with jsonb options, 7 conditions';
CREATE AGGREGATE window_funnel(interval, jsonb, timestamptz, bool, bool, bool, bool, bool, bool, bool) (
	SFUNC = funnel_options_trans, STYPE = internal,
	FINALFUNC = funnel_options_level_final, FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = funnel_options_combine,
	SERIALFUNC = funnel_options_serialize, DESERIALFUNC = funnel_options_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE window_funnel(interval, jsonb, timestamptz, bool, bool, bool, bool, bool, bool, bool) IS
	'deepest funnel step reached under jsonb options, 7 conditions (same as the VARIADIC form)';
CREATE AGGREGATE funnel_times(interval, jsonb, timestamptz, bool, bool, bool, bool, bool, bool, bool) (
	SFUNC = funnel_options_trans, STYPE = internal,
	FINALFUNC = funnel_options_times_final, FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = funnel_options_combine,
	SERIALFUNC = funnel_options_serialize, DESERIALFUNC = funnel_options_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE funnel_times(interval, jsonb, timestamptz, bool, bool, bool, bool, bool, bool, bool) IS
	'when each step of the reported chain happened, under jsonb options, 7 conditions (same as the VARIADIC form)';
CREATE FUNCTION funnel_options_trans(internal, interval, jsonb, timestamptz, bool, bool, bool, bool, bool, bool, bool, bool) RETURNS internal
	AS 'MODULE_PATHNAME', 'funnel_options_steps_trans'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION funnel_options_trans(internal, interval, jsonb, timestamptz, bool, bool, bool, bool, bool, bool, bool, bool) IS
	'transition function of window_funnel and funnel_times with jsonb options, 8 conditions';
CREATE AGGREGATE window_funnel(interval, jsonb, timestamptz, bool, bool, bool, bool, bool, bool, bool, bool) (
	SFUNC = funnel_options_trans, STYPE = internal,
	FINALFUNC = funnel_options_level_final, FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = funnel_options_combine,
	SERIALFUNC = funnel_options_serialize, DESERIALFUNC = funnel_options_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE window_funnel(interval, jsonb, timestamptz, bool, bool, bool, bool, bool, bool, bool, bool) IS
	'deepest funnel step reached under jsonb options, 8 conditions (same as the VARIADIC form)';
CREATE AGGREGATE funnel_times(interval, jsonb, timestamptz, bool, bool, bool, bool, bool, bool, bool, bool) (
	SFUNC = funnel_options_trans, STYPE = internal,
	FINALFUNC = funnel_options_times_final, FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = funnel_options_combine,
	SERIALFUNC = funnel_options_serialize, DESERIALFUNC = funnel_options_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE funnel_times(interval, jsonb, timestamptz, bool, bool, bool, bool, bool, bool, bool, bool) IS
	'when each step of the reported chain happened, under jsonb options, 8 conditions (same as the VARIADIC form)';
CREATE FUNCTION funnel_options_trans(internal, interval, jsonb, timestamptz, text, bool, bool) RETURNS internal
	AS 'MODULE_PATHNAME', 'funnel_options_key_steps_trans'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION funnel_options_trans(internal, interval, jsonb, timestamptz, text, bool, bool) IS
	'transition function of window_funnel and funnel_times with jsonb options and a held key, 2 conditions';
CREATE AGGREGATE window_funnel(interval, jsonb, timestamptz, text, bool, bool) (
	SFUNC = funnel_options_trans, STYPE = internal,
	FINALFUNC = funnel_options_level_final, FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = funnel_options_combine,
	SERIALFUNC = funnel_options_serialize, DESERIALFUNC = funnel_options_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE window_funnel(interval, jsonb, timestamptz, text, bool, bool) IS
	'deepest funnel step reached under jsonb options with a held key, 2 conditions (same as the VARIADIC form)';
CREATE AGGREGATE funnel_times(interval, jsonb, timestamptz, text, bool, bool) (
	SFUNC = funnel_options_trans, STYPE = internal,
	FINALFUNC = funnel_options_times_final, FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = funnel_options_combine,
	SERIALFUNC = funnel_options_serialize, DESERIALFUNC = funnel_options_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE funnel_times(interval, jsonb, timestamptz, text, bool, bool) IS
	'funnel_times under jsonb options with a held key, 2 conditions (same as the VARIADIC form)';
CREATE FUNCTION funnel_options_trans(internal, interval, jsonb, timestamptz, text, bool, bool, bool) RETURNS internal
	AS 'MODULE_PATHNAME', 'funnel_options_key_steps_trans'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION funnel_options_trans(internal, interval, jsonb, timestamptz, text, bool, bool, bool) IS
	'transition function of window_funnel and funnel_times with jsonb options and a held key, 3 conditions';
CREATE AGGREGATE window_funnel(interval, jsonb, timestamptz, text, bool, bool, bool) (
	SFUNC = funnel_options_trans, STYPE = internal,
	FINALFUNC = funnel_options_level_final, FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = funnel_options_combine,
	SERIALFUNC = funnel_options_serialize, DESERIALFUNC = funnel_options_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE window_funnel(interval, jsonb, timestamptz, text, bool, bool, bool) IS
	'deepest funnel step reached under jsonb options with a held key, 3 conditions (same as the VARIADIC form)';
CREATE AGGREGATE funnel_times(interval, jsonb, timestamptz, text, bool, bool, bool) (
	SFUNC = funnel_options_trans, STYPE = internal,
	FINALFUNC = funnel_options_times_final, FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = funnel_options_combine,
	SERIALFUNC = funnel_options_serialize, DESERIALFUNC = funnel_options_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE funnel_times(interval, jsonb, timestamptz, text, bool, bool, bool) IS
	'funnel_times under jsonb options with a held key, 3 conditions (same as the VARIADIC form)';
CREATE FUNCTION funnel_options_trans(internal, interval, jsonb, timestamptz, text, bool, bool, bool, bool) RETURNS internal
	AS 'MODULE_PATHNAME', 'funnel_options_key_steps_trans'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION funnel_options_trans(internal, interval, jsonb, timestamptz, text, bool, bool, bool, bool) IS
	'transition function of window_funnel and funnel_times with jsonb options and a held key, 4 conditions';
CREATE AGGREGATE window_funnel(interval, jsonb, timestamptz, text, bool, bool, bool, bool) (
	SFUNC = funnel_options_trans, STYPE = internal,
	FINALFUNC = funnel_options_level_final, FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = funnel_options_combine,
	SERIALFUNC = funnel_options_serialize, DESERIALFUNC = funnel_options_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE window_funnel(interval, jsonb, timestamptz, text, bool, bool, bool, bool) IS
	'deepest funnel step reached under jsonb options with a held key, 4 conditions (same as the VARIADIC form)';
CREATE AGGREGATE funnel_times(interval, jsonb, timestamptz, text, bool, bool, bool, bool) (
	SFUNC = funnel_options_trans, STYPE = internal,
	FINALFUNC = funnel_options_times_final, FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = funnel_options_combine,
	SERIALFUNC = funnel_options_serialize, DESERIALFUNC = funnel_options_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE funnel_times(interval, jsonb, timestamptz, text, bool, bool, bool, bool) IS
	'funnel_times under jsonb options with a held key, 4 conditions (same as the VARIADIC form)';
CREATE FUNCTION funnel_options_trans(internal, interval, jsonb, timestamptz, text, bool, bool, bool, bool, bool) RETURNS internal
	AS 'MODULE_PATHNAME', 'funnel_options_key_steps_trans'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION funnel_options_trans(internal, interval, jsonb, timestamptz, text, bool, bool, bool, bool, bool) IS
	'transition function of window_funnel and funnel_times with jsonb options and a held key, 5 conditions';
CREATE AGGREGATE window_funnel(interval, jsonb, timestamptz, text, bool, bool, bool, bool, bool) (
	SFUNC = funnel_options_trans, STYPE = internal,
	FINALFUNC = funnel_options_level_final, FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = funnel_options_combine,
	SERIALFUNC = funnel_options_serialize, DESERIALFUNC = funnel_options_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE window_funnel(interval, jsonb, timestamptz, text, bool, bool, bool, bool, bool) IS
	'deepest funnel step reached under jsonb options with a held key, 5 conditions (same as the VARIADIC form)';
CREATE AGGREGATE funnel_times(interval, jsonb, timestamptz, text, bool, bool, bool, bool, bool) (
	SFUNC = funnel_options_trans, STYPE = internal,
	FINALFUNC = funnel_options_times_final, FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = funnel_options_combine,
	SERIALFUNC = funnel_options_serialize, DESERIALFUNC = funnel_options_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE funnel_times(interval, jsonb, timestamptz, text, bool, bool, bool, bool, bool) IS
	'funnel_times under jsonb options with a held key, 5 conditions (same as the VARIADIC form)';
CREATE FUNCTION funnel_options_trans(internal, interval, jsonb, timestamptz, text, bool, bool, bool, bool, bool, bool) RETURNS internal
	AS 'MODULE_PATHNAME', 'funnel_options_key_steps_trans'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION funnel_options_trans(internal, interval, jsonb, timestamptz, text, bool, bool, bool, bool, bool, bool) IS
	'transition function of window_funnel and funnel_times with jsonb options and a held key, 6 conditions';
CREATE AGGREGATE window_funnel(interval, jsonb, timestamptz, text, bool, bool, bool, bool, bool, bool) (
	SFUNC = funnel_options_trans, STYPE = internal,
	FINALFUNC = funnel_options_level_final, FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = funnel_options_combine,
	SERIALFUNC = funnel_options_serialize, DESERIALFUNC = funnel_options_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE window_funnel(interval, jsonb, timestamptz, text, bool, bool, bool, bool, bool, bool) IS
	'deepest funnel step reached under jsonb options with a held key, 6 conditions (same as the VARIADIC form)';
CREATE AGGREGATE funnel_times(interval, jsonb, timestamptz, text, bool, bool, bool, bool, bool, bool) (
	SFUNC = funnel_options_trans, STYPE = internal,
	FINALFUNC = funnel_options_times_final, FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = funnel_options_combine,
	SERIALFUNC = funnel_options_serialize, DESERIALFUNC = funnel_options_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE funnel_times(interval, jsonb, timestamptz, text, bool, bool, bool, bool, bool, bool) IS
	'funnel_times under jsonb options with a held key, 6 conditions (same as the VARIADIC form)';
CREATE FUNCTION funnel_options_trans(internal, interval, jsonb, timestamptz, text, bool, bool, bool, bool, bool, bool, bool) RETURNS internal
	AS 'MODULE_PATHNAME', 'funnel_options_key_steps_trans'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION funnel_options_trans(internal, interval, jsonb, timestamptz, text, bool, bool, bool, bool, bool, bool, bool) IS
	'transition function of window_funnel and funnel_times with jsonb options and a held key, 7 conditions';
CREATE AGGREGATE window_funnel(interval, jsonb, timestamptz, text, bool, bool, bool, bool, bool, bool, bool) (
	SFUNC = funnel_options_trans, STYPE = internal,
	FINALFUNC = funnel_options_level_final, FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = funnel_options_combine,
	SERIALFUNC = funnel_options_serialize, DESERIALFUNC = funnel_options_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE window_funnel(interval, jsonb, timestamptz, text, bool, bool, bool, bool, bool, bool, bool) IS
	'deepest funnel step reached under jsonb options with a held key, 7 conditions (same as the VARIADIC form)';
CREATE AGGREGATE funnel_times(interval, jsonb, timestamptz, text, bool, bool, bool, bool, bool, bool, bool) (
	SFUNC = funnel_options_trans, STYPE = internal,
	FINALFUNC = funnel_options_times_final, FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = funnel_options_combine,
	SERIALFUNC = funnel_options_serialize, DESERIALFUNC = funnel_options_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE funnel_times(interval, jsonb, timestamptz, text, bool, bool, bool, bool, bool, bool, bool) IS
	'funnel_times under jsonb options with a held key, 7 conditions (same as the VARIADIC form)';
CREATE FUNCTION funnel_options_trans(internal, interval, jsonb, timestamptz, text, bool, bool, bool, bool, bool, bool, bool, bool) RETURNS internal
	AS 'MODULE_PATHNAME', 'funnel_options_key_steps_trans'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION funnel_options_trans(internal, interval, jsonb, timestamptz, text, bool, bool, bool, bool, bool, bool, bool, bool) IS
	'transition function of window_funnel and funnel_times with jsonb options and a held key, 8 conditions';
CREATE AGGREGATE window_funnel(interval, jsonb, timestamptz, text, bool, bool, bool, bool, bool, bool, bool, bool) (
	SFUNC = funnel_options_trans, STYPE = internal,
	FINALFUNC = funnel_options_level_final, FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = funnel_options_combine,
	SERIALFUNC = funnel_options_serialize, DESERIALFUNC = funnel_options_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE window_funnel(interval, jsonb, timestamptz, text, bool, bool, bool, bool, bool, bool, bool, bool) IS
	'deepest funnel step reached under jsonb options with a held key, 8 conditions (same as the VARIADIC form)';
CREATE AGGREGATE funnel_times(interval, jsonb, timestamptz, text, bool, bool, bool, bool, bool, bool, bool, bool) (
	SFUNC = funnel_options_trans, STYPE = internal,
	FINALFUNC = funnel_options_times_final, FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = funnel_options_combine,
	SERIALFUNC = funnel_options_serialize, DESERIALFUNC = funnel_options_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE funnel_times(interval, jsonb, timestamptz, text, bool, bool, bool, bool, bool, bool, bool, bool) IS
	'funnel_times under jsonb options with a held key, 8 conditions (same as the VARIADIC form)';

-- funnel_breakdown: the value (channel, utm_source...) credited to a customer's funnel result
CREATE FUNCTION funnel_breakdown_trans(internal, interval, jsonb, timestamptz, text, bool[]) RETURNS internal
	AS 'MODULE_PATHNAME', 'funnel_breakdown_trans'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION funnel_breakdown_trans(internal, interval, jsonb, timestamptz, text, bool[]) IS
	'transition function of funnel_breakdown';
CREATE FUNCTION funnel_breakdown_final(internal) RETURNS text
	AS 'MODULE_PATHNAME', 'funnel_breakdown_final'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION funnel_breakdown_final(internal) IS
	'final function of funnel_breakdown: the value on the attributed step of the reported chain';
CREATE AGGREGATE funnel_breakdown(window_size interval, options jsonb, ts timestamptz, value text, VARIADIC conditions bool[]) (
	SFUNC = funnel_breakdown_trans, STYPE = internal,
	FINALFUNC = funnel_breakdown_final, FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = funnel_options_combine,
	SERIALFUNC = funnel_options_serialize, DESERIALFUNC = funnel_options_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE funnel_breakdown(interval, jsonb, timestamptz, text, bool[]) IS
	'the value credited to the funnel result (attribution first_touch, last_touch or a step) of the chain that reached the deepest level';
CREATE FUNCTION funnel_breakdown_trans(internal, interval, jsonb, timestamptz, text, bool, bool) RETURNS internal
	AS 'MODULE_PATHNAME', 'funnel_breakdown_steps_trans'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION funnel_breakdown_trans(internal, interval, jsonb, timestamptz, text, bool, bool) IS
	'transition function of funnel_breakdown, 2 conditions';
CREATE AGGREGATE funnel_breakdown(interval, jsonb, timestamptz, text, bool, bool) (
	SFUNC = funnel_breakdown_trans, STYPE = internal,
	FINALFUNC = funnel_breakdown_final, FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = funnel_options_combine,
	SERIALFUNC = funnel_options_serialize, DESERIALFUNC = funnel_options_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE funnel_breakdown(interval, jsonb, timestamptz, text, bool, bool) IS
	'the value credited to the funnel result, 2 conditions (same as the VARIADIC form)';
CREATE FUNCTION funnel_breakdown_trans(internal, interval, jsonb, timestamptz, text, bool, bool, bool) RETURNS internal
	AS 'MODULE_PATHNAME', 'funnel_breakdown_steps_trans'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION funnel_breakdown_trans(internal, interval, jsonb, timestamptz, text, bool, bool, bool) IS
	'transition function of funnel_breakdown, 3 conditions';
CREATE AGGREGATE funnel_breakdown(interval, jsonb, timestamptz, text, bool, bool, bool) (
	SFUNC = funnel_breakdown_trans, STYPE = internal,
	FINALFUNC = funnel_breakdown_final, FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = funnel_options_combine,
	SERIALFUNC = funnel_options_serialize, DESERIALFUNC = funnel_options_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE funnel_breakdown(interval, jsonb, timestamptz, text, bool, bool, bool) IS
	'the value credited to the funnel result, 3 conditions (same as the VARIADIC form)';
CREATE FUNCTION funnel_breakdown_trans(internal, interval, jsonb, timestamptz, text, bool, bool, bool, bool) RETURNS internal
	AS 'MODULE_PATHNAME', 'funnel_breakdown_steps_trans'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION funnel_breakdown_trans(internal, interval, jsonb, timestamptz, text, bool, bool, bool, bool) IS
	'transition function of funnel_breakdown, 4 conditions';
CREATE AGGREGATE funnel_breakdown(interval, jsonb, timestamptz, text, bool, bool, bool, bool) (
	SFUNC = funnel_breakdown_trans, STYPE = internal,
	FINALFUNC = funnel_breakdown_final, FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = funnel_options_combine,
	SERIALFUNC = funnel_options_serialize, DESERIALFUNC = funnel_options_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE funnel_breakdown(interval, jsonb, timestamptz, text, bool, bool, bool, bool) IS
	'the value credited to the funnel result, 4 conditions (same as the VARIADIC form)';
CREATE FUNCTION funnel_breakdown_trans(internal, interval, jsonb, timestamptz, text, bool, bool, bool, bool, bool) RETURNS internal
	AS 'MODULE_PATHNAME', 'funnel_breakdown_steps_trans'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION funnel_breakdown_trans(internal, interval, jsonb, timestamptz, text, bool, bool, bool, bool, bool) IS
	'transition function of funnel_breakdown, 5 conditions';
CREATE AGGREGATE funnel_breakdown(interval, jsonb, timestamptz, text, bool, bool, bool, bool, bool) (
	SFUNC = funnel_breakdown_trans, STYPE = internal,
	FINALFUNC = funnel_breakdown_final, FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = funnel_options_combine,
	SERIALFUNC = funnel_options_serialize, DESERIALFUNC = funnel_options_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE funnel_breakdown(interval, jsonb, timestamptz, text, bool, bool, bool, bool, bool) IS
	'the value credited to the funnel result, 5 conditions (same as the VARIADIC form)';
CREATE FUNCTION funnel_breakdown_trans(internal, interval, jsonb, timestamptz, text, bool, bool, bool, bool, bool, bool) RETURNS internal
	AS 'MODULE_PATHNAME', 'funnel_breakdown_steps_trans'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION funnel_breakdown_trans(internal, interval, jsonb, timestamptz, text, bool, bool, bool, bool, bool, bool) IS
	'transition function of funnel_breakdown, 6 conditions';
CREATE AGGREGATE funnel_breakdown(interval, jsonb, timestamptz, text, bool, bool, bool, bool, bool, bool) (
	SFUNC = funnel_breakdown_trans, STYPE = internal,
	FINALFUNC = funnel_breakdown_final, FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = funnel_options_combine,
	SERIALFUNC = funnel_options_serialize, DESERIALFUNC = funnel_options_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE funnel_breakdown(interval, jsonb, timestamptz, text, bool, bool, bool, bool, bool, bool) IS
	'the value credited to the funnel result, 6 conditions (same as the VARIADIC form)';
CREATE FUNCTION funnel_breakdown_trans(internal, interval, jsonb, timestamptz, text, bool, bool, bool, bool, bool, bool, bool) RETURNS internal
	AS 'MODULE_PATHNAME', 'funnel_breakdown_steps_trans'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION funnel_breakdown_trans(internal, interval, jsonb, timestamptz, text, bool, bool, bool, bool, bool, bool, bool) IS
	'transition function of funnel_breakdown, 7 conditions';
CREATE AGGREGATE funnel_breakdown(interval, jsonb, timestamptz, text, bool, bool, bool, bool, bool, bool, bool) (
	SFUNC = funnel_breakdown_trans, STYPE = internal,
	FINALFUNC = funnel_breakdown_final, FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = funnel_options_combine,
	SERIALFUNC = funnel_options_serialize, DESERIALFUNC = funnel_options_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE funnel_breakdown(interval, jsonb, timestamptz, text, bool, bool, bool, bool, bool, bool, bool) IS
	'the value credited to the funnel result, 7 conditions (same as the VARIADIC form)';
CREATE FUNCTION funnel_breakdown_trans(internal, interval, jsonb, timestamptz, text, bool, bool, bool, bool, bool, bool, bool, bool) RETURNS internal
	AS 'MODULE_PATHNAME', 'funnel_breakdown_steps_trans'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION funnel_breakdown_trans(internal, interval, jsonb, timestamptz, text, bool, bool, bool, bool, bool, bool, bool, bool) IS
	'transition function of funnel_breakdown, 8 conditions';
CREATE AGGREGATE funnel_breakdown(interval, jsonb, timestamptz, text, bool, bool, bool, bool, bool, bool, bool, bool) (
	SFUNC = funnel_breakdown_trans, STYPE = internal,
	FINALFUNC = funnel_breakdown_final, FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = funnel_options_combine,
	SERIALFUNC = funnel_options_serialize, DESERIALFUNC = funnel_options_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE funnel_breakdown(interval, jsonb, timestamptz, text, bool, bool, bool, bool, bool, bool, bool, bool) IS
	'the value credited to the funnel result, 8 conditions (same as the VARIADIC form)';
