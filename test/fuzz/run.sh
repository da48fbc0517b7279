#!/usr/bin/env bash
# test/fuzz/run.sh: one sqlsmith campaign against the running cluster (PGHOST, PGPORT, PGUSER
# a superuser): a fresh database with the extension and the sample data of schema.sql, queried
# by an unprivileged role, with fixed seeds and a query budget.  A crash is a backend
# "terminated by signal" line in the server log; each is printed with the query it ran.
#
#   test/fuzz/run.sh --queries N [--seed S] [--chunk C] [--binary B] [--log SERVER_LOG]
#
# The budget is spent in chunks of C queries (seeds S, S+1, ...), so that a crash, which
# ends a sqlsmith process, costs one chunk rather than the campaign.  Then B random binary
# values of every base type go through its receive function (test/fuzz/binary.sh, seed S;
# B = 0 skips it).  Prints one line "N passed, N failed" (passed: chunks without a crash
# and binary checks passed; failed: crashes and binary checks failed) and exits 1 on any.
set -uo pipefail
cd "$(dirname "$0")/../.."

queries=1000
seed=1
chunk=10000
binary=1000
serverlog=${ENG_SERVER_LOG:-}
while [ $# -gt 0 ]; do
	case $1 in
	--queries) queries=$2; shift 2 ;;
	--seed) seed=$2; shift 2 ;;
	--chunk) chunk=$2; shift 2 ;;
	--binary) binary=$2; shift 2 ;;
	--log) serverlog=$2; shift 2 ;;
	*) echo "usage: $0 --queries N [--seed S] [--chunk C] [--binary B] [--log SERVER_LOG]" >&2; exit 2 ;;
	esac
done

db=fuzz
role=eng_fuzzer
psql_su() { psql -qXAt -v ON_ERROR_STOP=1 -d "${2:-postgres}" -c "$1"; }

if [ -z "$serverlog" ]; then
	# cluster.sh layout: DIR/data is the data directory, DIR/server.log its log
	serverlog=$(dirname "$(psql_su 'SHOW data_directory')")/server.log
fi
[ -r "$serverlog" ] || { echo "fuzz: cannot read the server log $serverlog"; echo "0 passed, 1 failed"; exit 1; }

psql_su "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1
psql_su "DROP ROLE IF EXISTS $role" >/dev/null 2>&1
psql_su "CREATE ROLE $role LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE" >/dev/null
psql_su "CREATE DATABASE $db" >/dev/null
# errors are the normal outcome of a random query: keep them out of the server log, which
# is read for crashes; bound what one query may use
psql_su "ALTER DATABASE $db SET log_min_messages = fatal; ALTER DATABASE $db SET log_min_error_statement = panic;
	ALTER ROLE $role SET statement_timeout = '1s'; ALTER ROLE $role SET temp_file_limit = '100MB';
	ALTER ROLE $role SET work_mem = '16MB'" >/dev/null
if ! psql -qX -v ON_ERROR_STOP=1 -d $db -c 'CREATE EXTENSION engagement' -f test/fuzz/schema.sql \
	>/tmp/fuzz-schema.$$ 2>&1; then
	cat /tmp/fuzz-schema.$$; rm -f /tmp/fuzz-schema.$$
	echo "0 passed, 1 failed"; exit 1
fi
rm -f /tmp/fuzz-schema.$$
psql_su "GRANT SELECT ON ALL TABLES IN SCHEMA public TO $role" $db >/dev/null
states=$(psql_su "SELECT string_agg(format('%s=%s', relname, reltuples::bigint), ' ' ORDER BY relname)
	FROM pg_class WHERE relname LIKE 'daily\_%' AND relkind = 'r'" $db)
echo "fuzz: database $db, state tables: ${states:-none}"

# the extension's SQL-callable functions (no internal or cstring argument or result), to
# count how much of the campaign reaches our code
names=$(psql_su "SELECT string_agg(DISTINCT p.proname, '|') FROM pg_proc p
	JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
	JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'engagement'
	WHERE NOT p.proargtypes::regtype[] && ARRAY['internal', 'cstring']::regtype[]
	  AND p.prorettype NOT IN ('internal'::regtype, 'cstring'::regtype)" $db)
call_re="public\\.($names)\\("	# how sqlsmith writes a call of one of them
called=$(mktemp)
ours_q=0

conn="host=$PGHOST port=$PGPORT user=$role dbname=$db"
ok=0
crashes=0
done_q=0
start=$(date +%s)
s=$seed
while [ "$done_q" -lt "$queries" ]; do
	n=$((queries - done_q < chunk ? queries - done_q : chunk))
	offset=$(stat -c %s "$serverlog")
	out=$(mktemp)
	sqlsmith --target="$conn" --seed="$s" --max-queries="$n" --exclude-catalog --verbose \
		--dump-all-queries >"$out" 2>&1
	rc=$?
	# the backend crash lines, each followed by the query it was running
	found=$(tail -c +"$((offset + 1))" "$serverlog" |
		grep -A2 -E 'terminated by signal|was terminated by exception' |
		grep -E 'terminated by|Failed process was running' || true)
	if [ -n "$found" ]; then
		crashes=$((crashes + $(echo "$found" | grep -c 'terminated by')))
		echo "fuzz: CRASH with seed $s:"
		echo "$found" | sed 's/^/    /'
		# let the postmaster finish its crash recovery before the next chunk
		for _ in $(seq 1 30); do psql_su 'SELECT 1' >/dev/null 2>&1 && break; sleep 1; done
	elif [ $rc != 0 ]; then
		echo "fuzz: sqlsmith exited with $rc on seed $s without a server crash:"
		tail -5 "$out" | sed 's/^/    /'
		crashes=$((crashes + 1))
	else
		ok=$((ok + 1))
	fi
	stats=$(grep -oE 'queries: [0-9]+' "$out" | tail -1)
	# queries (printed one by one, each ending in a ";" line) that call one of ours
	ours_q=$((ours_q + $(re=$call_re awk 'BEGIN { RS = ";\n" } $0 ~ ENVIRON["re"] { n++ } END { print n + 0 }' "$out")))
	grep -oE "$call_re" "$out" | sed 's/^public\.//; s/($//' >>"$called"
	echo "fuzz: seed $s, $n queries budgeted, sqlsmith exit $rc ${stats:+($stats)}"
	rm -f "$out"
	done_q=$((done_q + n))
	s=$((s + 1))
done
echo "fuzz: $done_q queries in $(($(date +%s) - start)) s, $crashes crash(es)"
sort -u -o "$called" "$called"
callable=$(echo "$names" | tr '|' '\n' | sort)
echo "fuzz: $ours_q queries called a function of the extension; $(wc -l <"$called") of its $(echo "$callable" | wc -l) SQL-callable function names were called"
never=$(echo "$callable" | comm -23 - "$called" | paste -sd ' ')
[ -z "$never" ] || echo "fuzz: never called: $never"
rm -f "$called"

if [ "$binary" -gt 0 ]; then
	offset=$(stat -c %s "$serverlog")
	out=$(mktemp)
	test/fuzz/binary.sh --db $db --values "$binary" --seed "$seed" >"$out" 2>&1
	sed 's/^/binary: /' "$out"
	line=$(tail -1 "$out")
	rm -f "$out"
	if [[ "$line" =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
		ok=$((ok + BASH_REMATCH[1]))
		crashes=$((crashes + BASH_REMATCH[2]))
	else
		crashes=$((crashes + 1))
	fi
	found=$(tail -c +"$((offset + 1))" "$serverlog" | grep -E 'terminated by signal|was terminated by exception' || true)
	if [ -n "$found" ]; then
		crashes=$((crashes + $(echo "$found" | wc -l)))
		echo "fuzz: CRASH during binary-input fuzzing:"
		echo "$found" | sed 's/^/    /'
	fi
fi
psql_su "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1
psql_su "DROP ROLE IF EXISTS $role" >/dev/null 2>&1
echo "$ok passed, $crashes failed"
[ "$crashes" = 0 ]
