-- decay: engagement_score, decay_agg, rollup(decay_state), score and decay_state I/O
SET timezone = 'UTC';

-- errors as "SQLSTATE: message", so each bad-input case shows its code
CREATE FUNCTION pg_temp.err(q text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
	EXECUTE q;
	RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
	RETURN SQLSTATE || ': ' || SQLERRM;
END $$;

-- hand-checked: weight 1 one half-life before as_of -> 0.5; weight 2 two half-lives before
-- -> 0.5; weight 3 at as_of -> 3; total 4
CREATE TABLE hand (ts timestamptz, w float8);
INSERT INTO hand VALUES ('2024-01-09 00:00+00', 1), ('2024-01-08 00:00+00', 2), ('2024-01-10 00:00+00', 3);
SELECT round(engagement_score(ts, w, '1 day', '2024-01-10 00:00+00')::numeric, 12) AS one_step,
       round(score(decay_agg(ts, w, '1 day'), '2024-01-10 00:00+00')::numeric, 12) AS two_step
FROM hand;
-- one more half-life later everything halves: 2; 12 hours later: 4 / sqrt(2) = 2.828427124746
SELECT round(score(decay_agg(ts, w, '1 day'), '2024-01-11 00:00+00')::numeric, 12) AS after_one_half_life,
       round(score(decay_agg(ts, w, '1 day'), '2024-01-10 12:00+00')::numeric, 12) AS after_half_a_half_life
FROM hand;
-- a single event: weight 1 exactly one half-life (7 days, and '1 mon' = 30 days) before as_of
SELECT round(engagement_score(ts, 1, '7 days', ts + interval '7 days')::numeric, 15) AS week,
       round(engagement_score(ts, 1, '1 mon', ts + interval '30 days')::numeric, 15) AS month,
       round(engagement_score(ts, 1, '1 hour', ts)::numeric, 15) AS same_instant
FROM (VALUES (timestamptz '2023-06-15 13:45:00+00')) v(ts);
-- the state of events on half-life boundaries is exact: reference 2024-01-10, sum 2 * 0.25 + 1 * 0.5 + 3
SELECT decay_agg(ts, w, '1 day') FROM hand;
SELECT events(s), latest_event(s), half_life(s) FROM (SELECT decay_agg(ts, w, '1 mon') s FROM hand) t;

-- events after as_of: engagement_score leaves them out (the score as it stood at as_of) ...
INSERT INTO hand VALUES ('2024-01-10 00:00:00.000001+00', 100), ('2025-01-01 00:00+00', 1000);
SELECT round(engagement_score(ts, w, '1 day', '2024-01-10 00:00+00')::numeric, 12) AS later_events_left_out FROM hand;
-- ... and equals score() of a state built from the rows up to as_of
SELECT round(score(decay_agg(ts, w, '1 day') FILTER (WHERE ts <= '2024-01-10 00:00+00'), '2024-01-10 00:00+00')::numeric, 12)
       AS filtered_state FROM hand;
-- a group whose events are all after as_of scores 0 (it has rows, none counted yet)
SELECT engagement_score(ts, w, '1 day', '2020-01-01') AS nothing_yet FROM hand;
-- a state cannot leave out what it already summed: as_of before its latest event is an error
SELECT score(decay_agg(ts, w, '1 day'), '2024-01-10 00:00+00') FROM hand;

-- NULL ts or NULL weight: the row is skipped; empty and all-NULL groups give NULL
SELECT round(engagement_score(ts, w, '1 day', '2024-01-10 00:00+00')::numeric, 12) AS nulls_skipped
FROM (SELECT * FROM hand WHERE ts <= '2024-01-10 00:00+00'
      UNION ALL VALUES (NULL::timestamptz, 5::float8), ('2024-01-09 00:00+00', NULL)) t(ts, w);
SELECT events(decay_agg(ts, w, '1 day')) AS events_counted
FROM (VALUES (timestamptz '2024-01-01', 1::float8), (NULL, 5), ('2024-01-02', NULL)) t(ts, w);
SELECT engagement_score(ts, w, '1 day', '2024-01-10') IS NULL AS empty_is_null,
       decay_agg(ts, w, '1 day') IS NULL AS empty_state_is_null
FROM hand WHERE false;
SELECT engagement_score(ts, w, '1 day', '2024-01-10') IS NULL AS all_null_is_null,
       decay_agg(ts, w, '1 day') IS NULL AS all_null_state_is_null
FROM (VALUES (NULL::timestamptz, 1::float8), ('2024-01-01', NULL)) t(ts, w);
-- zero weights count as events and add nothing
SELECT events(decay_agg(ts, 0, '1 day')), score(decay_agg(ts, 0, '1 day'), '2026-01-01') FROM hand;

-- tiny and huge half-lives: 1 microsecond (1 us before -> 0.5, 1 s before -> 2^-1000000 = 0)
SELECT engagement_score(ts, 1, '1 microsecond', '2024-01-01 00:00:01+00') AS tiny_half_life
FROM (VALUES (timestamptz '2024-01-01 00:00:00.999999+00'), ('2024-01-01 00:00:00+00')) v(ts);
SELECT score(decay_agg(ts, 1, '1 microsecond'), '2024-01-01 00:00:01+00') AS tiny_half_life_state
FROM (VALUES (timestamptz '2024-01-01 00:00:00.999999+00'), ('2024-01-01 00:00:00+00')) v(ts);
-- 100,000 years: an event 1,000 years (365,250 days) old keeps 2^-0.01 = 0.993092495437036
SELECT round(engagement_score(ts, 1, '36525000 days', ts + interval '365250 days')::numeric, 12) AS huge_half_life,
       round(score(decay_agg(ts, 1, '36525000 days'), ts + interval '365250 days')::numeric, 12) AS huge_half_life_state
FROM (VALUES (timestamptz '1500-01-01 00:00+00')) v(ts) GROUP BY ts;

-- the extremes of timestamptz: 4713 BC and 294276 AD, merged; with a 1-microsecond half-life
-- only the latest event is left (weight 2 at as_of); with 290,000 years (the longest allowed;
-- a year is 365.25 days, as in EXTRACT(epoch FROM interval)) both count: 3 * 2^-(9,435,153,196,799.999999 s /
-- 9,151,704,000,000 s) + 2 = 3.46814 (plain SQL on epochs: ts - ts overflows an interval here)
CREATE TABLE extremes (ts timestamptz, w float8);
INSERT INTO extremes VALUES ('4713-11-24 00:00:00+00 BC', 3), ('294276-12-31 23:59:59.999999+00', 2);
SELECT score(decay_agg(ts, w, '1 microsecond'), '294276-12-31 23:59:59.999999+00') AS tiny_extremes FROM extremes;
SELECT score(rollup(s), '294276-12-31 23:59:59.999999+00') AS tiny_extremes_rollup,
       events(rollup(s)), latest_event(rollup(s))
FROM (SELECT decay_agg(ts, w, '1 microsecond') FROM extremes GROUP BY ts) v(s);
SELECT round(plain::numeric, 5) AS plain,
       abs(engagement_score(ts, w, '290000 years', '294276-12-31 23:59:59.999999+00') - plain) <= 1e-12 * plain AS huge_extremes,
       abs(score(decay_agg(ts, w, '290000 years'), '294276-12-31 23:59:59.999999+00') - plain) <= 1e-12 * plain AS huge_extremes_state
FROM extremes,
     (SELECT sum(w * power(2::float8, -((extract(epoch FROM timestamptz '294276-12-31 23:59:59.999999+00') - extract(epoch FROM ts))
                                          / extract(epoch FROM interval '290000 years'))::float8)) AS plain
      FROM extremes) p
GROUP BY plain;

-- states years apart merge without loss: events in 1990 and in 2024, one state per year,
-- with a 10-year half-life (both parts matter) and a 1-hour one (in 2024 the 1990 part is
-- 2^-298,000 = 0: no overflow for the new part, no underflow error for the old one)
CREATE TABLE far (part int, ts timestamptz, w float8);
INSERT INTO far SELECT 1, timestamptz '1990-03-01 00:00+00' + i * interval '17 minutes', 1 + i % 7 FROM generate_series(1, 500) i;
INSERT INTO far SELECT 2, timestamptz '2024-03-01 00:00+00' + i * interval '13 minutes', 1 + i % 5 FROM generate_series(1, 500) i;
CREATE TABLE far_states AS
SELECT part, decay_agg(ts, w, '3650 days') AS s10y, decay_agg(ts, w, '1 hour') AS s1h FROM far GROUP BY part;
-- plain SQL leaves out terms below 2^-1000 (power() raises an underflow error on them)
CREATE FUNCTION pg_temp.plain_score(a timestamptz, h float8, p int) RETURNS float8 LANGUAGE sql AS $$
  SELECT sum(w * power(2::float8, -(extract(epoch FROM a - ts) / h)::float8)) FROM far
  WHERE extract(epoch FROM a - ts) / h < 1000 AND (p IS NULL OR part = p) $$;
SELECT a, count(*) FILTER (WHERE abs(ours10y - pg_temp.plain_score(a, 3650 * 86400, NULL)) <= 1e-12 * ours10y) AS ten_year_ok,
       count(*) FILTER (WHERE abs(ours1h - pg_temp.plain_score(a, 3600, NULL)) <= 1e-12 * ours1h) AS one_hour_ok
FROM (SELECT a, score(rollup(s10y), a) AS ours10y, score(rollup(s1h), a) AS ours1h
      FROM far_states, (VALUES (timestamptz '2024-03-06 00:00+00'), ('2024-03-20 00:00+00')) v(a)
      GROUP BY a) t
GROUP BY a ORDER BY a;
-- the 1990 state alone, scored in 1990 and in 2024
SELECT abs(score(s1h, '1990-03-07 00:00+00') - pg_temp.plain_score('1990-03-07 00:00+00', 3600, 1))
         <= 1e-12 * score(s1h, '1990-03-07 00:00+00') AS old_state_ok,
       score(s1h, '2024-03-06') AS old_state_now
FROM far_states WHERE part = 1;
-- merge order does not matter
SELECT abs(score((SELECT rollup(s10y ORDER BY part) FROM far_states), '2024-06-01')
           - score((SELECT rollup(s10y ORDER BY part DESC) FROM far_states), '2024-06-01'))
       <= 1e-15 * score((SELECT rollup(s10y ORDER BY part) FROM far_states), '2024-06-01') AS merge_commutes;

-- 200,000 events of 500 customers over two years, against the plain SQL formula
CREATE TABLE ev AS
SELECT i, i % 500 AS customer,
       timestamptz '2022-01-01 00:00+00'
         + ((hashint4(i) & 2147483647) % (730 * 86400)) * interval '1 second'
         + ((hashint4(i + 1) & 2147483647) % 1000000) * interval '1 microsecond' AS ts,
       ((hashint4(i + 2) & 2147483647) % 1000) / 100.0::float8 AS w
FROM generate_series(1, 200000) i;
ANALYZE ev;
CREATE TABLE ev_plain AS
SELECT customer, a.as_of,
       sum(w * power(2::float8, -(extract(epoch FROM a.as_of - ts) / extract(epoch FROM interval '30 days'))::float8))
         FILTER (WHERE ts <= a.as_of) AS plain
FROM ev, (VALUES (timestamptz '2024-01-01 00:00+00'), ('2023-01-01 00:00+00')) a(as_of)
GROUP BY customer, a.as_of;
SELECT count(*) AS customers, count(*) FILTER (WHERE abs(ours - plain) > 1e-9 * plain) AS mismatches FROM (
  SELECT customer, a.as_of, engagement_score(ts, w, '30 days', a.as_of) AS ours
  FROM ev, (VALUES (timestamptz '2024-01-01 00:00+00'), ('2023-01-01 00:00+00')) a(as_of)
  GROUP BY customer, a.as_of) o JOIN ev_plain USING (customer, as_of);
SELECT count(*) AS customers, count(*) FILTER (WHERE abs(ours - plain) > 1e-9 * plain) AS mismatches FROM (
  SELECT customer, score(decay_agg(ts, w, '30 days'), '2024-01-01 00:00+00') AS ours
  FROM ev GROUP BY customer) o JOIN ev_plain p USING (customer) WHERE p.as_of = '2024-01-01 00:00+00';

-- recipe: daily states in a materialized view, rolled up with rollup(), scored at as_of
CREATE MATERIALIZED VIEW ev_daily AS
SELECT customer, date_trunc('day', ts, 'UTC') AS day, decay_agg(ts, w, '30 days') AS s
FROM ev GROUP BY customer, day;
SELECT count(*) AS customers, count(*) FILTER (WHERE abs(ours - plain) > 1e-9 * plain) AS mismatches FROM (
  SELECT customer, score(rollup(s), '2024-01-01 00:00+00') AS ours
  FROM ev_daily GROUP BY customer) o JOIN ev_plain p USING (customer) WHERE p.as_of = '2024-01-01 00:00+00';
-- daily states up to a day roll up to the score at that day's end (the analyst's backtest)
SELECT count(*) AS mismatches FROM (
  SELECT customer, score(rollup(s), '2023-01-01 00:00+00') AS ours
  FROM ev_daily WHERE day < '2023-01-01 00:00+00' GROUP BY customer) o
  JOIN ev_plain p USING (customer) WHERE p.as_of = '2023-01-01 00:00+00' AND abs(ours - plain) > 1e-9 * plain;

-- text and binary round trips of stored states are exact
SELECT count(*) AS states, count(*) FILTER (WHERE s::text::decay_state::text <> s::text) AS text_roundtrip_mismatches
FROM ev_daily;
CREATE TABLE ev_daily_copy AS SELECT * FROM ev_daily WITH NO DATA;
\copy (SELECT * FROM ev_daily) TO 'results/decay_states.bin' WITH (FORMAT binary)
\copy ev_daily_copy FROM 'results/decay_states.bin' WITH (FORMAT binary)
SELECT count(*) AS copied, count(*) FILTER (WHERE a.s::text IS DISTINCT FROM b.s::text) AS binary_roundtrip_mismatches
FROM ev_daily a FULL JOIN ev_daily_copy b USING (customer, day);

-- input order does not matter (compensated sums: equal to 1e-15 relative)
SELECT count(*) AS order_mismatches FROM (
  SELECT customer,
         score(decay_agg(ts, w, '30 days'), '2024-01-01') AS s0,
         (SELECT score(decay_agg(ts, w, '30 days'), '2024-01-01') FROM (SELECT * FROM ev e2 WHERE e2.customer = c.customer ORDER BY ts) x) AS s_asc,
         (SELECT score(decay_agg(ts, w, '30 days'), '2024-01-01') FROM (SELECT * FROM ev e2 WHERE e2.customer = c.customer ORDER BY ts DESC) x) AS s_desc,
         (SELECT engagement_score(ts, w, '30 days', '2024-01-01') FROM (SELECT * FROM ev e2 WHERE e2.customer = c.customer ORDER BY w, ts DESC) x) AS s_w
  FROM ev c WHERE customer < 20 GROUP BY customer) t
WHERE abs(s_asc - s0) > 1e-15 * s0 OR abs(s_desc - s0) > 1e-15 * s0 OR abs(s_w - s0) > 1e-15 * s0;

-- serial = parallel = partitionwise (floating sums to 1e-12 relative)
CREATE TABLE decay_serial AS
SELECT customer, score(decay_agg(ts, w, '30 days'), '2024-01-01') AS d,
       engagement_score(ts, w, '30 days', '2023-06-01') AS e
FROM ev GROUP BY customer;
SELECT score(decay_agg(ts, w, '7 days'), '2024-01-01') AS whole_serial,
       engagement_score(ts, w, '7 days', '2023-06-01') AS whole_serial_e
FROM ev \gset
SET max_parallel_workers_per_gather = 2;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET parallel_leader_participation = off;
SET enable_hashagg = off;
EXPLAIN (COSTS OFF) SELECT customer, score(decay_agg(ts, w, '30 days'), '2024-01-01') FROM ev GROUP BY customer;
SELECT count(*) AS customers,
       count(*) FILTER (WHERE abs(p.d - s.d) > 1e-12 * s.d OR abs(p.e - s.e) > 1e-12 * s.e) AS parallel_mismatches
FROM (SELECT customer, score(decay_agg(ts, w, '30 days'), '2024-01-01') AS d,
             engagement_score(ts, w, '30 days', '2023-06-01') AS e
      FROM ev GROUP BY customer) p
JOIN decay_serial s USING (customer);
EXPLAIN (COSTS OFF) SELECT engagement_score(ts, w, '7 days', '2023-06-01') FROM ev;
SELECT abs(score(decay_agg(ts, w, '7 days'), '2024-01-01') - :whole_serial) <= 1e-12 * :whole_serial AS whole_parallel_d,
       abs(engagement_score(ts, w, '7 days', '2023-06-01') - :whole_serial_e) <= 1e-12 * :whole_serial_e AS whole_parallel_e
FROM ev;
RESET enable_hashagg;
RESET parallel_leader_participation;
RESET max_parallel_workers_per_gather;

CREATE TABLE ev_part (LIKE ev) PARTITION BY HASH (i);
CREATE TABLE ev_part_0 PARTITION OF ev_part FOR VALUES WITH (MODULUS 3, REMAINDER 0);
CREATE TABLE ev_part_1 PARTITION OF ev_part FOR VALUES WITH (MODULUS 3, REMAINDER 1);
CREATE TABLE ev_part_2 PARTITION OF ev_part FOR VALUES WITH (MODULUS 3, REMAINDER 2);
INSERT INTO ev_part SELECT * FROM ev;
ANALYZE ev_part;
SET enable_partitionwise_aggregate = on;
SET max_parallel_workers_per_gather = 0;
EXPLAIN (COSTS OFF) SELECT customer, engagement_score(ts, w, '30 days', '2023-06-01') FROM ev_part GROUP BY customer;
SELECT count(*) AS customers,
       count(*) FILTER (WHERE abs(p.d - s.d) > 1e-12 * s.d OR abs(p.e - s.e) > 1e-12 * s.e) AS partitionwise_mismatches
FROM (SELECT customer, score(decay_agg(ts, w, '30 days'), '2024-01-01') AS d,
             engagement_score(ts, w, '30 days', '2023-06-01') AS e
      FROM ev_part GROUP BY customer) p
JOIN decay_serial s USING (customer);
RESET enable_partitionwise_aggregate;
RESET max_parallel_workers_per_gather;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;

-- bad input: a specific SQLSTATE each, never a crash
SELECT q, pg_temp.err(q) FROM (VALUES
  ($$SELECT engagement_score(ts, 1, '1 day', '2024-01-01') FROM (VALUES (timestamptz 'infinity')) v(ts)$$),
  ($$SELECT decay_agg(ts, 1, '1 day') FROM (VALUES (timestamptz '-infinity')) v(ts)$$),
  ($$SELECT engagement_score(now(), 1, '1 day', 'infinity')$$),
  ($$SELECT score(decay_agg(timestamptz '2024-01-01', 1, '1 day'), '-infinity')$$),
  ($$SELECT decay_agg(timestamptz '2024-01-01', 'NaN', '1 day')$$),
  ($$SELECT engagement_score(timestamptz '2024-01-01', 'infinity', '1 day', '2024-01-02')$$),
  ($$SELECT decay_agg(timestamptz '2024-01-01', -0.5, '1 day')$$),
  ($$SELECT engagement_score(timestamptz '2024-01-01', -1, '1 day', '2024-01-02')$$),
  ($$SELECT decay_agg(timestamptz '2024-01-01', 1, '0 seconds')$$),
  ($$SELECT engagement_score(timestamptz '2024-01-01', 1, '-1 day', '2024-01-02')$$),
  ($$SELECT decay_agg(timestamptz '2024-01-01', 1, '1 mon -30 days')$$),
  ($$SELECT decay_agg(NULL, NULL, '-1 day')$$),
  ($$SELECT decay_agg(timestamptz '2024-01-01', 1, NULL)$$),
  ($$SELECT engagement_score(timestamptz '2024-01-01', 1, '1 day', NULL)$$),
  ($$SELECT decay_agg(ts, 1, h) FROM (VALUES (timestamptz '2024-01-01', interval '1 day'), ('2024-01-02', '2 days')) v(ts, h)$$),
  ($$SELECT engagement_score(ts, 1, '1 day', a) FROM (VALUES (timestamptz '2024-01-01', timestamptz '2024-02-01'), ('2024-01-02', '2024-02-02')) v(ts, a)$$),
  ($$SELECT rollup(s) FROM (SELECT decay_agg(timestamptz '2024-01-01', 1, '1 day') UNION ALL SELECT decay_agg(timestamptz '2024-01-01', 1, '2 days')) v(s)$$),
  ($$SELECT decay_agg(ts, 1e308, '1 day') FROM (VALUES (timestamptz '2024-01-01'), ('2024-01-01')) v(ts)$$),
  ($$SELECT 'half_life_us=1 events=1'::decay_state$$),
  ($$SELECT 'half_life_us=0 events=1 latest=2024-01-01T00:00:00+00 sum=1 correction=0'::decay_state$$),
  ($$SELECT 'half_life_us=1 events=-1 latest=2024-01-01T00:00:00+00 sum=1 correction=0'::decay_state$$),
  ($$SELECT 'half_life_us=1 events=1 latest=2024-01-01T00:00:00+00 sum=-1 correction=0'::decay_state$$),
  ($$SELECT 'half_life_us=1 events=1 latest=2024-01-01T00:00:00+00 sum=NaN correction=0'::decay_state$$),
  ($$SELECT 'half_life_us=1 events=0 latest=2024-01-01T00:00:00+00 sum=1 correction=0'::decay_state$$),
  ($$SELECT 'half_life_us=1 events=1 latest=2024-01-01T00:00:00 sum=1 correction=0'::decay_state$$),
  ($$SELECT 'half_life_us=1 events=1 latest=infinity sum=1 correction=0'::decay_state$$)
) v(q);
-- messages and hints in full for the commonest mistakes
\set VERBOSITY default
SELECT decay_agg(timestamptz '2024-01-01', -1, '1 day');
SELECT rollup(s) FROM (SELECT decay_agg(timestamptz '2024-01-01', 1, '1 day') UNION ALL SELECT decay_agg(timestamptz '2024-01-01', 1, '2 days')) v(s);
-- a typed-in state without events scores 0 and is the identity of rollup
SELECT score('half_life_us=86400000000 events=0 latest=2024-01-01T00:00:00+00 sum=0 correction=0'::decay_state, '2024-02-01') AS empty_state;
SELECT rollup(s)::text = (SELECT decay_agg(ts, w, '1 day')::text FROM hand) AS identity
FROM (SELECT decay_agg(ts, w, '1 day') FROM hand
      UNION ALL SELECT 'half_life_us=86400000000 events=0 latest=2030-01-01T00:00:00+00 sum=0 correction=0') v(s);
-- exact-type overloads (README, Security): integer and numeric weights give exactly the
-- result of the same weights as float8
SELECT engagement_score(t, i, interval '1 day', timestamptz '2024-02-01 00:00+00')
         = engagement_score(t, i::float8, interval '1 day', timestamptz '2024-02-01 00:00+00') AS integer_weight,
       engagement_score(t, i * 1.5, interval '1 day', timestamptz '2024-02-01 00:00+00')
         = engagement_score(t, (i * 1.5)::float8, interval '1 day', timestamptz '2024-02-01 00:00+00') AS numeric_weight,
       decay_agg(t, i, interval '1 day')::text = decay_agg(t, i::float8, interval '1 day')::text AS decay_integer,
       decay_agg(t, i * 1.5, interval '1 day')::text = decay_agg(t, (i * 1.5)::float8, interval '1 day')::text AS decay_numeric
FROM (SELECT timestamptz '2024-01-01 00:00+00' + i * interval '7 hours' AS t, i FROM generate_series(1, 50) AS i) g;
SELECT engagement_score(timestamptz '2024-01-01 00:00+00', 'NaN'::numeric, interval '1 day', timestamptz '2024-01-02 00:00+00');
SELECT engagement_score(timestamptz '2024-01-01 00:00+00', -1, interval '1 day', timestamptz '2024-01-02 00:00+00');

-- the top of the float8 range: score() and engagement_score agree.  Two weights of 1e308
-- half a half-life before as_of score 2e308 * 2^-0.5 (plain SQL: 1e308 * 2^-0.5 * 2, which
-- stays in range) = 1.41421e308 both ways
CREATE TABLE top (ts timestamptz, w float8);
INSERT INTO top VALUES ('2023-12-31 12:00+00', 1e308), ('2023-12-31 12:00+00', 1e308);
SELECT plain, abs(engagement_score(ts, w, '1 day', '2024-01-01') - plain) <= 1e-15 * plain AS one_step_in_range,
       abs(score(decay_agg(ts, w, '1 day'), '2024-01-01') - plain) <= 1e-15 * plain AS state_in_range
FROM top, (SELECT 1e308 * power(2::float8, -0.5) * 2 AS plain) p GROUP BY plain;
-- at as_of = the events' time the score is 2e308, past float8: 22003 both ways, also from
-- a rollup (score() returned Infinity: the state keeps its sum at the next midnight, a
-- factor 2^-0.5 lower, in range).  A state's sum at its reference is itself bounded: with
-- the events at midnight (their own reference) decay_agg raises 22003 although
-- engagement_score ten days later is 2e308 * 2^-10, in range (README, decay)
SELECT q, pg_temp.err(q) FROM (VALUES
  ($$SELECT engagement_score(ts, w, '1 day', '2023-12-31 12:00+00') FROM top$$),
  ($$SELECT score(decay_agg(ts, w, '1 day'), '2023-12-31 12:00+00') FROM top$$),
  ($$SELECT score(rollup(s), '2023-12-31 12:00+00') FROM (SELECT decay_agg(ts, w, '1 day') FROM top GROUP BY ctid) v(s)$$),
  ($$SELECT score(decay_agg(ts + interval '12 hours', w, '1 day'), '2024-01-11') FROM top$$),
  ($$SELECT 'half_life_us=86400000000 events=2 latest=2024-01-01T00:00:00+00 sum=1.7976931348623157e308 correction=1e300'::decay_state$$),
  ($$SELECT score('half_life_us=86400000000 events=2 latest=2023-12-31T12:00:00+00 sum=1.7976931348623157e308 correction=0', '2023-12-31 12:00+00')$$),
  ($$SELECT score('half_life_us=86400000000 events=2 latest=2024-01-01T00:00:00+00 sum=1.7976931348623157e308 correction=0', '2024-01-02')$$)
) v(q);
SELECT engagement_score(ts + interval '12 hours', w, '1 day', '2024-01-11') = 1e308 * power(2::float8, -10) * 2 AS later_as_of_in_range
FROM top;
-- the same two events with a third (weight 0) ten days later: the state's reference is
-- then ten days later too and its sum, 2e308 * 2^-10, in range, in any row order and plan
-- (a transition state moves a sum past float8 to a later reference instead of refusing
-- it; rows in time order used to raise 22003 on the second row)
CREATE TABLE top_later AS SELECT ts + interval '12 hours' AS ts, w FROM top UNION ALL SELECT '2024-01-11 00:00+00', 0;
SELECT score(decay_agg(ts, w, '1 day' ORDER BY ts), '2024-01-11') = 1e308 * power(2::float8, -10) * 2 AS in_time_order,
       score(decay_agg(ts, w, '1 day' ORDER BY ts DESC), '2024-01-11') = 1e308 * power(2::float8, -10) * 2 AS in_reverse_order,
       score(decay_agg(ts, w, '1 day' ORDER BY w, ts DESC), '2024-01-11') = 1e308 * power(2::float8, -10) * 2 AS zero_weight_first
FROM top_later;
-- and from one state per row (each fits), rolled up in time order and in reverse
SELECT score(rollup(s ORDER BY ts), '2024-01-11') = 1e308 * power(2::float8, -10) * 2 AS rollup_in_order,
       score(rollup(s ORDER BY ts DESC), '2024-01-11') = 1e308 * power(2::float8, -10) * 2 AS rollup_reversed
FROM (SELECT ts, decay_agg(ts, w, '1 day') FROM top_later GROUP BY ctid, ts) v(ts, s);
-- event counts stop at bigint: a state of 9223372036854775807 events takes no more, by a
-- row or a merge (22003; they wrapped to a negative count, which input rejects); one less
-- takes one more
SELECT q, pg_temp.err(q) FROM (VALUES
  ($$SELECT rollup(s) FROM (VALUES ('half_life_us=86400000000 events=9223372036854775807 latest=2024-01-01T00:00:00+00 sum=1 correction=0'::decay_state), ((SELECT decay_agg(timestamptz '2024-01-01', 1, '1 day')))) v(s)$$),
  ($$SELECT rollup(s) FROM (VALUES ('half_life_us=86400000000 events=9223372036854775807 latest=2024-01-01T00:00:00+00 sum=1 correction=0'::decay_state), ('half_life_us=86400000000 events=1 latest=2023-01-01T00:00:00+00 sum=1 correction=0')) v(s)$$),
  ($$SELECT engagement_score_trans('half_life_us=86400000000 events=9223372036854775807 as_of=2024-01-01T00:00:00+00 sum=1 correction=0', '2023-12-31', 1, '1 day', '2024-01-01')$$),
  ($$SELECT engagement_score_combine(s, s) FROM (VALUES ('half_life_us=86400000000 events=4611686018427387904 as_of=2024-01-01T00:00:00+00 sum=1 correction=0'::engagement_score_state)) v(s)$$)
) v(q);
SELECT events(rollup(s)) FROM (VALUES ('half_life_us=86400000000 events=9223372036854775806 latest=2024-01-01T00:00:00+00 sum=1 correction=0'::decay_state),
                                       ((SELECT decay_agg(timestamptz '2024-01-01', 1, '1 day')))) v(s);

-- binary input takes what text input takes: a latest from 4714-11-24 00:00:00 BC to
-- 294276-12-31 23:59:59.999999 UTC, -211813488000000000 and 9223371331199999999
-- microseconds from 2000-01-01 (plain SQL on dates below).  Both ends are received and
-- read back from their text; one microsecond outside either end, and a latest just below
-- 2^63 (it printed as a year-294277 value that text input and so pg_restore reject), are
-- 22P03.  The latest field is bytes 18-25 of the binary form.
SELECT (date '4714-11-24 BC' - date '2000-01-01')::numeric * 86400000000 AS first_valid_us,
       (date '294276-12-31' - date '2000-01-01')::numeric * 86400000000 + 86399999999 AS last_valid_us;
CREATE TABLE decay_recv (v decay_state);
\copy (SELECT overlay(decay_state_send(decay_agg(ts, w, '1 day')) PLACING int8send(l) FROM 18 FOR 8) FROM hand, unnest(ARRAY[-211813488000000000, 9223371331199999999]) l GROUP BY l ORDER BY l) TO 'results/decay_edges.bin' WITH (FORMAT binary)
\copy decay_recv FROM 'results/decay_edges.bin' WITH (FORMAT binary)
SELECT v::text, v::text::decay_state::text = v::text AS reads_back, latest_event(v) FROM decay_recv;
\copy (SELECT overlay(decay_state_send(decay_agg(ts, w, '1 day')) PLACING int8send(-211813488000000001) FROM 18 FOR 8) FROM hand) TO 'results/decay_before.bin' WITH (FORMAT binary)
\copy decay_recv FROM 'results/decay_before.bin' WITH (FORMAT binary)
\copy (SELECT overlay(decay_state_send(decay_agg(ts, w, '1 day')) PLACING int8send(9223371331200000000) FROM 18 FOR 8) FROM hand) TO 'results/decay_after.bin' WITH (FORMAT binary)
\copy decay_recv FROM 'results/decay_after.bin' WITH (FORMAT binary)
\copy (SELECT overlay(decay_state_send(decay_agg(ts, w, '1 day')) PLACING int8send(9223372036854775806) FROM 18 FOR 8) FROM hand) TO 'results/decay_294277.bin' WITH (FORMAT binary)
\copy decay_recv FROM 'results/decay_294277.bin' WITH (FORMAT binary)
