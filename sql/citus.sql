-- citus: partial_state and the *_dist aggregates on one node (test/citus runs them on a
-- Citus cluster).  Each *_dist aggregate must return exactly what its original aggregate
-- returns, under serial, parallel and partitionwise plans and in any input order; its
-- partial state must survive the text and binary forms Citus ships between servers.
SET client_min_messages = warning;
SET timezone = 'UTC';

\i test/citus/local.sql

-- every *_dist aggregate next to its original: (name, dist expression, original, table,
-- group key)
CREATE TABLE dist_cases (name text, dist text, orig text, tbl text, grp text);
INSERT INTO dist_cases VALUES
	-- the total of an rfm_state is a floating sum: compared to 6 decimals (amounts have 2)
	('rfm_agg', 'row(frequency(rfm_agg_dist(ts, amount)), purchase_days(rfm_agg_dist(ts, amount)),
		round(monetary(rfm_agg_dist(ts, amount))::numeric, 6), first_purchase(rfm_agg_dist(ts, amount)),
		last_purchase(rfm_agg_dist(ts, amount)))',
		'row(frequency(rfm_agg(ts, amount)), purchase_days(rfm_agg(ts, amount)), round(monetary(rfm_agg(ts, amount))::numeric, 6),
		first_purchase(rfm_agg(ts, amount)), last_purchase(rfm_agg(ts, amount)))', 'ce', 'channel'),
	('decay_agg', 'score(decay_agg_dist(ts, amount, interval ''3 days''), timestamptz ''2024-02-01'')',
		'score(decay_agg(ts, amount, interval ''3 days''), timestamptz ''2024-02-01'')', 'ce', 'channel'),
	('session_stats', 'session_stats_dist(ts, interval ''30 minutes'')', 'session_stats(ts, interval ''30 minutes'')', 'ce', 'channel'),
	('session_stats engaged', 'session_stats_dist(ts, interval ''1 hour'', interval ''5 minutes'', 3)',
		'session_stats(ts, interval ''1 hour'', interval ''5 minutes'', 3)', 'ce', 'customer'),
	('window_funnel', 'window_funnel_dist(interval ''6 hours'', ts, kind = ''view'', kind = ''cart'', kind = ''buy'')',
		'window_funnel(interval ''6 hours'', ts, kind = ''view'', kind = ''cart'', kind = ''buy'')', 'ce', 'customer'),
	('window_funnel mode', 'window_funnel_dist(interval ''1 day'', ''strict_order'', ts, kind = ''view'', kind = ''buy'')',
		'window_funnel(interval ''1 day'', ''strict_order'', ts, kind = ''view'', kind = ''buy'')', 'ce', 'customer'),
	('funnel_times', 'funnel_times_dist(interval ''6 hours'', ts, kind = ''view'', kind = ''buy'')',
		'funnel_times(interval ''6 hours'', ts, kind = ''view'', kind = ''buy'')', 'ce', 'customer'),
	('sequence_match', 'sequence_match_dist(''(?1)(?t<3600)(?2)'', ts, kind = ''view'', kind = ''buy'')',
		'sequence_match(''(?1)(?t<3600)(?2)'', ts, kind = ''view'', kind = ''buy'')', 'ce', 'customer'),
	('sequence_count', 'sequence_count_dist(''(?1)(?2)'', ts, kind = ''view'', kind = ''buy'')',
		'sequence_count(''(?1)(?2)'', ts, kind = ''view'', kind = ''buy'')', 'ce', 'channel'),
	('retention', 'retention_dist(kind = ''view'', kind = ''buy'', ts < ''2024-01-02'')',
		'retention(kind = ''view'', kind = ''buy'', ts < ''2024-01-02'')', 'ce', 'customer'),
	('bgnbd_fit', 'bgnbd_fit_dist(x, t_x, t)', 'bgnbd_fit(x, t_x, t)', 'cs', 'cohort'),
	('gamma_gamma_fit weighted', 'gamma_gamma_fit_dist(x, zbar, 3)', 'gamma_gamma_fit(x, zbar, 3)', 'cs', 'cohort');

-- q(case, expr, table): the grouped query and the whole-table query of a case
CREATE FUNCTION q(c dist_cases, expr text, tbl text, whole boolean) RETURNS text LANGUAGE sql AS $f$
	SELECT CASE WHEN whole THEN format('SELECT 0 AS g, (%s)::text AS v FROM %s', expr, tbl)
		ELSE format('SELECT %s AS g, (%s)::text AS v FROM %s GROUP BY 1', c.grp, expr, tbl) END
$f$;

-- serial plans: *_dist = the original, per group and over the whole table
SET max_parallel_workers_per_gather = 0;
SELECT name, mismatches(q(c, dist, tbl, false), q(c, orig, tbl, false)) AS grouped,
       mismatches(q(c, dist, tbl, true), q(c, orig, tbl, true)) AS whole
FROM dist_cases c ORDER BY name;

-- in any input order (rows fed in two different orders through an ordered subquery)
SELECT name, mismatches(q(c, dist, format('(SELECT * FROM %s ORDER BY md5(%s::text)) s', tbl,
		CASE tbl WHEN 'ce' THEN 'id' ELSE 'customer' END), false),
	q(c, dist, format('(SELECT * FROM %s ORDER BY %s DESC) s', tbl, CASE tbl WHEN 'ce' THEN 'id' ELSE 'customer' END), false))
	AS order_mismatches
FROM dist_cases c ORDER BY name;

-- forced parallel plans: partial states cross from the workers to the leader in their
-- flat form (serialized), and are combined there
SET max_parallel_workers_per_gather = 2;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET parallel_leader_participation = off;
SET enable_hashagg = off;
EXPLAIN (COSTS OFF) SELECT channel, rfm_agg_dist(ts, amount) FROM ce GROUP BY channel;
EXPLAIN (COSTS OFF) SELECT bgnbd_fit_dist(x, t_x, t) FROM cs;
SELECT name, mismatches(q(c, dist, tbl, false), q(c, orig, tbl, false)) AS parallel_grouped,
       mismatches(q(c, dist, tbl, true), q(c, orig, tbl, true)) AS parallel_whole
FROM dist_cases c ORDER BY name;
RESET enable_hashagg;
RESET parallel_leader_participation;

-- partitionwise: partial states per partition, combined above the Append
CREATE TABLE ce_part (LIKE ce) PARTITION BY HASH (id);
CREATE TABLE ce_part_0 PARTITION OF ce_part FOR VALUES WITH (MODULUS 3, REMAINDER 0);
CREATE TABLE ce_part_1 PARTITION OF ce_part FOR VALUES WITH (MODULUS 3, REMAINDER 1);
CREATE TABLE ce_part_2 PARTITION OF ce_part FOR VALUES WITH (MODULUS 3, REMAINDER 2);
INSERT INTO ce_part SELECT * FROM ce;
CREATE TABLE cs_part (LIKE cs) PARTITION BY HASH (customer);
CREATE TABLE cs_part_0 PARTITION OF cs_part FOR VALUES WITH (MODULUS 2, REMAINDER 0);
CREATE TABLE cs_part_1 PARTITION OF cs_part FOR VALUES WITH (MODULUS 2, REMAINDER 1);
INSERT INTO cs_part SELECT * FROM cs;
ANALYZE ce_part;
ANALYZE cs_part;
SET max_parallel_workers_per_gather = 0;
SET enable_partitionwise_aggregate = on;
EXPLAIN (COSTS OFF) SELECT channel, rfm_agg_dist(ts, amount) FROM ce_part GROUP BY channel;
SELECT name, mismatches(q(c, dist, tbl || '_part', false), q(c, orig, tbl, false)) AS partitionwise_grouped,
       mismatches(q(c, dist, tbl || '_part', true), q(c, orig, tbl, true)) AS partitionwise_whole
FROM dist_cases c ORDER BY name;
RESET enable_partitionwise_aggregate;
RESET max_parallel_workers_per_gather;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;

-- empty input: the original's answer for no rows
SELECT rfm_agg_dist(ts, amount)::text IS NOT DISTINCT FROM rfm_agg(ts, amount)::text AS rfm_empty,
       window_funnel_dist(interval '1 day', ts, kind = 'view') IS NOT DISTINCT FROM
           window_funnel(interval '1 day', ts, kind = 'view') AS funnel_empty,
       session_stats_dist(ts, interval '1 hour')::text IS NOT DISTINCT FROM session_stats(ts, interval '1 hour')::text
           AS sessions_empty
FROM ce WHERE false;

-- the text and binary forms: what a Citus worker prints, the coordinator reads.  A state
-- made by a transition function called as a plain function starts with its kind.
CREATE TABLE states AS
SELECT channel, rfm_agg_dist_trans(NULL, min(ts), max(amount)) AS s FROM ce GROUP BY channel;
SELECT channel, split_part(s::text, ':', 1) AS kind, (s::text)::partial_state::text = s::text AS text_round_trip,
       partial_state_send((s::text)::partial_state) = partial_state_send(s) AS binary_same
FROM states ORDER BY channel;
-- an aggregate over stored states combines them as the Citus coordinator does
CREATE AGGREGATE rfm_combine(partial_state) (
	SFUNC = partial_state_combine, STYPE = partial_state, FINALFUNC = rfm_agg_dist_final
);
-- the partial states themselves (no final function), stored as text
CREATE AGGREGATE rfm_partial(timestamptz, float8) (
	SFUNC = rfm_agg_dist_trans, STYPE = partial_state, COMBINEFUNC = partial_state_combine
);
CREATE TABLE channel_states AS SELECT channel, rfm_partial(ts, amount)::text AS s FROM ce GROUP BY channel;
SELECT split_part(s, ':', 1) AS kind, count(*) FROM channel_states GROUP BY 1;
SELECT frequency(c) = frequency(r) AND purchase_days(c) = purchase_days(r)
       AND first_purchase(c) = first_purchase(r) AND last_purchase(c) = last_purchase(r)
       AND abs(monetary(c) - monetary(r)) < 1e-6 AS combined_text_states_equal_rfm_agg
FROM (SELECT rfm_combine(s::partial_state) AS c FROM channel_states) x, (SELECT rfm_agg(ts, amount) AS r FROM ce) y;

-- bad input: a clear error with a specific SQLSTATE, never a crash
\set VERBOSITY default
\set ON_ERROR_STOP 0
SELECT 'nope:00'::partial_state;
SELECT 'rfm:0'::partial_state;
SELECT 'rfm:zz'::partial_state;
SELECT 'rfm'::partial_state;
SELECT 'rfm:00'::partial_state;
SELECT 'rfm:'::partial_state;
SELECT rfm_agg_dist_final(s) FROM states LIMIT 1;
SELECT partial_state_combine(s, s) FROM states LIMIT 1;
SELECT bgnbd_fit_dist_trans(s, 1, 2, 3) FROM states LIMIT 1;
SELECT rfm_combine(s) FROM (SELECT s FROM states UNION ALL
	SELECT bgnbd_fit_dist_trans(NULL, 1, 2, 3)) m;
\set ON_ERROR_STOP 1
\set VERBOSITY terse
