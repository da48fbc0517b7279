-- test/bench/funnel.sql: how far down a funnel each customer got, 3 and 5 steps.
-- requires: window_funnel
-- bench: funnel3 | window_funnel, 3 steps | parallel
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
