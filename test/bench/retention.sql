-- test/bench/retention.sql: ClickHouse-style retention and PostHog weekly lifecycle per customer.
-- requires: retention lifecycle
-- bench: retention | retention, 3 conditions | parallel partitioned
-- bench: lifecycle | lifecycle, weekly
-- bench: lifecycle_calendar | lifecycle, calendar weeks in America/New_York | parallel
-- bench: retention_periods | retention_periods, 200 days from signup
-- bench: retention_periods_calendar | retention_periods, 200 calendar days in America/New_York
--
-- retention plain SQL: bool_or per condition, each element ANDed with the first.
-- lifecycle plain SQL: the distinct active UTC weeks (date_bin from Monday 2000-01-03) with
-- lag/lead: the first is new, one right after an active week is returning, any other is
-- resurrecting; the week after an active week that is not followed by activity is dormant
-- (when it is not after as_of's week).

CREATE VIEW bench_retention_ours AS
SELECT customer_id AS k,
       retention(event_type = 'page_view', event_type = 'purchase',
                 event_type = 'message_clicked') AS r
FROM events GROUP BY customer_id;

CREATE VIEW bench_retention_plain AS
SELECT customer_id AS k,
       ARRAY[bool_or(event_type = 'page_view')::int,
             (bool_or(event_type = 'page_view') AND bool_or(event_type = 'purchase'))::int,
             (bool_or(event_type = 'page_view') AND bool_or(event_type = 'message_clicked'))::int] AS r
FROM events GROUP BY customer_id;

CREATE VIEW bench_retention_floor AS
SELECT customer_id AS k, count(*) AS n FROM events GROUP BY customer_id;
CREATE VIEW bench_retention_args AS
SELECT customer_id AS k, bool_or(event_type = 'page_view') AS c1,
       bool_or(event_type = 'purchase') AS c2, bool_or(event_type = 'message_clicked') AS c3
FROM events GROUP BY customer_id;

CREATE VIEW bench_lifecycle_ours AS
SELECT customer_id AS k, lifecycle(ts, interval '1 week', timestamptz '2024-06-30 23:59:59+00') AS l
FROM events GROUP BY customer_id;

CREATE VIEW bench_lifecycle_plain AS
WITH w AS (
  SELECT DISTINCT customer_id, date_bin('1 week', ts, timestamptz '2000-01-03 00:00+00') AS wk
  FROM events WHERE ts <= timestamptz '2024-06-30 23:59:59+00'
), l AS (
  SELECT customer_id, wk, lag(wk) OVER p AS prev, lead(wk) OVER p AS next
  FROM w WINDOW p AS (PARTITION BY customer_id ORDER BY wk)
), s AS (
  SELECT customer_id, wk AS period_start,
         CASE WHEN prev IS NULL THEN 'new'
              WHEN prev = wk - interval '7 days' THEN 'returning'
              ELSE 'resurrecting' END AS status
  FROM l
  UNION ALL
  SELECT customer_id, wk + interval '7 days', 'dormant'
  FROM l
  WHERE (next IS NULL OR next > wk + interval '7 days')
    AND wk + interval '7 days' <= date_bin('1 week', timestamptz '2024-06-30 23:59:59+00',
                                           timestamptz '2000-01-03 00:00+00')
)
SELECT customer_id AS k,
       array_agg(ROW(period_start, status)::lifecycle_period ORDER BY period_start) AS l
FROM s GROUP BY customer_id;

CREATE VIEW bench_lifecycle_floor AS
SELECT customer_id AS k, count(*) AS n FROM events GROUP BY customer_id;
CREATE VIEW bench_lifecycle_args AS
SELECT customer_id AS k, max(ts) AS ts
FROM events GROUP BY customer_id;

-- calendar forms (1.1): lifecycle in local ISO weeks of America/New_York, the plain SQL as
-- above with date_trunc('week', ts, zone) and the next week's start read back in the zone
CREATE VIEW bench_lifecycle_calendar_ours AS
SELECT customer_id AS k,
       lifecycle(ts, 'week', timestamptz '2024-06-30 23:59:59+00', 'America/New_York') AS l
FROM events GROUP BY customer_id;

CREATE VIEW bench_lifecycle_calendar_plain AS
WITH w AS (
  SELECT DISTINCT customer_id, date_trunc('week', ts, 'America/New_York') AS wk
  FROM events WHERE ts <= timestamptz '2024-06-30 23:59:59+00'
), n AS (
  SELECT customer_id, wk,
         ((wk AT TIME ZONE 'America/New_York') + interval '7 days') AT TIME ZONE 'America/New_York' AS nx
  FROM w
), l AS (
  SELECT customer_id, wk, nx, lag(nx) OVER p AS prev_nx, lead(wk) OVER p AS next
  FROM n WINDOW p AS (PARTITION BY customer_id ORDER BY wk)
), s AS (
  SELECT customer_id, wk AS period_start,
         CASE WHEN prev_nx IS NULL THEN 'new' WHEN prev_nx = wk THEN 'returning'
              ELSE 'resurrecting' END AS status
  FROM l
  UNION ALL
  SELECT customer_id, nx, 'dormant'
  FROM l
  WHERE (next IS NULL OR next > nx)
    AND nx <= date_trunc('week', timestamptz '2024-06-30 23:59:59+00', 'America/New_York')
)
SELECT customer_id AS k,
       array_agg(ROW(period_start, status)::lifecycle_period ORDER BY period_start) AS l
FROM s GROUP BY customer_id;

CREATE VIEW bench_lifecycle_calendar_floor AS
SELECT customer_id AS k, count(*) AS n FROM events GROUP BY customer_id;

-- retention_periods from signup: fixed 1-day periods and calendar days in America/New_York
-- (no plain SQL: the point is the calendar form's cost over the fixed one)
CREATE VIEW bench_retention_periods_ours AS
SELECT e.customer_id AS k, retention_periods(c.signup_at, e.ts, interval '1 day', 200) AS r
FROM events e JOIN customers c USING (customer_id) GROUP BY e.customer_id;

CREATE VIEW bench_retention_periods_floor AS
SELECT e.customer_id AS k, count(*) AS n
FROM events e JOIN customers c USING (customer_id) GROUP BY e.customer_id;

CREATE VIEW bench_retention_periods_calendar_ours AS
SELECT e.customer_id AS k, retention_periods(c.signup_at, e.ts, 'day', 200, 'America/New_York') AS r
FROM events e JOIN customers c USING (customer_id) GROUP BY e.customer_id;

CREATE VIEW bench_retention_periods_calendar_floor AS
SELECT e.customer_id AS k, count(*) AS n
FROM events e JOIN customers c USING (customer_id) GROUP BY e.customer_id;
