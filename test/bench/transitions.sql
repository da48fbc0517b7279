-- test/bench/transitions.sql: every change of stage per customer, with dwell times.
-- requires: stage_transitions
-- bench: transitions | stage_transitions | parallel partitioned
-- bench: transitions_dormant | stage_transitions, 30-day dormancy
--
-- The stage of an event is its event_type. Both sides return each customer's whole array of
-- stage_transition (from_stage, to_stage, at, dwell), compared element by element.
--
-- Plain SQL: lag(stage) over (customer, ts, stage COLLATE "C") marks the rows whose stage
-- differs from the previous row's (the first row is the entry, from_stage NULL); over those
-- change rows, in the same order, ts - lag(ts) is the dwell of the stage left (it was entered
-- at the previous change). With dormancy, a gap longer than 30 days between consecutive rows
-- first adds a row with stage 'dormant' at the earlier row's ts + 30 days (found with
-- lead(ts) in the same window), then the same two steps run over events and added rows.

CREATE VIEW bench_transitions_ours AS
SELECT customer_id AS k, stage_transitions(ts, event_type) AS t
FROM events GROUP BY customer_id;

CREATE VIEW bench_transitions_plain AS
WITH c AS (
  SELECT customer_id, ts, event_type AS stage, lag(event_type) OVER w AS prev
  FROM events
  WINDOW w AS (PARTITION BY customer_id ORDER BY ts, event_type COLLATE "C")
), t AS (
  SELECT customer_id, ts, stage, prev, ts - lag(ts) OVER w AS dwell
  FROM c
  WHERE prev IS DISTINCT FROM stage
  WINDOW w AS (PARTITION BY customer_id ORDER BY ts, stage COLLATE "C")
)
SELECT customer_id AS k,
       array_agg(ROW(prev, stage, ts, dwell)::stage_transition ORDER BY ts, stage COLLATE "C") AS t
FROM t GROUP BY customer_id;

CREATE VIEW bench_transitions_floor AS
SELECT customer_id AS k, count(*) AS n FROM events GROUP BY customer_id;
CREATE VIEW bench_transitions_args AS
SELECT customer_id AS k, max(ts) AS ts, max(event_type) AS stage
FROM events GROUP BY customer_id;

CREATE VIEW bench_transitions_dormant_ours AS
SELECT customer_id AS k, stage_transitions(ts, event_type, interval '30 days') AS t
FROM events GROUP BY customer_id;

CREATE VIEW bench_transitions_dormant_plain AS
WITH n AS (
  SELECT customer_id, ts, event_type AS stage, lead(ts) OVER w AS next_ts
  FROM events
  WINDOW w AS (PARTITION BY customer_id ORDER BY ts, event_type COLLATE "C")
), r AS (
  SELECT customer_id, ts, stage FROM n
  UNION ALL
  SELECT customer_id, ts + interval '30 days', 'dormant' FROM n
  WHERE next_ts - ts > interval '30 days'
), c AS (
  SELECT customer_id, ts, stage, lag(stage) OVER w AS prev
  FROM r
  WINDOW w AS (PARTITION BY customer_id ORDER BY ts, stage COLLATE "C")
), t AS (
  SELECT customer_id, ts, stage, prev, ts - lag(ts) OVER w AS dwell
  FROM c
  WHERE prev IS DISTINCT FROM stage
  WINDOW w AS (PARTITION BY customer_id ORDER BY ts, stage COLLATE "C")
)
SELECT customer_id AS k,
       array_agg(ROW(prev, stage, ts, dwell)::stage_transition ORDER BY ts, stage COLLATE "C") AS t
FROM t GROUP BY customer_id;

CREATE VIEW bench_transitions_dormant_floor AS
SELECT customer_id AS k, count(*) AS n FROM events GROUP BY customer_id;
CREATE VIEW bench_transitions_dormant_args AS
SELECT customer_id AS k, max(ts) AS ts, max(event_type) AS stage
FROM events GROUP BY customer_id;
