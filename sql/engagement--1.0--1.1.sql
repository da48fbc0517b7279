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


-- ==== rfm ====
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
COMMENT ON TYPE rfm_state IS 'RFM state of a customer: purchases, distinct purchase days (UTC, or the local days of rfm_agg''s zone), total amount, first and last purchase';
COMMENT ON FUNCTION purchase_days(rfm_state) IS 'number of distinct purchase days (UTC, or the local days of rfm_agg''s zone); NULL if unknown (rolled up from overlapping periods)';
COMMENT ON FUNCTION is_repeat_customer(rfm_state) IS 'true if the purchases fall on two or more distinct days (UTC, or the local days of rfm_agg''s zone)';


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
