-- test/citus/local.sql: the rows and the comparison of the one-node *_dist tests, loaded by
-- sql/citus.sql and sql/dist.sql (psql \i from the repository root): events ce (6,000 rows,
-- 40 customers, 3 channels, some NULL timestamps) and customer summaries cs (in 2 cohorts).
CREATE TABLE ce AS
SELECT i AS id, i % 40 AS customer, (ARRAY['web', 'app', 'mail'])[1 + abs(hashint4(i + 11)) % 3] AS channel,
       CASE WHEN i % 97 = 0 THEN NULL
            ELSE timestamptz '2024-01-01 00:00:00+00' + (abs(hashint4(i)) % 2592000) * interval '1 second' END AS ts,
       (ARRAY['view', 'cart', 'buy', 'email'])[1 + abs(hashint4(i + 7)) % 4] AS kind,
       (abs(hashint4(i + 5)) % 10000) / 100.0::float8 AS amount
FROM generate_series(1, 6000) AS i;
ANALYZE ce;
-- the CDNOW calibration summary of the btyd tests (test/data/README.md)
CREATE TABLE cs (customer integer, x float8, t_x float8, t float8, zbar float8);
\copy cs FROM 'test/data/cdnow_customers_summary_with_transactions.csv' WITH (FORMAT csv, HEADER)
ALTER TABLE cs ADD COLUMN cohort integer;
UPDATE cs SET cohort = customer % 2;
ANALYZE cs;
-- mismatches(query a, query b): rows (g, v) of one that the other lacks, both ways (each
-- query runs once)
CREATE FUNCTION mismatches(a text, b text) RETURNS bigint LANGUAGE plpgsql AS $f$
DECLARE
	n bigint;
BEGIN
	EXECUTE format('WITH a AS MATERIALIZED (%s), b AS MATERIALIZED (%s) '
		'SELECT count(*) FROM ((TABLE a EXCEPT ALL TABLE b) UNION ALL (TABLE b EXCEPT ALL TABLE a)) d', a, b) INTO n;
	RETURN n;
END
$f$;
