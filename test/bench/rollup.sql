-- test/bench/rollup.sql: the materialized-view pattern (README "Materialized views: daily
-- states, incremental refresh"): one row of mergeable states per customer (or, for surveys,
-- per answer) and UTC day, appended for each new day, and reports that roll the days up per
-- week or month, against recomputing the same report from the raw rows.
-- requires: decay_agg score nps_agg csat_agg rfm_agg rollup recency_days purchase_days monetary
-- bench: rollup_scores | monthly engagement score per customer: rollup of daily states (plain: from events)
-- bench: rollup_rfm | monthly RFM per customer: rollup of daily states (plain: from purchases)
-- bench: rollup_feedback_week | weekly NPS + CSAT: rollup of daily states (plain: from answers)
-- bench: rollup_feedback_month | monthly NPS + CSAT: rollup of daily states (plain: from answers)
-- bench: refresh_scores | refresh: one new day of daily score states (index on ts)
-- bench: refresh_rfm | refresh: one new day of daily RFM states (index on ts)
-- bench: refresh_feedback | refresh: one new day of daily NPS + CSAT states
--
-- The daily tables are built here once over every day; a refresh appends the states of the
-- new day only (INSERT INTO daily ... SELECT the refresh_* query, scanning that day's rows
-- through an index on the timestamp), so its cost is that of one day of rows. The report
-- rows (rollup_*) are checked equal to the recomputation from raw rows ("plain SQL" here is
-- the same extension aggregate over the raw rows, the query one runs without the daily
-- table); their floor is count(*) over the raw rows with the same grouping. The refresh
-- rows' floor is count(*) over the new day's rows.

CREATE INDEX IF NOT EXISTS bench_events_ts ON events (ts);
CREATE INDEX IF NOT EXISTS bench_survey_answered ON survey_responses (answered_at);
ANALYZE events;
ANALYZE survey_responses;

CREATE UNLOGGED TABLE bench_daily_scores AS
SELECT customer_id, (ts AT TIME ZONE 'UTC')::date AS day, decay_agg(ts, 1.0, interval '14 days') AS s
FROM events GROUP BY 1, 2;
CREATE UNLOGGED TABLE bench_daily_rfm AS
SELECT customer_id, (ts AT TIME ZONE 'UTC')::date AS day, rfm_agg(ts, amount) AS s
FROM events WHERE event_type = 'purchase' GROUP BY 1, 2;
CREATE UNLOGGED TABLE bench_daily_feedback AS
SELECT (answered_at AT TIME ZONE 'UTC')::date AS day, nps_agg(nps_score) AS nps_state,
       csat_agg(csat_score) AS csat_state
FROM survey_responses GROUP BY 1;
ANALYZE bench_daily_scores;
ANALYZE bench_daily_rfm;
ANALYZE bench_daily_feedback;

-- monthly engagement score (half-life 14 days, as of 2024-07-02) per customer and month
CREATE VIEW bench_rollup_scores_ours AS
SELECT customer_id * 100 + m AS k, score(rollup(s), timestamptz '2024-07-02 00:00+00') AS score
FROM (SELECT customer_id, extract(month FROM day)::int AS m, s FROM bench_daily_scores) d
GROUP BY customer_id, m;

CREATE VIEW bench_rollup_scores_plain AS
SELECT customer_id * 100 + m AS k,
       engagement_score(ts, 1.0, interval '14 days', timestamptz '2024-07-02 00:00+00') AS score
FROM (SELECT customer_id, extract(month FROM ts AT TIME ZONE 'UTC')::int AS m, ts FROM events) e
GROUP BY customer_id, m;

CREATE VIEW bench_rollup_scores_floor AS
SELECT customer_id * 100 + m AS k, count(*) AS n
FROM (SELECT customer_id, extract(month FROM ts AT TIME ZONE 'UTC')::int AS m FROM events) e
GROUP BY customer_id, m;

-- monthly RFM per customer and month, as of 2024-07-02 (a visit that starts just before
-- 2024-07-01 can end with a purchase after midnight)
CREATE VIEW bench_rollup_rfm_ours AS
SELECT customer_id * 100 + m AS k, recency_days(s, timestamptz '2024-07-02 00:00+00') AS r,
       purchase_days(s) AS f, monetary(s) AS m
FROM (SELECT customer_id, m, rollup(s) AS s
      FROM (SELECT customer_id, extract(month FROM day)::int AS m, s FROM bench_daily_rfm) d
      GROUP BY customer_id, m) q;

CREATE VIEW bench_rollup_rfm_plain AS
SELECT customer_id * 100 + m AS k, recency_days(s, timestamptz '2024-07-02 00:00+00') AS r,
       purchase_days(s) AS f, monetary(s) AS m
FROM (SELECT customer_id, m, rfm_agg(ts, amount) AS s
      FROM (SELECT customer_id, extract(month FROM ts AT TIME ZONE 'UTC')::int AS m, ts, amount
            FROM events WHERE event_type = 'purchase') e
      GROUP BY customer_id, m) q;

CREATE VIEW bench_rollup_rfm_floor AS
SELECT customer_id * 100 + m AS k, count(*) AS n
FROM (SELECT customer_id, extract(month FROM ts AT TIME ZONE 'UTC')::int AS m
      FROM events WHERE event_type = 'purchase') e
GROUP BY customer_id, m;

-- NPS and CSAT per ISO week and per month
CREATE VIEW bench_rollup_feedback_week_ours AS
SELECT date_trunc('week', day) AS k, nps(rollup(nps_state)) AS nps, csat(rollup(csat_state)) AS csat
FROM bench_daily_feedback GROUP BY 1;

CREATE VIEW bench_rollup_feedback_week_plain AS
SELECT date_trunc('week', (answered_at AT TIME ZONE 'UTC')::date) AS k, nps(nps_score) AS nps, csat(csat_score) AS csat
FROM survey_responses GROUP BY 1;

CREATE VIEW bench_rollup_feedback_week_floor AS
SELECT date_trunc('week', (answered_at AT TIME ZONE 'UTC')::date) AS k, count(*) AS n
FROM survey_responses GROUP BY 1;

CREATE VIEW bench_rollup_feedback_month_ours AS
SELECT date_trunc('month', day) AS k, nps(rollup(nps_state)) AS nps, csat(rollup(csat_state)) AS csat
FROM bench_daily_feedback GROUP BY 1;

CREATE VIEW bench_rollup_feedback_month_plain AS
SELECT date_trunc('month', (answered_at AT TIME ZONE 'UTC')::date) AS k, nps(nps_score) AS nps, csat(csat_score) AS csat
FROM survey_responses GROUP BY 1;

CREATE VIEW bench_rollup_feedback_month_floor AS
SELECT date_trunc('month', (answered_at AT TIME ZONE 'UTC')::date) AS k, count(*) AS n
FROM survey_responses GROUP BY 1;

-- a refresh: the states of the new day (the last day of the data, 2024-06-30), which the
-- job appends with INSERT INTO bench_daily_... SELECT
CREATE VIEW bench_refresh_scores_ours AS
SELECT customer_id AS k, (ts AT TIME ZONE 'UTC')::date AS day, decay_agg(ts, 1.0, interval '14 days') AS s
FROM events WHERE ts >= timestamptz '2024-06-30 00:00+00' AND ts < timestamptz '2024-07-01 00:00+00'
GROUP BY 1, 2;

CREATE VIEW bench_refresh_scores_floor AS
SELECT customer_id AS k, count(*) AS n
FROM events WHERE ts >= timestamptz '2024-06-30 00:00+00' AND ts < timestamptz '2024-07-01 00:00+00'
GROUP BY 1;

CREATE VIEW bench_refresh_rfm_ours AS
SELECT customer_id AS k, (ts AT TIME ZONE 'UTC')::date AS day, rfm_agg(ts, amount) AS s
FROM events WHERE event_type = 'purchase'
  AND ts >= timestamptz '2024-06-30 00:00+00' AND ts < timestamptz '2024-07-01 00:00+00'
GROUP BY 1, 2;

CREATE VIEW bench_refresh_rfm_floor AS
SELECT customer_id AS k, count(*) AS n
FROM events WHERE event_type = 'purchase'
  AND ts >= timestamptz '2024-06-30 00:00+00' AND ts < timestamptz '2024-07-01 00:00+00'
GROUP BY 1;

CREATE VIEW bench_refresh_feedback_ours AS
SELECT (answered_at AT TIME ZONE 'UTC')::date AS k, nps_agg(nps_score) AS nps_state, csat_agg(csat_score) AS csat_state
FROM survey_responses
WHERE answered_at >= timestamptz '2024-06-30 00:00+00' AND answered_at < timestamptz '2024-07-01 00:00+00'
GROUP BY 1;

CREATE VIEW bench_refresh_feedback_floor AS
SELECT (answered_at AT TIME ZONE 'UTC')::date AS k, count(*) AS n
FROM survey_responses
WHERE answered_at >= timestamptz '2024-06-30 00:00+00' AND answered_at < timestamptz '2024-07-01 00:00+00'
GROUP BY 1;
