-- test/readme/plant.sql: run by test/readme/run-check.sh as an untrusted role that may
-- CREATE in schema public, after the extension is installed (in another schema).  For every
-- function, aggregate and window function of ours (found through pg_depend) it plants in
-- public functions or aggregates of the same name, argument names, VARIADIC and defaults:
--   - the identical signature (it can only win when public comes first on the search_path);
--   - one near match per argument and type that a call could carry instead of ours: each
--     numeric type for a numeric argument (an integer weight where we take float8, a numeric
--     amount, a smallint score...), timestamp, date or text for timestamptz, text for
--     interval (an untyped '7 days' prefers the string category), varchar for text, text
--     for everything else (untyped literals of our state types, arrays, booleans);
--   - for a VARIADIC function, fixed-arity twins with 1 to 4 elements (PostgreSQL prefers a
--     non-variadic function to a variadic one within one schema).
-- Window functions get aggregate plants (a plain function cannot be called with OVER).
-- Every plant raises WARNING 'readme-plant ran: <its signature>' whenever it runs (the
-- aggregates in both the transition and the final function, so an empty group counts too)
-- and returns 1, true, 'planted' or NULL by its result type; a warning, unlike a row in a
-- log table, survives the statement failing.
-- psql variable plant_set: "all" (the default) or "identical" (only the identical twins:
-- near matches with defaults tie with each other in one schema, which would make some calls
-- ambiguous instead of captured when public comes first).
\if :{?plant_set}
\else
\set plant_set all
\endif
SET readme.plant_set = :'plant_set';
SET search_path = pg_catalog, public;

CREATE TEMP TABLE readme_ours AS
SELECT p.oid, p.proname, p.prokind, p.provariadic <> 0 AS variadic, p.pronargs, p.pronargdefaults,
       p.proretset, ARRAY(SELECT unnest(p.proargtypes::regtype[])) AS argtypes,
       -- names of the IN arguments only (proargnames also lists OUT ones)
       ARRAY(SELECT coalesce(n.name, '') FROM unnest(p.proargnames, p.proargmodes) WITH ORDINALITY AS n(name, mode, o)
             WHERE coalesce(n.mode, 'i') IN ('i', 'v') ORDER BY n.o) AS argnames,
       (SELECT string_agg(format('OUT %I %s', n.name, format_type(n.t, NULL)), ', ' ORDER BY n.o)
        FROM unnest(p.proallargtypes::regtype[], p.proargmodes, p.proargnames) WITH ORDINALITY AS n(t, mode, name, o)
        WHERE n.mode IN ('o', 't')) AS outs,
       format_type(p.prorettype, NULL) AS rettype,
       -- what a plant returns: something non-NULL where it can, so that calls guarded by a
       -- test of its result (CASE WHEN frequency(s) > 0 THEN monetary(s) END) run too
       CASE WHEN p.prorettype IN ('smallint'::regtype, 'integer'::regtype, 'bigint'::regtype,
                                  'real'::regtype, 'double precision'::regtype, 'numeric'::regtype) THEN '1'
            WHEN p.prorettype = 'boolean'::regtype THEN 'true'
            WHEN p.prorettype = 'text'::regtype THEN '''planted'''
            ELSE 'NULL' END AS retval,
       coalesce(a.aggkind, 'n') AS aggkind, coalesce(a.aggnumdirectargs, 0) AS ndirect
FROM pg_proc p
JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'engagement'
LEFT JOIN pg_aggregate a ON a.aggfnoid = p.oid
WHERE NOT EXISTS (SELECT 1 FROM unnest(p.proargtypes::regtype[] || p.prorettype::regtype) AS t(t)
                  WHERE t IN ('internal', 'cstring', 'trigger'));

-- readme_plant(f, types, is_variadic, k): one plant named like f with argument types types
-- (the last one VARIADIC if is_variadic); k numbers its helper functions.  False if a
-- function of that name and types is already planted.
CREATE FUNCTION pg_temp.readme_plant(f readme_ours, types regtype[], is_variadic boolean, k int)
RETURNS boolean LANGUAGE plpgsql AS $fn$
DECLARE
	n int := array_length(types, 1);
	plain text;
	args text;
	direct text;
	aggregated text;
	sig text;
	warn text;
BEGIN
	SELECT string_agg(format_type(t, NULL), ', ' ORDER BY o),
	       -- the declared arguments: VARIADIC, names and (for plain functions) defaults as ours
	       string_agg(concat(CASE WHEN is_variadic AND o = n THEN 'VARIADIC ' END,
	                         CASE WHEN coalesce(f.argnames[o], '') <> '' AND n = f.pronargs
	                              THEN quote_ident(f.argnames[o]) || ' ' END,
	                         format_type(t, NULL),
	                         CASE WHEN f.prokind = 'f' AND n = f.pronargs AND o > f.pronargs - f.pronargdefaults
	                              THEN ' DEFAULT NULL' END), ', ' ORDER BY o),
	       string_agg(format_type(t, NULL), ', ' ORDER BY o) FILTER (WHERE o <= f.ndirect),
	       string_agg(format_type(t, NULL), ', ' ORDER BY o) FILTER (WHERE o > f.ndirect)
	INTO plain, args, direct, aggregated
	FROM unnest(types) WITH ORDINALITY AS u(t, o);
	IF to_regprocedure(format('public.%I(%s)', f.proname, plain)) IS NOT NULL THEN
		RETURN false;
	END IF;
	sig := format('%s(%s)', f.proname, plain);
	warn := format('RAISE WARNING ''%%'', %L;', 'readme-plant ran: ' || sig);
	IF f.prokind = 'f' THEN
		EXECUTE format('CREATE FUNCTION public.%I(%s) RETURNS %s%s LANGUAGE plpgsql AS %L',
			f.proname, concat_ws(', ', args, f.outs), CASE WHEN f.proretset THEN 'SETOF ' END, f.rettype,
			format('BEGIN %s RETURN%s; END', warn,
				CASE WHEN f.proretset OR f.outs IS NOT NULL THEN '' ELSE ' ' || f.retval END));
		RETURN true;
	END IF;
	-- aggregates and window functions: an aggregate whose transition and final functions
	-- both report (an ordered-set one's transition function takes the aggregated arguments)
	EXECUTE format('CREATE FUNCTION public.readme_plant_sf_%s(s %s, %s) RETURNS %s LANGUAGE plpgsql AS %L',
		k, f.rettype, CASE WHEN f.aggkind = 'o' THEN aggregated ELSE plain END, f.rettype,
		format('BEGIN %s RETURN NULL; END', warn));
	EXECUTE format('CREATE FUNCTION public.readme_plant_ff_%s(s %s%s) RETURNS %s LANGUAGE plpgsql AS %L',
		k, f.rettype, CASE WHEN f.aggkind = 'o' THEN ', ' || direct END, f.rettype,
		format('BEGIN %s RETURN %s; END', warn, f.retval));
	EXECUTE format('CREATE AGGREGATE public.%I(%s) (SFUNC = public.readme_plant_sf_%s, STYPE = %s, FINALFUNC = public.readme_plant_ff_%s)',
		f.proname, CASE WHEN f.aggkind = 'o' THEN direct || ' ORDER BY ' || aggregated ELSE args END, k, f.rettype, k);
	RETURN true;
END
$fn$;

DO $plant$
DECLARE
	f readme_ours;
	pos int;
	sub regtype;
	types regtype[];
	elems int;
	k int := 0;
	all_variants boolean := current_setting('readme.plant_set') = 'all';
	numerics regtype[] := ARRAY['smallint', 'integer', 'bigint', 'real', 'double precision', 'numeric'];
BEGIN
	FOR f IN SELECT * FROM readme_ours ORDER BY oid LOOP
		k := k + 1;
		PERFORM pg_temp.readme_plant(f, f.argtypes, f.variadic, k);
		CONTINUE WHEN NOT all_variants;
		-- one argument replaced at a time (not the VARIADIC array)
		FOR pos IN 1 .. f.pronargs - (CASE WHEN f.variadic THEN 1 ELSE 0 END) LOOP
			FOR sub IN SELECT unnest(CASE
					WHEN f.argtypes[pos] = ANY (numerics) THEN array_remove(numerics, f.argtypes[pos])
					WHEN f.argtypes[pos] = 'timestamptz'::regtype THEN ARRAY['timestamp', 'date', 'text']::regtype[]
					WHEN f.argtypes[pos] = 'text'::regtype THEN ARRAY['varchar']::regtype[]
					ELSE ARRAY['text']::regtype[] END) LOOP
				types := f.argtypes;
				types[pos] := sub;
				k := k + 1;
				PERFORM pg_temp.readme_plant(f, types, f.variadic, k);
			END LOOP;
		END LOOP;
		-- fixed-arity twins of a VARIADIC function
		IF f.variadic THEN
			FOR elems IN 1 .. 4 LOOP
				types := f.argtypes[1:f.pronargs - 1] || array_fill((SELECT t.typelem::regtype FROM pg_type t
					WHERE t.oid = f.argtypes[f.pronargs]), ARRAY[elems]);
				k := k + 1;
				PERFORM pg_temp.readme_plant(f, types, false, k);
			END LOOP;
		END IF;
	END LOOP;
	RAISE NOTICE 'planted %', (SELECT count(*) FROM pg_proc WHERE pronamespace = 'public'::regnamespace
		AND proowner = current_user::regrole AND proname NOT LIKE 'readme\_plant\_%');
END
$plant$;
