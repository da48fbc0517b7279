#!/usr/bin/env bash
# test/readme/run-check.sh: every SQL block of README.md runs, as a superuser, against the
# fixture (test/readme/fixture.sql) with near-match functions planted in public by an
# untrusted role that may CREATE there (test/readme/plant.sql: for every function and
# aggregate of ours, the identical signature and one near match per argument and type).
# The blocks come from README.md itself (test/readme/extract.py), so text and test cannot
# diverge; each database is set up the same way: schema app (the README's setup block puts
# the extension and the tables there), the fixture, then the plants.
#   recommended    search_path = app: no schema others can write to (README, Security).
#                  Every block runs without error and no planted function runs.
#   trusted_first  search_path = app, public: ours first, the writable public last.  Every
#                  block still runs without error and no planted function runs, because
#                  every call in the README matches a signature of ours exactly (typed
#                  literals, the exact-type overloads, float8 btyd_summary.x)...
#                  ... but a call with an untyped interval literal or an integer where we
#                  take float8 is captured there: the README's warning is true.
#   unsafe         search_path = public, app, with only the identical twins planted: the
#                  harness sees captures, for every function of ours that a README block
#                  calls (so each of those calls also ran on the fixture).
#   zones          (copies of the recommended database, made before its blocks run) every
#                  block again, each session connected with TimeZone UTC, America/Los_Angeles
#                  or Asia/Kolkata (PGTZ), every query evaluated in that zone and printed in
#                  UTC (test/readme/zone.py: a held cursor fetched under SET TimeZone = 'UTC',
#                  so a timestamptz shown differently is not counted as a difference, a
#                  different instant, day, group or text is): the outputs must be identical
#                  byte for byte, and every query must return rows.  The fixture straddles DST
#                  changes, month and year ends; test/readme/zone-selftest.sql holds the
#                  session-dependent forms the recipes used before, and each of them must
#                  print differently under the three zones (the check can fail).
# Also: the README's quoted RFM segment counts come out of its own recipe.
# Prints "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/../.."

# shellcheck source=scripts/lib/tally.sh
. scripts/lib/tally.sh
# shellcheck source=test/readme/lib.sh
. test/readme/lib.sh

work=$(mktemp -d /tmp/engagement-readme.XXXXXX)
chmod 755 "$work"
trap 'rm -rf "$work"' EXIT
sq() { psql -qXAt -d "$1" -c "$2" 2>&1; }

out=$(readme_extract "$work/blocks" 2>&1)
check "README.md: every fenced block runs or carries a skip marker with a reason" "$([ -z "$out" ] && echo t || echo "$out")"
echo "   blocks: $(cut -f3 "$work/blocks/manifest.tsv" | sort | uniq -c | awk '{printf "%s %s, ", $1, $2}')"

sq postgres "DROP ROLE IF EXISTS eng_readme_attacker" >/dev/null
zones=(UTC America/Los_Angeles Asia/Kolkata)
# zonedb ZONE: the database of the zone run
zonedb() { echo "eng_readme_zone_$(echo "${1##*/}" | tr 'A-Z' 'a-z')"; }
for mode in recommended trusted_first unsafe; do sq postgres "DROP DATABASE IF EXISTS eng_readme_$mode" >/dev/null; done
for z in "${zones[@]}"; do sq postgres "DROP DATABASE IF EXISTS $(zonedb "$z")" >/dev/null; done
sq postgres "CREATE ROLE eng_readme_attacker LOGIN" >/dev/null

# prepare MODE PATH SET: a database with the README's setup, the fixture and the plants
# (plant.sql's plant_set: all or identical), whose later sessions use search_path PATH
prepare() {
	local db=eng_readme_$1 out
	sq postgres "CREATE DATABASE $db" >/dev/null
	sq "$db" "CREATE SCHEMA app; GRANT USAGE ON SCHEMA app TO PUBLIC;
		GRANT CREATE ON SCHEMA public TO eng_readme_attacker; ALTER DATABASE $db SET search_path = app" >/dev/null
	out=$(readme_setup "$db" "$work/blocks") || { echo "$out"; return 1; }
	out=$(psql -qX -v ON_ERROR_STOP=1 -v plant_set="$3" -U eng_readme_attacker -d "$db" -f test/readme/plant.sql 2>&1) ||
		{ echo "$out"; return 1; }
	echo "$out" | grep -o 'planted [0-9]*' | sed "s/^/   $1: /"
	sq "$db" "ALTER DATABASE $db SET search_path = $2" >/dev/null
}
# failed_blocks RES: "t" if every line of readme_run's output RES is ok, else the failures
failed_blocks() {
	echo "$1" | awk -F'\t' '$3 != "ok" { bad = bad "block " $1 " (line " $2 "): " $4 "; " } END { print bad == "" ? "t" : bad }'
}
# captured LOGDIR: the planted functions that ran, one per line
captured() { cat "$1"/*.err 2>/dev/null | grep -o 'readme-plant ran: .*' | sed 's/^readme-plant ran: //' | sort -u; }

for mode in recommended trusted_first; do
	path=app
	[ $mode = trusted_first ] && path='app, public'
	out=$(prepare $mode "$path" all)
	check "$mode: setup block, fixture and plants in place" "$(echo "$out" | grep -q '^   .*planted [0-9]\{3,\}' && echo t || echo "$out" | head -10)"
	echo "$out" | grep '^   '
	if [ $mode = recommended ]; then
		for z in "${zones[@]}"; do
			sq postgres "CREATE DATABASE $(zonedb "$z") TEMPLATE eng_readme_recommended" >/dev/null
			sq postgres "ALTER DATABASE $(zonedb "$z") SET search_path = app" >/dev/null
		done
	fi
	res=$(readme_run eng_readme_$mode "$work/blocks" "$work/$mode")
	echo "   $mode: $(echo "$res" | grep -c $'\tok\t') of $(echo "$res" | wc -l) blocks ran"
	check "$mode (search_path = $path): every README SQL block runs without error" \
		"$(failed_blocks "$res")"
	check "$mode (search_path = $path): no planted function ran" \
		"$(c=$(captured "$work/$mode"); [ -z "$c" ] && echo t || echo "$c" | head -20)"
done

# the README's warning holds: near matches capture non-exact calls even with ours first
out=$(psql -qX -d eng_readme_trusted_first -c "SELECT window_funnel('1 day', ts, event_type = 'visit',
	event_type = 'purchase') FROM events GROUP BY customer_id LIMIT 1" -c "SELECT bgnbd_expected_purchases(bg, 52) FROM clv_models" 2>&1)
check "trusted_first: an untyped '1 day' for our interval argument runs a planted function" \
	"$(echo "$out" | grep -q 'readme-plant ran: window_funnel(text, ' && echo t || echo "$out" | head -5)"
check "trusted_first: an integer literal for our float8 argument runs a planted function" \
	"$(echo "$out" | grep -q 'readme-plant ran: bgnbd_expected_purchases([a-z.]*bgnbd_model, integer)' && echo t || echo "$out" | head -5)"

# the README's numbers: its RFM segment report on the CDNOW sample at 1997-09-30, quoted in
# the text after the block ("this gives Champions 496, ..."), customers without orders apart
seg=$(grep -l 'rfm_segment(rfm_score' "$work"/blocks/[0-9]*.sql | head -1)
claimed=$(tr '\n' ' ' <README.md | grep -o 'this gives Champions [^.]*' | sed 's/^this gives //; s/  */ /g' |
	tr ',' '\n' | sed 's/^ //' | sort)
got=$(psql -qXAt -d eng_readme_recommended -f "$seg" 2>&1 | awk -F'|' '$1 != "Prospects" { print $1 " " $2 }' | sort)
check "the README's RFM segment counts come out of its own recipe" \
	"$([ -n "$claimed" ] && [ "$claimed" = "$got" ] && echo t || diff <(echo "$claimed") <(echo "$got") | head -10)"

# the monthly cohort recipe (retention_periods' calendar form) against the plain SQL it
# replaces: each customer's distinct local months, the cohort their minimum, the month
# difference from extract(); both print the same table
month=$(grep -l "'month', 7, 'America/New_York'" "$work"/blocks/[0-9]*.sql | head -1)
plain="WITH active AS (
  SELECT DISTINCT customer_id, date_trunc('month', ts AT TIME ZONE 'America/New_York')::date AS month
  FROM events),
cohorts AS (SELECT customer_id, min(month) AS cohort FROM active GROUP BY customer_id),
cells AS (
  SELECT c.cohort, (extract(year FROM a.month) - extract(year FROM c.cohort)) * 12
                   + extract(month FROM a.month) - extract(month FROM c.cohort) AS k
  FROM active a JOIN cohorts c USING (customer_id))
SELECT cohort, count(*) FILTER (WHERE k = 0), count(*) FILTER (WHERE k = 1),
       count(*) FILTER (WHERE k = 2), count(*) FILTER (WHERE k = 3), count(*) FILTER (WHERE k = 4),
       count(*) FILTER (WHERE k = 5), count(*) FILTER (WHERE k = 6)
FROM cells GROUP BY cohort ORDER BY cohort"
got=$(psql -qXAt -d eng_readme_recommended -f "$month" 2>&1)
want=$(sq eng_readme_recommended "$plain")
check "the monthly cohort recipe equals its plain-SQL form ($(echo "$want" | wc -l) cohorts)" \
	"$([ -n "$month" ] && [ -n "$want" ] && [ "$got" = "$want" ] && echo t || diff <(echo "$want") <(echo "$got") | head -10)"

out=$(prepare unsafe 'public, app' identical)
check "unsafe: setup block, fixture and identical plants in place" "$(echo "$out" | grep -q '^   .*planted [0-9]\{2,\}' && echo t || echo "$out" | head -10)"
echo "$out" | grep '^   '
readme_run eng_readme_unsafe "$work/blocks" "$work/unsafe" >/dev/null
# our names that a run block calls: name( in the block text, among the planted names
ours=$(sq eng_readme_unsafe "SELECT DISTINCT p.proname FROM pg_proc p JOIN pg_depend d ON d.classid = 'pg_proc'::regclass
	AND d.objid = p.oid AND d.deptype = 'e' JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'engagement'")
called=$(for n in $(readme_blocks "$work/blocks" run); do cat "$work/blocks/$n.sql"; done | sed 's/--.*//' |
	grep -oE '\b[a-z_][a-z0-9_]*\(' | tr -d '(' | sort -u | grep -xF "$ours")
got=$(captured "$work/unsafe" | sed 's/(.*//' | sort -u)
echo "   unsafe: README blocks call $(echo "$called" | wc -l) of our functions; plants of $(echo "$got" | grep -c .) names ran"
check "unsafe (search_path = public, app): a plant ran for every function of ours the README calls" \
	"$(m=$(comm -23 <(echo "$called") <(echo "$got") | tr '\n' ' '); [ -n "$called" ] && [ -z "$m" ] && echo t || echo "not captured: $m")"

# results independent of the session's TimeZone
python3 test/readme/zone.py --split test/readme/zone-selftest.sql "$work/selftest"
for z in "${zones[@]}"; do
	res=$(readme_run "$(zonedb "$z")" "$work/blocks" "$work/zone-${z##*/}" "$z")
	check "TimeZone $z: every README SQL block runs without error" \
		"$(failed_blocks "$res")"
	res=$(readme_run "$(zonedb "$z")" "$work/selftest" "$work/selftest-${z##*/}" "$z")
	check "TimeZone $z: every zone-dependent self-test query runs" \
		"$(failed_blocks "$res")"
done
# rows LOGDIR N: the row counts of block N's queries, one per line ("(3 rows)" footers)
rows() { sed -n 's/^(\([0-9]*\) rows\{0,1\})$/\1/p' "$1/$2.out"; }
base=$work/zone-${zones[0]##*/}
differ=
queries=0
empty=
for n in $(readme_blocks "$work/blocks" run); do
	for z in "${zones[@]:1}"; do
		cmp -s "$base/$n.out" "$work/zone-${z##*/}/$n.out" ||
			differ="$differ block $n (README line $(awk -F'\t' -v n="$n" '$1 == n { print $2 }' "$work/blocks/manifest.tsv")) under $z:
$(diff "$base/$n.out" "$work/zone-${z##*/}/$n.out" | head -6)
"
	done
	fetches=$(grep -c '^FETCH ALL FROM readme_q;$' "$base/$n.zone.sql")
	queries=$((queries + fetches))
	[ "$(rows "$base" "$n" | grep -c '^[1-9]')" = "$fetches" ] ||
		empty="$empty block $n: $fetches queries, row counts $(rows "$base" "$n" | tr '\n' ' ');"
done
echo "   zones: $queries queries in $(readme_blocks "$work/blocks" run | wc -l) blocks, $(cat "$base"/*.out |
	sed -n 's/^(\([0-9]*\) rows\{0,1\})$/\1/p' | awk '{ s += $1 } END { print s }') rows, under each zone"
check "every README query returns rows (under UTC)" "$([ -z "$empty" ] && [ "$queries" -gt 0 ] && echo t || echo "$empty")"
check "every README SQL block prints the same under ${zones[*]}" "$([ -z "$differ" ] && echo t || echo "$differ")"
differ=
same=
for n in $(readme_blocks "$work/selftest" run); do
	[ "$(rows "$work/selftest-${zones[0]##*/}" "$n" | grep -c '^[1-9]')" = 1 ] || same="$same query $n returns no rows;"
	all_same=t
	for z in "${zones[@]:1}"; do
		cmp -s "$work/selftest-${zones[0]##*/}/$n.out" "$work/selftest-${z##*/}/$n.out" || all_same=f
	done
	[ $all_same = t ] && same="$same query $n (line $(awk -F'\t' -v n="$n" '$1 == n { print $2 }' "$work/selftest/manifest.tsv")) prints the same in every zone;"
done
check "self-test: each of the $(readme_blocks "$work/selftest" run | wc -l) session-dependent queries returns rows and prints differently under ${zones[*]}" \
	"$([ -z "$same" ] && echo t || echo "$same")"

if [ "$fail" = 0 ]; then
	for mode in recommended trusted_first unsafe; do sq postgres "DROP DATABASE eng_readme_$mode" >/dev/null; done
	for z in "${zones[@]}"; do sq postgres "DROP DATABASE $(zonedb "$z")" >/dev/null; done
	sq postgres "DROP ROLE eng_readme_attacker" >/dev/null
fi
tally
