SET client_min_messages = warning;
CREATE EXTENSION engagement;
SELECT 'engagement on both workers|' || (SELECT bool_and(success AND result = '1') FROM run_command_on_workers($$SELECT count(*) FROM pg_extension WHERE extname = 'engagement'$$))::text;
