-- test/bench/memory.sql: memory of the shared event buffer, measured on window_funnel
-- (3 steps, default mode: only rows matching a step are buffered). Prints mem|measure|value.
--
-- Serialised size: an aggregate with window_funnel's transition function and the buffer's
-- serialise function as final function returns the buffer as parallel query ships it.
-- In memory: the HashAggregate's peak memory (EXPLAIN ANALYZE, which counts the transition
-- states it holds) minus that of count(*) over the same rows and groups, per buffered event.
-- (customer_id IN (x, -1) rather than = x: with a constant key the planner needs no hash.)
\set ON_ERROR_STOP on
SELECT EXISTS (SELECT FROM pg_proc WHERE proname = 'window_funnel_trans') AS has_funnel \gset
\if :has_funnel

CREATE AGGREGATE bench_funnel_buffer(interval, timestamptz, VARIADIC bool[]) (
	SFUNC = window_funnel_trans, STYPE = internal, FINALFUNC = event_buffer_serialize
);

-- peak memory (bytes) of the top HashAggregate of a query; NULL when it spilled to disk (its
-- memory then stays at work_mem, whatever the data: the 100-million-event run)
CREATE FUNCTION bench_hashagg_bytes(query text) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
	j json;
BEGIN
	SET LOCAL enable_sort = off;
	SET LOCAL enable_indexscan = off;
	SET LOCAL enable_bitmapscan = off;
	SET LOCAL max_parallel_workers_per_gather = 0;
	EXECUTE 'EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, FORMAT JSON) ' || query INTO j;
	IF j->0->'Plan'->>'Node Type' <> 'Aggregate' OR j->0->'Plan'->>'Strategy' <> 'Hashed' THEN
		RAISE EXCEPTION 'no HashAggregate at the top of the plan of %', query;
	END IF;
	IF (j->0->'Plan'->>'HashAgg Batches')::int > 1 THEN
		RETURN NULL;
	END IF;
	RETURN (j->0->'Plan'->>'Peak Memory Usage')::bigint * 1024;
END $$;

SELECT customer_id AS big, count(*) AS big_rows FROM events
GROUP BY customer_id ORDER BY count(*) DESC, customer_id LIMIT 1 \gset

CREATE TEMP TABLE mem AS
SELECT (SELECT count(*) FROM events
        WHERE customer_id = :big AND event_type IN ('page_view', 'add_to_cart', 'purchase')) AS big_buffered,
       (SELECT count(*) FROM events
        WHERE event_type IN ('page_view', 'add_to_cart', 'purchase')) AS all_buffered,
       (SELECT count(DISTINCT customer_id) FROM events) AS groups,
       (SELECT length(bench_funnel_buffer(interval '1 day', ts, event_type = 'page_view',
                        event_type = 'add_to_cart', event_type = 'purchase'))
        FROM events WHERE customer_id = :big) AS big_serial,
       bench_hashagg_bytes(format($q$SELECT customer_id, window_funnel(interval '1 day', ts,
           event_type = 'page_view', event_type = 'add_to_cart', event_type = 'purchase')
           FROM events WHERE customer_id IN (%s, -1) GROUP BY customer_id$q$, :big)) AS big_ours,
       bench_hashagg_bytes(format($q$SELECT customer_id, count(*)
           FROM events WHERE customer_id IN (%s, -1) GROUP BY customer_id$q$, :big)) AS big_floor,
       bench_hashagg_bytes($q$SELECT customer_id, window_funnel(interval '1 day', ts,
           event_type = 'page_view', event_type = 'add_to_cart', event_type = 'purchase')
           FROM events GROUP BY customer_id$q$) AS all_ours,
       bench_hashagg_bytes($q$SELECT customer_id, count(*) FROM events GROUP BY customer_id$q$) AS all_floor;

\pset format unaligned
\pset tuples_only on
SELECT 'mem|serialised buffer, largest customer (' || big_buffered || ' buffered events)|'
       || round(big_serial::numeric / big_buffered, 2) || ' bytes per event ('
       || big_serial || ' bytes)' FROM mem;
SELECT 'mem|in memory, largest customer: aggregate memory over count(*)|'
       || round((big_ours - big_floor)::numeric / big_buffered, 2) || ' bytes per event ('
       || pg_size_pretty(big_ours - big_floor) || ' for ' || big_buffered || ' events)' FROM mem;
SELECT 'mem|peak HashAggregate memory, largest customer (ours / count(*))|'
       || pg_size_pretty(big_ours) || ' / ' || pg_size_pretty(big_floor) FROM mem;
-- over many groups the two hash tables start from different group-count estimates, so the
-- count(*) one can even be the larger: then there is no difference to report
SELECT 'mem|in memory, all ' || groups || ' customers: aggregate memory over count(*)|'
       || CASE WHEN all_ours IS NULL OR all_floor IS NULL
               THEN 'spilled to disk (' || CASE WHEN all_floor IS NULL THEN 'both' ELSE 'ours' END
                    || '): the hash table holds at most work_mem = ' || current_setting('work_mem')
                    || ' and writes the other groups'' rows to disk'
               WHEN all_ours > all_floor
               THEN round((all_ours - all_floor)::numeric / all_buffered, 2) || ' bytes per event, '
                    || round((all_ours - all_floor)::numeric / groups) || ' bytes per customer ('
                    || pg_size_pretty(all_ours) || ' vs ' || pg_size_pretty(all_floor) || ')'
               ELSE 'not measurable: ' || pg_size_pretty(all_ours) || ' vs ' || pg_size_pretty(all_floor)
                    || ' for count(*), whose hash table was sized larger' END FROM mem;
\endif
