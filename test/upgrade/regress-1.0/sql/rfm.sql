-- rfm: rfm_state, rfm_agg, rollup, accessors, rfm_breaks / rfm_score, segment maps,
-- customer_segment

-- ---------- CDNOW cross-check (test/data/README.md) ----------
CREATE TABLE rfm_cdnow_raw (line text);
\copy rfm_cdnow_raw FROM 'test/data/CDNOW_sample.txt'
-- columns: master id, sample id, YYYYMMDD, number of CDs, dollar value; one day = UTC midnight
CREATE TABLE rfm_cdnow AS
SELECT a[2]::int AS id, to_date(a[3], 'YYYYMMDD')::timestamp AT TIME ZONE 'UTC' AS ts,
       a[5]::float8 AS amount
FROM (SELECT regexp_split_to_array(btrim(line, E' \r'), '\s+') AS a FROM rfm_cdnow_raw) t;
CREATE TABLE rfm_cdnow_summary (id int, frequency int, recency numeric, t numeric);
\copy rfm_cdnow_summary FROM 'test/data/cdnow_customers_summary.csv' WITH (FORMAT csv, HEADER)
SELECT count(*) AS rows, count(DISTINCT id) AS customers FROM rfm_cdnow;

-- calibration period up to 1997-09-30: frequency = distinct purchase days after the first,
-- recency = (last - first) / 7 days, T = (1997-09-30 - first) / 7 days, rounded to 2 places
CREATE TABLE rfm_cdnow_cal AS
SELECT id, rfm_agg(ts, amount) AS s FROM rfm_cdnow WHERE ts <= '1997-09-30 00:00+00' GROUP BY id;
SELECT count(*) AS customers,
       count(*) FILTER (WHERE ours_x IS DISTINCT FROM x.frequency
                           OR ours_tx IS DISTINCT FROM x.recency
                           OR ours_t IS DISTINCT FROM x.t) AS mismatches,
       sum(ours_x) AS sum_frequency, count(*) FILTER (WHERE ours_x = 0) AS zero_frequency
FROM (SELECT sm.*, purchase_days(c.s) - 1 AS ours_x,
             round((extract(epoch FROM last_purchase(c.s) - first_purchase(c.s)) / 86400 / 7)::numeric, 2) AS ours_tx,
             round((extract(epoch FROM tenure(c.s, '1997-09-30 00:00+00')) / 86400 / 7)::numeric, 2) AS ours_t
      FROM rfm_cdnow_summary sm LEFT JOIN rfm_cdnow_cal c USING (id)) x;
-- same customers on the whole file against plain SQL: purchases, days, total, first, last
SELECT count(*) AS plain_sql_mismatches FROM (
  SELECT id, rfm_agg(ts, amount) AS s, count(*) AS n,
         count(DISTINCT (ts AT TIME ZONE 'UTC')::date) AS d, sum(amount) AS total,
         min(ts) AS first, max(ts) AS last
  FROM rfm_cdnow GROUP BY id) t
WHERE frequency(s) <> n OR purchase_days(s) <> d OR abs(monetary(s) - total) > 1e-9 * total
   OR first_purchase(s) <> first OR last_purchase(s) <> last
   OR abs(avg_order_value(s) - total / n) > 1e-9 * total
   OR is_repeat_customer(s) <> (d > 1);

-- ---------- the state: text form, accessors, hand-checked ----------
-- customer 1: 4 rows on 4 days, 29.33 + 29.73 + 14.96 + 26.48 = 100.50
SELECT id, s FROM (SELECT id, rfm_agg(ts, amount) AS s FROM rfm_cdnow WHERE id <= 3 GROUP BY id) t ORDER BY id;
-- two rows on one day count as two purchases and one purchase day
SELECT s, frequency(s), purchase_days(s), monetary(s), avg_order_value(s), is_repeat_customer(s),
       recency(s, '2024-01-10 12:00+00'), recency_days(s, '2024-01-10 12:00+00'),
       tenure(s, '2024-01-10 12:00+00')
FROM (SELECT rfm_agg(ts, amt) AS s FROM (VALUES
  ('2024-01-01 09:00+00'::timestamptz, 10.0), ('2024-01-01 23:59+00', 5.5),
  ('2024-01-03 00:00+00', 4.5), (NULL, 100.0), ('2024-01-05 00:00+00', NULL)) v(ts, amt)) t;
-- UTC days, whatever the session time zone: 23:30 and 00:30 UTC are two days
SET TimeZone = 'America/New_York';
SELECT purchase_days(rfm_agg(ts, 1)) AS utc_days, is_repeat_customer(rfm_agg(ts, 1)) AS repeat
FROM (VALUES ('2024-03-01 23:30+00'::timestamptz), ('2024-03-02 00:30+00')) v(ts);
RESET TimeZone;
-- one day only: not a repeat customer; recency at the purchase itself is zero
SELECT is_repeat_customer(s), recency(s, '2024-01-01 10:00+00'), tenure(s, '2024-01-01 10:00+00')
FROM (SELECT rfm_agg(ts, 3) AS s FROM (VALUES ('2024-01-01 10:00+00'::timestamptz), ('2024-01-01 10:00+00')) v(ts)) t;
-- no rows -> NULL; rows without purchases (a customer LEFT JOINed to no order) -> empty state
SELECT rfm_agg(ts, 1) IS NULL AS empty_group_is_null FROM (VALUES (now())) v(ts) WHERE false;
SELECT s, frequency(s), purchase_days(s), monetary(s), avg_order_value(s), is_repeat_customer(s),
       recency(s, '2024-01-01'), first_purchase(s), customer_segment(s, '2024-01-01')
FROM (SELECT rfm_agg(NULL::timestamptz, NULL::float8) AS s) t;
-- text and binary round trips are exact
SELECT count(*) AS text_roundtrip_mismatches FROM rfm_cdnow_cal WHERE s::text::rfm_state::text <> s::text;
\copy rfm_cdnow_cal TO 'results/rfm_states.bin' WITH (FORMAT binary)
CREATE TABLE rfm_cdnow_cal_copy (LIKE rfm_cdnow_cal);
\copy rfm_cdnow_cal_copy FROM 'results/rfm_states.bin' WITH (FORMAT binary)
SELECT count(*) AS binary_roundtrip_mismatches
FROM rfm_cdnow_cal a LEFT JOIN rfm_cdnow_cal_copy b USING (id) WHERE a.s::text IS DISTINCT FROM b.s::text;
SELECT count(*) AS copied FROM rfm_cdnow_cal_copy;

-- ---------- rollup ----------
-- per-month states roll up to exactly the whole-period state (months are disjoint)
CREATE TABLE rfm_cdnow_monthly AS
SELECT id, date_trunc('month', ts AT TIME ZONE 'UTC') AS month, rfm_agg(ts, amount) AS s
FROM rfm_cdnow GROUP BY id, month;
SELECT count(*) AS monthly_rollup_mismatches FROM (
  SELECT id, rollup(s) AS r FROM rfm_cdnow_monthly GROUP BY id) m
JOIN (SELECT id, rfm_agg(ts, amount) AS s FROM rfm_cdnow GROUP BY id) a USING (id)
WHERE frequency(r) <> frequency(s) OR purchase_days(r) IS DISTINCT FROM purchase_days(s)
   OR abs(monetary(r) - monetary(s)) > 1e-9 * monetary(s)
   OR first_purchase(r) <> first_purchase(s) OR last_purchase(r) <> last_purchase(s);
-- states sharing only a boundary day stay exact: days {1, 3} + {3, 5} = 3 days
SELECT purchase_days(rollup(s)) AS boundary_shared, frequency(rollup(s)) FROM (
  SELECT rfm_agg(ts, 1) AS s FROM (VALUES ('2024-01-01'::timestamptz), ('2024-01-03')) v(ts)
  UNION ALL
  SELECT rfm_agg(ts, 1) FROM (VALUES ('2024-01-03 12:00'::timestamptz), ('2024-01-05')) v(ts)) t;
-- overlapping periods (e.g. one state per channel): the distinct days are unknowable, so
-- purchase_days is NULL ("days=-1"), never a guess; everything else stays exact
SELECT r, purchase_days(r) IS NULL AS days_unknown, frequency(r), is_repeat_customer(r) FROM (
  SELECT rollup(s) AS r FROM (
    SELECT rfm_agg(ts, 1) AS s FROM (VALUES ('2024-01-01 00:00+00'::timestamptz), ('2024-01-05 00:00+00')) v(ts)
    UNION ALL
    SELECT rfm_agg(ts, 2) FROM (VALUES ('2024-01-03 00:00+00'::timestamptz), ('2024-01-04 00:00+00')) v(ts)) t) u;
SELECT rollup(s) IS NULL AS all_null_rollup FROM (VALUES (NULL::rfm_state)) v(s);

-- ---------- serial = parallel = partitionwise on 200,000 generated rows ----------
-- 5,000 customers; about 40 rows each over 120 days, so most have several rows per day
CREATE TABLE rfm_orders AS
SELECT i AS order_id, 1 + (hashint4(i) & 2147483647) % 5000 AS customer,
       timestamptz '2024-01-01 00:00+00'
         + ((hashint4(i + 1) & 2147483647) % (120 * 1440)) * interval '1 minute' AS ts,
       ((hashint4(i + 2) & 2147483647) % 10000) / 100.0 AS amount
FROM generate_series(1, 200000) i;
ANALYZE rfm_orders;
CREATE TABLE rfm_serial AS
SELECT customer, rfm_agg(ts, amount) AS s FROM rfm_orders GROUP BY customer;
-- independent plain SQL on the same rows
SELECT count(*) AS customers, count(*) FILTER (WHERE frequency(s) <> n OR purchase_days(s) <> d
         OR first_purchase(s) <> lo OR last_purchase(s) <> hi
         OR abs(monetary(s) - total) > 1e-9 * total) AS plain_sql_mismatches,
       count(*) FILTER (WHERE d < n) AS customers_with_shared_days
FROM rfm_serial JOIN (
  SELECT customer, count(*) AS n, count(DISTINCT (ts AT TIME ZONE 'UTC')::date) AS d,
         min(ts) AS lo, max(ts) AS hi, sum(amount) AS total
  FROM rfm_orders GROUP BY customer) p USING (customer);
SET max_parallel_workers_per_gather = 2;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET parallel_leader_participation = off;
SET enable_hashagg = off;
EXPLAIN (COSTS OFF) SELECT customer, rfm_agg(ts, amount) FROM rfm_orders GROUP BY customer;
-- totals are float sums: equal to 1e-12 relative, every other field exactly
SELECT count(*) AS parallel_mismatches FROM (
  SELECT customer, rfm_agg(ts, amount) AS s FROM rfm_orders GROUP BY customer) p
JOIN rfm_serial s USING (customer)
WHERE frequency(p.s) <> frequency(s.s) OR purchase_days(p.s) IS DISTINCT FROM purchase_days(s.s)
   OR first_purchase(p.s) <> first_purchase(s.s) OR last_purchase(p.s) <> last_purchase(s.s)
   OR abs(monetary(p.s) - monetary(s.s)) > 1e-12 * monetary(s.s);
-- one group of all 200,000 rows: every worker sees every day
SELECT frequency(s), purchase_days(s), round(monetary(s)::numeric, 2) AS total
FROM (SELECT rfm_agg(ts, amount) AS s FROM rfm_orders) t;
-- rollup of per-day states in parallel equals the serial rfm_agg
CREATE TABLE rfm_orders_daily AS
SELECT customer, (ts AT TIME ZONE 'UTC')::date AS day, rfm_agg(ts, amount) AS s
FROM rfm_orders GROUP BY customer, day;
ANALYZE rfm_orders_daily;
EXPLAIN (COSTS OFF) SELECT customer, rollup(s) FROM rfm_orders_daily GROUP BY customer;
SELECT count(*) AS parallel_rollup_mismatches FROM (
  SELECT customer, rollup(s) AS r FROM rfm_orders_daily GROUP BY customer) p
JOIN rfm_serial s USING (customer)
WHERE frequency(r) <> frequency(s) OR purchase_days(r) IS DISTINCT FROM purchase_days(s)
   OR first_purchase(r) <> first_purchase(s) OR last_purchase(r) <> last_purchase(s)
   OR abs(monetary(r) - monetary(s)) > 1e-12 * monetary(s);
RESET enable_hashagg;
RESET parallel_leader_participation;
RESET max_parallel_workers_per_gather;
-- partitions by order id: one customer's same-day orders land in different partitions
CREATE TABLE rfm_orders_part (LIKE rfm_orders) PARTITION BY HASH (order_id);
CREATE TABLE rfm_orders_part_0 PARTITION OF rfm_orders_part FOR VALUES WITH (MODULUS 3, REMAINDER 0);
CREATE TABLE rfm_orders_part_1 PARTITION OF rfm_orders_part FOR VALUES WITH (MODULUS 3, REMAINDER 1);
CREATE TABLE rfm_orders_part_2 PARTITION OF rfm_orders_part FOR VALUES WITH (MODULUS 3, REMAINDER 2);
INSERT INTO rfm_orders_part SELECT * FROM rfm_orders;
ANALYZE rfm_orders_part;
SET enable_partitionwise_aggregate = on;
SET max_parallel_workers_per_gather = 0;
SET enable_hashagg = off;
EXPLAIN (COSTS OFF) SELECT customer, rfm_agg(ts, amount) FROM rfm_orders_part GROUP BY customer;
SELECT count(*) AS partitionwise_mismatches FROM (
  SELECT customer, rfm_agg(ts, amount) AS s FROM rfm_orders_part GROUP BY customer) p
JOIN rfm_serial s USING (customer)
WHERE frequency(p.s) <> frequency(s.s) OR purchase_days(p.s) IS DISTINCT FROM purchase_days(s.s)
   OR first_purchase(p.s) <> first_purchase(s.s) OR last_purchase(p.s) <> last_purchase(s.s)
   OR abs(monetary(p.s) - monetary(s.s)) > 1e-12 * monetary(s.s);
RESET enable_hashagg;
RESET enable_partitionwise_aggregate;
RESET max_parallel_workers_per_gather;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;

-- ---------- state bad input: a clear error each, never a crash ----------
\set VERBOSITY default
SELECT rfm_agg(ts, a) FROM (VALUES ('2024-01-01'::timestamptz, 'NaN'::float8)) v(ts, a);
SELECT rfm_agg(ts, a) FROM (VALUES ('2024-01-01'::timestamptz, 'Infinity'::float8)) v(ts, a);
SELECT rfm_agg(ts, a) FROM (VALUES ('2024-01-01'::timestamptz, -5.0::float8)) v(ts, a);
SELECT rfm_agg(ts, a) FROM (VALUES ('infinity'::timestamptz, 1.0::float8)) v(ts, a);
SELECT rfm_agg(ts, a) FROM (VALUES ('2024-01-01'::timestamptz, 1e308::float8), ('2024-01-02', 1e308)) v(ts, a);
SELECT recency(rfm_agg(ts, 1), '2023-12-31') FROM (VALUES ('2024-01-01'::timestamptz)) v(ts);
SELECT recency(rfm_agg(ts, 1), 'infinity') FROM (VALUES ('2024-01-01'::timestamptz)) v(ts);
SELECT 'purchases=1 days=1 total=1'::rfm_state;
SELECT 'purchases=1 days=2 total=1 first=2024-01-01T00:00:00+00 last=2024-01-01T00:00:00+00'::rfm_state;
SELECT 'purchases=2 days=1 total=1 first=2024-01-01T00:00:00+00 last=2024-01-02T00:00:00+00'::rfm_state;
SELECT 'purchases=2 days=2 total=NaN first=2024-01-01T00:00:00+00 last=2024-01-02T00:00:00+00'::rfm_state;
SELECT 'purchases=2 days=2 total=1 first=2024-01-03T00:00:00+00 last=2024-01-02T00:00:00+00'::rfm_state;
SELECT 'purchases=0 days=0 total=5 first=2000-01-01T00:00:00+00 last=2000-01-01T00:00:00+00'::rfm_state;
SELECT 'purchases=2 days=2 total=1 first=2024-01-01 last=2024-01-02'::rfm_state;
-- counts at the bigint limit: the most purchases a state holds is 9223372036854775807; a
-- rollup of two valid states whose purchases add up past it is 22003 (it wrapped to an
-- empty state)
SELECT frequency('purchases=9223372036854775807 days=1 total=1 first=2024-01-01T00:00:00+00 last=2024-01-01T00:00:00+00'::rfm_state);
SELECT rollup(s) FROM (VALUES ('purchases=9223372036854775807 days=1 total=1 first=2024-01-01T00:00:00+00 last=2024-01-01T00:00:00+00'::rfm_state),
                              ('purchases=1 days=1 total=1 first=2024-02-01T00:00:00+00 last=2024-02-01T00:00:00+00')) v(s);
-- binary input takes the timestamps text input takes: a state of 4714-11-24 00:00:00 BC
-- (-211813488000000000 us from 2000-01-01, the first valid timestamp; see decay.sql) is
-- received and reads back from its text, one microsecond earlier (bytes 26-33 and 34-41
-- are first and last) is 22P03: such a state could not be printed, so not dumped
CREATE TABLE rfm_recv (v rfm_state);
\copy (SELECT rfm_state_send(rfm_agg(ts, 1)) FROM (VALUES (timestamptz '4714-11-24 00:00:00+00 BC')) v(ts)) TO 'results/rfm_first.bin' WITH (FORMAT binary)
\copy rfm_recv FROM 'results/rfm_first.bin' WITH (FORMAT binary)
SELECT v::text, v::text::rfm_state::text = v::text AS reads_back FROM rfm_recv;
\copy (SELECT overlay(overlay(rfm_state_send(rfm_agg(ts, 1)) PLACING int8send(-211813488000000001) FROM 26 FOR 8) PLACING int8send(-211813488000000001) FROM 34 FOR 8) FROM (VALUES (timestamptz '4714-11-24 00:00:00+00 BC')) v(ts)) TO 'results/rfm_before.bin' WITH (FORMAT binary)
\copy rfm_recv FROM 'results/rfm_before.bin' WITH (FORMAT binary)

\set VERBOSITY terse

-- spans between the extremes of timestamptz, past 2^63 microseconds, are exact: from
-- 4714-11-24 00:00:00 BC to 294276-12-31 23:59:59.999999 UTC is N days 23:59:59.999999,
-- N = date '294276-12-31' - date '4714-11-24 BC' (plain SQL on dates); subtracting tenure
-- from as_of gives back the first purchase; customer_segment says churned (it said new:
-- the span wrapped negative).  In UTC: timestamptz + interval adds days in the session's
-- time zone.
SET TimeZone = 'UTC';
SELECT date '294276-12-31' - date '4714-11-24 BC' AS n, tenure(s, a),
       tenure(s, a) = make_interval(days => date '294276-12-31' - date '4714-11-24 BC', secs => 86399.999999) AS tenure_exact,
       recency(s, a) = tenure(s, a) AS recency_exact,
       a - tenure(s, a) = first_purchase(s) AS tenure_reads_back,
       abs(recency_days(s, a) - ((date '294276-12-31' - date '4714-11-24 BC') + 86399.999999 / 86400)) <= 1e-15 * recency_days(s, a) AS recency_days_exact,
       customer_segment(s, a)
FROM (SELECT rfm_agg(ts, 1) FROM (VALUES (timestamptz '4714-11-24 00:00:00+00 BC')) v(ts)) x(s),
     (VALUES (timestamptz '294276-12-31 23:59:59.999999+00')) y(a);
-- around 2^63 microseconds (where it wrapped): as_of = the first purchase + 2^63 - 1 us =
-- 106751991 * 86400000000 + 14454775807 us = '106751991 days 04:00:54.775807', and one
-- microsecond later
SELECT d, tenure(s, first_purchase(s) + d) = d AS exact, recency_days(s, first_purchase(s) + d) > 106751991 AS recency_days_positive,
       customer_segment(s, first_purchase(s) + d)
FROM (SELECT rfm_agg(ts, 1) FROM (VALUES (timestamptz '4714-11-24 00:00:00+00 BC')) v(ts)) x(s),
     (VALUES (interval '106751991 days 04:00:54.775807'), (interval '106751991 days 04:00:54.775808')) y(d);
RESET TimeZone;

-- ---------- scores: rfm_breaks and rfm_score ----------
-- hand-checked: 10 values, n = 5: cut points at sorted positions ceil(k * 10 / 5) = 2, 4, 6, 8
SELECT rfm_breaks(5) WITHIN GROUP (ORDER BY v) FROM generate_series(1, 10) v;
-- heavy ties: 1 x6, 2 x2, 3, 4 -> positions 2, 4, 6, 8 -> {1, 1, 1, 2}; all the 1s share score 1
SELECT rfm_breaks(5) WITHIN GROUP (ORDER BY v) FROM unnest(ARRAY[1, 1, 1, 1, 1, 1, 2, 2, 3, 4]) v;
SELECT v, rfm_score(v, b, true) AS score, rfm_score(v, b, false) AS reversed
FROM (SELECT rfm_breaks(5) WITHIN GROUP (ORDER BY v) AS b
      FROM unnest(ARRAY[1, 1, 1, 1, 1, 1, 2, 2, 3, 4]) v) t,
     unnest(ARRAY[1, 2, 3, 4, 0, 9]) v ORDER BY v;
-- NULLs are skipped; no non-NULL value -> NULL
SELECT rfm_breaks(3) WITHIN GROUP (ORDER BY v) FROM (VALUES (1.0), (NULL), (2.0), (3.0)) x(v);
SELECT rfm_breaks(3) WITHIN GROUP (ORDER BY v) IS NULL AS all_null FROM (VALUES (NULL::float8)) x(v);
-- the CDNOW frequency column (days after the first) is 60% zeros: NTILE splits equal values
-- across scores by accident, rfm_score never does; scores follow the formula
-- 1 + floor(n * (share of values strictly below), capped at n), computed here in plain SQL
CREATE TABLE rfm_scored AS
SELECT id, x, rfm_score(x, b, true) AS ours, ntile(5) OVER (ORDER BY x) AS nt,
       1 + least(4, floor(5.0 * (rank() OVER (ORDER BY x) - 1) / count(*) OVER ()))::int AS plain
FROM (SELECT id, (purchase_days(s) - 1)::float8 AS x FROM rfm_cdnow_cal) c,
     (SELECT rfm_breaks(5) WITHIN GROUP (ORDER BY purchase_days(s) - 1) AS b FROM rfm_cdnow_cal) br;
SELECT count(*) FILTER (WHERE ours <> plain) AS formula_mismatches,
       (SELECT count(*) FROM (SELECT x FROM rfm_scored GROUP BY x HAVING count(DISTINCT ours) > 1) t) AS ours_split_values,
       (SELECT count(*) FROM (SELECT x FROM rfm_scored GROUP BY x HAVING count(DISTINCT nt) > 1) t) AS ntile_split_values
FROM rfm_scored;
SELECT ours AS score, count(*), min(x), max(x) FROM rfm_scored GROUP BY ours ORDER BY ours;
-- cut points against plain SQL: the value at sorted position ceil(k * N / n)
SELECT (SELECT rfm_breaks(7) WITHIN GROUP (ORDER BY amount) FROM rfm_orders)
     = (SELECT array_agg(amount::float8 ORDER BY rn) FROM (
          SELECT amount, row_number() OVER (ORDER BY amount) AS rn FROM rfm_orders) t
        WHERE rn IN (SELECT (k * 200000 + 6) / 7 FROM generate_series(1, 6) k)) AS breaks_match_plain_sql;
-- recency: fewer days since the last purchase -> higher score (the classic inverted-scale bug)
WITH r AS (SELECT id, recency_days(s, '1997-09-30 00:00+00') AS d FROM rfm_cdnow_cal),
     b AS (SELECT rfm_breaks(5) WITHIN GROUP (ORDER BY d) AS b FROM r)
SELECT rfm_score(d, b, false) AS r_score, count(*), min(d) AS min_days, max(d) AS max_days
FROM r, b GROUP BY 1 ORDER BY 1;
-- scoring values outside the sample uses the same cut points
SELECT rfm_score(-1e9, '{1,2,3,4}', true) AS low, rfm_score(1e9, '{1,2,3,4}', true) AS high,
       rfm_score(2, '{1,2,3,4}', true) AS at_cut, rfm_score(2.5, '{1,2,3,4}', false) AS reversed;
\set VERBOSITY default
SELECT rfm_breaks(1) WITHIN GROUP (ORDER BY v) FROM generate_series(1, 10) v;
SELECT rfm_breaks(101) WITHIN GROUP (ORDER BY v) FROM generate_series(1, 10) v;
SELECT rfm_breaks(NULL) WITHIN GROUP (ORDER BY v) FROM generate_series(1, 10) v;
SELECT rfm_breaks(5) WITHIN GROUP (ORDER BY v) FROM (VALUES (1.0::float8), ('NaN')) x(v);
SELECT rfm_breaks(5) WITHIN GROUP (ORDER BY v) FROM (VALUES (1.0::float8), ('-Infinity')) x(v);
SELECT rfm_score('NaN', '{1,2}', true);
SELECT rfm_score(1, '{3,2}', true);
SELECT rfm_score(1, '{1,NULL}', true);
SELECT rfm_score(1, '{1,NaN}', true);
SELECT rfm_score(1, '{}', true);
SELECT rfm_score(1, '{{1,2},{3,4}}', true);
SELECT rfm_score(1, array_fill(1.0::float8, ARRAY[100]), true);
\set VERBOSITY terse

-- ---------- segment maps ----------
-- the 125-cell enumeration of each preset against product.md 7.2
-- (A) R package rfm 0.3.0: Champions 1, Potential Loyalist 35, Loyal 15, Promising 8, New 15,
--     Can't Lose 6, At Risk 7, Need Attention 4, About To Sleep 10, Lost 14, Others 10
SELECT count(*) AS rfm_package_count_mismatches FROM (
  SELECT segment, count(*) AS n FROM rfm_segment_cells('rfm_package') GROUP BY segment) c
FULL JOIN (VALUES ('Champions', 1), ('Potential Loyalist', 35), ('Loyal Customers', 15), ('Promising', 8),
  ('New Customers', 15), ('Can''t Lose Them', 6), ('At Risk', 7), ('Need Attention', 4),
  ('About To Sleep', 10), ('Lost', 14), ('Others', 10)) e(segment, n) USING (segment)
WHERE c.n IS DISTINCT FROM e.n;
-- (B) Putler-style, top-down: Champions 8, Loyal 28, Potential Loyalist 24, At Risk 20,
--     Need Attention 3, About To Sleep 3, Hibernating 3, Others 36; 4 segments unreachable
SELECT count(*) AS putler_count_mismatches FROM (
  SELECT segment, count(*) AS n FROM rfm_segment_cells('putler') GROUP BY segment) c
FULL JOIN (VALUES ('Champions', 8), ('Loyal Customers', 28), ('Potential Loyalist', 24), ('At Risk', 20),
  ('Need Attention', 3), ('About To Sleep', 3), ('Hibernating', 3), ('Others', 36)) e(segment, n) USING (segment)
WHERE c.n IS DISTINCT FROM e.n;
-- (C) R x FM grid, FM = ceil((F + M) / 2); checked where F = M = FM
SELECT count(*) AS rfm_grid_mismatches FROM (VALUES
  (5, 1, 'Recent Customers'), (5, 2, 'Potential Loyalists'), (5, 3, 'Loyal'), (5, 4, 'Champions'), (5, 5, 'Champions'),
  (4, 1, 'Promising'), (4, 2, 'Potential Loyalists'), (4, 3, 'Potential Loyalists'), (4, 4, 'Loyal'), (4, 5, 'Champions'),
  (3, 1, 'Promising'), (3, 2, 'Needing Attention'), (3, 3, 'Potential Loyalists'), (3, 4, 'Loyal'), (3, 5, 'Loyal'),
  (2, 1, 'About to Sleep'), (2, 2, 'Needing Attention'), (2, 3, 'Needing Attention'), (2, 4, 'At Risk'), (2, 5, 'At Risk'),
  (1, 1, 'Lost'), (1, 2, 'Hibernating'), (1, 3, 'At Risk'), (1, 4, 'Can''t Lose Them'), (1, 5, 'Can''t Lose Them')
) g(r, fm, segment)
WHERE rfm_segment(r, fm, fm) <> segment OR rfm_segment(r, fm, fm, 'rfm_grid') <> segment;
SELECT segment, count(*) FROM rfm_segment_cells() GROUP BY segment ORDER BY segment;
-- (D) R x F, M ignored: every M gives the published cell
SELECT count(*) AS rf_grid_mismatches FROM (VALUES
  (5, 1, 'new_customers'), (5, 2, 'potential_loyalists'), (5, 3, 'potential_loyalists'), (5, 4, 'champions'), (5, 5, 'champions'),
  (4, 1, 'promising'), (4, 2, 'potential_loyalists'), (4, 3, 'potential_loyalists'), (4, 4, 'loyal_customers'), (4, 5, 'loyal_customers'),
  (3, 1, 'about_to_sleep'), (3, 2, 'about_to_sleep'), (3, 3, 'need_attention'), (3, 4, 'loyal_customers'), (3, 5, 'loyal_customers'),
  (2, 1, 'hibernating'), (2, 2, 'hibernating'), (2, 3, 'at_risk'), (2, 4, 'at_risk'), (2, 5, 'cant_loose'),
  (1, 1, 'hibernating'), (1, 2, 'hibernating'), (1, 3, 'at_risk'), (1, 4, 'at_risk'), (1, 5, 'cant_loose')
) g(r, f, segment)
JOIN rfm_segment_cells('rf_grid') c USING (r, f)
WHERE c.segment <> g.segment;
-- the checking function: the grids are sound; (A) leaves 10 cells unmatched; (B) 36 and 4
-- unreachable segments
SELECT 'rfm_grid' AS map, count(*) AS problems FROM rfm_segment_check('rfm_grid')
UNION ALL SELECT 'rf_grid', count(*) FROM rfm_segment_check('rf_grid')
ORDER BY map;
SELECT problem, count(*) FROM rfm_segment_check('rfm_package') GROUP BY problem ORDER BY problem;
SELECT problem, segment, count(*) FROM rfm_segment_check('putler') GROUP BY problem, segment ORDER BY problem, segment;
SELECT * FROM rfm_segment_check('rfm_package') ORDER BY r, f, m LIMIT 3;
-- customers without purchases: an explicit segment, never NULL
SELECT rfm_segment(NULL, NULL, NULL) AS no_purchases, rfm_segment(NULL, NULL, NULL, 'putler') AS putler;

-- user maps: rows with builtin = false, kept by pg_dump (config table filter)
SELECT c.relname, e.extcondition FROM pg_extension e, unnest(e.extconfig) WITH ORDINALITY AS x(oid, i)
JOIN pg_class c ON c.oid = x.oid, unnest(e.extcondition) WITH ORDINALITY AS y(extcondition, j)
WHERE e.extname = 'engagement' AND c.relname = 'rfm_segment_map' AND x.i = y.j;
INSERT INTO rfm_segment_map (map_name, priority, segment, r_lo, r_hi) VALUES
  ('rfm_test_recent', 1, 'recent', 4, 5), ('rfm_test_recent', 2, 'lapsed', 1, 2);
SELECT rfm_segment(5, 1, 1, 'rfm_test_recent'), rfm_segment(3, 1, 1, 'rfm_test_recent'),
       rfm_segment(1, 5, 5, 'rfm_test_recent');
SELECT * FROM rfm_segment_check('rfm_test_recent', 2) ORDER BY problem, r, f, m;
-- a user row shadowing nothing, updated and deleted freely
UPDATE rfm_segment_map SET r_lo = 3 WHERE map_name = 'rfm_test_recent' AND priority = 1;
SELECT rfm_segment(3, 1, 1, 'rfm_test_recent') AS after_edit;
DELETE FROM rfm_segment_map WHERE map_name = 'rfm_test_recent';
\set VERBOSITY default
-- the presets are read-only
UPDATE rfm_segment_map SET segment = 'x' WHERE map_name = 'rfm_grid' AND priority = 55;
DELETE FROM rfm_segment_map WHERE map_name = 'putler';
INSERT INTO rfm_segment_map (map_name, priority, segment, builtin) VALUES ('mine', 1, 'x', true);
TRUNCATE rfm_segment_map;
-- ... and immutable: no user row may join a preset map, inserted or renamed into it (a row
-- of priority 0 under 'rfm_grid' would otherwise decide every rfm_segment call, 'Owned')
INSERT INTO rfm_segment_map (map_name, priority, segment) VALUES ('rfm_grid', 0, 'Owned');
INSERT INTO rfm_segment_map (map_name, priority, segment) VALUES ('rfm_test_mine', 0, 'Owned');
UPDATE rfm_segment_map SET map_name = 'putler' WHERE map_name = 'rfm_test_mine';
SELECT rfm_segment(1, 1, 1) AS grid_111, rfm_segment(1, 1, 1, 'putler') AS putler_111,
       rfm_segment(1, 1, 1, 'rfm_test_mine') AS mine_111;
DELETE FROM rfm_segment_map WHERE map_name = 'rfm_test_mine';
-- the guard is a trigger function only
SELECT rfm_segment_map_guard();
SELECT count(*) AS builtin_rows FROM rfm_segment_map WHERE builtin;
SELECT rfm_segment(1, 1, 1, 'no_such_map');
SELECT rfm_segment(1, 1, 1, NULL);
SELECT rfm_segment(1, NULL, 1);
SELECT rfm_segment(0, 1, 1);
SELECT rfm_segment(1, 1, 101);
SELECT * FROM rfm_segment_cells('rfm_grid', 1);
SELECT * FROM rfm_segment_check('no_such_map');
\set VERBOSITY terse

-- ---------- customer_segment ----------
-- hand-checked at 2024-06-30 with the defaults (at risk after 90 days, churned after 180,
-- loyal from 3 purchase days)
SELECT c, customer_segment(s, '2024-06-30 00:00+00') FROM (
  SELECT c, rfm_agg(ts, 10) AS s FROM (VALUES
    ('one day, recent', '2024-06-20 00:00+00'::timestamptz), ('one day, recent', '2024-06-20 08:00+00'),
    ('two days', '2024-05-01'), ('two days', '2024-06-01'),
    ('three days', '2024-04-01'), ('three days', '2024-05-01'), ('three days', '2024-06-29'),
    ('90 days ago', '2024-04-01 00:00+00'),
    ('180 days ago', '2024-01-02 00:00+00'), ('180 days ago', '2023-06-01 00:00+00'),
    ('no orders', NULL)) v(c, ts) GROUP BY c) t ORDER BY c;
SELECT customer_segment(NULL, '2024-06-30') AS null_state,
       customer_segment(s, '2024-06-30', at_risk_after => '10 days', churned_after => '20 days') AS tight,
       customer_segment(s, '2024-06-30', loyal_min_days => 2) AS loyal_from_two
FROM (SELECT rfm_agg(ts, 1) AS s FROM (VALUES ('2024-06-01'::timestamptz), ('2024-06-15')) v(ts)) t;
-- CDNOW at 1997-09-30 against a plain-SQL classification of the same rows
SELECT count(*) AS customer_segment_mismatches FROM (
  SELECT id, customer_segment(s, '1997-09-30 00:00+00') AS ours FROM rfm_cdnow_cal) o
JOIN (
  SELECT id, CASE WHEN '1997-09-30 00:00+00' - max(ts) >= interval '180 days' THEN 'churned'
                  WHEN '1997-09-30 00:00+00' - max(ts) >= interval '90 days' THEN 'at_risk'
                  WHEN count(DISTINCT ts) = 1 THEN 'new'
                  WHEN count(DISTINCT ts) >= 3 THEN 'loyal'
                  ELSE 'returning' END AS plain
  FROM rfm_cdnow WHERE ts <= '1997-09-30 00:00+00' GROUP BY id) p USING (id)
WHERE ours <> plain;
SELECT customer_segment(s, '1997-09-30 00:00+00') AS segment, count(*)
FROM rfm_cdnow_cal GROUP BY 1 ORDER BY 1;
\set VERBOSITY default
SELECT customer_segment(rfm_agg(ts, 1), '2023-01-01') FROM (VALUES ('2024-01-01'::timestamptz)) v(ts);
SELECT customer_segment(rfm_agg(ts, 1), '2024-06-01', at_risk_after => '0 days') FROM (VALUES ('2024-01-01'::timestamptz)) v(ts);
SELECT customer_segment(rfm_agg(ts, 1), '2024-06-01', '100 days', '50 days') FROM (VALUES ('2024-01-01'::timestamptz)) v(ts);
SELECT customer_segment(rfm_agg(ts, 1), '2024-06-01', loyal_min_days => 1) FROM (VALUES ('2024-01-01'::timestamptz)) v(ts);
SELECT customer_segment(rfm_agg(ts, 1), NULL) FROM (VALUES ('2024-01-01'::timestamptz)) v(ts);
SELECT customer_segment('purchases=3 days=-1 total=3 first=2024-01-01T00:00:00+00 last=2024-01-09T00:00:00+00', '2024-01-10');
\set VERBOSITY terse

-- ---------- the segment report (README recipe) on CDNOW at 1997-09-30 ----------
WITH st AS (
  SELECT id, recency_days(s, '1997-09-30 00:00+00') AS r, purchase_days(s)::float8 AS f, monetary(s) AS m
  FROM rfm_cdnow_cal),
br AS (
  SELECT rfm_breaks(5) WITHIN GROUP (ORDER BY r) AS rb, rfm_breaks(5) WITHIN GROUP (ORDER BY f) AS fb,
         rfm_breaks(5) WITHIN GROUP (ORDER BY m) AS mb FROM st)
SELECT rfm_segment(rfm_score(r, rb, false), rfm_score(f, fb, true), rfm_score(m, mb, true)) AS segment,
       count(*) AS customers, round(avg(m)::numeric, 2) AS avg_monetary
FROM st, br GROUP BY 1 ORDER BY customers DESC, segment;

DROP TABLE rfm_cdnow_raw, rfm_cdnow, rfm_cdnow_summary, rfm_cdnow_cal, rfm_cdnow_cal_copy,
  rfm_cdnow_monthly, rfm_orders, rfm_serial, rfm_orders_daily, rfm_orders_part, rfm_scored;
-- exact-type overloads (README, Security): integer and numeric amounts give exactly the
-- state of the same amounts as float8
SELECT rfm_agg(t, i)::text = rfm_agg(t, i::float8)::text AS integer_amount,
       rfm_agg(t, i * 0.25)::text = rfm_agg(t, (i * 0.25)::float8)::text AS numeric_amount
FROM (SELECT timestamptz '2024-01-01 00:00+00' + i * interval '7 hours' AS t, i FROM generate_series(1, 50) AS i) g;
SELECT rfm_agg(timestamptz '2024-01-01 00:00+00', -1);
