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


-- ==== citus ====
-- partial_state and the *_dist aggregates: the same aggregates with a concrete transition
-- type, so that Citus can run them as partial aggregates on its workers and combine them on
-- its coordinator when a query groups by something other than the distribution column
-- (README "Many machines: Citus"; src/partial.c)

CREATE TYPE partial_state;
CREATE FUNCTION partial_state_in(cstring) RETURNS partial_state
	AS 'MODULE_PATHNAME', 'partial_state_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION partial_state_in(cstring) IS
	'input function of partial_state: kind, a colon and the hexadecimal bytes of the state';
CREATE FUNCTION partial_state_out(partial_state) RETURNS cstring
	AS 'MODULE_PATHNAME', 'partial_state_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION partial_state_out(partial_state) IS
	'output function of partial_state: kind, a colon and the hexadecimal bytes of the state';
CREATE FUNCTION partial_state_recv(internal) RETURNS partial_state
	AS 'MODULE_PATHNAME', 'partial_state_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION partial_state_recv(internal) IS
	'binary input function of partial_state: kind byte and the bytes of the state';
CREATE FUNCTION partial_state_send(partial_state) RETURNS bytea
	AS 'MODULE_PATHNAME', 'partial_state_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION partial_state_send(partial_state) IS
	'binary output function of partial_state: kind byte and the bytes of the state';
CREATE TYPE partial_state (
	INPUT = partial_state_in, OUTPUT = partial_state_out,
	RECEIVE = partial_state_recv, SEND = partial_state_send,
	INTERNALLENGTH = VARIABLE, STORAGE = extended
);
COMMENT ON TYPE partial_state IS
	'partial state of a *_dist aggregate (the original aggregate''s state in a form Citus can ship between servers)';
CREATE FUNCTION partial_state_combine(partial_state, partial_state) RETURNS partial_state
	AS 'MODULE_PATHNAME', 'partial_state_combine' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION partial_state_combine(partial_state, partial_state) IS
	'combine function of every *_dist aggregate: the original combine function on the two states';

CREATE FUNCTION rfm_agg_dist_trans(partial_state, timestamptz, float8) RETURNS partial_state
	AS 'MODULE_PATHNAME', 'rfm_agg_trans_partial' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION rfm_agg_dist_trans(partial_state, timestamptz, float8) IS
	'transition function of rfm_agg_dist: rfm_agg''s, on the wrapped state';
CREATE FUNCTION rfm_agg_dist_final(partial_state) RETURNS rfm_state
	AS 'MODULE_PATHNAME', 'rfm_acc_final_partial' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION rfm_agg_dist_final(partial_state) IS
	'final function of rfm_agg_dist: rfm_agg''s, on the wrapped state';
CREATE AGGREGATE rfm_agg_dist(timestamptz, float8) (
	SFUNC = rfm_agg_dist_trans, STYPE = partial_state, FINALFUNC = rfm_agg_dist_final,
	FINALFUNC_MODIFY = READ_WRITE, COMBINEFUNC = partial_state_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE rfm_agg_dist(timestamptz, float8) IS
	'rfm_agg(ts, amount) with a partial_state transition type (Citus partial aggregation)';

CREATE FUNCTION decay_agg_dist_trans(partial_state, timestamptz, float8, interval) RETURNS partial_state
	AS 'MODULE_PATHNAME', 'decay_agg_trans_partial' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION decay_agg_dist_trans(partial_state, timestamptz, float8, interval) IS
	'transition function of decay_agg_dist: decay_agg''s, on the wrapped state';
CREATE FUNCTION decay_agg_dist_final(partial_state) RETURNS decay_state
	AS 'MODULE_PATHNAME', 'decay_acc_final_partial' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION decay_agg_dist_final(partial_state) IS
	'final function of decay_agg_dist: decay_agg''s, on the wrapped state';
CREATE AGGREGATE decay_agg_dist(timestamptz, float8, interval) (
	SFUNC = decay_agg_dist_trans, STYPE = partial_state, FINALFUNC = decay_agg_dist_final,
	FINALFUNC_MODIFY = READ_WRITE, COMBINEFUNC = partial_state_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE decay_agg_dist(timestamptz, float8, interval) IS
	'decay_agg(ts, weight, half_life) with a partial_state transition type (Citus partial aggregation)';

CREATE FUNCTION session_stats_dist_trans(partial_state, timestamptz, interval) RETURNS partial_state
	AS 'MODULE_PATHNAME', 'session_stats_trans_partial' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION session_stats_dist_trans(partial_state, timestamptz, interval) IS
	'transition function of session_stats_dist: session_stats''s, on the wrapped state';
CREATE FUNCTION session_stats_dist_trans(partial_state, timestamptz, interval, interval, integer) RETURNS partial_state
	AS 'MODULE_PATHNAME', 'session_stats_trans_partial' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION session_stats_dist_trans(partial_state, timestamptz, interval, interval, integer) IS
	'transition function of session_stats_dist with engaged thresholds: session_stats''s, on the wrapped state';
CREATE FUNCTION session_stats_dist_final(partial_state) RETURNS session_summary
	AS 'MODULE_PATHNAME', 'session_stats_final_partial' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION session_stats_dist_final(partial_state) IS
	'final function of session_stats_dist: session_stats''s, on the wrapped state';
CREATE AGGREGATE session_stats_dist(ts timestamptz, gap interval) (
	SFUNC = session_stats_dist_trans, STYPE = partial_state, FINALFUNC = session_stats_dist_final,
	FINALFUNC_MODIFY = READ_WRITE, COMBINEFUNC = partial_state_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE session_stats_dist(timestamptz, interval) IS
	'session_stats(ts, gap) with a partial_state transition type (Citus partial aggregation)';
CREATE AGGREGATE session_stats_dist(ts timestamptz, gap interval, engaged_min interval, engaged_events integer) (
	SFUNC = session_stats_dist_trans, STYPE = partial_state, FINALFUNC = session_stats_dist_final,
	FINALFUNC_MODIFY = READ_WRITE, COMBINEFUNC = partial_state_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE session_stats_dist(timestamptz, interval, interval, integer) IS
	'session_stats(ts, gap, engaged_min, engaged_events) with a partial_state transition type (Citus partial aggregation)';

CREATE FUNCTION window_funnel_dist_trans(partial_state, interval, timestamptz, bool[]) RETURNS partial_state
	AS 'MODULE_PATHNAME', 'window_funnel_trans_partial' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION window_funnel_dist_trans(partial_state, interval, timestamptz, bool[]) IS
	'transition function of window_funnel_dist and funnel_times_dist: window_funnel''s, on the wrapped state';
CREATE FUNCTION window_funnel_dist_trans(partial_state, interval, text, timestamptz, bool[]) RETURNS partial_state
	AS 'MODULE_PATHNAME', 'window_funnel_trans_partial' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION window_funnel_dist_trans(partial_state, interval, text, timestamptz, bool[]) IS
	'transition function of window_funnel_dist and funnel_times_dist with modes: window_funnel''s, on the wrapped state';
CREATE FUNCTION window_funnel_dist_final(partial_state) RETURNS integer
	AS 'MODULE_PATHNAME', 'window_funnel_final_partial' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION window_funnel_dist_final(partial_state) IS
	'final function of window_funnel_dist: window_funnel''s, on the wrapped state';
CREATE FUNCTION funnel_times_dist_final(partial_state) RETURNS timestamptz[]
	AS 'MODULE_PATHNAME', 'funnel_times_final_partial' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION funnel_times_dist_final(partial_state) IS
	'final function of funnel_times_dist: funnel_times''s, on the wrapped state';
CREATE AGGREGATE window_funnel_dist(interval, timestamptz, VARIADIC bool[]) (
	SFUNC = window_funnel_dist_trans, STYPE = partial_state, FINALFUNC = window_funnel_dist_final,
	FINALFUNC_MODIFY = READ_WRITE, COMBINEFUNC = partial_state_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE window_funnel_dist(interval, timestamptz, bool[]) IS
	'window_funnel(window, ts, VARIADIC steps) with a partial_state transition type (Citus partial aggregation)';
CREATE AGGREGATE window_funnel_dist(interval, text, timestamptz, VARIADIC bool[]) (
	SFUNC = window_funnel_dist_trans, STYPE = partial_state, FINALFUNC = window_funnel_dist_final,
	FINALFUNC_MODIFY = READ_WRITE, COMBINEFUNC = partial_state_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE window_funnel_dist(interval, text, timestamptz, bool[]) IS
	'window_funnel(window, mode, ts, VARIADIC steps) with a partial_state transition type (Citus partial aggregation)';
CREATE AGGREGATE funnel_times_dist(interval, timestamptz, VARIADIC bool[]) (
	SFUNC = window_funnel_dist_trans, STYPE = partial_state, FINALFUNC = funnel_times_dist_final,
	FINALFUNC_MODIFY = READ_WRITE, COMBINEFUNC = partial_state_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE funnel_times_dist(interval, timestamptz, bool[]) IS
	'funnel_times(window, ts, VARIADIC steps) with a partial_state transition type (Citus partial aggregation)';

CREATE FUNCTION sequence_dist_trans(partial_state, text, timestamptz, bool[]) RETURNS partial_state
	AS 'MODULE_PATHNAME', 'sequence_trans_partial' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION sequence_dist_trans(partial_state, text, timestamptz, bool[]) IS
	'transition function of sequence_match_dist and sequence_count_dist: sequence_match''s, on the wrapped state';
CREATE FUNCTION sequence_match_dist_final(partial_state) RETURNS boolean
	AS 'MODULE_PATHNAME', 'sequence_match_final_partial' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION sequence_match_dist_final(partial_state) IS
	'final function of sequence_match_dist: sequence_match''s, on the wrapped state';
CREATE FUNCTION sequence_count_dist_final(partial_state) RETURNS bigint
	AS 'MODULE_PATHNAME', 'sequence_count_final_partial' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION sequence_count_dist_final(partial_state) IS
	'final function of sequence_count_dist: sequence_count''s, on the wrapped state';
CREATE AGGREGATE sequence_match_dist(pattern text, ts timestamptz, VARIADIC conds bool[]) (
	SFUNC = sequence_dist_trans, STYPE = partial_state, FINALFUNC = sequence_match_dist_final,
	FINALFUNC_MODIFY = READ_WRITE, COMBINEFUNC = partial_state_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE sequence_match_dist(text, timestamptz, bool[]) IS
	'sequence_match(pattern, ts, VARIADIC conds) with a partial_state transition type (Citus partial aggregation)';
CREATE AGGREGATE sequence_count_dist(pattern text, ts timestamptz, VARIADIC conds bool[]) (
	SFUNC = sequence_dist_trans, STYPE = partial_state, FINALFUNC = sequence_count_dist_final,
	FINALFUNC_MODIFY = READ_WRITE, COMBINEFUNC = partial_state_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE sequence_count_dist(text, timestamptz, bool[]) IS
	'sequence_count(pattern, ts, VARIADIC conds) with a partial_state transition type (Citus partial aggregation)';

CREATE FUNCTION retention_dist_trans(partial_state, bool[]) RETURNS partial_state
	AS 'MODULE_PATHNAME', 'retention_trans_partial' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION retention_dist_trans(partial_state, bool[]) IS
	'transition function of retention_dist: retention''s, on the wrapped state';
CREATE FUNCTION retention_dist_final(partial_state) RETURNS integer[]
	AS 'MODULE_PATHNAME', 'retention_final_partial' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION retention_dist_final(partial_state) IS
	'final function of retention_dist: retention''s, on the wrapped state';
CREATE AGGREGATE retention_dist(VARIADIC bool[]) (
	SFUNC = retention_dist_trans, STYPE = partial_state, FINALFUNC = retention_dist_final,
	FINALFUNC_MODIFY = READ_WRITE, COMBINEFUNC = partial_state_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE retention_dist(bool[]) IS
	'retention(VARIADIC conds) with a partial_state transition type (Citus partial aggregation)';

CREATE FUNCTION bgnbd_fit_dist_trans(partial_state, float8, float8, float8) RETURNS partial_state
	AS 'MODULE_PATHNAME', 'bgnbd_fit_trans_partial' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION bgnbd_fit_dist_trans(partial_state, float8, float8, float8) IS
	'transition function of bgnbd_fit_dist: bgnbd_fit''s, on the wrapped state';
CREATE FUNCTION bgnbd_fit_dist_trans(partial_state, float8, float8, float8, float8) RETURNS partial_state
	AS 'MODULE_PATHNAME', 'bgnbd_fit_trans_partial' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION bgnbd_fit_dist_trans(partial_state, float8, float8, float8, float8) IS
	'transition function of the weighted bgnbd_fit_dist: bgnbd_fit''s, on the wrapped state';
CREATE FUNCTION bgnbd_fit_dist_final(partial_state) RETURNS bgnbd_model
	AS 'MODULE_PATHNAME', 'bgnbd_fit_final_partial' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION bgnbd_fit_dist_final(partial_state) IS
	'final function of bgnbd_fit_dist: bgnbd_fit''s, on the wrapped state';
CREATE AGGREGATE bgnbd_fit_dist(x float8, t_x float8, t float8) (
	SFUNC = bgnbd_fit_dist_trans, STYPE = partial_state, FINALFUNC = bgnbd_fit_dist_final,
	FINALFUNC_MODIFY = READ_WRITE, COMBINEFUNC = partial_state_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE bgnbd_fit_dist(float8, float8, float8) IS
	'bgnbd_fit(x, t_x, t) with a partial_state transition type (Citus partial aggregation)';
CREATE AGGREGATE bgnbd_fit_dist(x float8, t_x float8, t float8, weight float8) (
	SFUNC = bgnbd_fit_dist_trans, STYPE = partial_state, FINALFUNC = bgnbd_fit_dist_final,
	FINALFUNC_MODIFY = READ_WRITE, COMBINEFUNC = partial_state_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE bgnbd_fit_dist(float8, float8, float8, float8) IS
	'bgnbd_fit(x, t_x, t, weight) with a partial_state transition type (Citus partial aggregation)';

CREATE FUNCTION gamma_gamma_fit_dist_trans(partial_state, float8, float8) RETURNS partial_state
	AS 'MODULE_PATHNAME', 'gamma_gamma_fit_trans_partial' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION gamma_gamma_fit_dist_trans(partial_state, float8, float8) IS
	'transition function of gamma_gamma_fit_dist: gamma_gamma_fit''s, on the wrapped state';
CREATE FUNCTION gamma_gamma_fit_dist_trans(partial_state, float8, float8, float8) RETURNS partial_state
	AS 'MODULE_PATHNAME', 'gamma_gamma_fit_trans_partial' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION gamma_gamma_fit_dist_trans(partial_state, float8, float8, float8) IS
	'transition function of the weighted gamma_gamma_fit_dist: gamma_gamma_fit''s, on the wrapped state';
CREATE FUNCTION gamma_gamma_fit_dist_final(partial_state) RETURNS gamma_gamma_model
	AS 'MODULE_PATHNAME', 'gamma_gamma_fit_final_partial' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION gamma_gamma_fit_dist_final(partial_state) IS
	'final function of gamma_gamma_fit_dist: gamma_gamma_fit''s, on the wrapped state';
CREATE AGGREGATE gamma_gamma_fit_dist(x float8, monetary float8) (
	SFUNC = gamma_gamma_fit_dist_trans, STYPE = partial_state, FINALFUNC = gamma_gamma_fit_dist_final,
	FINALFUNC_MODIFY = READ_WRITE, COMBINEFUNC = partial_state_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE gamma_gamma_fit_dist(float8, float8) IS
	'gamma_gamma_fit(x, monetary) with a partial_state transition type (Citus partial aggregation)';
CREATE AGGREGATE gamma_gamma_fit_dist(x float8, monetary float8, weight float8) (
	SFUNC = gamma_gamma_fit_dist_trans, STYPE = partial_state, FINALFUNC = gamma_gamma_fit_dist_final,
	FINALFUNC_MODIFY = READ_WRITE, COMBINEFUNC = partial_state_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE gamma_gamma_fit_dist(float8, float8, float8) IS
	'gamma_gamma_fit(x, monetary, weight) with a partial_state transition type (Citus partial aggregation)';
