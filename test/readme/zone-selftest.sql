-- test/readme/zone-selftest.sql: queries whose results DO depend on the session's TimeZone,
-- the forms the README recipes used before they named their zones (issue 16).  run-check.sh
-- runs each one like a README block under UTC, America/Los_Angeles and Asia/Kolkata and
-- requires its output to differ: proof that the harness and the fixture would catch such
-- a recipe.  One statement per query; each must return rows.

-- a timestamptz literal without an offset: midnight in the session's zone
SELECT customer_id, engagement_score(ts, 1, interval '7 days', timestamptz '2024-07-01') AS score
FROM events GROUP BY customer_id ORDER BY score DESC, customer_id LIMIT 5;

-- RFM as of such a literal
SELECT count(*) FILTER (WHERE recency_days(s, timestamptz '1997-09-30') < 30) AS recent, count(*)
FROM (SELECT customer_id, rfm_agg(ordered_at, amount) AS s FROM orders
      WHERE ordered_at <= timestamptz '1997-09-30' GROUP BY customer_id) t;

-- the yearly rollup with the two-argument date_trunc (years in the session's zone)
SELECT date_trunc('year', ordered_at) AS year, count(*) AS orders, sum(amount) AS revenue
FROM orders GROUP BY 1 ORDER BY 1;

-- weekly cohorts by date_bin from an origin without an offset
SELECT date_bin(interval '1 week', first_seen, timestamptz '2000-01-03') AS cohort, count(*)
FROM (SELECT customer_id, min(ts) AS first_seen FROM events GROUP BY customer_id) f
GROUP BY 1 ORDER BY 1;

-- the lifecycle chart whose grid steps '1 week' in the session's zone: across the DST
-- change its weeks miss the UTC bins of lifecycle() (0 new, 0 returning)
WITH statuses AS (
  SELECT (l).period_start AS week, (l).status
  FROM (SELECT unnest(lifecycle(ts, interval '1 week', timestamptz '2024-06-30 23:59:59+00')) AS l
        FROM events GROUP BY customer_id) t)
SELECT s.status, count(st.status) AS customers
FROM generate_series(timestamptz '2023-12-04 00:00+00', '2024-06-24 00:00+00', interval '1 week') w(week)
CROSS JOIN unnest(ARRAY['new', 'returning', 'resurrecting', 'dormant']) s(status)
LEFT JOIN statuses st ON st.week = w.week AND st.status = s.status
GROUP BY s.status ORDER BY s.status;

-- calendar days and months of a timestamptz taken in the session's zone
SELECT ts::date AS day, count(*) FROM events GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 5;
SELECT date_trunc('month', answered_at) AS month, nps(nps_score) FROM survey_responses GROUP BY 1 ORDER BY 1;

-- a date turned into a timestamptz (midnight in the session's zone)
SELECT date_trunc('month', day) AS month, count(*) FROM visits GROUP BY 1;

-- to_char of a timestamptz
SELECT to_char(min(ts), 'YYYY-MM-DD HH24:MI') AS first_event FROM events;

-- the hour of a timestamptz, and a date compared with a timestamptz
SELECT extract(hour FROM ts) AS hour, count(*) FROM events GROUP BY 1 ORDER BY 1 LIMIT 3;
SELECT count(*) FROM events WHERE ts >= date '2024-03-04';

-- days added to a timestamptz: calendar days in the session's zone, 23 hours across the DST change
SELECT max(ts + interval '30 days') FROM events WHERE ts < timestamptz '2024-03-01 00:00+00';
