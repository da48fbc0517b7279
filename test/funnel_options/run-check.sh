#!/usr/bin/env bash
# test/funnel_options/run-check.sh: window_funnel / funnel_times / funnel_breakdown with jsonb
# options (optional steps included), and the
# window_funnel modes strict_order / allow_reentry / strict_deduplication, against the
# independent brute-force references of reference.py on thousands of random small groups
# (ties, repeated steps, rows matching several conditions, NULL timestamps, conditions and
# keys).  Each configuration is checked serially, with parallel plans forced, partitionwise,
# and with the rows inserted in the opposite order.  Prints "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/../.."

# shellcheck source=scripts/lib/tally.sh
. scripts/lib/tally.sh
groups=${ENG_FUNNEL_OPTIONS_GROUPS:-150}
db=eng_funnel_options
dir=$(mktemp -d /tmp/engagement-funnel-options.XXXXXX)
trap 'rm -rf "$dir"' EXIT
psql -qXAt -d postgres -c "DROP DATABASE IF EXISTS $db" 2>/dev/null
psql -qXAt -d postgres -c "CREATE DATABASE $db" && psql -qXAt -d $db -c "CREATE EXTENSION engagement" ||
	{ echo "0 passed, 1 failed"; exit 1; }
python3 test/funnel_options/reference.py 20261128 "$groups" "$dir" || { echo "0 passed, 1 failed"; exit 1; }

sql() { psql -qXAt -v ON_ERROR_STOP=1 -d $db "$@" 2>&1; }
sql <<EOF >"$dir/load.log"
SET timezone = 'UTC';
CREATE TABLE cfgs (cfg int PRIMARY KEY, kind text, win int, opt text, nconds int, keyed bool);
CREATE TABLE rows_a (cfg int, g int, t int, c bool[], k text);
\copy cfgs FROM '$dir/cfgs.tsv'
\copy rows_a FROM '$dir/rows.tsv'
CREATE TABLE expected (cfg int, g int, level int, times text, secs float8);
\copy expected FROM '$dir/expected.tsv'
-- the same rows inserted in the opposite order, and hash-partitioned on the group
CREATE TABLE rows_b AS SELECT * FROM (SELECT *, row_number() OVER () AS rn FROM rows_a) s ORDER BY rn DESC;
CREATE TABLE rows_p (cfg int, g int, t int, c bool[], k text) PARTITION BY HASH (g);
CREATE TABLE rows_p0 PARTITION OF rows_p FOR VALUES WITH (MODULUS 3, REMAINDER 0);
CREATE TABLE rows_p1 PARTITION OF rows_p FOR VALUES WITH (MODULUS 3, REMAINDER 1);
CREATE TABLE rows_p2 PARTITION OF rows_p FOR VALUES WITH (MODULUS 3, REMAINDER 2);
INSERT INTO rows_p SELECT * FROM rows_a;
ANALYZE;
-- results as minute offsets from 2024-01-01, the references' unit; options and window
-- come from a joined column, so later rows take the compare path of the options cache
CREATE FUNCTION mins(a timestamptz[]) RETURNS text LANGUAGE sql IMMUTABLE AS \$\$
  SELECT '{' || string_agg(coalesce((extract(epoch FROM x - timestamptz '2024-01-01 00:00+00') / 60)::int::text, 'NULL'), ',' ORDER BY i) || '}'
  FROM unnest(a) WITH ORDINALITY u(x, i) \$\$;
CREATE FUNCTION results(tbl regclass) RETURNS TABLE (cfg int, g int, level int, times text, secs float8)
LANGUAGE plpgsql AS \$\$
BEGIN
  RETURN QUERY EXECUTE format(\$q\$
  SELECT cfg, g, lv, mins(tm),
         CASE WHEN lv > 0 THEN funnel_seconds(tm, 1, lv) END
  FROM (
    SELECT r.cfg, r.g,
           window_funnel(make_interval(mins => c.win), c.opt::jsonb, timestamptz '2024-01-01 00:00+00' + r.t * interval '1 minute', VARIADIC r.c) AS lv,
           funnel_times(make_interval(mins => c.win), c.opt::jsonb, timestamptz '2024-01-01 00:00+00' + r.t * interval '1 minute', VARIADIC r.c) AS tm
    FROM %1\$s r JOIN cfgs c USING (cfg) WHERE c.kind = 'opt' AND NOT c.keyed GROUP BY r.cfg, r.g
    UNION ALL
    SELECT r.cfg, r.g,
           window_funnel(make_interval(mins => c.win), c.opt::jsonb, timestamptz '2024-01-01 00:00+00' + r.t * interval '1 minute', r.k, VARIADIC r.c),
           funnel_times(make_interval(mins => c.win), c.opt::jsonb, timestamptz '2024-01-01 00:00+00' + r.t * interval '1 minute', r.k, VARIADIC r.c)
    FROM %1\$s r JOIN cfgs c USING (cfg) WHERE c.kind = 'opt' AND c.keyed GROUP BY r.cfg, r.g) s
  UNION ALL
  SELECT r.cfg, r.g,
         window_funnel(make_interval(mins => c.win), c.opt, timestamptz '2024-01-01 00:00+00' + r.t * interval '1 minute', VARIADIC r.c),
         NULL, NULL
  FROM %1\$s r JOIN cfgs c USING (cfg) WHERE c.kind = 'mode' GROUP BY r.cfg, r.g
  UNION ALL
  SELECT r.cfg, r.g, NULL,
         funnel_breakdown(make_interval(mins => c.win), c.opt::jsonb, timestamptz '2024-01-01 00:00+00' + r.t * interval '1 minute', r.k, VARIADIC r.c),
         NULL
  FROM %1\$s r JOIN cfgs c USING (cfg) WHERE c.kind = 'bd' GROUP BY r.cfg, r.g
  \$q\$, tbl);
END \$\$;
EOF
check "load the reference data" "$(grep -q ERROR "$dir/load.log" && cat "$dir/load.log" || echo t)"

# compare QUERY_SETTINGS TABLE LABEL: every group's level, times and seconds equal the reference
compare() {
	local out
	out=$(sql -c "$1" -c "SELECT count(*), count(*) FILTER (WHERE e.level IS NOT DISTINCT FROM r.level
	                   AND (e.times IS NOT DISTINCT FROM r.times OR c.kind = 'mode')
	                   AND (e.secs IS NOT DISTINCT FROM r.secs OR c.kind = 'mode'))
	      FROM expected e JOIN cfgs c USING (cfg) LEFT JOIN results('$2') r USING (cfg, g)")
	local total=${out%%|*} good=${out##*|}
	if [ "$total" -gt 0 ] && [ "$total" = "$good" ]; then
		check "$3: $total groups equal the brute-force reference" t
	else
		check "$3: groups equal the brute-force reference" "$out; first differences: $(sql -c "$1" -c "
		  SELECT e.cfg, c.opt, e.g, e.level, r.level, e.times, r.times, e.secs, r.secs
		  FROM expected e JOIN cfgs c USING (cfg) LEFT JOIN results('$2') r USING (cfg, g)
		  WHERE e.level IS DISTINCT FROM r.level OR (c.kind = 'opt' AND (e.times IS DISTINCT FROM r.times OR e.secs IS DISTINCT FROM r.secs))
		  ORDER BY 1, 3 LIMIT 5")"
	fi
}
compare "SET max_parallel_workers_per_gather = 0" rows_a "serial"
compare "SET max_parallel_workers_per_gather = 0" rows_b "serial, rows in the opposite order"
pguc=$(psql -qXAt -d $db -c "SELECT CASE WHEN current_setting('server_version_num')::int >= 160000 THEN 'debug_parallel_query' ELSE 'force_parallel_mode' END")
compare "SET $pguc = on; SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0; SET max_parallel_workers_per_gather = 2" rows_a "forced parallel"
compare "SET enable_partitionwise_aggregate = on; SET max_parallel_workers_per_gather = 0" rows_p "partitionwise"
check "the forced-parallel run used parallel workers" "$(sql -c "SET $pguc = on" -c "SET parallel_setup_cost = 0" -c "SET parallel_tuple_cost = 0" -c "SET min_parallel_table_scan_size = 0" -c "EXPLAIN (COSTS OFF) SELECT g, window_funnel('1 hour', '{}'::jsonb, now(), VARIADIC c) FROM rows_a GROUP BY g" | grep -q 'Partial\|Gather' && echo t || echo 'no parallel plan')"

psql -qXAt -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1
tally
