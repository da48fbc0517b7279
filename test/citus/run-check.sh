#!/usr/bin/env bash
# test/citus/run-check.sh: engagement on a real Citus cluster (README "Many machines: Citus").
#
# Citus is built once from the vendored source (scripts/lib/citus.sh, cached under
# /var/cache/engagement-citus) and added to the check's private PostgreSQL root; three
# clusters are started from that root, each on its own private socket directory (no TCP):
# a coordinator and two workers, all with shared_preload_libraries = 'citus'. On the
# coordinator: CREATE EXTENSION citus, the workers added with citus_add_node (their socket
# directory as host), CREATE EXTENSION engagement (Citus runs it on the workers too), and
# events distributed by customer_id. test/citus/checks.sql then proves, per aggregate:
# grouped by customer the whole aggregate runs on the workers and equals a plain local table;
# grouped by something else it runs as partial aggregates on the workers combined on the
# coordinator (EXPLAIN VERBOSE shows worker_partial_agg / coord_combine_agg) with equal results.
#
# Without the vendored Citus source (a user's clone: it sits outside the repository, in
# ../shared/vendor/citus), or on a PostgreSQL major version that Citus does not support,
# the checks are reported as skipped with the reason, never failed.
# Run alone (outside scripts/check) it builds and stages the extension itself;
# ENG_CITUS_KEEP=1 leaves the three clusters running and prints how to reach them.
# Prints "N passed, N failed[, N skipped]".
set -uo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=scripts/lib/tally.sh
. scripts/lib/tally.sh
# shellcheck source=scripts/lib/cluster.sh
. scripts/lib/cluster.sh
# shellcheck source=scripts/lib/citus.sh
. scripts/lib/citus.sh

if ! eng_citus_tarball >/dev/null; then
	skip "Citus cluster checks" "no Citus source in $ENG_CITUS_VENDOR (it is not part of the repository); README \"Many machines: Citus\" says how to build Citus"
	tally
	exit
fi
if ! eng_citus_supported; then
	skip "Citus cluster checks" "Citus $(eng_citus_version "$(eng_citus_tarball)") supports PostgreSQL 15 to 17, this server is $ENG_PG_MAJOR"
	tally
	exit
fi

work=$(mktemp -d /tmp/engagement-citus.XXXXXX)
chmod 755 "$work"
nodes=(coord w1 w2)
cleanup() {
	[ "${ENG_CITUS_KEEP:-0}" = 1 ] && return
	for n in "${nodes[@]}"; do eng_cluster_stop "$work/$n" "$bindir"; done
	rm -rf "$work"
}
trap cleanup EXIT

# the private root: the one scripts/check staged (its pg_ctl is $ENG_PGCTL), or a new one
if [ -n "${ENG_PGCTL:-}" ]; then
	bindir=$(dirname "$ENG_PGCTL")
	root=${bindir%"$ENG_PG_BINDIR"}
else
	make -s -j2 PG_CONFIG="$ENG_PG_CONFIG" >/dev/null || { echo "0 passed, 1 failed"; exit 1; }
	bindir=$(eng_stage_install "$work/root") || { echo "0 passed, 1 failed"; exit 1; }
	root=$work/root
fi

start=$(date +%s)
if ! eng_citus_install "$root"; then
	check "Citus builds from $(eng_citus_tarball) and installs into the private root" f
	tally
	exit
fi
echo "Citus $(eng_citus_version "$(eng_citus_tarball)") ready in $(($(date +%s) - start)) s" \
	"(cache: $(cat "$(dirname "$(eng_citus_build)")/.built") to build)"

# three clusters, each on a private socket directory; the port is part of a node's name
port0=${PGPORT:-$((20000 + $$ % 30000))}
declare -A host port
i=0
for n in "${nodes[@]}"; do
	i=$((i + 1))
	ENG_PORT=$((port0 + 100 + i)) ENG_PRELOAD=citus eng_cluster_start "$work/$n" "$bindir" >/dev/null ||
		{ check "cluster $n starts with Citus preloaded" f; tally; exit; }
	host[$n]=$PGHOST
	port[$n]=$PGPORT
	psql -qXAt -v ON_ERROR_STOP=1 -d postgres -c 'CREATE DATABASE eng_citus' -c '\c eng_citus' \
		-c 'CREATE EXTENSION citus' >/dev/null ||
		{ check "CREATE EXTENSION citus on $n" f; tally; exit; }
done
export PGHOST=${host[coord]} PGPORT=${port[coord]}

# coord: psql on the coordinator's database, with ON_ERROR_STOP
coord() { psql -qXAt -v ON_ERROR_STOP=1 -d eng_citus "$@"; }
if ! coord -c "SELECT citus_set_coordinator_host('${host[coord]}', ${port[coord]})" \
	-c "SELECT citus_add_node('${host[w1]}', ${port[w1]})" \
	-c "SELECT citus_add_node('${host[w2]}', ${port[w2]})" >/dev/null; then
	check "coordinator + 2 workers form a Citus cluster" f
	tally
	exit
fi
check "coordinator + 2 workers form a Citus cluster (citus_get_active_worker_nodes() = 2)" \
	"$(coord -c 'SELECT count(*) = 2 FROM citus_get_active_worker_nodes()')"

out=$(coord -f test/citus/checks.sql 2>&1)
rc=$?
while IFS= read -r line; do
	case $line in
	*'|t' | *'|f') check "${line%|*}" "${line##*|}" ;;
	*) [ -n "$line" ] && echo "$line" ;;
	esac
done <<<"$out"
[ $rc = 0 ] || check "test/citus/checks.sql runs to the end" f

if [ "${ENG_CITUS_KEEP:-0}" = 1 ]; then
	echo "kept: psql -h ${host[coord]} -p ${port[coord]} -U postgres eng_citus"
	for n in "${nodes[@]}"; do echo "stop: $(eng_os_user) $bindir/pg_ctl -D $work/$n/data stop"; done
fi
tally
