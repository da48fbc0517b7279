-- test/dump/setup.sql: the database test/dump/run-check.sh dumps and restores.  The sample
-- data of the fuzzer (test/fuzz/schema.sql: events, and a daily_<type> table of states for
-- every state type of the extension), then materialized views over our state types and
-- results, values at the edges of every stored type and composite, and a user-edited RFM
-- segment map (when RFM is on main).
\i test/fuzz/schema.sql

-- one materialized view per state type: per-customer rollups of the daily states (or the
-- daily states themselves for a type without rollup)
DO $$
DECLARE
	t record;
BEGIN
	FOR t IN SELECT c.relname, substr(c.relname, 7) AS typname FROM pg_catalog.pg_class c
		WHERE c.relname LIKE 'daily\_%' AND c.relkind = 'r' ORDER BY 1 LOOP
		IF pg_catalog.to_regprocedure(pg_catalog.format('rollup(%I)', t.typname)) IS NOT NULL THEN
			EXECUTE pg_catalog.format('CREATE MATERIALIZED VIEW %I AS SELECT customer_id, rollup(state) AS state,'
				' count(*) AS days FROM %I GROUP BY customer_id', 'mv_' || t.typname, t.relname);
		ELSE
			EXECUTE pg_catalog.format('CREATE MATERIALIZED VIEW %I AS SELECT customer_id, day, state FROM %I',
				'mv_' || t.typname, t.relname);
		END IF;
	END LOOP;
END
$$;

-- values at the edges of every stored type (and format), typed in: the first and last valid
-- timestamps (text form "...TBC" for BC), counts adding up to the bigint maximum, sums at
-- the top and bottom of float8, the largest half-life
CREATE TABLE edge_states (id integer PRIMARY KEY, d decay_state, e engagement_score_state,
	n nps_state, c csat_state, r rfm_state);
INSERT INTO edge_states VALUES
	(1, 'half_life_us=1 events=9223372036854775807 latest=4714-11-24T00:00:00+00TBC sum=1.7976931348623157e308 correction=0',
	    'half_life_us=9223372036854775807 events=9223372036854775807 as_of=294276-12-31T23:59:59.999999+00 sum=5e-324 correction=-5e-324',
	    'promoters=9223372036854775807 passives=0 detractors=0',
	    'satisfied_min=10 n1=0 n2=0 n3=0 n4=0 n5=0 n6=0 n7=0 n8=0 n9=0 n10=9223372036854775807',
	    'purchases=9223372036854775807 days=1 total=1.7976931348623157e308 first=4714-11-24T00:00:00+00TBC last=4714-11-24T23:59:59.999999+00TBC'),
	(2, 'half_life_us=9223372036854775807 events=0 latest=294276-12-31T23:59:59.999999+00 sum=0 correction=0',
	    'half_life_us=1 events=0 as_of=4714-11-24T00:00:00+00TBC sum=0 correction=0',
	    'promoters=0 passives=0 detractors=0',
	    'satisfied_min=0 n1=0 n2=0 n3=0 n4=0 n5=0 n6=0 n7=0 n8=0 n9=0 n10=0',
	    'purchases=2 days=-1 total=0 first=4714-11-24T00:00:00+00TBC last=294276-12-31T23:59:59.999999+00'),
	(3, 'half_life_us=86400000000 events=2 latest=294276-12-31T23:59:59.999999+00 sum=5e-324 correction=0',
	    'half_life_us=86400000000 events=1 as_of=2000-01-01T00:00:00+00 sum=1.7976931348623157e308 correction=0',
	    'promoters=3074457345618258602 passives=3074457345618258602 detractors=3074457345618258603',
	    'satisfied_min=1 n1=922337203685477580 n2=922337203685477580 n3=922337203685477580 n4=922337203685477580 n5=922337203685477580 n6=922337203685477580 n7=922337203685477580 n8=922337203685477580 n9=922337203685477580 n10=922337203685477587',
	    'purchases=0 days=0 total=0 first=2000-01-01T00:00:00+00 last=2000-01-01T00:00:00+00'),
	-- rfm_state format 2 (rfm_agg with a zone): local days at both ends of the range
	(4, NULL, NULL, NULL, NULL,
	    'purchases=2 days=2 total=3 first=4714-11-25T12:00:00+00TBC last=294276-12-31T23:59:59.999999+00 first_day=4714-11-26TBC last_day=294276-12-31'),
	(5, NULL, NULL, NULL, NULL,
	    'purchases=0 days=0 total=0 first=2000-01-01T00:00:00+00 last=2000-01-01T00:00:00+00 first_day=2000-01-01 last_day=2000-01-01');

-- every composite type of ours, from its function: session_summary, stage_transition[]
-- and lifecycle_period[] over the whole timestamp range (spans past 2^63 microseconds),
-- btyd_summary of the sample data, the two models fitted to the CDNOW summary
-- (test/data/README.md)
CREATE TEMP TABLE cdnow (id integer, x integer, t_x float8, t float8, zbar float8);
\copy cdnow FROM 'test/data/cdnow_customers_summary_with_transactions.csv' WITH (FORMAT csv, HEADER)
CREATE TABLE edge_composites AS
SELECT (SELECT session_stats(ts, '1 day') FROM (VALUES (timestamptz '4714-11-24 00:00:00+00 BC'),
		('294276-12-31 23:59:59.999999+00')) v(ts)) AS sessions,
	(SELECT stage_transitions(ts, stage, '1 day') FROM (VALUES (timestamptz '4714-11-24 00:00:00+00 BC', 'a'),
		('294276-12-31 23:59:59.999999+00', 'b')) v(ts, stage)) AS transitions,
	(SELECT lifecycle(ts, '1 week', '294276-12-31 23:59:59.999999+00') FROM (VALUES
		(timestamptz '4714-11-24 12:00:00+00 BC'), ('294276-12-31 12:00:00+00')) v(ts)) AS lifecycle,
	(SELECT btyd_summary(ts, amount, '2024-05-01 00:00:00+00', '7 days') FROM events WHERE customer_id = 1) AS btyd,
	(SELECT bgnbd_fit(x, t_x, t) FROM cdnow) AS bgnbd,
	(SELECT gamma_gamma_fit(x, zbar) FROM cdnow WHERE x > 0) AS gamma_gamma;
DROP TABLE cdnow;

-- a user map: the default grid copied under a new name and edited, as README suggests
DO $$
BEGIN
	IF pg_catalog.to_regclass('rfm_segment_map') IS NOT NULL THEN
		INSERT INTO rfm_segment_map (map_name, priority, segment, r_lo, r_hi, f_lo, f_hi, m_lo, m_hi, fm_lo, fm_hi)
		SELECT 'mine', priority, CASE WHEN segment = 'Champions' THEN 'Our Stars' ELSE segment END,
		       r_lo, r_hi, f_lo, f_hi, m_lo, m_hi, fm_lo, fm_hi
		FROM rfm_segment_map WHERE map_name = 'rfm_grid';
		CREATE MATERIALIZED VIEW mv_segments AS
		SELECT r, f, m, rfm_segment(r, f, m, 'mine') AS mine, rfm_segment(r, f, m) AS grid
		FROM generate_series(1, 5) AS r, generate_series(1, 5) AS f, generate_series(1, 5) AS m;
		CREATE MATERIALIZED VIEW mv_customer_segments AS
		SELECT customer_id, customer_segment(state, timestamptz '2024-05-01 00:00:00+00') AS segment
		FROM mv_rfm_state;
	END IF;
END
$$;
