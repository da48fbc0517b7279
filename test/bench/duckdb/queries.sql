-- test/bench/duckdb/queries.sql: the plain SQL a DuckDB user writes for each per-customer
-- family, run by `scripts/bench --duckdb` (test/bench/duckdb/run.cjs) on the same events.
--
-- Each block starts with "-- duckdb: NAME | PROJECTION": NAME is the benchmark whose result
-- ours is compared with (bench_res_NAME_ours, materialised by scripts/bench), PROJECTION a
-- PostgreSQL query over that table giving the columns the DuckDB query returns, in order
-- (times as bigint microseconds, arrays flattened), so both are compared with bench_diff.
-- The DuckDB queries are the PostgreSQL plain SQL of test/bench/<family>.sql in DuckDB's
-- dialect (ts is a UTC TIMESTAMP there; date_diff for microsecond gaps; list_filter for
-- the RFM cut points); stage_transitions returns each customer's path as text and its
-- summed dwell instead of an array of rows, slightly less work than ours does.

-- The block NAME_floor is DuckDB's count(*) per customer, reported beside the PostgreSQL scan
-- floor of benchmark NAME (its bench_NAME_floor): how far apart the two engines are before
-- any family's work.
-- duckdb: decay_floor | SELECT k, n FROM bench_decay_floor
SELECT customer_id AS k, count(*) AS n FROM events GROUP BY customer_id;

-- duckdb: decay | SELECT k, score FROM bench_res_decay_ours
SELECT customer_id AS k,
       sum(power(0.5, date_diff('microsecond', ts, TIMESTAMP '2024-07-02 00:00:00') / 1209600e6))
         FILTER (WHERE ts <= TIMESTAMP '2024-07-02 00:00:00') AS score
FROM events GROUP BY customer_id;

-- duckdb: funnel3 | SELECT k, level FROM bench_res_funnel3_ours
WITH c3 AS (
  SELECT customer_id, ts, event_type,
         min(ts) FILTER (WHERE event_type = 'purchase') OVER w AS c3
  FROM events
  WINDOW w AS (PARTITION BY customer_id ORDER BY ts DESC)
), c2 AS (
  SELECT customer_id, ts, event_type,
         min(ts) FILTER (WHERE event_type = 'add_to_cart') OVER w AS c2,
         min(c3) FILTER (WHERE event_type = 'add_to_cart') OVER w AS c3
  FROM c3
  WINDOW w AS (PARTITION BY customer_id ORDER BY ts DESC)
)
SELECT customer_id AS k,
       coalesce(max(CASE WHEN c3 <= ts + INTERVAL 1 DAY THEN 3
                         WHEN c2 <= ts + INTERVAL 1 DAY THEN 2
                         ELSE 1 END) FILTER (WHERE event_type = 'page_view'), 0) AS level
FROM c2 GROUP BY customer_id;

-- duckdb: funnel5 | SELECT k, level FROM bench_res_funnel5_ours
WITH c5 AS (
  SELECT customer_id, ts, event_type,
         min(ts) FILTER (WHERE event_type = 'purchase') OVER w AS c5
  FROM events
  WINDOW w AS (PARTITION BY customer_id ORDER BY ts DESC)
), c4 AS (
  SELECT customer_id, ts, event_type,
         min(c5) FILTER (WHERE event_type = 'add_to_cart') OVER w AS c5,
         min(ts) FILTER (WHERE event_type = 'add_to_cart') OVER w AS c4
  FROM c5
  WINDOW w AS (PARTITION BY customer_id ORDER BY ts DESC)
), c3 AS (
  SELECT customer_id, ts, event_type,
         min(c5) FILTER (WHERE event_type = 'page_view') OVER w AS c5,
         min(c4) FILTER (WHERE event_type = 'page_view') OVER w AS c4,
         min(ts) FILTER (WHERE event_type = 'page_view') OVER w AS c3
  FROM c4
  WINDOW w AS (PARTITION BY customer_id ORDER BY ts DESC)
), c2 AS (
  SELECT customer_id, ts, event_type,
         min(c5) FILTER (WHERE event_type = 'message_clicked') OVER w AS c5,
         min(c4) FILTER (WHERE event_type = 'message_clicked') OVER w AS c4,
         min(c3) FILTER (WHERE event_type = 'message_clicked') OVER w AS c3,
         min(ts) FILTER (WHERE event_type = 'message_clicked') OVER w AS c2
  FROM c3
  WINDOW w AS (PARTITION BY customer_id ORDER BY ts DESC)
)
SELECT customer_id AS k,
       coalesce(max(CASE WHEN c5 <= ts + INTERVAL 7 DAY THEN 5
                         WHEN c4 <= ts + INTERVAL 7 DAY THEN 4
                         WHEN c3 <= ts + INTERVAL 7 DAY THEN 3
                         WHEN c2 <= ts + INTERVAL 7 DAY THEN 2
                         ELSE 1 END) FILTER (WHERE event_type = 'message_opened'), 0) AS level
FROM c2 GROUP BY customer_id;

-- duckdb: sessions | SELECT k, sessions, events, (extract(epoch FROM total_duration) * 1000000)::bigint AS total_us, bounces, engaged_sessions, (extract(epoch FROM first_seen) * 1000000)::bigint AS first_us, (extract(epoch FROM last_seen) * 1000000)::bigint AS last_us, avg_days_between_sessions FROM bench_res_sessions_ours
WITH marked AS (
  SELECT customer_id, ts,
         date_diff('microsecond', lag(ts) OVER w, ts) AS gap_before,
         date_diff('microsecond', ts, lead(ts) OVER w) AS gap_after
  FROM events
  WINDOW w AS (PARTITION BY customer_id ORDER BY ts)
), flagged AS (
  SELECT customer_id, ts, gap_before,
         gap_before IS NULL OR gap_before > 1800000000 AS starts,
         gap_after IS NULL OR gap_after > 1800000000 AS ends
  FROM marked
)
SELECT customer_id AS k,
       count(*) FILTER (WHERE starts) AS sessions,
       count(*) AS events,
       coalesce(sum(gap_before) FILTER (WHERE NOT starts), 0) AS total_duration_us,
       count(*) FILTER (WHERE starts AND ends) AS bounces,
       count(*) FILTER (WHERE starts AND NOT ends) AS engaged_sessions,
       epoch_us(min(ts)) AS first_seen_us,
       epoch_us(max(ts)) AS last_seen_us,
       date_diff('microsecond', min(ts), max(ts) FILTER (WHERE starts)) / 86400e6
         / nullif(count(*) FILTER (WHERE starts) - 1, 0) AS avg_days_between_sessions
FROM flagged
GROUP BY customer_id;

-- duckdb: retention | SELECT k, r[1] AS r1, r[2] AS r2, r[3] AS r3 FROM bench_res_retention_ours
SELECT customer_id AS k,
       bool_or(event_type = 'page_view')::int AS r1,
       (bool_or(event_type = 'page_view') AND bool_or(event_type = 'purchase'))::int AS r2,
       (bool_or(event_type = 'page_view') AND bool_or(event_type = 'message_clicked'))::int AS r3
FROM events GROUP BY customer_id;

-- duckdb: seq3 | SELECT k, m FROM bench_res_seq3_ours
WITH e AS (
  SELECT customer_id, ts, event_type,
         min(ts) FILTER (WHERE event_type = 'page_view') OVER (PARTITION BY customer_id) AS t1
  FROM events
), g AS (
  SELECT customer_id,
         min(ts) FILTER (WHERE event_type = 'add_to_cart' AND ts >= t1) AS t2,
         max(ts) FILTER (WHERE event_type = 'purchase') AS t3
  FROM e GROUP BY customer_id
)
SELECT customer_id AS k, coalesce(t3 >= t2, false) AS m
FROM g;

-- duckdb: transitions | SELECT k, cardinality(t) AS n, (SELECT string_agg(coalesce(x.from_stage, '') || '>' || x.to_stage, ',' ORDER BY x.o) FROM unnest(t) WITH ORDINALITY x(from_stage, to_stage, at, dwell, o)) AS path, (SELECT (sum(extract(epoch FROM x.dwell)) * 1000000)::bigint FROM unnest(t) x) AS dwell_us FROM bench_res_transitions_ours
WITH c AS (
  SELECT customer_id, ts, event_type AS stage, lag(event_type) OVER w AS prev
  FROM events
  WINDOW w AS (PARTITION BY customer_id ORDER BY ts, event_type)
), t AS (
  SELECT customer_id, ts, stage, prev, date_diff('microsecond', lag(ts) OVER w, ts) AS dwell_us
  FROM c
  WHERE prev IS DISTINCT FROM stage
  WINDOW w AS (PARTITION BY customer_id ORDER BY ts, stage)
)
SELECT customer_id AS k, count(*) AS n,
       string_agg(coalesce(prev, '') || '>' || stage, ',' ORDER BY ts, stage) AS path,
       sum(dwell_us) AS dwell_us
FROM t GROUP BY customer_id;

-- duckdb: rfm | SELECT k, r, f, m, r_score, f_score, m_score FROM bench_res_rfm_ours
WITH v AS (
  SELECT customer_id,
         date_diff('microsecond', max(ts), TIMESTAMP '2024-07-01 00:00:00') / 86400e6 AS r,
         count(DISTINCT ts::date)::double AS f,
         sum(amount)::double AS m
  FROM events WHERE event_type = 'purchase' AND ts <= TIMESTAMP '2024-07-01 00:00:00' GROUP BY customer_id
), br AS (
  SELECT quantile_disc(r, [0.2, 0.4, 0.6, 0.8]) AS rb,
         quantile_disc(f, [0.2, 0.4, 0.6, 0.8]) AS fb,
         quantile_disc(m, [0.2, 0.4, 0.6, 0.8]) AS mb
  FROM v
)
SELECT customer_id AS k, r, f, m,
       5 - len(list_filter(rb, lambda b: b < r)) AS r_score,
       1 + len(list_filter(fb, lambda b: b < f)) AS f_score,
       1 + len(list_filter(mb, lambda b: b < m)) AS m_score
FROM v, br;

-- duckdb: btyd_summary | SELECT k, x, t_x, t, monetary FROM bench_res_btyd_summary_ours
WITH days AS (
  SELECT customer_id, ts::date AS day, sum(amount)::double AS v
  FROM events WHERE event_type = 'purchase' AND ts <= TIMESTAMP '2024-07-01 00:00:00'
  GROUP BY 1, 2
), firsts AS (
  SELECT customer_id, day, v, min(day) OVER (PARTITION BY customer_id) AS first_day FROM days
)
SELECT customer_id AS k, count(*) - 1 AS x,
       (max(day) - min(first_day)) / 7 AS t_x,
       (DATE '2024-07-01' - min(first_day)) / 7 AS t,
       coalesce(avg(v) FILTER (WHERE day > first_day), 0) AS monetary
FROM firsts GROUP BY customer_id;
