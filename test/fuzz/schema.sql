-- test/fuzz/schema.sql: sample data for the sqlsmith run (test/fuzz/run.sh).
-- sqlsmith builds its queries from the catalog: these tables give it columns of every
-- type the extension's functions take (timestamps, intervals, scores, amounts, flags,
-- text modes) and of every state type the extension defines that an aggregate returns,
-- filled by its own aggregates.
-- Deterministic (hashint4 instead of random()), small: queries must stay fast.
CREATE TABLE events (
	customer_id integer, ts timestamptz, kind text, score integer, amount double precision,
	big bigint, flag boolean, gap interval, price numeric
);
INSERT INTO events
SELECT i % 50,
       CASE WHEN i % 97 = 0 THEN NULL
            ELSE timestamptz '2024-01-01 00:00:00+00' + (abs(hashint4(i)) % 8640000) * interval '1 second' END,
       (ARRAY['view', 'cart', 'buy', 'email', 'open'])[1 + abs(hashint4(i + 7)) % 5],
       CASE WHEN i % 89 = 0 THEN NULL ELSE abs(hashint4(i + 3)) % 11 END,
       (abs(hashint4(i + 5)) % 10000) / 100.0,
       abs(hashint4(i + 11)),
       hashint4(i + 13) % 2 = 0,
       (1 + abs(hashint4(i + 17)) % 3600) * interval '1 second',
       (abs(hashint4(i + 19)) % 100000) / 100.0
FROM generate_series(1, 2000) AS i;

-- one table per state type of the extension, filled by an aggregate of the extension that
-- returns it from (integer) or (timestamptz, double precision)-like arguments; generic, so
-- a new family's state type is fuzzed without editing this file
DO $$
DECLARE
	t record;
	a record;
	args text;
BEGIN
	FOR t IN
		SELECT ty.oid, ty.typname FROM pg_catalog.pg_type ty
		JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_type'::regclass AND d.objid = ty.oid
		JOIN pg_catalog.pg_extension e ON d.refobjid = e.oid AND d.deptype = 'e'
		WHERE e.extname = 'engagement' AND ty.typtype = 'b' AND ty.typcategory <> 'A'
		  -- a type no aggregate returns (a transition type only: engagement_score_state,
		  -- partial_state) would give an empty table, which a version that adds such a type
		  -- would have and an older one not
		  AND EXISTS (SELECT FROM pg_catalog.pg_proc p WHERE p.prokind = 'a' AND p.prorettype = ty.oid)
	LOOP
		EXECUTE pg_catalog.format('CREATE TABLE %I (customer_id integer, day date, state %s)',
			'daily_' || t.typname, t.oid::regtype);
		FOR a IN
			SELECT p.oid::regproc AS fn, p.proargtypes::regtype[] AS types
			FROM pg_catalog.pg_proc p
			WHERE p.prokind = 'a' AND p.prorettype = t.oid
			ORDER BY p.pronargs, p.oid
		LOOP
			SELECT pg_catalog.string_agg(CASE ty::text
				WHEN 'integer' THEN 'score'
				WHEN 'bigint' THEN 'big'
				WHEN 'double precision' THEN 'amount'
				WHEN 'numeric' THEN 'price'
				WHEN 'timestamp with time zone' THEN 'ts'
				WHEN 'interval' THEN 'interval ''7 days'''
				WHEN 'boolean' THEN 'flag'
				WHEN 'text' THEN 'kind' END, ', ' ORDER BY o)
			INTO args FROM pg_catalog.unnest(a.types) WITH ORDINALITY AS u(ty, o);
			CONTINUE WHEN args IS NULL
				OR pg_catalog.array_length(a.types, 1) <> pg_catalog.array_length(pg_catalog.string_to_array(args, ', '), 1);
			BEGIN
				EXECUTE pg_catalog.format(
					'INSERT INTO %I SELECT customer_id, ts::date, %s(%s) FROM events'
					' WHERE ts IS NOT NULL AND score BETWEEN 1 AND 10 GROUP BY 1, 2',
					'daily_' || t.typname, a.fn, args);
				EXIT;
			EXCEPTION WHEN OTHERS THEN
				RAISE NOTICE 'fuzz schema: %(%) failed: %', a.fn, args, SQLERRM;
			END;
		END LOOP;
	END LOOP;
END
$$;
ANALYZE;
