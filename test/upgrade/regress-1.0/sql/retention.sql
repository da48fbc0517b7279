-- retention: retention, retention_periods, lifecycle
SET TimeZone = 'UTC';

-- ClickHouse test 00688, restated: 80 users on day 6, users 0..49 on day 7, 0..59 on day 8
CREATE TABLE ch_ret (day date, uid int);
INSERT INTO ch_ret SELECT '2018-08-06', g FROM generate_series(0, 79) g;
INSERT INTO ch_ret SELECT '2018-08-07', g FROM generate_series(0, 49) g;
INSERT INTO ch_ret SELECT '2018-08-08', g FROM generate_series(0, 59) g;
-- hand-checked: 80 users in the cohort, 50 back on day 7, 60 back on day 8
SELECT sum(r[1]) AS r1, sum(r[2]) AS r2 FROM (
  SELECT uid, retention(day = '2018-08-06', day = '2018-08-07') AS r
  FROM ch_ret WHERE day IN ('2018-08-06', '2018-08-07') GROUP BY uid) t;
SELECT sum(r[1]) AS r1, sum(r[2]) AS r2, sum(r[3]) AS r3 FROM (
  SELECT uid, retention(day = '2018-08-06', day = '2018-08-07', day = '2018-08-08') AS r
  FROM ch_ret GROUP BY uid) t;
-- ClickHouse test 00938 idea: when condition 1 never holds the whole array is zeros,
-- even though later conditions hold (odd uids here)
SELECT uid, retention(uid % 2 = 0, day = '2018-08-07', day = '2018-08-08') AS r
FROM ch_ret WHERE uid < 4 GROUP BY uid ORDER BY uid;
-- conditions need not hold on the same row; NULL conditions are false; one condition works
SELECT retention(c1, c2, c3) FROM (VALUES (true, false, NULL), (false, true, false), (NULL, NULL, true)) v(c1, c2, c3);
SELECT retention(c1, c2) FROM (VALUES (NULL::bool, true), (false, true)) v(c1, c2);
SELECT retention(c1) FROM (VALUES (true)) v(c1);
-- VARIADIC array form, 32 conditions (bit 31 set on the only row)
SELECT retention(VARIADIC array_fill(true, ARRAY[32])) = array_fill(1, ARRAY[32]) AS all_32;
-- empty group -> NULL
SELECT retention(true, true) IS NULL AS empty_is_null FROM ch_ret WHERE false;

-- retention_periods, hand-checked: first seen Mon 2024-01-01 10:00, weekly periods
-- [01-01 10:00, 01-08 10:00) -> week 0; 01-15 10:00 exactly -> week 2 (bins are half-open);
-- 2023-12-01 is before first_seen and 2024-03-01 is past week 4: both ignored
SELECT retention_periods(timestamptz '2024-01-01 10:00', ts, '1 week', 5)
FROM (VALUES (timestamptz '2024-01-01 10:00'), ('2024-01-15 10:00'), ('2023-12-01'), ('2024-03-01'), (NULL)) v(ts);
-- 40 periods: more than one 32-period block
SELECT array_positions(retention_periods(timestamptz '2024-01-01', ts, '1 day', 40), 1) AS active_periods
FROM (VALUES (timestamptz '2024-01-01'), ('2024-02-01 23:59:59'), ('2024-02-09 23:59:59'), ('2024-02-10')) v(ts);
-- no row in range -> zeros; no usable row -> NULL
SELECT retention_periods(timestamptz '2024-01-01', ts, '1 day', 3) FROM (VALUES (timestamptz '2023-01-01')) v(ts);
SELECT retention_periods(NULL, ts, '1 day', 3) IS NULL AS null_first_seen_is_null FROM (VALUES (timestamptz '2024-01-01')) v(ts);

-- lifecycle, hand-checked (weekly bins start on Mondays at 00:00 UTC; as_of on Tue 02-20):
-- active weeks 01-01, 01-08, 01-22, 01-29; 03-01 is after as_of and ignored
-- -> 01-01 new, 01-08 returning, 01-15 dormant, 01-22 resurrecting, 01-29 returning,
--    02-05 dormant, nothing after (the customer stays dormant until as_of)
SELECT (l).period_start, (l).status FROM (
  SELECT unnest(lifecycle(ts, '1 week', '2024-02-20')) AS l
  FROM (VALUES (timestamptz '2024-01-01 00:00'), ('2024-01-07 23:59:59'), ('2024-01-09'), ('2024-01-25'),
               ('2024-02-01'), ('2024-03-01'), (NULL)) v(ts)) t
ORDER BY 1;
-- daily bins are UTC days whatever the session time zone: 2024-01-01 23:30 in New York
-- is 2024-01-02 04:30 UTC; as_of in the same bin as the last activity -> no dormant row
SET TimeZone = 'America/New_York';
SELECT (l).period_start AT TIME ZONE 'UTC' AS start_utc, (l).status FROM (
  SELECT unnest(lifecycle(ts, '1 day', '2024-01-03 12:00+00')) AS l
  FROM (VALUES (timestamptz '2024-01-01 23:30'), ('2024-01-03 01:00+00')) v(ts)) t
ORDER BY 1;
SET TimeZone = 'UTC';
-- nothing at or before as_of -> NULL
SELECT lifecycle(ts, '1 day', '2023-01-01') IS NULL AS nothing_before_as_of
FROM (VALUES (timestamptz '2024-01-01')) v(ts);
-- the earliest bins: bins are aligned to Monday 2000-01-03, Julian day 2451547 = 7 *
-- 350221 (to_char 'J' below), so the weekly bin of 4714-11-24 BC (Julian day 0, the
-- first valid day) starts on that day; two-week bins start on odd multiples of 7 days and
-- that bin would start seven days before the first valid timestamp: 22008 (it returned a
-- period_start that cannot be printed, so not dumped)
SELECT to_char(date '2000-01-03', 'J')::int AS origin_jd, to_char(date '2000-01-03', 'J')::int % 14 AS origin_mod_14,
       to_char(date '4714-11-24 BC', 'J')::int AS first_jd;
SELECT lifecycle(ts, '1 week', '4714-12-15 00:00:00+00 BC') FROM (VALUES (timestamptz '4714-11-24 12:00:00+00 BC')) v(ts);
SELECT lifecycle(ts, '2 weeks', '4714-12-15 00:00:00+00 BC') FROM (VALUES (timestamptz '4714-11-24 12:00:00+00 BC')) v(ts);

-- generated data: 200,000 events of 5,000 customers, activity thinning out over time
-- so that every lifecycle status occurs; some NULL timestamps
CREATE TABLE ret_events AS
SELECT i AS id, (hashint4(i) & 2147483647) % 5000 AS cust,
       CASE WHEN i % 997 = 0 THEN NULL ELSE
         timestamptz '2024-01-01 00:00+00'
         + ((hashint4(i) & 2147483647) % 5000 % 60) * interval '1 day'
         + (300 * 86400 * power(((hashint4(i + 1) & 2147483647) % 1000) / 1000.0, 3))::int * interval '1 second'
       END AS ts,
       (hashint4(i + 2) & 2147483647) % 4 AS kind,
       (hashint4(i) & 2147483647) % 5000 % 20 AS bucket
FROM generate_series(1, 200000) i;
ANALYZE ret_events;

-- lifecycle against plain SQL (a generate_series of weeks joined to activity): zero differences
CREATE TABLE lc_ours AS
SELECT cust, (l).period_start AS p, (l).status FROM (
  SELECT cust, unnest(lifecycle(ts, '1 week', '2024-06-15 12:00+00')) AS l FROM ret_events GROUP BY cust) t;
CREATE TABLE lc_plain AS
WITH act AS (
  SELECT DISTINCT cust, date_bin('1 week', ts, '2000-01-03 00:00+00') AS p
  FROM ret_events WHERE ts <= '2024-06-15 12:00+00'),
grid AS (
  SELECT f.cust, g.p, g.p = f.first_p AS is_first
  FROM (SELECT cust, min(p) AS first_p FROM act GROUP BY cust) f,
       generate_series(f.first_p, date_bin('1 week', timestamptz '2024-06-15 12:00+00', '2000-01-03 00:00+00'),
                       interval '1 week') AS g(p)),
flags AS (
  SELECT g.cust, g.p, g.is_first, a.p IS NOT NULL AS active, b.p IS NOT NULL AS prev_active
  FROM grid g
  LEFT JOIN act a ON a.cust = g.cust AND a.p = g.p
  LEFT JOIN act b ON b.cust = g.cust AND b.p = g.p - interval '1 week')
SELECT cust, p, CASE WHEN active AND is_first THEN 'new'
                     WHEN active AND prev_active THEN 'returning'
                     WHEN active THEN 'resurrecting'
                     ELSE 'dormant' END AS status
FROM flags WHERE active OR prev_active;
SELECT count(*) AS lifecycle_weekly_mismatches
FROM lc_ours o FULL JOIN lc_plain q USING (cust, p)
WHERE o.status IS DISTINCT FROM q.status;
-- every status occurs, and the chart (customers per week and status) is not trivial
SELECT status, count(*) > 100 AS many FROM lc_ours GROUP BY status ORDER BY status;
SELECT count(DISTINCT cust) AS customers FROM lc_ours;

-- same with 3-day bins (aligned to 2000-01-03, as date_bin is) and as_of past all data
SELECT count(*) AS lifecycle_3day_mismatches FROM (
  SELECT cust, (l).period_start AS p, (l).status FROM (
    SELECT cust, unnest(lifecycle(ts, '3 days', '2025-01-01')) AS l FROM ret_events GROUP BY cust) t) o
FULL JOIN (
  WITH act AS (
    SELECT DISTINCT cust, date_bin('3 days', ts, '2000-01-03 00:00+00') AS p FROM ret_events WHERE ts IS NOT NULL),
  grid AS (
    SELECT f.cust, g.p, g.p = f.first_p AS is_first
    FROM (SELECT cust, min(p) AS first_p FROM act GROUP BY cust) f,
         generate_series(f.first_p, date_bin('3 days', timestamptz '2025-01-01', '2000-01-03 00:00+00'),
                         interval '3 days') AS g(p)),
  flags AS (
    SELECT g.cust, g.p, g.is_first, a.p IS NOT NULL AS active, b.p IS NOT NULL AS prev_active
    FROM grid g
    LEFT JOIN act a ON a.cust = g.cust AND a.p = g.p
    LEFT JOIN act b ON b.cust = g.cust AND b.p = g.p - interval '3 days')
  SELECT cust, p, CASE WHEN active AND is_first THEN 'new'
                       WHEN active AND prev_active THEN 'returning'
                       WHEN active THEN 'resurrecting'
                       ELSE 'dormant' END AS status
  FROM flags WHERE active OR prev_active) q USING (cust, p)
WHERE o.status IS DISTINCT FROM q.status;

-- retention_periods against plain SQL: rolling weeks from the first event, and calendar
-- weeks from the Monday of the first event; zero differences
CREATE TABLE rp_first AS SELECT cust, min(ts) AS f FROM ret_events GROUP BY cust;
SELECT count(*) AS retention_periods_rolling_mismatches FROM (
  SELECT e.cust, retention_periods(f.f, e.ts, '1 week', 12) AS ours
  FROM ret_events e JOIN rp_first f USING (cust) GROUP BY e.cust) o
JOIN (
  SELECT f.cust, array_agg((a.k IS NOT NULL)::int ORDER BY g.k) AS plain
  FROM rp_first f CROSS JOIN generate_series(0, 11) AS g(k)
  LEFT JOIN (SELECT DISTINCT e.cust, floor(extract(epoch FROM e.ts - f.f) / (7 * 86400))::int AS k
             FROM ret_events e JOIN rp_first f USING (cust)) a ON a.cust = f.cust AND a.k = g.k
  GROUP BY f.cust) q USING (cust)
WHERE ours IS DISTINCT FROM plain;
SELECT count(*) AS retention_periods_calendar_mismatches FROM (
  SELECT e.cust, retention_periods(date_bin('1 week', f.f, '2000-01-03'), e.ts, '1 week', 40) AS ours
  FROM ret_events e JOIN rp_first f USING (cust) GROUP BY e.cust) o
JOIN (
  SELECT f.cust, array_agg((a.p IS NOT NULL)::int ORDER BY g.k) AS plain
  FROM rp_first f CROSS JOIN generate_series(0, 39) AS g(k)
  LEFT JOIN (SELECT DISTINCT cust, date_bin('1 week', ts, '2000-01-03') AS p FROM ret_events) a
    ON a.cust = f.cust AND a.p = date_bin('1 week', f.f, '2000-01-03') + g.k * interval '1 week'
  GROUP BY f.cust) q USING (cust)
WHERE ours IS DISTINCT FROM plain;

-- weekly cohort table (the README recipe): cohort size and week-k return counts
SELECT cohort, count(*) AS customers, sum(r[1]) AS w0, sum(r[2]) AS w1, sum(r[5]) AS w4
FROM (
  SELECT date_bin('1 week', f.f, '2000-01-03') AS cohort,
         retention_periods(date_bin('1 week', f.f, '2000-01-03'), e.ts, '1 week', 8) AS r
  FROM ret_events e JOIN rp_first f USING (cust) GROUP BY e.cust, f.f) t
GROUP BY cohort ORDER BY cohort LIMIT 3;
SELECT count(*) AS cohort_week_mismatches FROM (
  SELECT date_bin('1 week', f.f, '2000-01-03') AS cohort,
         sum(r[4]) AS ours
  FROM (SELECT e.cust, retention_periods(date_bin('1 week', f.f, '2000-01-03'), e.ts, '1 week', 8) AS r
        FROM ret_events e JOIN rp_first f USING (cust) GROUP BY e.cust) t
  JOIN rp_first f USING (cust) GROUP BY 1) o
JOIN (
  SELECT date_bin('1 week', f.f, '2000-01-03') AS cohort,
         count(DISTINCT e.cust) FILTER (WHERE date_bin('1 week', e.ts, '2000-01-03')
                                       = date_bin('1 week', f.f, '2000-01-03') + interval '3 weeks') AS plain
  FROM rp_first f JOIN ret_events e USING (cust) GROUP BY 1) q USING (cohort)
WHERE ours <> plain;

-- input order does not matter
SELECT count(*) AS order_mismatches FROM (
  SELECT cust, lifecycle(ts, '1 week', '2024-06-15 12:00+00')::text AS l,
         retention(kind = 0, kind = 1, kind = 3)::text AS r
  FROM (SELECT * FROM ret_events ORDER BY ts DESC NULLS FIRST) s GROUP BY cust) a
JOIN (
  SELECT cust, lifecycle(ts, '1 week', '2024-06-15 12:00+00')::text AS l,
         retention(kind = 0, kind = 1, kind = 3)::text AS r
  FROM (SELECT * FROM ret_events ORDER BY hashint4(id + 99)) s GROUP BY cust) b USING (cust)
WHERE a.l <> b.l OR a.r <> b.r;

-- serial = parallel = partitionwise, per customer and per bucket of customers (big groups
-- whose partial states are merged)
CREATE TABLE ret_serial AS
SELECT e.cust, retention(kind = 0, kind = 1, kind = 2, kind = 3)::text AS r,
       retention_periods(f.f, e.ts, '1 week', 40)::text AS rp,
       lifecycle(e.ts, '1 week', '2024-06-15 12:00+00')::text AS l
FROM ret_events e JOIN rp_first f USING (cust) GROUP BY e.cust;
CREATE TABLE ret_bucket_serial AS
SELECT bucket AS b, retention(kind = 0, kind = 1, kind = 2, kind = 3)::text AS r,
       retention_periods('2024-01-01', ts, '1 week', 40)::text AS rp,
       lifecycle(ts, '1 week', '2024-06-15 12:00+00')::text AS l
FROM ret_events GROUP BY 1;
SET max_parallel_workers_per_gather = 2;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET parallel_leader_participation = off;
SET enable_hashagg = off;
EXPLAIN (COSTS OFF) SELECT cust, lifecycle(ts, '1 week', '2024-06-15 12:00+00') FROM ret_events GROUP BY cust;
SELECT count(*) AS parallel_mismatches FROM (
  SELECT e.cust, retention(kind = 0, kind = 1, kind = 2, kind = 3)::text AS r,
         retention_periods(f.f, e.ts, '1 week', 40)::text AS rp,
         lifecycle(e.ts, '1 week', '2024-06-15 12:00+00')::text AS l
  FROM ret_events e JOIN rp_first f USING (cust) GROUP BY e.cust) p
FULL JOIN ret_serial s USING (cust)
WHERE p.r IS DISTINCT FROM s.r OR p.rp IS DISTINCT FROM s.rp OR p.l IS DISTINCT FROM s.l;
SELECT count(*) AS parallel_bucket_mismatches FROM (
  SELECT bucket AS b, retention(kind = 0, kind = 1, kind = 2, kind = 3)::text AS r,
         retention_periods('2024-01-01', ts, '1 week', 40)::text AS rp,
         lifecycle(ts, '1 week', '2024-06-15 12:00+00')::text AS l
  FROM ret_events GROUP BY 1) p
FULL JOIN ret_bucket_serial s USING (b)
WHERE p.r IS DISTINCT FROM s.r OR p.rp IS DISTINCT FROM s.rp OR p.l IS DISTINCT FROM s.l;
-- one group across workers
EXPLAIN (COSTS OFF) SELECT retention(kind = 0, kind = 1) FROM ret_events;
SELECT retention(kind = 0, kind = 1, kind = 7) AS whole_table FROM ret_events;
RESET enable_hashagg;
RESET parallel_leader_participation;
RESET max_parallel_workers_per_gather;

CREATE TABLE ret_part (LIKE ret_events) PARTITION BY HASH (id);
CREATE TABLE ret_part_0 PARTITION OF ret_part FOR VALUES WITH (MODULUS 3, REMAINDER 0);
CREATE TABLE ret_part_1 PARTITION OF ret_part FOR VALUES WITH (MODULUS 3, REMAINDER 1);
CREATE TABLE ret_part_2 PARTITION OF ret_part FOR VALUES WITH (MODULUS 3, REMAINDER 2);
INSERT INTO ret_part SELECT * FROM ret_events;
ANALYZE ret_part;
SET enable_partitionwise_aggregate = on;
SET max_parallel_workers_per_gather = 0;
EXPLAIN (COSTS OFF) SELECT bucket, lifecycle(ts, '1 week', '2024-06-15 12:00+00') FROM ret_part GROUP BY 1;
SELECT count(*) AS partitionwise_mismatches FROM (
  SELECT bucket AS b, retention(kind = 0, kind = 1, kind = 2, kind = 3)::text AS r,
         retention_periods('2024-01-01', ts, '1 week', 40)::text AS rp,
         lifecycle(ts, '1 week', '2024-06-15 12:00+00')::text AS l
  FROM ret_part GROUP BY 1) p
FULL JOIN ret_bucket_serial s USING (b)
WHERE p.r IS DISTINCT FROM s.r OR p.rp IS DISTINCT FROM s.rp OR p.l IS DISTINCT FROM s.l;
RESET enable_partitionwise_aggregate;
RESET max_parallel_workers_per_gather;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;

-- memory: retention_periods keeps n/8 bytes per group (a bitmap, allocated once) plus a
-- 32-byte header.  Measured as a HashAggregate's peak memory (EXPLAIN ANALYZE) over 250
-- groups with n = 100,000, minus count(*)'s over the same groups, per group: between
-- n/8 = 12,500 bytes and 2% more (allocator headers; with the shared event buffer it
-- was about 63,000), and 250 groups fit in work_mem = 4MB without spilling (Batches 1)
CREATE FUNCTION ret_hashagg(query text, OUT batches int, OUT peak_bytes bigint)
LANGUAGE plpgsql AS $$
DECLARE
	j json;
BEGIN
	SET LOCAL work_mem = '4MB';
	SET LOCAL hash_mem_multiplier = 1;
	SET LOCAL enable_sort = off;
	SET LOCAL max_parallel_workers_per_gather = 0;
	-- force_parallel_mode before PostgreSQL 16, debug_parallel_query from 16 on
	PERFORM set_config(CASE WHEN current_setting('server_version_num')::int >= 160000
		THEN 'debug_parallel_query' ELSE 'force_parallel_mode' END, 'off', true);
	EXECUTE 'EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, FORMAT JSON) ' || query INTO j;
	IF j->0->'Plan'->>'Strategy' IS DISTINCT FROM 'Hashed' THEN
		RAISE EXCEPTION 'no HashAggregate at the top of the plan: %', j;
	END IF;
	batches := (j->0->'Plan'->>'HashAgg Batches')::int;
	peak_bytes := (j->0->'Plan'->>'Peak Memory Usage')::bigint * 1024;
END $$;
SELECT ours.batches, (ours.peak_bytes - floor.peak_bytes) / 250 BETWEEN 12500 AND 12750 AS n_over_8_per_group
FROM ret_hashagg($q$SELECT g, retention_periods(timestamptz '2024-01-01',
                      timestamptz '2024-01-01' + g * interval '1 day', '1 day', 100000)
                    FROM generate_series(1, 250) g GROUP BY g$q$) ours,
     ret_hashagg($q$SELECT g, count(*) FROM generate_series(1, 250) g GROUP BY g$q$) floor;
-- the planner is told the state sizes (SSPACE): 32-byte header + one 64-bit word for
-- retention (at most 32 conditions) and for retention_periods two words (n <= 128)
SELECT p.proname AS aggregate, a.aggtransspace, count(*) AS overloads
FROM pg_aggregate a JOIN pg_proc p ON p.oid = a.aggfnoid
WHERE p.proname IN ('retention', 'retention_periods') GROUP BY 1, 2 ORDER BY 1;
-- the result is still right at n = 100,000 (periods 1, 64, 65 and 99,999 active: bits in
-- the first, second and last 64-bit words)
SELECT array_length(r, 1) AS n, array_positions(r, 1) AS active
FROM (SELECT retention_periods(timestamptz '2024-01-01', timestamptz '2024-01-01' + k * interval '1 day', '1 day', 100000) AS r
      FROM unnest(ARRAY[0, 63, 64, 99999, 100000]) k) t;

-- bad input: a clear error each, never a crash
\set VERBOSITY default
SELECT retention(VARIADIC ARRAY[]::bool[]);
SELECT retention(VARIADIC array_fill(true, ARRAY[33]));
SELECT retention(VARIADIC NULL::bool[]);
SELECT retention(VARIADIC ARRAY[[true, false], [true, true]]);
SELECT retention(VARIADIC c) FROM (VALUES (ARRAY[true]), (ARRAY[true, false])) v(c);
SELECT retention_periods(timestamptz '2024-01-01', ts, '0 days', 3) FROM (VALUES (timestamptz '2024-01-01')) v(ts);
SELECT retention_periods(timestamptz '2024-01-01', ts, '-1 day', 3) FROM (VALUES (timestamptz '2024-01-01')) v(ts);
SELECT retention_periods(timestamptz '2024-01-01', ts, NULL, 3) FROM (VALUES (timestamptz '2024-01-01')) v(ts);
SELECT retention_periods(timestamptz '2024-01-01', ts, '1 day', 0) FROM (VALUES (timestamptz '2024-01-01')) v(ts);
SELECT retention_periods(timestamptz '2024-01-01', ts, '1 day', 100001) FROM (VALUES (timestamptz '2024-01-01')) v(ts);
SELECT retention_periods(timestamptz '2024-01-01', ts, '1 day', NULL) FROM (VALUES (timestamptz '2024-01-01')) v(ts);
SELECT retention_periods(timestamptz '2024-01-01', ts, '1 day', 3) FROM (VALUES (timestamptz 'infinity')) v(ts);
SELECT retention_periods(timestamptz '-infinity', ts, '1 day', 3) FROM (VALUES (timestamptz '2024-01-01')) v(ts);
SELECT retention_periods(f, ts, '1 day', 3)
FROM (VALUES (timestamptz '2024-01-01', timestamptz '2024-01-02'), ('2024-01-02', '2024-01-03')) v(f, ts);
SELECT lifecycle(ts, '1 day', 'infinity') FROM (VALUES (timestamptz '2024-01-01')) v(ts);
SELECT lifecycle(ts, '1 day', '2024-02-01') FROM (VALUES (timestamptz '-infinity')) v(ts);
SELECT lifecycle(ts, '0 seconds', '2024-02-01') FROM (VALUES (timestamptz '2024-01-01')) v(ts);
SELECT lifecycle(ts, '1 day', NULL) FROM (VALUES (timestamptz '2024-01-01')) v(ts);
SELECT lifecycle(ts, p, '2024-02-01') FROM (VALUES (timestamptz '2024-01-01', interval '1 day'), ('2024-01-02', '2 days')) v(ts, p);
