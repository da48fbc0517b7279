#!/usr/bin/env bash
# test/paths/run-check.sh: sequence_next_node, sequence_match_events and event_path against
# the brute-force reference of brute.py on ENG_PATHS_GROUPS (default 4,000) random small
# groups with ties, repeated values and NULLs, serial, in shuffled row order and with
# parallel plans forced.  Prints "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=scripts/lib/tally.sh
. scripts/lib/tally.sh
db=eng_paths
psql -qXAt -d postgres -c "DROP DATABASE IF EXISTS $db" 2>/dev/null
psql -qXAt -d postgres -c "CREATE DATABASE $db" && psql -qXAt -d $db -c "CREATE EXTENSION engagement" ||
	{ echo "0 passed, 1 failed"; exit 1; }
for seed in ${ENG_PATHS_SEEDS:-1 2}; do
	if ! out=$(python3 test/paths/brute.py "$seed" "${ENG_PATHS_GROUPS:-4000}" "$db" 2>&1); then
		check "seed $seed: brute.py runs" "$out"
		continue
	fi
	while IFS= read -r line; do
		check "seed $seed: ${line%|*}" "${line##*|}"
	done <<<"$out"
done
psql -qXAt -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1
tally
