-- test/pgtap/state_io.sql: every state type of the extension round-trips exactly through
-- its text form and its binary form (COPY ... FORMAT binary uses send/receive), and every
-- base type of the extension has a sample here (so a new state type cannot skip this test;
-- not their implicit array types, typcategory 'A', extension members from PostgreSQL 17 on).
BEGIN;
SELECT plan(4);

-- one row per sample value: its type name and the value as text (built by the aggregates)
CREATE TEMP TABLE samples (typ text, val text);
INSERT INTO samples
SELECT 'nps_state', nps_agg(s)::text FROM generate_series(0, 10) s
UNION ALL SELECT 'nps_state', nps_agg(s)::text FROM (VALUES (10), (10), (3)) v(s)
UNION ALL SELECT 'csat_state', csat_agg(s)::text FROM generate_series(1, 5) s
UNION ALL SELECT 'csat_state', csat_agg(s, 9)::text FROM generate_series(1, 10) s;
-- optional families: their samples join in once their types exist
DO $$
BEGIN
	IF to_regtype('decay_state') IS NOT NULL THEN
		EXECUTE $q$INSERT INTO samples
			SELECT 'decay_state', decay_agg(ts, w, interval '7 days')::text
			FROM (VALUES (timestamptz '2024-01-01', 1.0::float8), (timestamptz '2024-03-01 12:34:56.789+00', 2.5),
			             (timestamptz '1999-12-31 23:59:59.999999+00', 1e-300)) v(ts, w)$q$;
	END IF;
	IF to_regtype('engagement_score_state') IS NOT NULL THEN
		EXECUTE $q$INSERT INTO samples
			SELECT 'engagement_score_state',
			       engagement_score_trans(engagement_score_trans(NULL, timestamptz '2024-01-01', 1.0, interval '7 days', timestamptz '2024-02-01 00:00:00.5+00'),
			                            timestamptz '1999-12-31 23:59:59.999999+00', 0.3, interval '7 days', timestamptz '2024-02-01 00:00:00.5+00')::text$q$;
	END IF;
	IF to_regtype('rfm_state') IS NOT NULL THEN
		EXECUTE $q$INSERT INTO samples
			SELECT 'rfm_state', rfm_agg(ts, a)::text
			FROM (VALUES (timestamptz '2024-01-01', 10.5::numeric), (timestamptz '2024-01-01 18:00+00', 0.1),
			             (timestamptz '2024-05-03 00:00:00.000001+00', 99999.99)) v(ts, a)$q$;
	END IF;
	-- partial_state (the *_dist aggregates): one state of several kinds, each made by its
	-- transition function called as a plain function
	IF to_regtype('partial_state') IS NOT NULL THEN
		EXECUTE $q$INSERT INTO samples VALUES
			('partial_state', rfm_agg_dist_trans(rfm_agg_dist_trans(NULL, timestamptz '2024-01-01', 10.5),
				timestamptz '2024-05-03 00:00:00.000001+00', 0.1)::text),
			('partial_state', session_stats_dist_trans(NULL, timestamptz '2024-01-01', interval '30 minutes')::text),
			('partial_state', window_funnel_dist_trans(NULL, interval '1 day', timestamptz '2024-01-01',
				ARRAY[true, false])::text),
			('partial_state', retention_dist_trans(NULL, ARRAY[true, false, true])::text),
			('partial_state', bgnbd_fit_dist_trans(NULL, 2, 3, 4)::text)$q$;
	END IF;
END $$;

SELECT is_empty($$
	SELECT t.typname FROM pg_catalog.pg_type t
	JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_type'::regclass AND d.objid = t.oid
	JOIN pg_catalog.pg_extension e ON d.refobjid = e.oid AND d.deptype = 'e'
	WHERE e.extname = 'engagement' AND t.typtype = 'b' AND t.typcategory <> 'A'
	  AND t.typname NOT IN (SELECT typ FROM samples)$$,
	'every base type of the extension has a round-trip sample');

SELECT is_empty($$SELECT typ, val FROM samples WHERE val IS NULL$$,
	'every sample was built');

-- text: value -> text -> value -> text is the identity
CREATE FUNCTION pg_temp.text_roundtrip(typ text, val text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE r text;
BEGIN
	EXECUTE format('SELECT (%L::%s)::text', val, typ) INTO r;
	RETURN r;
END $$;
SELECT is_empty($$SELECT typ, val FROM samples WHERE pg_temp.text_roundtrip(typ, val) <> val$$,
	'text output reads back to the same value');

-- binary: COPY out and in with FORMAT binary, one table per type
CREATE FUNCTION pg_temp.binary_roundtrip_mismatches() RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
	t text;
	n bigint := 0;
	m bigint;
	-- in the throwaway cluster's data directory, removed with it (not left in /tmp)
	f text := pg_catalog.current_setting('data_directory') || '/engagement_state_io_' || pg_backend_pid() || '.bin';
BEGIN
	FOR t IN SELECT DISTINCT typ FROM samples LOOP
		EXECUTE format('CREATE TEMP TABLE rt_src AS SELECT row_number() OVER () AS i, val::%s AS v FROM samples WHERE typ = %L', t, t);
		EXECUTE format('COPY rt_src TO %L WITH (FORMAT binary)', f);
		EXECUTE format('CREATE TEMP TABLE rt_dst (i bigint, v %s)', t);
		EXECUTE format('COPY rt_dst FROM %L WITH (FORMAT binary)', f);
		EXECUTE 'SELECT count(*) FROM rt_src s FULL JOIN rt_dst d USING (i) WHERE s.v::text IS DISTINCT FROM d.v::text' INTO m;
		n := n + m;
		DROP TABLE rt_src;
		DROP TABLE rt_dst;
	END LOOP;
	RETURN n;
END $$;
SELECT is(pg_temp.binary_roundtrip_mismatches(), 0::bigint, 'binary send/receive reads back to the same value');

SELECT * FROM finish();
ROLLBACK;
