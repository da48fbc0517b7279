-- test/cluster/checks.sql: run on the coordinator by test/cluster/run-check.sh with psql
-- variables host and port.  Every check prints one line "name|t" (passed) or "name|f".
SET client_min_messages = warning;
SET enable_partitionwise_aggregate = on;
CREATE EXTENSION engagement;
CREATE EXTENSION postgres_fdw;

CREATE SERVER shard1 FOREIGN DATA WRAPPER postgres_fdw
	OPTIONS (host :'host', port :'port', dbname 'eng_shard1', extensions 'engagement', async_capable 'true', batch_size '1000');
CREATE SERVER shard2 FOREIGN DATA WRAPPER postgres_fdw
	OPTIONS (host :'host', port :'port', dbname 'eng_shard2', extensions 'engagement', async_capable 'true', batch_size '1000');
CREATE USER MAPPING FOR CURRENT_USER SERVER shard1;
CREATE USER MAPPING FOR CURRENT_USER SERVER shard2;

CREATE TABLE events (customer_id integer, ts timestamptz, kind text, score integer, rating integer, amount double precision)
	PARTITION BY HASH (customer_id);
CREATE FOREIGN TABLE events_s1 PARTITION OF events FOR VALUES WITH (MODULUS 2, REMAINDER 0)
	SERVER shard1 OPTIONS (table_name 'events');
CREATE FOREIGN TABLE events_s2 PARTITION OF events FOR VALUES WITH (MODULUS 2, REMAINDER 1)
	SERVER shard2 OPTIONS (table_name 'events');

-- the same rows on the coordinator's own disk: the single-node answer
CREATE TABLE events_local AS
SELECT i % 500 AS customer_id,
       CASE WHEN i % 97 = 0 THEN NULL
            ELSE timestamptz '2024-01-01 00:00:00+00' + (abs(hashint4(i)) % 8640000) * interval '1 second' END AS ts,
       (ARRAY['view', 'cart', 'buy', 'email', 'open'])[1 + abs(hashint4(i + 7)) % 5] AS kind,
       CASE WHEN i % 89 = 0 THEN NULL ELSE abs(hashint4(i + 3)) % 11 END AS score,
       CASE WHEN i % 83 = 0 THEN NULL ELSE 1 + abs(hashint4(i + 23)) % 5 END AS rating,
       (abs(hashint4(i + 5)) % 10000) / 100.0::float8 AS amount
FROM generate_series(1, 60000) AS i;
INSERT INTO events SELECT * FROM events_local;
ANALYZE events_local;
ANALYZE events_s1;
ANALYZE events_s2;

SELECT 'rows reach both shards and nothing is lost' AS name,
	(SELECT count(*) FROM events_s1) > 0 AND (SELECT count(*) FROM events_s2) > 0
	AND (SELECT count(*) FROM events) = (SELECT count(*) FROM events_local) AS ok;

-- the aggregate expressions under test (one per aggregate shape of every family on main);
-- an entry whose function does not exist yet is reported as skipped; pushed: whether
-- postgres_fdw can ship it
CREATE TEMP TABLE agg_exprs (fn text, expr text, pushed boolean DEFAULT true);
INSERT INTO agg_exprs VALUES
	('nps', 'nps(score)'),
	('nps_agg', 'nps(nps_agg(score))'),
	('csat', 'csat(rating)'),
	('csat', 'csat(rating, 3)'),
	('csat_agg', 'csat_mean(csat_agg(rating))'),
	('decay_agg', 'score(decay_agg(ts, amount, interval ''7 days''), timestamptz ''2024-05-01'')'),
	('engagement_score', 'engagement_score(ts, amount, interval ''7 days'', timestamptz ''2024-05-01'')'),
	('session_stats', 'session_stats(ts, interval ''30 minutes'')'),
	('window_funnel', 'window_funnel(interval ''1 day'', ts, kind = ''view'', kind = ''cart'', kind = ''buy'')'),
	('retention', 'retention(kind = ''view'', kind = ''buy'')'),
	('funnel_times', 'funnel_times(interval ''1 day'', ts, kind = ''view'', kind = ''buy'')'),
	('rfm_agg', 'monetary(rfm_agg(ts, amount))');
-- lifecycle returns lifecycle_period[]: postgres_fdw ships only built-in types and members
-- of the listed extensions; before PostgreSQL 17 an array type is not itself a member (its
-- element type is), so lifecycle runs on the coordinator there, and is pushed from 17 on,
-- where array types are members too; results must be equal either way
-- an aggregate given a text constant (a sequence pattern, a funnel mode) has the default
-- collation as input collation, which PG 15's postgres_fdw ships only when it comes from a
-- foreign column: these run on the coordinator too, with the same results
INSERT INTO agg_exprs VALUES
	('sequence_match', 'sequence_match(''(?1).*(?2)'', ts, kind = ''view'', kind = ''buy'')', false),
	('sequence_count', 'sequence_count(''(?1)(?2)'', ts, kind = ''view'', kind = ''buy'')', false),
	('window_funnel', 'window_funnel(interval ''1 day'', ''strict_order'', ts, kind = ''view'', kind = ''buy'')', false);
INSERT INTO agg_exprs VALUES ('lifecycle', 'lifecycle(ts, interval ''7 days'', timestamptz ''2024-05-01 00:00:00+00'')',
	current_setting('server_version_num')::int >= 170000);

-- check_agg: the pushdown and equality checks for one aggregate expression
CREATE FUNCTION pg_temp.check_agg(fn text, expr text, pushed boolean) RETURNS TABLE (name text, ok boolean)
LANGUAGE plpgsql AS $f$
DECLARE
	plan text;
	mism bigint;
BEGIN
	IF NOT EXISTS (SELECT 1 FROM pg_proc WHERE proname = fn) THEN
		RAISE WARNING 'skipped (not on main yet): %', expr;
		RETURN;
	END IF;
	-- a family whose signature differs from this list: say so rather than fail
	BEGIN
		EXECUTE format('SELECT %s FROM events_local LIMIT 0', expr);
	EXCEPTION WHEN undefined_function OR datatype_mismatch OR ambiguous_function THEN
		RAISE WARNING 'skipped (signature differs, update test/cluster/checks.sql): %: %', expr, SQLERRM;
		RETURN;
	END;
	-- grouped by the partition key: the whole aggregation runs on the shards
	SELECT string_agg(l, E'\n') INTO plan FROM (SELECT * FROM pg_temp.explain_lines(
		format('SELECT customer_id, %s FROM events GROUP BY customer_id', expr))) AS e(l);
	name := format('%s: %s', expr, CASE WHEN pushed THEN format('pushed to both shards (Remote SQL has public.%s)', fn)
		ELSE 'computed on the coordinator (postgres_fdw cannot ship it)' END);
	ok := (SELECT count(*) FROM regexp_matches(plan, 'Remote SQL: SELECT customer_id, [^\n]*public\.' || fn || '\(', 'g'))
		= CASE WHEN pushed THEN 2 ELSE 0 END;
	RETURN NEXT;
	EXECUTE format($q$SELECT count(*) FROM
		(SELECT customer_id, (%1$s)::text AS v FROM events GROUP BY customer_id) AS d
		FULL JOIN (SELECT customer_id, (%1$s)::text AS v FROM events_local GROUP BY customer_id) AS l
		USING (customer_id) WHERE NOT pg_temp.same(d.v, l.v)$q$, expr) INTO mism;
	name := format('%s: sharded = single-node per customer', expr);
	ok := mism = 0;
	RETURN NEXT;
	-- grouped by another column: partial aggregates per partition, combined locally
	SELECT string_agg(l, E'\n') INTO plan FROM (SELECT * FROM pg_temp.explain_lines(
		format('SELECT kind, %s FROM events GROUP BY kind', expr))) AS e(l);
	EXECUTE format($q$SELECT count(*) FROM
		(SELECT kind, (%1$s)::text AS v FROM events GROUP BY kind) AS d
		FULL JOIN (SELECT kind, (%1$s)::text AS v FROM events_local GROUP BY kind) AS l
		USING (kind) WHERE NOT pg_temp.same(d.v, l.v)$q$, expr) INTO mism;
	name := format('%s: sharded = single-node grouped by a non-partition key (%s)', expr,
		CASE WHEN plan ~ 'Partial' THEN 'partial aggregates combined' ELSE 'rows pulled' END);
	ok := mism = 0;
	RETURN NEXT;
	-- without the extensions option nothing of ours may be shipped
	IF NOT pushed THEN
		RETURN;
	END IF;
	ALTER SERVER shard1 OPTIONS (DROP extensions);
	SELECT string_agg(l, E'\n') INTO plan FROM (SELECT * FROM pg_temp.explain_lines(
		format('SELECT customer_id, %s FROM events GROUP BY customer_id', expr))) AS e(l);
	ALTER SERVER shard1 OPTIONS (ADD extensions 'engagement');
	name := format('%s: not shipped to a server without extensions ''engagement''', expr);
	ok := (SELECT count(*) FROM regexp_matches(plan, 'Remote SQL: [^\n]*public\.' || fn || '\(', 'g')) = 1;
	RETURN NEXT;
END
$f$;

-- same: equal results; numbers may differ by 1e-12 relative (floating sums in another order)
CREATE FUNCTION pg_temp.same(a text, b text) RETURNS boolean LANGUAGE plpgsql AS $f$
BEGIN
	IF a IS NOT DISTINCT FROM b THEN
		RETURN true;
	ELSIF a IS NULL OR b IS NULL THEN
		RETURN false;
	END IF;
	RETURN abs(a::float8 - b::float8) <= 1e-12 * greatest(abs(a::float8), abs(b::float8));
EXCEPTION WHEN invalid_text_representation OR null_value_not_allowed THEN
	RETURN false;
END
$f$;

CREATE FUNCTION pg_temp.explain_lines(q text) RETURNS SETOF text LANGUAGE plpgsql AS $f$
BEGIN
	RETURN QUERY EXECUTE 'EXPLAIN (VERBOSE, COSTS OFF) ' || q;
END
$f$;

SELECT c.name, c.ok FROM agg_exprs a, LATERAL pg_temp.check_agg(a.fn, a.expr, a.pushed) c;

-- a state type stored on the shards travels through its text I/O and rolls up exactly
SELECT 'nps_state rows fetched from the shards roll up to the single-node NPS' AS name,
	(SELECT nps(rollup(s)) FROM (SELECT customer_id, nps_agg(score) AS s FROM events GROUP BY 1) d)
	= (SELECT nps(score) FROM events_local) AS ok;
