-- test/pgtap/catalog.sql: contracts every object of the extension must keep
-- (DESIGN.md section 3). Generic: it finds the objects through pg_depend, so a new
-- function or aggregate is checked without editing this file.  Types are the ones the
-- extension defines: not the implicit array types (typcategory 'A') nor the row types of
-- its tables, which PostgreSQL 17 on records as extension members too.
BEGIN;
SELECT plan(12);

CREATE TEMP VIEW ext_funcs AS
SELECT p.oid, p.oid::regprocedure::text AS sig, p.prokind, p.provolatile, p.proparallel,
       p.prosecdef, p.prorettype, obj_description(p.oid, 'pg_proc') AS comment
FROM pg_catalog.pg_proc p
JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_proc'::regclass AND d.objid = p.oid
JOIN pg_catalog.pg_extension e ON d.refclassid = 'pg_catalog.pg_extension'::regclass
     AND d.refobjid = e.oid AND d.deptype = 'e'
WHERE e.extname = 'engagement';

SELECT cmp_ok((SELECT count(*) FROM ext_funcs), '>', 0::bigint, 'the extension owns functions');

SELECT is_empty($$SELECT sig FROM ext_funcs WHERE comment IS NULL OR comment = ''$$,
	'every function and aggregate has a COMMENT');

SELECT is_empty($$SELECT sig FROM ext_funcs WHERE provolatile = 'v'$$,
	'no function is VOLATILE (no hidden clock or state)');

SELECT is_empty($$SELECT sig FROM ext_funcs WHERE proparallel <> 's'$$,
	'every function and aggregate is PARALLEL SAFE');

SELECT is_empty($$SELECT sig FROM ext_funcs WHERE prosecdef$$,
	'nothing is SECURITY DEFINER');

SELECT is_empty($$
	SELECT f.sig FROM ext_funcs f JOIN pg_catalog.pg_aggregate a ON a.aggfnoid = f.oid
	WHERE a.aggkind = 'n' AND a.aggcombinefn = 0$$,
	'every normal aggregate has a combine function');

SELECT is_empty($$
	SELECT f.sig FROM ext_funcs f JOIN pg_catalog.pg_aggregate a ON a.aggfnoid = f.oid
	WHERE a.aggkind = 'n' AND a.aggtranstype = 'pg_catalog.internal'::regtype
	  AND (a.aggserialfn = 0 OR a.aggdeserialfn = 0)$$,
	'every internal-state normal aggregate has serialize and deserialize functions (ordered-set aggregates never run partially)');

SELECT is_empty($$
	SELECT f.sig FROM ext_funcs f JOIN pg_catalog.pg_aggregate a ON a.aggfnoid = f.oid
	JOIN pg_catalog.pg_proc c ON c.oid = a.aggcombinefn
	WHERE a.aggtranstype = 'pg_catalog.internal'::regtype AND c.proisstrict$$,
	'combine functions of internal-state aggregates are not strict');

SELECT is_empty($$
	SELECT f.sig FROM ext_funcs f JOIN pg_catalog.pg_aggregate a ON a.aggfnoid = f.oid
	WHERE a.aggtranstype = 'pg_catalog.internal'::regtype AND a.aggfinalfn <> 0
	  AND a.aggfinalmodify = 'r'$$,
	'internal-state aggregates with a final function do not claim READ_ONLY (the buffer is sorted in place)');

SELECT is_empty($$
	SELECT t.typname FROM pg_catalog.pg_type t
	JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_type'::regclass AND d.objid = t.oid
	JOIN pg_catalog.pg_extension e ON d.refobjid = e.oid AND d.deptype = 'e'
	WHERE e.extname = 'engagement' AND t.typtype = 'b' AND t.typcategory <> 'A'
	  AND (t.typsend = 0 OR t.typreceive = 0)$$,
	'every base type of the extension has binary send and receive');

SELECT is_empty($$
	SELECT t.typname FROM pg_catalog.pg_type t
	JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_type'::regclass AND d.objid = t.oid
	JOIN pg_catalog.pg_extension e ON d.refobjid = e.oid AND d.deptype = 'e'
	WHERE e.extname = 'engagement' AND obj_description(t.oid, 'pg_type') IS NULL
	  AND t.typcategory <> 'A'
	  AND (t.typtype = 'b' OR t.typtype = 'c' AND t.typrelid IN (SELECT oid FROM pg_catalog.pg_class WHERE relkind = 'c'))$$,
	'every type of the extension has a COMMENT');

SELECT is_empty($$
	SELECT f.sig FROM ext_funcs f
	WHERE f.prokind = 'f' AND f.provolatile <> 'i'
	  AND NOT (f.provolatile = 's' AND f.comment ~ '^STABLE: reads ')$$,
	'every plain function is IMMUTABLE (as-of times are arguments; STABLE only if it reads a table, said in its COMMENT)');

SELECT * FROM finish();
ROLLBACK;
