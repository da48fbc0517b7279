-- test/bench/cohort.sql: cohort retention by first purchase and Kaplan-Meier survival.
-- requires: cohort_agg cohort_retention cohort_churn kaplan_meier
-- bench: cohort_weekly | cohort_agg + cohort_retention, 12 weeks in America/New_York | parallel
-- bench: cohort_survival | cohort_churn + kaplan_meier, monthly in America/New_York
--
-- The cohort of a customer is the local week (America/New_York) of its first purchase;
-- period k is 1 when it bought again k weeks later, 0 when not, -1 while week k has not
-- fully elapsed at as_of (2024-06-30 12:00 UTC).  The plain SQL: each customer's distinct
-- purchase weeks in the zone, the first of them, week differences of the local dates.
-- Survival: churned after 2 complete months without a purchase; Kaplan-Meier over all
-- customers; the plain SQL computes the same lifetimes and the product-limit formula.

CREATE VIEW bench_cohort_weekly_ours AS
SELECT customer_id AS k,
       (SELECT array_agg(coalesce(r.returned::int, -1) ORDER BY r.period)
        FROM cohort_retention(a, 12) r) AS cells
FROM (SELECT customer_id,
             cohort_agg(ts, event_type = 'purchase', event_type = 'purchase', 'week',
                        timestamptz '2024-06-30 12:00+00', 'America/New_York') AS a
      FROM events WHERE event_type = 'purchase' GROUP BY customer_id) s
WHERE a IS NOT NULL;

CREATE VIEW bench_cohort_weekly_plain AS
WITH w AS (
  SELECT DISTINCT customer_id, (date_trunc('week', ts, 'America/New_York') AT TIME ZONE 'America/New_York')::date AS wk
  FROM events WHERE event_type = 'purchase' AND ts <= timestamptz '2024-06-30 12:00+00'
), c AS (
  SELECT customer_id, min(wk) AS c0 FROM w GROUP BY customer_id
), asof AS (
  SELECT (date_trunc('week', timestamptz '2024-06-30 12:00+00', 'America/New_York')
          AT TIME ZONE 'America/New_York')::date AS wk
)
SELECT c.customer_id AS k,
       array_agg(CASE WHEN c.c0 + 7 * i >= asof.wk THEN -1 WHEN w.wk IS NOT NULL THEN 1 ELSE 0 END
                 ORDER BY i) AS cells
FROM c CROSS JOIN generate_series(0, 11) i CROSS JOIN asof
     LEFT JOIN w ON w.customer_id = c.customer_id AND w.wk = c.c0 + 7 * i
GROUP BY c.customer_id;

CREATE VIEW bench_cohort_weekly_floor AS
SELECT customer_id AS k, count(*) AS n FROM events WHERE event_type = 'purchase' GROUP BY customer_id;

CREATE VIEW bench_cohort_survival_ours AS
SELECT (p).period AS k, (p).at_risk, (p).churned, (p).censored, (p).survival
FROM (SELECT unnest(kaplan_meier((l).duration, (l).churned)) AS p
      FROM (SELECT cohort_churn(cohort_agg(ts, event_type = 'purchase', event_type = 'purchase', 'month',
                                           timestamptz '2024-06-30 12:00+00', 'America/New_York'), 2) AS l
            FROM events WHERE event_type = 'purchase' GROUP BY customer_id) s
      WHERE l IS NOT NULL) t;

CREATE VIEW bench_cohort_survival_plain AS
WITH m AS (
  SELECT DISTINCT customer_id, date_trunc('month', ts AT TIME ZONE 'America/New_York') AS mo
  FROM events WHERE event_type = 'purchase' AND ts <= timestamptz '2024-06-30 12:00+00'
), per AS (
  SELECT customer_id,
         (extract(year FROM max(mo)) * 12 + extract(month FROM max(mo)))
           - (extract(year FROM min(mo)) * 12 + extract(month FROM min(mo))) AS last_k,
         (2024 * 12 + 6) - (extract(year FROM min(mo)) * 12 + extract(month FROM min(mo))) AS a
  FROM m GROUP BY customer_id
), l AS (
  SELECT CASE WHEN a - last_k - 1 >= 2 THEN last_k + 1 ELSE a END::int AS duration,
         a - last_k - 1 >= 2 AS churned
  FROM per
), t AS (
  SELECT generate_series(0, max(duration)) AS t FROM l
), pts AS (
  SELECT t.t, count(*) FILTER (WHERE l.duration >= t.t) AS n,
         count(*) FILTER (WHERE l.duration = t.t AND l.churned) AS d,
         count(*) FILTER (WHERE l.duration = t.t AND NOT l.churned) AS c
  FROM t CROSS JOIN l GROUP BY t.t
)
SELECT t AS k, n AS at_risk, d AS churned, c AS censored,
       CASE WHEN bool_or(d = n) OVER w THEN 0
            ELSE exp(sum(ln(greatest(1 - d::float8 / n, 1e-300))) OVER w) END AS survival
FROM pts WINDOW w AS (ORDER BY t);

CREATE VIEW bench_cohort_survival_floor AS
SELECT customer_id AS k, count(*) AS n FROM events WHERE event_type = 'purchase' GROUP BY customer_id;
