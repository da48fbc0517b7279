# scripts/lib/tally.sh: the pass/fail tally of the test/*/run-check.sh hooks, sourced by them.
# scripts/check adds up the last line each hook prints, "N passed, N failed[, N skipped]".
# shellcheck shell=bash

pass=0
fail=0
skipped=0

# check NAME RESULT: RESULT "t" passes; anything else fails and is shown (first 3,000
# characters: a whole psql error, not a whole result set)
check() {
	if [ "$2" = t ]; then
		pass=$((pass + 1))
		echo "$1: ok"
	else
		fail=$((fail + 1))
		echo "$1: FAILED (${2:0:3000})"
	fi
}

# skip NAME REASON: a check that cannot run yet (what it needs does not exist yet); printed
# with its reason and counted as neither passed nor failed
skip() {
	skipped=$((skipped + 1))
	echo "$1: SKIP ($2)"
}

# tally: print the hook's last line and return non-zero if anything failed
tally() {
	echo "$pass passed, $fail failed$([ "$skipped" = 0 ] || echo ", $skipped skipped")"
	[ "$fail" = 0 ]
}
