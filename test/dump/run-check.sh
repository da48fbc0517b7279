#!/usr/bin/env bash
# test/dump/run-check.sh: pg_dump / pg_restore of a database holding our state types in
# tables and materialized views, values at the edges of every stored type and composite
# (test/dump/setup.sql), and a user-edited RFM segment map.  The restored database must
# give identical contents (every table and view, as text, and as binary COPY bytes), the
# user's map rows exactly once and the built-in ones untouched, and the same again after
# REFRESH MATERIALIZED VIEW; binary COPY out and back in must give the same bytes.  Both
# the custom format (pg_restore) and the plain SQL format (psql) are tried.  Prints
# "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/../.."

# shellcheck source=scripts/lib/tally.sh
. scripts/lib/tally.sh
bindir=$(psql -XAt -d postgres -c "SELECT setting FROM pg_catalog.pg_config WHERE name = 'BINDIR'")
dir=$(mktemp -d /tmp/engagement-dump.XXXXXX)
chmod 777 "$dir"
trap 'rm -rf "$dir"' EXIT
for db in eng_dump_src eng_dump_custom eng_dump_plain; do
	psql -qXAt -d postgres -c "DROP DATABASE IF EXISTS $db" 2>/dev/null
	psql -qXAt -d postgres -c "CREATE DATABASE $db" || { echo "0 passed, 1 failed"; exit 1; }
done
fingerprint() { psql -qXAt -v ON_ERROR_STOP=1 -d "$1" -f test/dump/fingerprint.sql 2>&1; }

psql -qX -v ON_ERROR_STOP=1 -d eng_dump_src -c 'CREATE EXTENSION engagement' -f test/dump/setup.sql \
	>"$dir/setup.log" 2>&1 || { cat "$dir/setup.log"; echo "0 passed, 1 failed"; exit 1; }
before=$(fingerprint eng_dump_src)
echo "$before" | awk -F'|' '{ printf "   %s (%s): %s rows\n", $1, $2, $3 }'
check "the source database has state tables and materialized views" \
	"$(echo "$before" | grep -q '^mv_nps_state|m|' && echo "$before" | grep -q '^daily_csat_state|r|' && echo t || echo "$before")"

"$bindir/pg_dump" -Fc -d eng_dump_src -f "$dir/dump.custom" 2>"$dir/dump.err"
check "pg_dump -Fc succeeds" "$([ -s "$dir/dump.custom" ] && [ ! -s "$dir/dump.err" ] && echo t || cat "$dir/dump.err")"
"$bindir/pg_restore" --exit-on-error -d eng_dump_custom "$dir/dump.custom" 2>"$dir/restore.err"
check "pg_restore succeeds (materialized views refreshed with search_path = '')" \
	"$([ ! -s "$dir/restore.err" ] && echo t || cat "$dir/restore.err")"
after=$(fingerprint eng_dump_custom)
check "restored contents are identical (custom format)" \
	"$([ "$before" = "$after" ] && echo t || diff <(echo "$before") <(echo "$after"))"

"$bindir/pg_dump" -Fp -d eng_dump_src -f "$dir/dump.sql" 2>"$dir/dump.err"
psql -qX -v ON_ERROR_STOP=1 -d eng_dump_plain -f "$dir/dump.sql" >/dev/null 2>"$dir/restore.err"
check "plain-format dump restores with psql" "$([ ! -s "$dir/restore.err" ] && echo t || cat "$dir/restore.err")"
after=$(fingerprint eng_dump_plain)
check "restored contents are identical (plain format)" \
	"$([ "$before" = "$after" ] && echo t || diff <(echo "$before") <(echo "$after"))"

# binary COPY: every table and materialized view, rows in text order, gives the same bytes
# from both restored databases as from the source; and in the restored database those
# bytes, copied into an empty table of the same columns, give the same bytes again.
# Binary composite values carry their type's OID, which differs between databases (and
# record_recv refuses a foreign one), so relations with composite columns are compared
# across databases as text only (above), and copied out and in within one database.
bincopy() { psql -qXAt -d "$1" -c "COPY (SELECT * FROM $2 AS t ORDER BY t::text) TO STDOUT (FORMAT binary)" | md5sum | cut -d' ' -f1; }
rels=$(psql -qXAt -d eng_dump_src -c "SELECT c.relname || ':' || EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a
		JOIN pg_catalog.pg_type ty ON ty.oid = a.atttypid LEFT JOIN pg_catalog.pg_type el ON el.oid = ty.typelem
		WHERE a.attrelid = c.oid AND a.attnum > 0 AND 'c' IN (ty.typtype, el.typtype))
	FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace s ON s.oid = c.relnamespace AND s.nspname = 'public'
	WHERE c.relkind IN ('r', 'm') ORDER BY 1")
restored=""
reloaded=""
for rc in $rels; do
	r=${rc%:*}
	src=$(bincopy eng_dump_src "$r")
	if [ "${rc#*:}" = false ]; then
		{ [ "$src" = "$(bincopy eng_dump_custom "$r")" ] && [ "$src" = "$(bincopy eng_dump_plain "$r")" ]; } || restored="$restored $r"
	fi
	psql -qXAt -d eng_dump_plain -c "COPY (SELECT * FROM $r AS t ORDER BY t::text) TO STDOUT (FORMAT binary)" >"$dir/$r.bin"
	psql -qXAt -v ON_ERROR_STOP=1 -d eng_dump_plain -c "CREATE TABLE bincopy_$r (LIKE $r)" \
		-c "\\copy bincopy_$r FROM '$dir/$r.bin' (FORMAT binary)" >/dev/null 2>>"$dir/bincopy.err"
	[ "$(bincopy eng_dump_plain "$r")" = "$(bincopy eng_dump_plain "bincopy_$r")" ] || reloaded="$reloaded $r"
	psql -qXAt -d eng_dump_plain -c "DROP TABLE IF EXISTS bincopy_$r"
done
check "binary COPY of every table and materialized view without composite columns ($(echo "$rels" | grep -c ':false')) is byte-identical after pg_restore and after psql restore" \
	"$([ -z "$restored" ] && echo t || echo "differs:$restored")"
check "binary COPY out and back in gives the same bytes for every table and materialized view ($(echo "$rels" | wc -l))" \
	"$([ -z "$reloaded" ] && [ ! -s "$dir/bincopy.err" ] && echo t || { echo "differs:$reloaded"; cat "$dir/bincopy.err"; })"
check "the edge values of every stored type and every composite type are in the dump" \
	"$(psql -qXAt -d eng_dump_custom -c "SELECT (SELECT count(*) FROM edge_states) = 5 AND (SELECT count(*) FROM edge_states WHERE r::text LIKE '%first_day=%') = 2 AND (SELECT count(*) FROM edge_composites) = 1
		AND (SELECT (transitions[3]).dwell = interval '109203526 days 23:59:59.999999' AND bgnbd IS NOT NULL FROM edge_composites)")"

if psql -qXAt -d eng_dump_custom -c "SELECT to_regclass('rfm_segment_map')" | grep -q .; then
	check "the user's map rows are restored once, the built-in rows stay as installed" "$(psql -qXAt -d eng_dump_custom -c "
		SELECT (SELECT count(*) FROM rfm_segment_map WHERE map_name = 'mine')
		     = (SELECT count(*) FROM rfm_segment_map WHERE map_name = 'rfm_grid')
		   AND (SELECT count(*) FROM rfm_segment_map WHERE builtin)
		     = (SELECT count(*) FROM rfm_segment_map WHERE builtin AND map_name <> 'mine')
		   AND (SELECT count(*) FROM rfm_segment_map WHERE builtin) > 0")"
fi
psql -qXAt -d eng_dump_custom -c "SELECT format('REFRESH MATERIALIZED VIEW %s;', oid::regclass) FROM pg_class
	WHERE relkind = 'm' ORDER BY relname" | psql -qXAt -v ON_ERROR_STOP=1 -d eng_dump_custom >/dev/null 2>"$dir/refresh.err"
after=$(fingerprint eng_dump_custom)
check "REFRESH after restore gives identical contents" \
	"$([ "$before" = "$after" ] && [ ! -s "$dir/refresh.err" ] && echo t || { cat "$dir/refresh.err"; diff <(echo "$before") <(echo "$after"); })"

if [ "$fail" = 0 ]; then
	for db in eng_dump_src eng_dump_custom eng_dump_plain; do psql -qXAt -d postgres -c "DROP DATABASE $db"; done
fi
tally
