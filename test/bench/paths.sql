-- test/bench/paths.sql: what each customer did next, and the paths around an event.
-- requires: sequence_next_node sequence_match_events event_path sequence_match
-- bench: pmatch | sequence_match (?1).*(?2), same rows as snn (the 1.5x yardstick)
-- bench: snn | sequence_next_node after the first cart | parallel
-- bench: sme | sequence_match_events (?1).*(?2).*(?3)
-- bench: pth | event_path forward 4 from the first cart | parallel
--
-- Every aggregate reads all of a customer's events (sequence_next_node and event_path keep
-- every row as a node; sequence_match keeps the rows matching a condition), so pmatch and
-- snn are the same rows, grouped the same way: sequence_next_node should stay within 1.5x of
-- sequence_match.
--
-- snn, the event right after the first add_to_cart: nodes are ordered by (ts, event_type in
-- byte order), so plain SQL numbers the rows in that order and takes the row after the
-- first cart's (lead() would need the first cart's row first).
--
-- sme, page_view -> add_to_cart -> purchase with anything between: the search starts at the
-- first page view, takes the first cart at or after it (a cart in the same second comes
-- after a page view: conditions order ties), then the first purchase at or after that;
-- when one is missing no later start can do better, so the answer is the prefix found.
--
-- pth, the first cart and the next 4 distinct event types: runs of one event type count
-- once, so plain SQL keeps the rows from the first cart on whose type differs from the
-- previous row's, and takes the first 5.

CREATE VIEW bench_pmatch_ours AS
SELECT customer_id AS k,
       sequence_match('(?1).*(?2)', ts, event_type = 'add_to_cart', event_type = 'checkout') AS m
FROM events GROUP BY customer_id;

CREATE VIEW bench_pmatch_floor AS
SELECT customer_id AS k, count(*) AS n FROM events GROUP BY customer_id;

CREATE VIEW bench_snn_ours AS
SELECT customer_id AS k,
       sequence_next_node('forward', 'first_match', ts, event_type, true,
                          event_type = 'add_to_cart') AS next_event
FROM events GROUP BY customer_id;

-- the plain queries of snn and pth: rows numbered in node order, and each customer's first cart
CREATE VIEW bench_paths_nodes AS
SELECT customer_id, event_type,
       row_number() OVER (PARTITION BY customer_id ORDER BY ts, event_type COLLATE "C") AS rn
FROM events;

CREATE VIEW bench_paths_first_cart AS
SELECT customer_id, min(rn) AS rn FROM bench_paths_nodes WHERE event_type = 'add_to_cart' GROUP BY customer_id;

CREATE VIEW bench_snn_plain AS
WITH o AS (SELECT * FROM bench_paths_nodes), fc AS (SELECT * FROM bench_paths_first_cart)
SELECT c.customer_id AS k, nx.event_type AS next_event
FROM (SELECT DISTINCT customer_id FROM events) c
LEFT JOIN fc USING (customer_id)
LEFT JOIN o nx ON nx.customer_id = c.customer_id AND nx.rn = fc.rn + 1;

CREATE VIEW bench_snn_floor AS
SELECT customer_id AS k, count(*) AS n FROM events GROUP BY customer_id;

CREATE VIEW bench_sme_ours AS
SELECT customer_id AS k,
       sequence_match_events('(?1).*(?2).*(?3)', ts, event_type = 'page_view',
                             event_type = 'add_to_cart', event_type = 'purchase') AS chain
FROM events GROUP BY customer_id;

CREATE VIEW bench_sme_plain AS
WITH t1 AS (
  SELECT customer_id, min(ts) FILTER (WHERE event_type = 'page_view') AS t1
  FROM events GROUP BY customer_id
), t2 AS (
  SELECT t1.customer_id, t1.t1, min(e.ts) AS t2
  FROM t1 LEFT JOIN events e ON e.customer_id = t1.customer_id AND e.event_type = 'add_to_cart' AND e.ts >= t1.t1
  GROUP BY t1.customer_id, t1.t1
), t3 AS (
  SELECT t2.customer_id, t2.t1, t2.t2, min(e.ts) AS t3
  FROM t2 LEFT JOIN events e ON e.customer_id = t2.customer_id AND e.event_type = 'purchase' AND e.ts >= t2.t2
  GROUP BY t2.customer_id, t2.t1, t2.t2
)
SELECT customer_id AS k,
       CASE WHEN t1 IS NULL THEN '{}'::timestamptz[]
            WHEN t2 IS NULL THEN ARRAY[t1]
            WHEN t3 IS NULL THEN ARRAY[t1, t2]
            ELSE ARRAY[t1, t2, t3] END AS chain
FROM t3;

CREATE VIEW bench_sme_floor AS
SELECT customer_id AS k, count(*) AS n FROM events GROUP BY customer_id;

CREATE VIEW bench_pth_ours AS
SELECT customer_id AS k,
       event_path('forward', 4, ts, event_type, event_type = 'add_to_cart') AS path
FROM events GROUP BY customer_id;

CREATE VIEW bench_pth_plain AS
WITH o AS (SELECT * FROM bench_paths_nodes), fc AS (SELECT * FROM bench_paths_first_cart), runs AS (
  SELECT customer_id, event_type, rn, row_number() OVER (PARTITION BY customer_id ORDER BY rn) AS k
  FROM (SELECT o.*, o.event_type IS DISTINCT FROM
                      lag(o.event_type) OVER (PARTITION BY o.customer_id ORDER BY o.rn) AS starts
        FROM o JOIN fc ON fc.customer_id = o.customer_id AND o.rn >= fc.rn) s
  WHERE starts
)
SELECT c.customer_id AS k, p.path
FROM (SELECT DISTINCT customer_id FROM events) c
LEFT JOIN (SELECT customer_id, array_agg(event_type ORDER BY rn) AS path
           FROM runs WHERE k <= 5 GROUP BY customer_id) p USING (customer_id);

CREATE VIEW bench_pth_floor AS
SELECT customer_id AS k, count(*) AS n FROM events GROUP BY customer_id;
