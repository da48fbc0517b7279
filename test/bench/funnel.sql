-- test/bench/funnel.sql: how far down a funnel each customer got, 3 and 5 steps.
-- requires: window_funnel
-- bench: funnel3 | window_funnel, 3 steps | parallel partitioned
-- bench: funnel5 | window_funnel, 5 steps
--
-- Plain SQL (default mode): the level is the longest chain t1 <= t2 <= ... <= tk of step-i
-- events with tk - t1 <= window, and extending each step-1 event by the earliest possible
-- next step is optimal. next_k(t), the earliest step-k event at or after t, is a running
-- min(ts) FILTER (step k) over the customer's events in descending time order; the chain from
-- a step-1 event at t reaches step k at next_k(next_k-1(...next_2(t))), and since every next
-- is non-decreasing, that is one more running min per step, each a window over the same
-- ordering (one sort). Every event type here matches at most one step.
--
-- 3 steps within a day: page_view -> add_to_cart -> purchase.
-- 5 steps within 7 days: message_opened -> message_clicked -> page_view -> add_to_cart -> purchase.

CREATE VIEW bench_funnel3_ours AS
SELECT customer_id AS k,
       window_funnel(interval '1 day', ts, event_type = 'page_view', event_type = 'add_to_cart',
                     event_type = 'purchase') AS level
FROM events GROUP BY customer_id;

CREATE VIEW bench_funnel3_plain AS
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
       coalesce(max(CASE WHEN c3 <= ts + interval '1 day' THEN 3
                         WHEN c2 <= ts + interval '1 day' THEN 2
                         ELSE 1 END) FILTER (WHERE event_type = 'page_view'), 0) AS level
FROM c2 GROUP BY customer_id;

CREATE VIEW bench_funnel3_floor AS
SELECT customer_id AS k, count(*) AS n FROM events GROUP BY customer_id;
CREATE VIEW bench_funnel3_args AS
SELECT customer_id AS k, max(ts) AS ts, bool_or(event_type = 'page_view') AS c1, bool_or(event_type = 'add_to_cart') AS c2,
       bool_or(event_type = 'purchase') AS c3
FROM events GROUP BY customer_id;

CREATE VIEW bench_funnel5_ours AS
SELECT customer_id AS k,
       window_funnel(interval '7 days', ts, event_type = 'message_opened',
                     event_type = 'message_clicked', event_type = 'page_view',
                     event_type = 'add_to_cart', event_type = 'purchase') AS level
FROM events GROUP BY customer_id;

CREATE VIEW bench_funnel5_plain AS
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
       coalesce(max(CASE WHEN c5 <= ts + interval '7 days' THEN 5
                         WHEN c4 <= ts + interval '7 days' THEN 4
                         WHEN c3 <= ts + interval '7 days' THEN 3
                         WHEN c2 <= ts + interval '7 days' THEN 2
                         ELSE 1 END) FILTER (WHERE event_type = 'message_opened'), 0) AS level
FROM c2 GROUP BY customer_id;

CREATE VIEW bench_funnel5_floor AS
SELECT customer_id AS k, count(*) AS n FROM events GROUP BY customer_id;
CREATE VIEW bench_funnel5_args AS
SELECT customer_id AS k, max(ts) AS ts, bool_or(event_type = 'message_opened') AS c1, bool_or(event_type = 'message_clicked') AS c2,
       bool_or(event_type = 'page_view') AS c3, bool_or(event_type = 'add_to_cart') AS c4,
       bool_or(event_type = 'purchase') AS c5
FROM events GROUP BY customer_id;

-- strict_order: after the first step-1 event, a row matching no step, or a step whose
-- predecessor was never reached, ends the scan. Plain SQL replays the scan with running
-- windows over (ts, step), rows matching no step first at equal timestamps: stK is the start
-- of the chain in slot K (a running max, as slot starts only move later), okK marks a step-K
-- row that extends slot K-1 within the window, brk the rows that end the scan; the level is
-- the best step reached before the first break.
-- bench: funnel3s | window_funnel strict_order, 3 steps
-- bench: funnel5s | window_funnel strict_order, 5 steps

CREATE VIEW bench_funnel3s_ours AS
SELECT customer_id AS k,
       window_funnel(interval '1 day', 'strict_order', ts, event_type = 'page_view',
                     event_type = 'add_to_cart', event_type = 'purchase') AS level
FROM events GROUP BY customer_id;

CREATE VIEW bench_funnel3s_plain AS
WITH e AS (
  SELECT customer_id, ts,
         CASE event_type WHEN 'page_view' THEN 1 WHEN 'add_to_cart' THEN 2
                         WHEN 'purchase' THEN 3 ELSE 0 END AS step
  FROM events
), s1 AS (
  SELECT *, max(ts) FILTER (WHERE step = 1) OVER w AS st1
  FROM e WINDOW w AS (PARTITION BY customer_id ORDER BY ts, step ROWS UNBOUNDED PRECEDING)
), s2 AS (
  SELECT *, step = 2 AND ts <= st1 + interval '1 day' AS ok2,
         max(st1) FILTER (WHERE step = 2 AND ts <= st1 + interval '1 day') OVER w AS st2
  FROM s1 WINDOW w AS (PARTITION BY customer_id ORDER BY ts, step ROWS UNBOUNDED PRECEDING)
), s3 AS (
  SELECT *, step = 3 AND ts <= st2 + interval '1 day' AS ok3,
         bool_or(st1 IS NOT NULL AND (step = 0 OR (step = 3 AND st2 IS NULL))) OVER w AS broken
  FROM s2 WINDOW w AS (PARTITION BY customer_id ORDER BY ts, step ROWS UNBOUNDED PRECEDING)
)
SELECT customer_id AS k,
       coalesce(max(CASE WHEN ok3 THEN 3 WHEN ok2 THEN 2 WHEN step = 1 THEN 1 END)
                  FILTER (WHERE NOT broken), 0) AS level
FROM s3 GROUP BY customer_id;

CREATE VIEW bench_funnel3s_floor AS
SELECT customer_id AS k, count(*) AS n FROM events GROUP BY customer_id;
CREATE VIEW bench_funnel3s_args AS
SELECT customer_id AS k, max(ts) AS ts, bool_or(event_type = 'page_view') AS c1, bool_or(event_type = 'add_to_cart') AS c2,
       bool_or(event_type = 'purchase') AS c3
FROM events GROUP BY customer_id;

CREATE VIEW bench_funnel5s_ours AS
SELECT customer_id AS k,
       window_funnel(interval '7 days', 'strict_order', ts, event_type = 'message_opened',
                     event_type = 'message_clicked', event_type = 'page_view',
                     event_type = 'add_to_cart', event_type = 'purchase') AS level
FROM events GROUP BY customer_id;

CREATE VIEW bench_funnel5s_plain AS
WITH e AS (
  SELECT customer_id, ts,
         CASE event_type WHEN 'message_opened' THEN 1 WHEN 'message_clicked' THEN 2
                         WHEN 'page_view' THEN 3 WHEN 'add_to_cart' THEN 4
                         WHEN 'purchase' THEN 5 ELSE 0 END AS step
  FROM events
), s1 AS (
  SELECT *, max(ts) FILTER (WHERE step = 1) OVER w AS st1
  FROM e WINDOW w AS (PARTITION BY customer_id ORDER BY ts, step ROWS UNBOUNDED PRECEDING)
), s2 AS (
  SELECT *, step = 2 AND ts <= st1 + interval '7 days' AS ok2,
         max(st1) FILTER (WHERE step = 2 AND ts <= st1 + interval '7 days') OVER w AS st2
  FROM s1 WINDOW w AS (PARTITION BY customer_id ORDER BY ts, step ROWS UNBOUNDED PRECEDING)
), s3 AS (
  SELECT *, step = 3 AND ts <= st2 + interval '7 days' AS ok3,
         max(st2) FILTER (WHERE step = 3 AND ts <= st2 + interval '7 days') OVER w AS st3
  FROM s2 WINDOW w AS (PARTITION BY customer_id ORDER BY ts, step ROWS UNBOUNDED PRECEDING)
), s4 AS (
  SELECT *, step = 4 AND ts <= st3 + interval '7 days' AS ok4,
         max(st3) FILTER (WHERE step = 4 AND ts <= st3 + interval '7 days') OVER w AS st4
  FROM s3 WINDOW w AS (PARTITION BY customer_id ORDER BY ts, step ROWS UNBOUNDED PRECEDING)
), s5 AS (
  SELECT *, step = 5 AND ts <= st4 + interval '7 days' AS ok5,
         bool_or(st1 IS NOT NULL AND (step = 0 OR (step = 3 AND st2 IS NULL)
                 OR (step = 4 AND st3 IS NULL) OR (step = 5 AND st4 IS NULL))) OVER w AS broken
  FROM s4 WINDOW w AS (PARTITION BY customer_id ORDER BY ts, step ROWS UNBOUNDED PRECEDING)
)
SELECT customer_id AS k,
       coalesce(max(CASE WHEN ok5 THEN 5 WHEN ok4 THEN 4 WHEN ok3 THEN 3 WHEN ok2 THEN 2
                         WHEN step = 1 THEN 1 END) FILTER (WHERE NOT broken), 0) AS level
FROM s5 GROUP BY customer_id;

CREATE VIEW bench_funnel5s_floor AS
SELECT customer_id AS k, count(*) AS n FROM events GROUP BY customer_id;
CREATE VIEW bench_funnel5s_args AS
SELECT customer_id AS k, max(ts) AS ts, bool_or(event_type = 'message_opened') AS c1, bool_or(event_type = 'message_clicked') AS c2,
       bool_or(event_type = 'page_view') AS c3, bool_or(event_type = 'add_to_cart') AS c4,
       bool_or(event_type = 'purchase') AS c5
FROM events GROUP BY customer_id;
