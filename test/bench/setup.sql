-- test/bench/setup.sql: helpers of scripts/bench, loaded once into the benchmark database.
--
-- bench_diff(a, b) compares two relations that have the same columns, the first of which
-- is a key: it returns how many keys are missing on one side or carry a different row.
-- Floating-point and numeric columns are equal within 1e-9 relative (the extension and
-- plain SQL may add the same terms in a different order); intervals within a microsecond;
-- every other column (text, integers, arrays, composites) must be identical. The two sides
-- are aliased l_ and r_, names no benchmark column uses.
\set ON_ERROR_STOP on

CREATE FUNCTION bench_diff(a regclass, b regclass) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
	key text;
	cond text := 'false';
	col record;
	n bigint;
BEGIN
	FOR col IN
		SELECT attname, atttypid::regtype::text AS typ, attnum
		FROM pg_attribute
		WHERE attrelid = a AND attnum > 0 AND NOT attisdropped
		ORDER BY attnum
	LOOP
		IF col.attnum = 1 THEN
			key := quote_ident(col.attname);
			CONTINUE;
		END IF;
		IF col.typ IN ('double precision', 'real', 'numeric') THEN
			cond := cond || format(' OR NOT (l_.%1$I IS NOT DISTINCT FROM r_.%1$I OR abs(l_.%1$I - r_.%1$I)'
				' <= 1e-9 * greatest(1, abs(l_.%1$I), abs(r_.%1$I)))', col.attname);
		ELSIF col.typ = 'interval' THEN
			cond := cond || format(' OR NOT (l_.%1$I IS NOT DISTINCT FROM r_.%1$I OR abs(extract(epoch FROM l_.%1$I - r_.%1$I))'
				' <= 1e-6 * greatest(1, abs(extract(epoch FROM l_.%1$I))))', col.attname);
		ELSE
			cond := cond || format(' OR l_.%1$I IS DISTINCT FROM r_.%1$I', col.attname);
		END IF;
	END LOOP;
	EXECUTE format('SELECT count(*) FROM %s l_ FULL JOIN %s r_ USING (%s) WHERE l_ IS NULL OR r_ IS NULL OR %s',
		a, b, key, cond) INTO n;
	RETURN n;
END $$;
