#!/usr/bin/env bash
# test/cron/run-check.sh: the README pg_cron recipe, end to end.  pg_cron must be in
# shared_preload_libraries, so this hook starts its own throwaway cluster from the check's
# private install (shared_preload_libraries = 'pg_cron', background workers instead of
# libpq connections), runs test/cron/recipe.sql as an unprivileged role, switches the
# schedule to every minute, adds answers and waits (at most ~2.5 minutes, pg_cron 1.4
# schedules by the minute) until pg_cron has refreshed the view; then the view's
# rollup equals NPS and CSAT computed directly from the table.  The recipe is
# recipe.sql (in the analytics database) plus schedule.sql (in pg_cron's database).  Prints "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=scripts/lib/cluster.sh
. scripts/lib/cluster.sh

# the check's cluster runs the private install: its BINDIR is where our build lives
bindir=$(psql -XAt -d postgres -c "SELECT setting FROM pg_catalog.pg_config WHERE name = 'BINDIR'")
dir=$(mktemp -d /tmp/engagement-cron.XXXXXX)
chmod 755 "$dir"
trap 'eng_cluster_stop "$dir/run" "$bindir"; rm -rf "$dir"' EXIT

ENG_PRELOAD=pg_cron eng_cluster_start "$dir/run" "$bindir" || { echo "0 passed, 1 failed"; exit 1; }
psql -qXAt -d postgres -c "ALTER SYSTEM SET cron.use_background_workers = on" || exit 1
eng_as_owner "$ENG_PGCTL" -D "$dir/run/data" -l "$dir/run/server.log" -w -t 60 restart >/dev/null ||
	{ cat "$dir/run/server.log"; echo "0 passed, 1 failed"; exit 1; }

# shellcheck source=scripts/lib/tally.sh
. scripts/lib/tally.sh
su() { psql -qXAt -v ON_ERROR_STOP=1 -d "$1" -c "$2"; }
as_analyst() { psql -qXAt -v ON_ERROR_STOP=1 -U analyst -d analytics "$@"; }

{ su postgres "CREATE EXTENSION pg_cron" && su postgres "CREATE ROLE analyst LOGIN" &&
	su postgres "GRANT USAGE ON SCHEMA cron TO analyst" &&
	su postgres "GRANT EXECUTE ON FUNCTION cron.schedule_in_database TO analyst" &&
	su postgres "CREATE DATABASE analytics OWNER analyst" &&
	su analytics "CREATE EXTENSION engagement"; } || { echo "0 passed, 1 failed"; exit 1; }
{ as_analyst -f test/cron/recipe.sql && psql -qXAt -v ON_ERROR_STOP=1 -U analyst -d postgres \
	-f test/cron/schedule.sql; } >/dev/null 2>"$dir/recipe.err"
check "the README recipe runs as a non-superuser" "$([ -s "$dir/recipe.err" ] && cat "$dir/recipe.err" || echo t)"
# (the table is created by the recipe: load it now, then refresh by hand once, as a user would)
as_analyst -c "INSERT INTO survey_answers SELECT i % 40, timestamptz '2024-03-01 00:00:00+00'
	+ i * interval '17 minutes', abs(hashint4(i)) % 11, 1 + abs(hashint4(i + 1)) % 5
	FROM generate_series(1, 3000) AS i; REFRESH MATERIALIZED VIEW daily_feedback"

# new answers arrive; pg_cron (every minute for the test) must bring the view up to date
su postgres "SELECT cron.alter_job(jobid, schedule => '* * * * *') FROM cron.job
	WHERE jobname = 'refresh-daily-feedback'" >/dev/null
as_analyst -c "INSERT INTO survey_answers SELECT i % 40, timestamptz '2024-05-01 00:00:00+00'
	+ i * interval '17 minutes', abs(hashint4(i + 2)) % 11, 1 + abs(hashint4(i + 3)) % 5
	FROM generate_series(1, 1000) AS i"
refreshed=f
[ -s "$dir/recipe.err" ] || for _ in $(seq 1 150); do
	refreshed=$(as_analyst -c "SELECT (SELECT sum(responses(nps_state)) FROM daily_feedback)
		= (SELECT count(nps_score) FROM survey_answers)")
	[ "$refreshed" = t ] && break
	sleep 1
done
check "pg_cron refreshed the view within a minute" "$refreshed"
check "the job ran as analyst and succeeded" "$(su postgres "SELECT coalesce(bool_and(d.status = 'succeeded'
	AND j.username = 'analyst'), false) FROM cron.job_run_details d JOIN cron.job j USING (jobid)
	WHERE d.status <> 'running'")"
check "rollup of the daily states = NPS of all answers" "$(as_analyst -c "SELECT
	(SELECT nps(rollup(nps_state)) FROM daily_feedback) = (SELECT nps(nps_score) FROM survey_answers)")"
check "monthly rollup of the daily states = CSAT per month" "$(as_analyst -c "SELECT count(*) = 0 FROM
	(SELECT date_trunc('month', day) AS m, csat(rollup(csat_state)) AS v FROM daily_feedback GROUP BY 1) a
	FULL JOIN (SELECT date_trunc('month', answered_at AT TIME ZONE 'UTC') AS m, csat(csat_score) AS v
	           FROM survey_answers GROUP BY 1) b USING (m)
	WHERE a.v IS DISTINCT FROM b.v")"
check "cron.unschedule removes the job" "$(su postgres "SELECT bool_and(cron.unschedule(jobid)) FROM cron.job WHERE jobname = 'refresh-daily-feedback'")"
tally
