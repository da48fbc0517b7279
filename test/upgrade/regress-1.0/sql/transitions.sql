-- stage_transitions: hand-checked cases, a plain-SQL reference (lag() over ts, stage),
-- input order, serial = parallel = partitionwise, bad input
SET timezone = 'UTC';
SET datestyle = 'ISO, YMD';
SET intervalstyle = 'postgres';

-- basic: entry, three changes; a repeated stage is no transition
-- expected by hand: (NULL, lead, 00:00, NULL), (lead, trial, 03:00, 3 h),
-- (trial, customer, day 2 00:00, 21 h), (customer, trial, day 3 00:00, 1 day)
SELECT t.* FROM (
  SELECT stage_transitions(ts, stage) AS st FROM (VALUES
    (timestamptz '2024-01-01 00:00+00', 'lead'),
    (timestamptz '2024-01-01 01:00+00', 'lead'),
    (timestamptz '2024-01-01 03:00+00', 'trial'),
    (timestamptz '2024-01-02 00:00+00', 'customer'),
    (timestamptz '2024-01-03 00:00+00', 'trial')) v(ts, stage)) s,
  unnest(s.st) WITH ORDINALITY t
ORDER BY t.ordinality;

-- the composite type has exactly these fields
SELECT attname, format_type(atttypid, atttypmod) AS type FROM pg_attribute
WHERE attrelid = 'stage_transition'::regclass AND attnum > 0 ORDER BY attnum;

-- ties: rows at the same timestamp are taken in stage byte order (COLLATE "C"), in
-- whatever order they arrive.  c@00:00, then a and b at 01:00: c -> a (1 h), a -> b (0).
-- 'B' sorts before 'a' in byte order.
SELECT ord, (stage_transitions(ts, stage)) FROM (VALUES
    (1, 1, timestamptz '2024-01-01 00:00+00', 'c'),
    (1, 2, timestamptz '2024-01-01 01:00+00', 'a'),
    (1, 3, timestamptz '2024-01-01 01:00+00', 'b'),
    (2, 3, timestamptz '2024-01-01 00:00+00', 'c'),
    (2, 2, timestamptz '2024-01-01 01:00+00', 'b'),
    (2, 1, timestamptz '2024-01-01 01:00+00', 'a')) v(ord, n, ts, stage)
GROUP BY ord ORDER BY ord;
SELECT stage_transitions(ts, stage) FROM (VALUES
    (timestamptz '2024-01-01 01:00+00', 'a'),
    (timestamptz '2024-01-01 01:00+00', 'B')) v(ts, stage);

-- dormancy 7 days.  lead d0, lead d3, trial d20, trial d21, a real 'dormant' row d40,
-- customer d50, customer d57 (a gap of exactly 7 days is not dormancy).  By hand:
--   (NULL, lead, d0, NULL)
--   (lead, dormant, d10 = d3 + 7, 10 days)       gap d3 -> d20 is 17 days
--   (dormant, trial, d20, 10 days)
--   (trial, dormant, d28 = d21 + 7, 8 days)      gap d21 -> d40; the d40 row is 'dormant' already
--   (dormant, customer, d50, 22 days)            gap d40 -> d50: already dormant, no new move
SELECT t.* FROM (
  SELECT stage_transitions(ts, stage, interval '7 days') AS st FROM (VALUES
    (timestamptz '2024-01-01 00:00+00', 'lead'),
    (timestamptz '2024-01-04 00:00+00', 'lead'),
    (timestamptz '2024-01-21 00:00+00', 'trial'),
    (timestamptz '2024-01-22 00:00+00', 'trial'),
    (timestamptz '2024-02-10 00:00+00', 'dormant'),
    (timestamptz '2024-02-20 00:00+00', 'customer'),
    (timestamptz '2024-02-27 00:00+00', 'customer')) v(ts, stage)) s,
  unnest(s.st) WITH ORDINALITY t
ORDER BY t.ordinality;

-- dormancy back to the same stage is a return: (a, dormant, 01:00:01 + 1 h) then (dormant, a)
SELECT stage_transitions(ts, stage, interval '1 hour') FROM (VALUES
    (timestamptz '2024-01-01 00:00+00', 'a'),
    (timestamptz '2024-01-01 00:00:01+00', 'a'),
    (timestamptz '2024-01-01 05:00+00', 'a')) v(ts, stage);
-- without dormancy the same rows are one entry
SELECT stage_transitions(ts, stage) FROM (VALUES
    (timestamptz '2024-01-01 00:00+00', 'a'),
    (timestamptz '2024-01-01 00:00:01+00', 'a'),
    (timestamptz '2024-01-01 05:00+00', 'a')) v(ts, stage);

-- NULL timestamp or NULL stage: the row is skipped; nothing usable -> NULL; one row -> entry;
-- the empty string is a stage
SELECT stage_transitions(ts, stage) FROM (VALUES
    (timestamptz '2024-01-01 00:00+00', 'a'),
    (NULL, 'b'),
    (timestamptz '2024-01-01 02:00+00', NULL),
    (timestamptz '2024-01-01 03:00+00', ''),
    (timestamptz '2024-01-01 04:00+00', 'a')) v(ts, stage);
SELECT stage_transitions(ts, stage) IS NULL AS all_null FROM (VALUES
    (NULL::timestamptz, 'a'), (timestamptz '2024-01-01 00:00+00', NULL)) v(ts, stage);
SELECT stage_transitions(ts, stage) IS NULL AS empty_group
FROM (SELECT now() AS ts, 'a' AS stage WHERE false) v;
SELECT stage_transitions(timestamptz '2024-01-01 00:00+00', 'only');

-- non-ASCII stages and many distinct stages (the label dictionary grows and rehashes)
SELECT stage_transitions(ts, stage) FROM (VALUES
    (timestamptz '2024-01-01 00:00+00', 'prospect'),
    (timestamptz '2024-01-01 00:00+00', 'clienté'),
    (timestamptz '2024-01-02 00:00+00', '顧客')) v(ts, stage);
SELECT cardinality(st) AS transitions, st[1000].from_stage, st[1000].to_stage, st[1000].dwell
FROM (SELECT stage_transitions(timestamptz '2024-01-01 00:00+00' + i * interval '1 minute',
                               's' || (i % 600)) AS st
      FROM generate_series(1, 3000) i) s;
-- dwell past 2^63 microseconds is exact (it wrapped negative): from 4714-11-24 00:00:00 BC
-- to 294276-12-31 23:59:59.999999 UTC is N days 23:59:59.999999, N = date '294276-12-31'
-- - date '4714-11-24 BC' (plain SQL on dates), and at - dwell gives back the stage's entry;
-- with a dormancy of one day the same span is 1 day in a, then N - 1 days 23:59:59.999999
-- dormant
SELECT date '294276-12-31' - date '4714-11-24 BC' AS n;
CREATE TEMP TABLE span_rows (ts timestamptz, stage text);
INSERT INTO span_rows VALUES ('4714-11-24 00:00:00+00 BC', 'a'), ('294276-12-31 23:59:59.999999+00', 'b');
SET TimeZone = 'UTC';
SELECT s.dormancy, t.from_stage, t.to_stage, t.at, t.dwell,
       t.at - t.dwell = lag(t.at) OVER (PARTITION BY s.dormancy ORDER BY t.n) AS reads_back
FROM (SELECT 'none', stage_transitions(ts, stage) FROM span_rows
      UNION ALL SELECT '1 day', stage_transitions(ts, stage, '1 day') FROM span_rows) s(dormancy, st),
  unnest(s.st) WITH ORDINALITY t(from_stage, to_stage, at, dwell, n)
ORDER BY s.dormancy DESC, t.n;
RESET TimeZone;

-- transition matrix across customers: GROUP BY over unnest (the README recipe)
SELECT t.from_stage, t.to_stage, count(*) AS moves,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM t.dwell)) / 3600 AS median_dwell_hours
FROM (SELECT cust, stage_transitions(ts, stage) AS st FROM (VALUES
        (1, timestamptz '2024-01-01 00:00+00', 'lead'), (1, timestamptz '2024-01-01 02:00+00', 'trial'),
        (1, timestamptz '2024-01-01 06:00+00', 'customer'),
        (2, timestamptz '2024-01-01 00:00+00', 'lead'), (2, timestamptz '2024-01-01 04:00+00', 'trial'),
        (3, timestamptz '2024-01-01 00:00+00', 'trial'), (3, timestamptz '2024-01-01 01:00+00', 'customer'))
        v(cust, ts, stage) GROUP BY cust) c,
     unnest(c.st) t
GROUP BY 1, 2 ORDER BY 1 NULLS FIRST, 2;

-- plain-SQL reference on 12,000 customers (240,000 rows, some NULLs, many timestamp ties):
-- a transition is every row whose stage differs from lag(stage) over (ts, stage in byte
-- order); its dwell is its time minus the time of the previous transition.
CREATE TABLE tr AS
SELECT i AS id, 1 + (hashint4(i) & 2147483647) % 12000 AS cust,
       CASE WHEN i % 997 = 0 THEN NULL ELSE
         timestamptz '2024-01-01 00:00:00+00' + ((hashint4(i + 1) & 2147483647) % 1000) * interval '1 hour' END AS ts,
       CASE WHEN i % 1009 = 0 THEN NULL ELSE
         (ARRAY['lead', 'trial', 'customer', 'churned', 'Trial'])[1 + (hashint4(i + 2) & 2147483647) % 5] END AS stage
FROM generate_series(1, 240000) i;
ANALYZE tr;
-- The same rule with dormancy d: one virtual 'dormant' row at (previous event + d) in every
-- gap longer than d.  dormancy '0' stands for the no-dormancy form.
CREATE TABLE tr_ref AS
WITH d(dormancy) AS (VALUES (interval '0'), (interval '3 days')),
ev AS (
  SELECT cust, ts, stage FROM tr WHERE ts IS NOT NULL AND stage IS NOT NULL),
gaps AS (
  SELECT cust, ts, lag(ts) OVER (PARTITION BY cust ORDER BY ts) AS prev FROM ev),
allev AS (
  SELECT d.dormancy, ev.* FROM d, ev
  UNION ALL
  SELECT d.dormancy, cust, prev + d.dormancy, 'dormant' FROM d, gaps
  WHERE d.dormancy > interval '0' AND ts - prev > d.dormancy),
r AS (
  SELECT dormancy, cust, ts, stage, lag(stage) OVER w AS prev_stage, row_number() OVER w AS rn
  FROM allev WINDOW w AS (PARTITION BY dormancy, cust ORDER BY ts, stage COLLATE "C")),
ch AS (
  SELECT dormancy, cust, rn, prev_stage AS from_stage, stage AS to_stage, ts AS at
  FROM r WHERE stage IS DISTINCT FROM prev_stage)
SELECT dormancy, cust, row_number() OVER (PARTITION BY dormancy, cust ORDER BY rn) AS n,
       from_stage, to_stage, at, at - lag(at) OVER (PARTITION BY dormancy, cust ORDER BY rn) AS dwell
FROM ch;
CREATE TABLE tr_ours AS
SELECT s.dormancy, s.cust, t.n, t.from_stage, t.to_stage, t.at, t.dwell
FROM (SELECT interval '0' AS dormancy, cust, stage_transitions(ts, stage) AS st FROM tr GROUP BY cust
      UNION ALL
      SELECT interval '3 days', cust, stage_transitions(ts, stage, '3 days') FROM tr GROUP BY cust) s,
     unnest(s.st) WITH ORDINALITY t(from_stage, to_stage, at, dwell, n);
SELECT count(*) AS reference_mismatches
FROM tr_ours o FULL JOIN tr_ref r USING (dormancy, cust, n)
WHERE o.from_stage IS DISTINCT FROM r.from_stage OR o.to_stage IS DISTINCT FROM r.to_stage
   OR o.at IS DISTINCT FROM r.at OR o.dwell IS DISTINCT FROM r.dwell;
-- the comparison is not vacuous: transitions, entries, same-time changes, dormant moves
SELECT dormancy, count(*) AS transitions, count(*) FILTER (WHERE from_stage IS NULL) AS entries,
       count(*) FILTER (WHERE dwell = interval '0') AS zero_dwell,
       count(*) FILTER (WHERE to_stage = 'dormant') AS to_dormant,
       count(DISTINCT cust) AS customers
FROM tr_ours GROUP BY dormancy ORDER BY dormancy;

-- input order does not matter: the same rows in two different orders
-- (hash aggregation keeps each subquery's order as the aggregate's input order)
SET enable_sort = off;
SELECT count(*) AS order_mismatches FROM (
  SELECT a.cust, stage_transitions(a.ts, a.stage) AS st, stage_transitions(a.ts, a.stage, '3 days') AS sd
  FROM (SELECT * FROM tr ORDER BY ts, stage) a GROUP BY a.cust) x
FULL JOIN (
  SELECT b.cust, stage_transitions(b.ts, b.stage) AS st, stage_transitions(b.ts, b.stage, '3 days') AS sd
  FROM (SELECT * FROM tr ORDER BY hashint4(id * 7) DESC) b GROUP BY b.cust) y
USING (cust)
WHERE x.st IS DISTINCT FROM y.st OR x.sd IS DISTINCT FROM y.sd;
RESET enable_sort;

-- serial = parallel = partitionwise (240,000 rows)
\set tr_agg 'SELECT cust, stage_transitions(ts, stage) AS st, stage_transitions(ts, stage, ''3 days'') AS sd FROM'
CREATE TABLE tr_serial AS :tr_agg tr GROUP BY cust;
SET max_parallel_workers_per_gather = 2;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF) SELECT cust, stage_transitions(ts, stage) FROM tr GROUP BY cust;
SELECT count(*) AS parallel_mismatches FROM (:tr_agg tr GROUP BY cust) p
FULL JOIN tr_serial s USING (cust)
WHERE p.st IS DISTINCT FROM s.st OR p.sd IS DISTINCT FROM s.sd;
RESET parallel_leader_participation;
RESET max_parallel_workers_per_gather;
CREATE TABLE tr_part (LIKE tr) PARTITION BY HASH (id);
CREATE TABLE tr_part_0 PARTITION OF tr_part FOR VALUES WITH (MODULUS 3, REMAINDER 0);
CREATE TABLE tr_part_1 PARTITION OF tr_part FOR VALUES WITH (MODULUS 3, REMAINDER 1);
CREATE TABLE tr_part_2 PARTITION OF tr_part FOR VALUES WITH (MODULUS 3, REMAINDER 2);
INSERT INTO tr_part SELECT * FROM tr;
ANALYZE tr_part;
SET enable_partitionwise_aggregate = on;
SET max_parallel_workers_per_gather = 0;
SET enable_hashagg = off;
EXPLAIN (COSTS OFF) SELECT cust, stage_transitions(ts, stage) FROM tr_part GROUP BY cust;
SELECT count(*) AS partitionwise_mismatches FROM (:tr_agg tr_part GROUP BY cust) p
FULL JOIN tr_serial s USING (cust)
WHERE p.st IS DISTINCT FROM s.st OR p.sd IS DISTINCT FROM s.sd;
RESET enable_hashagg;
RESET enable_partitionwise_aggregate;
RESET max_parallel_workers_per_gather;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;

-- bad input: a clear error each, never a crash
\set VERBOSITY default
SELECT stage_transitions(timestamptz 'infinity', 'a');
SELECT stage_transitions(timestamptz '-infinity', 'a');
SELECT stage_transitions(now(), 'a', interval '0 seconds');
SELECT stage_transitions(now(), 'a', interval '-1 day');
SELECT stage_transitions(now(), 'a', NULL::interval);
SELECT stage_transitions(ts, 'a', d) FROM (VALUES
    (timestamptz '2024-01-01 00:00+00', interval '1 day'),
    (timestamptz '2024-01-02 00:00+00', interval '2 days')) v(ts, d);
-- the same errors by SQLSTATE: 22008 datetime out of range, 22023 invalid parameter,
-- 22004 null value not allowed
CREATE FUNCTION tr_try(q text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
	EXECUTE q;
	RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
	RETURN SQLSTATE;
END $$;
SELECT q, tr_try(q) AS sqlstate FROM unnest(ARRAY[
  $q$SELECT stage_transitions(timestamptz 'infinity', 'a')$q$,
  $q$SELECT stage_transitions(timestamptz '-infinity', 'a', '1 day')$q$,
  $q$SELECT stage_transitions(now(), 'a', interval '0 seconds')$q$,
  $q$SELECT stage_transitions(now(), 'a', interval '-1 day')$q$,
  $q$SELECT stage_transitions(now(), 'a', NULL::interval)$q$,
  $q$SELECT stage_transitions(ts, 'a', d) FROM (VALUES (now(), interval '1 day'), (now(), interval '2 days')) v(ts, d)$q$
]) q ORDER BY q;
DROP FUNCTION tr_try(text);
DROP TABLE tr, tr_ref, tr_ours, tr_serial, tr_part;
