-- test/bench/btyd.sql: the customer-lifetime-value pipeline on every buyer's purchases up to
-- 2024-07-01, in weeks: the per-customer (x, t_x, t, monetary) summary, then the BG/NBD and
-- Gamma-Gamma fits over those summaries.
-- requires: btyd_summary bgnbd_fit gamma_gamma_fit
-- bench: btyd_summary | btyd_summary (CLV summary per customer) | parallel
-- bench: btyd_summary_calendar | btyd_summary, local days in America/New_York | parallel
-- bench: bgnbd_fit | BG/NBD fit over the summaries | fit
-- bench: gg_fit | Gamma-Gamma fit over the summaries | fit
--
-- Plain SQL for the summary (CDNOW conventions, README "btyd"): purchases summed per UTC
-- day; x = days - 1; t_x and t from the first day's UTC midnight, in weeks; monetary = mean
-- of the repeat days (first day excluded), 0 when x = 0.
-- The fits have no plain-SQL counterpart (a maximum-likelihood fit needs lgamma, which
-- PostgreSQL 15 lacks, and an optimiser loop): today they mean exporting the summaries to
-- Python or R. Their floor is count(*) over the same summary rows, so the ratio to the floor
-- is what one fit costs over reading its input. Each fit's bench_NAME_distinct counts the
-- distinct rows it optimises over (identical summaries collapse into one weighted row), for
-- the cost per distinct summary per optimiser iteration (test/bench/README.md, "fit").

CREATE VIEW bench_btyd_summary_ours AS
SELECT k, (s).x, (s).t_x, (s).t, (s).monetary
FROM (SELECT customer_id AS k,
             btyd_summary(ts, amount, timestamptz '2024-07-01 00:00+00', interval '7 days') AS s
      FROM events WHERE event_type = 'purchase' AND ts <= timestamptz '2024-07-01 00:00+00'
      GROUP BY customer_id) q;

CREATE VIEW bench_btyd_summary_plain AS
WITH days AS (
  SELECT customer_id, (ts AT TIME ZONE 'UTC')::date AS day, sum(amount)::float8 AS v
  FROM events WHERE event_type = 'purchase' AND ts <= timestamptz '2024-07-01 00:00+00'
  GROUP BY 1, 2
), firsts AS (
  SELECT customer_id, day, v, min(day) OVER (PARTITION BY customer_id) AS first_day FROM days
)
SELECT customer_id AS k, (count(*) - 1)::integer AS x,
       (max(day) - min(first_day))::float8 / 7 AS t_x,
       (date '2024-07-01' - min(first_day))::float8 / 7 AS t,
       coalesce(avg(v) FILTER (WHERE day > first_day), 0) AS monetary
FROM firsts GROUP BY customer_id;

CREATE VIEW bench_btyd_summary_floor AS
SELECT customer_id AS k, count(*) AS n
FROM events WHERE event_type = 'purchase' AND ts <= timestamptz '2024-07-01 00:00+00' GROUP BY customer_id;

-- the calendar form (1.1): purchase days are local days of America/New_York, t_x and t
-- from their local midnights
CREATE VIEW bench_btyd_summary_calendar_ours AS
SELECT k, (s).x, (s).t_x, (s).t, (s).monetary
FROM (SELECT customer_id AS k,
             btyd_summary(ts, amount, timestamptz '2024-07-01 00:00+00', interval '7 days',
                          'America/New_York') AS s
      FROM events WHERE event_type = 'purchase' AND ts <= timestamptz '2024-07-01 00:00+00'
      GROUP BY customer_id) q;

CREATE VIEW bench_btyd_summary_calendar_plain AS
WITH days AS (
  SELECT customer_id, date_trunc('day', ts, 'America/New_York') AS day, sum(amount)::float8 AS v
  FROM events WHERE event_type = 'purchase' AND ts <= timestamptz '2024-07-01 00:00+00'
  GROUP BY 1, 2
), firsts AS (
  SELECT customer_id, day, v, min(day) OVER (PARTITION BY customer_id) AS first_day FROM days
)
SELECT customer_id AS k, (count(*) - 1)::integer AS x,
       extract(epoch FROM max(day) - min(first_day))::float8 / (7 * 86400) AS t_x,
       extract(epoch FROM timestamptz '2024-07-01 00:00+00' - min(first_day))::float8 / (7 * 86400) AS t,
       coalesce(avg(v) FILTER (WHERE day > first_day), 0) AS monetary
FROM firsts GROUP BY customer_id;

CREATE VIEW bench_btyd_summary_calendar_floor AS
SELECT customer_id AS k, count(*) AS n
FROM events WHERE event_type = 'purchase' AND ts <= timestamptz '2024-07-01 00:00+00' GROUP BY customer_id;

-- the fits' input, built once (the summaries of every buyer)
CREATE UNLOGGED TABLE bench_btyd_customers AS SELECT * FROM bench_btyd_summary_ours;
ANALYZE bench_btyd_customers;

CREATE VIEW bench_bgnbd_fit_ours AS
SELECT 1 AS k, (m).r, (m).alpha, (m).a, (m).b, (m).ll, (m).n, (m).iterations
FROM (SELECT bgnbd_fit(x, t_x, t) AS m FROM bench_btyd_customers) q;

CREATE VIEW bench_bgnbd_fit_distinct AS
SELECT count(*) AS n FROM (SELECT DISTINCT x, t_x, t FROM bench_btyd_customers) d;

CREATE VIEW bench_bgnbd_fit_floor AS
SELECT 1 AS k, count(*) AS n FROM bench_btyd_customers;

CREATE VIEW bench_gg_fit_ours AS
SELECT 1 AS k, (g).p, (g).q, (g).gamma, (g).ll, (g).n, (g).iterations
FROM (SELECT gamma_gamma_fit(x, monetary) AS g FROM bench_btyd_customers) q;

-- Gamma-Gamma learns from the repeat buyers only
CREATE VIEW bench_gg_fit_distinct AS
SELECT count(*) AS n FROM (SELECT DISTINCT x, monetary FROM bench_btyd_customers WHERE x > 0 AND monetary IS NOT NULL) d;

CREATE VIEW bench_gg_fit_floor AS
SELECT 1 AS k, count(*) AS n FROM bench_btyd_customers;
