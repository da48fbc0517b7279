/* sql/engagement--1.0.sql: install script of engagement 1.0 */

-- complain if script is sourced in psql, rather than via CREATE EXTENSION
\echo Use "CREATE EXTENSION engagement" to load this file. \quit

-- Rules for this script (DESIGN.md section 3): no CREATE OR REPLACE or IF NOT EXISTS;
-- every function has explicit volatility, strictness and parallel markings and a COMMENT;
-- every aggregate is PARALLEL SAFE with a combine function; SQL bodies qualify every name.
-- Sections follow the order of src/ and share their names with the C files.


-- ==== event_buffer ====
-- shared support functions of every event-buffer aggregate

CREATE FUNCTION event_buffer_combine(internal, internal) RETURNS internal
	AS 'MODULE_PATHNAME', 'event_buffer_combine'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION event_buffer_combine(internal, internal) IS
	'combine function shared by the event-buffer aggregates (funnels, sequences, transitions, retention)';

CREATE FUNCTION event_buffer_serialize(internal) RETURNS bytea
	AS 'MODULE_PATHNAME', 'event_buffer_serialize'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION event_buffer_serialize(internal) IS
	'serialize an event buffer for parallel query (versioned, portable)';

CREATE FUNCTION event_buffer_deserialize(bytea, internal) RETURNS internal
	AS 'MODULE_PATHNAME', 'event_buffer_deserialize'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION event_buffer_deserialize(bytea, internal) IS
	'deserialize an event buffer, validating every length';


-- ==== decay ====
-- engagement score: decay_state, decay_agg, rollup, score, engagement_score

-- (section decay: objects go here)


-- ==== sessions ====
-- sessions and time on site: session_stats, session_number

CREATE TYPE session_summary AS (
	sessions bigint,
	events bigint,
	total_duration interval,
	avg_duration interval,
	bounces bigint,
	engaged_sessions bigint,
	first_seen timestamptz,
	last_seen timestamptz,
	avg_days_between_sessions double precision
);
COMMENT ON TYPE session_summary IS
	'result of session_stats: session count, events, durations, bounces, engaged sessions, first/last activity, visit frequency';

CREATE FUNCTION session_stats_add(internal, timestamptz, interval) RETURNS internal
	AS 'MODULE_PATHNAME', 'session_stats_add'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION session_stats_add(internal, timestamptz, interval) IS
	'transition function of session_stats: buffer one event timestamp';
CREATE FUNCTION session_stats_add(internal, timestamptz, interval, interval, integer) RETURNS internal
	AS 'MODULE_PATHNAME', 'session_stats_add'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION session_stats_add(internal, timestamptz, interval, interval, integer) IS
	'transition function of session_stats with engaged thresholds: buffer one event timestamp';
CREATE FUNCTION session_stats_final(internal) RETURNS session_summary
	AS 'MODULE_PATHNAME', 'session_stats_final'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION session_stats_final(internal) IS
	'final function of session_stats: sort the events and summarise their sessions';

CREATE AGGREGATE session_stats(ts timestamptz, gap interval) (
	SFUNC = session_stats_add, STYPE = internal, FINALFUNC = session_stats_final,
	FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = event_buffer_combine, SERIALFUNC = event_buffer_serialize,
	DESERIALFUNC = event_buffer_deserialize, PARALLEL = SAFE
);
COMMENT ON AGGREGATE session_stats(timestamptz, interval) IS
	'sessions of events split at gaps longer than gap: counts, durations, bounces, engaged sessions (>= 10 s or >= 2 events), visit frequency';
CREATE AGGREGATE session_stats(ts timestamptz, gap interval, engaged_min interval, engaged_events integer) (
	SFUNC = session_stats_add, STYPE = internal, FINALFUNC = session_stats_final,
	FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = event_buffer_combine, SERIALFUNC = event_buffer_serialize,
	DESERIALFUNC = event_buffer_deserialize, PARALLEL = SAFE
);
COMMENT ON AGGREGATE session_stats(timestamptz, interval, interval, integer) IS
	'session_stats with an engaged session defined as lasting >= engaged_min or having >= engaged_events events';

CREATE FUNCTION session_number(ts timestamptz, gap interval) RETURNS bigint
	AS 'MODULE_PATHNAME', 'session_number'
	LANGUAGE C WINDOW IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION session_number(timestamptz, interval) IS
	'window function: 1-based session number of the row, over (PARTITION BY customer ORDER BY ts); NULL for a NULL ts';


-- ==== feedback ====
-- NPS and CSAT: nps_state, csat_state, nps, csat

CREATE TYPE nps_state;

CREATE FUNCTION nps_state_in(cstring) RETURNS nps_state
	AS 'MODULE_PATHNAME', 'nps_state_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION nps_state_in(cstring) IS 'I/O: text input of nps_state';
CREATE FUNCTION nps_state_out(nps_state) RETURNS cstring
	AS 'MODULE_PATHNAME', 'nps_state_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION nps_state_out(nps_state) IS 'I/O: text output of nps_state';
CREATE FUNCTION nps_state_recv(internal) RETURNS nps_state
	AS 'MODULE_PATHNAME', 'nps_state_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION nps_state_recv(internal) IS 'I/O: binary input of nps_state';
CREATE FUNCTION nps_state_send(nps_state) RETURNS bytea
	AS 'MODULE_PATHNAME', 'nps_state_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION nps_state_send(nps_state) IS 'I/O: binary output of nps_state';

CREATE TYPE nps_state (
	INPUT = nps_state_in, OUTPUT = nps_state_out, RECEIVE = nps_state_recv, SEND = nps_state_send,
	INTERNALLENGTH = 24, ALIGNMENT = double, STORAGE = plain
);
COMMENT ON TYPE nps_state IS 'mergeable NPS state: counts of promoters, passives and detractors';

CREATE FUNCTION nps_add(nps_state, integer) RETURNS nps_state
	AS 'MODULE_PATHNAME', 'nps_add' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION nps_add(nps_state, integer) IS 'transition function of nps_agg and nps: count one 0-10 answer';
CREATE FUNCTION nps_merge(nps_state, nps_state) RETURNS nps_state
	AS 'MODULE_PATHNAME', 'nps_merge' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION nps_merge(nps_state, nps_state) IS 'combine two NPS states (sum of counts)';
CREATE FUNCTION nps(nps_state) RETURNS double precision
	AS 'MODULE_PATHNAME', 'nps_value' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION nps(nps_state) IS 'Net Promoter Score (-100..100) of a state; NULL if it holds no answers';
CREATE FUNCTION responses(nps_state) RETURNS bigint
	AS 'MODULE_PATHNAME', 'nps_responses' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION responses(nps_state) IS 'number of answers in an NPS state';

CREATE AGGREGATE nps_agg(integer) (
	SFUNC = nps_add, STYPE = nps_state, COMBINEFUNC = nps_merge, PARALLEL = SAFE
);
COMMENT ON AGGREGATE nps_agg(integer) IS 'NPS state of 0-10 answers, for storing and rolling up';
CREATE AGGREGATE rollup(nps_state) (
	SFUNC = nps_merge, STYPE = nps_state, COMBINEFUNC = nps_merge, PARALLEL = SAFE
);
COMMENT ON AGGREGATE rollup(nps_state) IS 'merge NPS states (e.g. days into months)';
CREATE AGGREGATE nps(integer) (
	SFUNC = nps_add, STYPE = nps_state, FINALFUNC = nps, COMBINEFUNC = nps_merge, PARALLEL = SAFE
);
COMMENT ON AGGREGATE nps(integer) IS 'Net Promoter Score (-100..100) of 0-10 answers';

CREATE TYPE csat_state;

CREATE FUNCTION csat_state_in(cstring) RETURNS csat_state
	AS 'MODULE_PATHNAME', 'csat_state_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION csat_state_in(cstring) IS 'I/O: text input of csat_state';
CREATE FUNCTION csat_state_out(csat_state) RETURNS cstring
	AS 'MODULE_PATHNAME', 'csat_state_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION csat_state_out(csat_state) IS 'I/O: text output of csat_state';
CREATE FUNCTION csat_state_recv(internal) RETURNS csat_state
	AS 'MODULE_PATHNAME', 'csat_state_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION csat_state_recv(internal) IS 'I/O: binary input of csat_state';
CREATE FUNCTION csat_state_send(csat_state) RETURNS bytea
	AS 'MODULE_PATHNAME', 'csat_state_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION csat_state_send(csat_state) IS 'I/O: binary output of csat_state';

CREATE TYPE csat_state (
	INPUT = csat_state_in, OUTPUT = csat_state_out, RECEIVE = csat_state_recv, SEND = csat_state_send,
	INTERNALLENGTH = 88, ALIGNMENT = double, STORAGE = plain
);
COMMENT ON TYPE csat_state IS 'mergeable CSAT state: the satisfied threshold and answer counts per score 1-10';

CREATE FUNCTION csat_add(csat_state, integer) RETURNS csat_state
	AS 'MODULE_PATHNAME', 'csat_add' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION csat_add(csat_state, integer) IS 'transition function of csat_agg and csat: count one 1-10 answer (satisfied from 4)';
CREATE FUNCTION csat_add(csat_state, integer, integer) RETURNS csat_state
	AS 'MODULE_PATHNAME', 'csat_add' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION csat_add(csat_state, integer, integer) IS 'transition function of csat_agg and csat: count one 1-10 answer with a satisfied threshold';
CREATE FUNCTION csat_merge(csat_state, csat_state) RETURNS csat_state
	AS 'MODULE_PATHNAME', 'csat_merge' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION csat_merge(csat_state, csat_state) IS 'combine two CSAT states (sum of counts, same threshold)';
CREATE FUNCTION csat(csat_state) RETURNS double precision
	AS 'MODULE_PATHNAME', 'csat_value' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION csat(csat_state) IS 'CSAT: percentage of satisfied answers (0..100); NULL if none';
CREATE FUNCTION csat_mean(csat_state) RETURNS double precision
	AS 'MODULE_PATHNAME', 'csat_mean' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION csat_mean(csat_state) IS 'mean answer of a CSAT state; NULL if none';
CREATE FUNCTION responses(csat_state) RETURNS bigint
	AS 'MODULE_PATHNAME', 'csat_responses' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION responses(csat_state) IS 'number of answers in a CSAT state';

CREATE AGGREGATE csat_agg(integer) (
	SFUNC = csat_add, STYPE = csat_state, COMBINEFUNC = csat_merge, PARALLEL = SAFE
);
COMMENT ON AGGREGATE csat_agg(integer) IS 'CSAT state of 1-10 answers, satisfied from 4';
CREATE AGGREGATE csat_agg(integer, integer) (
	SFUNC = csat_add, STYPE = csat_state, COMBINEFUNC = csat_merge, PARALLEL = SAFE
);
COMMENT ON AGGREGATE csat_agg(integer, integer) IS 'CSAT state of 1-10 answers, satisfied from the given answer';
CREATE AGGREGATE rollup(csat_state) (
	SFUNC = csat_merge, STYPE = csat_state, COMBINEFUNC = csat_merge, PARALLEL = SAFE
);
COMMENT ON AGGREGATE rollup(csat_state) IS 'merge CSAT states (e.g. days into months)';
CREATE AGGREGATE csat(integer) (
	SFUNC = csat_add, STYPE = csat_state, FINALFUNC = csat, COMBINEFUNC = csat_merge, PARALLEL = SAFE
);
COMMENT ON AGGREGATE csat(integer) IS 'CSAT: percentage of answers >= 4 (1-5 scale)';
CREATE AGGREGATE csat(integer, integer) (
	SFUNC = csat_add, STYPE = csat_state, FINALFUNC = csat, COMBINEFUNC = csat_merge, PARALLEL = SAFE
);
COMMENT ON AGGREGATE csat(integer, integer) IS 'CSAT: percentage of answers >= satisfied_min';


-- ==== funnel ====
-- ordered funnels: window_funnel, funnel_times

CREATE FUNCTION window_funnel_transfn(internal, interval, timestamptz, bool[]) RETURNS internal
	AS 'MODULE_PATHNAME', 'window_funnel_transfn'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION window_funnel_transfn(internal, interval, timestamptz, bool[]) IS
	'transition function of window_funnel and funnel_times (timestamptz, default mode)';
CREATE FUNCTION window_funnel_transfn(internal, interval, text, timestamptz, bool[]) RETURNS internal
	AS 'MODULE_PATHNAME', 'window_funnel_transfn'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION window_funnel_transfn(internal, interval, text, timestamptz, bool[]) IS
	'transition function of window_funnel and funnel_times (timestamptz, with modes)';
CREATE FUNCTION window_funnel_transfn(internal, bigint, bigint, bool[]) RETURNS internal
	AS 'MODULE_PATHNAME', 'window_funnel_int_transfn'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION window_funnel_transfn(internal, bigint, bigint, bool[]) IS
	'transition function of window_funnel and funnel_times (bigint clock, default mode)';
CREATE FUNCTION window_funnel_transfn(internal, bigint, text, bigint, bool[]) RETURNS internal
	AS 'MODULE_PATHNAME', 'window_funnel_int_transfn'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION window_funnel_transfn(internal, bigint, text, bigint, bool[]) IS
	'transition function of window_funnel and funnel_times (bigint clock, with modes)';

CREATE FUNCTION window_funnel_final(internal) RETURNS integer
	AS 'MODULE_PATHNAME', 'window_funnel_final'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION window_funnel_final(internal) IS
	'final function of window_funnel: the highest step reached';
CREATE FUNCTION funnel_times_final(internal) RETURNS timestamptz[]
	AS 'MODULE_PATHNAME', 'funnel_times_final'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION funnel_times_final(internal) IS
	'final function of funnel_times (timestamptz): when each step of the best chain happened';
CREATE FUNCTION funnel_times_int_final(internal) RETURNS bigint[]
	AS 'MODULE_PATHNAME', 'funnel_times_int_final'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION funnel_times_int_final(internal) IS
	'final function of funnel_times (bigint clock): when each step of the best chain happened';

CREATE AGGREGATE window_funnel(interval, timestamptz, VARIADIC bool[]) (
	SFUNC = window_funnel_transfn, STYPE = internal,
	FINALFUNC = window_funnel_final, FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = event_buffer_combine,
	SERIALFUNC = event_buffer_serialize, DESERIALFUNC = event_buffer_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE window_funnel(interval, timestamptz, bool[]) IS
	'highest funnel step reached within the window (ClickHouse windowFunnel semantics) (timestamptz clock)';

CREATE AGGREGATE window_funnel(interval, text, timestamptz, VARIADIC bool[]) (
	SFUNC = window_funnel_transfn, STYPE = internal,
	FINALFUNC = window_funnel_final, FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = event_buffer_combine,
	SERIALFUNC = event_buffer_serialize, DESERIALFUNC = event_buffer_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE window_funnel(interval, text, timestamptz, bool[]) IS
	'highest funnel step reached within the window (ClickHouse windowFunnel semantics) (timestamptz clock with modes)';

CREATE AGGREGATE window_funnel(bigint, bigint, VARIADIC bool[]) (
	SFUNC = window_funnel_transfn, STYPE = internal,
	FINALFUNC = window_funnel_final, FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = event_buffer_combine,
	SERIALFUNC = event_buffer_serialize, DESERIALFUNC = event_buffer_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE window_funnel(bigint, bigint, bool[]) IS
	'highest funnel step reached within the window (ClickHouse windowFunnel semantics) (bigint clock)';

CREATE AGGREGATE window_funnel(bigint, text, bigint, VARIADIC bool[]) (
	SFUNC = window_funnel_transfn, STYPE = internal,
	FINALFUNC = window_funnel_final, FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = event_buffer_combine,
	SERIALFUNC = event_buffer_serialize, DESERIALFUNC = event_buffer_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE window_funnel(bigint, text, bigint, bool[]) IS
	'highest funnel step reached within the window (ClickHouse windowFunnel semantics) (bigint clock with modes)';

CREATE AGGREGATE funnel_times(interval, timestamptz, VARIADIC bool[]) (
	SFUNC = window_funnel_transfn, STYPE = internal,
	FINALFUNC = funnel_times_final, FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = event_buffer_combine,
	SERIALFUNC = event_buffer_serialize, DESERIALFUNC = event_buffer_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE funnel_times(interval, timestamptz, bool[]) IS
	'when each step of the best funnel chain was reached; NULL past the level (timestamptz clock)';

CREATE AGGREGATE funnel_times(interval, text, timestamptz, VARIADIC bool[]) (
	SFUNC = window_funnel_transfn, STYPE = internal,
	FINALFUNC = funnel_times_final, FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = event_buffer_combine,
	SERIALFUNC = event_buffer_serialize, DESERIALFUNC = event_buffer_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE funnel_times(interval, text, timestamptz, bool[]) IS
	'when each step of the best funnel chain was reached; NULL past the level (timestamptz clock with modes)';

CREATE AGGREGATE funnel_times(bigint, bigint, VARIADIC bool[]) (
	SFUNC = window_funnel_transfn, STYPE = internal,
	FINALFUNC = funnel_times_int_final, FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = event_buffer_combine,
	SERIALFUNC = event_buffer_serialize, DESERIALFUNC = event_buffer_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE funnel_times(bigint, bigint, bool[]) IS
	'when each step of the best funnel chain was reached; NULL past the level (bigint clock)';

CREATE AGGREGATE funnel_times(bigint, text, bigint, VARIADIC bool[]) (
	SFUNC = window_funnel_transfn, STYPE = internal,
	FINALFUNC = funnel_times_int_final, FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = event_buffer_combine,
	SERIALFUNC = event_buffer_serialize, DESERIALFUNC = event_buffer_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE funnel_times(bigint, text, bigint, bool[]) IS
	'when each step of the best funnel chain was reached; NULL past the level (bigint clock with modes)';


-- ==== sequence ====
-- event sequences: sequence_match, sequence_count

-- (section sequence: objects go here)


-- ==== transitions ====
-- stage transitions: stage_transitions

-- (section transitions: objects go here)


-- ==== retention ====
-- retention, retention_periods, lifecycle

-- (section retention: objects go here)


-- ==== rfm ====
-- RFM: rfm_state, scores, segments, customer_segment

-- (section rfm: objects go here)


-- ==== btyd ====
-- customer lifetime value: BG/NBD and Gamma-Gamma

-- (section btyd: objects go here)

