#!/usr/bin/env bash
# test/pareto/run-check.sh: Pareto/NBD and MBG/NBD against independent python3 evaluations
# (test/pareto/check.py: mpmath's 2F1 for the point functions, an independent Newton
# maximisation of the MBG/NBD likelihood on CDNOW, central-difference Hessians for the
# standard errors).  Needs python3-mpmath (apt-get install -y python3-mpmath).
# Prints "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/../.."

# shellcheck source=scripts/lib/tally.sh
. scripts/lib/tally.sh

if ! python3 -c 'import mpmath' 2>/dev/null; then
	skip "pareto mpmath references" "python3-mpmath is not installed"
	tally
	exit 0
fi
db=eng_pareto
psql -qXAt -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null
psql -qXAt -d postgres -c "CREATE DATABASE $db" >/dev/null
psql -qXAt -v ON_ERROR_STOP=1 -d $db >/dev/null <<-'SQL'
	CREATE EXTENSION engagement;
	CREATE TABLE pareto_cdnow (id int, x int, t_x float8, t float8);
	\copy pareto_cdnow FROM 'test/data/cdnow_customers_summary.csv' WITH (FORMAT csv, HEADER)
SQL
out=$(python3 test/pareto/check.py $db 2>&1)
echo "$out" | grep -vE ': (ok|FAILED \(.*\))$' | head -20
while IFS= read -r line; do
	case $line in
	*': ok') check "${line%: ok}" t ;;
	*': FAILED ('*) check "${line%%: FAILED (*}" "${line#*: FAILED (}" ;;
	esac
done <<<"$out"
[ "$pass" -gt 0 ] || check "pareto check.py ran" "$out"
psql -qXAt -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null
tally
