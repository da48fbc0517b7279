#!/usr/bin/env bash
# test/cancel/run-check.sh: a long aggregate over one huge group stops within one second of
# statement_timeout or pg_cancel_backend(), whatever phase it is in (reading rows into the
# event buffer, sorting it, walking it).  For each event-buffer aggregate on main (the
# list below; absent ones are skipped) over one customer's events, starting at ENG_CANCEL_ROWS (default
# 4,000,000) and grown until the query takes 3 s, cancel at several delays and measure the time from the
# cancel to the end of the query.
# With ENG_TEST_LIMITS=1 it also proves that a group past the event-buffer limit
# (EB_MAX_EVENTS, 67,108,864 events) gets 54000 with a hint rather than an out-of-memory
# kill; that needs about 1.5 GB of memory and a few minutes, so it is not in scripts/check.
# Prints "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/../.."

rows=${ENG_CANCEL_ROWS:-4000000}
# shellcheck source=scripts/lib/tally.sh
. scripts/lib/tally.sh
now() { date +%s.%N; }
calc() { awk "BEGIN { print ($*) }"; }	# floating arithmetic and comparisons (1 = true)
db=eng_cancel
psql -qXAt -d postgres -c "DROP DATABASE IF EXISTS $db" 2>/dev/null
psql -qXAt -d postgres -c "CREATE DATABASE $db" && psql -qXAt -d $db -c "CREATE EXTENSION engagement" ||
	{ echo "0 passed, 1 failed"; exit 1; }

# one group of N events, streamed (a set-returning function in the select list is not
# materialised), so that memory and time go to the aggregate itself
declare -A queries=(
	[window_funnel]="SELECT window_funnel(interval '1 hour', timestamptz '2024-01-01 00:00:00+00' + (i % 100000) * interval '1 second', i % 3 = 0, i % 5 = 0, i % 7 = 0) FROM (SELECT generate_series(1, N) AS i) AS s"
	[session_stats]="SELECT session_stats(timestamptz '2024-01-01 00:00:00+00' + (i % 1000003) * interval '1 second', interval '30 minutes') FROM (SELECT generate_series(1, N) AS i) AS s"
	[lifecycle]="SELECT lifecycle(timestamptz '2024-01-01 00:00:00+00' + (i % 10000019) * interval '1 second', interval '1 day', timestamptz '2025-01-01 00:00:00+00') FROM (SELECT generate_series(1, N) AS i) AS s"
	[sequence_count]="SELECT sequence_count('(?1)(?2)', timestamptz '2024-01-01 00:00:00+00' + (i % 100000) * interval '1 second', i % 3 = 0, i % 5 = 0) FROM (SELECT generate_series(1, N) AS i) AS s"
)
for fn in window_funnel session_stats lifecycle sequence_count; do
	exists=$(psql -qXAt -d $db -c "SELECT count(*) > 0 FROM pg_proc WHERE proname = '$fn'")
	if [ "$exists" != t ]; then
		echo "skipped (not on main yet): $fn"
		continue
	fi
	# how long the whole query takes; grow the group until it takes at least 3 s, so that
	# the cancels below land inside it however fast the machine (at most 32M events)
	n=$rows
	while :; do
		q=${queries[$fn]//N/$n}
		t0=$(now)
		if ! err=$(psql -qXAt -v ON_ERROR_STOP=1 -d $db -c "$q" 2>&1 >/dev/null); then
			echo "skipped (signature differs, update test/cancel/run-check.sh): $fn: $err"
			continue 2
		fi
		full=$(calc "$(now) - $t0")
		[ "$(calc "$full >= 3 || $n >= 32000000")" = 1 ] && break
		n=$(awk "BEGIN { n = int($n * 3.5 / ($full + 0.01)); print (n > 32000000 ? 32000000 : n) }")
	done
	echo "$fn over $n events in one group: $full s uncancelled"
	# statement_timeout = 1s: the query must end by 2 s (psql's \timing: the query alone)
	err=$(psql -qXAt -d $db -c "SET statement_timeout = '1s'" -c '\timing on' -c "$q" 2>&1)
	took=$(echo "$err" | grep -oE '^Time: [0-9.]+' | tail -1 | awk '{ print $2 / 1000 }')
	check "$fn: statement_timeout 1s ends the query in ${took:-?} s (< 2 s, 57014)" \
		"$(echo "$err" | grep -q 'canceling statement due to statement timeout' && [ "$(calc "${took:-9} < 2.0")" = 1 ] && echo t || echo "$err")"
	# pg_cancel_backend at several points of the query's life; the canceller measures on
	# the server how long the backend stays active after the cancel
	for frac in 0.2 0.5 0.7 0.85; do
		delay=$(calc "$full * $frac")
		app="eng_cancel_$fn"
		out=$(mktemp)
		PGAPPNAME=$app psql -qXAt -d $db -c "$q" >"$out" 2>&1 &
		bg=$!
		sleep "$delay"
		took=$(psql -qXAt -d $db -c "SET client_min_messages = notice" -c "DO \$\$
			DECLARE t0 timestamptz;
			BEGIN
				PERFORM pg_cancel_backend(pid) FROM pg_stat_activity WHERE application_name = '$app';
				t0 := clock_timestamp();
				LOOP
					PERFORM pg_stat_clear_snapshot();
					EXIT WHEN NOT EXISTS (SELECT 1 FROM pg_stat_activity
						WHERE application_name = '$app' AND state = 'active');
					EXIT WHEN clock_timestamp() - t0 > interval '10 seconds';
					PERFORM pg_sleep(0.005);
				END LOOP;
				RAISE NOTICE 'took %', extract(epoch FROM clock_timestamp() - t0);
			END \$\$" 2>&1 | grep -oE 'took [0-9.]+' | cut -d' ' -f2)
		wait $bg
		if grep -q 'canceling statement due to user request' "$out"; then
			check "$fn: pg_cancel_backend at ${frac} of its run stops it in ${took:-?} s (< 1 s)" \
				"$([ "$(calc "${took:-9} < 1.0")" = 1 ] && echo t || echo "took ${took:-?} s")"
		else
			echo "$fn: the query finished before the cancel at ${frac} of its run (not counted)"
		fi
		rm -f "$out"
	done
done

if [ "${ENG_TEST_LIMITS:-0}" = 1 ]; then
	limit=67108864
	q="SELECT window_funnel(interval '1 hour', timestamptz '2024-01-01 00:00:00+00' + (i % 100000) * interval '1 second', true, i > 0) FROM (SELECT generate_series(1, $((limit + 1))) AS i) AS s"
	err=$(psql -qXAt -d $db -c "SET work_mem = '64MB'" -c "\\set VERBOSITY verbose" -c "$q" 2>&1 >/dev/null)
	check "a group of $((limit + 1)) events gets 54000 with a hint" \
		"$(echo "$err" | grep -q '54000' && echo "$err" | grep -q 'HINT' && echo t || echo "$err")"
fi
psql -qXAt -d postgres -c "DROP DATABASE $db"
tally
