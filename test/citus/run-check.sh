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
cleanup() {
	[ "${ENG_CITUS_KEEP:-0}" = 1 ] && return
	citus_cluster_stop
	rm -rf "$work"
}
trap cleanup EXIT

# shellcheck source=test/citus/cluster.sh
. test/citus/cluster.sh
if ! citus_cluster_start "$work" 2>&1; then
	check "Citus builds, and a coordinator and two workers start" f
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
	echo "kept: psql -h ${citus_host[coord]} -p ${citus_port[coord]} -U postgres eng_citus"
	for n in "${citus_nodes[@]}"; do echo "stop: $(eng_os_user) $citus_bindir/pg_ctl -D $work/$n/data stop"; done
fi
tally
