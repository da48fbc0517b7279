-- test/citus/mismatches.sql: loaded by sql/citus.sql and sql/dist.sql (psql \i from the
-- repository root), which compare each *_dist aggregate with its original.
-- mismatches(query a, query b): rows (g, v) of one that the other lacks, both ways
CREATE FUNCTION mismatches(a text, b text) RETURNS bigint LANGUAGE plpgsql AS $f$
DECLARE
	n bigint;
BEGIN
	EXECUTE format('SELECT count(*) FROM ((%s EXCEPT ALL %s) UNION ALL (%s EXCEPT ALL %s)) d', a, b, b, a) INTO n;
	RETURN n;
END
$f$;
