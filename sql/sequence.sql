-- sequence: sequence_match, sequence_count
SET TimeZone = 'UTC';

-- ClickHouse test 00222, restated: times 0..11, data 0,0,0,0,1,2,0,0,0,0,1,1;
-- condition k is data = k - 1.  Every expected value below was checked by hand.
CREATE TABLE seq_t (t int, data int);
INSERT INTO seq_t VALUES (0, 0), (1, 0), (2, 0), (3, 0), (4, 1), (5, 2), (6, 0), (7, 0), (8, 0), (9, 0), (10, 1), (11, 1);
CREATE TABLE seq_cases (id int, pattern text, want_match bool, want_count bigint);
INSERT INTO seq_cases VALUES
  (1, '', true, 12),                 -- empty pattern: matches; counts every event
  (2, '.', true, 12),
  (3, '.*', true, 12),
  (4, '(?1)', true, 8),              -- eight zeros
  (5, '(?2)', true, 3),
  (6, '(?3)', true, 1),
  (7, '(?4)', false, 0),             -- data = 3 never holds
  (8, '(?1)(?1)', true, 4),          -- (0,1) (2,3) (6,7) (8,9)
  (9, '(?1)(?1)(?1)', true, 2),      -- (0,1,2) (6,7,8)
  (10, '(?1)(?1)(?1)(?1)', true, 2), -- (0..3) (6..9)
  (11, '(?1)(?1)(?1)(?1)(?1)', false, 0),
  (12, '(?1)(?1)(?1)(?1)(?2)', true, 2), -- 0..4 and 6..10
  (13, '(?1)(?t>10)(?2)', true, 1),  -- 0 -> 11
  (14, '(?1)(?t>11)(?2)', false, 0),
  (15, '(?1)(?t<11)(?2)', true, 2),  -- 0 -> 4, then 6 -> 10
  (16, '(?1)(?t<3)(?3)', true, 1),   -- 3 -> 5, an event in between
  (17, '(?1)(?t<=2)(?3)', true, 1),
  (18, '(?1)(?t<2)(?3)', false, 0),
  (19, '(?2)(?t>=7)(?2)', true, 1),  -- 4 -> 11
  (20, '(?2)(?t>7)(?2)', false, 0),
  (21, '(?2)(?3)(?1)', true, 1),     -- 4, 5, 6 adjacent
  (22, ' (?2) (?3)(?1) ', true, 1),  -- blanks between tokens are ignored
  (23, '(?1).*(?3)', true, 1),
  (24, '(?3).(?1)', true, 1),        -- 5, any 6, 7
  (25, '(?3)..(?2)', false, 0),      -- 8 is not data = 1
  (26, '(?2).*(?2).*(?2)', true, 1), -- 4, 10, 11
  (27, '(?1)(?t <= 2)(?3)', true, 1); -- blanks inside a time condition
SELECT c.id, c.pattern, m, n, m IS NOT DISTINCT FROM c.want_match AND n IS NOT DISTINCT FROM c.want_count AS ok
FROM seq_cases c,
     LATERAL (SELECT sequence_match(c.pattern, t, data = 0, data = 1, data = 2, data = 3) AS m,
                     sequence_count(c.pattern, t, data = 0, data = 1, data = 2, data = 3) AS n
              FROM seq_t) x
ORDER BY c.id;
-- the same on timestamptz (pattern seconds), and in shuffled row order
SELECT count(*) AS timestamptz_mismatches
FROM seq_cases c,
     LATERAL (SELECT sequence_match(c.pattern, timestamptz '2024-01-01' + t * interval '1 second',
                                    data = 0, data = 1, data = 2, data = 3) AS m,
                     sequence_count(c.pattern, timestamptz '2024-01-01' + t * interval '1 second',
                                    data = 0, data = 1, data = 2, data = 3) AS n
              FROM (SELECT * FROM seq_t ORDER BY hashint4(t)) s) x
WHERE m IS DISTINCT FROM c.want_match OR n IS DISTINCT FROM c.want_count;
-- only rows matching some condition are events: with conditions data = 1, data = 2 the
-- events are 4, 5, 10, 11, so (?1)(?t==1)(?2) matches 4 -> 5 and (?t==2) does not
SELECT sequence_match('(?1)(?t==2)(?2)', t, data = 1, data = 2) AS eq2,
       sequence_match('(?1)(?t==1)(?2)', t, data = 1, data = 2) AS eq1,
       sequence_count('(?1)(?t==1)(?2)', t, data = 1, data = 2) AS eq1_count
FROM seq_t;
-- ClickHouse docs: rows 1, 3, 2 at times 1, 2, 3; (?1)(?2) with conditions = 1, = 2 matches
-- (the row 3 is no event), with a third condition = 3 it does not (3 now sits between)
SELECT sequence_match('(?1)(?2)', t, v = 1, v = 2) AS two_conds,
       sequence_match('(?1)(?2)', t, v = 1, v = 2, v = 3) AS three_conds,
       sequence_match('(?1)(?2)', t, v = 1, v = 2, v = 4) AS unrelated_third
FROM (VALUES (1, 1), (2, 3), (3, 2)) v(t, v);
-- ties: equal timestamps are ordered by the conditions word, lowest first, whatever the
-- row order, so (?1)(?2) matches and (?2)(?1) does not
SELECT sequence_match('(?1)(?2)', t, c1, c2) AS one_two, sequence_match('(?2)(?1)', t, c1, c2) AS two_one
FROM (VALUES (5, false, true), (5, true, false)) v(t, c1, c2);
-- NULL conditions are false, NULL timestamps skip the row, empty group -> NULL
SELECT sequence_count('(?1)', t, c) AS n FROM (VALUES (1, true), (2, NULL), (NULL, true), (3, true)) v(t, c);
SELECT sequence_match('(?1)', t, c) IS NULL AS empty_is_null FROM (VALUES (1, true)) v(t, c) WHERE false;
SELECT sequence_match('(?1)', t, c) AS no_events FROM (VALUES (1, false)) v(t, c);
-- bigint timestamps keep their raw unit in time conditions, negative values included
SELECT sequence_match('(?1)(?t==1000)(?2)', t, t = -500, t = 500) AS raw_units FROM generate_series(-500, 500, 250) t;

-- generated data: 200,000 rows of 2,000 customers, distinct timestamps per customer
CREATE TABLE seq_events AS
SELECT i AS id, (hashint4(i) & 2147483647) % 2000 AS cust,
       timestamptz '2024-01-01 00:00+00' + i * interval '37 seconds' AS ts,
       (hashint4(i + 1) & 2147483647) % 10 AS kind,
       (hashint4(i) & 2147483647) % 2000 % 16 AS bucket
FROM generate_series(1, 200000) i;
ANALYZE seq_events;

-- against plain SQL: (?1).*(?2) (NFA) = (?1)(?t>=0)(?2) (backtracking) = "some kind-1
-- event before some kind-2 event"; (?1)(?t<=3600)(?2) = "a kind-2 event within an hour
-- after a kind-1 event"; (?1)(?t>6048000)(?2) = "... more than 70 days after";
-- (?1)(?2) = "a kind-1 event directly followed by a kind-2 event among the events of
-- kinds 1, 2, 3" (rows of other kinds are no events); count of (?1) = kind-1 rows
CREATE TABLE seq_ours AS
SELECT cust,
       sequence_match('(?1).*(?2)', ts, kind = 1, kind = 2, kind = 3) AS m_star,
       sequence_match('(?1)(?t>=0)(?2)', ts, kind = 1, kind = 2, kind = 3) AS m_time0,
       sequence_match('(?1)(?t<=3600)(?2)', ts, kind = 1, kind = 2, kind = 3) AS m_hour,
       sequence_match('(?1)(?t>6048000)(?2)', ts, kind = 1, kind = 2, kind = 3) AS m_late,
       sequence_match('(?1)(?2)', ts, kind = 1, kind = 2, kind = 3) AS m_adjacent,
       sequence_count('(?1)', ts, kind = 1, kind = 2, kind = 3) AS n_one
FROM seq_events GROUP BY cust;
CREATE TABLE seq_plain AS
SELECT c.cust,
       coalesce(min(e.ts) FILTER (WHERE e.kind = 1) < max(e.ts) FILTER (WHERE e.kind = 2), false) AS m_star,
       coalesce(min(e.ts) FILTER (WHERE e.kind = 1) + interval '70 days' < max(e.ts) FILTER (WHERE e.kind = 2), false)
         AS m_late,
       count(*) FILTER (WHERE e.kind = 1) AS n_one
FROM (SELECT DISTINCT cust FROM seq_events) c JOIN seq_events e USING (cust) GROUP BY c.cust;
SELECT count(*) AS plain_sql_mismatches
FROM seq_ours o JOIN seq_plain q USING (cust)
LEFT JOIN (SELECT DISTINCT a.cust FROM seq_events a JOIN seq_events b USING (cust)
           WHERE a.kind = 1 AND b.kind = 2 AND b.ts > a.ts AND b.ts <= a.ts + interval '1 hour') h USING (cust)
LEFT JOIN (SELECT DISTINCT cust FROM (
             SELECT cust, kind, lead(kind) OVER (PARTITION BY cust ORDER BY ts) AS next_kind
             FROM seq_events WHERE kind IN (1, 2, 3)) s
           WHERE kind = 1 AND next_kind = 2) adj USING (cust)
WHERE o.m_star IS DISTINCT FROM q.m_star
   OR o.m_time0 IS DISTINCT FROM q.m_star
   OR o.m_late IS DISTINCT FROM q.m_late
   OR o.m_hour IS DISTINCT FROM (h.cust IS NOT NULL)
   OR o.m_adjacent IS DISTINCT FROM (adj.cust IS NOT NULL)
   OR o.n_one IS DISTINCT FROM q.n_one;
SELECT count(*) FILTER (WHERE m_star) AS star, count(*) FILTER (WHERE m_hour) AS hour,
       count(*) FILTER (WHERE m_late) AS late,
       count(*) FILTER (WHERE m_adjacent) AS adjacent, count(*) AS customers
FROM seq_ours;

-- serial = parallel = partitionwise, per customer and per bucket (large groups)
CREATE TABLE seq_serial AS
SELECT bucket, sequence_match('(?1)(?t<=600)(?2)', ts, kind = 1, kind = 2) AS m,
       sequence_count('(?1).*(?2)(?3)', ts, kind = 1, kind = 2, kind = 3) AS n,
       sequence_count('(?1)(?t>100)(?1)', ts, kind = 1, kind = 2) AS n_time
FROM seq_events GROUP BY bucket;
SET max_parallel_workers_per_gather = 2;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET parallel_leader_participation = off;
SET enable_hashagg = off;
EXPLAIN (COSTS OFF)
SELECT bucket, sequence_count('(?1).*(?2)(?3)', ts, kind = 1, kind = 2, kind = 3) FROM seq_events GROUP BY bucket;
SELECT count(*) AS parallel_mismatches FROM (
  SELECT bucket, sequence_match('(?1)(?t<=600)(?2)', ts, kind = 1, kind = 2) AS m,
         sequence_count('(?1).*(?2)(?3)', ts, kind = 1, kind = 2, kind = 3) AS n,
         sequence_count('(?1)(?t>100)(?1)', ts, kind = 1, kind = 2) AS n_time
  FROM seq_events GROUP BY bucket) p
FULL JOIN seq_serial s USING (bucket)
WHERE p.m IS DISTINCT FROM s.m OR p.n IS DISTINCT FROM s.n OR p.n_time IS DISTINCT FROM s.n_time;
SELECT count(*) AS parallel_customer_mismatches FROM (
  SELECT cust, sequence_match('(?1)(?t<=3600)(?2)', ts, kind = 1, kind = 2, kind = 3) AS m_hour,
         sequence_match('(?1)(?2)', ts, kind = 1, kind = 2, kind = 3) AS m_adjacent
  FROM seq_events GROUP BY cust) p
FULL JOIN seq_ours s USING (cust)
WHERE p.m_hour IS DISTINCT FROM s.m_hour OR p.m_adjacent IS DISTINCT FROM s.m_adjacent;
RESET enable_hashagg;
RESET parallel_leader_participation;
RESET max_parallel_workers_per_gather;

CREATE TABLE seq_part (LIKE seq_events) PARTITION BY HASH (id);
CREATE TABLE seq_part_0 PARTITION OF seq_part FOR VALUES WITH (MODULUS 3, REMAINDER 0);
CREATE TABLE seq_part_1 PARTITION OF seq_part FOR VALUES WITH (MODULUS 3, REMAINDER 1);
CREATE TABLE seq_part_2 PARTITION OF seq_part FOR VALUES WITH (MODULUS 3, REMAINDER 2);
INSERT INTO seq_part SELECT * FROM seq_events;
ANALYZE seq_part;
SET enable_partitionwise_aggregate = on;
SET max_parallel_workers_per_gather = 0;
EXPLAIN (COSTS OFF)
SELECT bucket, sequence_count('(?1).*(?2)(?3)', ts, kind = 1, kind = 2, kind = 3) FROM seq_part GROUP BY bucket;
SELECT count(*) AS partitionwise_mismatches FROM (
  SELECT bucket, sequence_match('(?1)(?t<=600)(?2)', ts, kind = 1, kind = 2) AS m,
         sequence_count('(?1).*(?2)(?3)', ts, kind = 1, kind = 2, kind = 3) AS n,
         sequence_count('(?1)(?t>100)(?1)', ts, kind = 1, kind = 2) AS n_time
  FROM seq_part GROUP BY bucket) p
FULL JOIN seq_serial s USING (bucket)
WHERE p.m IS DISTINCT FROM s.m OR p.n IS DISTINCT FROM s.n OR p.n_time IS DISTINCT FROM s.n_time;
RESET enable_partitionwise_aggregate;
RESET max_parallel_workers_per_gather;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;

-- input order does not matter
SELECT count(*) AS order_mismatches FROM (
  SELECT bucket, sequence_count('(?1).*(?2)(?3)', ts, kind = 1, kind = 2, kind = 3) AS n,
         sequence_count('(?1)(?t>100)(?1)', ts, kind = 1, kind = 2) AS n_time
  FROM (SELECT * FROM seq_events ORDER BY hashint4(id + 7)) s GROUP BY bucket) p
JOIN seq_serial s USING (bucket)
WHERE p.n <> s.n OR p.n_time <> s.n_time;

-- bad input: a clear error with the position, never a crash
\set VERBOSITY default
SELECT sequence_match('(?0)', t, true, false) FROM (VALUES (1)) v(t);
SELECT sequence_match('(?1)(?33)', t, true, false) FROM (VALUES (1)) v(t);
SELECT sequence_match('(?3)', t, true, false) FROM (VALUES (1)) v(t);
SELECT sequence_match('(?1', t, true, false) FROM (VALUES (1)) v(t);
SELECT sequence_match('(?1))', t, true, false) FROM (VALUES (1)) v(t);
SELECT sequence_match('((?1)', t, true, false) FROM (VALUES (1)) v(t);
SELECT sequence_match('(?)', t, true, false) FROM (VALUES (1)) v(t);
SELECT sequence_match('(?1)(?t)(?2)', t, true, false) FROM (VALUES (1)) v(t);
SELECT sequence_match('(?1)(?t>)(?2)', t, true, false) FROM (VALUES (1)) v(t);
SELECT sequence_match('(?1)(?t=5)(?2)', t, true, false) FROM (VALUES (1)) v(t);
SELECT sequence_match('(?1)*', t, true, false) FROM (VALUES (1)) v(t);
SELECT sequence_match('(?t>5)(?1)', t, true, false) FROM (VALUES (1)) v(t);
SELECT sequence_match('(?1)(?t>5)(?t<9)(?2)', t, true, false) FROM (VALUES (1)) v(t);
SELECT sequence_match('(?99999999999999999999)', t, true, false) FROM (VALUES (1)) v(t);
SELECT sequence_match('(?1)(?t>99999999999999)(?2)', ts, true, false) FROM (VALUES (timestamptz '2024-01-01')) v(ts);
SELECT sequence_match('(?1)(?t>99999999999999)(?2)', t, true, false) AS raw_units_allow_it FROM (VALUES (1)) v(t);
SELECT sequence_match('é(?1)', t, true, false) FROM (VALUES (1)) v(t);
SELECT sequence_match(NULL, t, true, false) FROM (VALUES (1)) v(t);
SELECT sequence_match(p, t, true, false) FROM (VALUES ('(?1)', 1), ('(?2)', 2)) v(p, t);
SELECT sequence_count('(?1)', t, VARIADIC array_fill(true, ARRAY[33])) FROM (VALUES (1)) v(t);
SELECT sequence_count('(?1)', ts, true) FROM (VALUES (timestamptz 'infinity')) v(ts);
SELECT sequence_count(repeat('.', 10001), t, true) FROM (VALUES (1)) v(t);
-- a pattern whose backtracking explodes (every choice of three events within 1000 of
-- each other is tried) stops at the step bound with 54000
SELECT sequence_match('(?1)(?t<=1000)(?1)(?t<=1000)(?1)(?t<=1000)(?2)', t, t > 0, t = 0)
FROM generate_series(0, 3000) t;
-- the step bound is per call, over all of sequence_count's searches: 10,000,000 steps plus
-- the number of events times (pattern tokens + 1).  '(?1)(?t<=500)(?2)' over events at
-- t = 0, 1, 2... (condition 1 on every event, condition 2 when t % 1000 = 999) matches once
-- per block of 1000 events, but each search first fails at about 500 starts that each scan
-- the 500 events within the window: about 500 steps per event, against an allowance of 4
-- (3 tokens + 1).  Steps (from a step-by-step model of the matcher): 5,014,990 for 10,000
-- events (budget 10,040,000) and 50,149,900 for 100,000 events (budget 10,400,000), of
-- which no single search takes more than 501,499: a per-search bound never stopped it.
-- 10,000 events: within the budget, one match per block, as plain SQL counts them
SELECT sequence_count('(?1)(?t<=500)(?2)', t, true, t % 1000 = 999) AS ours,
       count(*) FILTER (WHERE t % 1000 = 999) AS plain
FROM generate_series(0, 9999) t;
-- 100,000 events: past the budget of the call
SELECT sequence_count('(?1)(?t<=500)(?2)', t, true, t % 1000 = 999) FROM generate_series(0, 99999) t;
-- the same events as 10 groups of 10,000: each call has its own budget
SELECT count(*) AS groups, sum(c) AS matches FROM (
  SELECT t / 10000 AS g, sequence_count('(?1)(?t<=500)(?2)', t, true, t % 1000 = 999) AS c
  FROM generate_series(0, 99999) t GROUP BY 1) s;

-- 1.1: with 2 to 8 conditions a call resolves to the fixed-arity overloads (no bool[] per
-- row), whose results equal the VARIADIC form on every customer, serially and in parallel
SELECT p.prosrc AS three_conditions_use FROM pg_aggregate a JOIN pg_proc p ON p.oid = a.aggtransfn
WHERE a.aggfnoid = 'sequence_count(text, timestamptz, bool, bool, bool)'::regprocedure;
CREATE TEMP VIEW seq_arity_check AS
SELECT cust,
    (sequence_match('(?1).*(?2)', ts, kind = 1, kind = 2) IS DISTINCT FROM
     sequence_match('(?1).*(?2)', ts, VARIADIC ARRAY[kind = 1, kind = 2])) OR
    (sequence_count('(?1).*(?2)', ts, kind = 1, kind = 2) IS DISTINCT FROM
     sequence_count('(?1).*(?2)', ts, VARIADIC ARRAY[kind = 1, kind = 2])) OR
    (sequence_match('(?1)(?2).*(?3)', ts, kind = 1, kind = 2, kind = 3) IS DISTINCT FROM
     sequence_match('(?1)(?2).*(?3)', ts, VARIADIC ARRAY[kind = 1, kind = 2, kind = 3])) OR
    (sequence_count('(?1)(?2).*(?3)', ts, kind = 1, kind = 2, kind = 3) IS DISTINCT FROM
     sequence_count('(?1)(?2).*(?3)', ts, VARIADIC ARRAY[kind = 1, kind = 2, kind = 3])) OR
    (sequence_match('(?1).*(?2)(?t<=3600)(?3).*(?4)', ts, kind = 1, kind = 2, kind = 3, kind = 4) IS DISTINCT FROM
     sequence_match('(?1).*(?2)(?t<=3600)(?3).*(?4)', ts, VARIADIC ARRAY[kind = 1, kind = 2, kind = 3, kind = 4])) OR
    (sequence_count('(?1).*(?2)(?t<=3600)(?3).*(?4)', ts, kind = 1, kind = 2, kind = 3, kind = 4) IS DISTINCT FROM
     sequence_count('(?1).*(?2)(?t<=3600)(?3).*(?4)', ts, VARIADIC ARRAY[kind = 1, kind = 2, kind = 3, kind = 4])) OR
    (sequence_match('(?1).*(?5)', ts, kind = 1, kind = 2, kind = 3, kind = 4, kind = 5) IS DISTINCT FROM
     sequence_match('(?1).*(?5)', ts, VARIADIC ARRAY[kind = 1, kind = 2, kind = 3, kind = 4, kind = 5])) OR
    (sequence_count('(?1).*(?5)', ts, kind = 1, kind = 2, kind = 3, kind = 4, kind = 5) IS DISTINCT FROM
     sequence_count('(?1).*(?5)', ts, VARIADIC ARRAY[kind = 1, kind = 2, kind = 3, kind = 4, kind = 5])) OR
    (sequence_match('(?2).*(?4).*(?6)', ts, kind = 1, kind = 2, kind = 3, kind = 4, kind = 5, kind = 6) IS DISTINCT FROM
     sequence_match('(?2).*(?4).*(?6)', ts, VARIADIC ARRAY[kind = 1, kind = 2, kind = 3, kind = 4, kind = 5, kind = 6])) OR
    (sequence_count('(?2).*(?4).*(?6)', ts, kind = 1, kind = 2, kind = 3, kind = 4, kind = 5, kind = 6) IS DISTINCT FROM
     sequence_count('(?2).*(?4).*(?6)', ts, VARIADIC ARRAY[kind = 1, kind = 2, kind = 3, kind = 4, kind = 5, kind = 6])) OR
    (sequence_match('(?7).*(?1)', ts, kind = 1, kind = 2, kind = 3, kind = 4, kind = 5, kind = 6, kind = 7) IS DISTINCT FROM
     sequence_match('(?7).*(?1)', ts, VARIADIC ARRAY[kind = 1, kind = 2, kind = 3, kind = 4, kind = 5, kind = 6, kind = 7])) OR
    (sequence_count('(?7).*(?1)', ts, kind = 1, kind = 2, kind = 3, kind = 4, kind = 5, kind = 6, kind = 7) IS DISTINCT FROM
     sequence_count('(?7).*(?1)', ts, VARIADIC ARRAY[kind = 1, kind = 2, kind = 3, kind = 4, kind = 5, kind = 6, kind = 7])) OR
    (sequence_match('(?1).*(?8)', ts, kind = 1, kind = 2, kind = 3, kind = 4, kind = 5, kind = 6, kind = 7, kind = 8) IS DISTINCT FROM
     sequence_match('(?1).*(?8)', ts, VARIADIC ARRAY[kind = 1, kind = 2, kind = 3, kind = 4, kind = 5, kind = 6, kind = 7, kind = 8])) OR
    (sequence_count('(?1).*(?8)', ts, kind = 1, kind = 2, kind = 3, kind = 4, kind = 5, kind = 6, kind = 7, kind = 8) IS DISTINCT FROM
     sequence_count('(?1).*(?8)', ts, VARIADIC ARRAY[kind = 1, kind = 2, kind = 3, kind = 4, kind = 5, kind = 6, kind = 7, kind = 8])) AS differs
FROM seq_events GROUP BY cust;
SELECT count(*) AS customers, count(*) FILTER (WHERE differs) AS fixed_arity_mismatches
FROM seq_arity_check;
SET max_parallel_workers_per_gather = 2;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET parallel_leader_participation = off;
SELECT count(*) AS customers, count(*) FILTER (WHERE differs) AS parallel_fixed_arity_mismatches
FROM seq_arity_check;
RESET parallel_leader_participation;
RESET min_parallel_table_scan_size;
RESET parallel_tuple_cost;
RESET parallel_setup_cost;
RESET max_parallel_workers_per_gather;
-- a NULL condition argument counts as false, as a NULL array element does
SELECT sequence_match('(?1)(?2)', timestamptz '2024-01-01 00:00+00' + t * interval '1 minute',
                      t = 1, CASE WHEN t = 2 THEN NULL ELSE t = 3 END) AS null_is_false,
       sequence_match('(?1)(?2)', timestamptz '2024-01-01 00:00+00' + t * interval '1 minute',
                      VARIADIC ARRAY[t = 1, CASE WHEN t = 2 THEN NULL ELSE t = 3 END]) AS variadic
FROM generate_series(1, 3) t;
