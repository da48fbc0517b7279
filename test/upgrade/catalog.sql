-- test/upgrade/catalog.sql: the whole catalog footprint of the engagement extension as sorted
-- text, one line per object and attribute: "<object> | <attribute> | <value>".  Two
-- databases hold the same extension exactly when their outputs are equal, so the diff of two
-- outputs names each object and attribute that differs (test/upgrade/run-check.sh compares an
-- updated database with a fresh install this way).
--
-- Objects are the members of the extension (pg_depend deptype 'e') and their parts
-- (columns, constraints, triggers, indexes, policies, composite attributes, array types),
-- named by pg_identify_object and rendered with regprocedure / regoperator / format_type,
-- never by OID.  Attributes: every column of pg_proc, pg_aggregate, pg_type, pg_class,
-- pg_operator, pg_cast, pg_opclass / pg_opfamily (with pg_amop / pg_amproc) that says what an
-- object is or does, owners, ACLs, pg_init_privs, comments, view definitions, the extension's
-- own row (version, relocatable, schema, extconfig / extcondition) and the rows of its
-- configuration tables that belong to the extension (those a pg_dump leaves out).  A member of
-- a catalog this file does not describe gives an "UNHANDLED" line, so it cannot go unseen.
-- A value with several lines is split into "<attribute> line N" lines.  Column options
-- named pg_attver are left out: this server keeps a per-relation number there.
SET search_path = '';
WITH ext AS (
	SELECT e.* FROM pg_catalog.pg_extension e WHERE e.extname = 'engagement'
),
-- members: the objects the extension owns
mem AS (
	SELECT d.classid, d.objid, d.objsubid, o.type || ' ' || o.identity AS obj
	FROM pg_catalog.pg_depend d
	JOIN ext ON d.refclassid = 'pg_catalog.pg_extension'::pg_catalog.regclass AND d.refobjid = ext.oid
	CROSS JOIN LATERAL pg_catalog.pg_identify_object(d.classid, d.objid, d.objsubid) AS o
	WHERE d.deptype = 'e'
),
-- parts: objects that exist because a member does (constraints, triggers, indexes, composite
-- relations, array types); toast tables and column defaults are left out (the first have
-- OID-based names, the second are shown with their column)
part AS (
	SELECT d.classid, d.objid, d.objsubid, o.type || ' ' || o.identity AS obj
	FROM pg_catalog.pg_depend d
	JOIN mem m ON d.refclassid = m.classid AND d.refobjid = m.objid
	CROSS JOIN LATERAL pg_catalog.pg_identify_object(d.classid, d.objid, d.objsubid) AS o
	WHERE d.deptype IN ('a', 'i') AND o.type NOT IN ('toast table', 'default value')
),
obj AS (SELECT * FROM mem UNION SELECT * FROM part),
fn AS (
	SELECT m.obj, p.* FROM mem m JOIN pg_catalog.pg_proc p
		ON m.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass AND p.oid = m.objid
),
ty AS (
	SELECT o.obj, t.* FROM obj o JOIN pg_catalog.pg_type t
		ON o.classid = 'pg_catalog.pg_type'::pg_catalog.regclass AND t.oid = o.objid
),
rel AS (
	SELECT m.obj, c.* FROM mem m JOIN pg_catalog.pg_class c
		ON m.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND c.oid = m.objid
),
-- relations whose columns are shown: member tables, views, sequences and the relations of
-- member composite types (not the row types of tables: their columns are the table's)
cols AS (
	SELECT obj, oid AS relid FROM rel
	UNION ALL
	SELECT ty.obj, ty.typrelid FROM ty JOIN pg_catalog.pg_class c ON c.oid = ty.typrelid AND c.relkind = 'c'
),
line (obj, attr, val) AS (
	-- membership itself, so an object without other attributes still shows
	SELECT obj, 'member', 'extension' FROM mem
	UNION ALL SELECT obj, 'part of a member', 'yes' FROM part WHERE obj NOT IN (SELECT obj FROM mem)
	-- the extension's own row
	UNION ALL SELECT 'extension ' || extname, 'version', extversion FROM ext
	UNION ALL SELECT 'extension ' || extname, 'relocatable', extrelocatable::text FROM ext
	UNION ALL SELECT 'extension ' || extname, 'schema', pg_catalog.quote_ident(n.nspname)
		FROM ext JOIN pg_catalog.pg_namespace n ON n.oid = ext.extnamespace
	UNION ALL SELECT 'extension ' || extname, 'owner', pg_catalog.pg_get_userbyid(extowner) FROM ext
	UNION ALL SELECT 'extension ' || extname, 'config table ' || c.rel::pg_catalog.regclass::text,
		'condition ' || pg_catalog.quote_literal(c.cond)
		FROM ext CROSS JOIN LATERAL ROWS FROM (pg_catalog.unnest(ext.extconfig), pg_catalog.unnest(ext.extcondition)) AS c(rel, cond)
	UNION ALL SELECT 'extension ' || extname, 'comment', pg_catalog.obj_description(ext.oid, 'pg_extension') FROM ext
	-- rows of a configuration table that the extension installed (those its dump condition
	-- leaves out), one line per row
	UNION ALL SELECT 'table ' || c.rel::pg_catalog.regclass::text, 'extension row', r::text
		FROM ext CROSS JOIN LATERAL ROWS FROM (pg_catalog.unnest(ext.extconfig), pg_catalog.unnest(ext.extcondition)) AS c(rel, cond)
		CROSS JOIN LATERAL pg_catalog.unnest(pg_catalog.xpath('/table/row/r/text()', pg_catalog.query_to_xml(
			pg_catalog.format('SELECT t::text AS r FROM %s AS t WHERE NOT coalesce((%s), false)',
				c.rel::pg_catalog.regclass,
				CASE WHEN c.cond ~ '^\s*$' THEN 'false'
				     ELSE pg_catalog.regexp_replace(c.cond, '^\s*WHERE\s+', '', 'i') END),
			false, false, ''))) AS r
	-- functions, procedures and aggregates
	UNION ALL SELECT obj, a, v FROM fn CROSS JOIN LATERAL (VALUES
		('kind', prokind::text),
		('arguments', pg_catalog.pg_get_function_arguments(fn.oid)),
		('result', pg_catalog.pg_get_function_result(fn.oid)),
		('returns set', proretset::text),
		('variadic', pg_catalog.format_type(provariadic, NULL)),
		('language', (SELECT lanname::text FROM pg_catalog.pg_language WHERE oid = prolang)),
		('volatility', provolatile::text),
		('strict', proisstrict::text),
		('parallel', proparallel::text),
		('cost', procost::text),
		('rows', prorows::text),
		('security definer', prosecdef::text),
		('leakproof', proleakproof::text),
		('config', proconfig::text),
		('support', prosupport::pg_catalog.regprocedure::text),
		('library', probin),
		('source', prosrc),
		('sql body', CASE WHEN prosqlbody IS NOT NULL THEN pg_catalog.pg_get_function_sqlbody(fn.oid) END),
		('owner', pg_catalog.pg_get_userbyid(proowner)),
		('acl', proacl::text)) AS x(a, v)
	UNION ALL SELECT fn.obj, a, v FROM fn JOIN pg_catalog.pg_aggregate g ON g.aggfnoid = fn.oid
		CROSS JOIN LATERAL (VALUES
		('aggregate kind', aggkind::text),
		('direct arguments', aggnumdirectargs::text),
		('transition function', aggtransfn::pg_catalog.regprocedure::text),
		('final function', aggfinalfn::pg_catalog.regprocedure::text),
		('combine function', aggcombinefn::pg_catalog.regprocedure::text),
		('serial function', aggserialfn::pg_catalog.regprocedure::text),
		('deserial function', aggdeserialfn::pg_catalog.regprocedure::text),
		('moving transition function', aggmtransfn::pg_catalog.regprocedure::text),
		('moving inverse function', aggminvtransfn::pg_catalog.regprocedure::text),
		('moving final function', aggmfinalfn::pg_catalog.regprocedure::text),
		('final extra', aggfinalextra::text),
		('moving final extra', aggmfinalextra::text),
		('final modify', aggfinalmodify::text),
		('moving final modify', aggmfinalmodify::text),
		('sort operator', aggsortop::pg_catalog.regoperator::text),
		('state type', pg_catalog.format_type(aggtranstype, NULL)),
		('state space', aggtransspace::text),
		('moving state type', pg_catalog.format_type(aggmtranstype, NULL)),
		('moving state space', aggmtransspace::text),
		('initial value', agginitval),
		('moving initial value', aggminitval)) AS x(a, v)
	-- types (members and their array types)
	UNION ALL SELECT obj, a, v FROM ty CROSS JOIN LATERAL (VALUES
		('type kind', typtype::text),
		('length', typlen::text),
		('by value', typbyval::text),
		('alignment', typalign::text),
		('storage', typstorage::text),
		('category', typcategory::text),
		('preferred', typispreferred::text),
		('defined', typisdefined::text),
		('delimiter', typdelim::text),
		('element', pg_catalog.format_type(typelem, NULL)),
		('array type', pg_catalog.format_type(typarray, NULL)),
		('subscript', typsubscript::pg_catalog.regprocedure::text),
		('input', typinput::pg_catalog.regprocedure::text),
		('output', typoutput::pg_catalog.regprocedure::text),
		('receive', typreceive::pg_catalog.regprocedure::text),
		('send', typsend::pg_catalog.regprocedure::text),
		('typmod in', typmodin::pg_catalog.regprocedure::text),
		('typmod out', typmodout::pg_catalog.regprocedure::text),
		('analyze', typanalyze::pg_catalog.regprocedure::text),
		('not null', typnotnull::text),
		('base type', pg_catalog.format_type(typbasetype, NULL)),
		('typmod', typtypmod::text),
		('dimensions', typndims::text),
		('collation', (SELECT collname::text FROM pg_catalog.pg_collation WHERE oid = typcollation)),
		('default', typdefault),
		('owner', pg_catalog.pg_get_userbyid(typowner)),
		('acl', typacl::text)) AS x(a, v)
	UNION ALL SELECT obj, 'enum label ' || e.enumsortorder, e.enumlabel::text
		FROM ty JOIN pg_catalog.pg_enum e ON e.enumtypid = ty.oid
	UNION ALL SELECT ty.obj, 'domain constraint ' || c.conname, pg_catalog.pg_get_constraintdef(c.oid)
		FROM ty JOIN pg_catalog.pg_constraint c ON c.contypid = ty.oid
	-- relations: tables, views, materialized views, sequences
	UNION ALL SELECT obj, a, v FROM rel CROSS JOIN LATERAL (VALUES
		('relation kind', relkind::text),
		('persistence', relpersistence::text),
		('row security', relrowsecurity::text),
		('forced row security', relforcerowsecurity::text),
		('replica identity', relreplident::text),
		('options', reloptions::text),
		('owner', pg_catalog.pg_get_userbyid(relowner)),
		('acl', relacl::text),
		('row type', pg_catalog.format_type(reltype, NULL)),
		('definition', CASE WHEN relkind IN ('v', 'm') THEN pg_catalog.pg_get_viewdef(rel.oid) END)) AS x(a, v)
	-- columns, by position among the columns a SELECT * returns (a column added by an
	-- upgrade and one created in place give the same line)
	UNION ALL SELECT cols.obj, 'column ' || pg_catalog.row_number() OVER (PARTITION BY cols.obj ORDER BY a.attnum),
		pg_catalog.concat_ws(' ', pg_catalog.quote_ident(a.attname), pg_catalog.format_type(a.atttypid, a.atttypmod),
			CASE WHEN a.attnotnull THEN 'NOT NULL' END,
			'COLLATE ' || (SELECT pg_catalog.quote_ident(collname) FROM pg_catalog.pg_collation WHERE oid = a.attcollation),
			'DEFAULT ' || pg_catalog.pg_get_expr(ad.adbin, ad.adrelid),
			'IDENTITY ' || NULLIF(a.attidentity::text, ''), 'GENERATED ' || NULLIF(a.attgenerated::text, ''),
			'STORAGE ' || a.attstorage::text, 'STATISTICS ' || NULLIF(a.attstattarget, -1),
			'OPTIONS ' || (SELECT pg_catalog.string_agg(o, ',' ORDER BY o) FROM pg_catalog.unnest(a.attoptions) AS o
				WHERE o !~ '^pg_attver='),
			'ACL ' || a.attacl::text)
		FROM cols JOIN pg_catalog.pg_attribute a ON a.attrelid = cols.relid AND a.attnum > 0 AND NOT a.attisdropped
		LEFT JOIN pg_catalog.pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
	UNION ALL SELECT rel.obj, 'constraint ' || c.conname, pg_catalog.pg_get_constraintdef(c.oid)
		|| CASE WHEN c.condeferrable THEN ' DEFERRABLE' ELSE '' END || CASE WHEN c.convalidated THEN '' ELSE ' NOT VALID' END
		FROM rel JOIN pg_catalog.pg_constraint c ON c.conrelid = rel.oid
	UNION ALL SELECT rel.obj, 'index ' || i.indexrelid::pg_catalog.regclass::text,
		pg_catalog.pg_get_indexdef(i.indexrelid) || CASE WHEN i.indisclustered THEN ' CLUSTERED' ELSE '' END
		FROM rel JOIN pg_catalog.pg_index i ON i.indrelid = rel.oid
	UNION ALL SELECT rel.obj, 'trigger ' || t.tgname, pg_catalog.pg_get_triggerdef(t.oid) || ' ENABLED ' || t.tgenabled::text
		FROM rel JOIN pg_catalog.pg_trigger t ON t.tgrelid = rel.oid AND NOT t.tgisinternal
	UNION ALL SELECT rel.obj, 'policy ' || p.polname, pg_catalog.concat_ws(' ', p.polcmd,
			CASE WHEN p.polpermissive THEN 'PERMISSIVE' ELSE 'RESTRICTIVE' END,
			'TO ' || (SELECT pg_catalog.string_agg(CASE WHEN r = 0 THEN 'PUBLIC' ELSE pg_catalog.pg_get_userbyid(r)::text END,
				',' ORDER BY 1) FROM pg_catalog.unnest(p.polroles) AS r),
			'USING ' || pg_catalog.pg_get_expr(p.polqual, p.polrelid),
			'WITH CHECK ' || pg_catalog.pg_get_expr(p.polwithcheck, p.polrelid))
		FROM rel JOIN pg_catalog.pg_policy p ON p.polrelid = rel.oid
	UNION ALL SELECT rel.obj, 'rule ' || r.rulename, pg_catalog.pg_get_ruledef(r.oid)
		FROM rel JOIN pg_catalog.pg_rewrite r ON r.ev_class = rel.oid AND r.rulename <> '_RETURN'
	UNION ALL SELECT rel.obj, 'sequence', pg_catalog.concat_ws(' ', pg_catalog.format_type(s.seqtypid, NULL),
			s.seqstart, s.seqincrement, s.seqmax, s.seqmin, s.seqcache, s.seqcycle)
		FROM rel JOIN pg_catalog.pg_sequence s ON s.seqrelid = rel.oid
	-- operators, casts, operator classes and families
	UNION ALL SELECT m.obj, a, v FROM mem m JOIN pg_catalog.pg_operator o
		ON m.classid = 'pg_catalog.pg_operator'::pg_catalog.regclass AND o.oid = m.objid
		CROSS JOIN LATERAL (VALUES
		('operator kind', oprkind::text),
		('result', pg_catalog.format_type(oprresult, NULL)),
		('function', oprcode::pg_catalog.regprocedure::text),
		('commutator', oprcom::pg_catalog.regoperator::text),
		('negator', oprnegate::pg_catalog.regoperator::text),
		('restrict', oprrest::pg_catalog.regprocedure::text),
		('join', oprjoin::pg_catalog.regprocedure::text),
		('merges', oprcanmerge::text),
		('hashes', oprcanhash::text),
		('owner', pg_catalog.pg_get_userbyid(oprowner))) AS x(a, v)
	UNION ALL SELECT m.obj, a, v FROM mem m JOIN pg_catalog.pg_cast c
		ON m.classid = 'pg_catalog.pg_cast'::pg_catalog.regclass AND c.oid = m.objid
		CROSS JOIN LATERAL (VALUES
		('function', castfunc::pg_catalog.regprocedure::text),
		('context', castcontext::text),
		('method', castmethod::text)) AS x(a, v)
	UNION ALL SELECT m.obj, a, v FROM mem m JOIN pg_catalog.pg_opclass c
		ON m.classid = 'pg_catalog.pg_opclass'::pg_catalog.regclass AND c.oid = m.objid
		CROSS JOIN LATERAL (VALUES
		('input type', pg_catalog.format_type(opcintype, NULL)),
		('key type', pg_catalog.format_type(opckeytype, NULL)),
		('default', opcdefault::text),
		('family', (SELECT pg_catalog.quote_ident(opfname) FROM pg_catalog.pg_opfamily WHERE oid = opcfamily)),
		('owner', pg_catalog.pg_get_userbyid(opcowner))) AS x(a, v)
	UNION ALL SELECT m.obj, 'operator ' || o.amopstrategy || ' ' || pg_catalog.format_type(o.amoplefttype, NULL)
			|| ', ' || pg_catalog.format_type(o.amoprighttype, NULL),
		o.amopopr::pg_catalog.regoperator::text || ' ' || o.amoppurpose::text
			|| coalesce(' ORDER BY ' || (SELECT opfname::text FROM pg_catalog.pg_opfamily WHERE oid = o.amopsortfamily), '')
		FROM mem m JOIN pg_catalog.pg_amop o
		ON m.classid = 'pg_catalog.pg_opfamily'::pg_catalog.regclass AND o.amopfamily = m.objid
	UNION ALL SELECT m.obj, 'function ' || p.amprocnum || ' ' || pg_catalog.format_type(p.amproclefttype, NULL)
			|| ', ' || pg_catalog.format_type(p.amprocrighttype, NULL),
		p.amproc::pg_catalog.regprocedure::text
		FROM mem m JOIN pg_catalog.pg_amproc p
		ON m.classid = 'pg_catalog.pg_opfamily'::pg_catalog.regclass AND p.amprocfamily = m.objid
	UNION ALL SELECT m.obj, 'owner', pg_catalog.pg_get_userbyid(f.opfowner) FROM mem m JOIN pg_catalog.pg_opfamily f
		ON m.classid = 'pg_catalog.pg_opfamily'::pg_catalog.regclass AND f.oid = m.objid
	UNION ALL SELECT m.obj, a, v FROM mem m JOIN pg_catalog.pg_namespace n
		ON m.classid = 'pg_catalog.pg_namespace'::pg_catalog.regclass AND n.oid = m.objid
		CROSS JOIN LATERAL (VALUES
		('owner', pg_catalog.pg_get_userbyid(nspowner)),
		('acl', nspacl::text)) AS x(a, v)
	-- a member of any other catalog
	UNION ALL SELECT obj, 'UNHANDLED', 'no description of catalog ' || classid::pg_catalog.regclass::text FROM mem
		WHERE classid NOT IN ('pg_catalog.pg_proc'::pg_catalog.regclass, 'pg_catalog.pg_type'::pg_catalog.regclass,
			'pg_catalog.pg_class'::pg_catalog.regclass, 'pg_catalog.pg_operator'::pg_catalog.regclass,
			'pg_catalog.pg_cast'::pg_catalog.regclass, 'pg_catalog.pg_opclass'::pg_catalog.regclass,
			'pg_catalog.pg_opfamily'::pg_catalog.regclass, 'pg_catalog.pg_namespace'::pg_catalog.regclass)
	-- initial privileges (what pg_dump compares ACLs against) and comments, of members and parts
	UNION ALL SELECT o.obj, 'initial privileges' || CASE WHEN i.objsubid <> 0 THEN ' of column ' || i.objsubid ELSE '' END,
		i.privtype::text || ' ' || i.initprivs::text
		FROM obj o JOIN pg_catalog.pg_init_privs i ON i.classoid = o.classid AND i.objoid = o.objid
	UNION ALL SELECT o.obj, 'comment' || CASE WHEN d.objsubid <> 0 THEN ' on column ' || d.objsubid ELSE '' END,
		d.description
		FROM obj o JOIN pg_catalog.pg_description d ON d.classoid = o.classid AND d.objoid = o.objid
)
SELECT l FROM (
	SELECT line.obj || ' | ' || line.attr || CASE WHEN n.count > 1 THEN ' line ' || s.i ELSE '' END
		|| ' | ' || s.t
	FROM line
	CROSS JOIN LATERAL pg_catalog.regexp_split_to_table(line.val, E'\n') WITH ORDINALITY AS s(t, i)
	CROSS JOIN LATERAL (SELECT pg_catalog.count(*) FROM pg_catalog.regexp_split_to_table(line.val, E'\n')) AS n
	UNION ALL
	SELECT line.obj || ' | ' || line.attr || ' | (null)' FROM line WHERE line.val IS NULL
) AS out(l)
ORDER BY l COLLATE "C";
