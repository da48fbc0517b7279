-- test/citus/checks.sql: run on the Citus coordinator by test/citus/run-check.sh, after the
-- two workers were added.  Every check prints one line "name|t" (passed) or "name|f".
SET client_min_messages = warning;
CREATE EXTENSION engagement;  -- Citus runs it on both workers too
SELECT 'CREATE EXTENSION engagement on the coordinator installs it on both workers' AS name,
	(SELECT bool_and(success AND result = '1') FROM run_command_on_workers(
		$$SELECT count(*) FROM pg_extension WHERE extname = 'engagement'$$)) AS ok;

-- the rows: a plain local table (the single-node answer) and the same rows distributed by
-- customer (8 shards, 4 per worker)
CREATE TABLE events_local AS
SELECT i % 500 AS customer_id,
       CASE WHEN i % 97 = 0 THEN NULL
            ELSE timestamptz '2024-01-01 00:00:00+00' + (abs(hashint4(i)) % 8640000) * interval '1 second' END AS ts,
       (ARRAY['view', 'cart', 'buy', 'email', 'open'])[1 + abs(hashint4(i + 7)) % 5] AS kind,
       (ARRAY['web', 'app', 'mail'])[1 + abs(hashint4(i + 11)) % 3] AS channel,
       CASE WHEN i % 89 = 0 THEN NULL ELSE abs(hashint4(i + 3)) % 11 END AS score,
       CASE WHEN i % 83 = 0 THEN NULL ELSE 1 + abs(hashint4(i + 23)) % 5 END AS rating,
       (abs(hashint4(i + 5)) % 10000) / 100.0::float8 AS amount
FROM generate_series(1, 60000) AS i;
SET citus.shard_count = 8;
CREATE TABLE events (LIKE events_local);
SELECT create_distributed_table('events', 'customer_id') IS NOT NULL AS distributed \gset
INSERT INTO events SELECT * FROM events_local;

-- per-customer BTYD summaries: the CDNOW calibration summary of the btyd tests
-- (test/data/README.md), in 3 cohorts, local and distributed by customer
CREATE TABLE summary_local (customer_id integer, x float8, t_x float8, t float8, monetary float8);
\copy summary_local FROM 'test/data/cdnow_customers_summary_with_transactions.csv' WITH (FORMAT csv, HEADER)
ALTER TABLE summary_local ADD COLUMN cohort integer;
UPDATE summary_local SET cohort = customer_id % 3;
CREATE TABLE summary (LIKE summary_local);
SELECT create_distributed_table('summary', 'customer_id', colocate_with => 'events') IS NOT NULL AS distributed \gset
INSERT INTO summary SELECT * FROM summary_local;

-- for the *_dist forms of sql/dist.sql: RFM and decay states per customer and day (the
-- materialized-view pattern, rolled up per week); sBG rows from Fader & Hardie (2007)
-- (sql/discrete.sql) and BG/BB rows from the 1995 donor cohort (test/data/donations_1995.csv),
-- one per customer; all distributed by customer
CREATE TABLE daily_local AS
SELECT customer_id, date_trunc('day', ts, 'UTC') AS day, rfm_agg(ts, amount) AS rfm,
       decay_agg(ts, amount, interval '7 days') AS decay
FROM events_local WHERE ts IS NOT NULL GROUP BY 1, 2;
CREATE TABLE daily (LIKE daily_local);
SELECT create_distributed_table('daily', 'customer_id', colocate_with => 'events') IS NOT NULL AS distributed \gset
INSERT INTO daily SELECT * FROM daily_local;
CREATE TABLE sbg_local AS
SELECT row_number() OVER ()::integer AS customer_id, s AS segment, p AS periods, c AS churned FROM (VALUES
	('regular', 1, true, 369), ('regular', 2, true, 163), ('regular', 3, true, 86), ('regular', 4, true, 56),
	('regular', 5, true, 37), ('regular', 6, true, 27), ('regular', 7, true, 21), ('regular', 7, false, 241),
	('high end', 1, true, 131), ('high end', 2, true, 126), ('high end', 3, true, 90), ('high end', 4, true, 60),
	('high end', 5, true, 42), ('high end', 6, true, 34), ('high end', 7, true, 26), ('high end', 7, false, 491)
) v(s, p, c, n), generate_series(1, n);
CREATE TABLE sbg (LIKE sbg_local);
SELECT create_distributed_table('sbg', 'customer_id', colocate_with => 'events') IS NOT NULL AS distributed \gset
INSERT INTO sbg SELECT * FROM sbg_local;
CREATE TABLE donations (x int, t_x int, n int, weight int);
\copy donations FROM 'test/data/donations_1995.csv' WITH (FORMAT csv, HEADER)
CREATE TABLE bb_local AS
SELECT row_number() OVER ()::integer AS customer_id, x, t_x, n FROM donations, generate_series(1, weight);
ALTER TABLE bb_local ADD COLUMN half integer;
UPDATE bb_local SET half = customer_id % 2;
CREATE TABLE bb (LIKE bb_local);
SELECT create_distributed_table('bb', 'customer_id', colocate_with => 'events') IS NOT NULL AS distributed \gset
INSERT INTO bb SELECT * FROM bb_local;
-- the models the standard errors are taken at: fits on all the local rows
SELECT bgnbd_fit(x, t_x, t) AS bgnbd_m, gamma_gamma_fit(x, monetary) AS gg_m, pareto_nbd_fit(x, t_x, t) AS pnbd_m,
       mbgnbd_fit(x, t_x, t) AS mbg_m FROM summary_local \gset
SELECT sbg_fit(periods, churned) AS sbg_m FROM sbg_local \gset
SELECT bgbb_fit(x, t_x, n) AS bgbb_m FROM bb_local \gset

SELECT 'rows reach both workers and nothing is lost' AS name,
	(SELECT count(DISTINCT nodeport) FROM citus_shards WHERE table_name = 'events'::regclass) = 2
	AND (SELECT count(*) FROM events) = (SELECT count(*) FROM events_local)
	AND (SELECT count(*) FROM summary) = (SELECT count(*) FROM summary_local)
	AND (SELECT count(*) FROM daily) = (SELECT count(*) FROM daily_local)
	AND (SELECT count(*) FROM sbg) = 2000 AND (SELECT count(*) FROM bb) = 11104 AS ok;

-- the helper functions live in pg_temp, on the coordinator only
SET citus.enable_ddl_propagation = off;

-- same: equal results, numbers compared at a relative tolerance (floating sums in another
-- order); every non-numeric part of the text must be identical
CREATE FUNCTION pg_temp.same(a text, b text, tol float8) RETURNS boolean LANGUAGE plpgsql AS $f$
DECLARE
	re constant text := '-?[0-9]+(\.[0-9]+)?(e[-+]?[0-9]+)?';
	x float8[];
	y float8[];
BEGIN
	IF a IS NOT DISTINCT FROM b THEN
		RETURN true;
	ELSIF a IS NULL OR b IS NULL OR regexp_replace(a, re, '#', 'g') <> regexp_replace(b, re, '#', 'g') THEN
		RETURN false;
	END IF;
	x := ARRAY(SELECT m[1]::float8 FROM regexp_matches(a, '(' || re || ')', 'g') AS m);
	y := ARRAY(SELECT m[1]::float8 FROM regexp_matches(b, '(' || re || ')', 'g') AS m);
	RETURN NOT EXISTS (SELECT 1 FROM unnest(x, y) AS u(p, q)
		WHERE abs(p - q) > tol * greatest(abs(p), abs(q)));
END
$f$;

CREATE FUNCTION pg_temp.plan(q text) RETURNS text LANGUAGE plpgsql AS $f$
DECLARE
	l text;
	p text := '';
BEGIN
	FOR l IN EXECUTE 'EXPLAIN (VERBOSE, COSTS OFF) ' || q LOOP
		p := p || l || E'\n';
	END LOOP;
	RETURN p;
END
$f$;

-- the cases: a query on the distributed table (dist), the same aggregate on the local
-- table (local, usually the original aggregate), the grouping (NULL: one global group),
-- and the plan expected:
--   whole    grouped by the distribution column: each worker runs the whole aggregate,
--            the coordinator only concatenates (no coord_combine_agg)
--   partial  grouped by something else: worker_partial_agg(<our aggregate>) on the
--            workers, coord_combine_agg on the coordinator
--   pulled   Citus fetches the rows and aggregates on the coordinator
CREATE TEMP TABLE cases (fn text, dist text, local text, grp text, tbl text, expect text,
	tol float8 DEFAULT 1e-12);
-- every family's aggregates per customer
INSERT INTO cases (fn, dist, grp, tbl, expect) SELECT fn, e, 'customer_id', 'events', 'whole' FROM (VALUES
	('nps', 'nps(score)'),
	('nps_agg', 'nps(nps_agg(score))'),
	('csat', 'csat(rating, 3)'),
	('csat_agg', 'csat_mean(csat_agg(rating))'),
	('decay_agg', 'score(decay_agg(ts, amount, interval ''7 days''), timestamptz ''2024-05-01'')'),
	('engagement_score', 'engagement_score(ts, amount, interval ''7 days'', timestamptz ''2024-05-01'')'),
	('session_stats', 'session_stats(ts, interval ''30 minutes'')'),
	('window_funnel', 'window_funnel(interval ''1 day'', ts, kind = ''view'', kind = ''cart'', kind = ''buy'')'),
	('window_funnel', 'window_funnel(interval ''1 day'', ''strict_order'', ts, kind = ''view'', kind = ''buy'')'),
	('funnel_times', 'funnel_times(interval ''1 day'', ts, kind = ''view'', kind = ''buy'')'),
	('sequence_match', 'sequence_match(''(?1).*(?2)'', ts, kind = ''view'', kind = ''buy'')'),
	('sequence_count', 'sequence_count(''(?1)(?2)'', ts, kind = ''view'', kind = ''buy'')'),
	('stage_transitions', 'stage_transitions(ts, kind)'),
	('retention', 'retention(kind = ''view'', kind = ''buy'')'),
	('retention_periods', 'retention_periods(timestamptz ''2024-01-01 00:00:00+00'', ts, interval ''7 days'', 4)'),
	('lifecycle', 'lifecycle(ts, interval ''7 days'', timestamptz ''2024-05-01 00:00:00+00'')'),
	('rfm_agg', 'monetary(rfm_agg(ts, amount))'),
	('rfm_agg', 'customer_segment(rfm_agg(ts, amount), timestamptz ''2024-05-01 00:00:00+00'')'),
	('btyd_summary', 'btyd_summary(ts, amount, timestamptz ''2024-03-01 00:00:00+00'', interval ''7 days'')')
) AS v(fn, e);
-- grouped by something else: the concrete-state aggregates as they are, the others as
-- their *_dist forms, each compared with the original aggregate on the local table
INSERT INTO cases (fn, dist, local, grp, tbl, expect, tol) VALUES
	('nps', 'nps(score)', NULL, 'date_trunc(''day'', ts, ''UTC'')', 'events', 'partial', 1e-12),
	('csat', 'csat(rating)', NULL, 'date_trunc(''day'', ts, ''UTC'')', 'events', 'partial', 1e-12),
	('nps_agg', 'nps_agg(score)', NULL, 'channel', 'events', 'partial', 1e-12),
	('csat_agg', 'csat_agg(rating, 3)', NULL, 'channel', 'events', 'partial', 1e-12),
	('engagement_score', 'engagement_score(ts, amount, interval ''7 days'', timestamptz ''2024-05-01'')', NULL,
		'channel', 'events', 'partial', 1e-12),
	-- Citus calls the transition function without the call expression: the integer,
	-- numeric and smallint overloads must still read their argument as what it is
	('engagement_score', 'engagement_score(ts, score, interval ''7 days'', timestamptz ''2024-05-01'')', NULL,
		'channel', 'events', 'partial', 1e-12),
	('engagement_score', 'engagement_score(ts, amount::numeric, interval ''7 days'', timestamptz ''2024-05-01'')', NULL,
		'channel', 'events', 'partial', 1e-12),
	('nps', 'nps(score::smallint)', NULL, 'channel', 'events', 'partial', 1e-12),
	('csat', 'csat(rating::smallint, 4)', NULL, 'channel', 'events', 'partial', 1e-12),
	('rfm_agg_dist', 'rfm_agg_dist(ts, amount)', 'rfm_agg(ts, amount)', NULL, 'events', 'partial', 1e-12),
	('rfm_agg_dist', 'rfm_agg_dist(ts, amount)', 'rfm_agg(ts, amount)', 'channel', 'events', 'partial', 1e-12),
	('decay_agg_dist', 'score(decay_agg_dist(ts, amount, interval ''7 days''), timestamptz ''2024-05-01'')',
		'score(decay_agg(ts, amount, interval ''7 days''), timestamptz ''2024-05-01'')',
		'channel', 'events', 'partial', 1e-12),
	('session_stats_dist', 'session_stats_dist(ts, interval ''30 minutes'')', 'session_stats(ts, interval ''30 minutes'')',
		'channel', 'events', 'partial', 1e-12),
	('session_stats_dist', 'session_stats_dist(ts, interval ''30 minutes'', interval ''1 minute'', 3)',
		'session_stats(ts, interval ''30 minutes'', interval ''1 minute'', 3)', 'channel', 'events', 'partial', 1e-12),
	('window_funnel_dist', 'window_funnel_dist(interval ''1 hour'', ts, kind = ''view'', kind = ''cart'', kind = ''buy'')',
		'window_funnel(interval ''1 hour'', ts, kind = ''view'', kind = ''cart'', kind = ''buy'')', 'channel', 'events', 'partial', 1e-12),
	('window_funnel_dist', 'window_funnel_dist(interval ''1 hour'', ''strict_order'', ts, kind = ''view'', kind = ''buy'')',
		'window_funnel(interval ''1 hour'', ''strict_order'', ts, kind = ''view'', kind = ''buy'')', 'channel', 'events', 'partial', 1e-12),
	('funnel_times_dist', 'funnel_times_dist(interval ''1 hour'', ts, kind = ''view'', kind = ''buy'')',
		'funnel_times(interval ''1 hour'', ts, kind = ''view'', kind = ''buy'')', 'channel', 'events', 'partial', 1e-12),
	('sequence_match_dist', 'sequence_match_dist(''(?1)(?t<60)(?2)'', ts, kind = ''view'', kind = ''buy'')',
		'sequence_match(''(?1)(?t<60)(?2)'', ts, kind = ''view'', kind = ''buy'')', 'channel', 'events', 'partial', 1e-12),
	('sequence_count_dist', 'sequence_count_dist(''(?1)(?2)'', ts, kind = ''view'', kind = ''buy'')',
		'sequence_count(''(?1)(?2)'', ts, kind = ''view'', kind = ''buy'')', 'channel', 'events', 'partial', 1e-12),
	('retention_dist', 'retention_dist(kind = ''view'', kind = ''buy'', ts < ''2024-01-02'')',
		'retention(kind = ''view'', kind = ''buy'', ts < ''2024-01-02'')', 'channel', 'events', 'partial', 1e-12),
	('bgnbd_fit_dist', 'bgnbd_fit_dist(x, t_x, t)', 'bgnbd_fit(x, t_x, t)', NULL, 'summary', 'partial', 1e-9),
	('bgnbd_fit_dist', 'bgnbd_fit_dist(x, t_x, t)', 'bgnbd_fit(x, t_x, t)', 'cohort', 'summary', 'partial', 1e-9),
	('gamma_gamma_fit_dist', 'gamma_gamma_fit_dist(x, monetary)', 'gamma_gamma_fit(x, monetary)', 'cohort', 'summary',
		'partial', 1e-9),
	-- the originals with an internal state: Citus fetches the rows (same results, slower)
	('rfm_agg', 'rfm_agg(ts, amount)', NULL, 'channel', 'events', 'pulled', 1e-12),
	('window_funnel', 'window_funnel(interval ''1 hour'', ts, kind = ''view'', kind = ''buy'')', NULL, 'channel', 'events',
		'pulled', 1e-12);

-- the *_dist forms added beside the first ones (sql/dist.sql), each grouped by something
-- other than the customer
INSERT INTO cases (fn, dist, local, grp, tbl, expect, tol)
SELECT substring(d FROM '(\w+_dist)\('), d, regexp_replace(d, '(\w+)_dist\(', '\1('), g, t, 'partial', tol FROM (VALUES
	('rfm_agg_dist(ts, score)', 'channel', 'events', 1e-12),
	('rfm_agg_dist(ts, amount::numeric)', 'channel', 'events', 1e-12),
	('rfm_agg_dist(ts, amount, ''America/New_York'')', 'channel', 'events', 1e-12),
	('rfm_agg_dist(ts, score, ''Asia/Kolkata'')', 'channel', 'events', 1e-12),
	('rfm_agg_dist(ts, amount::numeric, ''Europe/Berlin'')', 'channel', 'events', 1e-12),
	('rollup_dist(rfm)', 'date_trunc(''week'', day, ''UTC'')', 'daily', 1e-12),
	('score(rollup_dist(decay), timestamptz ''2024-05-01'')', 'date_trunc(''week'', day, ''UTC'')', 'daily', 1e-12),
	('score(decay_agg_dist(ts, score, interval ''7 days''), timestamptz ''2024-05-01'')', 'channel', 'events', 1e-12),
	('score(decay_agg_dist(ts, amount::numeric, interval ''7 days''), timestamptz ''2024-05-01'')', 'channel', 'events', 1e-12),
	('window_funnel_dist(interval ''1 hour'', ''strict_order, allow_reentry'', ts, kind = ''view'', kind = ''cart'', kind = ''buy'')',
		'channel', 'events', 1e-12),
	('funnel_times_dist(interval ''1 hour'', ''strict_increase'', ts, kind = ''view'', kind = ''buy'')', 'channel', 'events', 1e-12),
	('window_funnel_dist(3600, extract(epoch FROM ts)::bigint, kind = ''view'', kind = ''cart'', kind = ''buy'')',
		'channel', 'events', 1e-12),
	('window_funnel_dist(3600, ''strict_order'', extract(epoch FROM ts)::bigint, kind = ''view'', kind = ''buy'')',
		'channel', 'events', 1e-12),
	('funnel_times_dist(3600, extract(epoch FROM ts)::bigint, kind = ''view'', kind = ''buy'')', 'channel', 'events', 1e-12),
	('funnel_times_dist(3600, ''strict_deduplication'', extract(epoch FROM ts)::bigint, kind = ''view'', kind = ''buy'')',
		'channel', 'events', 1e-12),
	('sequence_match_dist(''(?1)(?t<60)(?2)'', extract(epoch FROM ts)::bigint, kind = ''view'', kind = ''buy'')',
		'channel', 'events', 1e-12),
	('sequence_count_dist(''(?1)(?2)'', extract(epoch FROM ts)::bigint, kind = ''view'', kind = ''buy'')',
		'channel', 'events', 1e-12),
	('active_users_dist(customer_id::bigint, ts, ''America/New_York'', ''2024-01-03'', ''2024-02-20'')', 'channel', 'events', 1e-12),
	('active_users_dist(customer_id::text, ts, ''UTC'', ''2024-01-01'', ''2024-01-31'')', 'channel', 'events', 1e-12),
	('stickiness_dist(customer_id::bigint, ts, ''week'', ''UTC'', ''2024-01-01'', ''2024-02-25'')', 'channel', 'events', 1e-12),
	('stickiness_dist(customer_id::text, ts, ''month'', ''Asia/Tokyo'', ''2024-01-01'', ''2024-03-31'')', 'channel', 'events', 1e-12),
	('kaplan_meier_dist(score, kind = ''buy'')', 'channel', 'events', 1e-12),
	('bgnbd_fit_dist(x, t_x, t, 2, 0.01)', 'cohort', 'summary', 1e-9),
	('gamma_gamma_fit_dist(x, monetary, 1, 0.01)', 'cohort', 'summary', 1e-9),
	('pareto_nbd_fit_dist(x, t_x, t)', 'cohort', 'summary', 1e-9),
	('pareto_nbd_fit_dist(x, t_x, t, 2)', NULL, 'summary', 1e-9),
	('pareto_nbd_fit_dist(x, t_x, t, 1, 0.01)', 'cohort', 'summary', 1e-9),
	('mbgnbd_fit_dist(x, t_x, t)', 'cohort', 'summary', 1e-9),
	('mbgnbd_fit_dist(x, t_x, t, 2)', NULL, 'summary', 1e-9),
	('mbgnbd_fit_dist(x, t_x, t, 1, 0.01)', 'cohort', 'summary', 1e-9),
	(format('bgnbd_standard_errors_dist(%L, x, t_x, t)', :'bgnbd_m'), NULL, 'summary', 1e-9),
	(format('bgnbd_standard_errors_dist(%L, x, t_x, t, 2)', :'bgnbd_m'), NULL, 'summary', 1e-9),
	(format('gamma_gamma_standard_errors_dist(%L, x, monetary)', :'gg_m'), NULL, 'summary', 1e-9),
	(format('gamma_gamma_standard_errors_dist(%L, x, monetary, 2)', :'gg_m'), NULL, 'summary', 1e-9),
	(format('pareto_nbd_standard_errors_dist(%L, x, t_x, t)', :'pnbd_m'), NULL, 'summary', 1e-9),
	(format('pareto_nbd_standard_errors_dist(%L, x, t_x, t, 2)', :'pnbd_m'), NULL, 'summary', 1e-9),
	(format('mbgnbd_standard_errors_dist(%L, x, t_x, t)', :'mbg_m'), NULL, 'summary', 1e-9),
	(format('mbgnbd_standard_errors_dist(%L, x, t_x, t, 2)', :'mbg_m'), NULL, 'summary', 1e-9),
	('sbg_fit_dist(periods, churned)', 'segment', 'sbg', 1e-9),
	('sbg_fit_dist(periods, churned, 2)', NULL, 'sbg', 1e-9),
	('sbg_fit_dist(periods, churned, 1, 0.01)', 'segment', 'sbg', 1e-9),
	(format('sbg_standard_errors_dist(%L, periods, churned)', :'sbg_m'), NULL, 'sbg', 1e-9),
	(format('sbg_standard_errors_dist(%L, periods, churned, 2)', :'sbg_m'), NULL, 'sbg', 1e-9),
	('bgbb_fit_dist(x, t_x, n)', 'half', 'bb', 1e-9),
	('bgbb_fit_dist(x, t_x, n, 2)', NULL, 'bb', 1e-9),
	('bgbb_fit_dist(x, t_x, n, 1, 0.01)', 'half', 'bb', 1e-9),
	(format('bgbb_standard_errors_dist(%L, x, t_x, n)', :'bgbb_m'), NULL, 'bb', 1e-9),
	(format('bgbb_standard_errors_dist(%L, x, t_x, n, 2)', :'bgbb_m'), NULL, 'bb', 1e-9)
) AS v(d, g, t, tol);

CREATE FUNCTION pg_temp.check_case(c cases) RETURNS TABLE (name text, ok boolean) LANGUAGE plpgsql AS $f$
DECLARE
	q text;
	ql text;
	p text;
	mism bigint;
	fnre text := 'public\.' || c.fn || '\(';
BEGIN
	-- the group key as text, NULL spelt out (so that FULL JOIN USING pairs it too)
	q := format('SELECT coalesce((%s)::text, ''NULL'') AS g, (%s)::text AS v FROM %s GROUP BY %1$s', c.grp, c.dist, c.tbl);
	ql := format('SELECT coalesce((%s)::text, ''NULL'') AS g, (%s)::text AS v FROM %s_local GROUP BY %1$s', c.grp,
		coalesce(c.local, c.dist), c.tbl);
	IF c.grp IS NULL THEN
		q := format('SELECT 1 AS g, (%s)::text AS v FROM %s', c.dist, c.tbl);
		ql := format('SELECT 1 AS g, (%s)::text AS v FROM %s_local', coalesce(c.local, c.dist), c.tbl);
	END IF;
	p := pg_temp.plan(q);
	name := format('%s by %s: %s', c.dist, coalesce(c.grp, 'nothing (one group)'), CASE c.expect
		WHEN 'whole' THEN 'pushed down whole to the workers'
		WHEN 'partial' THEN 'partial aggregates on the workers (worker_partial_agg), combined on the coordinator (coord_combine_agg)'
		ELSE 'rows pulled to the coordinator (internal state)' END);
	ok := CASE c.expect
		WHEN 'whole' THEN p ~ '^Custom Scan \(Citus Adaptive\)' AND p ~ ('Query: SELECT [^\n]*' || fnre)
			AND p ~ 'GROUP BY customer_id' AND p !~ 'coord_combine_agg'
		WHEN 'partial' THEN p ~ ('Query: SELECT [^\n]*worker_partial_agg\(''public\.' || c.fn || '\(')
			AND p ~ 'coord_combine_agg\('
		ELSE p !~ 'worker_partial_agg' AND p !~ ('Query: SELECT [^\n]*' || fnre) END;
	IF NOT ok THEN
		RAISE WARNING 'plan of %: %', q, p;
	END IF;
	RETURN NEXT;
	BEGIN
		EXECUTE 'CREATE TEMP TABLE r_dist AS ' || q;
		EXECUTE 'CREATE TEMP TABLE r_local AS ' || ql;
	EXCEPTION WHEN OTHERS THEN
		RAISE WARNING '%: %', q, SQLERRM;
		name := format('%s by %s: runs', c.dist, coalesce(c.grp, 'nothing'));
		ok := false;
		RETURN NEXT;
		RETURN;
	END;
	SELECT count(*) INTO mism FROM r_dist d FULL JOIN r_local l USING (g)
		WHERE NOT pg_temp.same(d.v, l.v, c.tol);
	name := format('%s by %s: distributed = %s on the local table (%s groups)', c.dist, coalesce(c.grp, 'nothing'),
		coalesce(c.local, 'the same'), (SELECT count(*) FROM r_local));
	ok := mism = 0 AND (SELECT count(*) FROM r_local) > 0;
	IF NOT ok THEN
		RAISE WARNING 'mismatches: %', (SELECT string_agg(format('%s: %s <> %s', g, dv, lv), '; ')
			FROM (SELECT g, d.v AS dv, l.v AS lv FROM r_dist d FULL JOIN r_local l USING (g)
				WHERE NOT pg_temp.same(d.v, l.v, c.tol) LIMIT 3) x);
	END IF;
	DROP TABLE r_dist;
	DROP TABLE r_local;
	RETURN NEXT;
END
$f$;

RESET citus.enable_ddl_propagation;

SELECT c.name, c.ok FROM cases, LATERAL pg_temp.check_case(cases) c;

