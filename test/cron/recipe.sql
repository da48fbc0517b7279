-- test/cron/recipe.sql: the README recipe "Materialized views refreshed by pg_cron", part 1,
-- run by test/cron/run-check.sh as the role analyst in the database analytics.
CREATE TABLE survey_answers (customer_id integer, answered_at timestamptz, nps_score integer, csat_score integer);

-- one row per UTC day, holding mergeable states: any period is a rollup() of days
CREATE MATERIALIZED VIEW daily_feedback AS
SELECT (answered_at AT TIME ZONE 'UTC')::date AS day,
       nps_agg(nps_score) AS nps_state,
       csat_agg(csat_score) AS csat_state
FROM survey_answers
GROUP BY 1;
-- CONCURRENTLY (readers never blocked) needs a unique index
CREATE UNIQUE INDEX ON daily_feedback (day);
