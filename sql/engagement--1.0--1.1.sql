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

-- ==== sequence fixed arity ====
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

-- ==== sequence_next_node fixed arity ====
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

-- ==== sequence_match_events fixed arity ====
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
