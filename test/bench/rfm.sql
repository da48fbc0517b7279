-- test/bench/rfm.sql: RFM summary and 1-5 scores of every buyer as of 2024-07-01 (purchases
-- up to then: a session that starts before midnight may run past it).
-- requires: rfm_agg rfm_breaks rfm_score recency_days purchase_days monetary
-- bench: rfm | RFM summary + scores | parallel
--
-- Plain SQL: max / count(DISTINCT day) / sum per customer, cut points with
-- percentile_disc(ARRAY[0.2, 0.4, 0.6, 0.8]) (the value at position ceil(k N / 5), as
-- rfm_breaks), and a score of 1 + the number of cut points strictly below the value (ties
-- share a score; the NTILE recipe would split them), reversed for recency.

CREATE VIEW bench_rfm_ours AS
WITH st AS (
  SELECT customer_id, rfm_agg(ts, amount) AS s
  FROM events WHERE event_type = 'purchase' AND ts <= timestamptz '2024-07-01 00:00+00' GROUP BY customer_id
), v AS (
  SELECT customer_id, recency_days(s, timestamptz '2024-07-01 00:00+00') AS r,
         purchase_days(s)::float8 AS f, monetary(s) AS m
  FROM st
), br AS (
  SELECT rfm_breaks(5) WITHIN GROUP (ORDER BY r) AS rb,
         rfm_breaks(5) WITHIN GROUP (ORDER BY f) AS fb,
         rfm_breaks(5) WITHIN GROUP (ORDER BY m) AS mb
  FROM v
)
SELECT customer_id AS k, r, f, m,
       rfm_score(r, rb, false) AS r_score, rfm_score(f, fb, true) AS f_score,
       rfm_score(m, mb, true) AS m_score
FROM v, br;

CREATE VIEW bench_rfm_plain AS
WITH v AS (
  SELECT customer_id,
         extract(epoch FROM timestamptz '2024-07-01 00:00+00' - max(ts))::float8 / 86400 AS r,
         count(DISTINCT (ts AT TIME ZONE 'UTC')::date)::float8 AS f,
         sum(amount)::float8 AS m
  FROM events WHERE event_type = 'purchase' AND ts <= timestamptz '2024-07-01 00:00+00' GROUP BY customer_id
), br AS (
  SELECT percentile_disc(ARRAY[0.2, 0.4, 0.6, 0.8]) WITHIN GROUP (ORDER BY r) AS rb,
         percentile_disc(ARRAY[0.2, 0.4, 0.6, 0.8]) WITHIN GROUP (ORDER BY f) AS fb,
         percentile_disc(ARRAY[0.2, 0.4, 0.6, 0.8]) WITHIN GROUP (ORDER BY m) AS mb
  FROM v
)
SELECT customer_id AS k, r, f, m,
       5 - (SELECT count(*) FROM unnest(rb) b WHERE b < r)::int AS r_score,
       1 + (SELECT count(*) FROM unnest(fb) b WHERE b < f)::int AS f_score,
       1 + (SELECT count(*) FROM unnest(mb) b WHERE b < m)::int AS m_score
FROM v, br;

CREATE VIEW bench_rfm_floor AS
SELECT customer_id AS k, count(*) AS n
FROM events WHERE event_type = 'purchase' AND ts <= timestamptz '2024-07-01 00:00+00' GROUP BY customer_id;
