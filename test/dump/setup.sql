-- test/dump/setup.sql: the database test/dump/run-check.sh dumps and restores.  The sample
-- data of the fuzzer (test/fuzz/schema.sql: events, and a daily_<type> table of states for
-- every state type of the extension), then materialized views over our state types and
-- results, and a user-edited RFM segment map (when RFM is on main).
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
