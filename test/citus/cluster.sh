# shellcheck shell=bash
# test/citus/cluster.sh: a Citus cluster of a coordinator and two workers on this machine,
# for test/citus/run-check.sh and test/citus/bench.sh. Source it from the repo root after
# scripts/lib/cluster.sh and scripts/lib/citus.sh. It gives:
#   citus_cluster_start WORK  add Citus to a private root (the one scripts/check staged, whose
#                             pg_ctl is $ENG_PGCTL, or a new one under WORK with this build
#                             installed), start three clusters from it under WORK, each on its
#                             own private socket directory (no TCP), with
#                             shared_preload_libraries = 'citus' and a database eng_citus with
#                             CREATE EXTENSION citus; on the coordinator, citus_set_coordinator_host
#                             and citus_add_node for both workers (a node's name is its socket
#                             directory). Exports PGHOST/PGPORT of the coordinator. On failure
#                             prints what failed and returns 1.
#   citus_cluster_stop        stop the three clusters
#   coord ARGS...             psql -qXAt on the coordinator's eng_citus, stopping on errors
citus_nodes=(coord w1 w2)
declare -A citus_host citus_port

citus_cluster_start() {
	local work=$1 root start i=0 n port0
	citus_work=$work
	if [ -n "${ENG_PGCTL:-}" ]; then
		citus_bindir=$(dirname "$ENG_PGCTL")
		root=${citus_bindir%"$ENG_PG_BINDIR"}
	else
		make -s -j2 PG_CONFIG="$ENG_PG_CONFIG" >/dev/null || { echo "make failed"; return 1; }
		citus_bindir=$(eng_stage_install "$work/root") || { echo "staging failed"; return 1; }
		root=$work/root
	fi
	start=$(date +%s)
	eng_citus_install "$root" || { echo "Citus did not build or install (see $ENG_CITUS_CACHE)"; return 1; }
	echo "Citus $(eng_citus_version "$(eng_citus_tarball)") ready in $(($(date +%s) - start)) s" \
		"(cache: $(cat "$(dirname "$(eng_citus_build)")/.built") to build)"
	port0=${PGPORT:-$((20000 + $$ % 30000))}
	for n in "${citus_nodes[@]}"; do
		i=$((i + 1))
		ENG_PORT=$((port0 + 100 + i)) ENG_PRELOAD=citus eng_cluster_start "$work/$n" "$citus_bindir" >/dev/null ||
			{ echo "cluster $n did not start with Citus preloaded"; return 1; }
		citus_host[$n]=$PGHOST
		citus_port[$n]=$PGPORT
		psql -qXAt -v ON_ERROR_STOP=1 -d postgres -c 'CREATE DATABASE eng_citus' -c '\c eng_citus' \
			-c 'CREATE EXTENSION citus' >/dev/null || { echo "CREATE EXTENSION citus failed on $n"; return 1; }
	done
	export PGHOST=${citus_host[coord]} PGPORT=${citus_port[coord]}
	coord -c "SELECT citus_set_coordinator_host('${citus_host[coord]}', ${citus_port[coord]})" \
		-c "SELECT citus_add_node('${citus_host[w1]}', ${citus_port[w1]})" \
		-c "SELECT citus_add_node('${citus_host[w2]}', ${citus_port[w2]})" >/dev/null ||
		{ echo "the workers could not be added to the coordinator"; return 1; }
}

citus_cluster_stop() {
	local n
	for n in "${citus_nodes[@]}"; do eng_cluster_stop "$citus_work/$n" "$citus_bindir"; done
}

coord() { psql -qXAt -v ON_ERROR_STOP=1 -d eng_citus "$@"; }
