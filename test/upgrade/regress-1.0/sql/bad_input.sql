-- bad_input: the hostile-input matrix (test/badinput/harness.sql).  Every SQL-callable
-- function, aggregate and window function of the extension, found in the catalog, is called
-- with each argument in turn replaced by NULL, +/-infinity, NaN, zero, negative, huge and
-- empty values, too many or NULL array elements; aggregates also over an empty group and
-- over a group mixing good rows with the bad one.  Every base type gets malformed and
-- truncated text input and truncated, corrupted and extended binary input through
-- COPY ... (FORMAT binary).  A crash fails the whole suite; the rules checked below are:
-- errors only of class 22 (data exception), 54 (program limit) or 0A (not supported),
-- lowercase messages, NULL for empty groups, no NaN or infinity out of finite input, and
-- exact round trips of whatever input is accepted.
SET client_min_messages = warning;
-- thousands of tiny queries: with parallel plans forced (the suite's second pass) each would
-- start a worker and the file would take minutes; parallel plans are the families' tests.
-- The setting is force_parallel_mode before PostgreSQL 16, debug_parallel_query from 16 on.
SELECT set_config(CASE WHEN current_setting('server_version_num')::int >= 160000
                       THEN 'debug_parallel_query' ELSE 'force_parallel_mode' END,
                  'off', false) AS parallel_forcing;
\set ECHO none
\i test/badinput/harness.sql
\set ECHO all
SELECT pg_temp.bi_run_calls() IS NOT NULL AS calls_done;
SELECT pg_temp.bi_run_io() IS NOT NULL AS io_done;

-- coverage: every callable function was called, every base type got a sample value and
-- its text and binary tests
SELECT count(*) > 0 AS has_functions,
       count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM bi_results r WHERE r.fn = f.sig)) AS not_called
FROM bi_funcs f;
SELECT count(*) > 0 AS has_types,
       count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM bi_samples s WHERE s.typ = t.typ)) AS without_sample,
       count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM bi_results r WHERE r.fn = t.tname
                                         AND r.shape LIKE 'binary%' AND r.sqlstate <> 'ok')) AS binary_never_rejected,
       count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM bi_results r WHERE r.fn = t.tname
                                         AND r.shape LIKE 'text%' AND r.sqlstate <> 'ok')) AS text_never_rejected
FROM bi_types t;

-- the specific SQLSTATEs of the I/O paths: a truncated binary value is 22P03
-- (invalid_binary_representation), so is a trailing extra byte; the exact bytes sent
-- come back; malformed text is 22P02 (invalid_text_representation), impossible but
-- well-formed values 22023, out-of-range numbers 22003
SELECT shape, array_agg(DISTINCT sqlstate ORDER BY sqlstate) AS sqlstates
FROM bi_results WHERE shape IN ('binary truncated', 'binary extra byte', 'binary as sent', 'no sample value')
GROUP BY shape ORDER BY shape;
SELECT count(*) AS text_errors_outside_22p02_22023_22003_22008_22007
FROM bi_results WHERE shape LIKE 'text%' AND sqlstate NOT IN ('ok', '22P02', '22023', '22003', '22008', '22007');

-- direct calls of the functions a user would not normally call: the type input and output
-- functions (two per base type) and the trigger function, which must refuse with 0A000
-- (feature_not_supported), never an internal error (XX000)
SELECT count(DISTINCT r.fn) AS io_and_trigger_functions_called,
       count(*) FILTER (WHERE r.sqlstate = 'XX000') AS internal_errors
FROM bi_results r JOIN bi_funcs f ON f.sig = r.fn
WHERE f.rettype IN ('cstring'::regtype, 'trigger'::regtype) OR 'cstring'::regtype = ANY (f.argtypes);
SELECT fn, shape, sqlstate, message FROM bi_results
WHERE fn IN (SELECT sig FROM bi_funcs WHERE rettype = 'trigger'::regtype) ORDER BY fn, shape;
SELECT count(*) AS internal_errors_anywhere FROM bi_results WHERE sqlstate = 'XX000';

-- the rules: no row may appear here
SELECT * FROM bi_violations ORDER BY fn, shape, call;
