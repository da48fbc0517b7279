-- test/cron/schedule.sql: the README recipe, part 2, run by test/cron/run-check.sh as the role
-- analyst connected to the database pg_cron is installed in (cron.database_name, postgres).
-- Refresh every 10 minutes; the job runs as the role that schedules it.
SELECT cron.schedule_in_database('refresh-daily-feedback', '*/10 * * * *',
	'REFRESH MATERIALIZED VIEW CONCURRENTLY public.daily_feedback', 'analytics');
