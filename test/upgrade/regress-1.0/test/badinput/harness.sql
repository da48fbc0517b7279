-- test/badinput/harness.sql: generic hostile-input harness (pg_temp functions), loaded by
-- sql/bad_input.sql and by test/security/run-check.sh.  Its functions pin search_path to
-- pg_catalog and call ours schema-qualified, so that hostile objects cannot capture the
-- harness itself; the calls under test run with the path in eng_bi.call_path if set.  It finds every function, aggregate
-- and window function of the extension in the catalog and every base type, so a new
-- family is covered without editing this file:
--   pg_temp.bi_run_calls()  calls every SQL-callable function with edge values, one argument
--                           at a time (NULL, +/-infinity, NaN, 0, negative, huge, empty,
--                           too many array elements...), aggregates also over an empty
--                           group and over a group mixing good and bad rows
--   pg_temp.bi_run_io()     malformed and truncated text input of every base type, and
--                           truncated / corrupted / extended binary input, and every
--                           field at the edges of its range, through COPY ... FROM file
--                           (FORMAT binary) (needs superuser); values received must
--                           round-trip through binary and text, and are passed to every
--                           function taking the type
--   pg_temp.bi_fuzz_binary(seed, n)
--                           n random mutations of every base type's binary form, the
--                           same checks (test/fuzz/binary.sh)
-- Outcomes go to bi_results (one row per call, with the SQLSTATE or 'ok' and the result).

CREATE TEMP TABLE bi_results (
	fn text, shape text, call text, sqlstate text, message text, result text, input_nonfinite boolean
);

-- extension functions callable from SQL: everything without an internal argument, including
-- the type input/output functions (cstring) and the trigger function, which a user can call
-- directly too; tables rather than views so that names print the same inside and outside
-- the harness
CREATE TEMP TABLE bi_funcs AS
SELECT p.oid, p.oid::regprocedure::text AS sig,
       pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(p.proname) AS proname, p.prokind, p.proisstrict,
       p.provariadic, ARRAY(SELECT pg_catalog.unnest(p.proargtypes::regtype[])) AS argtypes,
       coalesce(p.proargnames[1:p.pronargs], '{}') AS argnames, p.prorettype::regtype AS rettype,
       ARRAY(SELECT pg_catalog.pg_get_function_arg_default(p.oid, i) FROM pg_catalog.generate_series(1, p.pronargs) AS i) AS defaults,
       coalesce(a.aggkind, 'n') AS aggkind, coalesce(a.aggnumdirectargs, 0) AS ndirect
FROM pg_catalog.pg_proc p
JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
LEFT JOIN pg_catalog.pg_aggregate a ON a.aggfnoid = p.oid
JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
JOIN pg_catalog.pg_extension e ON e.oid = d.refobjid AND e.extname = 'engagement'
WHERE NOT ('internal'::regtype = ANY (p.proargtypes::regtype[]));

CREATE TEMP TABLE bi_types AS
SELECT t.oid::regtype AS typ, t.oid::regtype::text AS tname, t.typname, t.typinput::regproc AS typinput, t.typsend::regproc AS typsend
FROM pg_catalog.pg_type t
JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e'
JOIN pg_catalog.pg_extension e ON e.oid = d.refobjid AND e.extname = 'engagement'
-- (not the array types: PostgreSQL 17 on records them as members of the extension too)
WHERE t.typtype = 'b' AND t.typcategory <> 'A';

-- one good value of each base type of the extension: an aggregate of ours that returns
-- the type, over a few good rows (filled by bi_make_samples)
CREATE TEMP TABLE bi_samples (typ regtype PRIMARY KEY, val text);

-- bi_values(type, argument name, default): SQL expressions to try for one argument; the
-- "good" one (the argument's default if it has one) is what the other arguments keep while
-- this one varies
CREATE FUNCTION pg_temp.bi_values(typ regtype, argname text, dflt text DEFAULT NULL)
RETURNS TABLE (expr text, good boolean) LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp AS $f$
DECLARE
	elem regtype;
	s text;
BEGIN
	IF dflt IS NOT NULL THEN
		RETURN QUERY SELECT format('(%s)::%s', dflt, typ), true
			UNION ALL SELECT b.expr, false FROM pg_temp.bi_values(typ, argname) b;
		RETURN;
	END IF;
	CASE typ
	WHEN 'integer'::regtype, 'smallint'::regtype THEN
		RETURN QUERY SELECT format('(%s)::%s', v, typ), o = 1 FROM unnest(ARRAY['5', 'NULL', '0', '-1', '1',
			'3', '10', '11', '2147483647', '-2147483648']) WITH ORDINALITY AS u(v, o)
			WHERE typ = 'integer'::regtype OR v !~ '^-?2147';
	WHEN 'bigint'::regtype THEN
		RETURN QUERY SELECT format('(%s)::bigint', v), o = 1 FROM unnest(ARRAY['3600', 'NULL', '0', '-1', '1',
			'9223372036854775807', '-9223372036854775808', '4611686018427387904']) WITH ORDINALITY AS u(v, o);
	WHEN 'double precision'::regtype, 'real'::regtype, 'numeric'::regtype THEN
		RETURN QUERY SELECT format('(%s)::%s', v, typ), o = 1 FROM unnest(ARRAY['2.5', 'NULL', '''NaN''',
			'''Infinity''', '''-Infinity''', '0', '-1', '1', '1e300', '-1e300', '1e-300', '0.5'])
			WITH ORDINALITY AS u(v, o)
			WHERE typ <> 'real'::regtype OR v NOT IN ('1e300', '-1e300', '1e-300');
	WHEN 'timestamp with time zone'::regtype, 'timestamp without time zone'::regtype THEN
		RETURN QUERY SELECT format('%s::%s', v, typ), o = 1 FROM unnest(ARRAY['''2024-03-01 12:00:00+00''',
			'NULL', '''infinity''', '''-infinity''', '''4714-11-24 00:00:00+00 BC''',
			'''294276-12-31 23:59:59+00''', '''1970-01-01 00:00:00+00''', '''2000-01-01 00:00:00+00''',
			'''2024-03-01 12:00:00.000001+00''']) WITH ORDINALITY AS u(v, o);
	WHEN 'date'::regtype THEN
		RETURN QUERY SELECT format('%s::date', v), o = 1 FROM unnest(ARRAY['''2024-03-01''', 'NULL',
			'''infinity''', '''-infinity''', '''4714-11-24 BC''', '''5874897-12-31''']) WITH ORDINALITY AS u(v, o);
	WHEN 'interval'::regtype THEN
		RETURN QUERY SELECT format('%s::interval', v), o = 1 FROM unnest(ARRAY['''1 day''', 'NULL',
			'''0''', '''-1 day''', '''1 microsecond''', '''-1 microsecond''', '''1 mon''', '''30 minutes''',
			'''178000000 years''', '''-178000000 years''', '''1 mon -30 days''',
			'''2147483647 days 2562047788 hours''']) WITH ORDINALITY AS u(v, o);
	WHEN 'boolean'::regtype THEN
		RETURN QUERY SELECT v || '::boolean', o = 1 FROM unnest(ARRAY['true', 'NULL', 'false']) WITH ORDINALITY AS u(v, o);
	WHEN 'text'::regtype, 'character varying'::regtype, 'name'::regtype, 'cstring'::regtype THEN
		s := CASE
			WHEN argname ~* 'mode' THEN '''strict_order'''
			WHEN argname ~* 'tz|zone' THEN '''UTC'''
			WHEN argname ~* 'pattern' THEN '''(?1)(?2)'''
			ELSE '''''' END;
		RETURN QUERY SELECT format('%s::%s', v, typ), o = 1 FROM unnest(ARRAY[s, 'NULL', '''''', ''' ''',
			'''no such thing''', '''strict_order, strict_order''', '''strict_order,,''', '''UTC''',
			'''Mars/Olympus''', '''(?1)(?2)''', '''(?1''', '''(?0)''', '''(?99999999999)''', '''(?t>1)(?2)''',
			'''(?t<=-1)''', '''(?1)(?t>99999999999999999999)(?2)''', '''.*.*.*.*''', '''(?1)' || repeat('.*(?1)', 40) || '''',
			'repeat(''(?1)'', 100000)', 'repeat(''x'', 1000000)', 'E''\x01\x7f''', '''classic''', '''default''',
			'''+25:00''', '''UTC+1''']) WITH ORDINALITY AS u(v, o);
	WHEN 'bytea'::regtype THEN
		RETURN QUERY SELECT format('(%s)::bytea', v), o = 1 FROM unnest(ARRAY['''\x02''', 'NULL', '''\x''', '''\x00''',
			'''\x01''', '''\xff''', '''\x0100000000000000ff''', '''\x02ffffffffffffffff''',
			'''\x027fffffffffffffff7fffffff''', 'decode(repeat(''02'', 64), ''hex'')',
			'decode(repeat(''ff'', 1000), ''hex'')', '''\x0100000000000000010000000000000000''',
			'''\x0200000000000000010000000000000001''']) WITH ORDINALITY AS u(v, o);
	ELSE
		SELECT t.typelem::regtype INTO elem FROM pg_catalog.pg_type t
		WHERE t.oid = typ AND t.typcategory = 'A';
		IF elem IS NOT NULL THEN
			-- arrays: a good one, NULL, empty, NULL elements, too many elements, 2-D,
			-- and arrays of each bad element
			RETURN QUERY
				SELECT format('ARRAY[%1$s, %1$s, %1$s, %1$s]::%2$s', (SELECT b.expr FROM pg_temp.bi_values(elem, argname) b WHERE b.good), typ), true
				UNION ALL SELECT format('NULL::%s', typ), false
				UNION ALL SELECT format('''{}''::%s', typ), false
				UNION ALL SELECT format('ARRAY[NULL]::%s', typ), false
				UNION ALL SELECT format('array_fill(%s, ARRAY[%s])::%s', b.expr, n, typ), false
					FROM pg_temp.bi_values(elem, argname) b, unnest(ARRAY[1, 2, 31, 32, 33, 64, 65, 1000, 100000]) n WHERE b.good
				UNION ALL SELECT format('array_fill(%s, ARRAY[2, 2])::%s', b.expr, typ), false
					FROM pg_temp.bi_values(elem, argname) b WHERE b.good
				UNION ALL SELECT format('array_fill(%s, ARRAY[3], ARRAY[-5])::%s', b.expr, typ), false
					FROM pg_temp.bi_values(elem, argname) b WHERE b.good
				UNION ALL SELECT format('ARRAY[%s, %s]::%s', g.expr, b.expr, typ), false
					FROM pg_temp.bi_values(elem, argname) b, pg_temp.bi_values(elem, argname) g
					WHERE g.good AND NOT b.good AND b.expr NOT LIKE 'repeat%';
			IF elem IN ('double precision'::regtype, 'integer'::regtype, 'bigint'::regtype) THEN
				RETURN QUERY SELECT format('%s::%s', v, typ), false
					FROM unnest(ARRAY['''{4,3,2,1}''', '''{1,1,1,1}''', '''{1,2}''', '''{1,2,3,4,5,6,7,8,9}''',
						'''{-1,0,1,2}''']) AS u(v);
			END IF;
		ELSIF typ IN (SELECT b.typ FROM bi_types b) THEN
			RETURN QUERY SELECT format('%L::%s', (SELECT s2.val FROM bi_samples s2 WHERE s2.typ = bi_values.typ), typ), true
				UNION ALL SELECT format('NULL::%s', typ), false;
		ELSE
			-- a type the harness has no values for (composites...): NULL only
			RETURN QUERY SELECT format('NULL::%s', typ), true;
		END IF;
	END CASE;
END
$f$;

-- bi_try: run one query returning one text value; record the outcome.  With rettype (a
-- base type of ours that the query's value has), the value must also read back as itself.
CREATE FUNCTION pg_temp.bi_try(fn text, shape text, q text, rettype regtype DEFAULT NULL) RETURNS void LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp AS $f$
DECLARE
	r text;
	back text;
	st text;
	msg text;
BEGIN
	BEGIN
		-- the caller's path for the call itself (eng_bi.call_path), reverted on return
		IF coalesce(current_setting('eng_bi.call_path', true), '') <> '' THEN
			PERFORM set_config('search_path', current_setting('eng_bi.call_path'), true);
		END IF;
		EXECUTE q INTO r;
		IF rettype IS NOT NULL AND r IS NOT NULL THEN
			BEGIN
				EXECUTE format('SELECT %L::%s::text', r, rettype) INTO back;
			EXCEPTION WHEN OTHERS THEN
				GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT;
				back := st || ' ' || msg;
			END;
			IF back IS DISTINCT FROM r THEN
				r := format('accepted but the result %s reads back as %s', r, back);
			END IF;
		END IF;
		INSERT INTO bi_results VALUES (fn, shape, q, 'ok', NULL, r, q ~* 'nan|infinity');
	EXCEPTION WHEN query_canceled THEN
		RAISE;
	WHEN OTHERS THEN
		GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT;
		INSERT INTO bi_results VALUES (fn, shape, q, st, msg, NULL, q ~* 'nan|infinity');
	END;
END
$f$;

-- bi_make_samples: a good value of every base type, from the first of our aggregates
-- returning it whose arguments all have good values, else from a plain function returning
-- it (a transition function, given a NULL state)
CREATE FUNCTION pg_temp.bi_make_samples() RETURNS void LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp AS $f$
DECLARE
	t record;
	f record;
	args text;
	v text;
BEGIN
	FOR t IN SELECT * FROM bi_types ORDER BY typname LOOP
		FOR f IN SELECT * FROM bi_funcs WHERE rettype = t.typ
			AND (prokind = 'f' OR (prokind = 'a' AND NOT (t.typ = ANY (argtypes))))
			ORDER BY prokind = 'a' DESC, sig LOOP
			SELECT string_agg(CASE WHEN u.ty = t.typ THEN format('NULL::%s', t.typ) ELSE b.expr END, ', ' ORDER BY o)
			INTO args
			FROM unnest(f.argtypes, f.argnames, f.defaults) WITH ORDINALITY AS u(ty, nm, df, o),
			     LATERAL pg_temp.bi_values(u.ty, u.nm, u.df) b WHERE b.good;
			BEGIN
				-- aggregates: three rows, the good timestamps a day apart
				EXECUTE format('SELECT %s(%s)::text FROM generate_series(1, %s) AS i', f.proname,
					regexp_replace(args, '''2024-03-01 12:00:00\+00''::timestamp with time zone',
						'(''2024-03-01 12:00:00+00''::timestamptz - i * interval ''1 day'')', 'g'),
					CASE WHEN f.prokind = 'a' THEN 3 ELSE 1 END) INTO v;
			EXCEPTION WHEN OTHERS THEN
				v := NULL;
			END;
			IF v IS NOT NULL THEN
				INSERT INTO bi_samples VALUES (t.typ, v);
				EXIT;
			END IF;
		END LOOP;
	END LOOP;
END
$f$;

-- bi_run_calls: every function with every argument varied in turn
CREATE FUNCTION pg_temp.bi_run_calls() RETURNS void LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp AS $f$
DECLARE
	f record;
	n int;
	goods text[];
	cols text;
	callargs text;
	allnull text;
	v record;
	i int;
	a text[];
BEGIN
	PERFORM pg_temp.bi_make_samples();
	FOR f IN SELECT * FROM bi_funcs ORDER BY sig LOOP
		n := coalesce(array_length(f.argtypes, 1), 0);
		SELECT array_agg(b.expr ORDER BY o) INTO goods
		FROM unnest(f.argtypes, f.argnames, f.defaults) WITH ORDINALITY AS u(ty, nm, df, o),
		     LATERAL pg_temp.bi_values(u.ty, u.nm, u.df) b WHERE b.good;
		goods := coalesce(goods, '{}');
		SELECT string_agg(format('NULL::%s', ty), ', ' ORDER BY o) INTO allnull
		FROM unnest(f.argtypes) WITH ORDINALITY AS u(ty, o);
		-- the good call, the all-NULL call, then each argument varied
		PERFORM pg_temp.bi_call(f, goods, 'good');
		IF n > 0 THEN
			PERFORM pg_temp.bi_call(f, string_to_array(allnull, ', '), 'all null');
		END IF;
		FOR i IN 1 .. n LOOP
			FOR v IN SELECT b.expr FROM pg_temp.bi_values(f.argtypes[i], f.argnames[i], f.defaults[i]) b WHERE NOT b.good LOOP
				a := goods;
				a[i] := v.expr;
				PERFORM pg_temp.bi_call(f, a, 'arg ' || i);
			END LOOP;
		END LOOP;
	END LOOP;
END
$f$;

-- bi_render: the call expression of f with argument expressions args (the variadic one
-- passed as an array; ordered-set aggregates as f(direct args) WITHIN GROUP (ORDER BY ...))
CREATE FUNCTION pg_temp.bi_render(f record, args text[]) RETURNS text LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp AS $f$
BEGIN
	RETURN (SELECT format('%s(%s)%s', f.proname,
		coalesce(string_agg(CASE WHEN o = array_length(args, 1) AND f.provariadic <> 0 THEN 'VARIADIC ' ELSE '' END || x, ', '
			ORDER BY o) FILTER (WHERE f.aggkind <> 'o' OR o <= f.ndirect), ''),
		CASE WHEN f.aggkind = 'o' THEN format(' WITHIN GROUP (ORDER BY %s)',
			string_agg(x, ', ' ORDER BY o) FILTER (WHERE o > f.ndirect)) ELSE '' END)
	FROM unnest(args) WITH ORDINALITY AS u(x, o));
END
$f$;

-- bi_call: one argument list in every shape the function's kind allows
CREATE FUNCTION pg_temp.bi_call(f record, args text[], what text) RETURNS void LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp AS $f$
DECLARE
	n int := coalesce(array_length(args, 1), 0);
	ours regtype := (SELECT b.typ FROM bi_types b WHERE b.typ = f.rettype);
	goodrow text;
	badrow text;
	cols text[];
BEGIN
	IF f.prokind = 'f' THEN
		PERFORM pg_temp.bi_try(f.sig, what, format('SELECT (%s)::text', pg_temp.bi_render(f, args)), ours);
	ELSIF f.prokind = 'w' THEN
		PERFORM pg_temp.bi_try(f.sig, what, format('SELECT (%s OVER ())::text', pg_temp.bi_render(f, args)), ours);
	ELSIF f.prokind = 'a' THEN
		PERFORM pg_temp.bi_try(f.sig, what || ', one row', format('SELECT (%s)::text', pg_temp.bi_render(f, args)), ours);
		PERFORM pg_temp.bi_try(f.sig, what || ', empty group',
			format('SELECT (%s)::text FROM (SELECT WHERE false) AS s', pg_temp.bi_render(f, args)), ours);
		-- the varied row between two good rows of the same group; aggregated arguments
		-- come from columns c1..cn, direct arguments of ordered-set aggregates stay literal
		IF n > f.ndirect THEN
			SELECT array_agg(CASE WHEN o <= f.ndirect THEN args[o] ELSE format('c%s', o) END ORDER BY o)
			INTO cols FROM generate_series(1, n) AS o;
			SELECT string_agg(format('(%s)::%s', b.expr, u.ty), ', ' ORDER BY u.o) INTO goodrow
			FROM unnest(f.argtypes, f.argnames, f.defaults) WITH ORDINALITY AS u(ty, nm, df, o),
			     LATERAL pg_temp.bi_values(u.ty, u.nm, u.df) b WHERE b.good;
			SELECT string_agg(format('(%s)::%s', x, f.argtypes[o]), ', ' ORDER BY o) INTO badrow
			FROM unnest(args) WITH ORDINALITY AS u(x, o);
			PERFORM pg_temp.bi_try(f.sig, what || ', mixed group', format(
				'SELECT (%s)::text FROM (VALUES (%s), (%s), (%s)) AS v(%s)', pg_temp.bi_render(f, cols),
				goodrow, badrow, goodrow, (SELECT string_agg(format('c%s', o), ', ') FROM generate_series(1, n) AS o)), ours);
		END IF;
	END IF;
END
$f$;

-- values received by bi_copy_bytes (the bytes and their text form), for the callers that
-- go on with them (bi_state_calls, the dump and restore of test/fuzz/binary.sh)
CREATE TEMP TABLE bi_accepted (typ regtype, payload bytea, txt text);
-- the one-column table binary values are copied into (its type changes per value)
CREATE TEMP TABLE bi_copy_target (v integer);

-- bi_copy_bytes: feed raw bytes as one binary-COPY field of type typ into a fresh table.  A
-- value received must be sent back as the same bytes, and print as text that reads back as
-- the same value (so that pg_dump's output restores); both are checked, and an error in
-- either is a violation ("accepted but..."), not a rejection.  Returns the text form of an
-- accepted value, NULL for a rejected one.
CREATE FUNCTION pg_temp.bi_copy_bytes(typ regtype, payload bytea, what text) RETURNS text LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp AS $f$
DECLARE
	path text := current_setting('data_directory') || '/eng_bad_input.bin';
	tname text := (SELECT b.tname FROM bi_types b WHERE b.typ = bi_copy_bytes.typ);
	send regproc := (SELECT b.typsend FROM bi_types b WHERE b.typ = bi_copy_bytes.typ);
	file bytea;
	lo oid;
	st text;
	msg text;
	back bytea;
	txt text;
	outcome text;
BEGIN
	-- PGCOPY header, no flags, no extension; one tuple of one field; trailer
	file := '\x5047434f50590aff0d0a00'::bytea || '\x0000000000000000'::bytea
		|| '\x0001'::bytea || int4send(length(payload)) || payload || '\xffff'::bytea;
	lo := lo_from_bytea(0, file);
	PERFORM lo_export(lo, path);
	PERFORM lo_unlink(lo);
	TRUNCATE bi_copy_target;
	BEGIN
		EXECUTE format('ALTER TABLE bi_copy_target ALTER COLUMN v TYPE %s USING NULL', typ);
		EXECUTE format('COPY bi_copy_target FROM %L (FORMAT binary)', path);
	EXCEPTION WHEN OTHERS THEN
		GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT;
		INSERT INTO bi_results VALUES (tname, 'binary ' || what, encode(payload, 'hex'), st, msg, NULL, false);
		RETURN NULL;
	END;
	BEGIN
		EXECUTE format('SELECT %s(v), v::text FROM bi_copy_target', send) INTO back, txt;
		outcome := CASE WHEN back <> payload THEN 'accepted but sent back as ' || encode(back, 'hex') END;
		EXECUTE format('SELECT %s(%L::%s)', send, txt, typ) INTO back;
		outcome := coalesce(outcome, CASE WHEN back = payload THEN 'round-trips'
			ELSE 'accepted but its text ' || txt || ' reads back as ' || encode(back, 'hex') END);
	EXCEPTION WHEN OTHERS THEN
		GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT;
		outcome := format('accepted but its text %s does not read back: %s %s', txt, st, msg);
	END;
	INSERT INTO bi_results VALUES (tname, 'binary ' || what, encode(payload, 'hex'), 'ok', NULL, outcome, false);
	IF outcome <> 'round-trips' THEN
		RETURN NULL;
	END IF;
	INSERT INTO bi_accepted VALUES (typ, payload, txt);
	RETURN txt;
END
$f$;

-- bi_state_calls: every function of ours taking a value of type typ, called (in every
-- shape bi_call tries: aggregates over one row, and between two good rows) with the value
-- of text form txt in each such argument and good values in the others
CREATE FUNCTION pg_temp.bi_state_calls(typ regtype, txt text, what text) RETURNS void LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp AS $f$
DECLARE
	f record;
	goods text[];
	a text[];
BEGIN
	FOR f IN SELECT * FROM bi_funcs WHERE typ = ANY (argtypes) ORDER BY sig LOOP
		SELECT array_agg(b.expr ORDER BY o) INTO goods
		FROM unnest(f.argtypes, f.argnames, f.defaults) WITH ORDINALITY AS u(ty, nm, df, o),
		     LATERAL pg_temp.bi_values(u.ty, u.nm, u.df) b WHERE b.good;
		FOR i IN 1 .. array_length(f.argtypes, 1) LOOP
			CONTINUE WHEN f.argtypes[i] <> typ;
			a := goods;
			a[i] := format('%L::%s', txt, typ);
			PERFORM pg_temp.bi_call(f, a, what || ', arg ' || i);
		END LOOP;
	END LOOP;
END
$f$;

-- bi_edge_words: 8-byte words at the edges of what the state types hold: 0, +/-1, the
-- int64 extremes, the first and last valid timestamps and their neighbours outside
-- (4714-11-24 00:00:00 BC and 294276-12-31 23:59:59.999999 UTC, in microseconds from
-- 2000-01-01), and the float8 bit patterns of 0, -0, 1, the extremes, NaN and infinities
CREATE FUNCTION pg_temp.bi_edge_words() RETURNS SETOF bytea LANGUAGE sql
	SET search_path = pg_catalog, pg_temp AS $f$
SELECT int8send(v) FROM unnest(ARRAY[0, 1, -1, 2, 9223372036854775807, 9223372036854775806,
	-9223372036854775808, -9223372036854775807, 4611686018427387904, 3074457345618258602,
	-211813488000000000, -211813488000000001, 9223371331199999999, 9223371331200000000,
	86400000000]::bigint[]) AS v
UNION ALL
SELECT float8send(v) FROM unnest(ARRAY['0', '-0', '1', '1e308', '1.7976931348623157e308',
	'-1.7976931348623157e308', '5e-324', '-1', 'NaN', 'Infinity', '-Infinity']::float8[]) AS v
$f$;

-- bi_binary_edges: every 8-byte field of the sample of every base type replaced by every
-- edge word, then (where that value is received) every function taking the type called
-- with it: a count at the int64 maximum next to the sample's other counts passes the
-- bigint range in input, in a merge or in a rollup with the sample
CREATE FUNCTION pg_temp.bi_binary_edges() RETURNS void LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp AS $f$
DECLARE
	t record;
	bin bytea;
	w bytea;
	txt text;
BEGIN
	FOR t IN SELECT b.*, s2.val FROM bi_types b JOIN bi_samples s2 USING (typ) ORDER BY typname LOOP
		EXECUTE format('SELECT %s(%L::%s)', t.typsend, t.val, t.typ) INTO bin;
		FOR k IN 0 .. (length(bin) - 1) / 8 - 1 LOOP
			FOR w IN SELECT * FROM pg_temp.bi_edge_words() LOOP
				txt := pg_temp.bi_copy_bytes(t.typ, overlay(bin PLACING w FROM 2 + 8 * k FOR 8),
					format('edge field %s = %s', k + 1, encode(w, 'hex')));
				IF txt IS NOT NULL THEN
					PERFORM pg_temp.bi_state_calls(t.typ, txt, format('edge field %s = %s', k + 1, encode(w, 'hex')));
				END IF;
			END LOOP;
		END LOOP;
	END LOOP;
END
$f$;

-- bi_fuzz_binary(seed, n): n random binary values of every base type, each made from the
-- type's sample (or from a value accepted earlier in the run) by one to three mutations: a
-- field replaced by an edge word or by random bytes, a byte set at random, a bit flipped,
-- two values spliced, truncated or extended.  Fixed seed, so a run is reproducible.  The
-- first 'calls' accepted values of each type also go through bi_state_calls.
CREATE FUNCTION pg_temp.bi_fuzz_binary(seed float8, n int, calls int DEFAULT 50) RETURNS void LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp AS $f$
DECLARE
	t record;
	seeds bytea[];
	edges bytea[] := ARRAY(SELECT * FROM pg_temp.bi_edge_words());
	b bytea;
	other bytea;
	pos int;
	txt text;
	ncalls int;
BEGIN
	IF NOT EXISTS (SELECT 1 FROM bi_samples) THEN
		PERFORM pg_temp.bi_make_samples();
	END IF;
	PERFORM setseed(seed);
	FOR t IN SELECT b2.*, s2.val FROM bi_types b2 JOIN bi_samples s2 USING (typ) ORDER BY typname LOOP
		EXECUTE format('SELECT ARRAY[%s(%L::%s)]', t.typsend, t.val, t.typ) INTO seeds;
		ncalls := 0;
		FOR i IN 1 .. n LOOP
			b := seeds[1 + floor(random() * array_length(seeds, 1))::int];
			FOR m IN 1 .. 1 + floor(random() * 3)::int LOOP
				pos := floor(random() * greatest(length(b), 1))::int;
				CASE floor(random() * 8)::int
				WHEN 0, 1, 2 THEN	-- a whole field: an edge word
					IF length(b) >= 9 THEN
						b := overlay(b PLACING edges[1 + floor(random() * array_length(edges, 1))::int]
							FROM 2 + 8 * floor(random() * ((length(b) - 1) / 8))::int FOR 8);
					END IF;
				WHEN 3 THEN			-- a whole field: random bytes
					IF length(b) >= 9 THEN
						b := overlay(b PLACING int8send(floor(random()::numeric * 18446744073709551616 - 9223372036854775808)::bigint)
							FROM 2 + 8 * floor(random() * ((length(b) - 1) / 8))::int FOR 8);
					END IF;
				WHEN 4 THEN			-- one byte at random
					IF length(b) > 0 THEN
						b := set_byte(b, pos, floor(random() * 256)::int);
					END IF;
				WHEN 5 THEN			-- one bit flipped
					IF length(b) > 0 THEN
						pos := pos * 8 + floor(random() * 8)::int;
						b := set_bit(b, pos, 1 - get_bit(b, pos));
					END IF;
				WHEN 6 THEN			-- spliced with another value at a field boundary
					other := seeds[1 + floor(random() * array_length(seeds, 1))::int];
					pos := 1 + 8 * floor(random() * ((length(other) - 1) / 8 + 1))::int;
					b := substring(b FROM 1 FOR pos) || substring(other FROM pos + 1);
				ELSE				-- truncated, or extended by random bytes
					IF random() < 0.5 THEN
						b := substring(b FROM 1 FOR pos);
					ELSE
						b := b || substring(int8send((random() * 9223372036854775807)::bigint) FROM 1 FOR 1 + floor(random() * 8)::int);
					END IF;
				END CASE;
			END LOOP;
			txt := pg_temp.bi_copy_bytes(t.typ, b, 'fuzzed');
			IF txt IS NOT NULL THEN
				seeds := seeds || b;
				IF ncalls < calls THEN
					ncalls := ncalls + 1;
					PERFORM pg_temp.bi_state_calls(t.typ, txt, 'fuzzed');
				END IF;
			END IF;
		END LOOP;
	END LOOP;
END
$f$;

-- bi_run_io: text and binary input of every base type
CREATE FUNCTION pg_temp.bi_run_io() RETURNS void LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp AS $f$
DECLARE
	t record;
	good text;
	bin bytea;
	i int;
	s text;
	tok text;
	bad text;
BEGIN
	IF NOT EXISTS (SELECT 1 FROM bi_samples) THEN
		PERFORM pg_temp.bi_make_samples();
	END IF;
	FOR t IN SELECT b.*, s2.val FROM bi_types b LEFT JOIN bi_samples s2 USING (typ) ORDER BY typname LOOP
		IF t.val IS NULL THEN
			INSERT INTO bi_results VALUES (t.tname, 'no sample value', '', 'no sample', NULL, NULL, false);
			CONTINUE;
		END IF;
		good := t.val;
		-- text: every truncation, junk around it, every token replaced by bad numbers
		FOR i IN 0 .. length(good) - 1 LOOP
			PERFORM pg_temp.bi_text(t.typ, left(good, i), 'text truncated');
		END LOOP;
		FOREACH s IN ARRAY ARRAY[good || ' ', ' ' || good, good || 'x', good || ' extra=1', good || ' ' || good,
			upper(good), replace(good, ' ', '  '), replace(good, ' ', E'\t'), replace(good, '=', ' = '),
			replace(good, ' ', ','), '(' || good || ')', good || E'\n'] LOOP
			PERFORM pg_temp.bi_text(t.typ, s, 'text junk');
		END LOOP;
		FOR tok IN SELECT DISTINCT m[1] FROM regexp_matches(good, '=([^ ]+)', 'g') AS m LOOP
			FOREACH bad IN ARRAY ARRAY['', '-1', '-0', 'x', '1e400', '-1e400', 'NaN', 'Infinity', '-Infinity',
				'99999999999999999999', '-9223372036854775808', '9223372036854775807', '0x10', '1.5', '1e3',
				'infinity', '-infinity', '294277-01-01 00:00:00+00', '2024-13-45'] LOOP
				PERFORM pg_temp.bi_text(t.typ, regexp_replace(good, '=' || regexp_replace(tok, '([^a-zA-Z0-9 ])', '\\\1', 'g') || '( |$)', '=' || bad || '\1'), 'text field ' || tok || ' -> ' || bad);
			END LOOP;
		END LOOP;
		FOR tok IN SELECT m[1] FROM regexp_matches(good, '([^ ]+)', 'g') AS m LOOP
			PERFORM pg_temp.bi_text(t.typ, trim(replace(' ' || good || ' ', ' ' || tok || ' ', ' ')), 'text field dropped');
			PERFORM pg_temp.bi_text(t.typ, good || ' ' || tok, 'text field repeated');
		END LOOP;
		-- binary: every truncation, every byte flipped or zeroed, a trailing extra byte
		EXECUTE format('SELECT %s(%L::%s)', t.typsend, good, t.typ) INTO bin;
		PERFORM pg_temp.bi_copy_bytes(t.typ, bin, 'as sent');
		FOR i IN 0 .. length(bin) - 1 LOOP
			PERFORM pg_temp.bi_copy_bytes(t.typ, substring(bin FROM 1 FOR i), 'truncated');
			PERFORM pg_temp.bi_copy_bytes(t.typ, set_byte(bin, i, get_byte(bin, i) # 255), 'byte flipped');
			PERFORM pg_temp.bi_copy_bytes(t.typ, set_byte(bin, i, 0), 'byte zeroed');
		END LOOP;
		PERFORM pg_temp.bi_copy_bytes(t.typ, bin || '\x00'::bytea, 'extra byte');
	END LOOP;
	-- binary: every field at every edge, and the values received used
	PERFORM pg_temp.bi_binary_edges();
END
$f$;

-- bi_text: one text input; accepted values must round-trip through output and input
CREATE FUNCTION pg_temp.bi_text(typ regtype, s text, what text) RETURNS void LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp AS $f$
DECLARE
	o1 text;
	o2 text;
	st text;
	msg text;
BEGIN
	EXECUTE format('SELECT (%L::%s)::text', s, typ) INTO o1;
	EXECUTE format('SELECT (%L::%s)::text', o1, typ) INTO o2;
	INSERT INTO bi_results VALUES ((SELECT b.tname FROM bi_types b WHERE b.typ = bi_text.typ), what, s, 'ok', NULL,
		CASE WHEN o1 = o2 THEN 'round-trips' ELSE 'accepted but output ' || o1 || ' reads back as ' || o2 END, false);
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT;
	INSERT INTO bi_results VALUES ((SELECT b.tname FROM bi_types b WHERE b.typ = bi_text.typ), what, s, st, msg, NULL, false);
END
$f$;

-- bi_violations: every outcome that breaks the project's rules
CREATE TEMP VIEW bi_violations AS
SELECT fn, shape, left(call, 200) AS call, sqlstate, message, left(result, 100) AS result
FROM bi_results
WHERE (sqlstate !~ '^(ok|22|54|0A)'            -- only data exceptions, limits, unsupported uses,
       AND NOT (sqlstate = '42601' AND message ~ 'pattern'))   -- and syntax errors in a pattern argument
   OR message ~ '^[A-Z][a-z]'                  -- messages are lowercase
   OR (shape LIKE '%empty group' AND sqlstate = 'ok' AND result IS NOT NULL)   -- empty group -> NULL
   OR (sqlstate = 'ok' AND result ~ '(NaN|Infinity)' AND NOT input_nonfinite)  -- no NaN out of finite input
   OR (sqlstate = 'ok' AND result LIKE 'accepted but%');                       -- input round-trips exactly
