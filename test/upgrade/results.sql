-- test/upgrade/results.sql: what the stored data of test/upgrade/stored.sql looks like and
-- gives, as sorted text lines, so two databases (or one before and after an update) are
-- compared with diff.
--
-- 1. contents: per table and materialized view, its row count and an md5 of its rows as
--    text (test/dump/fingerprint.sql);
-- 2. results: for every stored column whose type belongs to the extension, and every function
--    of the extension whose first argument has that type (accessors, scores, predictions,
--    binary send functions), the row count and an md5 of the function's result on every row,
--    the other arguments being fixed constants; a call that raises gives its SQLSTATE and
--    message instead.  Lines look like "result <relation>.<column> | <function> | <count> <md5>".
--    A function a later version adds shows up here too, so after an update it runs on the
--    values the old version stored.
\i test/dump/fingerprint.sql

CREATE FUNCTION pg_temp.probe() RETURNS SETOF text LANGUAGE plpgsql AS $$
DECLARE
	c record;
	f record;
	res text;
BEGIN
	FOR c IN
		SELECT r.oid::regclass AS rel, a.attname, a.atttypid
		FROM pg_catalog.pg_class r
		JOIN pg_catalog.pg_namespace n ON n.oid = r.relnamespace AND n.nspname = 'public'
		JOIN pg_catalog.pg_attribute a ON a.attrelid = r.oid AND a.attnum > 0 AND NOT a.attisdropped
		JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_type'::regclass AND d.objid = a.atttypid
			AND d.deptype = 'e'
		JOIN pg_catalog.pg_extension e ON e.oid = d.refobjid AND e.extname = 'engagement'
		WHERE r.relkind IN ('r', 'm')
	LOOP
		FOR f IN
			SELECT p.oid::regprocedure AS sig,
			       pg_catalog.format('%I.%I', pn.nspname, p.proname) AS name,
			       (SELECT CASE WHEN pg_catalog.count(k) = pg_catalog.count(*)
					THEN coalesce(pg_catalog.string_agg(', ' || k, '' ORDER BY i), '') END
				FROM pg_catalog.unnest(p.proargtypes[1:]) WITH ORDINALITY AS u(t, i)
				CROSS JOIN LATERAL (SELECT CASE t
					WHEN 'timestamp with time zone'::regtype THEN '''2025-01-01 00:00:00+00''::timestamptz'
					WHEN 'interval'::regtype THEN '''7 days''::interval'
					WHEN 'double precision'::regtype THEN '2::float8'
					WHEN 'numeric'::regtype THEN '2::numeric'
					WHEN 'integer'::regtype THEN '4::integer'
					WHEN 'bigint'::regtype THEN '4::bigint'
					WHEN 'boolean'::regtype THEN 'true' END) AS x(k)) AS rest
			FROM pg_catalog.pg_proc p
			JOIN pg_catalog.pg_namespace pn ON pn.oid = p.pronamespace
			JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_proc'::regclass AND d.objid = p.oid
				AND d.deptype = 'e'
			JOIN pg_catalog.pg_extension e ON e.oid = d.refobjid AND e.extname = 'engagement'
			WHERE p.prokind = 'f' AND p.provariadic = 0 AND p.pronargs >= 1 AND p.proargtypes[0] = c.atttypid
		LOOP
			-- a function with an argument no constant is given for (another state, text) is
			-- left out
			CONTINUE WHEN f.rest IS NULL;
			BEGIN
				EXECUTE pg_catalog.format('SELECT pg_catalog.count(*) || '' '' || pg_catalog.md5(coalesce('
					'pg_catalog.string_agg(coalesce(v, ''NULL''), E''\n'' ORDER BY k COLLATE "C", v COLLATE "C"), ''''))'
					' FROM (SELECT t::text AS k, %s(t.%I%s)::text AS v FROM %s AS t) AS s',
					f.name, c.attname, f.rest, c.rel) INTO res;
			EXCEPTION WHEN OTHERS THEN
				res := 'ERROR ' || SQLSTATE || ': ' || SQLERRM;
			END;
			RETURN NEXT pg_catalog.format('result %s.%I | %s | %s', c.rel, c.attname, f.sig, res);
		END LOOP;
	END LOOP;
END $$;
SELECT l FROM pg_temp.probe() AS l ORDER BY l COLLATE "C";
