#!/usr/bin/env bash
# test/security/run-check.sh: installing into a schema an untrusted role can write to.
#
# 1. The role eng_attacker plants overloads of every built-in name our SQL might call and
#    of our own names, and operators on common type pairs (test/security/plant.sql), in the
#    schema "shared" writable by PUBLIC; then a superuser runs CREATE EXTENSION engagement
#    SCHEMA shared.  Nothing planted may ever run: not during the install, and not when a
#    non-superuser (eng_user, search_path = shared) calls every function of the extension
#    with good and bad arguments (test/badinput/harness.sql).  Every object of the
#    extension is owned by the installer, none depends on an attacker's object, the
#    non-superuser may execute every function and gets no permission error.
# 2. CVE-2022-2625: an attacker's pre-created object with one of our exact names (a
#    function nps(integer), a shell type nps_state) makes CREATE EXTENSION fail instead
#    of being adopted, and stays the attacker's.
# Prints "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/../.."

# shellcheck source=scripts/lib/tally.sh
. scripts/lib/tally.sh
su() { psql -qXAt -d "$1" -c "$2" 2>&1; }

for db in eng_sec_ref eng_sec eng_sec2 eng_sec3; do su postgres "DROP DATABASE IF EXISTS $db" >/dev/null; done
for r in eng_attacker eng_user; do su postgres "DROP ROLE IF EXISTS $r" >/dev/null; done
su postgres "CREATE ROLE eng_attacker LOGIN" >/dev/null
su postgres "CREATE ROLE eng_user LOGIN" >/dev/null

# our function signatures, from a clean install
su postgres "CREATE DATABASE eng_sec_ref" >/dev/null
su eng_sec_ref "CREATE EXTENSION engagement" >/dev/null
ours=$(su eng_sec_ref "SELECT p.oid::regprocedure FROM pg_proc p JOIN pg_depend d ON d.classid = 'pg_proc'::regclass
	AND d.objid = p.oid AND d.deptype = 'e' JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'engagement'")
nmembers=$(su eng_sec_ref "SELECT count(*) FROM pg_depend d JOIN pg_extension e ON e.oid = d.refobjid
	AND d.deptype = 'e' WHERE e.extname = 'engagement'")

# scenario 1: hostile overloads in a PUBLIC-writable install schema
su postgres "CREATE DATABASE eng_sec" >/dev/null
su eng_sec "CREATE SCHEMA shared; GRANT USAGE, CREATE ON SCHEMA shared TO PUBLIC" >/dev/null
planted=$(psql -qXAt -v ON_ERROR_STOP=1 -U eng_attacker -d eng_sec -v ours="$ours" \
	-c 'SET search_path = shared' -f test/security/plant.sql 2>&1)
echo "   $planted" | grep -o 'planted.*'
check "the attacker planted its traps" "$(echo "$planted" | grep -qE 'planted [0-9]{3,}' && echo t || echo "$planted")"
out=$(su eng_sec "CREATE EXTENSION engagement SCHEMA shared")
check "CREATE EXTENSION into the hostile schema succeeds" "$([ -z "$out" ] && echo t || echo "$out")"
check "nothing planted ran during the install" "$(su eng_sec "SELECT coalesce(string_agg(what, ', '), 't') FROM shared.captured")"
check "the install has exactly the objects of a clean install" "$(su eng_sec "SELECT count(*) = $nmembers FROM pg_depend d
	JOIN pg_extension e ON e.oid = d.refobjid AND d.deptype = 'e' WHERE e.extname = 'engagement'")"
check "every object of the extension is owned by the installing superuser" "$(su eng_sec "
	SELECT coalesce(string_agg(pg_describe_object(d.classid, d.objid, 0), ', '), 't')
	FROM pg_depend d JOIN pg_extension e ON e.oid = d.refobjid AND d.deptype = 'e' AND e.extname = 'engagement'
	WHERE coalesce((SELECT proowner FROM pg_proc WHERE d.classid = 'pg_proc'::regclass AND oid = d.objid),
	               (SELECT typowner FROM pg_type WHERE d.classid = 'pg_type'::regclass AND oid = d.objid),
	               (SELECT relowner FROM pg_class WHERE d.classid = 'pg_class'::regclass AND oid = d.objid),
	               (SELECT oprowner FROM pg_operator WHERE d.classid = 'pg_operator'::regclass AND oid = d.objid),
	               10) <> 10")"
check "no object of the extension depends on an attacker's object" "$(su eng_sec "
	SELECT coalesce(string_agg(pg_describe_object(x.classid, x.objid, 0) || ' -> ' || pg_describe_object(x.refclassid, x.refobjid, 0), ', '), 't')
	FROM pg_depend d JOIN pg_extension e ON e.oid = d.refobjid AND d.deptype = 'e' AND e.extname = 'engagement'
	JOIN pg_depend x ON x.classid = d.classid AND x.objid = d.objid
	WHERE (x.refclassid = 'pg_proc'::regclass AND x.refobjid IN (SELECT oid FROM pg_proc WHERE proowner = 'eng_attacker'::regrole))
	   OR (x.refclassid = 'pg_operator'::regclass AND x.refobjid IN (SELECT oid FROM pg_operator WHERE oprowner = 'eng_attacker'::regrole))")"
check "eng_user (not a superuser) may execute every function" "$(su eng_sec "
	SELECT coalesce(string_agg(p.oid::regprocedure::text, ', '), 't') FROM pg_proc p
	JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
	JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'engagement'
	WHERE NOT has_function_privilege('eng_user', p.oid, 'EXECUTE')")"
check "nothing is SECURITY DEFINER" "$(su eng_sec "SELECT coalesce(string_agg(p.oid::regprocedure::text, ', '), 't')
	FROM pg_proc p JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
	JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'engagement' WHERE p.prosecdef")"

# every function called by the non-superuser, with the attacker's schema as its search_path
res=$(psql -qXAt -U eng_user -d eng_sec -c 'SET eng_bi.call_path = shared' -c 'SET client_min_messages = warning' \
	-f test/badinput/harness.sql -c 'SELECT pg_temp.bi_run_calls()' \
	-c "SELECT 'calls=' || count(*) || ' functions=' || count(DISTINCT fn) FROM bi_results" \
	-c "SELECT 'denied: ' || fn || ' ' || message FROM bi_results WHERE sqlstate = '42501'" \
	-c "SELECT 'violation: ' || fn || ' ' || shape || ' ' || sqlstate || ' ' || coalesce(message, result) FROM bi_violations" 2>&1)
echo "$res" | grep -E '^calls=' | sed 's/^/   /'
check "eng_user calls every function, good and bad arguments: no permission error, no rule broken" \
	"$(echo "$res" | grep -qE '^calls=[1-9]' && ! echo "$res" | grep -qvE '^(calls=|$)' && echo t || echo "$res" | head -20)"
check "nothing planted ran when eng_user called every function" "$(su eng_sec "SELECT coalesce(string_agg(what || ' in ' || left(query, 200), ', '), 't') FROM shared.captured")"

# scenario 2 (CVE-2022-2625): pre-created objects with our exact names are not adopted
su postgres "CREATE DATABASE eng_sec2" >/dev/null
su eng_sec2 "CREATE SCHEMA shared; GRANT USAGE, CREATE ON SCHEMA shared TO PUBLIC" >/dev/null
psql -qXAt -U eng_attacker -d eng_sec2 -c "CREATE FUNCTION shared.nps(integer) RETURNS double precision
	LANGUAGE sql AS 'SELECT 42::float8'" >/dev/null
out=$(su eng_sec2 "CREATE EXTENSION engagement SCHEMA shared")
check "an attacker's nps(integer) makes CREATE EXTENSION fail" "$(echo "$out" | grep -q 'already exists' && echo t || echo "$out")"
check "... and stays the attacker's, outside any extension" "$(su eng_sec2 "SELECT p.proowner = 'eng_attacker'::regrole
	AND NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'engagement')
	FROM pg_proc p WHERE p.oid = 'shared.nps(integer)'::regprocedure")"
# (a non-superuser cannot create a base or shell type; a table or composite type it can.
# Not an implicit array type's name, a member from PostgreSQL 17 on: taking it only makes
# the server pick another array name.)
rel=$(su eng_sec_ref "SELECT c.relname FROM pg_class c JOIN pg_depend d ON d.classid = 'pg_class'::regclass
	AND d.objid = c.oid AND d.deptype = 'e' JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'engagement'
	UNION ALL SELECT t.typname FROM pg_type t JOIN pg_depend d ON d.classid = 'pg_type'::regclass
	AND d.objid = t.oid AND d.deptype = 'e' JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'engagement'
	WHERE t.typcategory <> 'A' ORDER BY 1 LIMIT 1")
su postgres "CREATE DATABASE eng_sec3" >/dev/null
su eng_sec3 "CREATE SCHEMA shared; GRANT USAGE, CREATE ON SCHEMA shared TO PUBLIC" >/dev/null
psql -qXAt -U eng_attacker -d eng_sec3 -c "CREATE TYPE shared.$rel AS (x integer)" >/dev/null
out=$(su eng_sec3 "CREATE EXTENSION engagement SCHEMA shared")
check "an attacker's composite type named $rel makes CREATE EXTENSION fail" "$(echo "$out" | grep -q 'already exists' && echo t || echo "$out")"

if [ "$fail" = 0 ]; then
	for db in eng_sec_ref eng_sec eng_sec2 eng_sec3; do su postgres "DROP DATABASE $db" >/dev/null; done
	for r in eng_attacker eng_user; do su postgres "DROP ROLE $r" >/dev/null; done
fi
tally
