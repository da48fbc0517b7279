#!/usr/bin/env bash
# test/fuzz/binary.sh: binary-input fuzzing of every base type of the extension, against a
# database that has the extension (run by test/fuzz/run.sh on its fuzz database; needs a
# superuser: the values go through COPY ... FROM a server file).
#
#   test/fuzz/binary.sh --db DB --values N [--seed S] [--calls C]
#
# N random mutations of each type's binary form (pg_temp.bi_fuzz_binary of
# test/badinput/harness.sql: edge words, random fields, bytes and bits, splices,
# truncations) are fed to the type's receive function through binary COPY.  Every rejected
# value must raise a data-exception or limit SQLSTATE (never XX000 or a crash); every
# value received must send back the same bytes and print as text that reads back as the
# same value, and the first C of each type are passed to every function taking the type
# (no internal error, no NaN or infinity, results of our types read back).  The values
# received are then stored in a table per type and must come back byte for byte from
# pg_dump -Fc / pg_restore, from a plain pg_dump run by psql, and from a binary COPY out
# and in.  Prints "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/../.."

# shellcheck source=scripts/lib/tally.sh
. scripts/lib/tally.sh
db=
values=300
seed=1
calls=50
while [ $# -gt 0 ]; do
	case $1 in
	--db) db=$2; shift 2 ;;
	--values) values=$2; shift 2 ;;
	--seed) seed=$2; shift 2 ;;
	--calls) calls=$2; shift 2 ;;
	*) echo "usage: $0 --db DB --values N [--seed S] [--calls C]" >&2; exit 2 ;;
	esac
done
[ -n "$db" ] || { echo "usage: $0 --db DB --values N [--seed S] [--calls C]" >&2; exit 2; }
bindir=$(psql -XAt -d postgres -c "SELECT setting FROM pg_catalog.pg_config WHERE name = 'BINDIR'")
dir=$(mktemp -d /tmp/engagement-binfuzz.XXXXXX)
chmod 777 "$dir"
trap 'rm -rf "$dir"' EXIT
restored="${db}_binrestore"
plain="${db}_binplain"

# the fuzzing session: outcomes per type, the violations, then one table per type of the
# values received (id, the bytes, the value)
psql -qXAt -v ON_ERROR_STOP=1 -d "$db" >"$dir/fuzz.out" 2>&1 <<SQL
SET client_min_messages = warning;
\i test/badinput/harness.sql
SELECT pg_temp.bi_fuzz_binary(1.0 / ($seed + 1), $values, $calls);
SELECT 'tried ' || fn || ': ' || count(*) || ' values, ' || count(*) FILTER (WHERE sqlstate = 'ok') || ' received, rejected with '
       || coalesce(string_agg(DISTINCT sqlstate, ' ') FILTER (WHERE sqlstate <> 'ok'), 'nothing')
FROM bi_results WHERE shape = 'binary fuzzed' GROUP BY fn ORDER BY fn;
SELECT 'calls: ' || count(*) || ' calls of ' || count(DISTINCT fn) || ' functions with received values'
FROM bi_results WHERE shape LIKE 'fuzzed, arg%';
SELECT 'violation: ' || fn || ' | ' || shape || ' | ' || left(call, 300) || ' | ' || coalesce(sqlstate || ' ' || message, '') || ' | ' || coalesce(left(result, 300), '')
FROM bi_violations ORDER BY fn, shape LIMIT 20;
SELECT 'violations: ' || count(*) FROM bi_violations;
SELECT 'types: ' || count(*) || ' ' || count(*) FILTER (WHERE EXISTS (SELECT 1 FROM bi_results r WHERE r.fn = t.tname AND r.shape = 'binary fuzzed' AND r.sqlstate = 'ok')
	AND EXISTS (SELECT 1 FROM bi_results r WHERE r.fn = t.tname AND r.shape = 'binary fuzzed' AND r.sqlstate <> 'ok'))
FROM bi_types t;
DO \$\$
DECLARE
	t record;
BEGIN
	FOR t IN SELECT * FROM bi_types ORDER BY typname LOOP
		EXECUTE format('DROP TABLE IF EXISTS %I', 'fuzz_bin_' || t.typname);
		EXECUTE format('CREATE TABLE %I (id bigint PRIMARY KEY, payload bytea, v %s)', 'fuzz_bin_' || t.typname, t.typ);
		EXECUTE format('INSERT INTO %I SELECT row_number() OVER (ORDER BY payload), payload, txt::%s FROM (SELECT DISTINCT payload, txt FROM bi_accepted WHERE typ = %L::regtype) a',
			'fuzz_bin_' || t.typname, t.typ, t.typ);
	END LOOP;
END
\$\$;
SQL
rc=$?
sed -n -E 's/^(tried |calls: |violation: )/   \1/p' "$dir/fuzz.out"
check "binary fuzzing ran to the end (seed $seed, $values values per type)" \
	"$([ $rc = 0 ] && echo t || tail -20 "$dir/fuzz.out")"
check "every value rejected with a data-exception or limit SQLSTATE; every value received round-trips through binary and text and through every function taking it" \
	"$(grep -qx 'violations: 0' "$dir/fuzz.out" && echo t || grep -E '^violation' "$dir/fuzz.out")"
types=$(sed -n 's/^types: //p' "$dir/fuzz.out")
check "every base type had values both received and rejected ($types)" \
	"$(set -- $types; [ -n "${1:-}" ] && [ "$1" -gt 0 ] && [ "$1" = "${2:-}" ] && echo t || echo "$types")"

# fingerprint DB: per fuzz table, the rows and an md5 of (id, bytes sent by the stored value)
# in id order, and how many stored values do not send back the bytes they were received from
fp_sql="SELECT string_agg(x, E'\\n' ORDER BY x) FROM (SELECT format('SELECT %L || '' '' || count(*) || '' '' || md5(string_agg(id || '':'' || encode(%s(v), ''hex''), '','' ORDER BY id)) || '' '' || count(*) FILTER (WHERE %s(v) <> payload) FROM %I',
	c.relname, t.typsend, t.typsend, c.relname) AS x
	FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'v' JOIN pg_type t ON t.oid = a.atttypid
	WHERE c.relname LIKE 'fuzz\\_bin\\_%' AND c.relkind = 'r') q"
fingerprint() {
	local q
	q=$(psql -qXAt -d "$1" -c "$fp_sql") || return
	echo "$q" | while read -r line; do psql -qXAt -d "$1" -c "$line"; done
}
before=$(fingerprint "$db")
echo "$before" | sed 's/^/   /'
check "the values received are stored and send back their bytes" \
	"$([ -n "$before" ] && ! echo "$before" | grep -qv ' 0$' && echo t || echo "$before")"

for d in "$restored" "$plain"; do
	psql -qXAt -d postgres -c "DROP DATABASE IF EXISTS $d" 2>/dev/null
	psql -qXAt -d postgres -c "CREATE DATABASE $d" >/dev/null
done
"$bindir/pg_dump" -Fc -d "$db" -t 'fuzz_bin_*' -f "$dir/dump.custom" 2>"$dir/dump.err"
psql -qXAt -d "$restored" -c 'CREATE EXTENSION engagement' >/dev/null
"$bindir/pg_restore" --exit-on-error -d "$restored" "$dir/dump.custom" 2>>"$dir/dump.err"
after=$(fingerprint "$restored")
check "pg_dump -Fc / pg_restore gives back every value byte for byte" \
	"$([ ! -s "$dir/dump.err" ] && [ "$before" = "$after" ] && echo t || { cat "$dir/dump.err"; diff <(echo "$before") <(echo "$after"); })"

"$bindir/pg_dump" -Fp -d "$db" -t 'fuzz_bin_*' -f "$dir/dump.sql" 2>"$dir/plain.err"
psql -qXAt -d "$plain" -c 'CREATE EXTENSION engagement' >/dev/null
psql -qX -v ON_ERROR_STOP=1 -d "$plain" -f "$dir/dump.sql" >/dev/null 2>>"$dir/plain.err"
after=$(fingerprint "$plain")
check "a plain pg_dump restored by psql gives back every value byte for byte" \
	"$([ ! -s "$dir/plain.err" ] && [ "$before" = "$after" ] && echo t || { cat "$dir/plain.err"; diff <(echo "$before") <(echo "$after"); })"

# binary COPY out of the source and into the emptied restored tables
: >"$dir/copy.err"
for t in $(psql -qXAt -d "$db" -c "SELECT relname FROM pg_class WHERE relname LIKE 'fuzz\\_bin\\_%' AND relkind = 'r' ORDER BY 1"); do
	psql -qXAt -d "$db" -c "COPY $t TO STDOUT (FORMAT binary)" >"$dir/$t.bin" 2>>"$dir/copy.err"
	psql -qXAt -v ON_ERROR_STOP=1 -d "$restored" -c "TRUNCATE $t" -c "\\copy $t FROM '$dir/$t.bin' (FORMAT binary)" >/dev/null 2>>"$dir/copy.err"
done
after=$(fingerprint "$restored")
check "binary COPY out and in gives back every value byte for byte" \
	"$([ ! -s "$dir/copy.err" ] && [ "$before" = "$after" ] && echo t || { cat "$dir/copy.err"; diff <(echo "$before") <(echo "$after"); })"

if [ "$fail" = 0 ]; then
	for d in "$restored" "$plain"; do psql -qXAt -d postgres -c "DROP DATABASE $d"; done
fi
tally
