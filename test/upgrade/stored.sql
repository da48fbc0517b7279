-- test/upgrade/stored.sql: the data an upgrade must keep.  test/upgrade/run-check.sh loads it
-- into a database holding the old version of the extension, then updates the extension (or
-- dumps and restores the database) and requires the same contents and the same function
-- results afterwards.
--
-- test/dump/setup.sql gives tables of every base state type filled by the extension's own
-- aggregates (daily_<type>), materialized views rolling them up (mv_<type>) and a user-edited
-- RFM segment map with views over it.  Added here: every composite type and array of
-- composites the README documents, as table columns and as materialized views (which the
-- upgraded database must still be able to REFRESH), the BG/NBD and Gamma-Gamma models fitted
-- to the CDNOW sample, and engagement_score_state, which no aggregate returns.  The hook
-- checks that every type of the extension has a stored non-NULL value somewhere.
\i test/dump/setup.sql

-- sessions: session_summary, with default and explicit engaged thresholds
CREATE TABLE stored_sessions AS
SELECT customer_id, session_stats(ts, '30 minutes') AS s,
       session_stats(ts, '30 minutes', '1 minute', 3) AS s_strict
FROM events GROUP BY customer_id;
CREATE MATERIALIZED VIEW mv_sessions AS
SELECT customer_id, ts::date AS day, session_stats(ts, '30 minutes') AS s
FROM events WHERE ts IS NOT NULL GROUP BY 1, 2;

-- transitions: stage_transition[], with and without a dormancy interval
CREATE TABLE stored_transitions AS
SELECT customer_id, stage_transitions(ts, kind) AS t, stage_transitions(ts, kind, '7 days') AS t_dormant
FROM events GROUP BY customer_id;
CREATE MATERIALIZED VIEW mv_transitions AS
SELECT customer_id, stage_transitions(ts, kind) AS t FROM events GROUP BY customer_id;

-- retention: lifecycle_period[]
CREATE TABLE stored_lifecycle AS
SELECT customer_id, lifecycle(ts, '7 days', '2024-05-01 00:00:00+00') AS l FROM events GROUP BY customer_id;
CREATE MATERIALIZED VIEW mv_lifecycle AS
SELECT customer_id, lifecycle(ts, '1 day', '2024-05-01 00:00:00+00') AS l FROM events GROUP BY customer_id;

-- decay: engagement_score_state (the transition state of engagement_score), one per event
CREATE TABLE stored_engagement_score_state AS
SELECT customer_id, ts, engagement_score_trans(NULL, ts, amount, '7 days', '2025-01-01 00:00:00+00') AS s
FROM events WHERE ts IS NOT NULL;

-- btyd: the README walkthrough on the CDNOW sample (test/data/README.md): btyd_summary per
-- customer, bgnbd_model and gamma_gamma_model fitted to them, per-customer predictions
CREATE TABLE cdnow_raw (line text);
\copy cdnow_raw FROM 'test/data/CDNOW_sample.txt'
CREATE TABLE cdnow_orders AS
SELECT f[2]::int AS customer, f[3]::date::timestamp AT TIME ZONE 'UTC' AS ts, f[5]::float8 AS amount
FROM (SELECT regexp_split_to_array(btrim(line, E' \r'), ' +') AS f FROM cdnow_raw) s;
DROP TABLE cdnow_raw;
CREATE MATERIALIZED VIEW mv_btyd_summary AS
SELECT customer, btyd_summary(ts, amount, '1997-09-30 00:00:00+00', '7 days') AS s
FROM cdnow_orders GROUP BY customer;
CREATE MATERIALIZED VIEW mv_clv_models AS
SELECT bgnbd_fit((s).x, (s).t_x, (s).t) AS bg, gamma_gamma_fit((s).x, (s).monetary) AS gg
FROM mv_btyd_summary;
CREATE TABLE stored_clv_models AS SELECT * FROM mv_clv_models;
CREATE TABLE stored_btyd_summary AS SELECT * FROM mv_btyd_summary;
CREATE MATERIALIZED VIEW mv_customer_clv AS
SELECT c.customer, bgnbd_p_alive(m.bg, (c.s).x, (c.s).t_x, (c.s).t) AS p_alive,
       clv(m.bg, m.gg, (c.s).x, (c.s).t_x, (c.s).t, (c.s).monetary,
           horizon => 52.14, discount_rate => 0.01, period => 4.345) AS clv_12_months
FROM mv_btyd_summary c CROSS JOIN mv_clv_models m;
ANALYZE;
