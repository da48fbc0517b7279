#!/usr/bin/env bash
# test/clients/run-check.sh: the README's SQL as BI tools and dashboards receive it
# (README "BI tools and drivers").  Every "run" block of README.md (test/readme/extract.py)
# and every parameter case of test/clients/params.tsv runs through psql, through the
# PostgreSQL JDBC driver (Debian libpostgresql-jdbc-java, the driver Metabase and DBeaver
# use; JVM time zone America/New_York) and through node-postgres (npm pg, pinned in
# test/clients/node/package-lock.json and installed with npm ci; TZ America/New_York), each
# driver with its default settings, over TCP to a throwaway cluster of the check's install
# that listens on 127.0.0.1 only.  Each driver gets its own copy of one database set up as
# test/readme does it (the README's setup block, then test/readme/fixture.sql; database
# TimeZone America/New_York, the zone the drivers run in), so the blocks that create views
# run once per client.  test/clients/compare.py then requires, per block and driver, that
# every column arrives as a chartable type and every value equals psql's, and per parameter
# case the outcome params.tsv names (a result equal to psql's, or the documented SQLSTATE),
# and that node-postgres with the README's type parsers gets bigint and numeric as numbers.
# Also: the README section documents every SQLSTATE a case expects.
# Prints "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=scripts/lib/cluster.sh
. scripts/lib/cluster.sh
# shellcheck source=scripts/lib/tally.sh
. scripts/lib/tally.sh
# shellcheck source=test/readme/lib.sh
. test/readme/lib.sh

jar=/usr/share/java/postgresql.jar
missing=$(for t in java javac node npm python3; do command -v $t >/dev/null || echo "$t"; done; [ -f $jar ] || echo $jar)
check "the JDK, node, npm and the JDBC driver are installed (scripts/setup)" "$([ -z "$missing" ] && echo t || echo "missing: $missing")"
[ -z "$missing" ] || { tally; exit 1; }

# the check's cluster runs the private install: its BINDIR is where our build lives
bindir=$(psql -XAt -d postgres -c "SELECT setting FROM pg_catalog.pg_config WHERE name = 'BINDIR'")
dir=$(mktemp -d /tmp/engagement-clients.XXXXXX)
chmod 755 "$dir"
trap 'eng_cluster_stop "$dir/run" "$bindir"; rm -rf "$dir"' EXIT
unset PGTZ PGOPTIONS PGDATABASE

port=$(eng_free_port)
out=$(ENG_LISTEN=127.0.0.1 ENG_PORT=$port eng_cluster_start "$dir/run" "$bindir" 2>&1)
check "a throwaway cluster listens on 127.0.0.1:$port" "$([ -f "$dir/run/data/postmaster.pid" ] && echo t || echo "$out" | tail -5)"
[ -f "$dir/run/data/postmaster.pid" ] || { tally; exit 1; }
export PGHOST="$dir/run/sock" PGPORT=$port PGUSER=postgres
sq() { psql -qXAt -v ON_ERROR_STOP=1 -d "$1" -c "$2" 2>&1; }

# one database set up as test/readme sets it up, copied for psql and each driver
readme_extract "$dir/blocks" >/dev/null 2>&1
out=$(sq postgres "CREATE DATABASE eng_clients" &&
	sq postgres "ALTER DATABASE eng_clients SET TimeZone = 'America/New_York'" &&
	readme_setup eng_clients "$dir/blocks" &&
	for c in psql jdbc node; do sq postgres "CREATE DATABASE eng_clients_$c TEMPLATE eng_clients" &&
		sq postgres "ALTER DATABASE eng_clients_$c SET TimeZone = 'America/New_York'" || exit 1; done)
check "README setup block and fixture loaded, one database per client" "$([ -z "$out" ] && echo t || echo "$out")"

# psql: each run block in its own session, then each case's reference query
mkdir -p "$dir/psql"
psql_sets() { psql -X -q -A -F $'\x1f' -R $'\x1e' -P null=$'\x02' -v ON_ERROR_STOP=1 -d eng_clients_psql "$@"; }
bad=""
for n in $(readme_blocks "$dir/blocks" run); do
	psql_sets -f "$dir/blocks/$n.sql" >"$dir/psql/$n.psql" 2>"$dir/psql/$n.err" || bad="$bad block $n: $(head -3 "$dir/psql/$n.err")"
done
k=0
while IFS=$'\t' read -r _ _ _ ref _; do
	k=$((k + 1))
	psql_sets -c "$ref" >"$dir/psql/case-$k.psql" 2>"$dir/psql/case-$k.err" || bad="$bad case $k: $(head -3 "$dir/psql/case-$k.err")"
done < <(grep -v '^#' test/clients/params.tsv | grep .)
check "psql: every README run block and every case's reference query runs" "$([ -z "$bad" ] && echo t || echo "$bad")"

# JDBC: compiled here, one JVM runs everything
out=$(javac -d "$dir/classes" -cp $jar test/clients/jdbc/ReadmeClients.java 2>&1 &&
	java -Duser.timezone=America/New_York -cp "$jar:$dir/classes" ReadmeClients \
		"jdbc:postgresql://127.0.0.1:$port/eng_clients_jdbc?user=postgres" "$dir/blocks" \
		test/clients/params.tsv "$dir/jdbc.out" 2>&1)
check "JDBC: the test program compiles and runs" "$([ -s "$dir/jdbc.out" ] && [ -z "$out" ] && echo t || echo "$out" | tail -5)"

# node-postgres: the locked version, installed into test/clients/node/node_modules
nodedir=test/clients/node
npm_out=""
if ! (cd $nodedir && node -e "process.exit(require('./node_modules/pg/package.json').version ===
	require('./package-lock.json').packages['node_modules/pg'].version ? 0 : 1)") 2>/dev/null; then
	npm_out=$(cd $nodedir && npm ci --prefer-offline --no-audit --no-fund --loglevel=error 2>&1)
fi
out=$(TZ=America/New_York node $nodedir/readme-clients.js 127.0.0.1 "$port" eng_clients_node "$dir/blocks" \
	test/clients/params.tsv "$dir/node.out" 2>&1)
check "node-postgres: npm ci and the test program run" "$([ -s "$dir/node.out" ] && [ -z "$out" ] && echo t || echo "$npm_out $out" | tail -5)"

while IFS=$'\t' read -r desc result; do
	if [ -z "$result" ]; then echo "$desc"; else check "$desc" "$result"; fi
done < <(python3 test/clients/compare.py "$dir/blocks" test/clients/params.tsv "$dir/psql" "$dir/jdbc.out" "$dir/node.out" 2>&1)

# every SQLSTATE a case expects is documented in the README section
section=$(awk '/^## BI tools and drivers/ { on = 1; next } /^## / { on = 0 } on' README.md)
undocumented=$(grep -v '^#' test/clients/params.tsv | cut -f5,6 | tr '\t' '\n' | grep -v '^ok$' | sort -u |
	while read -r code; do grep -q "$code" <<<"$section" || echo "$code"; done)
check "README \"BI tools and drivers\" documents every SQLSTATE a parameter case expects" \
	"$([ -n "$section" ] && [ -z "$undocumented" ] && echo t || echo "section missing or without: $undocumented")"

tally
