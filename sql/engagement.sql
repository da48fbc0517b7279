/* sql/engagement.sql: the full install script of the current version; make copies it to sql/engagement--<default_version>.sql.  Objects added or changed after 1.0 also go into sql/engagement--1.0--1.1.sql. */

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
	'combine function shared by the event-buffer aggregates (funnels, sequences, transitions, lifecycle)';

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

CREATE FUNCTION event_buffer_check(bytea) RETURNS bigint
	AS 'MODULE_PATHNAME', 'event_buffer_check'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION event_buffer_check(bytea) IS
	'diagnostic: validate a serialized event buffer as the deserializer does (22P03 if invalid) and return its number of events';


-- ==== decay ====
-- engagement score: decay_state, decay_agg, rollup, score, engagement_score

CREATE TYPE decay_state;

CREATE FUNCTION decay_state_in(cstring) RETURNS decay_state
	AS 'MODULE_PATHNAME', 'decay_state_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION decay_state_in(cstring) IS 'I/O: text input of decay_state';
CREATE FUNCTION decay_state_out(decay_state) RETURNS cstring
	AS 'MODULE_PATHNAME', 'decay_state_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION decay_state_out(decay_state) IS 'I/O: text output of decay_state';
CREATE FUNCTION decay_state_recv(internal) RETURNS decay_state
	AS 'MODULE_PATHNAME', 'decay_state_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION decay_state_recv(internal) IS 'I/O: binary input of decay_state';
CREATE FUNCTION decay_state_send(decay_state) RETURNS bytea
	AS 'MODULE_PATHNAME', 'decay_state_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION decay_state_send(decay_state) IS 'I/O: binary output of decay_state';

CREATE TYPE decay_state (
	INPUT = decay_state_in, OUTPUT = decay_state_out, RECEIVE = decay_state_recv, SEND = decay_state_send,
	INTERNALLENGTH = VARIABLE, ALIGNMENT = double, STORAGE = plain
);
COMMENT ON TYPE decay_state IS 'mergeable engagement-score state: half-life, event count, latest event and the decayed weight sum';

CREATE FUNCTION decay_agg_trans(internal, timestamptz, float8, interval) RETURNS internal
	AS 'MODULE_PATHNAME', 'decay_agg_trans' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION decay_agg_trans(internal, timestamptz, float8, interval) IS
	'transition function of decay_agg: add one weighted event';
CREATE FUNCTION decay_rollup_trans(internal, decay_state) RETURNS internal
	AS 'MODULE_PATHNAME', 'decay_rollup_trans' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION decay_rollup_trans(internal, decay_state) IS 'transition function of rollup(decay_state): add one stored state';
CREATE FUNCTION decay_acc_combine(internal, internal) RETURNS internal
	AS 'MODULE_PATHNAME', 'decay_acc_combine' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION decay_acc_combine(internal, internal) IS
	'combine two partial decay states with the same half-life (exact rescale to the later reference time)';
CREATE FUNCTION decay_acc_serialize(internal) RETURNS bytea
	AS 'MODULE_PATHNAME', 'decay_acc_serialize' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION decay_acc_serialize(internal) IS 'serialize a partial decay state for parallel query';
CREATE FUNCTION decay_acc_deserialize(bytea, internal) RETURNS internal
	AS 'MODULE_PATHNAME', 'decay_acc_deserialize' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION decay_acc_deserialize(bytea, internal) IS 'deserialize a partial decay state, validating its length and values';
CREATE FUNCTION decay_acc_final(internal) RETURNS decay_state
	AS 'MODULE_PATHNAME', 'decay_acc_final' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION decay_acc_final(internal) IS
	'final function of decay_agg and rollup(decay_state): the state, its sum at the reference of its latest event';
CREATE FUNCTION score(decay_state, timestamptz) RETURNS float8
	AS 'MODULE_PATHNAME', 'decay_score' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION score(decay_state, timestamptz) IS
	'engagement score of a decay state at as_of: sum of weight * 2^(-(as_of - ts) / half_life); error if as_of is before the latest event';
CREATE FUNCTION events(decay_state) RETURNS bigint
	AS 'MODULE_PATHNAME', 'decay_events' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION events(decay_state) IS 'number of events in a decay state';
CREATE FUNCTION latest_event(decay_state) RETURNS timestamptz
	AS 'MODULE_PATHNAME', 'decay_latest' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION latest_event(decay_state) IS 'time of the latest event in a decay state (the earliest as_of score accepts)';
CREATE FUNCTION half_life(decay_state) RETURNS interval
	AS 'MODULE_PATHNAME', 'decay_half_life' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION half_life(decay_state) IS 'half-life a decay state was built with';

CREATE AGGREGATE decay_agg(timestamptz, float8, interval) (
	SFUNC = decay_agg_trans, STYPE = internal, FINALFUNC = decay_acc_final,
	FINALFUNC_MODIFY = SHAREABLE, COMBINEFUNC = decay_acc_combine,
	SERIALFUNC = decay_acc_serialize, DESERIALFUNC = decay_acc_deserialize, PARALLEL = SAFE
);
COMMENT ON AGGREGATE decay_agg(timestamptz, float8, interval) IS
	'decay state of weighted events (ts, weight, half_life), for storing, rolling up and scoring';
-- exact-type overloads for integer and numeric weights (a CASE of integer literals, a
-- numeric amount): the call resolves to a signature of ours exactly instead of through an
-- implicit cast, which a near-match function in another schema on the search_path could
-- capture (README, Security); the C function reads the weight by its declared type
CREATE FUNCTION decay_agg_trans(internal, timestamptz, integer, interval) RETURNS internal
	AS 'MODULE_PATHNAME', 'decay_agg_trans' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION decay_agg_trans(internal, timestamptz, integer, interval) IS
	'transition function of decay_agg with an integer weight';
CREATE FUNCTION decay_agg_trans(internal, timestamptz, numeric, interval) RETURNS internal
	AS 'MODULE_PATHNAME', 'decay_agg_trans' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION decay_agg_trans(internal, timestamptz, numeric, interval) IS
	'transition function of decay_agg with a numeric weight';
CREATE AGGREGATE decay_agg(timestamptz, integer, interval) (
	SFUNC = decay_agg_trans, STYPE = internal, FINALFUNC = decay_acc_final,
	FINALFUNC_MODIFY = SHAREABLE, COMBINEFUNC = decay_acc_combine,
	SERIALFUNC = decay_acc_serialize, DESERIALFUNC = decay_acc_deserialize, PARALLEL = SAFE
);
COMMENT ON AGGREGATE decay_agg(timestamptz, integer, interval) IS 'decay_agg with an integer weight (exact-type overload)';
CREATE AGGREGATE decay_agg(timestamptz, numeric, interval) (
	SFUNC = decay_agg_trans, STYPE = internal, FINALFUNC = decay_acc_final,
	FINALFUNC_MODIFY = SHAREABLE, COMBINEFUNC = decay_acc_combine,
	SERIALFUNC = decay_acc_serialize, DESERIALFUNC = decay_acc_deserialize, PARALLEL = SAFE
);
COMMENT ON AGGREGATE decay_agg(timestamptz, numeric, interval) IS 'decay_agg with a numeric weight (exact-type overload)';
CREATE AGGREGATE rollup(decay_state) (
	SFUNC = decay_rollup_trans, STYPE = internal, FINALFUNC = decay_acc_final,
	FINALFUNC_MODIFY = SHAREABLE, COMBINEFUNC = decay_acc_combine,
	SERIALFUNC = decay_acc_serialize, DESERIALFUNC = decay_acc_deserialize, PARALLEL = SAFE
);
COMMENT ON AGGREGATE rollup(decay_state) IS 'merge decay states with the same half-life (e.g. days into months)';

CREATE TYPE engagement_score_state;

CREATE FUNCTION engagement_score_state_in(cstring) RETURNS engagement_score_state
	AS 'MODULE_PATHNAME', 'engagement_score_state_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION engagement_score_state_in(cstring) IS 'I/O: text input of engagement_score_state';
CREATE FUNCTION engagement_score_state_out(engagement_score_state) RETURNS cstring
	AS 'MODULE_PATHNAME', 'engagement_score_state_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION engagement_score_state_out(engagement_score_state) IS 'I/O: text output of engagement_score_state';
CREATE FUNCTION engagement_score_state_recv(internal) RETURNS engagement_score_state
	AS 'MODULE_PATHNAME', 'engagement_score_state_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION engagement_score_state_recv(internal) IS 'I/O: binary input of engagement_score_state';
CREATE FUNCTION engagement_score_state_send(engagement_score_state) RETURNS bytea
	AS 'MODULE_PATHNAME', 'engagement_score_state_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION engagement_score_state_send(engagement_score_state) IS 'I/O: binary output of engagement_score_state';

CREATE TYPE engagement_score_state (
	INPUT = engagement_score_state_in, OUTPUT = engagement_score_state_out,
	RECEIVE = engagement_score_state_recv, SEND = engagement_score_state_send,
	INTERNALLENGTH = VARIABLE, ALIGNMENT = double, STORAGE = plain
);
COMMENT ON TYPE engagement_score_state IS 'transition state of engagement_score: half-life, as_of, event count and the weight sum decayed to as_of';

CREATE FUNCTION engagement_score_trans(engagement_score_state, timestamptz, float8, interval, timestamptz)
	RETURNS engagement_score_state
	AS 'MODULE_PATHNAME', 'engagement_score_trans' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION engagement_score_trans(engagement_score_state, timestamptz, float8, interval, timestamptz) IS
	'transition function of engagement_score: add one weighted event decayed to as_of (later events are left out)';
CREATE FUNCTION engagement_score_combine(engagement_score_state, engagement_score_state) RETURNS engagement_score_state
	AS 'MODULE_PATHNAME', 'engagement_score_combine' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION engagement_score_combine(engagement_score_state, engagement_score_state) IS
	'combine function of engagement_score';
CREATE FUNCTION engagement_score_final(engagement_score_state) RETURNS float8
	AS 'MODULE_PATHNAME', 'engagement_score_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION engagement_score_final(engagement_score_state) IS 'final function of engagement_score: the decayed sum';

CREATE AGGREGATE engagement_score(timestamptz, float8, interval, timestamptz) (
	SFUNC = engagement_score_trans, STYPE = engagement_score_state, FINALFUNC = engagement_score_final,
	COMBINEFUNC = engagement_score_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE engagement_score(timestamptz, float8, interval, timestamptz) IS
	'engagement score at as_of: sum of weight * 2^(-(as_of - ts) / half_life) over events at or before as_of';
-- exact-type overloads for integer and numeric weights (see decay_agg)
CREATE FUNCTION engagement_score_trans(engagement_score_state, timestamptz, integer, interval, timestamptz)
	RETURNS engagement_score_state
	AS 'MODULE_PATHNAME', 'engagement_score_trans' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION engagement_score_trans(engagement_score_state, timestamptz, integer, interval, timestamptz) IS
	'transition function of engagement_score with an integer weight';
CREATE FUNCTION engagement_score_trans(engagement_score_state, timestamptz, numeric, interval, timestamptz)
	RETURNS engagement_score_state
	AS 'MODULE_PATHNAME', 'engagement_score_trans' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION engagement_score_trans(engagement_score_state, timestamptz, numeric, interval, timestamptz) IS
	'transition function of engagement_score with a numeric weight';
CREATE AGGREGATE engagement_score(timestamptz, integer, interval, timestamptz) (
	SFUNC = engagement_score_trans, STYPE = engagement_score_state, FINALFUNC = engagement_score_final,
	COMBINEFUNC = engagement_score_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE engagement_score(timestamptz, integer, interval, timestamptz) IS
	'engagement_score with an integer weight (exact-type overload)';
CREATE AGGREGATE engagement_score(timestamptz, numeric, interval, timestamptz) (
	SFUNC = engagement_score_trans, STYPE = engagement_score_state, FINALFUNC = engagement_score_final,
	COMBINEFUNC = engagement_score_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE engagement_score(timestamptz, numeric, interval, timestamptz) IS
	'engagement_score with a numeric weight (exact-type overload)';


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
	avg_days_between_sessions float8
);
COMMENT ON TYPE session_summary IS
	'result of session_stats: session count, events, durations, bounces, engaged sessions, first/last activity, visit frequency';

CREATE FUNCTION session_stats_trans(internal, timestamptz, interval) RETURNS internal
	AS 'MODULE_PATHNAME', 'session_stats_trans'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION session_stats_trans(internal, timestamptz, interval) IS
	'transition function of session_stats: buffer one event timestamp';
CREATE FUNCTION session_stats_trans(internal, timestamptz, interval, interval, integer) RETURNS internal
	AS 'MODULE_PATHNAME', 'session_stats_trans'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION session_stats_trans(internal, timestamptz, interval, interval, integer) IS
	'transition function of session_stats with engaged thresholds: buffer one event timestamp';
CREATE FUNCTION session_stats_final(internal) RETURNS session_summary
	AS 'MODULE_PATHNAME', 'session_stats_final'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION session_stats_final(internal) IS
	'final function of session_stats: sort the events and summarise their sessions';

CREATE AGGREGATE session_stats(ts timestamptz, gap interval) (
	SFUNC = session_stats_trans, STYPE = internal, FINALFUNC = session_stats_final,
	FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = event_buffer_combine, SERIALFUNC = event_buffer_serialize,
	DESERIALFUNC = event_buffer_deserialize, PARALLEL = SAFE
);
COMMENT ON AGGREGATE session_stats(timestamptz, interval) IS
	'sessions of events split at gaps longer than gap: counts, durations, bounces, engaged sessions (>= 10 s or >= 2 events), visit frequency';
CREATE AGGREGATE session_stats(ts timestamptz, gap interval, engaged_min interval, engaged_events integer) (
	SFUNC = session_stats_trans, STYPE = internal, FINALFUNC = session_stats_final,
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
	INTERNALLENGTH = VARIABLE, ALIGNMENT = double, STORAGE = plain
);
COMMENT ON TYPE nps_state IS 'mergeable NPS state: counts of promoters, passives and detractors';

CREATE FUNCTION nps_agg_trans(nps_state, integer) RETURNS nps_state
	AS 'MODULE_PATHNAME', 'nps_agg_trans' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION nps_agg_trans(nps_state, integer) IS 'transition function of nps_agg and nps: count one 0-10 answer';
CREATE FUNCTION nps_agg_combine(nps_state, nps_state) RETURNS nps_state
	AS 'MODULE_PATHNAME', 'nps_agg_combine' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION nps_agg_combine(nps_state, nps_state) IS 'combine two NPS states (sum of counts)';
CREATE FUNCTION nps(nps_state) RETURNS float8
	AS 'MODULE_PATHNAME', 'nps_value' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION nps(nps_state) IS 'Net Promoter Score (-100..100) of a state; NULL if it holds no answers';
CREATE FUNCTION responses(nps_state) RETURNS bigint
	AS 'MODULE_PATHNAME', 'nps_responses' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION responses(nps_state) IS 'number of answers in an NPS state';

CREATE AGGREGATE nps_agg(integer) (
	SFUNC = nps_agg_trans, STYPE = nps_state, COMBINEFUNC = nps_agg_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE nps_agg(integer) IS 'NPS state of 0-10 answers, for storing and rolling up';
CREATE AGGREGATE rollup(nps_state) (
	SFUNC = nps_agg_combine, STYPE = nps_state, COMBINEFUNC = nps_agg_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE rollup(nps_state) IS 'merge NPS states (e.g. days into months)';
CREATE AGGREGATE nps(integer) (
	SFUNC = nps_agg_trans, STYPE = nps_state, FINALFUNC = nps, COMBINEFUNC = nps_agg_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE nps(integer) IS 'Net Promoter Score (-100..100) of 0-10 answers';
-- exact-type overloads for smallint answers (survey scores are often stored as smallint):
-- the call resolves exactly instead of through an implicit cast (README, Security)
CREATE FUNCTION nps_agg_trans(nps_state, smallint) RETURNS nps_state
	AS 'MODULE_PATHNAME', 'nps_agg_trans' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION nps_agg_trans(nps_state, smallint) IS 'transition function of nps_agg and nps for smallint answers';
CREATE AGGREGATE nps_agg(smallint) (
	SFUNC = nps_agg_trans, STYPE = nps_state, COMBINEFUNC = nps_agg_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE nps_agg(smallint) IS 'nps_agg of smallint answers (exact-type overload)';
CREATE AGGREGATE nps(smallint) (
	SFUNC = nps_agg_trans, STYPE = nps_state, FINALFUNC = nps, COMBINEFUNC = nps_agg_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE nps(smallint) IS 'nps of smallint answers (exact-type overload)';

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
	INTERNALLENGTH = VARIABLE, ALIGNMENT = double, STORAGE = plain
);
COMMENT ON TYPE csat_state IS 'mergeable CSAT state: the satisfied threshold and answer counts per score 1-10';

CREATE FUNCTION csat_agg_trans(csat_state, integer) RETURNS csat_state
	AS 'MODULE_PATHNAME', 'csat_agg_trans' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION csat_agg_trans(csat_state, integer) IS 'transition function of csat_agg and csat: count one 1-10 answer (satisfied from 4)';
CREATE FUNCTION csat_agg_trans(csat_state, integer, integer) RETURNS csat_state
	AS 'MODULE_PATHNAME', 'csat_agg_trans' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION csat_agg_trans(csat_state, integer, integer) IS 'transition function of csat_agg and csat: count one 1-10 answer with a satisfied threshold';
CREATE FUNCTION csat_agg_combine(csat_state, csat_state) RETURNS csat_state
	AS 'MODULE_PATHNAME', 'csat_agg_combine' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION csat_agg_combine(csat_state, csat_state) IS 'combine two CSAT states (sum of counts, same threshold)';
CREATE FUNCTION csat(csat_state) RETURNS float8
	AS 'MODULE_PATHNAME', 'csat_value' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION csat(csat_state) IS 'CSAT: percentage of satisfied answers (0..100); NULL if none';
CREATE FUNCTION csat_mean(csat_state) RETURNS float8
	AS 'MODULE_PATHNAME', 'csat_mean' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION csat_mean(csat_state) IS 'mean answer of a CSAT state; NULL if none';
CREATE FUNCTION responses(csat_state) RETURNS bigint
	AS 'MODULE_PATHNAME', 'csat_responses' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION responses(csat_state) IS 'number of answers in a CSAT state';

CREATE AGGREGATE csat_agg(integer) (
	SFUNC = csat_agg_trans, STYPE = csat_state, COMBINEFUNC = csat_agg_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE csat_agg(integer) IS 'CSAT state of 1-10 answers, satisfied from 4';
CREATE AGGREGATE csat_agg(integer, integer) (
	SFUNC = csat_agg_trans, STYPE = csat_state, COMBINEFUNC = csat_agg_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE csat_agg(integer, integer) IS 'CSAT state of 1-10 answers, satisfied from the given answer';
CREATE AGGREGATE rollup(csat_state) (
	SFUNC = csat_agg_combine, STYPE = csat_state, COMBINEFUNC = csat_agg_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE rollup(csat_state) IS 'merge CSAT states (e.g. days into months)';
CREATE AGGREGATE csat(integer) (
	SFUNC = csat_agg_trans, STYPE = csat_state, FINALFUNC = csat, COMBINEFUNC = csat_agg_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE csat(integer) IS 'CSAT: percentage of answers >= 4 (1-5 scale)';
CREATE AGGREGATE csat(integer, integer) (
	SFUNC = csat_agg_trans, STYPE = csat_state, FINALFUNC = csat, COMBINEFUNC = csat_agg_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE csat(integer, integer) IS 'CSAT: percentage of answers >= satisfied_min';
-- exact-type overloads for smallint answers (see nps)
CREATE FUNCTION csat_agg_trans(csat_state, smallint) RETURNS csat_state
	AS 'MODULE_PATHNAME', 'csat_agg_trans' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION csat_agg_trans(csat_state, smallint) IS 'transition function of csat_agg and csat for smallint answers';
CREATE FUNCTION csat_agg_trans(csat_state, smallint, integer) RETURNS csat_state
	AS 'MODULE_PATHNAME', 'csat_agg_trans' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION csat_agg_trans(csat_state, smallint, integer) IS 'transition function of csat_agg and csat for smallint answers with a threshold';
CREATE AGGREGATE csat_agg(smallint) (
	SFUNC = csat_agg_trans, STYPE = csat_state, COMBINEFUNC = csat_agg_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE csat_agg(smallint) IS 'csat_agg of smallint answers (exact-type overload)';
CREATE AGGREGATE csat_agg(smallint, integer) (
	SFUNC = csat_agg_trans, STYPE = csat_state, COMBINEFUNC = csat_agg_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE csat_agg(smallint, integer) IS 'csat_agg of smallint answers with a threshold (exact-type overload)';
CREATE AGGREGATE csat(smallint) (
	SFUNC = csat_agg_trans, STYPE = csat_state, FINALFUNC = csat, COMBINEFUNC = csat_agg_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE csat(smallint) IS 'csat of smallint answers (exact-type overload)';
CREATE AGGREGATE csat(smallint, integer) (
	SFUNC = csat_agg_trans, STYPE = csat_state, FINALFUNC = csat, COMBINEFUNC = csat_agg_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE csat(smallint, integer) IS 'csat of smallint answers with a threshold (exact-type overload)';


-- ==== funnel ====
-- ordered funnels: window_funnel, funnel_times

CREATE FUNCTION window_funnel_trans(internal, interval, timestamptz, bool[]) RETURNS internal
	AS 'MODULE_PATHNAME', 'window_funnel_trans'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION window_funnel_trans(internal, interval, timestamptz, bool[]) IS
	'transition function of window_funnel and funnel_times (timestamptz, default mode)';
CREATE FUNCTION window_funnel_trans(internal, interval, text, timestamptz, bool[]) RETURNS internal
	AS 'MODULE_PATHNAME', 'window_funnel_modes11_trans'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION window_funnel_trans(internal, interval, text, timestamptz, bool[]) IS
	'transition function of window_funnel and funnel_times (timestamptz, with modes)';
CREATE FUNCTION window_funnel_trans(internal, bigint, bigint, bool[]) RETURNS internal
	AS 'MODULE_PATHNAME', 'window_funnel_int_trans'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION window_funnel_trans(internal, bigint, bigint, bool[]) IS
	'transition function of window_funnel and funnel_times (bigint clock, default mode)';
CREATE FUNCTION window_funnel_trans(internal, bigint, text, bigint, bool[]) RETURNS internal
	AS 'MODULE_PATHNAME', 'window_funnel_int_modes11_trans'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION window_funnel_trans(internal, bigint, text, bigint, bool[]) IS
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
	SFUNC = window_funnel_trans, STYPE = internal,
	FINALFUNC = window_funnel_final, FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = event_buffer_combine,
	SERIALFUNC = event_buffer_serialize, DESERIALFUNC = event_buffer_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE window_funnel(interval, timestamptz, bool[]) IS
	'highest funnel step reached within the window (ClickHouse windowFunnel semantics) (timestamptz clock)';

CREATE AGGREGATE window_funnel(interval, text, timestamptz, VARIADIC bool[]) (
	SFUNC = window_funnel_trans, STYPE = internal,
	FINALFUNC = window_funnel_final, FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = event_buffer_combine,
	SERIALFUNC = event_buffer_serialize, DESERIALFUNC = event_buffer_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE window_funnel(interval, text, timestamptz, bool[]) IS
	'highest funnel step reached within the window (ClickHouse windowFunnel semantics) (timestamptz clock with modes)';

CREATE AGGREGATE window_funnel(bigint, bigint, VARIADIC bool[]) (
	SFUNC = window_funnel_trans, STYPE = internal,
	FINALFUNC = window_funnel_final, FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = event_buffer_combine,
	SERIALFUNC = event_buffer_serialize, DESERIALFUNC = event_buffer_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE window_funnel(bigint, bigint, bool[]) IS
	'highest funnel step reached within the window (ClickHouse windowFunnel semantics) (bigint clock)';

CREATE AGGREGATE window_funnel(bigint, text, bigint, VARIADIC bool[]) (
	SFUNC = window_funnel_trans, STYPE = internal,
	FINALFUNC = window_funnel_final, FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = event_buffer_combine,
	SERIALFUNC = event_buffer_serialize, DESERIALFUNC = event_buffer_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE window_funnel(bigint, text, bigint, bool[]) IS
	'highest funnel step reached within the window (ClickHouse windowFunnel semantics) (bigint clock with modes)';

CREATE AGGREGATE funnel_times(interval, timestamptz, VARIADIC bool[]) (
	SFUNC = window_funnel_trans, STYPE = internal,
	FINALFUNC = funnel_times_final, FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = event_buffer_combine,
	SERIALFUNC = event_buffer_serialize, DESERIALFUNC = event_buffer_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE funnel_times(interval, timestamptz, bool[]) IS
	'when each step of the best funnel chain was reached; NULL past the level (timestamptz clock)';

CREATE AGGREGATE funnel_times(interval, text, timestamptz, VARIADIC bool[]) (
	SFUNC = window_funnel_trans, STYPE = internal,
	FINALFUNC = funnel_times_final, FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = event_buffer_combine,
	SERIALFUNC = event_buffer_serialize, DESERIALFUNC = event_buffer_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE funnel_times(interval, text, timestamptz, bool[]) IS
	'when each step of the best funnel chain was reached; NULL past the level (timestamptz clock with modes)';

CREATE AGGREGATE funnel_times(bigint, bigint, VARIADIC bool[]) (
	SFUNC = window_funnel_trans, STYPE = internal,
	FINALFUNC = funnel_times_int_final, FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = event_buffer_combine,
	SERIALFUNC = event_buffer_serialize, DESERIALFUNC = event_buffer_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE funnel_times(bigint, bigint, bool[]) IS
	'when each step of the best funnel chain was reached; NULL past the level (bigint clock)';

CREATE AGGREGATE funnel_times(bigint, text, bigint, VARIADIC bool[]) (
	SFUNC = window_funnel_trans, STYPE = internal,
	FINALFUNC = funnel_times_int_final, FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = event_buffer_combine,
	SERIALFUNC = event_buffer_serialize, DESERIALFUNC = event_buffer_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE funnel_times(bigint, text, bigint, bool[]) IS
	'when each step of the best funnel chain was reached; NULL past the level (bigint clock with modes)';

-- Fixed-arity overloads of window_funnel for 2 to 8 steps: a call with that many boolean
-- steps resolves to these (PostgreSQL prefers an exact non-VARIADIC match), so no bool[] is
-- built per row; results are identical to the VARIADIC form, which still serves 1 or more
-- than 8 steps and explicit VARIADIC arrays.
DO $gen$
DECLARE
	modes bool;
	args text;
	clock text;
BEGIN
	FOREACH modes IN ARRAY ARRAY[false, true] LOOP
		clock := CASE WHEN modes THEN 'timestamptz clock with modes' ELSE 'timestamptz clock' END;
		FOR n IN 2..8 LOOP
			args := pg_catalog.format('interval, %stimestamptz%s', CASE WHEN modes THEN 'text, ' ELSE '' END,
				pg_catalog.repeat(', bool', n));
			IF modes THEN
				EXECUTE pg_catalog.format('CREATE FUNCTION window_funnel_trans(internal, %s) RETURNS internal '
					'AS ''MODULE_PATHNAME'', ''window_funnel_mode_steps11_trans'' '
					'LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE', args);
			ELSE
				EXECUTE pg_catalog.format('CREATE FUNCTION window_funnel_trans(internal, %s) RETURNS internal '
					'AS ''MODULE_PATHNAME'', ''window_funnel_steps_trans'' '
					'LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE', args);
			END IF;
			EXECUTE pg_catalog.format('COMMENT ON FUNCTION window_funnel_trans(internal, %s) IS %L', args,
				pg_catalog.format('transition function of window_funnel with %s steps (%s)', n, clock));
			EXECUTE pg_catalog.format('CREATE AGGREGATE window_funnel(%s) (SFUNC = window_funnel_trans, '
				'STYPE = internal, FINALFUNC = window_funnel_final, FINALFUNC_MODIFY = READ_WRITE, '
				'COMBINEFUNC = event_buffer_combine, SERIALFUNC = event_buffer_serialize, '
				'DESERIALFUNC = event_buffer_deserialize, PARALLEL = SAFE)', args);
			EXECUTE pg_catalog.format('COMMENT ON AGGREGATE window_funnel(%s) IS %L', args,
				pg_catalog.format('highest funnel step reached within the window, %s steps (%s; same as the VARIADIC form)',
					n, clock));
		END LOOP;
	END LOOP;
END
$gen$;


-- ==== funnel_options ====
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
-- built per row; the same results as the VARIADIC forms), without and with a held key:
-- for each, a transition function, window_funnel and funnel_times.
DO $gen$
DECLARE
	keyed bool;
	args text;
	agg constant text := 'CREATE AGGREGATE %s(%s) (SFUNC = funnel_options_trans, STYPE = internal, '
		'FINALFUNC = %s, FINALFUNC_MODIFY = READ_WRITE, COMBINEFUNC = funnel_options_combine, '
		'SERIALFUNC = funnel_options_serialize, DESERIALFUNC = funnel_options_deserialize, PARALLEL = SAFE)';
BEGIN
	FOREACH keyed IN ARRAY ARRAY[false, true] LOOP
		FOR n IN 2..8 LOOP
			args := pg_catalog.format('interval, jsonb, timestamptz%s%s', CASE WHEN keyed THEN ', text' ELSE '' END,
				pg_catalog.repeat(', bool', n));
			IF keyed THEN
				EXECUTE pg_catalog.format('CREATE FUNCTION funnel_options_trans(internal, %s) RETURNS internal '
					'AS ''MODULE_PATHNAME'', ''funnel_options_key_steps_trans'' '
					'LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE', args);
			ELSE
				EXECUTE pg_catalog.format('CREATE FUNCTION funnel_options_trans(internal, %s) RETURNS internal '
					'AS ''MODULE_PATHNAME'', ''funnel_options_steps_trans'' '
					'LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE', args);
			END IF;
			EXECUTE pg_catalog.format('COMMENT ON FUNCTION funnel_options_trans(internal, %s) IS %L', args,
				pg_catalog.format('transition function of window_funnel and funnel_times with jsonb options%s, %s conditions',
					   CASE WHEN keyed THEN ' and a held key' ELSE '' END, n));
			EXECUTE pg_catalog.format(agg, 'window_funnel', args, 'funnel_options_level_final');
			EXECUTE pg_catalog.format('COMMENT ON AGGREGATE window_funnel(%s) IS %L', args,
				pg_catalog.format('deepest funnel step reached under jsonb options%s, %s conditions (same as the VARIADIC form)',
					   CASE WHEN keyed THEN ' with a held key' ELSE '' END, n));
			EXECUTE pg_catalog.format(agg, 'funnel_times', args, 'funnel_options_times_final');
			EXECUTE pg_catalog.format('COMMENT ON AGGREGATE funnel_times(%s) IS %L', args,
				pg_catalog.format(CASE WHEN keyed
						    THEN 'funnel_times under jsonb options with a held key, %s conditions (same as the VARIADIC form)'
						    ELSE 'when each step of the reported chain happened, under jsonb options, %s conditions (same as the VARIADIC form)' END, n));
		END LOOP;
	END LOOP;
END
$gen$;

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

-- Fixed-arity overloads for 2 to 8 conditions written as separate arguments (no bool[] is
-- built per row; the same results as the VARIADIC form): for each, a transition function
-- and funnel_breakdown.
DO $gen$
DECLARE
	args text;
BEGIN
	FOR n IN 2..8 LOOP
		args := pg_catalog.format('interval, jsonb, timestamptz, text%s', pg_catalog.repeat(', bool', n));
		EXECUTE pg_catalog.format('CREATE FUNCTION funnel_breakdown_trans(internal, %s) RETURNS internal '
			'AS ''MODULE_PATHNAME'', ''funnel_breakdown_steps_trans'' '
			'LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE', args);
		EXECUTE pg_catalog.format('COMMENT ON FUNCTION funnel_breakdown_trans(internal, %s) IS %L', args,
			pg_catalog.format('transition function of funnel_breakdown, %s conditions', n));
		EXECUTE pg_catalog.format('CREATE AGGREGATE funnel_breakdown(%s) (SFUNC = funnel_breakdown_trans, '
			'STYPE = internal, FINALFUNC = funnel_breakdown_final, FINALFUNC_MODIFY = READ_WRITE, '
			'COMBINEFUNC = funnel_options_combine, SERIALFUNC = funnel_options_serialize, '
			'DESERIALFUNC = funnel_options_deserialize, PARALLEL = SAFE)', args);
		EXECUTE pg_catalog.format('COMMENT ON AGGREGATE funnel_breakdown(%s) IS %L', args,
			pg_catalog.format('the value credited to the funnel result, %s conditions (same as the VARIADIC form)', n));
	END LOOP;
END
$gen$;


-- ==== sequence ====
-- event sequences: sequence_match, sequence_count

CREATE FUNCTION sequence_trans(internal, text, timestamptz, bool[]) RETURNS internal
	AS 'MODULE_PATHNAME', 'sequence_trans' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION sequence_trans(internal, text, timestamptz, bool[]) IS
	'transition function of sequence_match and sequence_count: buffer rows matching some condition';
CREATE FUNCTION sequence_int_trans(internal, text, bigint, bool[]) RETURNS internal
	AS 'MODULE_PATHNAME', 'sequence_int_trans' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION sequence_int_trans(internal, text, bigint, bool[]) IS
	'transition function of sequence_match and sequence_count over bigint timestamps';
CREATE FUNCTION sequence_match_final(internal) RETURNS boolean
	AS 'MODULE_PATHNAME', 'sequence_match_final' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION sequence_match_final(internal) IS
	'final function of sequence_match: does the pattern match';
CREATE FUNCTION sequence_count_final(internal) RETURNS bigint
	AS 'MODULE_PATHNAME', 'sequence_count_final' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION sequence_count_final(internal) IS
	'final function of sequence_count: number of non-overlapping matches';

CREATE AGGREGATE sequence_match(pattern text, ts timestamptz, VARIADIC conds bool[]) (
	SFUNC = sequence_trans, STYPE = internal, FINALFUNC = sequence_match_final,
	FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = event_buffer_combine, SERIALFUNC = event_buffer_serialize,
	DESERIALFUNC = event_buffer_deserialize, PARALLEL = SAFE
);
COMMENT ON AGGREGATE sequence_match(text, timestamptz, VARIADIC bool[]) IS
	'ClickHouse sequenceMatch: does the pattern of conditions ((?N), ., .*, (?t op seconds)) occur in the events';
CREATE AGGREGATE sequence_match(pattern text, ts bigint, VARIADIC conds bool[]) (
	SFUNC = sequence_int_trans, STYPE = internal, FINALFUNC = sequence_match_final,
	FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = event_buffer_combine, SERIALFUNC = event_buffer_serialize,
	DESERIALFUNC = event_buffer_deserialize, PARALLEL = SAFE
);
COMMENT ON AGGREGATE sequence_match(text, bigint, VARIADIC bool[]) IS
	'ClickHouse sequenceMatch over bigint timestamps (time conditions in the same raw unit)';
CREATE AGGREGATE sequence_count(pattern text, ts timestamptz, VARIADIC conds bool[]) (
	SFUNC = sequence_trans, STYPE = internal, FINALFUNC = sequence_count_final,
	FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = event_buffer_combine, SERIALFUNC = event_buffer_serialize,
	DESERIALFUNC = event_buffer_deserialize, PARALLEL = SAFE
);
COMMENT ON AGGREGATE sequence_count(text, timestamptz, VARIADIC bool[]) IS
	'ClickHouse sequenceCount: number of non-overlapping occurrences of the pattern in the events';
CREATE AGGREGATE sequence_count(pattern text, ts bigint, VARIADIC conds bool[]) (
	SFUNC = sequence_int_trans, STYPE = internal, FINALFUNC = sequence_count_final,
	FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = event_buffer_combine, SERIALFUNC = event_buffer_serialize,
	DESERIALFUNC = event_buffer_deserialize, PARALLEL = SAFE
);
COMMENT ON AGGREGATE sequence_count(text, bigint, VARIADIC bool[]) IS
	'ClickHouse sequenceCount over bigint timestamps (time conditions in the same raw unit)';

-- Fixed-arity overloads of sequence_match and sequence_count for 2 to 8 conditions (1.1):
-- as for window_funnel, a call with that many boolean conditions resolves to these, so no
-- bool[] is built per row; results are identical to the VARIADIC form, which still serves
-- 1 or more than 8 conditions, bigint clocks and explicit VARIADIC arrays. For each count, a
-- transition function sequence_trans and the two aggregates.
DO $gen$
DECLARE
	args text;
	agg constant text := 'CREATE AGGREGATE %s(%s) (SFUNC = sequence_trans, STYPE = internal, '
		'FINALFUNC = %s, FINALFUNC_MODIFY = READ_WRITE, COMBINEFUNC = event_buffer_combine, '
		'SERIALFUNC = event_buffer_serialize, DESERIALFUNC = event_buffer_deserialize, PARALLEL = SAFE)';
BEGIN
	FOR n IN 2..8 LOOP
		args := pg_catalog.format('text, timestamptz%s', pg_catalog.repeat(', bool', n));
		EXECUTE pg_catalog.format('CREATE FUNCTION sequence_trans(internal, %s) RETURNS internal '
			'AS ''MODULE_PATHNAME'', ''sequence_steps_trans'' '
			'LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE', args);
		EXECUTE pg_catalog.format('COMMENT ON FUNCTION sequence_trans(internal, %s) IS %L', args,
			pg_catalog.format('transition function of sequence_match and sequence_count with %s conditions (timestamptz clock)', n));
		EXECUTE pg_catalog.format(agg, 'sequence_match', args, 'sequence_match_final');
		EXECUTE pg_catalog.format('COMMENT ON AGGREGATE sequence_match(%s) IS %L', args,
			pg_catalog.format('ClickHouse sequenceMatch with %s conditions (same as the VARIADIC form)', n));
		EXECUTE pg_catalog.format(agg, 'sequence_count', args, 'sequence_count_final');
		EXECUTE pg_catalog.format('COMMENT ON AGGREGATE sequence_count(%s) IS %L', args,
			pg_catalog.format('ClickHouse sequenceCount with %s conditions (same as the VARIADIC form)', n));
	END LOOP;
END
$gen$;


-- ==== paths ====
-- what customers did next: sequence_next_node, sequence_match_events, event_path, path_edges

CREATE FUNCTION sequence_next_node_trans(internal, text, text, timestamptz, text, bool, bool[]) RETURNS internal
	AS 'MODULE_PATHNAME', 'sequence_next_node_trans' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION sequence_next_node_trans(internal, text, text, timestamptz, text, bool, bool[]) IS
	'transition function of sequence_next_node: buffer every row as a node (value, conditions)';
CREATE FUNCTION sequence_next_node_trans(internal, text, text, timestamptz, text, bool) RETURNS internal
	AS 'MODULE_PATHNAME', 'sequence_next_node_trans' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION sequence_next_node_trans(internal, text, text, timestamptz, text, bool) IS
	'transition function of sequence_next_node without event conditions';
CREATE FUNCTION sequence_next_node_int_trans(internal, text, text, bigint, text, bool, bool[]) RETURNS internal
	AS 'MODULE_PATHNAME', 'sequence_next_node_int_trans' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION sequence_next_node_int_trans(internal, text, text, bigint, text, bool, bool[]) IS
	'transition function of sequence_next_node over bigint timestamps';
CREATE FUNCTION sequence_next_node_int_trans(internal, text, text, bigint, text, bool) RETURNS internal
	AS 'MODULE_PATHNAME', 'sequence_next_node_int_trans' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION sequence_next_node_int_trans(internal, text, text, bigint, text, bool) IS
	'transition function of sequence_next_node over bigint timestamps without event conditions';
CREATE FUNCTION sequence_next_node_final(internal) RETURNS text
	AS 'MODULE_PATHNAME', 'sequence_next_node_final' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION sequence_next_node_final(internal) IS
	'final function of sequence_next_node: the value of the node after (before) the chain, or NULL';

CREATE AGGREGATE sequence_next_node(direction text, base text, ts timestamptz, event text,
		base_condition bool, VARIADIC events bool[]) (
	SFUNC = sequence_next_node_trans, STYPE = internal, FINALFUNC = sequence_next_node_final,
	FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = event_buffer_combine, SERIALFUNC = event_buffer_serialize,
	DESERIALFUNC = event_buffer_deserialize, PARALLEL = SAFE
);
COMMENT ON AGGREGATE sequence_next_node(text, text, timestamptz, text, bool, VARIADIC bool[]) IS
	'ClickHouse sequenceNextNode: the event value right after (forward) or before (backward) a chain of events matching the conditions in order from the base (head, tail, first_match, last_match)';
CREATE AGGREGATE sequence_next_node(direction text, base text, ts timestamptz, event text,
		base_condition bool) (
	SFUNC = sequence_next_node_trans, STYPE = internal, FINALFUNC = sequence_next_node_final,
	FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = event_buffer_combine, SERIALFUNC = event_buffer_serialize,
	DESERIALFUNC = event_buffer_deserialize, PARALLEL = SAFE
);
COMMENT ON AGGREGATE sequence_next_node(text, text, timestamptz, text, bool) IS
	'ClickHouse sequenceNextNode without event conditions: the value of the head (tail) event if base_condition holds on it';
CREATE AGGREGATE sequence_next_node(direction text, base text, ts bigint, event text,
		base_condition bool, VARIADIC events bool[]) (
	SFUNC = sequence_next_node_int_trans, STYPE = internal, FINALFUNC = sequence_next_node_final,
	FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = event_buffer_combine, SERIALFUNC = event_buffer_serialize,
	DESERIALFUNC = event_buffer_deserialize, PARALLEL = SAFE
);
COMMENT ON AGGREGATE sequence_next_node(text, text, bigint, text, bool, VARIADIC bool[]) IS
	'ClickHouse sequenceNextNode over bigint timestamps';
CREATE AGGREGATE sequence_next_node(direction text, base text, ts bigint, event text,
		base_condition bool) (
	SFUNC = sequence_next_node_int_trans, STYPE = internal, FINALFUNC = sequence_next_node_final,
	FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = event_buffer_combine, SERIALFUNC = event_buffer_serialize,
	DESERIALFUNC = event_buffer_deserialize, PARALLEL = SAFE
);
COMMENT ON AGGREGATE sequence_next_node(text, text, bigint, text, bool) IS
	'ClickHouse sequenceNextNode over bigint timestamps without event conditions';

-- Fixed-arity overloads of sequence_next_node for 1 to 8 event conditions: a call with that
-- many boolean conditions after base_condition resolves to these, so no bool[] is built per
-- row; results are identical to the VARIADIC form (which still serves bigint clocks, more
-- than 8 conditions and explicit VARIADIC arrays). For each count, a transition function
-- sequence_next_node_trans and the aggregate.
DO $gen$
DECLARE
	args text;
	conds text;
BEGIN
	FOR n IN 1..8 LOOP
		args := pg_catalog.format('text, text, timestamptz, text, bool%s', pg_catalog.repeat(', bool', n));
		conds := pg_catalog.format('%s event condition%s', n, CASE WHEN n OPERATOR(pg_catalog.>) 1 THEN 's' ELSE '' END);
		EXECUTE pg_catalog.format('CREATE FUNCTION sequence_next_node_trans(internal, %s) RETURNS internal '
			'AS ''MODULE_PATHNAME'', ''sequence_next_node_steps_trans'' '
			'LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE', args);
		EXECUTE pg_catalog.format('COMMENT ON FUNCTION sequence_next_node_trans(internal, %s) IS %L', args,
			pg_catalog.format('transition function of sequence_next_node with %s (timestamptz clock)', conds));
		EXECUTE pg_catalog.format('CREATE AGGREGATE sequence_next_node(%s) (SFUNC = sequence_next_node_trans, '
			'STYPE = internal, FINALFUNC = sequence_next_node_final, FINALFUNC_MODIFY = READ_WRITE, '
			'COMBINEFUNC = event_buffer_combine, SERIALFUNC = event_buffer_serialize, '
			'DESERIALFUNC = event_buffer_deserialize, PARALLEL = SAFE)', args);
		EXECUTE pg_catalog.format('COMMENT ON AGGREGATE sequence_next_node(%s) IS %L', args,
			pg_catalog.format('ClickHouse sequenceNextNode with %s (same as the VARIADIC form)', conds));
	END LOOP;
END
$gen$;

CREATE FUNCTION sequence_match_events_final(internal) RETURNS timestamptz[]
	AS 'MODULE_PATHNAME', 'sequence_match_events_final' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION sequence_match_events_final(internal) IS
	'final function of sequence_match_events: timestamps of the events the (?N) tokens took';
CREATE FUNCTION sequence_match_events_int_final(internal) RETURNS bigint[]
	AS 'MODULE_PATHNAME', 'sequence_match_events_final' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION sequence_match_events_int_final(internal) IS
	'final function of sequence_match_events over bigint timestamps';
CREATE AGGREGATE sequence_match_events(pattern text, ts timestamptz, VARIADIC conds bool[]) (
	SFUNC = sequence_trans, STYPE = internal, FINALFUNC = sequence_match_events_final,
	FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = event_buffer_combine, SERIALFUNC = event_buffer_serialize,
	DESERIALFUNC = event_buffer_deserialize, PARALLEL = SAFE
);
COMMENT ON AGGREGATE sequence_match_events(text, timestamptz, VARIADIC bool[]) IS
	'ClickHouse sequenceMatchEvents: timestamps of the events the pattern''s (?N) tokens matched (the longest partial chain when the pattern does not match)';
CREATE AGGREGATE sequence_match_events(pattern text, ts bigint, VARIADIC conds bool[]) (
	SFUNC = sequence_int_trans, STYPE = internal, FINALFUNC = sequence_match_events_int_final,
	FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = event_buffer_combine, SERIALFUNC = event_buffer_serialize,
	DESERIALFUNC = event_buffer_deserialize, PARALLEL = SAFE
);
COMMENT ON AGGREGATE sequence_match_events(text, bigint, VARIADIC bool[]) IS
	'ClickHouse sequenceMatchEvents over bigint timestamps';

-- Fixed-arity overloads of sequence_match_events for 2 to 8 conditions (timestamptz clock),
-- on the fixed-arity transition functions of sequence_match: no bool[] is built per row.
DO $gen$
DECLARE
	args text;
BEGIN
	FOR n IN 2..8 LOOP
		args := pg_catalog.format('text, timestamptz%s', pg_catalog.repeat(', bool', n));
		EXECUTE pg_catalog.format('CREATE AGGREGATE sequence_match_events(%s) (SFUNC = sequence_trans, '
			'STYPE = internal, FINALFUNC = sequence_match_events_final, FINALFUNC_MODIFY = READ_WRITE, '
			'COMBINEFUNC = event_buffer_combine, SERIALFUNC = event_buffer_serialize, '
			'DESERIALFUNC = event_buffer_deserialize, PARALLEL = SAFE)', args);
		EXECUTE pg_catalog.format('COMMENT ON AGGREGATE sequence_match_events(%s) IS %L', args,
			pg_catalog.format('ClickHouse sequenceMatchEvents with %s conditions (same as the VARIADIC form)', n));
	END LOOP;
END
$gen$;

CREATE FUNCTION event_path_trans(internal, text, integer, timestamptz, text, bool) RETURNS internal
	AS 'MODULE_PATHNAME', 'event_path_trans' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION event_path_trans(internal, text, integer, timestamptz, text, bool) IS
	'transition function of event_path: buffer every row as a node (value, anchor)';
CREATE FUNCTION event_path_int_trans(internal, text, integer, bigint, text, bool) RETURNS internal
	AS 'MODULE_PATHNAME', 'event_path_int_trans' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION event_path_int_trans(internal, text, integer, bigint, text, bool) IS
	'transition function of event_path over bigint timestamps';
CREATE FUNCTION event_path_final(internal) RETURNS text[]
	AS 'MODULE_PATHNAME', 'event_path_final' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION event_path_final(internal) IS
	'final function of event_path: the anchor and the next (previous) distinct events, in time order';
CREATE AGGREGATE event_path(direction text, steps integer, ts timestamptz, event text, anchor bool) (
	SFUNC = event_path_trans, STYPE = internal, FINALFUNC = event_path_final,
	FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = event_buffer_combine, SERIALFUNC = event_buffer_serialize,
	DESERIALFUNC = event_buffer_deserialize, PARALLEL = SAFE
);
COMMENT ON AGGREGATE event_path(text, integer, timestamptz, text, bool) IS
	'path of one customer: the first anchor event and the next steps distinct events (forward), or the previous steps distinct events and the last anchor (backward), consecutive repeats collapsed';
CREATE AGGREGATE event_path(direction text, steps integer, ts bigint, event text, anchor bool) (
	SFUNC = event_path_int_trans, STYPE = internal, FINALFUNC = event_path_final,
	FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = event_buffer_combine, SERIALFUNC = event_buffer_serialize,
	DESERIALFUNC = event_buffer_deserialize, PARALLEL = SAFE
);
COMMENT ON AGGREGATE event_path(text, integer, bigint, text, bool) IS
	'event_path over bigint timestamps';

CREATE FUNCTION path_edges(path text[], OUT depth integer, OUT from_event text, OUT to_event text)
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'path_edges' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 5;
COMMENT ON FUNCTION path_edges(text[]) IS
	'the edges of a path: (k, path[k], path[k+1]) for each pair of neighbours, to count Sankey links';


-- ==== transitions ====
-- stage transitions: stage_transitions

CREATE TYPE stage_transition AS (from_stage text, to_stage text, at timestamptz, dwell interval);
COMMENT ON TYPE stage_transition IS
	'one change of stage: from_stage (NULL on entry), to_stage, when, and how long from_stage had lasted';

CREATE FUNCTION stage_transitions_trans(internal, timestamptz, text) RETURNS internal
	AS 'MODULE_PATHNAME', 'stage_transitions_trans'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION stage_transitions_trans(internal, timestamptz, text) IS
	'transition function of stage_transitions (no dormancy)';
CREATE FUNCTION stage_transitions_trans(internal, timestamptz, text, interval) RETURNS internal
	AS 'MODULE_PATHNAME', 'stage_transitions_trans'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION stage_transitions_trans(internal, timestamptz, text, interval) IS
	'transition function of stage_transitions (with dormancy)';

CREATE FUNCTION stage_transitions_final(internal) RETURNS stage_transition[]
	AS 'MODULE_PATHNAME', 'stage_transitions_final'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION stage_transitions_final(internal) IS
	'final function of stage_transitions: the changes of stage in time order';

CREATE AGGREGATE stage_transitions(timestamptz, text) (
	SFUNC = stage_transitions_trans, STYPE = internal,
	FINALFUNC = stage_transitions_final, FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = event_buffer_combine,
	SERIALFUNC = event_buffer_serialize, DESERIALFUNC = event_buffer_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE stage_transitions(timestamptz, text) IS
	'every change of stage in time order, with the dwell time of the stage left';

CREATE AGGREGATE stage_transitions(timestamptz, text, interval) (
	SFUNC = stage_transitions_trans, STYPE = internal,
	FINALFUNC = stage_transitions_final, FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = event_buffer_combine,
	SERIALFUNC = event_buffer_serialize, DESERIALFUNC = event_buffer_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE stage_transitions(timestamptz, text, interval) IS
	'every change of stage in time order, with a move to dormant across gaps longer than the dormancy';


-- ==== retention ====
-- retention, retention_periods, lifecycle

-- retention and retention_periods keep a bitmap per group (one bit per condition / period)
-- with its own combine and serial form; SSPACE is its size: 40 bytes for retention, 48 for
-- retention_periods with n <= 128 (n/8 bytes rounded up to 8, plus 32, for larger n)
CREATE FUNCTION retention_bits_combine(internal, internal) RETURNS internal
	AS 'MODULE_PATHNAME', 'retention_bits_combine'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION retention_bits_combine(internal, internal) IS
	'combine function of retention and retention_periods: OR of two bitmaps';
CREATE FUNCTION retention_bits_serialize(internal) RETURNS bytea
	AS 'MODULE_PATHNAME', 'retention_bits_serialize'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION retention_bits_serialize(internal) IS
	'serialize a retention or retention_periods bitmap for parallel query (versioned, portable)';
CREATE FUNCTION retention_bits_deserialize(bytea, internal) RETURNS internal
	AS 'MODULE_PATHNAME', 'retention_bits_deserialize'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION retention_bits_deserialize(bytea, internal) IS
	'deserialize a retention or retention_periods bitmap, validating its length and bits';

CREATE FUNCTION retention_trans(internal, bool[]) RETURNS internal
	AS 'MODULE_PATHNAME', 'retention_trans' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION retention_trans(internal, bool[]) IS
	'transition function of retention: OR the row''s conditions into the state';
CREATE FUNCTION retention_final(internal) RETURNS integer[]
	AS 'MODULE_PATHNAME', 'retention_final' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION retention_final(internal) IS
	'final function of retention: 0/1 per condition, each ANDed with condition 1';

CREATE AGGREGATE retention(VARIADIC bool[]) (
	SFUNC = retention_trans, STYPE = internal, FINALFUNC = retention_final,
	FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = retention_bits_combine, SERIALFUNC = retention_bits_serialize,
	DESERIALFUNC = retention_bits_deserialize, SSPACE = 40, PARALLEL = SAFE
);
COMMENT ON AGGREGATE retention(VARIADIC bool[]) IS
	'ClickHouse retention: element 1 = condition 1 held on some row; element i = conditions 1 and i each held on some row';

-- Fixed-arity overloads of retention for 2 to 8 conditions: a call with that many boolean
-- conditions resolves to these (PostgreSQL prefers an exact non-VARIADIC match), so no bool[]
-- is built per row; results are identical to the VARIADIC form.
DO $gen$
DECLARE
	args text;
BEGIN
	FOR n IN 2..8 LOOP
		args := pg_catalog.ltrim(pg_catalog.repeat(', bool', n), ', ');
		EXECUTE pg_catalog.format('CREATE FUNCTION retention_trans(internal, %s) RETURNS internal '
			'AS ''MODULE_PATHNAME'', ''retention_args_trans'' '
			'LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE', args);
		EXECUTE pg_catalog.format('COMMENT ON FUNCTION retention_trans(internal, %s) IS %L', args,
			pg_catalog.format('transition function of retention with %s conditions: OR the row''s conditions into the state', n));
		EXECUTE pg_catalog.format('CREATE AGGREGATE retention(%s) (SFUNC = retention_trans, STYPE = internal, '
			'FINALFUNC = retention_final, FINALFUNC_MODIFY = READ_WRITE, COMBINEFUNC = retention_bits_combine, '
			'SERIALFUNC = retention_bits_serialize, DESERIALFUNC = retention_bits_deserialize, SSPACE = 40, '
			'PARALLEL = SAFE)', args);
		EXECUTE pg_catalog.format('COMMENT ON AGGREGATE retention(%s) IS %L', args,
			pg_catalog.format('retention with %s conditions (same as the VARIADIC form): 0/1 per condition, each ANDed with condition 1', n));
	END LOOP;
END
$gen$;

CREATE FUNCTION retention_periods_trans(internal, timestamptz, timestamptz, interval, integer)
	RETURNS internal
	AS 'MODULE_PATHNAME', 'retention_periods_trans' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION retention_periods_trans(internal, timestamptz, timestamptz, interval, integer) IS
	'transition function of retention_periods: mark the period after first_seen that ts falls in';
CREATE FUNCTION retention_periods_final(internal) RETURNS integer[]
	AS 'MODULE_PATHNAME', 'retention_periods_final' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION retention_periods_final(internal) IS
	'final function of retention_periods: 0/1 per period 0..n-1';

CREATE AGGREGATE retention_periods(first_seen timestamptz, ts timestamptz, period interval, n integer) (
	SFUNC = retention_periods_trans, STYPE = internal, FINALFUNC = retention_periods_final,
	FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = retention_bits_combine, SERIALFUNC = retention_bits_serialize,
	DESERIALFUNC = retention_bits_deserialize, SSPACE = 48, PARALLEL = SAFE
);
COMMENT ON AGGREGATE retention_periods(timestamptz, timestamptz, interval, integer) IS
	'cohort retention of one customer: element k+1 = 1 if active in [first_seen + k*period, first_seen + (k+1)*period)';

CREATE TYPE lifecycle_period AS (period_start timestamptz, status text);
COMMENT ON TYPE lifecycle_period IS
	'one period of a customer lifecycle: its start and status (new, returning, resurrecting, dormant)';

CREATE FUNCTION lifecycle_trans(internal, timestamptz, interval, timestamptz) RETURNS internal
	AS 'MODULE_PATHNAME', 'lifecycle_trans' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION lifecycle_trans(internal, timestamptz, interval, timestamptz) IS
	'transition function of lifecycle: buffer the period of each event at or before as_of';
CREATE FUNCTION lifecycle_final(internal) RETURNS lifecycle_period[]
	AS 'MODULE_PATHNAME', 'lifecycle_final' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION lifecycle_final(internal) IS
	'final function of lifecycle: status of every period from first activity to as_of';

CREATE AGGREGATE lifecycle(ts timestamptz, period interval, as_of timestamptz) (
	SFUNC = lifecycle_trans, STYPE = internal, FINALFUNC = lifecycle_final,
	FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = event_buffer_combine, SERIALFUNC = event_buffer_serialize,
	DESERIALFUNC = event_buffer_deserialize, PARALLEL = SAFE
);
COMMENT ON AGGREGATE lifecycle(timestamptz, interval, timestamptz) IS
	'PostHog lifecycle of one customer: (period_start, status) for new, returning, resurrecting and dormant periods up to as_of (UTC bins aligned to Monday 2000-01-03)';

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

-- ==== rfm ====
-- RFM: rfm_state, scores, segments, customer_segment

CREATE TYPE rfm_state;

CREATE FUNCTION rfm_state_in(cstring) RETURNS rfm_state
	AS 'MODULE_PATHNAME', 'rfm_state_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION rfm_state_in(cstring) IS 'I/O: text input of rfm_state';
CREATE FUNCTION rfm_state_out(rfm_state) RETURNS cstring
	AS 'MODULE_PATHNAME', 'rfm_state_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION rfm_state_out(rfm_state) IS 'I/O: text output of rfm_state';
CREATE FUNCTION rfm_state_recv(internal) RETURNS rfm_state
	AS 'MODULE_PATHNAME', 'rfm_state_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION rfm_state_recv(internal) IS 'I/O: binary input of rfm_state';
CREATE FUNCTION rfm_state_send(rfm_state) RETURNS bytea
	AS 'MODULE_PATHNAME', 'rfm_state_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION rfm_state_send(rfm_state) IS 'I/O: binary output of rfm_state';

CREATE TYPE rfm_state (
	INPUT = rfm_state_in, OUTPUT = rfm_state_out, RECEIVE = rfm_state_recv, SEND = rfm_state_send,
	INTERNALLENGTH = VARIABLE, ALIGNMENT = double, STORAGE = plain
);
COMMENT ON TYPE rfm_state IS 'RFM state of a customer: purchases, distinct purchase days (UTC, or the local days of rfm_agg''s zone), total amount, first and last purchase';

CREATE FUNCTION rfm_agg_trans(internal, timestamptz, float8) RETURNS internal
	AS 'MODULE_PATHNAME', 'rfm_agg_trans' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION rfm_agg_trans(internal, timestamptz, float8) IS 'transition function of rfm_agg: add one purchase';
CREATE FUNCTION rfm_rollup_trans(internal, rfm_state) RETURNS internal
	AS 'MODULE_PATHNAME', 'rfm_rollup_trans' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION rfm_rollup_trans(internal, rfm_state) IS 'transition function of rollup(rfm_state): add one stored state';
CREATE FUNCTION rfm_acc_combine(internal, internal) RETURNS internal
	AS 'MODULE_PATHNAME', 'rfm_acc_combine' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION rfm_acc_combine(internal, internal) IS 'combine function of rfm_agg and rollup(rfm_state)';
CREATE FUNCTION rfm_acc_serialize(internal) RETURNS bytea
	AS 'MODULE_PATHNAME', 'rfm_acc_serialize' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION rfm_acc_serialize(internal) IS 'serialize a partial RFM state for parallel query (versioned, portable)';
CREATE FUNCTION rfm_acc_deserialize(bytea, internal) RETURNS internal
	AS 'MODULE_PATHNAME', 'rfm_acc_deserialize' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION rfm_acc_deserialize(bytea, internal) IS 'deserialize a partial RFM state, validating every length and value';
CREATE FUNCTION rfm_acc_final(internal) RETURNS rfm_state
	AS 'MODULE_PATHNAME', 'rfm_acc_final' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION rfm_acc_final(internal) IS 'final function of rfm_agg and rollup(rfm_state): count distinct purchase days';

CREATE AGGREGATE rfm_agg(timestamptz, float8) (
	SFUNC = rfm_agg_trans, STYPE = internal, FINALFUNC = rfm_acc_final,
	FINALFUNC_MODIFY = SHAREABLE, COMBINEFUNC = rfm_acc_combine,
	SERIALFUNC = rfm_acc_serialize, DESERIALFUNC = rfm_acc_deserialize, PARALLEL = SAFE
);
COMMENT ON AGGREGATE rfm_agg(timestamptz, float8) IS 'RFM state of purchases (ts, amount); rows with a NULL ts or amount are skipped';
-- exact-type overloads for integer and numeric amounts (a numeric price column): the call
-- resolves exactly instead of through an implicit cast (README, Security)
CREATE FUNCTION rfm_agg_trans(internal, timestamptz, integer) RETURNS internal
	AS 'MODULE_PATHNAME', 'rfm_agg_trans' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION rfm_agg_trans(internal, timestamptz, integer) IS 'transition function of rfm_agg with an integer amount';
CREATE FUNCTION rfm_agg_trans(internal, timestamptz, numeric) RETURNS internal
	AS 'MODULE_PATHNAME', 'rfm_agg_trans' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION rfm_agg_trans(internal, timestamptz, numeric) IS 'transition function of rfm_agg with a numeric amount';
CREATE AGGREGATE rfm_agg(timestamptz, integer) (
	SFUNC = rfm_agg_trans, STYPE = internal, FINALFUNC = rfm_acc_final,
	FINALFUNC_MODIFY = SHAREABLE, COMBINEFUNC = rfm_acc_combine,
	SERIALFUNC = rfm_acc_serialize, DESERIALFUNC = rfm_acc_deserialize, PARALLEL = SAFE
);
COMMENT ON AGGREGATE rfm_agg(timestamptz, integer) IS 'rfm_agg with an integer amount (exact-type overload)';
CREATE AGGREGATE rfm_agg(timestamptz, numeric) (
	SFUNC = rfm_agg_trans, STYPE = internal, FINALFUNC = rfm_acc_final,
	FINALFUNC_MODIFY = SHAREABLE, COMBINEFUNC = rfm_acc_combine,
	SERIALFUNC = rfm_acc_serialize, DESERIALFUNC = rfm_acc_deserialize, PARALLEL = SAFE
);
COMMENT ON AGGREGATE rfm_agg(timestamptz, numeric) IS 'rfm_agg with a numeric amount (exact-type overload)';
CREATE AGGREGATE rollup(rfm_state) (
	SFUNC = rfm_rollup_trans, STYPE = internal, FINALFUNC = rfm_acc_final,
	FINALFUNC_MODIFY = SHAREABLE, COMBINEFUNC = rfm_acc_combine,
	SERIALFUNC = rfm_acc_serialize, DESERIALFUNC = rfm_acc_deserialize, PARALLEL = SAFE
);
COMMENT ON AGGREGATE rollup(rfm_state) IS 'merge RFM states (e.g. months into years); purchase days stay exact for disjoint periods';
-- calendar form (1.1): purchase days are the local days of the zone given; the state is
-- rfm_state format 2, which carries the local days of its first and last purchase
CREATE FUNCTION rfm_agg_trans(internal, timestamptz, float8, text) RETURNS internal
	AS 'MODULE_PATHNAME', 'rfm_agg_zone_trans' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION rfm_agg_trans(internal, timestamptz, float8, text) IS
	'transition function of rfm_agg with a zone: add one purchase under its local day';
CREATE FUNCTION rfm_agg_trans(internal, timestamptz, integer, text) RETURNS internal
	AS 'MODULE_PATHNAME', 'rfm_agg_zone_trans' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION rfm_agg_trans(internal, timestamptz, integer, text) IS
	'transition function of rfm_agg with a zone and an integer amount';
CREATE FUNCTION rfm_agg_trans(internal, timestamptz, numeric, text) RETURNS internal
	AS 'MODULE_PATHNAME', 'rfm_agg_zone_trans' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION rfm_agg_trans(internal, timestamptz, numeric, text) IS
	'transition function of rfm_agg with a zone and a numeric amount';
CREATE AGGREGATE rfm_agg(ts timestamptz, amount float8, tz text) (
	SFUNC = rfm_agg_trans, STYPE = internal, FINALFUNC = rfm_acc_final,
	FINALFUNC_MODIFY = SHAREABLE, COMBINEFUNC = rfm_acc_combine,
	SERIALFUNC = rfm_acc_serialize, DESERIALFUNC = rfm_acc_deserialize, PARALLEL = SAFE
);
COMMENT ON AGGREGATE rfm_agg(timestamptz, float8, text) IS
	'RFM state of purchases (ts, amount) with purchase days the calendar days of zone tz';
CREATE AGGREGATE rfm_agg(ts timestamptz, amount integer, tz text) (
	SFUNC = rfm_agg_trans, STYPE = internal, FINALFUNC = rfm_acc_final,
	FINALFUNC_MODIFY = SHAREABLE, COMBINEFUNC = rfm_acc_combine,
	SERIALFUNC = rfm_acc_serialize, DESERIALFUNC = rfm_acc_deserialize, PARALLEL = SAFE
);
COMMENT ON AGGREGATE rfm_agg(timestamptz, integer, text) IS
	'rfm_agg with a zone and an integer amount (exact-type overload)';
CREATE AGGREGATE rfm_agg(ts timestamptz, amount numeric, tz text) (
	SFUNC = rfm_agg_trans, STYPE = internal, FINALFUNC = rfm_acc_final,
	FINALFUNC_MODIFY = SHAREABLE, COMBINEFUNC = rfm_acc_combine,
	SERIALFUNC = rfm_acc_serialize, DESERIALFUNC = rfm_acc_deserialize, PARALLEL = SAFE
);
COMMENT ON AGGREGATE rfm_agg(timestamptz, numeric, text) IS
	'rfm_agg with a zone and a numeric amount (exact-type overload)';

CREATE FUNCTION frequency(rfm_state) RETURNS bigint
	AS 'MODULE_PATHNAME', 'rfm_frequency' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION frequency(rfm_state) IS 'number of purchases';
CREATE FUNCTION purchase_days(rfm_state) RETURNS bigint
	AS 'MODULE_PATHNAME', 'rfm_purchase_days' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION purchase_days(rfm_state) IS 'number of distinct purchase days (UTC, or the local days of rfm_agg''s zone); NULL if unknown (rolled up from overlapping periods)';
CREATE FUNCTION monetary(rfm_state) RETURNS float8
	AS 'MODULE_PATHNAME', 'rfm_monetary' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION monetary(rfm_state) IS 'total amount of the purchases';
CREATE FUNCTION avg_order_value(rfm_state) RETURNS float8
	AS 'MODULE_PATHNAME', 'rfm_avg_order_value' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION avg_order_value(rfm_state) IS 'total amount / number of purchases; NULL without purchases';
CREATE FUNCTION is_repeat_customer(rfm_state) RETURNS boolean
	AS 'MODULE_PATHNAME', 'rfm_is_repeat' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION is_repeat_customer(rfm_state) IS 'true if the purchases fall on two or more distinct days (UTC, or the local days of rfm_agg''s zone)';
CREATE FUNCTION first_purchase(rfm_state) RETURNS timestamptz
	AS 'MODULE_PATHNAME', 'rfm_first_purchase' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION first_purchase(rfm_state) IS 'time of the first purchase; NULL without purchases';
CREATE FUNCTION last_purchase(rfm_state) RETURNS timestamptz
	AS 'MODULE_PATHNAME', 'rfm_last_purchase' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION last_purchase(rfm_state) IS 'time of the last purchase; NULL without purchases';
CREATE FUNCTION recency(rfm_state, as_of timestamptz) RETURNS interval
	AS 'MODULE_PATHNAME', 'rfm_recency' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION recency(rfm_state, timestamptz) IS 'as_of - last purchase; NULL without purchases; error if as_of is before the last purchase';
CREATE FUNCTION recency_days(rfm_state, as_of timestamptz) RETURNS float8
	AS 'MODULE_PATHNAME', 'rfm_recency_days' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION recency_days(rfm_state, timestamptz) IS 'recency in days (fractional), for scoring';
CREATE FUNCTION tenure(rfm_state, as_of timestamptz) RETURNS interval
	AS 'MODULE_PATHNAME', 'rfm_tenure' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION tenure(rfm_state, timestamptz) IS 'as_of - first purchase (customer age); NULL without purchases';

CREATE FUNCTION rfm_breaks_trans(internal, float8) RETURNS internal
	AS 'MODULE_PATHNAME', 'rfm_breaks_trans' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION rfm_breaks_trans(internal, float8) IS 'transition function of rfm_breaks: collect one value';
CREATE FUNCTION rfm_breaks_final(internal, integer) RETURNS float8[]
	AS 'MODULE_PATHNAME', 'rfm_breaks_final' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION rfm_breaks_final(internal, integer) IS 'final function of rfm_breaks: sort and pick the n - 1 cut points';
CREATE AGGREGATE rfm_breaks(n integer ORDER BY value float8) (
	SFUNC = rfm_breaks_trans, STYPE = internal, FINALFUNC = rfm_breaks_final,
	FINALFUNC_MODIFY = READ_WRITE, PARALLEL = SAFE
);
COMMENT ON AGGREGATE rfm_breaks(integer ORDER BY float8) IS 'cut points of n equal-count scores where equal values share a score: percentile_disc(k / n), k = 1..n-1';
CREATE FUNCTION rfm_score(value float8, breaks float8[], higher_is_better boolean) RETURNS integer
	AS 'MODULE_PATHNAME', 'rfm_score' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION rfm_score(float8, float8[], boolean) IS 'score 1..n of a value: 1 + number of cut points below it (reversed if not higher_is_better)';

-- segment maps: the presets are rows with builtin = true (immutable: read-only, and no
-- user row may take a preset's map name; recreated by CREATE EXTENSION); user maps are
-- rows with builtin = false and are kept by pg_dump
CREATE TABLE rfm_segment_map (
	map_name text NOT NULL,
	priority integer NOT NULL,
	segment text NOT NULL,
	r_lo integer NOT NULL DEFAULT 1,
	r_hi integer NOT NULL DEFAULT 100,
	f_lo integer NOT NULL DEFAULT 1,
	f_hi integer NOT NULL DEFAULT 100,
	m_lo integer NOT NULL DEFAULT 1,
	m_hi integer NOT NULL DEFAULT 100,
	fm_lo integer NOT NULL DEFAULT 1,
	fm_hi integer NOT NULL DEFAULT 100,
	builtin boolean NOT NULL DEFAULT false,
	PRIMARY KEY (map_name, priority),
	CHECK (1 <= r_lo AND r_lo <= r_hi AND r_hi <= 100),
	CHECK (1 <= f_lo AND f_lo <= f_hi AND f_hi <= 100),
	CHECK (1 <= m_lo AND m_lo <= m_hi AND m_hi <= 100),
	CHECK (1 <= fm_lo AND fm_lo <= fm_hi AND fm_hi <= 100)
);
COMMENT ON TABLE rfm_segment_map IS 'RFM segment maps: first rule by priority whose score ranges hold (r, f, m, fm = ceil((f + m) / 2)) wins';
-- every role may read the maps (rfm_segment and customer_segment do, as the caller)
GRANT SELECT ON rfm_segment_map TO PUBLIC;

-- (A) R package rfm 0.3.0, rfm_segment() defaults (product.md 7.2 A)
INSERT INTO rfm_segment_map (map_name, priority, segment, r_lo, r_hi, f_lo, f_hi, m_lo, m_hi, fm_lo, fm_hi, builtin) VALUES
	('rfm_package', 1, 'Champions', 5, 5, 5, 5, 5, 5, 1, 5, true),
	('rfm_package', 2, 'Potential Loyalist', 3, 5, 3, 5, 2, 5, 1, 5, true),
	('rfm_package', 3, 'Loyal Customers', 2, 4, 2, 4, 2, 4, 1, 5, true),
	('rfm_package', 4, 'Promising', 3, 4, 1, 3, 3, 5, 1, 5, true),
	('rfm_package', 5, 'New Customers', 4, 5, 1, 3, 1, 5, 1, 5, true),
	('rfm_package', 6, 'Can''t Lose Them', 1, 2, 3, 4, 4, 5, 1, 5, true),
	('rfm_package', 7, 'At Risk', 1, 2, 2, 5, 4, 5, 1, 5, true),
	('rfm_package', 8, 'Need Attention', 1, 3, 3, 5, 3, 5, 1, 5, true),
	('rfm_package', 9, 'About To Sleep', 2, 3, 1, 3, 1, 4, 1, 5, true),
	('rfm_package', 10, 'Lost', 1, 1, 1, 5, 1, 5, 1, 5, true);

-- (B) the 11-segment "Putler-style" table, top-down as published (product.md 7.2 B;
-- four of its segments are unreachable, which rfm_segment_check reports)
INSERT INTO rfm_segment_map (map_name, priority, segment, r_lo, r_hi, f_lo, f_hi, m_lo, m_hi, fm_lo, fm_hi, builtin) VALUES
	('putler', 1, 'Champions', 4, 5, 4, 5, 4, 5, 1, 5, true),
	('putler', 2, 'Loyal Customers', 2, 5, 3, 5, 3, 5, 1, 5, true),
	('putler', 3, 'Potential Loyalist', 3, 5, 1, 3, 1, 3, 1, 5, true),
	('putler', 4, 'New Customers', 4, 5, 1, 1, 1, 1, 1, 5, true),
	('putler', 5, 'Promising', 3, 4, 1, 1, 1, 1, 1, 5, true),
	('putler', 6, 'Need Attention', 2, 3, 2, 3, 2, 3, 1, 5, true),
	('putler', 7, 'About To Sleep', 2, 3, 1, 2, 1, 2, 1, 5, true),
	('putler', 8, 'At Risk', 1, 2, 2, 5, 2, 5, 1, 5, true),
	('putler', 9, 'Can''t Lose Them', 1, 1, 4, 5, 4, 5, 1, 5, true),
	('putler', 10, 'Hibernating', 1, 2, 1, 2, 1, 2, 1, 5, true),
	('putler', 11, 'Lost', 1, 2, 1, 2, 1, 2, 1, 5, true);

-- (C) the R x FM grid, full coverage, the default (product.md 7.2 C); FM = ceil((F + M) / 2)
INSERT INTO rfm_segment_map (map_name, priority, segment, r_lo, r_hi, fm_lo, fm_hi, builtin)
SELECT 'rfm_grid', 10 * g.r + g.fm, g.segment, g.r, g.r, g.fm, g.fm, true
FROM (VALUES
	(5, 1, 'Recent Customers'), (5, 2, 'Potential Loyalists'), (5, 3, 'Loyal'), (5, 4, 'Champions'), (5, 5, 'Champions'),
	(4, 1, 'Promising'), (4, 2, 'Potential Loyalists'), (4, 3, 'Potential Loyalists'), (4, 4, 'Loyal'), (4, 5, 'Champions'),
	(3, 1, 'Promising'), (3, 2, 'Needing Attention'), (3, 3, 'Potential Loyalists'), (3, 4, 'Loyal'), (3, 5, 'Loyal'),
	(2, 1, 'About to Sleep'), (2, 2, 'Needing Attention'), (2, 3, 'Needing Attention'), (2, 4, 'At Risk'), (2, 5, 'At Risk'),
	(1, 1, 'Lost'), (1, 2, 'Hibernating'), (1, 3, 'At Risk'), (1, 4, 'Can''t Lose Them'), (1, 5, 'Can''t Lose Them')
) AS g(r, fm, segment);

-- (D) the R x F map of the widely copied Python snippet, M ignored (product.md 7.2 D)
INSERT INTO rfm_segment_map (map_name, priority, segment, r_lo, r_hi, f_lo, f_hi, builtin) VALUES
	('rf_grid', 1, 'hibernating', 1, 2, 1, 2, true),
	('rf_grid', 2, 'at_risk', 1, 2, 3, 4, true),
	('rf_grid', 3, 'cant_loose', 1, 2, 5, 5, true),
	('rf_grid', 4, 'about_to_sleep', 3, 3, 1, 2, true),
	('rf_grid', 5, 'need_attention', 3, 3, 3, 3, true),
	('rf_grid', 6, 'loyal_customers', 3, 4, 4, 5, true),
	('rf_grid', 7, 'promising', 4, 4, 1, 1, true),
	('rf_grid', 8, 'new_customers', 5, 5, 1, 1, true),
	('rf_grid', 9, 'potential_loyalists', 4, 5, 2, 3, true),
	('rf_grid', 10, 'champions', 5, 5, 4, 5, true);

SELECT pg_catalog.pg_extension_config_dump('rfm_segment_map', 'WHERE NOT builtin');

CREATE FUNCTION rfm_segment_map_guard() RETURNS trigger
	AS 'MODULE_PATHNAME', 'rfm_segment_map_guard' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION rfm_segment_map_guard() IS 'STABLE: reads rfm_segment_map. Trigger keeping the presets immutable: their rows are read-only and no other row may take a preset''s map name';
CREATE TRIGGER rfm_segment_map_guard BEFORE INSERT OR UPDATE OR DELETE ON rfm_segment_map
	FOR EACH ROW EXECUTE FUNCTION rfm_segment_map_guard();
CREATE TRIGGER rfm_segment_map_guard_truncate BEFORE TRUNCATE ON rfm_segment_map
	FOR EACH STATEMENT EXECUTE FUNCTION rfm_segment_map_guard();

CREATE FUNCTION rfm_segment(r integer, f integer, m integer, map text DEFAULT 'rfm_grid') RETURNS text
	AS 'MODULE_PATHNAME', 'rfm_segment' LANGUAGE C STABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION rfm_segment(integer, integer, integer, text) IS 'STABLE: reads rfm_segment_map. Segment of scores (r, f, m): first matching rule, ''Others'' if none, ''Prospects'' if all NULL';
CREATE FUNCTION rfm_segment_cells(map text DEFAULT 'rfm_grid', n integer DEFAULT 5,
		OUT r integer, OUT f integer, OUT m integer, OUT segment text) RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'rfm_segment_cells' LANGUAGE C STABLE CALLED ON NULL INPUT PARALLEL SAFE ROWS 125;
COMMENT ON FUNCTION rfm_segment_cells(text, integer) IS 'STABLE: reads rfm_segment_map. Every (r, f, m) cell of 1..n with its segment';
CREATE FUNCTION rfm_segment_check(map text DEFAULT 'rfm_grid', n integer DEFAULT 5,
		OUT problem text, OUT segment text, OUT r integer, OUT f integer, OUT m integer) RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'rfm_segment_check' LANGUAGE C STABLE CALLED ON NULL INPUT PARALLEL SAFE ROWS 10;
COMMENT ON FUNCTION rfm_segment_check(text, integer) IS 'STABLE: reads rfm_segment_map. Unmatched cells and unreachable segments of a map; no rows = sound map';

CREATE FUNCTION customer_segment(state rfm_state, as_of timestamptz,
		at_risk_after interval DEFAULT '90 days', churned_after interval DEFAULT '180 days',
		loyal_min_days integer DEFAULT 3) RETURNS text
	AS 'MODULE_PATHNAME', 'customer_segment' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION customer_segment(rfm_state, timestamptz, interval, interval, integer) IS 'lifecycle segment: prospect, new, returning, loyal, at_risk or churned';


-- ==== btyd ====
-- customer lifetime value: BG/NBD and Gamma-Gamma

-- x is float8 like every x the model functions take, so (s).x passes on without a cast
CREATE TYPE btyd_summary AS (x float8, t_x float8, t float8, monetary float8);
COMMENT ON TYPE btyd_summary IS
	'per-customer summary for BTYD models: repeat purchase days x, recency t_x, age t (in periods since the first purchase) and mean repeat-day spend';

CREATE TYPE bgnbd_model AS (r float8, alpha float8, a float8, b float8, ll float8,
	n float8, iterations integer, converged boolean);
COMMENT ON TYPE bgnbd_model IS
	'fitted BG/NBD model: purchase rate ~ Gamma(r, alpha), dropout ~ Beta(a, b), log-likelihood, customers, optimiser iterations';

CREATE TYPE gamma_gamma_model AS (p float8, q float8, gamma float8, ll float8,
	n float8, iterations integer, converged boolean);
COMMENT ON TYPE gamma_gamma_model IS
	'fitted Gamma-Gamma spend model: spend ~ Gamma(p, nu), nu ~ Gamma(q, gamma), log-likelihood, customers, optimiser iterations';

CREATE FUNCTION btyd_summary_trans(internal, timestamptz, float8, timestamptz, interval)
	RETURNS internal
	AS 'MODULE_PATHNAME', 'btyd_summary_trans'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION btyd_summary_trans(internal, timestamptz, float8, timestamptz, interval) IS
	'transition function of btyd_summary: buffers one purchase';

CREATE FUNCTION btyd_summary_final(internal) RETURNS btyd_summary
	AS 'MODULE_PATHNAME', 'btyd_summary_final'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION btyd_summary_final(internal) IS
	'final function of btyd_summary: collapses purchases to UTC days and builds (x, t_x, t, monetary)';

CREATE AGGREGATE btyd_summary(ts timestamptz, amount float8, calibration_end timestamptz, period interval) (
	SFUNC = btyd_summary_trans,
	STYPE = internal,
	FINALFUNC = btyd_summary_final,
	FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = event_buffer_combine,
	SERIALFUNC = event_buffer_serialize,
	DESERIALFUNC = event_buffer_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE btyd_summary(timestamptz, float8, timestamptz, interval) IS
	'per-customer BTYD summary (x, t_x, t, monetary) of purchases up to calibration_end, in units of period, same-day purchases collapsed (UTC days)';
-- exact-type overloads for integer and numeric amounts (see rfm_agg)
CREATE FUNCTION btyd_summary_trans(internal, timestamptz, integer, timestamptz, interval) RETURNS internal
	AS 'MODULE_PATHNAME', 'btyd_summary_trans' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION btyd_summary_trans(internal, timestamptz, integer, timestamptz, interval) IS
	'transition function of btyd_summary with an integer amount';
CREATE FUNCTION btyd_summary_trans(internal, timestamptz, numeric, timestamptz, interval) RETURNS internal
	AS 'MODULE_PATHNAME', 'btyd_summary_trans' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION btyd_summary_trans(internal, timestamptz, numeric, timestamptz, interval) IS
	'transition function of btyd_summary with a numeric amount';
CREATE AGGREGATE btyd_summary(ts timestamptz, amount integer, calibration_end timestamptz, period interval) (
	SFUNC = btyd_summary_trans, STYPE = internal, FINALFUNC = btyd_summary_final, FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = event_buffer_combine, SERIALFUNC = event_buffer_serialize, DESERIALFUNC = event_buffer_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE btyd_summary(timestamptz, integer, timestamptz, interval) IS
	'btyd_summary with an integer amount (exact-type overload)';
CREATE AGGREGATE btyd_summary(ts timestamptz, amount numeric, calibration_end timestamptz, period interval) (
	SFUNC = btyd_summary_trans, STYPE = internal, FINALFUNC = btyd_summary_final, FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = event_buffer_combine, SERIALFUNC = event_buffer_serialize, DESERIALFUNC = event_buffer_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE btyd_summary(timestamptz, numeric, timestamptz, interval) IS
	'btyd_summary with a numeric amount (exact-type overload)';

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

CREATE FUNCTION bgnbd_fit_trans(internal, float8, float8, float8) RETURNS internal
	AS 'MODULE_PATHNAME', 'bgnbd_fit_trans'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION bgnbd_fit_trans(internal, float8, float8, float8) IS
	'transition function of bgnbd_fit: adds one customer summary';

CREATE FUNCTION bgnbd_fit_trans(internal, float8, float8, float8, float8) RETURNS internal
	AS 'MODULE_PATHNAME', 'bgnbd_fit_trans'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION bgnbd_fit_trans(internal, float8, float8, float8, float8) IS
	'transition function of bgnbd_fit: adds one weighted customer summary';

CREATE FUNCTION gamma_gamma_fit_trans(internal, float8, float8) RETURNS internal
	AS 'MODULE_PATHNAME', 'gamma_gamma_fit_trans'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION gamma_gamma_fit_trans(internal, float8, float8) IS
	'transition function of gamma_gamma_fit: adds one repeat buyer';

CREATE FUNCTION gamma_gamma_fit_trans(internal, float8, float8, float8) RETURNS internal
	AS 'MODULE_PATHNAME', 'gamma_gamma_fit_trans'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION gamma_gamma_fit_trans(internal, float8, float8, float8) IS
	'transition function of gamma_gamma_fit: adds one weighted repeat buyer';

CREATE FUNCTION btyd_fit_combine(internal, internal) RETURNS internal
	AS 'MODULE_PATHNAME', 'btyd_fit_combine'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION btyd_fit_combine(internal, internal) IS
	'combine function of bgnbd_fit and gamma_gamma_fit: merges the collapsed customer rows';

CREATE FUNCTION btyd_fit_serialize(internal) RETURNS bytea
	AS 'MODULE_PATHNAME', 'btyd_fit_serialize'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION btyd_fit_serialize(internal) IS
	'serialize a bgnbd_fit / gamma_gamma_fit state for parallel query (versioned, portable)';

CREATE FUNCTION btyd_fit_deserialize(bytea, internal) RETURNS internal
	AS 'MODULE_PATHNAME', 'btyd_fit_deserialize'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION btyd_fit_deserialize(bytea, internal) IS
	'deserialize a bgnbd_fit / gamma_gamma_fit state, validating every length and value';

CREATE FUNCTION bgnbd_fit_final(internal) RETURNS bgnbd_model
	AS 'MODULE_PATHNAME', 'bgnbd_fit_final'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION bgnbd_fit_final(internal) IS
	'final function of bgnbd_fit: maximum-likelihood fit of BG/NBD';

CREATE FUNCTION gamma_gamma_fit_final(internal) RETURNS gamma_gamma_model
	AS 'MODULE_PATHNAME', 'gamma_gamma_fit_final'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION gamma_gamma_fit_final(internal) IS
	'final function of gamma_gamma_fit: maximum-likelihood fit of Gamma-Gamma';

CREATE AGGREGATE bgnbd_fit(x float8, t_x float8, t float8) (
	SFUNC = bgnbd_fit_trans,
	STYPE = internal,
	FINALFUNC = bgnbd_fit_final,
	FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = btyd_fit_combine,
	SERIALFUNC = btyd_fit_serialize,
	DESERIALFUNC = btyd_fit_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE bgnbd_fit(float8, float8, float8) IS
	'maximum-likelihood BG/NBD fit over customer summaries (x, t_x, t)';

CREATE AGGREGATE bgnbd_fit(x float8, t_x float8, t float8, weight float8) (
	SFUNC = bgnbd_fit_trans,
	STYPE = internal,
	FINALFUNC = bgnbd_fit_final,
	FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = btyd_fit_combine,
	SERIALFUNC = btyd_fit_serialize,
	DESERIALFUNC = btyd_fit_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE bgnbd_fit(float8, float8, float8, float8) IS
	'maximum-likelihood BG/NBD fit over customer summaries (x, t_x, t), each row counting weight customers';

CREATE AGGREGATE gamma_gamma_fit(x float8, monetary float8) (
	SFUNC = gamma_gamma_fit_trans,
	STYPE = internal,
	FINALFUNC = gamma_gamma_fit_final,
	FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = btyd_fit_combine,
	SERIALFUNC = btyd_fit_serialize,
	DESERIALFUNC = btyd_fit_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE gamma_gamma_fit(float8, float8) IS
	'maximum-likelihood Gamma-Gamma fit of mean repeat spend over repeat buyers (rows with x = 0 are skipped)';

CREATE AGGREGATE gamma_gamma_fit(x float8, monetary float8, weight float8) (
	SFUNC = gamma_gamma_fit_trans,
	STYPE = internal,
	FINALFUNC = gamma_gamma_fit_final,
	FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = btyd_fit_combine,
	SERIALFUNC = btyd_fit_serialize,
	DESERIALFUNC = btyd_fit_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE gamma_gamma_fit(float8, float8, float8) IS
	'maximum-likelihood Gamma-Gamma fit of mean repeat spend, each row counting weight customers';

CREATE FUNCTION bgnbd_log_likelihood(model bgnbd_model, x float8, t_x float8, t float8)
	RETURNS float8
	AS 'MODULE_PATHNAME', 'bgnbd_log_likelihood'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION bgnbd_log_likelihood(bgnbd_model, float8, float8, float8) IS
	'log-likelihood of one customer summary under a BG/NBD model';

CREATE FUNCTION bgnbd_expected_purchases(model bgnbd_model, t float8) RETURNS float8
	AS 'MODULE_PATHNAME', 'bgnbd_expected_purchases'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION bgnbd_expected_purchases(bgnbd_model, float8) IS
	'expected repeat purchases of a new customer in the first t periods after the first purchase';

CREATE FUNCTION bgnbd_conditional_expected_purchases(model bgnbd_model, x float8, t_x float8,
	t float8, horizon float8) RETURNS float8
	AS 'MODULE_PATHNAME', 'bgnbd_conditional_expected_purchases'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION bgnbd_conditional_expected_purchases(bgnbd_model, float8, float8, float8, float8) IS
	'expected purchases in the next horizon periods of a customer with summary (x, t_x, t)';

CREATE FUNCTION bgnbd_purchases_probability(model bgnbd_model, t float8, n integer) RETURNS float8
	AS 'MODULE_PATHNAME', 'bgnbd_purchases_probability'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION bgnbd_purchases_probability(bgnbd_model, float8, integer) IS
	'probability that a new customer makes exactly n repeat purchases in the first t periods';

CREATE FUNCTION bgnbd_p_alive(model bgnbd_model, x float8, t_x float8, t float8) RETURNS float8
	AS 'MODULE_PATHNAME', 'bgnbd_p_alive'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION bgnbd_p_alive(bgnbd_model, float8, float8, float8) IS
	'probability that a customer with summary (x, t_x, t) is still alive (has not dropped out)';

CREATE FUNCTION gamma_gamma_log_likelihood(model gamma_gamma_model, x float8, monetary float8)
	RETURNS float8
	AS 'MODULE_PATHNAME', 'gamma_gamma_log_likelihood'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION gamma_gamma_log_likelihood(gamma_gamma_model, float8, float8) IS
	'log-density of one repeat buyer''s mean spend under a Gamma-Gamma model (NULL when x = 0)';

CREATE FUNCTION gamma_gamma_expected_spend(model gamma_gamma_model, x float8, monetary float8)
	RETURNS float8
	AS 'MODULE_PATHNAME', 'gamma_gamma_expected_spend'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION gamma_gamma_expected_spend(gamma_gamma_model, float8, float8) IS
	'expected mean spend of a customer''s future transactions (population mean when x = 0)';

CREATE FUNCTION clv(bg bgnbd_model, gg gamma_gamma_model, x float8, t_x float8, t float8,
	monetary float8, horizon float8, discount_rate float8, period float8 DEFAULT 1)
	RETURNS float8
	AS 'MODULE_PATHNAME', 'btyd_clv'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION clv(bgnbd_model, gamma_gamma_model, float8, float8, float8, float8, float8, float8, float8) IS
	'customer lifetime value: expected spend over the next horizon periods, discounted at discount_rate per period of length period';

-- ==== pareto ====
-- Pareto/NBD and MBG/NBD (pareto_nbd.c, mbgnbd.c), penalized fits, standard errors

CREATE TYPE pareto_nbd_model AS (r float8, alpha float8, s float8, beta float8, ll float8,
	n float8, iterations integer, converged boolean);
COMMENT ON TYPE pareto_nbd_model IS
	'fitted Pareto/NBD model: purchase rate ~ Gamma(r, alpha), dropout rate ~ Gamma(s, beta), log-likelihood, customers, optimiser iterations';

CREATE TYPE mbgnbd_model AS (r float8, alpha float8, a float8, b float8, ll float8,
	n float8, iterations integer, converged boolean);
COMMENT ON TYPE mbgnbd_model IS
	'fitted MBG/NBD model: purchase rate ~ Gamma(r, alpha), dropout after each purchase (the first included) ~ Beta(a, b), log-likelihood, customers, optimiser iterations';


-- penalized BG/NBD and Gamma-Gamma fits (lifetimes' penalizer_coef)

CREATE FUNCTION bgnbd_fit_trans(internal, float8, float8, float8, float8, float8) RETURNS internal
	AS 'MODULE_PATHNAME', 'bgnbd_fit_trans'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION bgnbd_fit_trans(internal, float8, float8, float8, float8, float8) IS
	'transition function of the penalized bgnbd_fit: adds one weighted customer summary';

CREATE AGGREGATE bgnbd_fit(x float8, t_x float8, t float8, weight float8, penalizer float8) (
	SFUNC = bgnbd_fit_trans,
	STYPE = internal,
	FINALFUNC = bgnbd_fit_final,
	FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = btyd_fit_combine,
	SERIALFUNC = btyd_fit_serialize,
	DESERIALFUNC = btyd_fit_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE bgnbd_fit(float8, float8, float8, float8, float8) IS
	'penalized BG/NBD fit: minimises the mean negative log-likelihood plus penalizer * (r^2 + (alpha/max t)^2 + a^2 + b^2)';

CREATE FUNCTION gamma_gamma_fit_trans(internal, float8, float8, float8, float8) RETURNS internal
	AS 'MODULE_PATHNAME', 'gamma_gamma_fit_trans'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION gamma_gamma_fit_trans(internal, float8, float8, float8, float8) IS
	'transition function of the penalized gamma_gamma_fit: adds one weighted repeat buyer';

CREATE AGGREGATE gamma_gamma_fit(x float8, monetary float8, weight float8, penalizer float8) (
	SFUNC = gamma_gamma_fit_trans,
	STYPE = internal,
	FINALFUNC = gamma_gamma_fit_final,
	FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = btyd_fit_combine,
	SERIALFUNC = btyd_fit_serialize,
	DESERIALFUNC = btyd_fit_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE gamma_gamma_fit(float8, float8, float8, float8) IS
	'penalized Gamma-Gamma fit: minimises the mean negative log-likelihood plus penalizer * (p^2 + q^2 + gamma^2)';

-- Pareto/NBD fit

CREATE FUNCTION pareto_nbd_fit_trans(internal, float8, float8, float8) RETURNS internal
	AS 'MODULE_PATHNAME', 'pareto_nbd_fit_trans'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION pareto_nbd_fit_trans(internal, float8, float8, float8) IS
	'transition function of pareto_nbd_fit: adds one customer summary';

CREATE FUNCTION pareto_nbd_fit_trans(internal, float8, float8, float8, float8) RETURNS internal
	AS 'MODULE_PATHNAME', 'pareto_nbd_fit_trans'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION pareto_nbd_fit_trans(internal, float8, float8, float8, float8) IS
	'transition function of pareto_nbd_fit: adds one weighted customer summary';

CREATE FUNCTION pareto_nbd_fit_trans(internal, float8, float8, float8, float8, float8) RETURNS internal
	AS 'MODULE_PATHNAME', 'pareto_nbd_fit_trans'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION pareto_nbd_fit_trans(internal, float8, float8, float8, float8, float8) IS
	'transition function of the penalized pareto_nbd_fit: adds one weighted customer summary';

CREATE FUNCTION pareto_nbd_fit_final(internal) RETURNS pareto_nbd_model
	AS 'MODULE_PATHNAME', 'pareto_nbd_fit_final'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION pareto_nbd_fit_final(internal) IS
	'final function of pareto_nbd_fit: maximum-likelihood (or penalized) fit of Pareto/NBD';

CREATE AGGREGATE pareto_nbd_fit(x float8, t_x float8, t float8) (
	SFUNC = pareto_nbd_fit_trans,
	STYPE = internal,
	FINALFUNC = pareto_nbd_fit_final,
	FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = btyd_fit_combine,
	SERIALFUNC = btyd_fit_serialize,
	DESERIALFUNC = btyd_fit_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE pareto_nbd_fit(float8, float8, float8) IS
	'maximum-likelihood Pareto/NBD fit over customer summaries (x, t_x, t)';

CREATE AGGREGATE pareto_nbd_fit(x float8, t_x float8, t float8, weight float8) (
	SFUNC = pareto_nbd_fit_trans,
	STYPE = internal,
	FINALFUNC = pareto_nbd_fit_final,
	FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = btyd_fit_combine,
	SERIALFUNC = btyd_fit_serialize,
	DESERIALFUNC = btyd_fit_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE pareto_nbd_fit(float8, float8, float8, float8) IS
	'maximum-likelihood Pareto/NBD fit over customer summaries (x, t_x, t), each row counting weight customers';

CREATE AGGREGATE pareto_nbd_fit(x float8, t_x float8, t float8, weight float8, penalizer float8) (
	SFUNC = pareto_nbd_fit_trans,
	STYPE = internal,
	FINALFUNC = pareto_nbd_fit_final,
	FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = btyd_fit_combine,
	SERIALFUNC = btyd_fit_serialize,
	DESERIALFUNC = btyd_fit_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE pareto_nbd_fit(float8, float8, float8, float8, float8) IS
	'penalized Pareto/NBD fit: minimises the mean negative log-likelihood plus penalizer * (r^2 + (alpha/max t)^2 + s^2 + (beta/max t)^2)';

CREATE FUNCTION pareto_nbd_log_likelihood(model pareto_nbd_model, x float8, t_x float8, t float8)
	RETURNS float8
	AS 'MODULE_PATHNAME', 'pareto_nbd_log_likelihood'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION pareto_nbd_log_likelihood(pareto_nbd_model, float8, float8, float8) IS
	'log-likelihood of one customer summary under a Pareto/NBD model';

CREATE FUNCTION pareto_nbd_expected_purchases(model pareto_nbd_model, t float8) RETURNS float8
	AS 'MODULE_PATHNAME', 'pareto_nbd_expected_purchases'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION pareto_nbd_expected_purchases(pareto_nbd_model, float8) IS
	'expected repeat purchases of a new customer in the first t periods after the first purchase (Pareto/NBD)';

CREATE FUNCTION pareto_nbd_conditional_expected_purchases(model pareto_nbd_model, x float8, t_x float8,
	t float8, horizon float8) RETURNS float8
	AS 'MODULE_PATHNAME', 'pareto_nbd_conditional_expected_purchases'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION pareto_nbd_conditional_expected_purchases(pareto_nbd_model, float8, float8, float8, float8) IS
	'expected purchases in the next horizon periods of a customer with summary (x, t_x, t) (Pareto/NBD)';

CREATE FUNCTION pareto_nbd_p_alive(model pareto_nbd_model, x float8, t_x float8, t float8) RETURNS float8
	AS 'MODULE_PATHNAME', 'pareto_nbd_p_alive'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION pareto_nbd_p_alive(pareto_nbd_model, float8, float8, float8) IS
	'probability that a customer with summary (x, t_x, t) is still alive (Pareto/NBD)';

-- MBG/NBD fit

CREATE FUNCTION mbgnbd_fit_trans(internal, float8, float8, float8) RETURNS internal
	AS 'MODULE_PATHNAME', 'mbgnbd_fit_trans'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION mbgnbd_fit_trans(internal, float8, float8, float8) IS
	'transition function of mbgnbd_fit: adds one customer summary';

CREATE FUNCTION mbgnbd_fit_trans(internal, float8, float8, float8, float8) RETURNS internal
	AS 'MODULE_PATHNAME', 'mbgnbd_fit_trans'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION mbgnbd_fit_trans(internal, float8, float8, float8, float8) IS
	'transition function of mbgnbd_fit: adds one weighted customer summary';

CREATE FUNCTION mbgnbd_fit_trans(internal, float8, float8, float8, float8, float8) RETURNS internal
	AS 'MODULE_PATHNAME', 'mbgnbd_fit_trans'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION mbgnbd_fit_trans(internal, float8, float8, float8, float8, float8) IS
	'transition function of the penalized mbgnbd_fit: adds one weighted customer summary';

CREATE FUNCTION mbgnbd_fit_final(internal) RETURNS mbgnbd_model
	AS 'MODULE_PATHNAME', 'mbgnbd_fit_final'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION mbgnbd_fit_final(internal) IS
	'final function of mbgnbd_fit: maximum-likelihood (or penalized) fit of MBG/NBD';

CREATE AGGREGATE mbgnbd_fit(x float8, t_x float8, t float8) (
	SFUNC = mbgnbd_fit_trans,
	STYPE = internal,
	FINALFUNC = mbgnbd_fit_final,
	FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = btyd_fit_combine,
	SERIALFUNC = btyd_fit_serialize,
	DESERIALFUNC = btyd_fit_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE mbgnbd_fit(float8, float8, float8) IS
	'maximum-likelihood MBG/NBD fit over customer summaries (x, t_x, t)';

CREATE AGGREGATE mbgnbd_fit(x float8, t_x float8, t float8, weight float8) (
	SFUNC = mbgnbd_fit_trans,
	STYPE = internal,
	FINALFUNC = mbgnbd_fit_final,
	FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = btyd_fit_combine,
	SERIALFUNC = btyd_fit_serialize,
	DESERIALFUNC = btyd_fit_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE mbgnbd_fit(float8, float8, float8, float8) IS
	'maximum-likelihood MBG/NBD fit over customer summaries (x, t_x, t), each row counting weight customers';

CREATE AGGREGATE mbgnbd_fit(x float8, t_x float8, t float8, weight float8, penalizer float8) (
	SFUNC = mbgnbd_fit_trans,
	STYPE = internal,
	FINALFUNC = mbgnbd_fit_final,
	FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = btyd_fit_combine,
	SERIALFUNC = btyd_fit_serialize,
	DESERIALFUNC = btyd_fit_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE mbgnbd_fit(float8, float8, float8, float8, float8) IS
	'penalized MBG/NBD fit: minimises the mean negative log-likelihood plus penalizer * (r^2 + (alpha/max t)^2 + a^2 + b^2)';

CREATE FUNCTION mbgnbd_log_likelihood(model mbgnbd_model, x float8, t_x float8, t float8)
	RETURNS float8
	AS 'MODULE_PATHNAME', 'mbgnbd_log_likelihood'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION mbgnbd_log_likelihood(mbgnbd_model, float8, float8, float8) IS
	'log-likelihood of one customer summary under a MBG/NBD model';

CREATE FUNCTION mbgnbd_expected_purchases(model mbgnbd_model, t float8) RETURNS float8
	AS 'MODULE_PATHNAME', 'mbgnbd_expected_purchases'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION mbgnbd_expected_purchases(mbgnbd_model, float8) IS
	'expected repeat purchases of a new customer in the first t periods after the first purchase (MBG/NBD)';

CREATE FUNCTION mbgnbd_conditional_expected_purchases(model mbgnbd_model, x float8, t_x float8,
	t float8, horizon float8) RETURNS float8
	AS 'MODULE_PATHNAME', 'mbgnbd_conditional_expected_purchases'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION mbgnbd_conditional_expected_purchases(mbgnbd_model, float8, float8, float8, float8) IS
	'expected purchases in the next horizon periods of a customer with summary (x, t_x, t) (MBG/NBD)';

CREATE FUNCTION mbgnbd_p_alive(model mbgnbd_model, x float8, t_x float8, t float8) RETURNS float8
	AS 'MODULE_PATHNAME', 'mbgnbd_p_alive'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION mbgnbd_p_alive(mbgnbd_model, float8, float8, float8) IS
	'probability that a customer with summary (x, t_x, t) is still alive (MBG/NBD)';

-- standard errors: inverse observed information at the model's parameters

CREATE FUNCTION bgnbd_se_trans(internal, bgnbd_model, float8, float8, float8) RETURNS internal
	AS 'MODULE_PATHNAME', 'bgnbd_se_trans'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION bgnbd_se_trans(internal, bgnbd_model, float8, float8, float8) IS
	'transition function of bgnbd_standard_errors: the model and one customer';

CREATE FUNCTION bgnbd_se_trans(internal, bgnbd_model, float8, float8, float8, float8) RETURNS internal
	AS 'MODULE_PATHNAME', 'bgnbd_se_trans'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION bgnbd_se_trans(internal, bgnbd_model, float8, float8, float8, float8) IS
	'transition function of bgnbd_standard_errors: the model and one weighted customer';

CREATE FUNCTION bgnbd_se_final(internal) RETURNS float8[]
	AS 'MODULE_PATHNAME', 'bgnbd_se_final'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION bgnbd_se_final(internal) IS
	'final function of bgnbd_standard_errors: sqrt of the diagonal of the inverse observed information';

CREATE AGGREGATE bgnbd_standard_errors(model bgnbd_model, x float8, t_x float8, t float8) (
	SFUNC = bgnbd_se_trans,
	STYPE = internal,
	FINALFUNC = bgnbd_se_final,
	FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = btyd_fit_combine,
	SERIALFUNC = btyd_fit_serialize,
	DESERIALFUNC = btyd_fit_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE bgnbd_standard_errors(bgnbd_model, float8, float8, float8) IS
	'standard errors of r, alpha, a, b of a BG/NBD model on these customers (inverse observed information)';

CREATE AGGREGATE bgnbd_standard_errors(model bgnbd_model, x float8, t_x float8, t float8, weight float8) (
	SFUNC = bgnbd_se_trans,
	STYPE = internal,
	FINALFUNC = bgnbd_se_final,
	FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = btyd_fit_combine,
	SERIALFUNC = btyd_fit_serialize,
	DESERIALFUNC = btyd_fit_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE bgnbd_standard_errors(bgnbd_model, float8, float8, float8, float8) IS
	'standard errors of r, alpha, a, b of a BG/NBD model on these customers, each row counting weight customers';

CREATE FUNCTION gamma_gamma_se_trans(internal, gamma_gamma_model, float8, float8) RETURNS internal
	AS 'MODULE_PATHNAME', 'gamma_gamma_se_trans'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION gamma_gamma_se_trans(internal, gamma_gamma_model, float8, float8) IS
	'transition function of gamma_gamma_standard_errors: the model and one customer';

CREATE FUNCTION gamma_gamma_se_trans(internal, gamma_gamma_model, float8, float8, float8) RETURNS internal
	AS 'MODULE_PATHNAME', 'gamma_gamma_se_trans'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION gamma_gamma_se_trans(internal, gamma_gamma_model, float8, float8, float8) IS
	'transition function of gamma_gamma_standard_errors: the model and one weighted customer';

CREATE FUNCTION gamma_gamma_se_final(internal) RETURNS float8[]
	AS 'MODULE_PATHNAME', 'gamma_gamma_se_final'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION gamma_gamma_se_final(internal) IS
	'final function of gamma_gamma_standard_errors: sqrt of the diagonal of the inverse observed information';

CREATE AGGREGATE gamma_gamma_standard_errors(model gamma_gamma_model, x float8, monetary float8) (
	SFUNC = gamma_gamma_se_trans,
	STYPE = internal,
	FINALFUNC = gamma_gamma_se_final,
	FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = btyd_fit_combine,
	SERIALFUNC = btyd_fit_serialize,
	DESERIALFUNC = btyd_fit_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE gamma_gamma_standard_errors(gamma_gamma_model, float8, float8) IS
	'standard errors of p, q, gamma of a Gamma-Gamma model on these customers (inverse observed information)';

CREATE AGGREGATE gamma_gamma_standard_errors(model gamma_gamma_model, x float8, monetary float8, weight float8) (
	SFUNC = gamma_gamma_se_trans,
	STYPE = internal,
	FINALFUNC = gamma_gamma_se_final,
	FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = btyd_fit_combine,
	SERIALFUNC = btyd_fit_serialize,
	DESERIALFUNC = btyd_fit_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE gamma_gamma_standard_errors(gamma_gamma_model, float8, float8, float8) IS
	'standard errors of p, q, gamma of a Gamma-Gamma model on these customers, each row counting weight customers';

CREATE FUNCTION pareto_nbd_se_trans(internal, pareto_nbd_model, float8, float8, float8) RETURNS internal
	AS 'MODULE_PATHNAME', 'pareto_nbd_se_trans'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION pareto_nbd_se_trans(internal, pareto_nbd_model, float8, float8, float8) IS
	'transition function of pareto_nbd_standard_errors: the model and one customer';

CREATE FUNCTION pareto_nbd_se_trans(internal, pareto_nbd_model, float8, float8, float8, float8) RETURNS internal
	AS 'MODULE_PATHNAME', 'pareto_nbd_se_trans'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION pareto_nbd_se_trans(internal, pareto_nbd_model, float8, float8, float8, float8) IS
	'transition function of pareto_nbd_standard_errors: the model and one weighted customer';

CREATE FUNCTION pareto_nbd_se_final(internal) RETURNS float8[]
	AS 'MODULE_PATHNAME', 'pareto_nbd_se_final'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION pareto_nbd_se_final(internal) IS
	'final function of pareto_nbd_standard_errors: sqrt of the diagonal of the inverse observed information';

CREATE AGGREGATE pareto_nbd_standard_errors(model pareto_nbd_model, x float8, t_x float8, t float8) (
	SFUNC = pareto_nbd_se_trans,
	STYPE = internal,
	FINALFUNC = pareto_nbd_se_final,
	FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = btyd_fit_combine,
	SERIALFUNC = btyd_fit_serialize,
	DESERIALFUNC = btyd_fit_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE pareto_nbd_standard_errors(pareto_nbd_model, float8, float8, float8) IS
	'standard errors of r, alpha, s, beta of a Pareto/NBD model on these customers (inverse observed information)';

CREATE AGGREGATE pareto_nbd_standard_errors(model pareto_nbd_model, x float8, t_x float8, t float8, weight float8) (
	SFUNC = pareto_nbd_se_trans,
	STYPE = internal,
	FINALFUNC = pareto_nbd_se_final,
	FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = btyd_fit_combine,
	SERIALFUNC = btyd_fit_serialize,
	DESERIALFUNC = btyd_fit_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE pareto_nbd_standard_errors(pareto_nbd_model, float8, float8, float8, float8) IS
	'standard errors of r, alpha, s, beta of a Pareto/NBD model on these customers, each row counting weight customers';

CREATE FUNCTION mbgnbd_se_trans(internal, mbgnbd_model, float8, float8, float8) RETURNS internal
	AS 'MODULE_PATHNAME', 'mbgnbd_se_trans'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION mbgnbd_se_trans(internal, mbgnbd_model, float8, float8, float8) IS
	'transition function of mbgnbd_standard_errors: the model and one customer';

CREATE FUNCTION mbgnbd_se_trans(internal, mbgnbd_model, float8, float8, float8, float8) RETURNS internal
	AS 'MODULE_PATHNAME', 'mbgnbd_se_trans'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION mbgnbd_se_trans(internal, mbgnbd_model, float8, float8, float8, float8) IS
	'transition function of mbgnbd_standard_errors: the model and one weighted customer';

CREATE FUNCTION mbgnbd_se_final(internal) RETURNS float8[]
	AS 'MODULE_PATHNAME', 'mbgnbd_se_final'
	LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION mbgnbd_se_final(internal) IS
	'final function of mbgnbd_standard_errors: sqrt of the diagonal of the inverse observed information';

CREATE AGGREGATE mbgnbd_standard_errors(model mbgnbd_model, x float8, t_x float8, t float8) (
	SFUNC = mbgnbd_se_trans,
	STYPE = internal,
	FINALFUNC = mbgnbd_se_final,
	FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = btyd_fit_combine,
	SERIALFUNC = btyd_fit_serialize,
	DESERIALFUNC = btyd_fit_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE mbgnbd_standard_errors(mbgnbd_model, float8, float8, float8) IS
	'standard errors of r, alpha, a, b of a MBG/NBD model on these customers (inverse observed information)';

CREATE AGGREGATE mbgnbd_standard_errors(model mbgnbd_model, x float8, t_x float8, t float8, weight float8) (
	SFUNC = mbgnbd_se_trans,
	STYPE = internal,
	FINALFUNC = mbgnbd_se_final,
	FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = btyd_fit_combine,
	SERIALFUNC = btyd_fit_serialize,
	DESERIALFUNC = btyd_fit_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE mbgnbd_standard_errors(mbgnbd_model, float8, float8, float8, float8) IS
	'standard errors of r, alpha, a, b of a MBG/NBD model on these customers, each row counting weight customers';


-- ==== discrete ====
-- discrete-time customer models (1.1): sBG contractual churn (Fader & Hardie 2007) and BG/BB
-- repeat transactions at discrete opportunities (Fader, Hardie & Shang 2010), their
-- standard errors (inverse observed information) and point functions

CREATE TYPE sbg_model AS (alpha float8, beta float8, ll float8, n float8, iterations integer,
	converged boolean);
COMMENT ON TYPE sbg_model IS
	'fitted sBG churn model: churn probability ~ Beta(alpha, beta), log-likelihood, customers, optimiser iterations';

CREATE TYPE bgbb_model AS (alpha float8, beta float8, gamma float8, delta float8, ll float8,
	n float8, iterations integer, converged boolean);
COMMENT ON TYPE bgbb_model IS
	'fitted BG/BB model: transaction probability ~ Beta(alpha, beta), dropout probability ~ Beta(gamma, delta), log-likelihood, customers, optimiser iterations';

CREATE TYPE bgbb_summary AS (x integer, t_x integer, n_periods integer);
COMMENT ON TYPE bgbb_summary IS
	'per-customer BG/BB summary: opportunities with a transaction x, the last of them t_x, opportunities n_periods';

-- sBG
CREATE FUNCTION sbg_fit_trans(internal, integer, boolean) RETURNS internal
	AS 'MODULE_PATHNAME', 'sbg_fit_trans' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION sbg_fit_trans(internal, integer, boolean) IS
	'transition function of sbg_fit: adds one customer';
CREATE FUNCTION sbg_fit_trans(internal, integer, boolean, float8) RETURNS internal
	AS 'MODULE_PATHNAME', 'sbg_fit_trans' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION sbg_fit_trans(internal, integer, boolean, float8) IS
	'transition function of sbg_fit: adds one weighted customer row';
CREATE FUNCTION sbg_fit_trans(internal, integer, boolean, float8, float8) RETURNS internal
	AS 'MODULE_PATHNAME', 'sbg_fit_trans' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION sbg_fit_trans(internal, integer, boolean, float8, float8) IS
	'transition function of the penalized sbg_fit: adds one weighted customer row';
CREATE FUNCTION sbg_fit_final(internal) RETURNS sbg_model
	AS 'MODULE_PATHNAME', 'sbg_fit_final' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION sbg_fit_final(internal) IS
	'final function of sbg_fit: (penalized) maximum-likelihood fit of sBG';

CREATE AGGREGATE sbg_fit(periods integer, churned boolean) (
	SFUNC = sbg_fit_trans, STYPE = internal, FINALFUNC = sbg_fit_final, FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = btyd_fit_combine, SERIALFUNC = btyd_fit_serialize, DESERIALFUNC = btyd_fit_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE sbg_fit(integer, boolean) IS
	'maximum-likelihood sBG fit: each customer churned after periods periods, or is still active after periods (churned = false)';
CREATE AGGREGATE sbg_fit(periods integer, churned boolean, weight float8) (
	SFUNC = sbg_fit_trans, STYPE = internal, FINALFUNC = sbg_fit_final, FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = btyd_fit_combine, SERIALFUNC = btyd_fit_serialize, DESERIALFUNC = btyd_fit_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE sbg_fit(integer, boolean, float8) IS
	'maximum-likelihood sBG fit, each row counting weight customers';
CREATE AGGREGATE sbg_fit(periods integer, churned boolean, weight float8, penalizer float8) (
	SFUNC = sbg_fit_trans, STYPE = internal, FINALFUNC = sbg_fit_final, FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = btyd_fit_combine, SERIALFUNC = btyd_fit_serialize, DESERIALFUNC = btyd_fit_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE sbg_fit(integer, boolean, float8, float8) IS
	'penalized sBG fit: minimises the mean negative log-likelihood per unit of weight plus penalizer * (alpha^2 + beta^2)';

CREATE FUNCTION sbg_se_trans(internal, sbg_model, integer, boolean) RETURNS internal
	AS 'MODULE_PATHNAME', 'sbg_se_trans' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION sbg_se_trans(internal, sbg_model, integer, boolean) IS
	'transition function of sbg_standard_errors: adds one customer';
CREATE FUNCTION sbg_se_trans(internal, sbg_model, integer, boolean, float8) RETURNS internal
	AS 'MODULE_PATHNAME', 'sbg_se_trans' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION sbg_se_trans(internal, sbg_model, integer, boolean, float8) IS
	'transition function of sbg_standard_errors: adds one weighted customer row';
CREATE FUNCTION sbg_se_final(internal) RETURNS float8[]
	AS 'MODULE_PATHNAME', 'sbg_se_final' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION sbg_se_final(internal) IS
	'final function of sbg_standard_errors: inverse observed information at the model';
CREATE AGGREGATE sbg_standard_errors(model sbg_model, periods integer, churned boolean) (
	SFUNC = sbg_se_trans, STYPE = internal, FINALFUNC = sbg_se_final, FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = btyd_fit_combine, SERIALFUNC = btyd_fit_serialize, DESERIALFUNC = btyd_fit_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE sbg_standard_errors(sbg_model, integer, boolean) IS
	'standard errors {alpha, beta} of an sBG model on these customers (inverse observed information at the model''s parameters)';
CREATE AGGREGATE sbg_standard_errors(model sbg_model, periods integer, churned boolean, weight float8) (
	SFUNC = sbg_se_trans, STYPE = internal, FINALFUNC = sbg_se_final, FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = btyd_fit_combine, SERIALFUNC = btyd_fit_serialize, DESERIALFUNC = btyd_fit_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE sbg_standard_errors(sbg_model, integer, boolean, float8) IS
	'standard errors {alpha, beta} of an sBG model, each row counting weight customers';

CREATE FUNCTION sbg_survival(model sbg_model, t integer) RETURNS float8
	AS 'MODULE_PATHNAME', 'sbg_survival' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION sbg_survival(sbg_model, integer) IS
	'probability that a new customer is still active after t periods';
CREATE FUNCTION sbg_retention_rate(model sbg_model, t integer) RETURNS float8
	AS 'MODULE_PATHNAME', 'sbg_retention_rate' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION sbg_retention_rate(sbg_model, integer) IS
	'share of the customers active after t-1 periods who renew for period t';
CREATE FUNCTION sbg_log_likelihood(model sbg_model, periods integer, churned boolean) RETURNS float8
	AS 'MODULE_PATHNAME', 'sbg_log_likelihood' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION sbg_log_likelihood(sbg_model, integer, boolean) IS
	'log-likelihood of one customer under an sBG model';
CREATE FUNCTION sbg_derl(model sbg_model, renewals integer, discount_rate float8) RETURNS float8
	AS 'MODULE_PATHNAME', 'sbg_derl' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION sbg_derl(sbg_model, integer, float8) IS
	'discounted expected residual lifetime (periods) of a customer who has renewed renewals times, just before the next renewal';

-- BG/BB
CREATE FUNCTION bgbb_fit_trans(internal, integer, integer, integer) RETURNS internal
	AS 'MODULE_PATHNAME', 'bgbb_fit_trans' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION bgbb_fit_trans(internal, integer, integer, integer) IS
	'transition function of bgbb_fit: adds one customer summary';
CREATE FUNCTION bgbb_fit_trans(internal, integer, integer, integer, float8) RETURNS internal
	AS 'MODULE_PATHNAME', 'bgbb_fit_trans' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION bgbb_fit_trans(internal, integer, integer, integer, float8) IS
	'transition function of bgbb_fit: adds one weighted customer summary';
CREATE FUNCTION bgbb_fit_trans(internal, integer, integer, integer, float8, float8) RETURNS internal
	AS 'MODULE_PATHNAME', 'bgbb_fit_trans' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION bgbb_fit_trans(internal, integer, integer, integer, float8, float8) IS
	'transition function of the penalized bgbb_fit: adds one weighted customer summary';
CREATE FUNCTION bgbb_fit_final(internal) RETURNS bgbb_model
	AS 'MODULE_PATHNAME', 'bgbb_fit_final' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION bgbb_fit_final(internal) IS
	'final function of bgbb_fit: (penalized) maximum-likelihood fit of BG/BB';

CREATE AGGREGATE bgbb_fit(x integer, t_x integer, n_periods integer) (
	SFUNC = bgbb_fit_trans, STYPE = internal, FINALFUNC = bgbb_fit_final, FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = btyd_fit_combine, SERIALFUNC = btyd_fit_serialize, DESERIALFUNC = btyd_fit_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE bgbb_fit(integer, integer, integer) IS
	'maximum-likelihood BG/BB fit over customer summaries (x, t_x, n_periods)';
CREATE AGGREGATE bgbb_fit(x integer, t_x integer, n_periods integer, weight float8) (
	SFUNC = bgbb_fit_trans, STYPE = internal, FINALFUNC = bgbb_fit_final, FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = btyd_fit_combine, SERIALFUNC = btyd_fit_serialize, DESERIALFUNC = btyd_fit_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE bgbb_fit(integer, integer, integer, float8) IS
	'maximum-likelihood BG/BB fit, each row counting weight customers';
CREATE AGGREGATE bgbb_fit(x integer, t_x integer, n_periods integer, weight float8, penalizer float8) (
	SFUNC = bgbb_fit_trans, STYPE = internal, FINALFUNC = bgbb_fit_final, FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = btyd_fit_combine, SERIALFUNC = btyd_fit_serialize, DESERIALFUNC = btyd_fit_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE bgbb_fit(integer, integer, integer, float8, float8) IS
	'penalized BG/BB fit: minimises the mean negative log-likelihood per unit of weight plus penalizer * (alpha^2 + beta^2 + gamma^2 + delta^2)';

CREATE FUNCTION bgbb_se_trans(internal, bgbb_model, integer, integer, integer) RETURNS internal
	AS 'MODULE_PATHNAME', 'bgbb_se_trans' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION bgbb_se_trans(internal, bgbb_model, integer, integer, integer) IS
	'transition function of bgbb_standard_errors: adds one customer summary';
CREATE FUNCTION bgbb_se_trans(internal, bgbb_model, integer, integer, integer, float8) RETURNS internal
	AS 'MODULE_PATHNAME', 'bgbb_se_trans' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION bgbb_se_trans(internal, bgbb_model, integer, integer, integer, float8) IS
	'transition function of bgbb_standard_errors: adds one weighted customer summary';
CREATE FUNCTION bgbb_se_final(internal) RETURNS float8[]
	AS 'MODULE_PATHNAME', 'bgbb_se_final' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION bgbb_se_final(internal) IS
	'final function of bgbb_standard_errors: inverse observed information at the model';
CREATE AGGREGATE bgbb_standard_errors(model bgbb_model, x integer, t_x integer, n_periods integer) (
	SFUNC = bgbb_se_trans, STYPE = internal, FINALFUNC = bgbb_se_final, FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = btyd_fit_combine, SERIALFUNC = btyd_fit_serialize, DESERIALFUNC = btyd_fit_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE bgbb_standard_errors(bgbb_model, integer, integer, integer) IS
	'standard errors {alpha, beta, gamma, delta} of a BG/BB model on these customers (inverse observed information at the model''s parameters)';
CREATE AGGREGATE bgbb_standard_errors(model bgbb_model, x integer, t_x integer, n_periods integer, weight float8) (
	SFUNC = bgbb_se_trans, STYPE = internal, FINALFUNC = bgbb_se_final, FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = btyd_fit_combine, SERIALFUNC = btyd_fit_serialize, DESERIALFUNC = btyd_fit_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE bgbb_standard_errors(bgbb_model, integer, integer, integer, float8) IS
	'standard errors {alpha, beta, gamma, delta} of a BG/BB model, each row counting weight customers';

CREATE FUNCTION bgbb_log_likelihood(model bgbb_model, x integer, t_x integer, n_periods integer)
	RETURNS float8
	AS 'MODULE_PATHNAME', 'bgbb_log_likelihood' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION bgbb_log_likelihood(bgbb_model, integer, integer, integer) IS
	'log-likelihood of one customer summary under a BG/BB model';
CREATE FUNCTION bgbb_p_alive(model bgbb_model, x integer, t_x integer, n_periods integer)
	RETURNS float8
	AS 'MODULE_PATHNAME', 'bgbb_p_alive' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION bgbb_p_alive(bgbb_model, integer, integer, integer) IS
	'probability that a customer with summary (x, t_x, n_periods) is alive at opportunity n_periods + 1';
CREATE FUNCTION bgbb_conditional_expected_purchases(model bgbb_model, x integer, t_x integer,
	n_periods integer, horizon integer) RETURNS float8
	AS 'MODULE_PATHNAME', 'bgbb_conditional_expected_purchases' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION bgbb_conditional_expected_purchases(bgbb_model, integer, integer, integer, integer) IS
	'expected transactions at the next horizon opportunities of a customer with summary (x, t_x, n_periods)';
CREATE FUNCTION bgbb_expected_purchases(model bgbb_model, n_periods integer) RETURNS float8
	AS 'MODULE_PATHNAME', 'bgbb_expected_purchases' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION bgbb_expected_purchases(bgbb_model, integer) IS
	'expected repeat transactions of a new customer over the first n_periods opportunities';

CREATE FUNCTION bgbb_summary_trans(internal, integer, integer) RETURNS internal
	AS 'MODULE_PATHNAME', 'bgbb_summary_trans' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION bgbb_summary_trans(internal, integer, integer) IS
	'transition function of bgbb_summary: buffers one transaction''s opportunity';
CREATE FUNCTION bgbb_summary_final(internal) RETURNS bgbb_summary
	AS 'MODULE_PATHNAME', 'bgbb_summary_final' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION bgbb_summary_final(internal) IS
	'final function of bgbb_summary: counts the distinct opportunities with a transaction';
CREATE AGGREGATE bgbb_summary(opportunity integer, n_periods integer) (
	SFUNC = bgbb_summary_trans, STYPE = internal, FINALFUNC = bgbb_summary_final, FINALFUNC_MODIFY = READ_WRITE,
	COMBINEFUNC = event_buffer_combine, SERIALFUNC = event_buffer_serialize, DESERIALFUNC = event_buffer_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE bgbb_summary(integer, integer) IS
	'per-customer BG/BB summary (x, t_x, n_periods) of the opportunities (1 .. n_periods; 0 = the first transaction) at which a customer transacted';


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
	AS 'MODULE_PATHNAME', 'window_funnel_modes11_trans_partial' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
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

-- ==== dist ====
-- the *_dist forms of the other aggregates whose typical query groups by something other than
-- the customer (amount types and calendar days of RFM and decay, rollups, bigint clocks, the
-- 1.1 fits and their standard errors, active users, stickiness, Kaplan-Meier): the same
-- arguments and results, with partial_state as transition type (README "Many machines:
-- Citus"; src/dist.c)

CREATE FUNCTION rfm_agg_dist_trans(partial_state, timestamptz, integer) RETURNS partial_state
	AS 'MODULE_PATHNAME', 'rfm_agg_trans_partial' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION rfm_agg_dist_trans(partial_state, timestamptz, integer) IS
	'transition function of rfm_agg_dist(timestamptz, integer): rfm_agg''s, on the wrapped state';
CREATE AGGREGATE rfm_agg_dist(timestamptz, integer) (
	SFUNC = rfm_agg_dist_trans, STYPE = partial_state, FINALFUNC = rfm_agg_dist_final,
	FINALFUNC_MODIFY = READ_WRITE, COMBINEFUNC = partial_state_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE rfm_agg_dist(timestamptz, integer) IS
	'rfm_agg(timestamptz, integer) with a partial_state transition type (Citus partial aggregation)';

CREATE FUNCTION rfm_agg_dist_trans(partial_state, timestamptz, numeric) RETURNS partial_state
	AS 'MODULE_PATHNAME', 'rfm_agg_trans_partial' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION rfm_agg_dist_trans(partial_state, timestamptz, numeric) IS
	'transition function of rfm_agg_dist(timestamptz, numeric): rfm_agg''s, on the wrapped state';
CREATE AGGREGATE rfm_agg_dist(timestamptz, numeric) (
	SFUNC = rfm_agg_dist_trans, STYPE = partial_state, FINALFUNC = rfm_agg_dist_final,
	FINALFUNC_MODIFY = READ_WRITE, COMBINEFUNC = partial_state_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE rfm_agg_dist(timestamptz, numeric) IS
	'rfm_agg(timestamptz, numeric) with a partial_state transition type (Citus partial aggregation)';

CREATE FUNCTION rfm_agg_dist_trans(partial_state, timestamptz, float8, text) RETURNS partial_state
	AS 'MODULE_PATHNAME', 'rfm_agg_zone_trans_partial' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION rfm_agg_dist_trans(partial_state, timestamptz, float8, text) IS
	'transition function of rfm_agg_dist(timestamptz, float8, text): rfm_agg''s, on the wrapped state';
CREATE AGGREGATE rfm_agg_dist(ts timestamptz, amount float8, tz text) (
	SFUNC = rfm_agg_dist_trans, STYPE = partial_state, FINALFUNC = rfm_agg_dist_final,
	FINALFUNC_MODIFY = READ_WRITE, COMBINEFUNC = partial_state_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE rfm_agg_dist(timestamptz, float8, text) IS
	'rfm_agg(timestamptz, float8, text) with a partial_state transition type (Citus partial aggregation)';

CREATE FUNCTION rfm_agg_dist_trans(partial_state, timestamptz, integer, text) RETURNS partial_state
	AS 'MODULE_PATHNAME', 'rfm_agg_zone_trans_partial' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION rfm_agg_dist_trans(partial_state, timestamptz, integer, text) IS
	'transition function of rfm_agg_dist(timestamptz, integer, text): rfm_agg''s, on the wrapped state';
CREATE AGGREGATE rfm_agg_dist(ts timestamptz, amount integer, tz text) (
	SFUNC = rfm_agg_dist_trans, STYPE = partial_state, FINALFUNC = rfm_agg_dist_final,
	FINALFUNC_MODIFY = READ_WRITE, COMBINEFUNC = partial_state_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE rfm_agg_dist(timestamptz, integer, text) IS
	'rfm_agg(timestamptz, integer, text) with a partial_state transition type (Citus partial aggregation)';

CREATE FUNCTION rfm_agg_dist_trans(partial_state, timestamptz, numeric, text) RETURNS partial_state
	AS 'MODULE_PATHNAME', 'rfm_agg_zone_trans_partial' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION rfm_agg_dist_trans(partial_state, timestamptz, numeric, text) IS
	'transition function of rfm_agg_dist(timestamptz, numeric, text): rfm_agg''s, on the wrapped state';
CREATE AGGREGATE rfm_agg_dist(ts timestamptz, amount numeric, tz text) (
	SFUNC = rfm_agg_dist_trans, STYPE = partial_state, FINALFUNC = rfm_agg_dist_final,
	FINALFUNC_MODIFY = READ_WRITE, COMBINEFUNC = partial_state_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE rfm_agg_dist(timestamptz, numeric, text) IS
	'rfm_agg(timestamptz, numeric, text) with a partial_state transition type (Citus partial aggregation)';

CREATE FUNCTION rollup_dist_trans(partial_state, rfm_state) RETURNS partial_state
	AS 'MODULE_PATHNAME', 'rfm_rollup_trans_partial' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION rollup_dist_trans(partial_state, rfm_state) IS
	'transition function of rollup_dist(rfm_state): rollup''s, on the wrapped state';
CREATE AGGREGATE rollup_dist(rfm_state) (
	SFUNC = rollup_dist_trans, STYPE = partial_state, FINALFUNC = rfm_agg_dist_final,
	FINALFUNC_MODIFY = READ_WRITE, COMBINEFUNC = partial_state_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE rollup_dist(rfm_state) IS
	'rollup(rfm_state) with a partial_state transition type (Citus partial aggregation)';

CREATE FUNCTION decay_agg_dist_trans(partial_state, timestamptz, integer, interval) RETURNS partial_state
	AS 'MODULE_PATHNAME', 'decay_agg_trans_partial' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION decay_agg_dist_trans(partial_state, timestamptz, integer, interval) IS
	'transition function of decay_agg_dist(timestamptz, integer, interval): decay_agg''s, on the wrapped state';
CREATE AGGREGATE decay_agg_dist(timestamptz, integer, interval) (
	SFUNC = decay_agg_dist_trans, STYPE = partial_state, FINALFUNC = decay_agg_dist_final,
	FINALFUNC_MODIFY = READ_WRITE, COMBINEFUNC = partial_state_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE decay_agg_dist(timestamptz, integer, interval) IS
	'decay_agg(timestamptz, integer, interval) with a partial_state transition type (Citus partial aggregation)';

CREATE FUNCTION decay_agg_dist_trans(partial_state, timestamptz, numeric, interval) RETURNS partial_state
	AS 'MODULE_PATHNAME', 'decay_agg_trans_partial' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION decay_agg_dist_trans(partial_state, timestamptz, numeric, interval) IS
	'transition function of decay_agg_dist(timestamptz, numeric, interval): decay_agg''s, on the wrapped state';
CREATE AGGREGATE decay_agg_dist(timestamptz, numeric, interval) (
	SFUNC = decay_agg_dist_trans, STYPE = partial_state, FINALFUNC = decay_agg_dist_final,
	FINALFUNC_MODIFY = READ_WRITE, COMBINEFUNC = partial_state_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE decay_agg_dist(timestamptz, numeric, interval) IS
	'decay_agg(timestamptz, numeric, interval) with a partial_state transition type (Citus partial aggregation)';

CREATE FUNCTION rollup_dist_trans(partial_state, decay_state) RETURNS partial_state
	AS 'MODULE_PATHNAME', 'decay_rollup_trans_partial' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION rollup_dist_trans(partial_state, decay_state) IS
	'transition function of rollup_dist(decay_state): rollup''s, on the wrapped state';
CREATE AGGREGATE rollup_dist(decay_state) (
	SFUNC = rollup_dist_trans, STYPE = partial_state, FINALFUNC = decay_agg_dist_final,
	FINALFUNC_MODIFY = READ_WRITE, COMBINEFUNC = partial_state_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE rollup_dist(decay_state) IS
	'rollup(decay_state) with a partial_state transition type (Citus partial aggregation)';

CREATE AGGREGATE funnel_times_dist(interval, text, timestamptz, VARIADIC bool[]) (
	SFUNC = window_funnel_dist_trans, STYPE = partial_state, FINALFUNC = funnel_times_dist_final,
	FINALFUNC_MODIFY = READ_WRITE, COMBINEFUNC = partial_state_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE funnel_times_dist(interval, text, timestamptz, bool[]) IS
	'funnel_times(interval, text, timestamptz, bool[]) with a partial_state transition type (Citus partial aggregation)';

CREATE FUNCTION window_funnel_dist_trans(partial_state, bigint, bigint, bool[]) RETURNS partial_state
	AS 'MODULE_PATHNAME', 'window_funnel_int_trans_partial' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION window_funnel_dist_trans(partial_state, bigint, bigint, bool[]) IS
	'transition function of window_funnel_dist(bigint, bigint, bool[]): window_funnel''s, on the wrapped state';
CREATE AGGREGATE window_funnel_dist(bigint, bigint, VARIADIC bool[]) (
	SFUNC = window_funnel_dist_trans, STYPE = partial_state, FINALFUNC = window_funnel_dist_final,
	FINALFUNC_MODIFY = READ_WRITE, COMBINEFUNC = partial_state_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE window_funnel_dist(bigint, bigint, bool[]) IS
	'window_funnel(bigint, bigint, bool[]) with a partial_state transition type (Citus partial aggregation)';

CREATE FUNCTION window_funnel_dist_trans(partial_state, bigint, text, bigint, bool[]) RETURNS partial_state
	AS 'MODULE_PATHNAME', 'window_funnel_int_modes11_trans_partial' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION window_funnel_dist_trans(partial_state, bigint, text, bigint, bool[]) IS
	'transition function of window_funnel_dist(bigint, text, bigint, bool[]): window_funnel''s, on the wrapped state';
CREATE AGGREGATE window_funnel_dist(bigint, text, bigint, VARIADIC bool[]) (
	SFUNC = window_funnel_dist_trans, STYPE = partial_state, FINALFUNC = window_funnel_dist_final,
	FINALFUNC_MODIFY = READ_WRITE, COMBINEFUNC = partial_state_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE window_funnel_dist(bigint, text, bigint, bool[]) IS
	'window_funnel(bigint, text, bigint, bool[]) with a partial_state transition type (Citus partial aggregation)';

CREATE FUNCTION funnel_times_dist_int_final(partial_state) RETURNS bigint[]
	AS 'MODULE_PATHNAME', 'funnel_times_int_final_partial' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION funnel_times_dist_int_final(partial_state) IS
	'final function of funnel_times_dist: funnel_times''s, on the wrapped state';
CREATE AGGREGATE funnel_times_dist(bigint, bigint, VARIADIC bool[]) (
	SFUNC = window_funnel_dist_trans, STYPE = partial_state, FINALFUNC = funnel_times_dist_int_final,
	FINALFUNC_MODIFY = READ_WRITE, COMBINEFUNC = partial_state_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE funnel_times_dist(bigint, bigint, bool[]) IS
	'funnel_times(bigint, bigint, bool[]) with a partial_state transition type (Citus partial aggregation)';

CREATE AGGREGATE funnel_times_dist(bigint, text, bigint, VARIADIC bool[]) (
	SFUNC = window_funnel_dist_trans, STYPE = partial_state, FINALFUNC = funnel_times_dist_int_final,
	FINALFUNC_MODIFY = READ_WRITE, COMBINEFUNC = partial_state_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE funnel_times_dist(bigint, text, bigint, bool[]) IS
	'funnel_times(bigint, text, bigint, bool[]) with a partial_state transition type (Citus partial aggregation)';

CREATE FUNCTION sequence_dist_trans(partial_state, text, bigint, bool[]) RETURNS partial_state
	AS 'MODULE_PATHNAME', 'sequence_int_trans_partial' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION sequence_dist_trans(partial_state, text, bigint, bool[]) IS
	'transition function of sequence_match_dist(text, bigint, bool[]): sequence_match''s, on the wrapped state';
CREATE AGGREGATE sequence_match_dist(pattern text, ts bigint, VARIADIC conds bool[]) (
	SFUNC = sequence_dist_trans, STYPE = partial_state, FINALFUNC = sequence_match_dist_final,
	FINALFUNC_MODIFY = READ_WRITE, COMBINEFUNC = partial_state_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE sequence_match_dist(text, bigint, bool[]) IS
	'sequence_match(text, bigint, bool[]) with a partial_state transition type (Citus partial aggregation)';

CREATE AGGREGATE sequence_count_dist(pattern text, ts bigint, VARIADIC conds bool[]) (
	SFUNC = sequence_dist_trans, STYPE = partial_state, FINALFUNC = sequence_count_dist_final,
	FINALFUNC_MODIFY = READ_WRITE, COMBINEFUNC = partial_state_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE sequence_count_dist(text, bigint, bool[]) IS
	'sequence_count(text, bigint, bool[]) with a partial_state transition type (Citus partial aggregation)';

CREATE FUNCTION bgnbd_fit_dist_trans(partial_state, float8, float8, float8, float8, float8) RETURNS partial_state
	AS 'MODULE_PATHNAME', 'bgnbd_fit_trans_partial' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION bgnbd_fit_dist_trans(partial_state, float8, float8, float8, float8, float8) IS
	'transition function of bgnbd_fit_dist(float8, float8, float8, float8, float8): bgnbd_fit''s, on the wrapped state';
CREATE AGGREGATE bgnbd_fit_dist(x float8, t_x float8, t float8, weight float8, penalizer float8) (
	SFUNC = bgnbd_fit_dist_trans, STYPE = partial_state, FINALFUNC = bgnbd_fit_dist_final,
	FINALFUNC_MODIFY = READ_WRITE, COMBINEFUNC = partial_state_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE bgnbd_fit_dist(float8, float8, float8, float8, float8) IS
	'bgnbd_fit(float8, float8, float8, float8, float8) with a partial_state transition type (Citus partial aggregation)';

CREATE FUNCTION gamma_gamma_fit_dist_trans(partial_state, float8, float8, float8, float8) RETURNS partial_state
	AS 'MODULE_PATHNAME', 'gamma_gamma_fit_trans_partial' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION gamma_gamma_fit_dist_trans(partial_state, float8, float8, float8, float8) IS
	'transition function of gamma_gamma_fit_dist(float8, float8, float8, float8): gamma_gamma_fit''s, on the wrapped state';
CREATE AGGREGATE gamma_gamma_fit_dist(x float8, monetary float8, weight float8, penalizer float8) (
	SFUNC = gamma_gamma_fit_dist_trans, STYPE = partial_state, FINALFUNC = gamma_gamma_fit_dist_final,
	FINALFUNC_MODIFY = READ_WRITE, COMBINEFUNC = partial_state_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE gamma_gamma_fit_dist(float8, float8, float8, float8) IS
	'gamma_gamma_fit(float8, float8, float8, float8) with a partial_state transition type (Citus partial aggregation)';

CREATE FUNCTION pareto_nbd_fit_dist_trans(partial_state, float8, float8, float8) RETURNS partial_state
	AS 'MODULE_PATHNAME', 'pareto_nbd_fit_trans_partial' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION pareto_nbd_fit_dist_trans(partial_state, float8, float8, float8) IS
	'transition function of pareto_nbd_fit_dist(float8, float8, float8): pareto_nbd_fit''s, on the wrapped state';
CREATE FUNCTION pareto_nbd_fit_dist_final(partial_state) RETURNS pareto_nbd_model
	AS 'MODULE_PATHNAME', 'pareto_nbd_fit_final_partial' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION pareto_nbd_fit_dist_final(partial_state) IS
	'final function of pareto_nbd_fit_dist: pareto_nbd_fit''s, on the wrapped state';
CREATE AGGREGATE pareto_nbd_fit_dist(x float8, t_x float8, t float8) (
	SFUNC = pareto_nbd_fit_dist_trans, STYPE = partial_state, FINALFUNC = pareto_nbd_fit_dist_final,
	FINALFUNC_MODIFY = READ_WRITE, COMBINEFUNC = partial_state_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE pareto_nbd_fit_dist(float8, float8, float8) IS
	'pareto_nbd_fit(float8, float8, float8) with a partial_state transition type (Citus partial aggregation)';

CREATE FUNCTION pareto_nbd_fit_dist_trans(partial_state, float8, float8, float8, float8) RETURNS partial_state
	AS 'MODULE_PATHNAME', 'pareto_nbd_fit_trans_partial' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION pareto_nbd_fit_dist_trans(partial_state, float8, float8, float8, float8) IS
	'transition function of pareto_nbd_fit_dist(float8, float8, float8, float8): pareto_nbd_fit''s, on the wrapped state';
CREATE AGGREGATE pareto_nbd_fit_dist(x float8, t_x float8, t float8, weight float8) (
	SFUNC = pareto_nbd_fit_dist_trans, STYPE = partial_state, FINALFUNC = pareto_nbd_fit_dist_final,
	FINALFUNC_MODIFY = READ_WRITE, COMBINEFUNC = partial_state_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE pareto_nbd_fit_dist(float8, float8, float8, float8) IS
	'pareto_nbd_fit(float8, float8, float8, float8) with a partial_state transition type (Citus partial aggregation)';

CREATE FUNCTION pareto_nbd_fit_dist_trans(partial_state, float8, float8, float8, float8, float8) RETURNS partial_state
	AS 'MODULE_PATHNAME', 'pareto_nbd_fit_trans_partial' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION pareto_nbd_fit_dist_trans(partial_state, float8, float8, float8, float8, float8) IS
	'transition function of pareto_nbd_fit_dist(float8, float8, float8, float8, float8): pareto_nbd_fit''s, on the wrapped state';
CREATE AGGREGATE pareto_nbd_fit_dist(x float8, t_x float8, t float8, weight float8, penalizer float8) (
	SFUNC = pareto_nbd_fit_dist_trans, STYPE = partial_state, FINALFUNC = pareto_nbd_fit_dist_final,
	FINALFUNC_MODIFY = READ_WRITE, COMBINEFUNC = partial_state_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE pareto_nbd_fit_dist(float8, float8, float8, float8, float8) IS
	'pareto_nbd_fit(float8, float8, float8, float8, float8) with a partial_state transition type (Citus partial aggregation)';

CREATE FUNCTION mbgnbd_fit_dist_trans(partial_state, float8, float8, float8) RETURNS partial_state
	AS 'MODULE_PATHNAME', 'mbgnbd_fit_trans_partial' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION mbgnbd_fit_dist_trans(partial_state, float8, float8, float8) IS
	'transition function of mbgnbd_fit_dist(float8, float8, float8): mbgnbd_fit''s, on the wrapped state';
CREATE FUNCTION mbgnbd_fit_dist_final(partial_state) RETURNS mbgnbd_model
	AS 'MODULE_PATHNAME', 'mbgnbd_fit_final_partial' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION mbgnbd_fit_dist_final(partial_state) IS
	'final function of mbgnbd_fit_dist: mbgnbd_fit''s, on the wrapped state';
CREATE AGGREGATE mbgnbd_fit_dist(x float8, t_x float8, t float8) (
	SFUNC = mbgnbd_fit_dist_trans, STYPE = partial_state, FINALFUNC = mbgnbd_fit_dist_final,
	FINALFUNC_MODIFY = READ_WRITE, COMBINEFUNC = partial_state_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE mbgnbd_fit_dist(float8, float8, float8) IS
	'mbgnbd_fit(float8, float8, float8) with a partial_state transition type (Citus partial aggregation)';

CREATE FUNCTION mbgnbd_fit_dist_trans(partial_state, float8, float8, float8, float8) RETURNS partial_state
	AS 'MODULE_PATHNAME', 'mbgnbd_fit_trans_partial' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION mbgnbd_fit_dist_trans(partial_state, float8, float8, float8, float8) IS
	'transition function of mbgnbd_fit_dist(float8, float8, float8, float8): mbgnbd_fit''s, on the wrapped state';
CREATE AGGREGATE mbgnbd_fit_dist(x float8, t_x float8, t float8, weight float8) (
	SFUNC = mbgnbd_fit_dist_trans, STYPE = partial_state, FINALFUNC = mbgnbd_fit_dist_final,
	FINALFUNC_MODIFY = READ_WRITE, COMBINEFUNC = partial_state_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE mbgnbd_fit_dist(float8, float8, float8, float8) IS
	'mbgnbd_fit(float8, float8, float8, float8) with a partial_state transition type (Citus partial aggregation)';

CREATE FUNCTION mbgnbd_fit_dist_trans(partial_state, float8, float8, float8, float8, float8) RETURNS partial_state
	AS 'MODULE_PATHNAME', 'mbgnbd_fit_trans_partial' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION mbgnbd_fit_dist_trans(partial_state, float8, float8, float8, float8, float8) IS
	'transition function of mbgnbd_fit_dist(float8, float8, float8, float8, float8): mbgnbd_fit''s, on the wrapped state';
CREATE AGGREGATE mbgnbd_fit_dist(x float8, t_x float8, t float8, weight float8, penalizer float8) (
	SFUNC = mbgnbd_fit_dist_trans, STYPE = partial_state, FINALFUNC = mbgnbd_fit_dist_final,
	FINALFUNC_MODIFY = READ_WRITE, COMBINEFUNC = partial_state_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE mbgnbd_fit_dist(float8, float8, float8, float8, float8) IS
	'mbgnbd_fit(float8, float8, float8, float8, float8) with a partial_state transition type (Citus partial aggregation)';

CREATE FUNCTION bgnbd_standard_errors_dist_trans(partial_state, bgnbd_model, float8, float8, float8) RETURNS partial_state
	AS 'MODULE_PATHNAME', 'bgnbd_se_trans_partial' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION bgnbd_standard_errors_dist_trans(partial_state, bgnbd_model, float8, float8, float8) IS
	'transition function of bgnbd_standard_errors_dist(bgnbd_model, float8, float8, float8): bgnbd_standard_errors''s, on the wrapped state';
CREATE FUNCTION bgnbd_standard_errors_dist_final(partial_state) RETURNS float8[]
	AS 'MODULE_PATHNAME', 'bgnbd_se_final_partial' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION bgnbd_standard_errors_dist_final(partial_state) IS
	'final function of bgnbd_standard_errors_dist: bgnbd_standard_errors''s, on the wrapped state';
CREATE AGGREGATE bgnbd_standard_errors_dist(model bgnbd_model, x float8, t_x float8, t float8) (
	SFUNC = bgnbd_standard_errors_dist_trans, STYPE = partial_state, FINALFUNC = bgnbd_standard_errors_dist_final,
	FINALFUNC_MODIFY = READ_WRITE, COMBINEFUNC = partial_state_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE bgnbd_standard_errors_dist(bgnbd_model, float8, float8, float8) IS
	'bgnbd_standard_errors(bgnbd_model, float8, float8, float8) with a partial_state transition type (Citus partial aggregation)';

CREATE FUNCTION bgnbd_standard_errors_dist_trans(partial_state, bgnbd_model, float8, float8, float8, float8) RETURNS partial_state
	AS 'MODULE_PATHNAME', 'bgnbd_se_trans_partial' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION bgnbd_standard_errors_dist_trans(partial_state, bgnbd_model, float8, float8, float8, float8) IS
	'transition function of bgnbd_standard_errors_dist(bgnbd_model, float8, float8, float8, float8): bgnbd_standard_errors''s, on the wrapped state';
CREATE AGGREGATE bgnbd_standard_errors_dist(model bgnbd_model, x float8, t_x float8, t float8, weight float8) (
	SFUNC = bgnbd_standard_errors_dist_trans, STYPE = partial_state, FINALFUNC = bgnbd_standard_errors_dist_final,
	FINALFUNC_MODIFY = READ_WRITE, COMBINEFUNC = partial_state_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE bgnbd_standard_errors_dist(bgnbd_model, float8, float8, float8, float8) IS
	'bgnbd_standard_errors(bgnbd_model, float8, float8, float8, float8) with a partial_state transition type (Citus partial aggregation)';

CREATE FUNCTION gamma_gamma_standard_errors_dist_trans(partial_state, gamma_gamma_model, float8, float8) RETURNS partial_state
	AS 'MODULE_PATHNAME', 'gamma_gamma_se_trans_partial' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION gamma_gamma_standard_errors_dist_trans(partial_state, gamma_gamma_model, float8, float8) IS
	'transition function of gamma_gamma_standard_errors_dist(gamma_gamma_model, float8, float8): gamma_gamma_standard_errors''s, on the wrapped state';
CREATE FUNCTION gamma_gamma_standard_errors_dist_final(partial_state) RETURNS float8[]
	AS 'MODULE_PATHNAME', 'gamma_gamma_se_final_partial' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION gamma_gamma_standard_errors_dist_final(partial_state) IS
	'final function of gamma_gamma_standard_errors_dist: gamma_gamma_standard_errors''s, on the wrapped state';
CREATE AGGREGATE gamma_gamma_standard_errors_dist(model gamma_gamma_model, x float8, monetary float8) (
	SFUNC = gamma_gamma_standard_errors_dist_trans, STYPE = partial_state, FINALFUNC = gamma_gamma_standard_errors_dist_final,
	FINALFUNC_MODIFY = READ_WRITE, COMBINEFUNC = partial_state_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE gamma_gamma_standard_errors_dist(gamma_gamma_model, float8, float8) IS
	'gamma_gamma_standard_errors(gamma_gamma_model, float8, float8) with a partial_state transition type (Citus partial aggregation)';

CREATE FUNCTION gamma_gamma_standard_errors_dist_trans(partial_state, gamma_gamma_model, float8, float8, float8) RETURNS partial_state
	AS 'MODULE_PATHNAME', 'gamma_gamma_se_trans_partial' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION gamma_gamma_standard_errors_dist_trans(partial_state, gamma_gamma_model, float8, float8, float8) IS
	'transition function of gamma_gamma_standard_errors_dist(gamma_gamma_model, float8, float8, float8): gamma_gamma_standard_errors''s, on the wrapped state';
CREATE AGGREGATE gamma_gamma_standard_errors_dist(model gamma_gamma_model, x float8, monetary float8, weight float8) (
	SFUNC = gamma_gamma_standard_errors_dist_trans, STYPE = partial_state, FINALFUNC = gamma_gamma_standard_errors_dist_final,
	FINALFUNC_MODIFY = READ_WRITE, COMBINEFUNC = partial_state_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE gamma_gamma_standard_errors_dist(gamma_gamma_model, float8, float8, float8) IS
	'gamma_gamma_standard_errors(gamma_gamma_model, float8, float8, float8) with a partial_state transition type (Citus partial aggregation)';

CREATE FUNCTION pareto_nbd_standard_errors_dist_trans(partial_state, pareto_nbd_model, float8, float8, float8) RETURNS partial_state
	AS 'MODULE_PATHNAME', 'pareto_nbd_se_trans_partial' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION pareto_nbd_standard_errors_dist_trans(partial_state, pareto_nbd_model, float8, float8, float8) IS
	'transition function of pareto_nbd_standard_errors_dist(pareto_nbd_model, float8, float8, float8): pareto_nbd_standard_errors''s, on the wrapped state';
CREATE FUNCTION pareto_nbd_standard_errors_dist_final(partial_state) RETURNS float8[]
	AS 'MODULE_PATHNAME', 'pareto_nbd_se_final_partial' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION pareto_nbd_standard_errors_dist_final(partial_state) IS
	'final function of pareto_nbd_standard_errors_dist: pareto_nbd_standard_errors''s, on the wrapped state';
CREATE AGGREGATE pareto_nbd_standard_errors_dist(model pareto_nbd_model, x float8, t_x float8, t float8) (
	SFUNC = pareto_nbd_standard_errors_dist_trans, STYPE = partial_state, FINALFUNC = pareto_nbd_standard_errors_dist_final,
	FINALFUNC_MODIFY = READ_WRITE, COMBINEFUNC = partial_state_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE pareto_nbd_standard_errors_dist(pareto_nbd_model, float8, float8, float8) IS
	'pareto_nbd_standard_errors(pareto_nbd_model, float8, float8, float8) with a partial_state transition type (Citus partial aggregation)';

CREATE FUNCTION pareto_nbd_standard_errors_dist_trans(partial_state, pareto_nbd_model, float8, float8, float8, float8) RETURNS partial_state
	AS 'MODULE_PATHNAME', 'pareto_nbd_se_trans_partial' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION pareto_nbd_standard_errors_dist_trans(partial_state, pareto_nbd_model, float8, float8, float8, float8) IS
	'transition function of pareto_nbd_standard_errors_dist(pareto_nbd_model, float8, float8, float8, float8): pareto_nbd_standard_errors''s, on the wrapped state';
CREATE AGGREGATE pareto_nbd_standard_errors_dist(model pareto_nbd_model, x float8, t_x float8, t float8, weight float8) (
	SFUNC = pareto_nbd_standard_errors_dist_trans, STYPE = partial_state, FINALFUNC = pareto_nbd_standard_errors_dist_final,
	FINALFUNC_MODIFY = READ_WRITE, COMBINEFUNC = partial_state_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE pareto_nbd_standard_errors_dist(pareto_nbd_model, float8, float8, float8, float8) IS
	'pareto_nbd_standard_errors(pareto_nbd_model, float8, float8, float8, float8) with a partial_state transition type (Citus partial aggregation)';

CREATE FUNCTION mbgnbd_standard_errors_dist_trans(partial_state, mbgnbd_model, float8, float8, float8) RETURNS partial_state
	AS 'MODULE_PATHNAME', 'mbgnbd_se_trans_partial' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION mbgnbd_standard_errors_dist_trans(partial_state, mbgnbd_model, float8, float8, float8) IS
	'transition function of mbgnbd_standard_errors_dist(mbgnbd_model, float8, float8, float8): mbgnbd_standard_errors''s, on the wrapped state';
CREATE FUNCTION mbgnbd_standard_errors_dist_final(partial_state) RETURNS float8[]
	AS 'MODULE_PATHNAME', 'mbgnbd_se_final_partial' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION mbgnbd_standard_errors_dist_final(partial_state) IS
	'final function of mbgnbd_standard_errors_dist: mbgnbd_standard_errors''s, on the wrapped state';
CREATE AGGREGATE mbgnbd_standard_errors_dist(model mbgnbd_model, x float8, t_x float8, t float8) (
	SFUNC = mbgnbd_standard_errors_dist_trans, STYPE = partial_state, FINALFUNC = mbgnbd_standard_errors_dist_final,
	FINALFUNC_MODIFY = READ_WRITE, COMBINEFUNC = partial_state_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE mbgnbd_standard_errors_dist(mbgnbd_model, float8, float8, float8) IS
	'mbgnbd_standard_errors(mbgnbd_model, float8, float8, float8) with a partial_state transition type (Citus partial aggregation)';

CREATE FUNCTION mbgnbd_standard_errors_dist_trans(partial_state, mbgnbd_model, float8, float8, float8, float8) RETURNS partial_state
	AS 'MODULE_PATHNAME', 'mbgnbd_se_trans_partial' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION mbgnbd_standard_errors_dist_trans(partial_state, mbgnbd_model, float8, float8, float8, float8) IS
	'transition function of mbgnbd_standard_errors_dist(mbgnbd_model, float8, float8, float8, float8): mbgnbd_standard_errors''s, on the wrapped state';
CREATE AGGREGATE mbgnbd_standard_errors_dist(model mbgnbd_model, x float8, t_x float8, t float8, weight float8) (
	SFUNC = mbgnbd_standard_errors_dist_trans, STYPE = partial_state, FINALFUNC = mbgnbd_standard_errors_dist_final,
	FINALFUNC_MODIFY = READ_WRITE, COMBINEFUNC = partial_state_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE mbgnbd_standard_errors_dist(mbgnbd_model, float8, float8, float8, float8) IS
	'mbgnbd_standard_errors(mbgnbd_model, float8, float8, float8, float8) with a partial_state transition type (Citus partial aggregation)';

CREATE FUNCTION sbg_fit_dist_trans(partial_state, integer, bool) RETURNS partial_state
	AS 'MODULE_PATHNAME', 'sbg_fit_trans_partial' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION sbg_fit_dist_trans(partial_state, integer, bool) IS
	'transition function of sbg_fit_dist(integer, bool): sbg_fit''s, on the wrapped state';
CREATE FUNCTION sbg_fit_dist_final(partial_state) RETURNS sbg_model
	AS 'MODULE_PATHNAME', 'sbg_fit_final_partial' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION sbg_fit_dist_final(partial_state) IS
	'final function of sbg_fit_dist: sbg_fit''s, on the wrapped state';
CREATE AGGREGATE sbg_fit_dist(periods integer, churned bool) (
	SFUNC = sbg_fit_dist_trans, STYPE = partial_state, FINALFUNC = sbg_fit_dist_final,
	FINALFUNC_MODIFY = READ_WRITE, COMBINEFUNC = partial_state_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE sbg_fit_dist(integer, bool) IS
	'sbg_fit(integer, bool) with a partial_state transition type (Citus partial aggregation)';

CREATE FUNCTION sbg_fit_dist_trans(partial_state, integer, bool, float8) RETURNS partial_state
	AS 'MODULE_PATHNAME', 'sbg_fit_trans_partial' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION sbg_fit_dist_trans(partial_state, integer, bool, float8) IS
	'transition function of sbg_fit_dist(integer, bool, float8): sbg_fit''s, on the wrapped state';
CREATE AGGREGATE sbg_fit_dist(periods integer, churned bool, weight float8) (
	SFUNC = sbg_fit_dist_trans, STYPE = partial_state, FINALFUNC = sbg_fit_dist_final,
	FINALFUNC_MODIFY = READ_WRITE, COMBINEFUNC = partial_state_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE sbg_fit_dist(integer, bool, float8) IS
	'sbg_fit(integer, bool, float8) with a partial_state transition type (Citus partial aggregation)';

CREATE FUNCTION sbg_fit_dist_trans(partial_state, integer, bool, float8, float8) RETURNS partial_state
	AS 'MODULE_PATHNAME', 'sbg_fit_trans_partial' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION sbg_fit_dist_trans(partial_state, integer, bool, float8, float8) IS
	'transition function of sbg_fit_dist(integer, bool, float8, float8): sbg_fit''s, on the wrapped state';
CREATE AGGREGATE sbg_fit_dist(periods integer, churned bool, weight float8, penalizer float8) (
	SFUNC = sbg_fit_dist_trans, STYPE = partial_state, FINALFUNC = sbg_fit_dist_final,
	FINALFUNC_MODIFY = READ_WRITE, COMBINEFUNC = partial_state_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE sbg_fit_dist(integer, bool, float8, float8) IS
	'sbg_fit(integer, bool, float8, float8) with a partial_state transition type (Citus partial aggregation)';

CREATE FUNCTION sbg_standard_errors_dist_trans(partial_state, sbg_model, integer, bool) RETURNS partial_state
	AS 'MODULE_PATHNAME', 'sbg_se_trans_partial' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION sbg_standard_errors_dist_trans(partial_state, sbg_model, integer, bool) IS
	'transition function of sbg_standard_errors_dist(sbg_model, integer, bool): sbg_standard_errors''s, on the wrapped state';
CREATE FUNCTION sbg_standard_errors_dist_final(partial_state) RETURNS float8[]
	AS 'MODULE_PATHNAME', 'sbg_se_final_partial' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION sbg_standard_errors_dist_final(partial_state) IS
	'final function of sbg_standard_errors_dist: sbg_standard_errors''s, on the wrapped state';
CREATE AGGREGATE sbg_standard_errors_dist(model sbg_model, periods integer, churned bool) (
	SFUNC = sbg_standard_errors_dist_trans, STYPE = partial_state, FINALFUNC = sbg_standard_errors_dist_final,
	FINALFUNC_MODIFY = READ_WRITE, COMBINEFUNC = partial_state_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE sbg_standard_errors_dist(sbg_model, integer, bool) IS
	'sbg_standard_errors(sbg_model, integer, bool) with a partial_state transition type (Citus partial aggregation)';

CREATE FUNCTION sbg_standard_errors_dist_trans(partial_state, sbg_model, integer, bool, float8) RETURNS partial_state
	AS 'MODULE_PATHNAME', 'sbg_se_trans_partial' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION sbg_standard_errors_dist_trans(partial_state, sbg_model, integer, bool, float8) IS
	'transition function of sbg_standard_errors_dist(sbg_model, integer, bool, float8): sbg_standard_errors''s, on the wrapped state';
CREATE AGGREGATE sbg_standard_errors_dist(model sbg_model, periods integer, churned bool, weight float8) (
	SFUNC = sbg_standard_errors_dist_trans, STYPE = partial_state, FINALFUNC = sbg_standard_errors_dist_final,
	FINALFUNC_MODIFY = READ_WRITE, COMBINEFUNC = partial_state_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE sbg_standard_errors_dist(sbg_model, integer, bool, float8) IS
	'sbg_standard_errors(sbg_model, integer, bool, float8) with a partial_state transition type (Citus partial aggregation)';

CREATE FUNCTION bgbb_fit_dist_trans(partial_state, integer, integer, integer) RETURNS partial_state
	AS 'MODULE_PATHNAME', 'bgbb_fit_trans_partial' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION bgbb_fit_dist_trans(partial_state, integer, integer, integer) IS
	'transition function of bgbb_fit_dist(integer, integer, integer): bgbb_fit''s, on the wrapped state';
CREATE FUNCTION bgbb_fit_dist_final(partial_state) RETURNS bgbb_model
	AS 'MODULE_PATHNAME', 'bgbb_fit_final_partial' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION bgbb_fit_dist_final(partial_state) IS
	'final function of bgbb_fit_dist: bgbb_fit''s, on the wrapped state';
CREATE AGGREGATE bgbb_fit_dist(x integer, t_x integer, n_periods integer) (
	SFUNC = bgbb_fit_dist_trans, STYPE = partial_state, FINALFUNC = bgbb_fit_dist_final,
	FINALFUNC_MODIFY = READ_WRITE, COMBINEFUNC = partial_state_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE bgbb_fit_dist(integer, integer, integer) IS
	'bgbb_fit(integer, integer, integer) with a partial_state transition type (Citus partial aggregation)';

CREATE FUNCTION bgbb_fit_dist_trans(partial_state, integer, integer, integer, float8) RETURNS partial_state
	AS 'MODULE_PATHNAME', 'bgbb_fit_trans_partial' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION bgbb_fit_dist_trans(partial_state, integer, integer, integer, float8) IS
	'transition function of bgbb_fit_dist(integer, integer, integer, float8): bgbb_fit''s, on the wrapped state';
CREATE AGGREGATE bgbb_fit_dist(x integer, t_x integer, n_periods integer, weight float8) (
	SFUNC = bgbb_fit_dist_trans, STYPE = partial_state, FINALFUNC = bgbb_fit_dist_final,
	FINALFUNC_MODIFY = READ_WRITE, COMBINEFUNC = partial_state_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE bgbb_fit_dist(integer, integer, integer, float8) IS
	'bgbb_fit(integer, integer, integer, float8) with a partial_state transition type (Citus partial aggregation)';

CREATE FUNCTION bgbb_fit_dist_trans(partial_state, integer, integer, integer, float8, float8) RETURNS partial_state
	AS 'MODULE_PATHNAME', 'bgbb_fit_trans_partial' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION bgbb_fit_dist_trans(partial_state, integer, integer, integer, float8, float8) IS
	'transition function of bgbb_fit_dist(integer, integer, integer, float8, float8): bgbb_fit''s, on the wrapped state';
CREATE AGGREGATE bgbb_fit_dist(x integer, t_x integer, n_periods integer, weight float8, penalizer float8) (
	SFUNC = bgbb_fit_dist_trans, STYPE = partial_state, FINALFUNC = bgbb_fit_dist_final,
	FINALFUNC_MODIFY = READ_WRITE, COMBINEFUNC = partial_state_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE bgbb_fit_dist(integer, integer, integer, float8, float8) IS
	'bgbb_fit(integer, integer, integer, float8, float8) with a partial_state transition type (Citus partial aggregation)';

CREATE FUNCTION bgbb_standard_errors_dist_trans(partial_state, bgbb_model, integer, integer, integer) RETURNS partial_state
	AS 'MODULE_PATHNAME', 'bgbb_se_trans_partial' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION bgbb_standard_errors_dist_trans(partial_state, bgbb_model, integer, integer, integer) IS
	'transition function of bgbb_standard_errors_dist(bgbb_model, integer, integer, integer): bgbb_standard_errors''s, on the wrapped state';
CREATE FUNCTION bgbb_standard_errors_dist_final(partial_state) RETURNS float8[]
	AS 'MODULE_PATHNAME', 'bgbb_se_final_partial' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION bgbb_standard_errors_dist_final(partial_state) IS
	'final function of bgbb_standard_errors_dist: bgbb_standard_errors''s, on the wrapped state';
CREATE AGGREGATE bgbb_standard_errors_dist(model bgbb_model, x integer, t_x integer, n_periods integer) (
	SFUNC = bgbb_standard_errors_dist_trans, STYPE = partial_state, FINALFUNC = bgbb_standard_errors_dist_final,
	FINALFUNC_MODIFY = READ_WRITE, COMBINEFUNC = partial_state_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE bgbb_standard_errors_dist(bgbb_model, integer, integer, integer) IS
	'bgbb_standard_errors(bgbb_model, integer, integer, integer) with a partial_state transition type (Citus partial aggregation)';

CREATE FUNCTION bgbb_standard_errors_dist_trans(partial_state, bgbb_model, integer, integer, integer, float8) RETURNS partial_state
	AS 'MODULE_PATHNAME', 'bgbb_se_trans_partial' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION bgbb_standard_errors_dist_trans(partial_state, bgbb_model, integer, integer, integer, float8) IS
	'transition function of bgbb_standard_errors_dist(bgbb_model, integer, integer, integer, float8): bgbb_standard_errors''s, on the wrapped state';
CREATE AGGREGATE bgbb_standard_errors_dist(model bgbb_model, x integer, t_x integer, n_periods integer, weight float8) (
	SFUNC = bgbb_standard_errors_dist_trans, STYPE = partial_state, FINALFUNC = bgbb_standard_errors_dist_final,
	FINALFUNC_MODIFY = READ_WRITE, COMBINEFUNC = partial_state_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE bgbb_standard_errors_dist(bgbb_model, integer, integer, integer, float8) IS
	'bgbb_standard_errors(bgbb_model, integer, integer, integer, float8) with a partial_state transition type (Citus partial aggregation)';

CREATE FUNCTION active_users_dist_trans(partial_state, bigint, timestamptz, text, date, date) RETURNS partial_state
	AS 'MODULE_PATHNAME', 'active_users_trans_partial' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION active_users_dist_trans(partial_state, bigint, timestamptz, text, date, date) IS
	'transition function of active_users_dist(bigint, timestamptz, text, date, date): active_users''s, on the wrapped state';
CREATE FUNCTION active_users_dist_final(partial_state) RETURNS active_users_day[]
	AS 'MODULE_PATHNAME', 'active_users_final_partial' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION active_users_dist_final(partial_state) IS
	'final function of active_users_dist: active_users''s, on the wrapped state';
CREATE AGGREGATE active_users_dist(customer bigint, ts timestamptz, tz text, first_day date, last_day date) (
	SFUNC = active_users_dist_trans, STYPE = partial_state, FINALFUNC = active_users_dist_final,
	FINALFUNC_MODIFY = READ_WRITE, COMBINEFUNC = partial_state_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE active_users_dist(bigint, timestamptz, text, date, date) IS
	'active_users(bigint, timestamptz, text, date, date) with a partial_state transition type (Citus partial aggregation)';

CREATE FUNCTION active_users_dist_trans(partial_state, text, timestamptz, text, date, date) RETURNS partial_state
	AS 'MODULE_PATHNAME', 'active_users_trans_partial' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION active_users_dist_trans(partial_state, text, timestamptz, text, date, date) IS
	'transition function of active_users_dist(text, timestamptz, text, date, date): active_users''s, on the wrapped state';
CREATE AGGREGATE active_users_dist(customer text, ts timestamptz, tz text, first_day date, last_day date) (
	SFUNC = active_users_dist_trans, STYPE = partial_state, FINALFUNC = active_users_dist_final,
	FINALFUNC_MODIFY = READ_WRITE, COMBINEFUNC = partial_state_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE active_users_dist(text, timestamptz, text, date, date) IS
	'active_users(text, timestamptz, text, date, date) with a partial_state transition type (Citus partial aggregation)';

CREATE FUNCTION stickiness_dist_trans(partial_state, bigint, timestamptz, text, text, date, date) RETURNS partial_state
	AS 'MODULE_PATHNAME', 'stickiness_trans_partial' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION stickiness_dist_trans(partial_state, bigint, timestamptz, text, text, date, date) IS
	'transition function of stickiness_dist(bigint, timestamptz, text, text, date, date): stickiness''s, on the wrapped state';
CREATE FUNCTION stickiness_dist_final(partial_state) RETURNS stickiness_bucket[]
	AS 'MODULE_PATHNAME', 'stickiness_final_partial' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION stickiness_dist_final(partial_state) IS
	'final function of stickiness_dist: stickiness''s, on the wrapped state';
CREATE AGGREGATE stickiness_dist(customer bigint, ts timestamptz, unit text, tz text, first_day date, last_day date) (
	SFUNC = stickiness_dist_trans, STYPE = partial_state, FINALFUNC = stickiness_dist_final,
	FINALFUNC_MODIFY = READ_WRITE, COMBINEFUNC = partial_state_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE stickiness_dist(bigint, timestamptz, text, text, date, date) IS
	'stickiness(bigint, timestamptz, text, text, date, date) with a partial_state transition type (Citus partial aggregation)';

CREATE FUNCTION stickiness_dist_trans(partial_state, text, timestamptz, text, text, date, date) RETURNS partial_state
	AS 'MODULE_PATHNAME', 'stickiness_trans_partial' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION stickiness_dist_trans(partial_state, text, timestamptz, text, text, date, date) IS
	'transition function of stickiness_dist(text, timestamptz, text, text, date, date): stickiness''s, on the wrapped state';
CREATE AGGREGATE stickiness_dist(customer text, ts timestamptz, unit text, tz text, first_day date, last_day date) (
	SFUNC = stickiness_dist_trans, STYPE = partial_state, FINALFUNC = stickiness_dist_final,
	FINALFUNC_MODIFY = READ_WRITE, COMBINEFUNC = partial_state_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE stickiness_dist(text, timestamptz, text, text, date, date) IS
	'stickiness(text, timestamptz, text, text, date, date) with a partial_state transition type (Citus partial aggregation)';

CREATE FUNCTION kaplan_meier_dist_trans(partial_state, integer, bool) RETURNS partial_state
	AS 'MODULE_PATHNAME', 'kaplan_meier_trans_partial' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION kaplan_meier_dist_trans(partial_state, integer, bool) IS
	'transition function of kaplan_meier_dist(integer, bool): kaplan_meier''s, on the wrapped state';
CREATE FUNCTION kaplan_meier_dist_final(partial_state) RETURNS survival_point[]
	AS 'MODULE_PATHNAME', 'kaplan_meier_final_partial' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION kaplan_meier_dist_final(partial_state) IS
	'final function of kaplan_meier_dist: kaplan_meier''s, on the wrapped state';
CREATE AGGREGATE kaplan_meier_dist(duration integer, churned bool) (
	SFUNC = kaplan_meier_dist_trans, STYPE = partial_state, FINALFUNC = kaplan_meier_dist_final,
	FINALFUNC_MODIFY = READ_WRITE, COMBINEFUNC = partial_state_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE kaplan_meier_dist(integer, bool) IS
	'kaplan_meier(integer, bool) with a partial_state transition type (Citus partial aggregation)';
