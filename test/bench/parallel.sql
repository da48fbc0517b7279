-- test/bench/parallel.sql: the parallel speed-up of the aggregates on a low-cardinality GROUP BY.
-- requires: engagement_score window_funnel session_stats
-- bench: par_decay | engagement_score, all events in one group | parallel
-- bench: par_funnel3 | window_funnel 3 steps, per channel (6 groups) | parallel
-- bench: par_sessions | session_stats, per channel (6 groups) | parallel
--
-- The per-customer benchmarks have about 10 rows per group: there the planner rightly keeps
-- the plan serial (a partial aggregate would ship about as many states as it read rows), so
-- they cannot show what parallel query does for these aggregates. These run the same
-- aggregates over few, large groups, where the planner chooses Partial/Finalize Aggregate and
-- the workers' states are combined (and, for the event buffer, serialised and merged): the
-- whole table in one group, and the 6 channels (a column with statistics, so the planner
-- knows the groups are few). The groups are throughput tests, not analyses (a funnel per
-- channel mixes the events of all customers). The plain SQL is given where it is the same
-- formula (the decayed sum); ours with 0 and 2 workers, same rows, is the measurement.

CREATE VIEW bench_par_decay_ours AS
SELECT 1 AS k,
       engagement_score(ts, 1.0, interval '14 days', timestamptz '2024-07-02 00:00+00') AS score
FROM events;

CREATE VIEW bench_par_decay_plain AS
SELECT 1 AS k,
       sum(1.0::float8 * power(0.5::float8,
             extract(epoch FROM timestamptz '2024-07-02 00:00+00' - ts)::float8 / 1209600))
         FILTER (WHERE ts <= timestamptz '2024-07-02 00:00+00') AS score
FROM events;

CREATE VIEW bench_par_decay_floor AS
SELECT 1 AS k, count(*) AS n FROM events;

CREATE VIEW bench_par_funnel3_ours AS
SELECT channel AS k,
       window_funnel(interval '1 day', ts, event_type = 'page_view', event_type = 'add_to_cart',
                     event_type = 'purchase') AS level
FROM events GROUP BY channel;

CREATE VIEW bench_par_funnel3_floor AS
SELECT channel AS k, count(*) AS n FROM events GROUP BY channel;

CREATE VIEW bench_par_sessions_ours AS
SELECT channel AS k, (s).sessions, (s).events, (s).total_duration, (s).bounces
FROM (SELECT channel, session_stats(ts, interval '30 minutes') AS s
      FROM events GROUP BY channel) t;

CREATE VIEW bench_par_sessions_floor AS
SELECT channel AS k, count(*) AS n FROM events GROUP BY channel;
