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
--                           truncated / corrupted / extended binary input through
--                           COPY ... FROM file (FORMAT binary) (needs superuser)
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
WHERE t.typtype = 'b';

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

-- bi_try: run one query returning one text value; record the outcome
CREATE FUNCTION pg_temp.bi_try(fn text, shape text, q text) RETURNS void LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp AS $f$
DECLARE
	r text;
	st text;
	msg text;
BEGIN
	BEGIN
		-- the caller's path for the call itself (eng_bi.call_path), reverted on return
		IF coalesce(current_setting('eng_bi.call_path', true), '') <> '' THEN
			PERFORM set_config('search_path', current_setting('eng_bi.call_path'), true);
		END IF;
		EXECUTE q INTO r;
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
	goodrow text;
	badrow text;
	cols text[];
BEGIN
	IF f.prokind = 'f' THEN
		PERFORM pg_temp.bi_try(f.sig, what, format('SELECT (%s)::text', pg_temp.bi_render(f, args)));
	ELSIF f.prokind = 'w' THEN
		PERFORM pg_temp.bi_try(f.sig, what, format('SELECT (%s OVER ())::text', pg_temp.bi_render(f, args)));
	ELSIF f.prokind = 'a' THEN
		PERFORM pg_temp.bi_try(f.sig, what || ', one row', format('SELECT (%s)::text', pg_temp.bi_render(f, args)));
		PERFORM pg_temp.bi_try(f.sig, what || ', empty group',
			format('SELECT (%s)::text FROM (SELECT WHERE false) AS s', pg_temp.bi_render(f, args)));
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
				goodrow, badrow, goodrow, (SELECT string_agg(format('c%s', o), ', ') FROM generate_series(1, n) AS o)));
		END IF;
	END IF;
END
$f$;

-- bi_copy_bytes: feed raw bytes as one binary-COPY field of type typ into a fresh table
CREATE FUNCTION pg_temp.bi_copy_bytes(typ regtype, payload bytea, what text) RETURNS void LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp AS $f$
DECLARE
	path text := current_setting('data_directory') || '/eng_bad_input.bin';
	file bytea;
	lo oid;
	st text;
	msg text;
	back bytea;
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
		EXECUTE format('SELECT %s(v) FROM bi_copy_target', (SELECT b.typsend FROM bi_types b WHERE b.typ = bi_copy_bytes.typ)) INTO back;
		INSERT INTO bi_results VALUES ((SELECT b.tname FROM bi_types b WHERE b.typ = bi_copy_bytes.typ), 'binary ' || what, encode(payload, 'hex'), 'ok', NULL,
			CASE WHEN back = payload THEN 'round-trips' ELSE 'accepted but sent back as ' || encode(back, 'hex') END, false);
	EXCEPTION WHEN OTHERS THEN
		GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT;
		INSERT INTO bi_results VALUES ((SELECT b.tname FROM bi_types b WHERE b.typ = bi_copy_bytes.typ), 'binary ' || what, encode(payload, 'hex'), st, msg, NULL, false);
	END;
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
	CREATE TEMP TABLE IF NOT EXISTS bi_copy_target (v integer);
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
