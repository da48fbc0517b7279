-- dist: the *_dist forms added in 1.1 beside the first ones (sql/citus.sql tests those):
-- amount types and calendar days of rfm_agg and decay_agg, rollup of RFM and decay states,
-- bigint clocks and modes of funnels and sequences, the Pareto/NBD, MBG/NBD, penalized
-- BG/NBD and Gamma-Gamma, sBG and BG/BB fits, every *_standard_errors, active_users,
-- stickiness and kaplan_meier.  The catalog says every *_dist aggregate wraps exactly its
-- original; each must return what its original returns on the same rows, serially, with
-- parallel workers (partial states cross from the workers in their flat form) and
-- partitionwise, in any input order (test/citus runs them on a Citus cluster).
SET client_min_messages = warning;
SET timezone = 'UTC';
SET extra_float_digits = 0;
-- its own schema: the other tests of the run use the same database and table names
CREATE SCHEMA dist_test;
SET search_path = dist_test, public;

-- 1. the catalog: each X_dist aggregate has the arguments and result of an aggregate X, and
--    its transition and final functions are X's own transition and final functions behind
--    partial_state (C symbol <original>_partial), with partial_state_combine
SELECT count(*) AS dist_aggregates,
       count(*) FILTER (WHERE o.aggfnoid IS NULL) AS without_original,
       count(*) FILTER (WHERE dt.prosrc <> ot.prosrc || '_partial') AS other_transition,
       count(*) FILTER (WHERE df.prosrc <> of.prosrc || '_partial') AS other_final,
       count(*) FILTER (WHERE dp.prorettype <> op.prorettype) AS other_result,
       count(*) FILTER (WHERE d.aggcombinefn <> 'partial_state_combine'::regproc
                           OR dp.proparallel <> 's' OR dt.proparallel <> 's' OR df.proparallel <> 's') AS not_splittable
FROM pg_aggregate d
JOIN pg_proc dp ON dp.oid = d.aggfnoid
JOIN pg_proc dt ON dt.oid = d.aggtransfn
JOIN pg_proc df ON df.oid = d.aggfinalfn
LEFT JOIN (pg_proc op JOIN pg_aggregate o ON o.aggfnoid = op.oid)
  ON op.proname || '_dist' = dp.proname AND op.proargtypes = dp.proargtypes AND op.pronamespace = dp.pronamespace
LEFT JOIN pg_proc ot ON ot.oid = o.aggtransfn
LEFT JOIN pg_proc of ON of.oid = o.aggfinalfn
WHERE d.aggtranstype = 'partial_state'::regtype
  AND EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_proc'::regclass AND e.objid = d.aggfnoid AND e.deptype = 'e');

-- the aggregates with an internal state and no *_dist form: per-customer aggregates (Citus
-- pushes them down whole when the table is distributed by customer; README "Many machines:
-- Citus"), the funnel options forms, and the fixed-arity retention, funnel and sequence
-- forms (their VARIADIC *_dist forms take the same calls)
SELECT p.proname, count(*) AS overloads
FROM pg_aggregate a JOIN pg_proc p ON p.oid = a.aggfnoid
JOIN pg_depend dep ON dep.objid = p.oid AND dep.classid = 'pg_proc'::regclass AND dep.deptype = 'e'
WHERE a.aggtranstype = 'internal'::regtype
  AND NOT EXISTS (SELECT 1 FROM pg_proc q WHERE q.proname = p.proname || '_dist' AND q.proargtypes = p.proargtypes)
GROUP BY p.proname ORDER BY p.proname;

-- 2. the rows
\i test/citus/local.sql
ALTER TABLE ce ADD COLUMN clock bigint, ADD COLUMN iamount integer, ADD COLUMN namount numeric,
	ADD COLUMN cust_text text;
UPDATE ce SET clock = extract(epoch FROM ts)::bigint, iamount = round(amount)::integer,
	namount = amount::numeric, cust_text = 'c' || customer;
-- RFM and decay states per customer and day (the materialized-view pattern), to roll up
CREATE TABLE st AS
SELECT customer, channel, date_trunc('day', ts) AS day, rfm_agg(ts, amount) AS rfm,
       decay_agg(ts, amount, interval '3 days') AS decay
FROM ce WHERE ts IS NOT NULL GROUP BY 1, 2, 3;
-- sBG: Fader & Hardie (2007) survivors (sql/discrete.sql), one row per customer; BG/BB:
-- the 1995 donor cohort (test/data/donations_1995.csv), one row per donor
CREATE TABLE sbg (id serial, segment text, periods integer, churned boolean);
INSERT INTO sbg (segment, periods, churned)
SELECT s, p, c FROM (VALUES
	('regular', 1, true, 369), ('regular', 2, true, 163), ('regular', 3, true, 86), ('regular', 4, true, 56),
	('regular', 5, true, 37), ('regular', 6, true, 27), ('regular', 7, true, 21), ('regular', 7, false, 241),
	('high end', 1, true, 131), ('high end', 2, true, 126), ('high end', 3, true, 90), ('high end', 4, true, 60),
	('high end', 5, true, 42), ('high end', 6, true, 34), ('high end', 7, true, 26), ('high end', 7, false, 491)
) v(s, p, c, n), generate_series(1, n);
CREATE TABLE donations (x int, t_x int, n int, weight int);
\copy donations FROM 'test/data/donations_1995.csv' WITH (FORMAT csv, HEADER)
CREATE TABLE bb AS SELECT row_number() OVER () AS id, x, t_x, n FROM donations, generate_series(1, weight);
ALTER TABLE bb ADD COLUMN half integer;
UPDATE bb SET half = id % 2;
-- the models the standard errors are taken at: each group's own fit, on every row of the group
CREATE TABLE csm AS
SELECT cs.*, m.bg, m.gg, m.pn, m.mb
FROM cs JOIN (SELECT cohort, bgnbd_fit(x, t_x, t) AS bg, gamma_gamma_fit(x, zbar) AS gg,
                     pareto_nbd_fit(x, t_x, t) AS pn, mbgnbd_fit(x, t_x, t) AS mb
              FROM cs GROUP BY cohort) m USING (cohort);
CREATE TABLE sbgm AS
SELECT sbg.*, m.m FROM sbg JOIN (SELECT segment, sbg_fit(periods, churned) AS m FROM sbg GROUP BY segment) m USING (segment);
CREATE TABLE bbm AS
SELECT bb.*, m.m FROM bb JOIN (SELECT half, bgbb_fit(x, t_x, n) AS m FROM bb GROUP BY half) m USING (half);
ANALYZE;

-- the same tables hash-partitioned, for partitionwise plans
CREATE FUNCTION make_parts(tbl text, key text) RETURNS void LANGUAGE plpgsql AS $f$
BEGIN
	EXECUTE format('CREATE TABLE %I (LIKE %I) PARTITION BY HASH (%I)', tbl || '_part', tbl, key);
	FOR r IN 0..2 LOOP
		EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES WITH (MODULUS 3, REMAINDER %s)',
			tbl || '_part_' || r, tbl || '_part', r);
	END LOOP;
	EXECUTE format('INSERT INTO %I SELECT * FROM %I', tbl || '_part', tbl);
	EXECUTE format('ANALYZE %I', tbl || '_part');
END
$f$;
SELECT make_parts('ce', 'id'), make_parts('st', 'day'), make_parts('csm', 'customer'), make_parts('sbgm', 'id'),
       make_parts('bbm', 'id');

-- an rfm_state as text with its total to 6 decimals: the total is a floating sum, whose last
-- digits depend on the order of the partial sums (the amounts have 2 decimals)
CREATE FUNCTION rfm_text(s rfm_state) RETURNS text LANGUAGE sql AS $f$
	SELECT format('%s %s %s %s %s', frequency(s), purchase_days(s), round(monetary(s)::numeric, 6),
		first_purchase(s), last_purchase(s))
$f$;

-- 3. the cases: the *_dist aggregate (signature), its call, the table and a group key (the
--    numbers of groups come from the data: 3 channels, 40 customers, 2 cohorts, 2 segments,
--    2 halves)
CREATE TABLE cases (sig regprocedure, dist text, tbl text, grp text, whole boolean DEFAULT true,
	-- the original's call: the same call with every X_dist( as X(
	orig text GENERATED ALWAYS AS (regexp_replace(dist, '(\w+)_dist\(', '\1(', 'g')) STORED);
INSERT INTO cases (sig, dist, tbl, grp) VALUES
	('rfm_agg_dist(timestamptz, integer)', 'rfm_text(rfm_agg_dist(ts, iamount))', 'ce', 'channel'),
	('rfm_agg_dist(timestamptz, numeric)', 'rfm_text(rfm_agg_dist(ts, namount))', 'ce', 'channel'),
	('rfm_agg_dist(timestamptz, float8, text)',
		'rfm_text(rfm_agg_dist(ts, amount, ''America/New_York''))', 'ce', 'channel'),
	('rfm_agg_dist(timestamptz, integer, text)',
		'rfm_text(rfm_agg_dist(ts, iamount, ''Asia/Kolkata''))', 'ce', 'channel'),
	('rfm_agg_dist(timestamptz, numeric, text)',
		'rfm_text(rfm_agg_dist(ts, namount, ''Europe/Berlin''))', 'ce', 'channel'),
	('rollup_dist(rfm_state)', 'rfm_text(rollup_dist(rfm))', 'st', 'channel'),
	('decay_agg_dist(timestamptz, integer, interval)',
		'score(decay_agg_dist(ts, iamount, interval ''3 days''), timestamptz ''2024-02-01'')', 'ce', 'channel'),
	('decay_agg_dist(timestamptz, numeric, interval)',
		'score(decay_agg_dist(ts, namount, interval ''3 days''), timestamptz ''2024-02-01'')', 'ce', 'channel'),
	('rollup_dist(decay_state)', 'score(rollup_dist(decay), timestamptz ''2024-02-01'')', 'st', 'channel'),
	('window_funnel_dist(interval, text, timestamptz, bool[])',
		'window_funnel_dist(interval ''6 hours'', ''strict_order, allow_reentry'', ts, kind = ''view'', kind = ''cart'', kind = ''buy'')', 'ce', 'customer'),
	('funnel_times_dist(interval, text, timestamptz, bool[])',
		'funnel_times_dist(interval ''6 hours'', ''strict_increase'', ts, kind = ''view'', kind = ''buy'')', 'ce', 'customer'),
	('window_funnel_dist(bigint, bigint, bool[])',
		'window_funnel_dist(21600, clock, kind = ''view'', kind = ''cart'', kind = ''buy'')', 'ce', 'customer'),
	('window_funnel_dist(bigint, text, bigint, bool[])',
		'window_funnel_dist(86400, ''strict_order'', clock, kind = ''view'', kind = ''buy'')', 'ce', 'customer'),
	('funnel_times_dist(bigint, bigint, bool[])',
		'funnel_times_dist(21600, clock, kind = ''view'', kind = ''buy'')', 'ce', 'customer'),
	('funnel_times_dist(bigint, text, bigint, bool[])',
		'funnel_times_dist(21600, ''strict_deduplication'', clock, kind = ''view'', kind = ''buy'')', 'ce', 'customer'),
	('sequence_match_dist(text, bigint, bool[])',
		'sequence_match_dist(''(?1)(?t<3600)(?2)'', clock, kind = ''view'', kind = ''buy'')', 'ce', 'customer'),
	('sequence_count_dist(text, bigint, bool[])',
		'sequence_count_dist(''(?1)(?2)'', clock, kind = ''view'', kind = ''buy'')', 'ce', 'channel'),
	('bgnbd_fit_dist(float8, float8, float8, float8, float8)',
		'bgnbd_fit_dist(x, t_x, t, 2, 0.01)', 'csm', 'cohort'),
	('gamma_gamma_fit_dist(float8, float8, float8, float8)',
		'gamma_gamma_fit_dist(x, zbar, 1, 0.01)', 'csm', 'cohort'),
	('pareto_nbd_fit_dist(float8, float8, float8)', 'pareto_nbd_fit_dist(x, t_x, t)', 'csm', 'cohort'),
	('pareto_nbd_fit_dist(float8, float8, float8, float8)', 'pareto_nbd_fit_dist(x, t_x, t, 3)', 'csm', 'cohort'),
	('pareto_nbd_fit_dist(float8, float8, float8, float8, float8)',
		'pareto_nbd_fit_dist(x, t_x, t, 1, 0.01)', 'csm', 'cohort'),
	('mbgnbd_fit_dist(float8, float8, float8)', 'mbgnbd_fit_dist(x, t_x, t)', 'csm', 'cohort'),
	('mbgnbd_fit_dist(float8, float8, float8, float8)', 'mbgnbd_fit_dist(x, t_x, t, 3)', 'csm', 'cohort'),
	('mbgnbd_fit_dist(float8, float8, float8, float8, float8)',
		'mbgnbd_fit_dist(x, t_x, t, 1, 0.01)', 'csm', 'cohort'),
	('bgnbd_standard_errors_dist(bgnbd_model, float8, float8, float8)',
		'bgnbd_standard_errors_dist(bg, x, t_x, t)', 'csm', 'cohort'),
	('bgnbd_standard_errors_dist(bgnbd_model, float8, float8, float8, float8)',
		'bgnbd_standard_errors_dist(bg, x, t_x, t, 2)', 'csm', 'cohort'),
	('gamma_gamma_standard_errors_dist(gamma_gamma_model, float8, float8)',
		'gamma_gamma_standard_errors_dist(gg, x, zbar)', 'csm', 'cohort'),
	('gamma_gamma_standard_errors_dist(gamma_gamma_model, float8, float8, float8)',
		'gamma_gamma_standard_errors_dist(gg, x, zbar, 2)', 'csm', 'cohort'),
	('pareto_nbd_standard_errors_dist(pareto_nbd_model, float8, float8, float8)',
		'pareto_nbd_standard_errors_dist(pn, x, t_x, t)', 'csm', 'cohort'),
	('pareto_nbd_standard_errors_dist(pareto_nbd_model, float8, float8, float8, float8)',
		'pareto_nbd_standard_errors_dist(pn, x, t_x, t, 2)', 'csm', 'cohort'),
	('mbgnbd_standard_errors_dist(mbgnbd_model, float8, float8, float8)',
		'mbgnbd_standard_errors_dist(mb, x, t_x, t)', 'csm', 'cohort'),
	('mbgnbd_standard_errors_dist(mbgnbd_model, float8, float8, float8, float8)',
		'mbgnbd_standard_errors_dist(mb, x, t_x, t, 2)', 'csm', 'cohort'),
	('sbg_fit_dist(integer, boolean)', 'sbg_fit_dist(periods, churned)', 'sbgm', 'segment'),
	('sbg_fit_dist(integer, boolean, float8)', 'sbg_fit_dist(periods, churned, 2)', 'sbgm', 'segment'),
	('sbg_fit_dist(integer, boolean, float8, float8)',
		'sbg_fit_dist(periods, churned, 1, 0.01)', 'sbgm', 'segment'),
	('sbg_standard_errors_dist(sbg_model, integer, boolean)',
		'sbg_standard_errors_dist(m, periods, churned)', 'sbgm', 'segment'),
	('sbg_standard_errors_dist(sbg_model, integer, boolean, float8)',
		'sbg_standard_errors_dist(m, periods, churned, 2)', 'sbgm', 'segment'),
	('bgbb_fit_dist(integer, integer, integer)', 'bgbb_fit_dist(x, t_x, n)', 'bbm', 'half'),
	('bgbb_fit_dist(integer, integer, integer, float8)', 'bgbb_fit_dist(x, t_x, n, 2)', 'bbm', 'half'),
	('bgbb_fit_dist(integer, integer, integer, float8, float8)',
		'bgbb_fit_dist(x, t_x, n, 1, 0.01)', 'bbm', 'half'),
	('bgbb_standard_errors_dist(bgbb_model, integer, integer, integer)',
		'bgbb_standard_errors_dist(m, x, t_x, n)', 'bbm', 'half'),
	('bgbb_standard_errors_dist(bgbb_model, integer, integer, integer, float8)',
		'bgbb_standard_errors_dist(m, x, t_x, n, 2)', 'bbm', 'half'),
	('active_users_dist(bigint, timestamptz, text, date, date)',
		'active_users_dist(customer, ts, ''America/New_York'', ''2024-01-03'', ''2024-01-20'')', 'ce', 'channel'),
	('active_users_dist(text, timestamptz, text, date, date)',
		'active_users_dist(cust_text, ts, ''UTC'', ''2024-01-01'', ''2024-01-31'')', 'ce', 'channel'),
	('stickiness_dist(bigint, timestamptz, text, text, date, date)',
		'stickiness_dist(customer, ts, ''week'', ''UTC'', ''2024-01-01'', ''2024-01-28'')', 'ce', 'channel'),
	('stickiness_dist(text, timestamptz, text, text, date, date)',
		'stickiness_dist(cust_text, ts, ''month'', ''Asia/Tokyo'', ''2024-01-01'', ''2024-01-31'')', 'ce', 'channel'),
	('kaplan_meier_dist(integer, boolean)', 'kaplan_meier_dist(id % 13, id % 4 = 0)', 'ce', 'channel');
-- a standard-errors case takes each group's own model: no whole-table query
UPDATE cases SET whole = false WHERE sig::text LIKE '%standard_errors%';
-- each case compares two different calls: no _dist( left in the original's
SELECT count(*) AS cases, count(*) FILTER (WHERE orig = dist OR orig LIKE '%\_dist(%') AS not_an_original FROM cases;

-- every *_dist aggregate has a case here or in sql/citus.sql (the fourteen listed)
SELECT a.aggfnoid::regprocedure AS untested
FROM pg_aggregate a
WHERE a.aggtranstype = 'partial_state'::regtype
  AND EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_proc'::regclass AND e.objid = a.aggfnoid AND e.deptype = 'e')
  AND a.aggfnoid NOT IN (SELECT sig FROM cases)
  AND a.aggfnoid <> ALL (ARRAY['rfm_agg_dist(timestamptz, float8)', 'decay_agg_dist(timestamptz, float8, interval)',
	'session_stats_dist(timestamptz, interval)', 'session_stats_dist(timestamptz, interval, interval, integer)',
	'window_funnel_dist(interval, timestamptz, bool[])', 'window_funnel_dist(interval, text, timestamptz, bool[])',
	'funnel_times_dist(interval, timestamptz, bool[])', 'sequence_match_dist(text, timestamptz, bool[])',
	'sequence_count_dist(text, timestamptz, bool[])', 'retention_dist(bool[])', 'bgnbd_fit_dist(float8, float8, float8)',
	'bgnbd_fit_dist(float8, float8, float8, float8)', 'gamma_gamma_fit_dist(float8, float8)',
	'gamma_gamma_fit_dist(float8, float8, float8)']::regprocedure[])
ORDER BY 1;

-- query_of(case, call, table suffix, grouped): the rows (group, result as text) of one query
CREATE FUNCTION query_of(c cases, expr text, suffix text, grouped boolean) RETURNS text LANGUAGE sql AS $f$
	SELECT CASE WHEN grouped THEN format('SELECT %s AS g, (%s)::text AS v FROM %s GROUP BY 1', c.grp, expr, c.tbl || suffix)
		ELSE format('SELECT 0 AS g, (%s)::text AS v FROM %s', expr, c.tbl || suffix) END
$f$;
-- results(query): its groups, and how many of them have a non-NULL result
CREATE FUNCTION results(qry text) RETURNS text LANGUAGE plpgsql AS $f$
DECLARE
	r text;
BEGIN
	EXECUTE format('SELECT count(*) || '' groups, '' || count(v) || '' non-null'' FROM (%s) s', qry) INTO r;
	RETURN r;
END
$f$;

-- serial plans: each *_dist = its original, per group and over the whole table
SET max_parallel_workers_per_gather = 0;
SELECT sig, results(query_of(c, orig, '', true)) AS original,
       mismatches(query_of(c, dist, '', true), query_of(c, orig, '', true)) AS grouped,
       CASE WHEN whole THEN mismatches(query_of(c, dist, '', false), query_of(c, orig, '', false)) END AS whole
FROM cases c ORDER BY sig::text;

-- in any input order: the rows fed in two different orders through an ordered subquery
SELECT count(*) FILTER (WHERE mismatches(query_of(c, dist, ' ORDER BY md5(t::text)) s', true),
	query_of(c, dist, ' ORDER BY md5(t::text) DESC) s', true)) <> 0) AS order_dependent
FROM (SELECT sig, dist, format('(SELECT * FROM %s t', tbl) AS tbl, grp, whole, orig FROM cases) c;

-- parallel plans: partial states cross from the workers to the leader in their flat form
SET max_parallel_workers_per_gather = 2;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET parallel_leader_participation = off;
SET enable_hashagg = off;
EXPLAIN (COSTS OFF) SELECT channel, stickiness_dist(customer, ts, 'week', 'UTC', '2024-01-01', '2024-01-28') FROM ce GROUP BY channel;
SELECT sig, mismatches(query_of(c, dist, '', true), query_of(c, orig, '', true)) AS parallel_grouped,
       CASE WHEN whole THEN mismatches(query_of(c, dist, '', false), query_of(c, orig, '', false)) END AS parallel_whole
FROM cases c ORDER BY sig::text;
RESET enable_hashagg;
RESET parallel_leader_participation;

-- partitionwise: partial states per partition, combined above the Append
SET max_parallel_workers_per_gather = 0;
SET enable_partitionwise_aggregate = on;
EXPLAIN (COSTS OFF) SELECT cohort, pareto_nbd_fit_dist(x, t_x, t) FROM csm_part GROUP BY cohort;
SELECT sig, mismatches(query_of(c, dist, '_part', true), query_of(c, orig, '', true)) AS partitionwise_grouped,
       CASE WHEN whole THEN mismatches(query_of(c, dist, '_part', false), query_of(c, orig, '', false)) END AS partitionwise_whole
FROM cases c ORDER BY sig::text;
RESET enable_partitionwise_aggregate;
RESET max_parallel_workers_per_gather;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;

-- no rows: the original's answer
SELECT count(*) FILTER (WHERE mismatches(
	format('SELECT 0 AS g, (%s)::text AS v FROM %s WHERE false', dist, tbl),
	format('SELECT 0 AS g, (%s)::text AS v FROM %s WHERE false', orig, tbl)) <> 0) AS empty_differs
FROM cases;

-- the text form names the kind: a state from each new kind survives text and binary I/O
CREATE AGGREGATE pareto_partial(float8, float8, float8) (
	SFUNC = pareto_nbd_fit_dist_trans, STYPE = partial_state, COMBINEFUNC = partial_state_combine
);
CREATE AGGREGATE pareto_combine(partial_state) (
	SFUNC = partial_state_combine, STYPE = partial_state, FINALFUNC = pareto_nbd_fit_dist_final
);
CREATE TABLE cohort_states AS SELECT cohort, pareto_partial(x, t_x, t)::text AS s FROM csm GROUP BY cohort;
SELECT cohort, split_part(s, ':', 1) AS kind, (s::partial_state)::text = s AS text_round_trip
FROM cohort_states ORDER BY cohort;
SELECT (SELECT pareto_combine(s::partial_state) FROM cohort_states)::text = (SELECT pareto_nbd_fit(x, t_x, t) FROM cs)::text
	AS combined_text_states_equal_the_fit;
SELECT split_part(s::text, ':', 1) AS kind
FROM (VALUES (stickiness_dist_trans(NULL, 1::bigint, now(), 'week', 'UTC', '2024-01-01', '2024-01-07')),
             (active_users_dist_trans(NULL, 'c1', now(), 'UTC', '2024-01-01', '2024-01-07')),
             (kaplan_meier_dist_trans(NULL, 3, true)),
             (sbg_fit_dist_trans(NULL, 3, true)),
             (bgbb_fit_dist_trans(NULL, 2, 3, 6)),
             (mbgnbd_fit_dist_trans(NULL, 2, 3, 6)),
             (rollup_dist_trans(NULL, (SELECT rfm FROM st LIMIT 1))),
             (window_funnel_dist_trans(NULL, 60, 10, ARRAY[true]))) v(s);

-- bad input: a clear error with a specific SQLSTATE, never a crash
\set VERBOSITY default
\set ON_ERROR_STOP 0
-- a state of one kind given to another kind's final or combine function
SELECT pareto_combine(s) FROM (SELECT mbgnbd_fit_dist_trans(NULL, 2, 3, 6)) v(s);
SELECT pareto_combine(s) FROM (SELECT s::partial_state FROM cohort_states WHERE cohort = 0
	UNION ALL SELECT sbg_fit_dist_trans(NULL, 3, true)) v(s);
-- corrupt bytes of a new kind
SELECT 'pareto_nbd:00'::partial_state;
SELECT 'kaplan_meier:0102'::partial_state;
SELECT 'stickiness:'::partial_state;
-- forged rows in a well-formed state are checked again before a fit uses them: a BG/BB
-- customer with n_periods = 1e306 (the float8 7.0 = 401c000000000000 of a real state replaced
-- by 7f76c8e5ca239029) ran the likelihood's loop over the periods for ever, uncancellable;
-- a non-whole count and an sBG churned flag of 2 likewise
CREATE AGGREGATE bgbb_partial(int, int, int) (
	SFUNC = bgbb_fit_dist_trans, STYPE = partial_state, COMBINEFUNC = partial_state_combine
);
CREATE AGGREGATE bgbb_combine(partial_state) (
	SFUNC = partial_state_combine, STYPE = partial_state, FINALFUNC = bgbb_fit_dist_final
);
CREATE AGGREGATE sbg_partial(int, bool) (
	SFUNC = sbg_fit_dist_trans, STYPE = partial_state, COMBINEFUNC = partial_state_combine
);
CREATE AGGREGATE sbg_combine(partial_state) (
	SFUNC = partial_state_combine, STYPE = partial_state, FINALFUNC = sbg_fit_dist_final
);
CREATE TABLE bgbb_forge AS
SELECT bgbb_partial(x, tx, 7)::text AS s
FROM (VALUES (0, 0), (1, 1), (2, 5), (3, 7), (5, 6), (7, 7)) v(x, tx), generate_series(1, 4);
SET statement_timeout = '20s';
SELECT bgbb_combine(replace(s, '401c000000000000', '7f76c8e5ca239029')::partial_state) FROM bgbb_forge;
SELECT bgbb_combine(replace(s, '401c000000000000', '400c000000000000')::partial_state) FROM bgbb_forge;
SELECT sbg_combine(replace(s, '3ff0000000000000', '4000000000000000')::partial_state)
FROM (SELECT sbg_partial(p, c)::text AS s
      FROM (VALUES (1, true), (2, true), (3, false)) v(p, c), generate_series(1, 5)) f;
RESET statement_timeout;
-- a funnel state whose mode word has an unknown bit: 22P03 with a hint (was XX001)
CREATE AGGREGATE funnel_combine(partial_state) (
	SFUNC = partial_state_combine, STYPE = partial_state, FINALFUNC = window_funnel_dist_final
);
SELECT funnel_combine('funnel:020000000300000000d693a4000000000000000100000000000000000200000000000000010002b0d5d4e94000000000010000000000000000'::partial_state);
-- the originals' own checks run behind the wrapper
SELECT sbg_fit_dist(0, true);
SELECT active_users_dist(1::bigint, now(), 'UTC', '2024-01-10', '2024-01-01');
\set ON_ERROR_STOP 1
\set VERBOSITY terse
RESET search_path;
DROP SCHEMA dist_test CASCADE;
