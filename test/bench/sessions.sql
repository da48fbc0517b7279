-- test/bench/sessions.sql: sessions and time on site per customer, 30-minute gap.
-- requires: session_stats
-- bench: sessions | session_stats | parallel partitioned
--
-- Plain SQL: one window pass with lag() and lead() over (customer, ts) marks where sessions
-- start and end, then one GROUP BY. A session's duration is the sum of its in-session gaps
-- (<= 30 minutes); a bounce is a session whose start is also its end. With the default
-- thresholds (10 s or 2 events) every non-bounce session is engaged.

CREATE VIEW bench_sessions_ours AS
SELECT customer_id AS k, (s).sessions, (s).events, (s).total_duration, (s).avg_duration,
       (s).bounces, (s).engaged_sessions, (s).first_seen, (s).last_seen,
       (s).avg_days_between_sessions
FROM (SELECT customer_id, session_stats(ts, interval '30 minutes') AS s
      FROM events GROUP BY customer_id) t;

CREATE VIEW bench_sessions_plain AS
WITH marked AS (
  SELECT customer_id, ts,
         ts - lag(ts) OVER w AS gap_before,
         lead(ts) OVER w - ts AS gap_after
  FROM events
  WINDOW w AS (PARTITION BY customer_id ORDER BY ts)
), flagged AS (
  SELECT customer_id, ts, gap_before,
         gap_before IS NULL OR gap_before > interval '30 minutes' AS starts,
         gap_after IS NULL OR gap_after > interval '30 minutes' AS ends
  FROM marked
)
SELECT customer_id AS k,
       count(*) FILTER (WHERE starts) AS sessions,
       count(*) AS events,
       coalesce(sum(gap_before) FILTER (WHERE NOT starts), interval '0') AS total_duration,
       coalesce(sum(gap_before) FILTER (WHERE NOT starts), interval '0')
         / count(*) FILTER (WHERE starts) AS avg_duration,
       count(*) FILTER (WHERE starts AND ends) AS bounces,
       count(*) FILTER (WHERE starts AND NOT ends) AS engaged_sessions,
       min(ts) AS first_seen,
       max(ts) AS last_seen,
       extract(epoch FROM max(ts) FILTER (WHERE starts) - min(ts))::float8 / 86400
         / nullif(count(*) FILTER (WHERE starts) - 1, 0) AS avg_days_between_sessions
FROM flagged
GROUP BY customer_id;

CREATE VIEW bench_sessions_floor AS
SELECT customer_id AS k, count(*) AS n FROM events GROUP BY customer_id;
CREATE VIEW bench_sessions_args AS
SELECT customer_id AS k, max(ts) AS ts
FROM events GROUP BY customer_id;
