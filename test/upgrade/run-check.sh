#!/usr/bin/env bash
# test/upgrade/run-check.sh: the upgrade path.  One shared library serves every installed
# version of the extension; ALTER EXTENSION engagement UPDATE must keep stored data and
# results, and must end in exactly the catalog a fresh install of the new version has.
#
# Versions come from the installed files (engagement.control's default_version and the
# sql/engagement--*.sql scripts, as the server lists them): "old" versions are all the
# versions other than the default.  Steps:
#   library  every C symbol named in every installed install / upgrade script ('symbol' in
#            AS 'MODULE_PATHNAME', 'symbol') is exported by engagement.so, with its
#            pg_finfo_ record;
#   frozen   the frozen 1.0 install script has the SHA-256 recorded in
#            test/upgrade/engagement--1.0.sha256 (test/upgrade/freeze-1.0.sh writes it);
#   catalog  test/upgrade/catalog.sql gives equal output for two fresh installs, and reports
#            each object and attribute perturbed in a scratch database (so the comparison
#            below can fail);
#   stored   test/upgrade/stored.sql stores a value of every type of the extension, and
#            REFRESH MATERIALIZED VIEW gives the same contents;
#   1        the 1.0-era regression tests (test/upgrade/regress-1.0, a snapshot taken by
#            freeze-1.0.sh) pass against CREATE EXTENSION engagement VERSION '1.0' with this
#            library;
# and for every old version V with an update path to the default version D:
#   2        a V database with the stored data, updated to D: version D, identical contents
#            and results (test/upgrade/results.sql: every function of V on every stored value
#            of its first argument's type), REFRESH works and changes nothing, and the
#            functions of D give on the old values what they give on values built by D;
#   3        the catalog of the updated database equals a fresh D install's, line for line;
#   4        a pg_dump of the V database restored into an empty database (which installs D)
#            and into one pre-created with V then updated gives the same contents and results;
#   5        a value of every state type in an unknown format version is rejected, through
#            binary input and as stored bytes.
# A step that cannot run yet (no recorded SHA-256, no snapshot, no upgrade script) prints a
# loud SKIP and counts as neither passed nor failed.  Prints "N passed, N failed[, N skipped]".
set -uo pipefail
cd "$(dirname "$0")/../.." || exit 1

# shellcheck source=scripts/lib/tally.sh
. scripts/lib/tally.sh
# the check's cluster runs the private install: its directories hold our build
cfg() { psql -XAt -d postgres -c "SELECT setting FROM pg_catalog.pg_config WHERE name = '$1'"; }
bindir=$(cfg BINDIR)
sharedir=$(cfg SHAREDIR)
pkglibdir=$(cfg PKGLIBDIR)
pgxs=$(dirname "$(dirname "$(cfg PGXS)")")
dir=$(mktemp -d /tmp/engagement-upgrade.XXXXXX)
chmod 777 "$dir"
trap 'rm -rf "$dir"' EXIT
dbs=()

sql() { psql -qXAt -v ON_ERROR_STOP=1 -d "$@" 2>&1; }
newdb() {
	sql postgres -c "DROP DATABASE IF EXISTS $1" >/dev/null
	sql postgres -c "CREATE DATABASE $1" >/dev/null
	dbs+=("$1")
}
# install DB [VERSION]: a new database with the extension (at VERSION, default if empty)
install() {
	newdb "$1"
	sql "$1" -c "CREATE EXTENSION engagement${2:+ VERSION '$2'}"
}
catalog() { sql "$1" -f test/upgrade/catalog.sql; }
results() { sql "$1" -f test/upgrade/results.sql; }
# report A B LABEL_A LABEL_B: the lines of file A missing from B and those of B missing
# from A, each prefixed with its label ("<label>: <object> | <attribute> | <value>")
report() {
	diff --old-line-format="$3: %L" --new-line-format="$4: %L" --unchanged-line-format='' "$1" "$2"
}
# same A B LABEL_A LABEL_B: "t" when the files are equal, otherwise the first differences
same() {
	if cmp -s "$1" "$2"; then echo t; else echo "differences:"; report "$@" | head -40; fi
}
# load DB: the stored data of test/upgrade/stored.sql (a check of its own)
load() {
	check "stored.sql loads into $1 (extension $(sql "$1" -c "SELECT extversion FROM pg_extension
		WHERE extname = 'engagement'"))" "$(sql "$1" -f test/upgrade/stored.sql >"$dir/load.log" && echo t || cat "$dir/load.log")"
}
# refresh DB: REFRESH every materialized view of the public schema, in creation order
refresh() {
	sql "$1" -c "SELECT pg_catalog.format('REFRESH MATERIALIZED VIEW %s;', c.oid::regclass)
		FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
		WHERE n.nspname = 'public' AND c.relkind = 'm' ORDER BY c.oid" | sql "$1"
}

default=$(sql postgres -c "SELECT default_version FROM pg_catalog.pg_available_extensions WHERE name = 'engagement'")
control=$(sed -n "s/^default_version *= *'\([^']*\)'.*/\1/p" engagement.control)
versions=$(sql postgres -c "SELECT string_agg(version, ' ' ORDER BY version) FROM pg_catalog.pg_available_extension_versions
	WHERE name = 'engagement'")
echo "   versions installed: $versions; default: $default"
check "the server's default version is engagement.control's ($control)" "$([ "$default" = "$control" ] && echo t ||
	echo "server: $default")"

# ---- library: every C symbol of every shipped script is in engagement.so
nm -D --defined-only "$pkglibdir/engagement.so" | awk '{ print $NF }' | sort -u >"$dir/symbols"
# (quotes doubled inside the DO blocks that create the fixed-arity overloads)
libref="'{1,2}(MODULE_PATHNAME|\\\$libdir/engagement)'{1,2}"
for script in "$sharedir"/extension/engagement--*.sql; do
	grep -oE "${libref}[[:space:]]*,[[:space:]]*'{1,2}[A-Za-z0-9_]+'" "$script" | sed -E "s/.*'([A-Za-z0-9_]+)'+$/\1/" |
		sort -u >"$dir/wanted"
	# a library reference without a symbol on the same line is not parsed: name it
	result=$(grep -nE "$libref" "$script" | grep -vE "${libref}[[:space:]]*,[[:space:]]*'{1,2}[A-Za-z0-9_]+'" |
		sed 's/^/symbol not named on the line: /')
	while read -r sym; do
		for s in "$sym" "pg_finfo_$sym"; do
			grep -qx "$s" "$dir/symbols" || result+=" missing: $s"
		done
	done <"$dir/wanted"
	check "$(basename "$script"): its $(wc -l <"$dir/wanted") C symbols (and their pg_finfo_ records) are in engagement.so" \
		"${result:-t}"
done

# ---- frozen: the released 1.0 install script is never edited
if [ -f test/upgrade/engagement--1.0.sha256 ]; then
	check "sql/engagement--1.0.sql has the SHA-256 recorded when 1.0 was frozen" \
		"$(sha256sum --quiet -c test/upgrade/engagement--1.0.sha256 >"$dir/sha" 2>&1 && echo t || cat "$dir/sha")"
else
	skip "sql/engagement--1.0.sql has its frozen SHA-256" \
		"!!! NO RECORDED VALUE: 1.0 is not frozen yet; test/upgrade/freeze-1.0.sh records it !!!"
fi

# ---- catalog: the comparison itself
install eng_upg_fresh_a
install eng_upg_fresh_b
catalog eng_upg_fresh_a >"$dir/cat_a"
catalog eng_upg_fresh_b >"$dir/cat_b"
echo "   catalog of a fresh $default install: $(wc -l <"$dir/cat_a") lines, $(grep -c ' | member | ' "$dir/cat_a") members"
check "catalog.sql describes every member (no UNHANDLED catalog)" \
	"$([ "$(grep -c ' | member | ' "$dir/cat_a")" -gt 100 ] && ! grep -q ' | UNHANDLED | ' "$dir/cat_a" && echo t ||
		grep -m5 -E ' \| UNHANDLED \| |^ERROR' "$dir/cat_a")"
check "two fresh installs: 0 catalog differences" "$(same "$dir/cat_a" "$dir/cat_b" first second)"

# perturbations of a scratch install: each must be reported with its object and attribute,
# and nothing else may be reported
install eng_upg_scratch
perturb=$(sql eng_upg_scratch <<-'SQL'
	ALTER FUNCTION score(decay_state, timestamptz) COST 7;
	ALTER FUNCTION nps(nps_state) PARALLEL RESTRICTED;
	COMMENT ON FUNCTION responses(nps_state) IS 'perturbed';
	REVOKE EXECUTE ON FUNCTION csat(csat_state) FROM PUBLIC;
	UPDATE pg_catalog.pg_aggregate SET aggfinalmodify = 'w' WHERE aggfnoid = 'rollup(nps_state)'::regprocedure;
	UPDATE pg_catalog.pg_aggregate SET agginitval = 'perturbed' WHERE aggfnoid = 'nps_agg(integer)'::regprocedure;
	ALTER TYPE nps_state SET (SEND = NONE, RECEIVE = NONE);
	ALTER TABLE rfm_segment_map ALTER COLUMN segment SET DEFAULT 'perturbed';
	SET session_replication_role = replica;
	UPDATE rfm_segment_map SET segment = 'Perturbed' WHERE builtin AND map_name = 'rfm_grid' AND segment = 'Champions';
	RESET session_replication_role;
	ALTER EXTENSION engagement DROP FUNCTION half_life(decay_state);
	CREATE FUNCTION perturbed_extra() RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT 1';
	ALTER EXTENSION engagement ADD FUNCTION perturbed_extra();
SQL
)
catalog eng_upg_scratch >"$dir/cat_p"
report "$dir/cat_a" "$dir/cat_p" fresh perturbed >"$dir/report_p"
echo "   perturbed scratch database: $(wc -l <"$dir/report_p") report lines, e.g."
grep -E '^[a-z]+: (function public.score|aggregate public.rollup)' "$dir/report_p" | sed 's/^/     /'
expect=(
	"function public.score(public.decay_state,timestamp with time zone) | cost"
	"function public.nps(public.nps_state) | parallel"
	"function public.responses(public.nps_state) | comment"
	"function public.csat(public.csat_state) | acl"
	"aggregate public.rollup(public.nps_state) | final modify"
	"aggregate public.nps_agg(integer) | initial value"
	"type public.nps_state | send"
	"type public.nps_state | receive"
	"table public.rfm_segment_map | column 3"
	"table public.rfm_segment_map | extension row"
	"function public.half_life(public.decay_state) | member"
	"function public.perturbed_extra() | member"
)
for e in "${expect[@]}"; do
	check "a perturbation is reported: $e" "$([ -z "$perturb" ] && grep -qF " $e | " "$dir/report_p" && echo t ||
		echo "$perturb not in the report")"
done
# the report may name a perturbed attribute (or any attribute of an object that joined or
# left the extension) and nothing else
for e in "${expect[@]}"; do
	case $e in *" | member") echo "${e% | member} | " ;; *) echo "$e | " ;; esac
done >"$dir/allowed"
check "the report names nothing that was not perturbed" \
	"$(grep -vF -f "$dir/allowed" "$dir/report_p" | head -10 | grep . || echo t)"

# ---- stored: the data an update must keep covers every type, and REFRESH reproduces it
oldest=${versions%% *}
install eng_upg_cover "$oldest"
load eng_upg_cover
check "stored.sql stores a non-NULL value of every type of the extension ($oldest)" "$(sql eng_upg_cover -c "
	SELECT coalesce(string_agg(t.oid::regtype::text, ', '), 't')
	FROM pg_catalog.pg_type t
	JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e'
	JOIN pg_catalog.pg_extension e ON e.oid = d.refobjid AND e.extname = 'engagement'
	WHERE NOT EXISTS (SELECT FROM pg_catalog.pg_class r
		JOIN pg_catalog.pg_namespace n ON n.oid = r.relnamespace AND n.nspname = 'public'
		JOIN pg_catalog.pg_attribute a ON a.attrelid = r.oid AND a.attnum > 0 AND NOT a.attisdropped
		WHERE r.relkind IN ('r', 'm') AND a.atttypid IN (t.oid, t.typarray)
		  AND (xpath('/row/n/text()', query_to_xml(format('SELECT count(%I) AS n FROM %s', a.attname, r.oid::regclass),
			false, true, '')))[1]::text::bigint > 0)
	  AND NOT EXISTS (SELECT FROM pg_catalog.pg_class r WHERE r.reltype = t.oid AND r.relkind <> 'c')
	  AND t.typcategory <> 'A'")"	# (implicit array types: members from PostgreSQL 17 on)
results eng_upg_cover >"$dir/res_cover"
refresh eng_upg_cover >"$dir/refresh.log"
results eng_upg_cover >"$dir/res_cover2"
check "REFRESH of every materialized view gives identical contents and results ($oldest)" \
	"$([ ! -s "$dir/refresh.log" ] && same "$dir/res_cover" "$dir/res_cover2" stored refreshed || cat "$dir/refresh.log")"

# ---- 1: the 1.0-era regression tests against VERSION '1.0' and this library
regress10=test/upgrade/regress-1.0
if [ -d "$regress10/sql" ]; then
	install eng_upg_regress 1.0
	tests=$(cd "$regress10/sql" && ls -- *.sql | sed 's/\.sql$//')
	# from a copy: the tests read their files relative to where psql runs and write under results/
	cp -r "$regress10" "$dir/regress-1.0"
	# shellcheck disable=SC2086
	(cd "$dir/regress-1.0" && "$pgxs/test/regress/pg_regress" --inputdir=. --outputdir=. \
		--bindir="$bindir" --use-existing --dbname=eng_upg_regress $tests) >"$dir/regress.log" 2>&1
	for t in $tests; do
		# pg_regress prints "test NAME ... ok" up to PostgreSQL 15, "ok N - NAME" (TAP) from 16
		line=$(grep -E "^((test)? +$t +\.\.\.|(not )?ok +[0-9]+ +[-+] +$t( |$))" "$dir/regress.log" | head -1)
		check "1.0-era regression test $t (VERSION '1.0', this library)" \
			"$(echo "$line" | grep -qE '\.\.\. ok|^ok ' && echo t || { echo "$line"; head -c 2000 "$dir/regress-1.0/regression.diffs" 2>/dev/null; })"
	done
else
	skip "1.0-era regression tests against VERSION '1.0'" \
		"!!! NO SNAPSHOT: $regress10 does not exist; test/upgrade/freeze-1.0.sh takes it when 1.0 is frozen !!!"
fi

# ---- 2, 3, 4 for every old version
olds=$(for v in $versions; do [ "$v" != "$default" ] && echo "$v"; done)
if [ -z "$olds" ]; then
	for step in "2. stored data and results survive ALTER EXTENSION engagement UPDATE" \
		"3. updated catalog equals a fresh install's" "4. pg_dump of an old database, restored and updated"; do
		skip "$step" "!!! NO UPGRADE SCRIPT YET: only version $default is installed !!!"
	done
else
	# the reference: a fresh install of the default version with the same stored data
	install eng_upg_new
	load eng_upg_new
	results eng_upg_new >"$dir/res_new"
fi
for v in $olds; do
	path=$(sql postgres -c "SELECT path FROM pg_catalog.pg_extension_update_paths('engagement')
		WHERE source = '$v' AND target = '$default'")
	if [ -z "$path" ]; then
		check "$v has an update path to $default" "no path"
		continue
	fi
	echo "   update path $v -> $default: $path"
	db=eng_upg_from_${v//[^0-9a-zA-Z]/_}

	# 2. stored data and results survive the update
	install "$db" "$v"
	load "$db"
	results "$db" >"$dir/res_before"
	"$bindir/pg_dump" -Fc -d "$db" -f "$dir/dump" 2>"$dir/dump.err"
	out=$(sql "$db" -c "ALTER EXTENSION engagement UPDATE")
	check "$v: ALTER EXTENSION engagement UPDATE succeeds" "$([ -z "$out" ] && echo t || echo "$out")"
	check "$v: the extension is now at version $default" \
		"$(sql "$db" -c "SELECT CASE extversion WHEN '$default' THEN 't' ELSE extversion END FROM pg_extension
			WHERE extname = 'engagement'")"
	results "$db" >"$dir/res_after"
	grep -v '^result ' "$dir/res_before" >"$dir/contents_before"
	grep -v '^result ' "$dir/res_after" >"$dir/contents_after"
	check "$v: table and view contents are identical after the update" \
		"$(same "$dir/contents_before" "$dir/contents_after" before after)"
	# every result line of V is there unchanged; D may add lines (functions D added)
	missing=$(comm -23 <(grep '^result ' "$dir/res_before" | LC_ALL=C sort) <(grep '^result ' "$dir/res_after" | LC_ALL=C sort))
	check "$v: every $v function gives identical results on the stored values after the update" \
		"$([ -z "$missing" ] && echo t || { echo "before the update, not after:"; echo "$missing" | head -20; })"
	refresh "$db" >"$dir/refresh.log"
	results "$db" >"$dir/res_refreshed"
	check "$v: REFRESH MATERIALIZED VIEW works after the update and changes nothing" \
		"$([ ! -s "$dir/refresh.log" ] && same "$dir/res_after" "$dir/res_refreshed" updated refreshed || cat "$dir/refresh.log")"
	check "$v: the $default functions give on the old stored values what they give on values built by $default" \
		"$(same "$dir/res_new" "$dir/res_after" "fresh $default" "updated from $v")"
	echo "   $(grep -c '^result ' "$dir/res_before") results of $v functions compared, $(grep -c '^result ' "$dir/res_after") of $default functions ($(grep -c '^result .*| ERROR ' "$dir/res_after") of them errors)"

	# 3. the updated catalog equals a fresh install's
	catalog "$db" >"$dir/cat_updated"
	check "$v: catalog of the updated database equals a fresh $default install's (0 differences)" \
		"$(same "$dir/cat_a" "$dir/cat_updated" "fresh $default" "updated from $v")"

	# 4. a dump of the old database, restored where the new library is installed
	check "$v: pg_dump of the $v database succeeds" "$([ -s "$dir/dump" ] && [ ! -s "$dir/dump.err" ] && echo t || cat "$dir/dump.err")"
	newdb "${db}_restored"
	"$bindir/pg_restore" --exit-on-error -d "${db}_restored" "$dir/dump" 2>"$dir/restore.err"
	results "${db}_restored" >"$dir/res_restored"
	check "$v: restored into an empty database (installs $default): same contents and results" \
		"$([ ! -s "$dir/restore.err" ] && same "$dir/res_new" "$dir/res_restored" "fresh $default" restored || cat "$dir/restore.err")"
	install "${db}_restored_old" "$v"
	"$bindir/pg_restore" --exit-on-error -d "${db}_restored_old" "$dir/dump" 2>"$dir/restore.err"
	out=$(sql "${db}_restored_old" -c "ALTER EXTENSION engagement UPDATE")
	results "${db}_restored_old" >"$dir/res_restored_old"
	check "$v: restored into a $v database, then updated: same contents and results" \
		"$([ ! -s "$dir/restore.err" ] && [ -z "$out" ] && same "$dir/res_new" "$dir/res_restored_old" "fresh $default" "restored, updated" ||
			cat "$dir/restore.err" <(echo "$out"))"
done

# ---- 5. a stored value in a format version the code does not know is rejected.
# Every stored state type carries a layout version (src/engagement.h, EngStateHeader; the
# binary form's first byte).  For each type, a value of this library is changed to claim
# version 3 (rfm_state has versions 1 and 2; the others version 1) and must be refused with
# an error that names the version:
#   a) binary input (COPY ... FORMAT binary, the type's recv): byte 1 of the binary form;
#   b) a value already on disk (a library downgraded under stored data): the version word
#      after the varlena header.  SQL cannot write such bytes, so a scratch database gets
#      binary-coercible casts between bytea and the type (CREATE CAST WITHOUT FUNCTION
#      checks alignment only when it runs, so typalign is 'i' for that statement only);
#      the unmodified bytes must read back as the same value, so the harness itself works.
newdb eng_upg_format
sql eng_upg_format -c "CREATE EXTENSION engagement" >/dev/null
fmt_values="('decay_state', \$\$decay_agg(timestamptz '2024-01-01 00:00+00', 1.0::float8, interval '1 day')\$\$),
	('engagement_score_state', \$\$'half_life_us=86400000000 events=1 as_of=2024-01-01T00:00:00+00 sum=1 correction=0'::engagement_score_state\$\$),
	('nps_state', \$\$nps_agg(9)\$\$), ('csat_state', \$\$csat_agg(4)\$\$),
	('rfm_state', \$\$rfm_agg(timestamptz '2024-01-01 00:00+00', 10.0::float8)\$\$)"
for t in $(sql eng_upg_format -c "SELECT t FROM (VALUES $fmt_values) v(t, e)"); do
	e=$(sql eng_upg_format -c "SELECT e FROM (VALUES $fmt_values) v(t, e) WHERE t = '$t'")
	f="$dir/$t.v3.bin"
	sql eng_upg_format -c "COPY (SELECT overlay(${t}_send(v) PLACING '\\x03'::bytea FROM 1 FOR 1) FROM (SELECT $e) s(v)) TO '$f' (FORMAT binary)" >/dev/null
	out=$(psql -qXAt -d eng_upg_format -v VERBOSITY=verbose -c "CREATE TEMP TABLE t (v $t); COPY t FROM '$f' (FORMAT binary)" 2>&1)
	check "5a. $t in binary format version 3 is rejected (22P03, names the version)" \
		"$(echo "$out" | grep -q "22P03.*unsupported binary $t format version 3" && echo t || echo "$out")"
	out=$(psql -qXAt -d eng_upg_format -v VERBOSITY=verbose 2>&1 <<-SQL
		BEGIN;
		UPDATE pg_catalog.pg_type SET typalign = 'i' WHERE oid = '$t'::regtype;
		CREATE CAST (bytea AS $t) WITHOUT FUNCTION;
		CREATE CAST ($t AS bytea) WITHOUT FUNCTION;
		UPDATE pg_catalog.pg_type SET typalign = 'd' WHERE oid = '$t'::regtype;
		COMMIT;
		CREATE TABLE stored AS SELECT $e AS v;
		SELECT 'same=' || (v::bytea::$t::text = v::text) FROM stored;
		SELECT overlay(v::bytea PLACING '\\x03000000'::bytea FROM 1 FOR 4)::$t::text FROM stored;
		SELECT (v::bytea || '\\x00'::bytea)::$t::text FROM stored;
		DROP TABLE stored; DROP CAST (bytea AS $t); DROP CAST ($t AS bytea);
	SQL
	)
	check "5b. $t stored in format version 3 is refused (0A000, names the version); version 1 reads back" \
		"$(echo "$out" | grep -q '^same=true$' &&
			echo "$out" | grep -q "0A000.*stored $t value has format version 3, which this library does not read" &&
			echo "$out" | grep -q "XX001.*stored $t value is [0-9]* bytes, expected" && echo t || echo "$out")"
done

if [ "$fail" = 0 ]; then
	for db in "${dbs[@]}"; do sql postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null; done
fi
tally
