#!/usr/bin/env bash
# test/discrete/run-check.sh: the sBG and BG/BB functions against independent high-precision
# evaluations of the papers' own formulas (test/discrete/reference.py, python3 + mpmath),
# including the standard errors against mpmath's numerical Hessian.  Runs against the cluster
# of scripts/check (PGHOST etc. in the environment).  Prints "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/../.."

# shellcheck source=scripts/lib/tally.sh
. scripts/lib/tally.sh

db=eng_discrete_check
if ! python3 -c 'import mpmath' 2>/dev/null; then
	skip "discrete models against mpmath" "python3-mpmath is not installed"
	tally
	exit
fi
psql -qXAt -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1
psql -qXAt -d postgres -c "CREATE DATABASE $db" >/dev/null
out=$(psql -qXAt -v ON_ERROR_STOP=1 -d "$db" 2>&1 <<'SQL'
CREATE EXTENSION engagement;
CREATE TABLE donations (x integer, t_x integer, n integer, weight integer);
\copy donations FROM 'test/data/donations_1995.csv' WITH (FORMAT csv, HEADER)
SQL
)
check "load the donations table" "$([ -z "$out" ] && echo t || echo "$out")"

results=$(python3 test/discrete/reference.py "$db" 2>&1)
rc=$?
while IFS=$'\t' read -r name result; do
	[ -n "$name" ] && check "$name" "$result"
done <<<"$results"
check "reference.py ran to the end" "$([ "$rc" = 0 ] && echo t || echo "exit $rc: $(tail -3 <<<"$results")")"
psql -qXAt -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1
tally
