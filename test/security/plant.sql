-- test/security/plant.sql: run by test/security/run-check.sh as the untrusted role
-- eng_attacker in the schema "shared" (CREATE granted to PUBLIC, as in clusters upgraded
-- from before PG 15), BEFORE a superuser installs the extension there.
-- The attacker plants, for every name the install script or our code might call (math,
-- string, date, array and aggregate built-ins, casts written as function calls, and all of
-- our own function names) and for every common argument type that pg_catalog does not
-- match exactly, a function that records its call in shared.captured; and for every
-- common operator and pair of types that pg_catalog does not match exactly, an operator
-- doing the same.  Any of them being called later means a call was captured.
-- psql variable ours: our function names and signatures, "name(type, ...)" per line.
CREATE TABLE shared.captured (what text, query text);
GRANT SELECT, INSERT ON shared.captured TO PUBLIC;

CREATE FUNCTION shared.trap(what text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO shared.captured VALUES (what, pg_catalog.current_query());
END
$$;

CREATE TEMP TABLE ours (sig text);
INSERT INTO ours SELECT pg_catalog.unnest(pg_catalog.string_to_array(:'ours', E'\n'));

DO $$
DECLARE
	names text[] := ARRAY['exp', 'ln', 'log', 'log10', 'power', 'pow', 'sqrt', 'cbrt', 'abs', 'floor',
		'ceil', 'ceiling', 'round', 'trunc', 'sign', 'mod', 'div', 'random', 'width_bucket',
		'date_trunc', 'date_part', 'extract', 'to_timestamp', 'to_char', 'make_interval', 'justify_interval',
		'age', 'timezone', 'date_bin', 'isfinite', 'lower', 'upper', 'length', 'btrim', 'split_part',
		'string_to_array', 'array_to_string', 'array_length', 'array_upper', 'array_lower', 'cardinality',
		'unnest', 'array_append', 'array_cat', 'array_position', 'generate_series', 'format', 'concat',
		'replace', 'regexp_replace', 'regexp_split_to_array', 'hashint4', 'hashtext',
		'sum', 'count', 'max', 'min', 'avg', 'array_agg', 'string_agg', 'bool_and', 'bool_or',
		'percentile_cont', 'percentile_disc', 'int4', 'int8', 'float8', 'numeric', 'text', 'timestamptz',
		'interval', 'bool', 'string_agg', 'quote_ident', 'current_setting', 'set_config', 'now',
		'nextval', 'pg_extension_config_dump', 'textin', 'textout', 'int4in', 'float8in'];
	types text[] := ARRAY['integer', 'bigint', 'smallint', 'numeric', 'double precision', 'real', 'text',
		'character varying', 'timestamp with time zone', 'timestamp without time zone', 'date', 'interval',
		'boolean', 'bytea', 'integer[]', 'bigint[]', 'double precision[]', 'boolean[]', 'text[]', 'anyelement'];
	ops text[] := ARRAY['=', '<>', '<', '>', '<=', '>=', '+', '-', '*', '/', '%', '^', '||', '~', '@>', '<@', '&&'];
	n text;
	t text;
	t2 text;
	o text;
	k int := 0;
BEGIN
	SELECT pg_catalog.array_agg(DISTINCT pg_catalog.split_part(sig, '(', 1)) OPERATOR(pg_catalog.||) names
	INTO names FROM ours;
	FOREACH n IN ARRAY names LOOP
		FOREACH t IN ARRAY types LOOP
			-- a one-argument and a two-argument overload, unless pg_catalog (which is searched
			-- first) or our own install has exactly that signature
			FOREACH t2 IN ARRAY ARRAY[NULL, t, 'integer', 'double precision', 'interval', 'text'] LOOP
				CONTINUE WHEN pg_catalog.to_regprocedure(pg_catalog.format('pg_catalog.%I(%s)', n,
					pg_catalog.concat_ws(', ', t, t2))) IS NOT NULL;
				CONTINUE WHEN EXISTS (SELECT 1 FROM ours WHERE sig OPERATOR(pg_catalog.=)
					pg_catalog.format('%s(%s)', n, pg_catalog.concat_ws(',', t, t2)));
				BEGIN
					EXECUTE pg_catalog.format(
						'CREATE FUNCTION shared.%I(%s) RETURNS %s LANGUAGE plpgsql AS $b$BEGIN PERFORM shared.trap(%L); RETURN NULL; END$b$',
						n, pg_catalog.concat_ws(', ', t, t2), t, pg_catalog.format('%s(%s)', n, pg_catalog.concat_ws(', ', t, t2)));
					k := k OPERATOR(pg_catalog.+) 1;
				EXCEPTION WHEN OTHERS THEN
					NULL;	-- e.g. a polymorphic signature PostgreSQL refuses
				END;
			END LOOP;
		END LOOP;
	END LOOP;
	FOREACH o IN ARRAY ops LOOP
		FOREACH t IN ARRAY types LOOP
			FOREACH t2 IN ARRAY types LOOP
				CONTINUE WHEN t OPERATOR(pg_catalog.=) 'anyelement' OR t2 OPERATOR(pg_catalog.=) 'anyelement';
				CONTINUE WHEN pg_catalog.to_regoperator(pg_catalog.format('pg_catalog.%s(%s, %s)', o, t, t2)) IS NOT NULL;
				k := k OPERATOR(pg_catalog.+) 1;
				EXECUTE pg_catalog.format(
					'CREATE FUNCTION shared.op_%s(%s, %s) RETURNS boolean LANGUAGE plpgsql AS $b$BEGIN PERFORM shared.trap(%L); RETURN NULL; END$b$',
					k, t, t2, pg_catalog.format('%s %s %s', t, o, t2));
				EXECUTE pg_catalog.format('CREATE OPERATOR shared.%s (LEFTARG = %s, RIGHTARG = %s, FUNCTION = shared.op_%s)',
					o, t, t2, k);
			END LOOP;
		END LOOP;
	END LOOP;
	RAISE NOTICE 'planted % functions and operators', k;
END
$$;
