-- test/dump/fingerprint.sql: one line per table and materialized view of the public schema
-- (and the user rows of rfm_segment_map): name, kind, row count and an md5 of all rows as
-- text.  test/upgrade/results.sql uses it too.
CREATE FUNCTION pg_temp.fingerprint(r regclass) RETURNS TABLE (n bigint, digest text) LANGUAGE plpgsql AS $$
BEGIN
	RETURN QUERY EXECUTE format('SELECT count(*), md5(coalesce(string_agg(t::text, E''\n'' ORDER BY t::text), '''')) FROM %s AS t'
		|| CASE WHEN r = 'rfm_segment_map'::regclass THEN ' WHERE NOT builtin' ELSE '' END, r);
END $$;
SELECT c.relname, c.relkind, f.n, f.digest
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace s ON s.oid = c.relnamespace AND s.nspname = 'public'
CROSS JOIN LATERAL (SELECT * FROM pg_temp.fingerprint(c.oid::regclass)) AS f
WHERE c.relkind IN ('r', 'm')
ORDER BY c.relname;
