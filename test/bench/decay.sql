-- test/bench/decay.sql: engagement score of every customer now (half-life 14 days).
-- requires: engagement_score
-- bench: decay | engagement_score | parallel partitioned
--
-- Plain SQL: the formula summed directly, sum(weight * 0.5 ^ (age / half_life)), with the
-- age in seconds as float8 (extract() returns numeric, which is much slower). Every event is
-- before as_of; both sides would leave later events out. Weight 1 for every event, so the
-- comparison measures the aggregate, not a weighting expression both would evaluate.

CREATE VIEW bench_decay_ours AS
SELECT customer_id AS k,
       engagement_score(ts, 1.0, interval '14 days', timestamptz '2024-07-02 00:00+00') AS score
FROM events GROUP BY customer_id;

CREATE VIEW bench_decay_plain AS
SELECT customer_id AS k,
       sum(1.0::float8 * power(0.5::float8,
             extract(epoch FROM timestamptz '2024-07-02 00:00+00' - ts)::float8 / 1209600))
         FILTER (WHERE ts <= timestamptz '2024-07-02 00:00+00') AS score
FROM events GROUP BY customer_id;

CREATE VIEW bench_decay_floor AS
SELECT customer_id AS k, count(*) AS n FROM events GROUP BY customer_id;
CREATE VIEW bench_decay_args AS
SELECT customer_id AS k, max(ts) AS ts
FROM events GROUP BY customer_id;
