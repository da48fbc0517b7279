-- test/bench/sequence.sql: does each customer's event sequence follow a pattern.
-- requires: sequence_match sequence_count
-- bench: seq3 | sequence_match (?1).*(?2).*(?3) | parallel partitioned
-- bench: seqt | sequence_match (?1)(?t<=3600)(?2)
-- bench: seqc | sequence_count (?1)(?2)
--
-- Every event type here matches at most one condition, so the events are ordered by
-- (ts, condition number): at equal timestamps a lower-numbered condition comes first.
--
-- (?1).*(?2).*(?3), page_view -> add_to_cart -> purchase, other events anywhere between:
-- plain SQL takes the first page view t1 (a whole-partition window), the first cart at or
-- after t1 (t2), and the pattern matches when the last purchase is at or after t2. At equal
-- timestamps the later step comes after the earlier one, hence >= throughout.
--
-- (?1)(?t<=3600)(?2), a purchase within an hour after a cart (other events may lie between):
-- plain SQL keeps, on every row, the latest cart at or before its timestamp (a running max
-- over ts, peers included: a cart at the same instant comes first) and asks whether some
-- purchase is at most an hour after it.
--
-- sequence_count (?1)(?2), how often a cart was directly followed by a checkout among the
-- cart, checkout and purchase events (page views and messages are not events of this
-- pattern): plain SQL keeps only those rows, and counts the checkouts whose lag() over
-- (ts, condition number) is a cart. Matches of (?1)(?2) cannot overlap (no event is both).

CREATE VIEW bench_seq3_ours AS
SELECT customer_id AS k,
       sequence_match('(?1).*(?2).*(?3)', ts, event_type = 'page_view',
                      event_type = 'add_to_cart', event_type = 'purchase') AS m
FROM events GROUP BY customer_id;

CREATE VIEW bench_seq3_plain AS
WITH e AS (
  SELECT customer_id, ts, event_type,
         min(ts) FILTER (WHERE event_type = 'page_view') OVER (PARTITION BY customer_id) AS t1
  FROM events
), g AS (
  SELECT customer_id,
         min(ts) FILTER (WHERE event_type = 'add_to_cart' AND ts >= t1) AS t2,
         max(ts) FILTER (WHERE event_type = 'purchase') AS t3
  FROM e GROUP BY customer_id
)
SELECT customer_id AS k, coalesce(t3 >= t2, false) AS m
FROM g;

CREATE VIEW bench_seq3_floor AS
SELECT customer_id AS k, count(*) AS n FROM events GROUP BY customer_id;
CREATE VIEW bench_seq3_args AS
SELECT customer_id AS k, max(ts) AS ts, bool_or(event_type = 'page_view') AS c1, bool_or(event_type = 'add_to_cart') AS c2,
       bool_or(event_type = 'purchase') AS c3
FROM events GROUP BY customer_id;

CREATE VIEW bench_seqt_ours AS
SELECT customer_id AS k,
       sequence_match('(?1)(?t<=3600)(?2)', ts, event_type = 'add_to_cart',
                      event_type = 'purchase') AS m
FROM events GROUP BY customer_id;

CREATE VIEW bench_seqt_plain AS
WITH e AS (
  SELECT customer_id, ts, event_type,
         max(ts) FILTER (WHERE event_type = 'add_to_cart')
           OVER (PARTITION BY customer_id ORDER BY ts) AS last_cart
  FROM events
)
SELECT customer_id AS k,
       coalesce(bool_or(ts - last_cart <= interval '3600 seconds')
                  FILTER (WHERE event_type = 'purchase'), false) AS m
FROM e GROUP BY customer_id;

CREATE VIEW bench_seqt_floor AS
SELECT customer_id AS k, count(*) AS n FROM events GROUP BY customer_id;
CREATE VIEW bench_seqt_args AS
SELECT customer_id AS k, max(ts) AS ts, bool_or(event_type = 'add_to_cart') AS c1,
       bool_or(event_type = 'purchase') AS c2
FROM events GROUP BY customer_id;

CREATE VIEW bench_seqc_ours AS
SELECT customer_id AS k,
       sequence_count('(?1)(?2)', ts, event_type = 'add_to_cart', event_type = 'checkout',
                      event_type = 'purchase') AS n
FROM events GROUP BY customer_id;

CREATE VIEW bench_seqc_plain AS
WITH e AS (
  SELECT customer_id, event_type,
         lag(event_type) OVER (PARTITION BY customer_id
                               ORDER BY ts, CASE event_type WHEN 'add_to_cart' THEN 1
                                                            WHEN 'checkout' THEN 2 ELSE 3 END) AS prev
  FROM events
  WHERE event_type IN ('add_to_cart', 'checkout', 'purchase')
)
SELECT c.customer_id AS k, coalesce(n.n, 0) AS n
FROM (SELECT DISTINCT customer_id FROM events) c
LEFT JOIN (SELECT customer_id, count(*) AS n FROM e
           WHERE event_type = 'checkout' AND prev = 'add_to_cart'
           GROUP BY customer_id) n USING (customer_id);

CREATE VIEW bench_seqc_floor AS
SELECT customer_id AS k, count(*) AS n FROM events GROUP BY customer_id;
CREATE VIEW bench_seqc_args AS
SELECT customer_id AS k, max(ts) AS ts, bool_or(event_type = 'add_to_cart') AS c1,
       bool_or(event_type = 'checkout') AS c2, bool_or(event_type = 'purchase') AS c3
FROM events GROUP BY customer_id;
