-- test/bench/activity.sql: rolling active users and stickiness over the local days of a zone.
-- requires: active_users stickiness active_days
-- bench: active_users | active_users, DAU/WAU/MAU per day of 2024 H1 in America/New_York | parallel
-- bench: stickiness | stickiness, customers by active days per ISO week in America/New_York | parallel
-- bench: active_days | active_days per customer and ISO week in America/New_York
--
-- active_users plain SQL: the distinct (customer, local day) pairs, every day of the range
-- joined to the pairs of its trailing 28 days, count(DISTINCT customer) for the day, the last
-- 7 days and all 28. stickiness plain SQL: count(DISTINCT local day) per customer and week,
-- customers per count, zero-filled from 1 to 7. The key of a stickiness row is
-- 'week start/active days'. active_days plain SQL: count(DISTINCT local day) per customer and
-- week; the key is 'customer week start'.

CREATE VIEW bench_active_users_ours AS
SELECT u.day, u.dau, u.wau, u.mau
FROM (SELECT active_users(customer_id, ts, 'America/New_York', '2024-01-01', '2024-06-30') AS a
      FROM events) s, unnest(s.a) u;

CREATE VIEW bench_active_users_plain AS
WITH d AS (
  SELECT DISTINCT customer_id, (ts AT TIME ZONE 'America/New_York')::date AS day FROM events
)
SELECT g.day, count(DISTINCT d.customer_id) FILTER (WHERE d.day = g.day) AS dau,
       count(DISTINCT d.customer_id) FILTER (WHERE d.day > g.day - 7) AS wau,
       count(DISTINCT d.customer_id) AS mau
FROM (SELECT date '2024-01-01' + i AS day FROM generate_series(0, date '2024-06-30' - date '2024-01-01') i) g
     LEFT JOIN d ON d.day BETWEEN g.day - 27 AND g.day
GROUP BY g.day;

CREATE VIEW bench_active_users_floor AS
SELECT 1 AS k, count(*) AS n FROM events;

CREATE VIEW bench_stickiness_ours AS
SELECT b.period_start || '/' || b.active_days AS k, b.period_start, b.active_days, b.customers
FROM (SELECT stickiness(customer_id, ts, 'week', 'America/New_York', '2024-01-01', '2024-06-30') AS a
      FROM events) s, unnest(s.a) b;

CREATE VIEW bench_stickiness_plain AS
WITH per AS (
  SELECT customer_id, date_trunc('week', (ts AT TIME ZONE 'America/New_York')::date)::date AS week,
         count(DISTINCT (ts AT TIME ZONE 'America/New_York')::date) AS n
  FROM events
  WHERE (ts AT TIME ZONE 'America/New_York')::date BETWEEN '2024-01-01' AND '2024-06-30'
  GROUP BY 1, 2
), hist AS (
  SELECT week, n, count(*) AS customers FROM per GROUP BY 1, 2
)
SELECT w.week || '/' || k AS k, w.week AS period_start, k::int AS active_days,
       coalesce(h.customers, 0) AS customers
FROM (SELECT date '2024-01-01' + 7 * i AS week FROM generate_series(0, 25) i) w
     CROSS JOIN generate_series(1, 7) k
     LEFT JOIN hist h ON h.week = w.week AND h.n = k;

CREATE VIEW bench_stickiness_floor AS
SELECT 1 AS k, count(*) AS n FROM events;

CREATE VIEW bench_active_days_ours AS
SELECT customer_id || ' ' || week AS k, n
FROM (SELECT customer_id, date_trunc('week', ts, 'America/New_York') AS week,
             active_days(ts, 'America/New_York') AS n
      FROM events GROUP BY 1, 2) s;

CREATE VIEW bench_active_days_plain AS
SELECT customer_id || ' ' || week AS k, n
FROM (SELECT customer_id, date_trunc('week', ts, 'America/New_York') AS week,
             count(DISTINCT (ts AT TIME ZONE 'America/New_York')::date)::int AS n
      FROM events GROUP BY 1, 2) s;

CREATE VIEW bench_active_days_floor AS
SELECT customer_id || ' ' || week AS k, n
FROM (SELECT customer_id, date_trunc('week', ts, 'America/New_York') AS week, count(*) AS n
      FROM events GROUP BY 1, 2) s;
