-- activity: active_users (DAU, WAU, MAU per local day), stickiness (customers by active
-- days per calendar week or month) and active_days (distinct local days of a group),
-- compared with count(DISTINCT ...) in plain SQL over the local dates (ts AT TIME ZONE
-- zone)::date, for five zones (a 30-minute offset, a 30-minute DST shift) and two ranges
-- spanning DST changes and month ends, under three session TimeZones with identical
-- results; parallel, partitionwise and row order do not matter.

CREATE TEMP TABLE act_zones(tz text);
INSERT INTO act_zones VALUES ('UTC'), ('Europe/Berlin'), ('America/New_York'),
  ('Asia/Kolkata'), ('Australia/Lord_Howe');
-- R1: New York's, Berlin's and Lord Howe's 2024 spring/autumn changes (March 10, March 31,
-- April 7) and the February (leap) and March ends; R2: Lord Howe (October 6), Berlin
-- (October 27), New York (November 3) and the October end; R3: one day
CREATE TEMP TABLE act_ranges(name text, first_day date, last_day date);
INSERT INTO act_ranges VALUES ('R1', '2024-02-25', '2024-04-15'), ('R2', '2024-09-28', '2024-11-12'),
  ('R3', '2024-03-10', '2024-03-10');

-- 300 customers; events to the minute within 45 days of the middle of R1 or R2 (so also in
-- the 27 days before a range, which MAU looks back on), a third of them on the hour; for every
-- zone, copies one microsecond before and at the local midnight of an event's day; a few
-- NULL customers and timestamps
SELECT setseed(0.18);
CREATE TEMP TABLE act_events AS
SELECT c AS cust,
       date_trunc(CASE WHEN e % 3 = 0 THEN 'hour' ELSE 'minute' END,
                  CASE WHEN c % 2 = 0 THEN timestamptz '2024-03-21 12:00+00' ELSE timestamptz '2024-10-20 12:00+00' END
                  + (random() * 2 - 1) * (20 + c % 25) * interval '1 day', 'UTC') AS ts
FROM generate_series(1, 300) c, generate_series(1, 1 + (c * 7) % 13) e;
INSERT INTO act_events
SELECT cust, date_trunc('day', ts, z.tz) - CASE WHEN cust % 2 = 0 THEN interval '1 microsecond' ELSE interval '0' END
FROM (SELECT * FROM act_events WHERE cust % 5 = 0) e, act_zones z;
INSERT INTO act_events VALUES (NULL, '2024-03-12 12:00+00'), (7, NULL), (NULL, NULL);
ANALYZE act_zones;
ANALYZE act_ranges;
ANALYZE act_events;

-- plain SQL: the distinct local days of each customer in each zone
CREATE TEMP TABLE act_days AS
SELECT DISTINCT z.tz, e.cust, (e.ts AT TIME ZONE z.tz)::date AS day
FROM act_events e, act_zones z WHERE e.cust IS NOT NULL AND e.ts IS NOT NULL;
ANALYZE act_days;

-- active_users, ours: one call per range and zone
CREATE TEMP VIEW act_users_ours AS
SELECT s.name, s.tz, u.day, u.dau, u.wau, u.mau
FROM (SELECT r.name, z.tz, active_users(e.cust, e.ts, z.tz, r.first_day, r.last_day) AS a
      FROM act_events e, act_zones z, act_ranges r
      GROUP BY r.name, z.tz) s, unnest(s.a) u;
-- plain SQL: every day of the range joined to the active days of its trailing 28 days
CREATE TEMP TABLE act_users_ref AS
SELECT r.name, z.tz, r.first_day + i AS day,
       count(DISTINCT a.cust) FILTER (WHERE a.day = r.first_day + i) AS dau,
       count(DISTINCT a.cust) FILTER (WHERE a.day > r.first_day + i - 7) AS wau,
       count(DISTINCT a.cust) AS mau
FROM act_ranges r CROSS JOIN act_zones z
     CROSS JOIN LATERAL generate_series(0, r.last_day - r.first_day) i
     LEFT JOIN act_days a ON a.tz = z.tz AND a.day BETWEEN r.first_day + i - 27 AND r.first_day + i
GROUP BY 1, 2, 3;

-- stickiness, ours: per range, zone and unit
CREATE TEMP TABLE act_units(unit text);
INSERT INTO act_units VALUES ('week'), ('month');
ANALYZE act_units;
CREATE TEMP VIEW act_stick_ours AS
SELECT s.name, s.tz, s.unit, b.period_start, b.active_days, b.customers
FROM (SELECT r.name, z.tz, n.unit, stickiness(e.cust, e.ts, n.unit, z.tz, r.first_day, r.last_day) AS a
      FROM act_events e, act_zones z, act_ranges r, act_units n
      GROUP BY r.name, z.tz, n.unit) s, unnest(s.a) b;
-- plain SQL: count(DISTINCT day) per customer and period inside the range, customers per
-- count, zero-filled from 1 to the period's days inside the range
CREATE TEMP TABLE act_stick_ref AS
WITH per AS (
  SELECT r.name, e.tz, n.unit, date_trunc(n.unit, e.day::timestamp)::date AS period_start, e.cust,
         count(DISTINCT e.day) AS k
  FROM act_days e, act_ranges r, act_units n
  WHERE e.day BETWEEN r.first_day AND r.last_day
  GROUP BY 1, 2, 3, 4, 5
), cells AS (
  SELECT r.name, z.tz, n.unit, date_trunc(n.unit, (r.first_day + i)::timestamp)::date AS period_start,
         count(*) AS days
  FROM act_ranges r CROSS JOIN act_zones z CROSS JOIN act_units n
       CROSS JOIN LATERAL generate_series(0, r.last_day - r.first_day) i
  GROUP BY 1, 2, 3, 4
), hist AS (
  SELECT name, tz, unit, period_start, k, count(*) AS customers FROM per GROUP BY 1, 2, 3, 4, 5
)
SELECT c.name, c.tz, c.unit, c.period_start, k.k AS active_days, coalesce(h.customers, 0) AS customers
FROM cells c CROSS JOIN LATERAL generate_series(1, c.days) k(k)
     LEFT JOIN hist h ON h.name = c.name AND h.tz = c.tz AND h.unit = c.unit
                         AND h.period_start = c.period_start AND h.k = k.k;

-- active_days: distinct local days per customer and week or month, and per customer over
-- everything, against count(DISTINCT local date) in plain SQL (a group of NULL timestamps
-- has 0 days)
CREATE TEMP VIEW act_active_days_ours AS
SELECT z.tz, n.unit, e.cust, coalesce(date_trunc(n.unit, e.ts, z.tz), '-infinity') AS p,
       active_days(e.ts, z.tz) AS n
FROM act_events e, act_zones z, act_units n WHERE e.cust IS NOT NULL GROUP BY 1, 2, 3, 4
UNION ALL
SELECT z.tz, 'all', e.cust, '-infinity', active_days(e.ts, z.tz)
FROM act_events e, act_zones z WHERE e.cust IS NOT NULL GROUP BY 1, 2, 3;
CREATE TEMP TABLE act_active_days_ref AS
SELECT z.tz, n.unit, e.cust, coalesce(date_trunc(n.unit, e.ts, z.tz), '-infinity') AS p,
       count(DISTINCT (e.ts AT TIME ZONE z.tz)::date) AS n
FROM act_events e, act_zones z, act_units n WHERE e.cust IS NOT NULL GROUP BY 1, 2, 3, 4
UNION ALL
SELECT z.tz, 'all', e.cust, '-infinity', count(DISTINCT (e.ts AT TIME ZONE z.tz)::date)
FROM act_events e, act_zones z WHERE e.cust IS NOT NULL GROUP BY 1, 2, 3;

-- the plain SQL must see 23- and 25-hour days (and Lord Howe's 23.5 and 24.5) inside the ranges
SELECT count(*) FILTER (WHERE len = interval '23 hours') AS short_days,
       count(*) FILTER (WHERE len = interval '25 hours') AS long_days,
       count(*) FILTER (WHERE len IN (interval '23:30', interval '24:30')) AS lord_howe_days
FROM (SELECT ((r.first_day + i + 1)::timestamp AT TIME ZONE z.tz) - ((r.first_day + i)::timestamp AT TIME ZONE z.tz) AS len
      FROM act_ranges r, act_zones z, generate_series(0, r.last_day - r.first_day) i) s;

-- the comparisons: rows, differences (0), busiest day, and a digest of our rows
CREATE TEMP VIEW act_compare AS
WITH u AS MATERIALIZED (SELECT * FROM act_users_ours),
     s AS MATERIALIZED (SELECT * FROM act_stick_ours),
     d AS MATERIALIZED (SELECT * FROM act_active_days_ours)
SELECT 'active_users' AS fn, (SELECT count(*) FROM u) AS rows,
       (SELECT count(*) FROM u FULL JOIN act_users_ref p USING (name, tz, day)
        WHERE u.dau IS DISTINCT FROM p.dau OR u.wau IS DISTINCT FROM p.wau OR u.mau IS DISTINCT FROM p.mau) AS differences,
       (SELECT max(mau) FROM u) AS max_count,
       (SELECT md5(string_agg(concat_ws(',', name, tz, day, dau, wau, mau), ';' ORDER BY name, tz, day)) FROM u) AS digest
UNION ALL
SELECT 'stickiness', (SELECT count(*) FROM s),
       (SELECT count(*) FROM s FULL JOIN act_stick_ref p USING (name, tz, unit, period_start, active_days)
        WHERE s.customers IS DISTINCT FROM p.customers),
       (SELECT max(customers) FROM s),
       (SELECT md5(string_agg(concat_ws(',', name, tz, unit, period_start, active_days, customers), ';'
                              ORDER BY name, tz, unit, period_start, active_days)) FROM s)
UNION ALL
SELECT 'active_days', (SELECT count(*) FROM d),
       (SELECT count(*) FROM d FULL JOIN act_active_days_ref r USING (tz, unit, cust, p)
        WHERE d.n IS DISTINCT FROM r.n),
       (SELECT max(n) FROM d),
       (SELECT md5(string_agg(concat_ws(',', tz, unit, cust, extract(epoch FROM p), n), ';'
                              ORDER BY tz, unit, cust, p)) FROM d);

SET TimeZone = 'UTC';
SELECT * FROM act_compare ORDER BY fn;
SET TimeZone = 'America/Los_Angeles';
SELECT * FROM act_compare ORDER BY fn;
SET TimeZone = 'Asia/Kolkata';
SELECT * FROM act_compare ORDER BY fn;
RESET TimeZone;

-- the counts are not trivial: days with DAU < WAU < MAU, customers active on 2+ days of a week
SELECT count(*) FILTER (WHERE dau < wau AND wau < mau) AS days_dau_lt_wau_lt_mau,
       count(*) FILTER (WHERE dau = 0) AS days_without_activity
FROM act_users_ref;
SELECT sum(customers) FILTER (WHERE active_days >= 2) AS weekly_2_plus
FROM act_stick_ref WHERE unit = 'week';

-- hand-checked, America/New_York: customer 2 active Sat 2024-02-10 counts in MAU until
-- March 8 (27 days later, 2024 is a leap year); customer 1 on March 1 and 3 (WAU until
-- March 9); customer 3 at 23:30 UTC on March 10 is 19:30 EDT, still March 10. NULL
-- customers and timestamps are skipped.
SELECT u.* FROM unnest((
  SELECT active_users(c, ts, 'America/New_York', '2024-03-01', '2024-03-12')
  FROM (VALUES (1, timestamptz '2024-03-01 10:00+00'), (1, '2024-03-03 10:00+00'), (2, '2024-02-10 10:00+00'),
               (3, '2024-03-10 23:30+00'), (3, NULL), (NULL, '2024-03-02 12:00+00')) v(c, ts))) u;
-- the same rows by ISO week in UTC: 2 days in the week of Monday February 26 (March 1 and 3)
SELECT b.* FROM unnest((
  SELECT stickiness(c, ts, 'week', 'UTC', '2024-02-26', '2024-03-10')
  FROM (VALUES (1, timestamptz '2024-03-01 10:00+00'), (1, '2024-03-03 10:00+00'), (2, '2024-02-10 10:00+00'),
               (3, '2024-03-10 23:30+00')) v(c, ts))) b
WHERE b.customers > 0;
-- local midnight in New York across the spring-forward: 04:59:59.999999 UTC on March 10 is
-- March 9 23:59:59.999999 EST, 05:00 UTC is March 10; Kolkata's day starts at 18:30 UTC
SELECT (u).day, (u).dau
FROM unnest((SELECT active_users(c, ts, 'America/New_York', '2024-03-09', '2024-03-10')
             FROM (VALUES (1, timestamptz '2024-03-10 04:59:59.999999+00'), (2, '2024-03-10 05:00+00'),
                          (3, '2024-03-10 05:00+00')) v(c, ts))) u;
SELECT (u).day, (u).dau
FROM unnest((SELECT active_users(c, ts, 'Asia/Kolkata', '2024-03-31', '2024-04-01')
             FROM (VALUES (1, timestamptz '2024-03-31 18:29:59+00'), (2, '2024-03-31 18:30+00')) v(c, ts))) u;
-- no rows: NULL; only NULL customers: zeros
SELECT active_users(c, ts, 'UTC', '2024-03-01', '2024-03-02') IS NULL AS no_rows,
       stickiness(c, ts, 'month', 'UTC', '2024-03-01', '2024-03-02') IS NULL AS no_rows_stickiness
FROM (VALUES (1, timestamptz '2024-03-01')) v(c, ts) WHERE false;
SELECT active_users(NULL::bigint, ts, 'UTC', '2024-03-01', '2024-03-02') AS null_customers
FROM (VALUES (timestamptz '2024-03-01')) v(ts);
-- a partial period at the range's ends counts only its days inside the range: the month of
-- March from March 30 has two cells (1 and 2 days), period_start is still March 1
SELECT b.* FROM unnest((SELECT stickiness(1, ts, 'month', 'UTC', '2024-03-30', '2024-04-01')
                        FROM (VALUES (timestamptz '2024-03-30 12:00+00'), ('2024-03-31 12:00+00')) v(ts))) b;

-- active_days: the New York spring-forward again (March 9 and 10), a NULL timestamp skipped;
-- a group of NULL timestamps has 0 days, a group without rows NULL
SELECT active_days(ts, 'America/New_York') AS ny, active_days(ts, 'UTC') AS utc
FROM (VALUES (timestamptz '2024-03-10 04:59:59.999999+00'), ('2024-03-10 05:00+00'), ('2024-03-10 23:00+00'),
             (NULL)) v(ts);
SELECT active_days(ts, 'UTC') AS null_ts FROM (VALUES (NULL::timestamptz)) v(ts);
SELECT active_days(ts, 'UTC') IS NULL AS no_rows FROM (VALUES (timestamptz '2024-01-01')) v(ts) WHERE false;

-- text customers give the bigint answer
SELECT count(*) AS zones, count(*) FILTER (WHERE t.a <> b.a OR t.s <> b.s) AS text_key_mismatches FROM (
  SELECT z.tz, active_users(e.cust::text, e.ts, z.tz, '2024-02-25', '2024-04-15')::text AS a,
         stickiness(e.cust::text, e.ts, 'week', z.tz, '2024-09-28', '2024-11-12')::text AS s
  FROM act_events e, act_zones z GROUP BY z.tz) t
JOIN (
  SELECT z.tz, active_users(e.cust, e.ts, z.tz, '2024-02-25', '2024-04-15')::text AS a,
         stickiness(e.cust, e.ts, 'week', z.tz, '2024-09-28', '2024-11-12')::text AS s
  FROM act_events e, act_zones z GROUP BY z.tz) b USING (tz);

-- row order does not matter
SELECT count(*) AS zones, count(*) FILTER (WHERE t.a <> b.a OR t.s <> b.s) AS order_mismatches FROM (
  SELECT z.tz, active_users(e.cust, e.ts, z.tz, '2024-02-25', '2024-04-15' ORDER BY e.ts DESC)::text AS a,
         stickiness(e.cust, e.ts, 'month', z.tz, '2024-09-28', '2024-11-12' ORDER BY hashint8(e.cust), e.ts)::text AS s
  FROM act_events e, act_zones z GROUP BY z.tz) t
JOIN (
  SELECT z.tz, active_users(e.cust, e.ts, z.tz, '2024-02-25', '2024-04-15')::text AS a,
         stickiness(e.cust, e.ts, 'month', z.tz, '2024-09-28', '2024-11-12')::text AS s
  FROM act_events e, act_zones z GROUP BY z.tz) b USING (tz);

-- serial = parallel = partitionwise: one group over the whole table (each worker sees part
-- of a customer's rows; the leader merges their serialised states) and groups by bucket
CREATE TABLE act_big AS
SELECT (cust * 7 + k) % 500 AS cust, ts + k * interval '17 hours' AS ts, k % 3 AS bucket
FROM act_events, generate_series(0, 9) k WHERE cust IS NOT NULL AND ts IS NOT NULL;
ANALYZE act_big;
CREATE TABLE act_serial AS
SELECT bucket, active_users(cust, ts, 'Europe/Berlin', '2024-03-01', '2024-04-30')::text AS a,
       stickiness(cust, ts, 'week', 'Asia/Kolkata', '2024-03-01', '2024-04-30')::text AS s,
       active_days(ts, 'America/New_York') AS d
FROM act_big GROUP BY GROUPING SETS ((bucket), ());
CREATE TABLE act_serial_customers AS
SELECT cust, count(DISTINCT (ts AT TIME ZONE 'Asia/Kolkata')::date) AS d FROM act_big GROUP BY cust;
SET max_parallel_workers_per_gather = 2;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF) SELECT active_users(cust, ts, 'Europe/Berlin', '2024-03-01', '2024-04-30') FROM act_big;
SELECT count(*) AS parallel_mismatches FROM (
  SELECT active_users(cust, ts, 'Europe/Berlin', '2024-03-01', '2024-04-30')::text AS a,
         stickiness(cust, ts, 'week', 'Asia/Kolkata', '2024-03-01', '2024-04-30')::text AS s,
         active_days(ts, 'America/New_York') AS d
  FROM act_big) p, act_serial s
WHERE s.bucket IS NULL AND (p.a <> s.a OR p.s <> s.s OR p.d <> s.d);
SET enable_hashagg = off;
SELECT count(*) AS parallel_bucket_mismatches FROM (
  SELECT bucket, active_users(cust, ts, 'Europe/Berlin', '2024-03-01', '2024-04-30')::text AS a,
         stickiness(cust, ts, 'week', 'Asia/Kolkata', '2024-03-01', '2024-04-30')::text AS s,
         active_days(ts, 'America/New_York') AS d
  FROM act_big GROUP BY bucket) p FULL JOIN (SELECT * FROM act_serial WHERE bucket IS NOT NULL) s USING (bucket)
WHERE p.a IS DISTINCT FROM s.a OR p.s IS DISTINCT FROM s.s OR p.d IS DISTINCT FROM s.d;
EXPLAIN (COSTS OFF) SELECT cust, active_days(ts, 'UTC') FROM act_big GROUP BY cust;
SELECT count(*) AS customers, count(*) FILTER (WHERE p.d IS DISTINCT FROM s.d) AS parallel_customer_mismatches
FROM (SELECT cust, active_days(ts, 'Asia/Kolkata') AS d FROM act_big GROUP BY cust) p
FULL JOIN act_serial_customers s USING (cust);
RESET enable_hashagg;
RESET parallel_leader_participation;
RESET max_parallel_workers_per_gather;

-- partitions by time: a customer's rows are in several partitions, whose partial states the
-- combine function merges
CREATE TABLE act_part (cust bigint, ts timestamptz, bucket int) PARTITION BY RANGE (ts);
CREATE TABLE act_part_0 PARTITION OF act_part FOR VALUES FROM (MINVALUE) TO ('2024-03-25');
CREATE TABLE act_part_1 PARTITION OF act_part FOR VALUES FROM ('2024-03-25') TO ('2024-04-10');
CREATE TABLE act_part_2 PARTITION OF act_part FOR VALUES FROM ('2024-04-10') TO (MAXVALUE);
INSERT INTO act_part SELECT * FROM act_big;
ANALYZE act_part;
SET enable_partitionwise_aggregate = on;
SET max_parallel_workers_per_gather = 0;
EXPLAIN (COSTS OFF) SELECT bucket, active_users(cust, ts, 'Europe/Berlin', '2024-03-01', '2024-04-30') FROM act_part GROUP BY bucket;
SELECT count(*) AS partitionwise_mismatches FROM (
  SELECT bucket, active_users(cust, ts, 'Europe/Berlin', '2024-03-01', '2024-04-30')::text AS a,
         stickiness(cust, ts, 'week', 'Asia/Kolkata', '2024-03-01', '2024-04-30')::text AS s,
         active_days(ts, 'America/New_York') AS d
  FROM act_part GROUP BY bucket) p FULL JOIN (SELECT * FROM act_serial WHERE bucket IS NOT NULL) s USING (bucket)
WHERE p.a IS DISTINCT FROM s.a OR p.s IS DISTINCT FROM s.s OR p.d IS DISTINCT FROM s.d;
RESET enable_partitionwise_aggregate;
RESET max_parallel_workers_per_gather;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;

-- errors (an unknown zone only by SQLSTATE below: its message comes from the server and
-- differs between PostgreSQL versions): NULL zone or range, a range backwards, infinite or too long, a
-- stickiness unit that is not week or month, parameters changing within a group, an
-- infinite timestamp
SELECT active_users(1, now(), NULL, '2024-01-01', '2024-01-31');
SELECT active_users(1, now(), 'UTC', NULL, '2024-01-31');
SELECT active_users(1, now(), 'UTC', '2024-01-31', '2024-01-01');
SELECT active_users(1, now(), 'UTC', '-infinity', '2024-01-01');
SELECT active_users(1, now(), 'UTC', '1900-01-01', '2024-01-01');
SELECT stickiness(1, now(), 'day', 'UTC', '2024-01-01', '2024-01-31');
SELECT stickiness(1, now(), NULL, 'UTC', '2024-01-01', '2024-01-31');
SELECT active_users(c, ts, z, '2024-01-01', '2024-01-31')
FROM (VALUES (1, timestamptz '2024-01-01', 'UTC'), (2, '2024-01-02', 'Asia/Kolkata')) v(c, ts, z);
SELECT stickiness(c, ts, u, 'UTC', '2024-01-01', '2024-01-31')
FROM (VALUES (1, timestamptz '2024-01-01', 'week'), (2, '2024-01-02', 'month')) v(c, ts, u);
SELECT active_users(c, ts, 'UTC', '2024-01-01', l)
FROM (VALUES (1, timestamptz '2024-01-01', date '2024-01-31'), (2, '2024-01-02', '2024-02-29')) v(c, ts, l);
SELECT active_users(1, 'infinity', 'UTC', '2024-01-01', '2024-01-31');
SELECT active_days(ts, 'UTC') FROM (VALUES (timestamptz '1900-01-01 12:00+00'), ('2024-01-01 12:00+00')) v(ts);
SELECT active_days(ts, z) FROM (VALUES (timestamptz '2024-01-01', 'UTC'), ('2024-01-02', 'Asia/Kolkata')) v(ts, z);
SELECT active_days(now(), NULL);
-- the SQLSTATEs
DO $$
DECLARE
  cases text[] := ARRAY[
    $q$SELECT active_users(1, now(), 'Nowhere/Atlantis', '2024-01-01', '2024-01-31')$q$,
    $q$SELECT active_users(1, now(), 'UTC', '2024-01-31', '2024-01-01')$q$,
    $q$SELECT active_users(1, now(), 'UTC', '2024-01-01', 'infinity')$q$,
    $q$SELECT active_users(1, now(), 'UTC', '1900-01-01', '2024-01-01')$q$,
    $q$SELECT stickiness(1, now(), 'quarter', 'UTC', '2024-01-01', '2024-01-31')$q$,
    $q$SELECT stickiness(1, now(), 'week', NULL, '2024-01-01', '2024-01-31')$q$,
    $q$SELECT active_users(1, '-infinity', 'UTC', '2024-01-01', '2024-01-31')$q$,
    $q$SELECT active_days(now(), 'Nowhere/Atlantis')$q$,
    $q$SELECT active_days(ts, 'UTC') FROM (VALUES (timestamptz '1900-01-01'), ('2024-01-01')) v(ts)$q$];
  q text;
BEGIN
  FOREACH q IN ARRAY cases LOOP
    BEGIN
      EXECUTE q;
      RAISE NOTICE 'no error: %', q;
    EXCEPTION WHEN OTHERS THEN
      RAISE NOTICE '%: %', SQLSTATE, q;
    END;
  END LOOP;
END $$;
