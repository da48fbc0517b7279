-- feedback: nps, csat and their state types

-- hand-checked: answers 10, 9, 8, 7, 6, 0 -> 2 promoters, 2 passives, 2 detractors -> NPS 0
SELECT nps(s) FROM (VALUES (10), (9), (8), (7), (6), (0)) v(s);
-- 3 promoters, 1 detractor of 5 answers (one NULL skipped) -> 100 * (3 - 1) / 5 = 40
SELECT nps(s) FROM (VALUES (10), (9), (9), (7), (3), (NULL)) v(s);
-- all promoters -> 100, all detractors -> -100
SELECT nps(s) FROM (VALUES (9), (10)) v(s);
SELECT nps(s) FROM (VALUES (0), (6)) v(s);
-- empty group and all-NULL group -> NULL
SELECT nps(s) IS NULL AS empty_is_null FROM (VALUES (1)) v(s) WHERE false;
SELECT nps(s) IS NULL AS all_null_is_null FROM (VALUES (NULL::int)) v(s);

-- CSAT top-2-box on 1-5: answers 5, 4, 4, 3, 1 -> 3 of 5 satisfied = 60; mean = 17 / 5 = 3.4
SELECT csat(s), csat_mean(csat_agg(s)), responses(csat_agg(s)) FROM (VALUES (5), (4), (4), (3), (1)) v(s);
-- satisfied from 5 -> 1 of 5 = 20; 1-10 scale satisfied from 8: 8, 9, 10 of 6 answers = 50
SELECT csat(s, 5) FROM (VALUES (5), (4), (4), (3), (1)) v(s);
SELECT csat(s, 8) FROM (VALUES (10), (9), (8), (7), (2), (1)) v(s);
SELECT csat(s) IS NULL AS empty_is_null FROM (VALUES (1)) v(s) WHERE false;

-- state text form, and text round trip
SELECT nps_agg(s) FROM (VALUES (10), (9), (8), (7), (6), (0), (NULL)) v(s);
SELECT csat_agg(s, 3) FROM (VALUES (5), (3), (3), (1)) v(s);
SELECT 'promoters=3 passives=1 detractors=2'::nps_state::text;
SELECT nps('promoters=3 passives=1 detractors=2'::nps_state);

-- rollup: daily states roll up to the same answer as one pass over all rows
CREATE TABLE survey AS
SELECT i AS id, date '2024-01-01' + (i % 31) AS day,
       (hashint4(i) & 2147483647) % 11 AS nps_score,
       1 + (hashint4(i + 7) & 2147483647) % 5 AS csat_score
FROM generate_series(1, 200000) i;
ANALYZE survey;
CREATE TABLE survey_daily AS
SELECT day, nps_agg(nps_score) AS n, csat_agg(csat_score) AS c FROM survey GROUP BY day;
SELECT nps(rollup(n)) = (SELECT nps(nps_score) FROM survey) AS nps_rollup_equal,
       csat(rollup(c)) = (SELECT csat(csat_score) FROM survey) AS csat_rollup_equal
FROM survey_daily;

-- against plain SQL on the same rows: zero mismatches per day
SELECT count(*) AS nps_mismatches FROM (
  SELECT day, nps(nps_score) AS ours,
         100.0 * (count(*) FILTER (WHERE nps_score >= 9) - count(*) FILTER (WHERE nps_score <= 6))
           / count(*) AS plain
  FROM survey GROUP BY day) t
WHERE abs(ours - plain) > 1e-9;
SELECT count(*) AS csat_mismatches FROM (
  SELECT day, csat(csat_score) AS ours,
         100.0 * count(*) FILTER (WHERE csat_score >= 4) / count(*) AS plain,
         csat_mean(csat_agg(csat_score)) AS ours_mean, avg(csat_score) AS plain_mean
  FROM survey GROUP BY day) t
WHERE abs(ours - plain) > 1e-9 OR abs(ours_mean - plain_mean) > 1e-9;

-- text and binary round trips of stored states are exact
SELECT count(*) AS text_roundtrip_mismatches FROM survey_daily
WHERE n::text::nps_state::text <> n::text OR c::text::csat_state::text <> c::text;
\copy survey_daily TO 'results/feedback_states.bin' WITH (FORMAT binary)
CREATE TABLE survey_daily_copy (LIKE survey_daily);
\copy survey_daily_copy FROM 'results/feedback_states.bin' WITH (FORMAT binary)
SELECT count(*) AS binary_roundtrip_mismatches
FROM survey_daily a JOIN survey_daily_copy b USING (day)
WHERE a.n::text <> b.n::text OR a.c::text <> b.c::text;

-- serial = parallel = partitionwise
CREATE TABLE feedback_serial AS
SELECT day, nps(nps_score) AS n, csat(csat_score) AS c, nps_agg(nps_score)::text AS ns
FROM survey GROUP BY day;
SET max_parallel_workers_per_gather = 2;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET parallel_leader_participation = off;
SET enable_hashagg = off;
EXPLAIN (COSTS OFF) SELECT day, nps(nps_score) FROM survey GROUP BY day;
SELECT count(*) AS parallel_mismatches FROM (
  SELECT day, nps(nps_score) AS n, csat(csat_score) AS c, nps_agg(nps_score)::text AS ns
  FROM survey GROUP BY day) p
JOIN feedback_serial s USING (day)
WHERE p.n IS DISTINCT FROM s.n OR p.c IS DISTINCT FROM s.c OR p.ns IS DISTINCT FROM s.ns;
SELECT nps(nps_score) = (SELECT nps(n) FROM (SELECT rollup(n) n FROM survey_daily) r) AS whole_table_parallel
FROM survey;
RESET enable_hashagg;
RESET parallel_leader_participation;
RESET max_parallel_workers_per_gather;

CREATE TABLE survey_part (LIKE survey) PARTITION BY HASH (id);
CREATE TABLE survey_part_0 PARTITION OF survey_part FOR VALUES WITH (MODULUS 3, REMAINDER 0);
CREATE TABLE survey_part_1 PARTITION OF survey_part FOR VALUES WITH (MODULUS 3, REMAINDER 1);
CREATE TABLE survey_part_2 PARTITION OF survey_part FOR VALUES WITH (MODULUS 3, REMAINDER 2);
INSERT INTO survey_part SELECT * FROM survey;
ANALYZE survey_part;
SET enable_partitionwise_aggregate = on;
SET max_parallel_workers_per_gather = 0;
EXPLAIN (COSTS OFF) SELECT day, csat(csat_score) FROM survey_part GROUP BY day;
SELECT count(*) AS partitionwise_mismatches FROM (
  SELECT day, nps(nps_score) AS n, csat(csat_score) AS c, nps_agg(nps_score)::text AS ns
  FROM survey_part GROUP BY day) p
JOIN feedback_serial s USING (day)
WHERE p.n IS DISTINCT FROM s.n OR p.c IS DISTINCT FROM s.c OR p.ns IS DISTINCT FROM s.ns;
RESET enable_partitionwise_aggregate;
RESET max_parallel_workers_per_gather;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;

-- bad input: a clear error each, never a crash
\set VERBOSITY default
SELECT nps(s) FROM (VALUES (11)) v(s);
SELECT nps(s) FROM (VALUES (-1)) v(s);
SELECT csat(s) FROM (VALUES (0)) v(s);
SELECT csat(s, 11) FROM (VALUES (3)) v(s);
SELECT csat(s, NULL) FROM (VALUES (3)) v(s);
SELECT csat(s, m) FROM (VALUES (3, 4), (4, 5)) v(s, m);
SELECT rollup(c) FROM (SELECT csat_agg(1, 4) AS c UNION ALL SELECT csat_agg(1, 5)) v;
SELECT 'promoters=1 passives=1'::nps_state;
SELECT 'promoters=1 passives=1 detractors=x'::nps_state;
SELECT 'promoters=-1 passives=1 detractors=1'::nps_state;
SELECT 'promoters=1 passives=1 detractors=1 extra=2'::nps_state;
SELECT 'satisfied_min=0 n1=1 n2=0 n3=0 n4=0 n5=0 n6=0 n7=0 n8=0 n9=0 n10=0'::csat_state;
SELECT nps_agg_trans(NULL, 5)::text AS plain_call_works;
-- exact-type overloads (README, Security): smallint answers give exactly the integer results
SELECT nps(s::smallint) = nps(s) AS nps_smallint, nps_agg(s::smallint)::text = nps_agg(s)::text AS nps_agg_smallint,
       csat(c::smallint) = csat(c) AS csat_smallint, csat(c::smallint, 5) = csat(c, 5) AS csat_smallint_min,
       csat_agg(c::smallint)::text = csat_agg(c)::text AS csat_agg_smallint,
       csat_agg(c::smallint, 3)::text = csat_agg(c, 3)::text AS csat_agg_smallint_min
FROM (SELECT i % 11 AS s, 1 + i % 7 AS c FROM generate_series(1, 100) AS i) g;
SELECT nps(11::smallint);
SELECT csat(0::smallint, 4);

-- counts at the bigint limit: answers totalling 9223372036854775807 are the most a state
-- holds; responses() gives that exactly and nps() 100 * (p - d) / n in float8, where
-- p - d = 9223372036854775805 and n both round to 2^63, so 100.  One answer more, by
-- input, nps_agg_trans/csat_agg_trans, a merge or a rollup of two valid states, is 22003 (they
-- wrapped: an NPS of -100, negative response counts)
SELECT responses(s), nps(s)
FROM (VALUES ('promoters=9223372036854775806 passives=0 detractors=1'::nps_state)) v(s);
SELECT responses(s), csat(s), csat_mean(s)
FROM (VALUES ('satisfied_min=4 n1=0 n2=0 n3=1 n4=9223372036854775806 n5=0 n6=0 n7=0 n8=0 n9=0 n10=0'::csat_state)) v(s);
SELECT 'promoters=9223372036854775807 passives=1 detractors=0'::nps_state;
SELECT 'promoters=4611686018427387904 passives=0 detractors=4611686018427387904'::nps_state;
SELECT 'satisfied_min=4 n1=4611686018427387904 n2=0 n3=0 n4=0 n5=0 n6=0 n7=0 n8=0 n9=0 n10=4611686018427387904'::csat_state;
SELECT nps_agg_trans('promoters=9223372036854775806 passives=0 detractors=1', 0);
SELECT csat_agg_trans('satisfied_min=4 n1=0 n2=0 n3=1 n4=9223372036854775806 n5=0 n6=0 n7=0 n8=0 n9=0 n10=0', 5);
SELECT nps_agg_combine(s, s) FROM (VALUES ('promoters=4611686018427387904 passives=0 detractors=0'::nps_state)) v(s);
SELECT rollup(s) FROM (VALUES ('promoters=4611686018427387904 passives=0 detractors=0'::nps_state),
                              ('promoters=0 passives=0 detractors=4611686018427387904')) v(s);
SELECT rollup(s) FROM (VALUES ('satisfied_min=4 n1=4611686018427387904 n2=0 n3=0 n4=0 n5=0 n6=0 n7=0 n8=0 n9=0 n10=0'::csat_state),
                              ('satisfied_min=4 n1=0 n2=0 n3=0 n4=0 n5=0 n6=0 n7=0 n8=0 n9=0 n10=4611686018427387904')) v(s);
-- one less rolls up exactly
SELECT responses(rollup(s)), nps(rollup(s))
FROM (VALUES ('promoters=4611686018427387904 passives=0 detractors=0'::nps_state),
             ('promoters=0 passives=0 detractors=4611686018427387903')) v(s);
