-- funnel: window_funnel and funnel_times
SET timezone = 'UTC';

-- Worked examples of reference/funnels.md (ClickHouse windowFunnel), each under the
-- default mode and the modes it illustrates.  Expected levels were worked out by hand
-- from the ClickHouse rules; 'expected' is part of the test data, 'ok' must be true.
-- Timestamps are raw bigints (the bigint overload, window in the same units).
CREATE TABLE fx_events (name text, t bigint, steps int[]);
INSERT INTO fx_events VALUES
('01 t=3..7 window 2', 3, '{1}'),
('01 t=3..7 window 2', 4, '{2}'),
('01 t=3..7 window 2', 5, '{3}'),
('01 t=3..7 window 2', 6, '{4}'),
('01 t=3..7 window 2', 7, '{5}'),
('02 t=3..7 window 3', 3, '{1}'),
('02 t=3..7 window 3', 4, '{2}'),
('02 t=3..7 window 3', 5, '{3}'),
('02 t=3..7 window 3', 6, '{4}'),
('02 t=3..7 window 3', 7, '{5}'),
('03 t=3..7 window 4', 3, '{1}'),
('03 t=3..7 window 4', 4, '{2}'),
('03 t=3..7 window 4', 5, '{3}'),
('03 t=3..7 window 4', 6, '{4}'),
('03 t=3..7 window 4', 7, '{5}'),
('04 one row, v=1004, four range steps', 1, '{1,2,3,4}'),
('05 one row, steps [x,x,x] (#34986)', 1, '{1,2,3}'),
('06 one row matches both steps (00678)', 5, '{1,2}'),
('07 a,b,d,c', 1, '{1}'),
('07 a,b,d,c', 2, '{2}'),
('07 a,b,d,c', 3, '{}'),
('07 a,b,d,c', 4, '{3}'),
('08 a,c,b', 1, '{1}'),
('08 a,c,b', 2, '{3}'),
('08 a,c,b', 3, '{2}'),
('09 c,c,b,b,a,a', 1, '{3}'),
('09 c,c,b,b,a,a', 2, '{3}'),
('09 c,c,b,b,a,a', 3, '{2}'),
('09 c,c,b,b,a,a', 4, '{2}'),
('09 c,c,b,b,a,a', 5, '{1}'),
('09 c,c,b,b,a,a', 6, '{1}'),
('10 PR 9773 ABC', 1, '{1}'),
('10 PR 9773 ABC', 2, '{2}'),
('10 PR 9773 ABC', 3, '{3}'),
('11 PR 9773 ADBC', 1, '{1}'),
('11 PR 9773 ADBC', 2, '{}'),
('11 PR 9773 ADBC', 3, '{2}'),
('11 PR 9773 ADBC', 4, '{3}'),
('12 PR 9773 AABBCC', 1, '{1}'),
('12 PR 9773 AABBCC', 2, '{1}'),
('12 PR 9773 AABBCC', 3, '{2}'),
('12 PR 9773 AABBCC', 4, '{2}'),
('12 PR 9773 AABBCC', 5, '{3}'),
('12 PR 9773 AABBCC', 6, '{3}'),
('13 PR 9773 AAAABBCC', 1, '{1}'),
('13 PR 9773 AAAABBCC', 2, '{1}'),
('13 PR 9773 AAAABBCC', 3, '{1}'),
('13 PR 9773 AAAABBCC', 4, '{1}'),
('13 PR 9773 AAAABBCC', 5, '{2}'),
('13 PR 9773 AAAABBCC', 6, '{2}'),
('13 PR 9773 AAAABBCC', 7, '{3}'),
('13 PR 9773 AAAABBCC', 8, '{3}'),
('14 PR 9773 AABBDCC', 1, '{1}'),
('14 PR 9773 AABBDCC', 2, '{1}'),
('14 PR 9773 AABBDCC', 3, '{2}'),
('14 PR 9773 AABBDCC', 4, '{2}'),
('14 PR 9773 AABBDCC', 5, '{}'),
('14 PR 9773 AABBDCC', 6, '{3}'),
('14 PR 9773 AABBDCC', 7, '{3}'),
('15 PR 9773 BBCCAA', 1, '{2}'),
('15 PR 9773 BBCCAA', 2, '{2}'),
('15 PR 9773 BBCCAA', 3, '{3}'),
('15 PR 9773 BBCCAA', 4, '{3}'),
('15 PR 9773 BBCCAA', 5, '{1}'),
('15 PR 9773 BBCCAA', 6, '{1}'),
('16 0,1,1,1,2 steps 1000..1004', 0, '{1}'),
('16 0,1,1,1,2 steps 1000..1004', 1, '{2}'),
('16 0,1,1,1,2 steps 1000..1004', 1, '{3}'),
('16 0,1,1,1,2 steps 1000..1004', 1, '{4}'),
('16 0,1,1,1,2 steps 1000..1004', 2, '{5}'),
('17 #52844 p0@1, p1/p2/p3 @2,3,4', 1, '{1}'),
('17 #52844 p0@1, p1/p2/p3 @2,3,4', 2, '{2}'),
('17 #52844 p0@1, p1/p2/p3 @2,3,4', 2, '{3}'),
('17 #52844 p0@1, p1/p2/p3 @2,3,4', 2, '{4}'),
('17 #52844 p0@1, p1/p2/p3 @2,3,4', 3, '{2}'),
('17 #52844 p0@1, p1/p2/p3 @2,3,4', 3, '{3}'),
('17 #52844 p0@1, p1/p2/p3 @2,3,4', 3, '{4}'),
('17 #52844 p0@1, p1/p2/p3 @2,3,4', 4, '{2}'),
('17 #52844 p0@1, p1/p2/p3 @2,3,4', 4, '{3}'),
('17 #52844 p0@1, p1/p2/p3 @2,3,4', 4, '{4}'),
('18 #37177 install,start,login,install', 1, '{1}'),
('18 #37177 install,start,login,install', 2, '{2}'),
('18 #37177 install,start,login,install', 3, '{3}'),
('18 #37177 install,start,login,install', 4, '{1}'),
('19 #40263 a,b,d,b', 1, '{1}'),
('19 #40263 a,b,d,b', 2, '{2}'),
('19 #40263 a,b,d,b', 3, '{4}'),
('19 #40263 a,b,d,b', 4, '{2}'),
('20 01646 tie, step 2 row first', 5, '{2}'),
('20 01646 tie, step 2 row first', 5, '{1}'),
('21 a,b,a,c (step 1 repeat)', 1, '{1}'),
('21 a,b,a,c (step 1 repeat)', 2, '{2}'),
('21 a,b,a,c (step 1 repeat)', 3, '{1}'),
('21 a,b,a,c (step 1 repeat)', 4, '{3}');
CREATE TABLE fx_cases (name text, nsteps int, win bigint, mode text, expected int);
INSERT INTO fx_cases VALUES
('01 t=3..7 window 2', 5, 2, '', 3),
('02 t=3..7 window 3', 5, 3, '', 4),
('03 t=3..7 window 4', 5, 4, '', 5),
('04 one row, v=1004, four range steps', 4, 100, '', 4),
('04 one row, v=1004, four range steps', 4, 100, 'strict_once', 1),
('04 one row, v=1004, four range steps', 4, 100, 'strict_increase', 1),
('05 one row, steps [x,x,x] (#34986)', 3, 100, '', 3),
('05 one row, steps [x,x,x] (#34986)', 3, 100, 'strict_once', 1),
('05 one row, steps [x,x,x] (#34986)', 3, 100, 'strict_order', 3),
('06 one row matches both steps (00678)', 2, 100, '', 2),
('06 one row matches both steps (00678)', 2, 100, 'strict_once', 1),
('07 a,b,d,c', 3, 100, '', 3),
('07 a,b,d,c', 3, 100, 'strict_order', 2),
('08 a,c,b', 3, 100, '', 2),
('08 a,c,b', 3, 100, 'strict_order', 1),
('09 c,c,b,b,a,a', 3, 100, '', 1),
('09 c,c,b,b,a,a', 3, 100, 'strict_order', 1),
('10 PR 9773 ABC', 3, 100, '', 3),
('10 PR 9773 ABC', 3, 100, 'strict_order', 3),
('11 PR 9773 ADBC', 3, 100, '', 3),
('11 PR 9773 ADBC', 3, 100, 'strict_order', 1),
('12 PR 9773 AABBCC', 3, 100, '', 3),
('12 PR 9773 AABBCC', 3, 100, 'strict_order', 3),
('12 PR 9773 AABBCC', 3, 100, 'strict_deduplication', 2),
('12 PR 9773 AABBCC', 3, 100, 'strict_order, strict_deduplication', 2),
('13 PR 9773 AAAABBCC', 3, 100, '', 3),
('13 PR 9773 AAAABBCC', 3, 100, 'strict_order', 3),
('14 PR 9773 AABBDCC', 3, 100, '', 3),
('14 PR 9773 AABBDCC', 3, 100, 'strict_order', 2),
('15 PR 9773 BBCCAA', 3, 100, '', 1),
('15 PR 9773 BBCCAA', 3, 100, 'strict_order', 1),
('16 0,1,1,1,2 steps 1000..1004', 5, 100, '', 5),
('16 0,1,1,1,2 steps 1000..1004', 5, 100, 'strict_increase', 2),
('17 #52844 p0@1, p1/p2/p3 @2,3,4', 4, 100, '', 4),
('17 #52844 p0@1, p1/p2/p3 @2,3,4', 4, 100, 'strict_increase', 4),
('17 #52844 p0@1, p1/p2/p3 @2,3,4', 4, 100, 'strict_once', 4),
('17 #52844 p0@1, p1/p2/p3 @2,3,4', 4, 100, ' strict_once , strict_increase ', 4),
('18 #37177 install,start,login,install', 4, 100, '', 3),
('18 #37177 install,start,login,install', 4, 100, 'strict_deduplication', 3),
('19 #40263 a,b,d,b', 4, 100, '', 2),
('19 #40263 a,b,d,b', 4, 100, 'strict_deduplication', 2),
('20 01646 tie, step 2 row first', 2, 100, '', 2),
('20 01646 tie, step 2 row first', 2, 100, 'strict_increase', 1),
('20 01646 tie, step 2 row first', 2, 100, 'strict_order', 2),
('21 a,b,a,c (step 1 repeat)', 3, 100, '', 3),
('21 a,b,a,c (step 1 repeat)', 3, 100, 'strict_order', 3),
('21 a,b,a,c (step 1 repeat)', 3, 100, 'strict_deduplication', 3);
SELECT c.name, c.mode, f.level, c.expected, f.level = c.expected AS ok
FROM fx_cases c
CROSS JOIN LATERAL (
  SELECT window_funnel(c.win, c.mode, e.t,
           VARIADIC ARRAY(SELECT k = ANY (e.steps) FROM generate_series(1, c.nsteps) k ORDER BY k)) AS level
  FROM fx_events e WHERE e.name = c.name) f
ORDER BY c.name, c.mode;

-- the three-argument form is the default mode: same levels as mode ''
SELECT count(*) AS default_form_mismatches
FROM fx_cases c
CROSS JOIN LATERAL (
  SELECT window_funnel(c.win, e.t,
           VARIADIC ARRAY(SELECT k = ANY (e.steps) FROM generate_series(1, c.nsteps) k ORDER BY k)) AS level
  FROM fx_events e WHERE e.name = c.name) f
WHERE c.mode = '' AND f.level IS DISTINCT FROM c.expected;

-- funnel_times: the step times of the chain that reached the level, NULL past it.
-- t=3..7, window 3: level 4 reached by 3,4,5,6.  a,b,a,c: the latest start (a@3) has no b
-- after it, so the chain is a@1, b@2, c@4.  #52844 under strict_increase: 1,2,3,4.
SELECT c.name, c.mode,
       (SELECT funnel_times(c.win, c.mode, e.t,
                 VARIADIC ARRAY(SELECT k = ANY (e.steps) FROM generate_series(1, c.nsteps) k ORDER BY k))
        FROM fx_events e WHERE e.name = c.name) AS times
FROM fx_cases c
WHERE (c.name, c.mode) IN (('02 t=3..7 window 3', ''), ('21 a,b,a,c (step 1 repeat)', ''),
                           ('17 #52844 p0@1, p1/p2/p3 @2,3,4', 'strict_increase'),
                           ('08 a,c,b', 'strict_order'), ('09 c,c,b,b,a,a', ''))
ORDER BY c.name, c.mode;

-- timestamptz: the window is inclusive and measured from step 1; one microsecond over
-- is outside.  NULL timestamps are skipped, NULL conditions are false.
SELECT window_funnel('1 hour', ts, e = 'view', e = 'cart', e = 'buy') AS level,
       funnel_times('1 hour', ts, e = 'view', e = 'cart', e = 'buy') AS times
FROM (VALUES ('2024-05-01 10:00:00+00'::timestamptz, 'view'), ('2024-05-01 10:20:00+00', 'cart'),
             ('2024-05-01 11:00:00+00', 'buy'), (NULL, 'cart')) v(ts, e);
SELECT window_funnel('1 hour', ts, e = 'view', e = 'cart', e = 'buy') AS level
FROM (VALUES ('2024-05-01 10:00:00+00'::timestamptz, 'view'), ('2024-05-01 10:20:00+00', 'cart'),
             ('2024-05-01 11:00:00.000001+00', 'buy')) v(ts, e);
SELECT window_funnel('1 hour', 'strict_order', ts, e = 'view', e = 'cart', e = 'buy') AS level
FROM (VALUES ('2024-05-01 10:00:00+00'::timestamptz, 'view'), ('2024-05-01 10:05:00+00', NULL),
             ('2024-05-01 10:20:00+00', 'cart'), ('2024-05-01 10:30:00+00', 'buy')) v(ts, e);
-- no row, or only NULL timestamps -> NULL; rows but no step 1 -> 0
SELECT window_funnel('1 hour', ts, true) IS NULL AS empty_is_null
FROM (VALUES (now())) v(ts) WHERE false;
SELECT window_funnel('1 hour', ts, true) IS NULL AS null_ts_is_null
FROM (VALUES (NULL::timestamptz)) v(ts);
SELECT window_funnel('1 hour', ts, false, true) AS no_step_one,
       funnel_times('1 hour', ts, false, true) AS times
FROM (VALUES ('2024-05-01 10:00:00+00'::timestamptz)) v(ts);
-- 32 steps, all on one row
SELECT window_funnel(10, 1, VARIADIC array_fill(true, ARRAY[32])) AS thirty_two;

-- Plain-SQL reference on 10,000 customers: the default-mode level is the longest
-- t1 <= t2 <= ... <= tk with ti a step-i row and tk - t1 <= window; strict_increase needs
-- t1 < t2 < ... < tk.  A recursive CTE extends every step-1 row by the earliest
-- possible next step.  Rows may match several steps (bit set 'mask').
CREATE TABLE fr AS
SELECT 1 + (hashint4(i) & 2147483647) % 10000 AS cust,
       ((hashint4(i + 100000) & 2147483647) % 2000)::bigint AS t,
       CASE WHEN (hashint4(i + 200000) & 2147483647) % 7 = 0
            THEN (hashint4(i + 300000) & 2147483647) % 16
            ELSE 1 << ((hashint4(i + 300000) & 2147483647) % 4) END AS mask
FROM generate_series(1, 120000) i;
CREATE INDEX ON fr (cust, t);
ANALYZE fr;
CREATE TABLE fr_ref AS
WITH RECURSIVE chain(cust, start, cur, lvl, strict) AS (
  SELECT cust, t, t, 1, s FROM fr, (VALUES (false), (true)) v(s) WHERE mask & 1 <> 0
  UNION ALL
  SELECT c.cust, c.start, n.t, c.lvl + 1, c.strict
  FROM chain c
  CROSS JOIN LATERAL (
    SELECT min(e.t) AS t FROM fr e
    WHERE e.cust = c.cust AND e.mask & (1 << c.lvl) <> 0
      AND (e.t > c.cur OR (NOT c.strict AND e.t = c.cur)) AND e.t <= c.start + 300) n
  WHERE c.lvl < 4 AND n.t IS NOT NULL
)
SELECT cust, max(lvl) FILTER (WHERE NOT strict) AS lvl, max(lvl) FILTER (WHERE strict) AS lvl_inc
FROM chain GROUP BY cust;
SELECT count(*) AS customers,
       count(*) FILTER (WHERE f.lvl IS DISTINCT FROM coalesce(r.lvl, 0)) AS default_mismatches,
       count(*) FILTER (WHERE f.lvl_inc IS DISTINCT FROM coalesce(r.lvl_inc, 0)) AS strict_increase_mismatches,
       count(DISTINCT f.lvl) AS distinct_levels
FROM (SELECT cust,
             window_funnel(300, t, mask & 1 <> 0, mask & 2 <> 0, mask & 4 <> 0, mask & 8 <> 0) AS lvl,
             window_funnel(300, 'strict_increase', t, mask & 1 <> 0, mask & 2 <> 0, mask & 4 <> 0, mask & 8 <> 0) AS lvl_inc
      FROM fr GROUP BY cust) f
LEFT JOIN fr_ref r USING (cust);

-- funnel_times returns a real chain: each time is a row of that step, times ascend,
-- and the last is within the window of the first
SELECT count(*) AS invalid_chains FROM (
  SELECT cust, funnel_times(300, t, mask & 1 <> 0, mask & 2 <> 0, mask & 4 <> 0, mask & 8 <> 0) AS tm,
         window_funnel(300, t, mask & 1 <> 0, mask & 2 <> 0, mask & 4 <> 0, mask & 8 <> 0) AS lvl
  FROM fr GROUP BY cust) f
WHERE lvl > 0 AND (
  tm[lvl] - tm[1] > 300 OR cardinality(array_remove(tm, NULL)) <> lvl
  OR EXISTS (SELECT 1 FROM generate_series(1, lvl) k
             WHERE NOT EXISTS (SELECT 1 FROM fr e WHERE e.cust = f.cust AND e.t = tm[k]
                               AND e.mask & (1 << (k - 1)) <> 0)
                OR (k > 1 AND tm[k] < tm[k - 1])));

-- input order does not matter: every mode combination, rows fed in two different orders
-- (hash aggregation keeps each subquery's order as the aggregate's input order)
SET enable_sort = off;
CREATE TABLE fr_modes AS
SELECT m AS mode FROM unnest(ARRAY['', 'strict_order', 'strict_deduplication', 'strict_increase',
  'strict_once', 'strict_order, strict_deduplication', 'strict_order, strict_increase',
  'strict_deduplication, strict_once', 'strict_order, strict_once', 'strict_increase, strict_once',
  'strict_order, strict_deduplication, strict_increase, strict_once']) m;
SELECT count(*) AS order_mismatches FROM (
  SELECT m.mode, a.cust,
         window_funnel(300, m.mode, a.t, a.mask & 1 <> 0, a.mask & 2 <> 0, a.mask & 4 <> 0, a.mask & 8 <> 0) AS lvl,
         funnel_times(300, m.mode, a.t, a.mask & 1 <> 0, a.mask & 2 <> 0, a.mask & 4 <> 0, a.mask & 8 <> 0) AS tm
  FROM fr_modes m, (SELECT * FROM fr WHERE cust <= 2000 ORDER BY t, mask) a GROUP BY m.mode, a.cust) x
FULL JOIN (
  SELECT m.mode, b.cust,
         window_funnel(300, m.mode, b.t, b.mask & 1 <> 0, b.mask & 2 <> 0, b.mask & 4 <> 0, b.mask & 8 <> 0) AS lvl,
         funnel_times(300, m.mode, b.t, b.mask & 1 <> 0, b.mask & 2 <> 0, b.mask & 4 <> 0, b.mask & 8 <> 0) AS tm
  FROM fr_modes m, (SELECT * FROM fr WHERE cust <= 2000 ORDER BY hashint4(t::int * 31 + mask) DESC) b GROUP BY m.mode, b.cust) y
USING (mode, cust)
WHERE x.lvl IS DISTINCT FROM y.lvl OR x.tm IS DISTINCT FROM y.tm;
RESET enable_sort;
-- modes change answers (sanity: the comparison above is not vacuous)
SELECT m.mode, sum(lvl) AS total_levels FROM (
  SELECT m.mode, window_funnel(300, m.mode, a.t, a.mask & 1 <> 0, a.mask & 2 <> 0, a.mask & 4 <> 0, a.mask & 8 <> 0) AS lvl
  FROM fr_modes m, fr a WHERE a.cust <= 2000 GROUP BY m.mode, a.cust) m
GROUP BY m.mode ORDER BY m.mode;

-- serial = parallel = partitionwise on 240,000 rows (timestamptz, a mode, funnel_times)
CREATE TABLE fp AS
SELECT i AS id, 1 + (hashint4(i) & 2147483647) % 20000 AS cust,
       timestamptz '2024-01-01 00:00:00+00' + ((hashint4(i + 1) & 2147483647) % 1000000) * interval '1 second' AS ts,
       (hashint4(i + 2) & 2147483647) % 5 AS e
FROM generate_series(1, 240000) i;
ANALYZE fp;
CREATE TABLE fp_serial AS
SELECT cust, window_funnel('2 days', ts, e = 1, e = 2, e = 3, e = 4) AS l,
       window_funnel('2 days', 'strict_order, strict_deduplication', ts, e = 1, e = 2, e = 3) AS lm,
       funnel_times('2 days', 'strict_once', ts, e = 1, e = 2, e = 3, e = 4) AS tm
FROM fp GROUP BY cust;
SET max_parallel_workers_per_gather = 2;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF) SELECT cust, window_funnel('2 days', ts, e = 1, e = 2) FROM fp GROUP BY cust;
SELECT count(*) AS parallel_mismatches FROM (
  SELECT cust, window_funnel('2 days', ts, e = 1, e = 2, e = 3, e = 4) AS l,
         window_funnel('2 days', 'strict_order, strict_deduplication', ts, e = 1, e = 2, e = 3) AS lm,
         funnel_times('2 days', 'strict_once', ts, e = 1, e = 2, e = 3, e = 4) AS tm
  FROM fp GROUP BY cust) p
FULL JOIN fp_serial s USING (cust)
WHERE p.l IS DISTINCT FROM s.l OR p.lm IS DISTINCT FROM s.lm OR p.tm IS DISTINCT FROM s.tm;
RESET parallel_leader_participation;
RESET max_parallel_workers_per_gather;
CREATE TABLE fp_part (LIKE fp) PARTITION BY HASH (id);
CREATE TABLE fp_part_0 PARTITION OF fp_part FOR VALUES WITH (MODULUS 3, REMAINDER 0);
CREATE TABLE fp_part_1 PARTITION OF fp_part FOR VALUES WITH (MODULUS 3, REMAINDER 1);
CREATE TABLE fp_part_2 PARTITION OF fp_part FOR VALUES WITH (MODULUS 3, REMAINDER 2);
INSERT INTO fp_part SELECT * FROM fp;
ANALYZE fp_part;
SET enable_partitionwise_aggregate = on;
SET max_parallel_workers_per_gather = 0;
SET enable_hashagg = off;
EXPLAIN (COSTS OFF) SELECT cust, window_funnel('2 days', ts, e = 1, e = 2) FROM fp_part GROUP BY cust;
SELECT count(*) AS partitionwise_mismatches FROM (
  SELECT cust, window_funnel('2 days', ts, e = 1, e = 2, e = 3, e = 4) AS l,
         window_funnel('2 days', 'strict_order, strict_deduplication', ts, e = 1, e = 2, e = 3) AS lm,
         funnel_times('2 days', 'strict_once', ts, e = 1, e = 2, e = 3, e = 4) AS tm
  FROM fp_part GROUP BY cust) p
FULL JOIN fp_serial s USING (cust)
WHERE p.l IS DISTINCT FROM s.l OR p.lm IS DISTINCT FROM s.lm OR p.tm IS DISTINCT FROM s.tm;
RESET enable_hashagg;
RESET enable_partitionwise_aggregate;
RESET max_parallel_workers_per_gather;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
SELECT l, count(*) AS customers FROM fp_serial GROUP BY l ORDER BY l;

-- bad input: a clear error each, never a crash
\set VERBOSITY default
SELECT window_funnel('1 hour', ts, VARIADIC ARRAY[]::bool[]) FROM (VALUES (now())) v(ts);
SELECT window_funnel(10, 1, VARIADIC array_fill(true, ARRAY[33]));
SELECT window_funnel(10, 1, VARIADIC NULL::bool[]);
SELECT window_funnel(10, 1, VARIADIC '{{true},{false}}'::bool[]);
SELECT window_funnel('0 seconds', ts, true) FROM (VALUES (now())) v(ts);
SELECT window_funnel('-1 hour', ts, true) FROM (VALUES (now())) v(ts);
SELECT window_funnel(0, 1, true);
SELECT window_funnel(-5, 1, true);
SELECT window_funnel(NULL::bigint, 1, true);
SELECT window_funnel('1 hour', 'strict_order, bogus', ts, true) FROM (VALUES (now())) v(ts);
SELECT window_funnel('1 hour', 'strict', ts, true) FROM (VALUES (now())) v(ts);
SELECT window_funnel('1 hour', 'allow_reentry', ts, true) FROM (VALUES (now())) v(ts);
SELECT window_funnel('1 hour', 'strict_order,,strict_once', ts, true) FROM (VALUES (now())) v(ts);
SELECT window_funnel(10, NULL, 1, true);
SELECT window_funnel('1 hour', ts, true) FROM (VALUES ('infinity'::timestamptz)) v(ts);
SELECT window_funnel('1 hour', ts, true) FROM (VALUES ('-infinity'::timestamptz)) v(ts);
SELECT window_funnel(10, t, VARIADIC s) FROM (VALUES (1, ARRAY[true]), (2, ARRAY[true, false])) v(t, s);
SELECT window_funnel(w, t, true) FROM (VALUES (10, 1), (20, 2)) v(w, t);
-- extreme bigint clocks: differences that overflow are outside the window, no wrap-around
SELECT window_funnel(9223372036854775807, t, s = 1, s = 2) AS huge_window
FROM (VALUES (-9223372036854775808, 1), (9223372036854775807, 2)) v(t, s);
SELECT window_funnel(10, t, s = 1, s = 2) AS far_apart
FROM (VALUES (-9223372036854775808, 1), (9223372036854775807, 2)) v(t, s);
