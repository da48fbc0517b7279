-- sessions: session_stats aggregate and session_number window function
SET TimeZone = 'UTC';

-- hand-checked: events at 0, 10, 50, 51 min with a 30 min gap (one NULL ts skipped)
-- -> sessions [0, 10] and [50, 51]: 2 sessions, 4 events, total 11 min, avg 5.5 min,
--    no bounce, both engaged (2 events each), first 00:00, last 00:51,
--    starts 50 min apart / 1 = 50 / 1440 days = 0.034722...
SELECT (r).* FROM (
  SELECT session_stats(ts, interval '30 minutes') AS r
  FROM (VALUES (timestamptz '2024-01-01 00:00+00'), ('2024-01-01 00:10+00'),
               ('2024-01-01 00:50+00'), ('2024-01-01 00:51+00'), (NULL)) v(ts)) q;
SELECT (r).avg_days_between_sessions = 50.0 / 1440 AS avg_days_exact FROM (
  SELECT session_stats(ts, interval '30 minutes') AS r
  FROM (VALUES (timestamptz '2024-01-01 00:00+00'), ('2024-01-01 00:10+00'),
               ('2024-01-01 00:50+00'), ('2024-01-01 00:51+00')) v(ts)) q;

-- the boundary: a gap of exactly 'gap' keeps the session; one microsecond more splits it
-- -> 1 session of 30 min; then 2 one-event sessions (2 bounces, none engaged, total 0)
SELECT (r).sessions, (r).total_duration, (r).bounces, (r).engaged_sessions FROM (
  SELECT session_stats(ts, interval '30 minutes') AS r
  FROM (VALUES (timestamptz '2024-01-01 00:00+00'), ('2024-01-01 00:30+00')) v(ts)) q;
SELECT (r).sessions, (r).total_duration, (r).bounces, (r).engaged_sessions FROM (
  SELECT session_stats(ts, interval '30 minutes') AS r
  FROM (VALUES (timestamptz '2024-01-01 00:00+00'), ('2024-01-01 00:30:00.000001+00')) v(ts)) q;

-- engaged thresholds, four sessions (gap 30 min):
--   A 00:00:00, 00:00:05           2 events,  5 s
--   B 02:00:00, 02:00:12           2 events, 12 s
--   C 04:00:00, 04:00:01, 04:00:02 3 events,  2 s
--   D 06:00:00                     1 event,   0 s (bounce)
-- total 19 s, avg 4.75 s, 1 bounce, starts 6 h apart over 3 gaps -> 2 h = 1/12 day.
-- engaged: default (>= 10 s or >= 2 events) A B C = 3; (10 s, 3) B C = 2;
--          (1 hour, 1) A B C D = 4; (10 s, 100) B = 1; (1 hour, 3) C = 1
CREATE TABLE four_sessions (ts timestamptz);
INSERT INTO four_sessions VALUES
  ('2024-01-01 00:00:00+00'), ('2024-01-01 00:00:05+00'),
  ('2024-01-01 02:00:00+00'), ('2024-01-01 02:00:12+00'),
  ('2024-01-01 04:00:00+00'), ('2024-01-01 04:00:01+00'), ('2024-01-01 04:00:02+00'),
  ('2024-01-01 06:00:00+00');
SELECT (r).* FROM (SELECT session_stats(ts, interval '30 minutes') AS r FROM four_sessions) q;
SELECT (session_stats(ts, interval '30 minutes', interval '10 seconds', 3)).engaged_sessions AS e_10s_3,
       (session_stats(ts, interval '30 minutes', interval '1 hour', 1)).engaged_sessions AS e_1h_1,
       (session_stats(ts, interval '30 minutes', interval '10 seconds', 100)).engaged_sessions AS e_10s_100,
       (session_stats(ts, interval '30 minutes', interval '1 hour', 3)).engaged_sessions AS e_1h_3,
       (session_stats(ts, interval '30 minutes', interval '10 seconds', 2)).engaged_sessions AS e_ga4
FROM four_sessions;
-- a gap of 3 hours joins everything into one session of 6 h, 8 events
SELECT (r).sessions, (r).events, (r).total_duration, (r).avg_days_between_sessions IS NULL AS one_session_null
FROM (SELECT session_stats(ts, interval '3 hours') AS r FROM four_sessions) q;

-- ties: two events at the same instant are one session of 0 s with 2 events (engaged, no bounce)
SELECT (r).* FROM (
  SELECT session_stats(ts, interval '1 minute') AS r
  FROM (VALUES (timestamptz '2024-01-01 00:00+00'), ('2024-01-01 00:00+00')) v(ts)) q;
-- one event: 1 session, a bounce, avg_days NULL
SELECT (r).* FROM (
  SELECT session_stats(ts, interval '1 minute') AS r
  FROM (VALUES (timestamptz '2024-01-01 00:00+00')) v(ts)) q;
-- empty and all-NULL groups -> NULL
SELECT session_stats(ts, interval '30 minutes') IS NULL AS empty_is_null
FROM four_sessions WHERE false;
SELECT session_stats(ts, interval '30 minutes') IS NULL AS all_null_is_null
FROM (VALUES (NULL::timestamptz), (NULL)) v(ts);

-- session_number, hand-checked: 0, 10, 50, 51 min -> 1 1 2 2; NULL ts -> NULL;
-- customer 2: 0 and 30 min (exactly the gap) -> 1 1, then 61 min -> 2
SELECT c, ts, session_number(ts, interval '30 minutes') OVER (PARTITION BY c ORDER BY ts) AS sn
FROM (VALUES (1, timestamptz '2024-01-01 00:51+00'), (1, '2024-01-01 00:00+00'),
             (1, NULL), (1, '2024-01-01 00:50+00'), (1, '2024-01-01 00:10+00'),
             (2, '2024-01-01 00:30+00'), (2, '2024-01-01 00:00+00'), (2, '2024-01-01 01:01+00')) v(c, ts)
ORDER BY c, ts;
-- NULLS FIRST: NULL rows give NULL and do not start a session
SELECT ts, session_number(ts, interval '30 minutes') OVER (ORDER BY ts NULLS FIRST) AS sn
FROM (VALUES (timestamptz '2024-01-01 00:00+00'), (NULL), ('2024-01-01 02:00+00'), (NULL)) v(ts)
ORDER BY ts NULLS FIRST;

-- generated data: 210,000 events of 5,000 customers, 40 six-hour slots, events spread
-- over the first hour of a slot at one-second resolution (ties and exact 30 min gaps occur);
-- every 997th timestamp is NULL
CREATE TABLE sess_events AS
SELECT i AS id, 1 + (hashint4(i) & 2147483647) % 5000 AS cust,
       CASE WHEN i % 997 = 0 THEN NULL ELSE
         timestamptz '2024-01-01 00:00:00+00'
         + ((hashint4(i + 1000003) & 2147483647) % 40) * interval '6 hours'
         + ((hashint4(i + 2000003) & 2147483647) % 3600) * interval '1 second' END AS ts
FROM generate_series(1, 210000) i;
ANALYZE sess_events;

-- plain-SQL reference: lag() marks session starts, a running sum numbers them
CREATE TABLE sess_marked AS
SELECT id, cust, ts,
       CASE WHEN lag(ts) OVER w IS NULL OR ts - lag(ts) OVER w > interval '30 minutes'
            THEN 1 ELSE 0 END AS starts
FROM sess_events WHERE ts IS NOT NULL
WINDOW w AS (PARTITION BY cust ORDER BY ts);
CREATE TABLE sess_ref AS
WITH numbered AS (
  SELECT cust, ts, sum(starts) OVER (PARTITION BY cust ORDER BY ts) AS sn FROM sess_marked),
sess AS (
  SELECT cust, sn, min(ts) AS st, max(ts) AS en, count(*) AS n FROM numbered GROUP BY cust, sn)
SELECT cust, count(*) AS sessions, sum(n) AS events, sum(en - st) AS total_duration,
       count(*) FILTER (WHERE n = 1) AS bounces,
       count(*) FILTER (WHERE en - st >= interval '10 seconds' OR n >= 2) AS engaged,
       count(*) FILTER (WHERE en - st >= interval '20 minutes' OR n >= 4) AS engaged_20m_4,
       min(st) AS first_seen, max(en) AS last_seen,
       CASE WHEN count(*) > 1
            THEN extract(epoch FROM max(st) - min(st)) / 86400 / (count(*) - 1) END AS avg_days
FROM sess GROUP BY cust;

-- the data exercises what it should
SELECT count(*) = 5000 AS all_customers,
       sum(sessions) > 5000 AND sum(bounces) > 0 AND sum(bounces) < sum(sessions) AS has_bounces,
       sum(engaged_20m_4) > 0 AND sum(engaged_20m_4) < sum(engaged) AS thresholds_differ
FROM sess_ref;
SELECT count(*) > 0 AS has_exact_gaps FROM (
  SELECT ts - lag(ts) OVER (PARTITION BY cust ORDER BY ts) AS d FROM sess_events) t
WHERE d = interval '30 minutes';
SELECT count(*) > 0 AS has_ties FROM (
  SELECT ts - lag(ts) OVER (PARTITION BY cust ORDER BY ts) AS d FROM sess_events) t
WHERE d = interval '0';

CREATE TABLE sess_ours AS
SELECT cust, session_stats(ts, interval '30 minutes') AS s,
       session_stats(ts, interval '30 minutes', interval '20 minutes', 4) AS s4
FROM sess_events GROUP BY cust;

-- every field against the reference: zero mismatches
SELECT count(*) AS mismatches
FROM sess_ours o FULL JOIN sess_ref r USING (cust)
WHERE (o.s).sessions IS DISTINCT FROM r.sessions
   OR (o.s).events IS DISTINCT FROM r.events
   OR (o.s).total_duration IS DISTINCT FROM r.total_duration
   OR (o.s).avg_duration IS DISTINCT FROM (o.s).total_duration / (o.s).sessions
   OR abs(extract(epoch FROM (o.s).avg_duration)
          - extract(epoch FROM r.total_duration) / r.sessions) > 0.000001
   OR (o.s).bounces IS DISTINCT FROM r.bounces
   OR (o.s).engaged_sessions IS DISTINCT FROM r.engaged
   OR (o.s4).engaged_sessions IS DISTINCT FROM r.engaged_20m_4
   OR (o.s).first_seen IS DISTINCT FROM r.first_seen
   OR (o.s).last_seen IS DISTINCT FROM r.last_seen
   OR ((o.s).avg_days_between_sessions IS NULL) <> (r.avg_days IS NULL)
   OR abs((o.s).avg_days_between_sessions - r.avg_days) > 1e-12 * greatest(1, r.avg_days)
   OR (o.s4).sessions IS DISTINCT FROM r.sessions;
-- with the GA4 default every non-bounce session is engaged (bounce rate = 1 - engagement rate)
SELECT count(*) AS ga4_identity_mismatches FROM sess_ours
WHERE (s).engaged_sessions <> (s).sessions - (s).bounces;

-- input order does not matter: ascending, descending and hashed orders agree
SELECT count(*) AS order_mismatches FROM (
  SELECT cust,
         session_stats(ts, interval '30 minutes' ORDER BY ts) AS a,
         session_stats(ts, interval '30 minutes' ORDER BY ts DESC) AS d,
         session_stats(ts, interval '30 minutes' ORDER BY hashint4(id + 17)) AS h
  FROM sess_events GROUP BY cust) t
JOIN sess_ours o USING (cust)
WHERE a IS DISTINCT FROM o.s OR d IS DISTINCT FROM o.s OR h IS DISTINCT FROM o.s;

-- session_number against lag() + running sum; NULL ts rows -> NULL
SELECT count(*) AS session_number_mismatches FROM (
  SELECT e.id, session_number(e.ts, interval '30 minutes')
           OVER (PARTITION BY e.cust ORDER BY e.ts) AS ours,
         CASE WHEN e.ts IS NOT NULL THEN
           sum(m.starts) OVER (PARTITION BY e.cust ORDER BY e.ts) END AS ref
  FROM sess_events e LEFT JOIN sess_marked m USING (id)) t
WHERE ours IS DISTINCT FROM ref;
-- the last session number of each customer is its session count
SELECT count(*) AS session_count_mismatches FROM (
  SELECT cust, max(sn) AS last_sn FROM (
    SELECT cust, session_number(ts, interval '30 minutes') OVER (PARTITION BY cust ORDER BY ts) AS sn
    FROM sess_events) t GROUP BY cust) n
JOIN sess_ours o USING (cust)
WHERE n.last_sn IS DISTINCT FROM (o.s).sessions;

-- serial = parallel = partitionwise
CREATE TABLE sess_serial AS
SELECT cust, session_stats(ts, interval '30 minutes') AS s FROM sess_events GROUP BY cust;
CREATE TABLE sess_serial_all AS
SELECT session_stats(ts, interval '30 minutes') AS s FROM sess_events;
SET max_parallel_workers_per_gather = 2;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET parallel_leader_participation = off;
SET enable_hashagg = off;
EXPLAIN (COSTS OFF)
SELECT cust, session_stats(ts, interval '30 minutes') FROM sess_events GROUP BY cust;
SELECT count(*) AS parallel_mismatches FROM (
  SELECT cust, session_stats(ts, interval '30 minutes') AS s FROM sess_events GROUP BY cust) p
FULL JOIN sess_serial s USING (cust)
WHERE p.s IS DISTINCT FROM s.s;
EXPLAIN (COSTS OFF)
SELECT session_stats(ts, interval '30 minutes') FROM sess_events;
SELECT session_stats(ts, interval '30 minutes') = (SELECT s FROM sess_serial_all) AS whole_table_parallel
FROM sess_events;
SELECT count(*) AS parallel_session_number_mismatches FROM (
  SELECT id, session_number(ts, interval '30 minutes') OVER (PARTITION BY cust ORDER BY ts) AS sn
  FROM sess_events) p
JOIN (SELECT e.id, CASE WHEN e.ts IS NOT NULL THEN
        sum(m.starts) OVER (PARTITION BY e.cust ORDER BY e.ts) END AS ref
      FROM sess_events e LEFT JOIN sess_marked m USING (id)) r USING (id)
WHERE p.sn IS DISTINCT FROM r.ref;
RESET enable_hashagg;
RESET parallel_leader_participation;
RESET max_parallel_workers_per_gather;

CREATE TABLE sess_part (LIKE sess_events) PARTITION BY HASH (id);
CREATE TABLE sess_part_0 PARTITION OF sess_part FOR VALUES WITH (MODULUS 3, REMAINDER 0);
CREATE TABLE sess_part_1 PARTITION OF sess_part FOR VALUES WITH (MODULUS 3, REMAINDER 1);
CREATE TABLE sess_part_2 PARTITION OF sess_part FOR VALUES WITH (MODULUS 3, REMAINDER 2);
INSERT INTO sess_part SELECT * FROM sess_events;
ANALYZE sess_part;
SET enable_partitionwise_aggregate = on;
SET max_parallel_workers_per_gather = 0;
SET enable_hashagg = off;
EXPLAIN (COSTS OFF)
SELECT cust, session_stats(ts, interval '30 minutes') FROM sess_part GROUP BY cust;
SELECT count(*) AS partitionwise_mismatches FROM (
  SELECT cust, session_stats(ts, interval '30 minutes') AS s FROM sess_part GROUP BY cust) p
FULL JOIN sess_serial s USING (cust)
WHERE p.s IS DISTINCT FROM s.s;
RESET enable_hashagg;
RESET enable_partitionwise_aggregate;
RESET max_parallel_workers_per_gather;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;

-- bad input: a clear error with a specific SQLSTATE each, never a crash
\set VERBOSITY default
SELECT session_stats(ts, NULL) FROM four_sessions;
\echo :LAST_ERROR_SQLSTATE
SELECT session_stats(ts, interval '0') FROM four_sessions;
\echo :LAST_ERROR_SQLSTATE
SELECT session_stats(ts, interval '-5 minutes') FROM four_sessions;
\echo :LAST_ERROR_SQLSTATE
SELECT session_stats(ts, interval '30 minutes') FROM (VALUES (timestamptz 'infinity')) v(ts);
\echo :LAST_ERROR_SQLSTATE
SELECT session_stats(ts, interval '30 minutes') FROM (VALUES (timestamptz '-infinity')) v(ts);
\echo :LAST_ERROR_SQLSTATE
SELECT session_stats(ts, g) FROM (VALUES (timestamptz '2024-01-01', interval '1 minute'),
                                         ('2024-01-02', interval '2 minutes')) v(ts, g);
\echo :LAST_ERROR_SQLSTATE
SELECT session_stats(ts, interval '30 minutes', NULL, 2) FROM four_sessions;
\echo :LAST_ERROR_SQLSTATE
SELECT session_stats(ts, interval '30 minutes', interval '10 seconds', 0) FROM four_sessions;
\echo :LAST_ERROR_SQLSTATE
SELECT session_stats(ts, interval '30 minutes', interval '0', 2) FROM four_sessions;
\echo :LAST_ERROR_SQLSTATE
SELECT session_number(ts, NULL) OVER (ORDER BY ts) FROM four_sessions;
\echo :LAST_ERROR_SQLSTATE
SELECT session_number(ts, interval '0') OVER (ORDER BY ts) FROM four_sessions;
\echo :LAST_ERROR_SQLSTATE
SELECT session_number(ts, interval '1 minute') OVER (ORDER BY ts) FROM (VALUES (timestamptz 'infinity')) v(ts);
\echo :LAST_ERROR_SQLSTATE
SELECT session_number(ts, interval '1 minute') OVER (ORDER BY ts DESC) FROM four_sessions;
\echo :LAST_ERROR_SQLSTATE
SELECT session_number(ts, g) OVER (ORDER BY ts)
FROM (VALUES (timestamptz '2024-01-01', interval '1 minute'), ('2024-01-02', interval '2 minutes')) v(ts, g);
\echo :LAST_ERROR_SQLSTATE
-- session_stats sorts its buffer in its final function, so it is not a window aggregate
SELECT session_stats(ts, interval '30 minutes') OVER (ORDER BY ts) FROM four_sessions;
\echo :LAST_ERROR_SQLSTATE
-- the widest finite timestamps: no overflow, a clear error only if the span cannot be an interval
SELECT (r).sessions, (r).bounces FROM (
  SELECT session_stats(ts, interval '1 day') AS r
  FROM (VALUES (timestamptz '4713-11-24 00:00:00+00 BC'), ('294276-12-31 00:00:00+00')) v(ts)) q;
SELECT session_number(ts, interval '1 day') OVER (ORDER BY ts) AS sn
FROM (VALUES (timestamptz '4713-11-24 00:00:00+00 BC'), ('294276-12-31 00:00:00+00')) v(ts)
ORDER BY sn;
-- one session from 4713 BC to 294276 AD (gaps under 160,000 years) lasts longer than an interval
SELECT session_stats(ts, interval '160000 years') FROM
  (VALUES (timestamptz '4713-11-24 00:00:00+00 BC'), ('145000-01-01 00:00:00+00'),
          ('294276-12-31 00:00:00+00')) v(ts);
\echo :LAST_ERROR_SQLSTATE
