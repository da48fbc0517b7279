#!/usr/bin/env bash
# test/citus/bench.sh: the same queries on one node and on a Citus cluster of two workers,
# as times and ratios (README "Many machines: Citus"). Not part of scripts/check: timings are
# reported, never asserted.
#
#   test/citus/bench.sh [--events N] [--customers N] [--runs N]
#                       default 500,000 events over 20,000 customers, median of 3 runs
#
# It starts the cluster of test/citus (Citus built once into its cache, coordinator + 2
# workers on private sockets, see test/citus/cluster.sh), generates the events on the
# coordinator as a plain table (the one-node answer) and distributes a copy by customer_id
# (8 shards), then times each query on both: per customer (pushed down whole), and grouped by
# something else (partial aggregates with the *_dist forms; the original internal-state
# aggregate too, which pulls the rows). The three servers share this machine's cores, so
# the ratios show the overhead and the split of the work, not what separate machines give.
set -uo pipefail
cd "$(dirname "$0")/../.."

events=500000
customers=20000
runs=3
while [ $# -gt 0 ]; do
	case $1 in
	--events) events=$2; shift 2 ;;
	--customers) customers=$2; shift 2 ;;
	--runs) runs=$2; shift 2 ;;
	*) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
	esac
done
case "$events$customers$runs" in *[!0-9]*) echo "bench: numbers only" >&2; exit 2 ;; esac

scripts/setup || exit 1
# shellcheck source=scripts/lib/cluster.sh
. scripts/lib/cluster.sh
# shellcheck source=scripts/lib/citus.sh
. scripts/lib/citus.sh
eng_citus_tarball >/dev/null || { echo "bench: no Citus source in $ENG_CITUS_VENDOR" >&2; exit 1; }
eng_citus_supported || { echo "bench: Citus does not support PostgreSQL $ENG_PG_MAJOR" >&2; exit 1; }

work=$(mktemp -d /tmp/engagement-citus-bench.XXXXXX)
chmod 755 "$work"
# shellcheck source=test/citus/cluster.sh
. test/citus/cluster.sh
trap 'citus_cluster_stop; rm -rf "$work"' EXIT
unset ENG_PGCTL
citus_cluster_start "$work" || exit 1

coord -v events="$events" -v customers="$customers" <<'SQL' || exit 1
SET client_min_messages = warning;
CREATE EXTENSION engagement;
CREATE TABLE events_local AS
SELECT i % :customers AS customer_id,
       timestamptz '2024-01-01 00:00:00+00' + (abs(hashint4(i)) % 8640000) * interval '1 second' AS ts,
       (ARRAY['view', 'cart', 'buy', 'email', 'open'])[1 + abs(hashint4(i + 7)) % 5] AS kind,
       (ARRAY['web', 'app', 'mail'])[1 + abs(hashint4(i + 11)) % 3] AS channel,
       abs(hashint4(i + 3)) % 11 AS score,
       (abs(hashint4(i + 5)) % 10000) / 100.0::float8 AS amount
FROM generate_series(1, :events) AS i;
SET citus.shard_count = 8;
CREATE TABLE events (LIKE events_local);
SELECT create_distributed_table('events', 'customer_id');
INSERT INTO events SELECT * FROM events_local;
VACUUM ANALYZE events_local;
VACUUM ANALYZE events;
-- median_ms(query, runs): median execution time of the query, its rows read and discarded
CREATE FUNCTION median_ms(q text, runs int) RETURNS float8 LANGUAGE plpgsql AS $f$
DECLARE
	t timestamptz;
	ms float8[] := '{}';
BEGIN
	FOR i IN 1 .. runs LOOP
		t := clock_timestamp();
		-- the rows' text is used, so that no aggregate is planned away
		EXECUTE 'SELECT sum(length(s::text)) FROM (' || q || ') s';
		ms := ms || extract(epoch FROM clock_timestamp() - t) * 1000;
	END LOOP;
	RETURN (SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY m) FROM unnest(ms) m);
END
$f$;
SQL

# name | one-node query (on events_local) | distributed query (on events)
queries=(
	"rfm_agg per customer|SELECT customer_id, rfm_agg(ts, amount) FROM events_local GROUP BY 1|SELECT customer_id, rfm_agg(ts, amount) FROM events GROUP BY 1"
	"window_funnel per customer|SELECT customer_id, window_funnel(interval '1 day', ts, kind = 'view', kind = 'cart', kind = 'buy') FROM events_local GROUP BY 1|SELECT customer_id, window_funnel(interval '1 day', ts, kind = 'view', kind = 'cart', kind = 'buy') FROM events GROUP BY 1"
	"session_stats per customer|SELECT customer_id, session_stats(ts, interval '30 minutes') FROM events_local GROUP BY 1|SELECT customer_id, session_stats(ts, interval '30 minutes') FROM events GROUP BY 1"
	"NPS per day (partial)|SELECT date_trunc('day', ts, 'UTC'), nps(score) FROM events_local GROUP BY 1|SELECT date_trunc('day', ts, 'UTC'), nps(score) FROM events GROUP BY 1"
	"global RFM, rfm_agg_dist (partial)|SELECT rfm_agg(ts, amount) FROM events_local|SELECT rfm_agg_dist(ts, amount) FROM events"
	"global RFM, rfm_agg (rows pulled)|SELECT rfm_agg(ts, amount) FROM events_local|SELECT rfm_agg(ts, amount) FROM events"
	"session_stats per channel, _dist (partial)|SELECT channel, session_stats(ts, interval '30 minutes') FROM events_local GROUP BY 1|SELECT channel, session_stats_dist(ts, interval '30 minutes') FROM events GROUP BY 1"
	"session_stats per channel (rows pulled)|SELECT channel, session_stats(ts, interval '30 minutes') FROM events_local GROUP BY 1|SELECT channel, session_stats(ts, interval '30 minutes') FROM events GROUP BY 1"
	"window_funnel per channel, _dist (partial)|SELECT channel, window_funnel(interval '1 hour', ts, kind = 'view', kind = 'buy') FROM events_local GROUP BY 1|SELECT channel, window_funnel_dist(interval '1 hour', ts, kind = 'view', kind = 'buy') FROM events GROUP BY 1"
)

echo
echo "Citus: $events events, $customers customers, 8 shards on 2 workers; median of $runs runs;"
echo "all three servers on this machine ($(nproc) cores), $(date -u +%Y-%m-%d)"
echo
echo "| query | 1 node (ms) | Citus, 2 workers (ms) | 1 node / Citus |"
echo "|---|---:|---:|---:|"
for entry in "${queries[@]}"; do
	IFS='|' read -r name qlocal qdist <<<"$entry"
	one=$(echo "SELECT round(median_ms(:'q', :r)::numeric, 1)" | coord -v q="$qlocal" -v r="$runs") || exit 1
	two=$(echo "SELECT round(median_ms(:'q', :r)::numeric, 1)" | coord -v q="$qdist" -v r="$runs") || exit 1
	echo "| $name | $one | $two | $(awk -v a="$one" -v b="$two" 'BEGIN { printf "%.2f", a / b }') |"
done
