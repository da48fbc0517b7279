# shellcheck shell=bash
# test/readme/lib.sh: run the SQL blocks of README.md against the fixture data set.
# Source it from the repo root; psql connects as usual (PGHOST, PGPORT, PGUSER, and
# PGOPTIONS / PGTZ for a session setting such as TimeZone apply to every block).
#
#   readme_extract DIR        the blocks into DIR (test/readme/extract.py: DIR/NNN.sql and
#                             DIR/manifest.tsv, one line per fenced block with its kind)
#   readme_setup DB DIR       the setup blocks, then test/readme/fixture.sql, in DB; stops
#                             at the first error (prints it, returns 1)
#   readme_run DB DIR LOG [ZONE]
#                             every "run" block in README order, each in its own session
#                             (psql -f, ON_ERROR_STOP); prints one line per block:
#                             "NNN <TAB> README line <TAB> ok|error <TAB> first error line"
#                             and keeps each block's output in LOG/NNN.out, LOG/NNN.err.
#                             With ZONE, each session connects with TimeZone ZONE (PGTZ, as
#                             a client in that zone does) and runs the block as
#                             test/readme/zone.py rewrites it: every query evaluated in ZONE
#                             and printed in UTC (a held cursor fetched under SET TimeZone =
#                             'UTC'), so outputs from two zones are equal byte for byte
#                             exactly when the results are the same instants, days and text
#
# Other clients (JDBC, node-postgres) can read DIR/manifest.tsv and the NNN.sql files the
# same way: setup blocks, the fixture (psql), then the run blocks in order.

readme_extract() {
	python3 test/readme/extract.py README.md "$1"
}

# readme_blocks DIR KIND: the block numbers of one kind, in README order
readme_blocks() {
	awk -F'\t' -v k="$2" '$3 == k { print $1 }' "$1/manifest.tsv"
}

readme_setup() {
	local db=$1 dir=$2 n out
	for n in $(readme_blocks "$dir" setup); do
		out=$(psql -qX -v ON_ERROR_STOP=1 -d "$db" -f "$dir/$n.sql" 2>&1) ||
			{ echo "setup block $n: $out"; return 1; }
	done
	out=$(psql -qX -v ON_ERROR_STOP=1 -d "$db" -f test/readme/fixture.sql 2>&1) ||
		{ echo "fixture: $out"; return 1; }
}

# readme_run_block DB DIR LOG N [ZONE]: run block N as readme_run does; its exit status
readme_run_block() {
	local db=$1 dir=$2 log=$3 n=$4 zone=${5:-}
	if [ -z "$zone" ]; then
		psql -X -v ON_ERROR_STOP=1 -d "$db" -f "$dir/$n.sql" >"$log/$n.out" 2>"$log/$n.err"
	elif python3 test/readme/zone.py "$dir/$n.sql" >"$log/$n.zone.sql" 2>"$log/$n.err"; then
		# the held cursor is planned for all its rows, as the plain query is
		PGTZ=$zone PGOPTIONS="${PGOPTIONS:-} -c cursor_tuple_fraction=1" \
			psql -X -v ON_ERROR_STOP=1 -d "$db" -f "$log/$n.zone.sql" >"$log/$n.out" 2>"$log/$n.err"
	else
		sed -i 's/^/ERROR: /' "$log/$n.err"
		return 1
	fi
}

readme_run() {
	local db=$1 dir=$2 log=$3 zone=${4:-} n line status
	mkdir -p "$log"
	for n in $(readme_blocks "$dir" run); do
		line=$(awk -F'\t' -v n="$n" '$1 == n { print $2 }' "$dir/manifest.tsv")
		if readme_run_block "$db" "$dir" "$log" "$n" "$zone"; then
			status=ok
		else
			status=error
		fi
		printf '%s\t%s\t%s\t%s\n' "$n" "$line" "$status" "$(grep -m1 'ERROR' "$log/$n.err")"
	done
}
