#!/usr/bin/env bash
# test/cluster/run-check.sh: scale-out with postgres_fdw (README "Scaling").
#
# Two shard databases and a coordinator database on the check's cluster (loopback over the
# unix socket).  On the coordinator, events is hash-partitioned by customer_id into two
# foreign tables, one per shard server, each server with OPTIONS (extensions 'engagement').
# test/cluster/checks.sql then proves, for every aggregate query in its list whose functions
# exist on main: with enable_partitionwise_aggregate the per-customer aggregate is pushed to
# the shards (our function appears in the Remote SQL of EXPLAIN VERBOSE), results equal a
# plain local table holding the same rows, a grouping by a non-partition key (Partial
# Aggregate + Finalize on the coordinator) gives the same results too, and without the
# extensions option nothing of ours is shipped.
# Prints "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/../.."

su_psql() { psql -qXAt -v ON_ERROR_STOP=1 "$@"; }
for db in eng_shard1 eng_shard2 eng_coord; do
	su_psql -d postgres -c "DROP DATABASE IF EXISTS $db" 2>/dev/null
	su_psql -d postgres -c "CREATE DATABASE $db" || { echo "0 passed, 1 failed"; exit 1; }
done

for db in eng_shard1 eng_shard2; do
	su_psql -d $db -f test/cluster/shard.sql || { echo "0 passed, 1 failed"; exit 1; }
done

out=$(su_psql -d eng_coord -v host="$PGHOST" -v port="$PGPORT" -f test/cluster/checks.sql 2>&1)
rc=$?
echo "$out" | grep -vE '\|(t|f)$'
pass=$(echo "$out" | grep -cE '\|t$')
fail=$(echo "$out" | grep -E '\|f$')
echo "$out" | grep -E '\|(t|f)$' | sed -e 's/|t$/: ok/' -e 's/|f$/: FAILED/'
nfail=$(echo -n "$fail" | grep -c . )
[ $rc != 0 ] && nfail=$((nfail + 1))
if [ "$nfail" = 0 ]; then
	for db in eng_coord eng_shard1 eng_shard2; do su_psql -d postgres -c "DROP DATABASE $db"; done
fi
echo "$pass passed, $nfail failed"
[ "$nfail" = 0 ]
