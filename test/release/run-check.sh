#!/usr/bin/env bash
# test/release/run-check.sh: the licence, META.json and the PGXN release archive.
#
# - LICENSE is the PostgreSQL License of "The engagement authors", and debian/copyright
#   and the README state the same licence (debian/copyright with LICENSE's very text).
# - META.json passes scripts/lib/pgxn_meta.py (PGXN Meta Spec 1.0.0; version and the
#   provided extension's version = engagement.control's default_version as a semantic
#   version; the files it names exist), and the validator rejects each of a set of broken
#   copies with the right complaint, so it could fail, including a default_version moved
#   on in engagement.control while META.json stayed behind.
# - scripts/release-archive makes engagement-<version>.zip of HEAD: every committed file but
#   the export-ignore ones, under engagement-<version>/; unpacked, it builds and installs
#   (make, make install DESTDIR=...) with PGXS.
# Prints "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/../.." || exit 1

# shellcheck source=scripts/lib/tally.sh
. scripts/lib/tally.sh
tmp=$(mktemp -d /tmp/engagement-release.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

# --- the licence
check "LICENSE is the PostgreSQL License, copyright 2026 The engagement authors" \
	"$([ "$(head -1 LICENSE)" = "PostgreSQL License" ] &&
		grep -qx 'Copyright (c) 2026, The engagement authors' LICENSE && echo t || head -3 LICENSE)"
# the text of debian/copyright's "License: PostgreSQL" paragraph, as plain lines
deb_text=$(awk -v RS= -F'\n' '$1 == "License: PostgreSQL" { for (i = 2; i <= NF; i++) print $i }' debian/copyright |
	sed -e 's/^ //' -e 's/^\.$//')
lic_text=$(sed -n '/^Permission to use/,$p' LICENSE)
check "debian/copyright gives Files: * the licence PostgreSQL with LICENSE's text" \
	"$(awk '/^Files: \*$/ { getline; getline; print }' debian/copyright | grep -qx 'License: PostgreSQL' &&
		[ "$deb_text" = "$lic_text" ] && echo t || diff <(echo "$lic_text") <(echo "$deb_text"))"
check "README states the PostgreSQL License and points to LICENSE" \
	"$(grep -A3 '^## License' README.md | grep -q 'PostgreSQL License' && grep -A3 '^## License' README.md |
		grep -q 'LICENSE' && echo t || echo 'no "## License" section naming the PostgreSQL License and LICENSE')"

# --- META.json
out=$(python3 scripts/lib/pgxn_meta.py 2>&1)
check "META.json is valid PGXN metadata whose version is engagement.control's default_version" \
	"$([ "$out" = "META.json is valid: engagement $(python3 scripts/lib/pgxn_meta.py --version)" ] && echo t || echo "$out")"

# broken copies: each line is "python code mutating m (META.json) or c (the control file) | expected complaint"
mkdir -p "$tmp/meta/sql"
cp LICENSE README.md "$tmp/meta/"
cp sql/engagement*.sql "$tmp/meta/sql/"
while IFS='|' read -r change complaint; do
	change=${change% }
	cp META.json engagement.control "$tmp/meta/"
	python3 - "$tmp/meta" "$change" <<-'PY'
		import json, re, sys
		root, change = sys.argv[1], sys.argv[2]
		m = json.load(open(f"{root}/META.json"))
		c = open(f"{root}/engagement.control").read()
		exec(change)
		json.dump(m, open(f"{root}/META.json", "w"))
		open(f"{root}/engagement.control", "w").write(c)
	PY
	out=$(python3 scripts/lib/pgxn_meta.py "$tmp/meta" 2>&1)
	rc=$?
	check "the validator rejects META.json with: ${change}" \
		"$([ $rc = 1 ] && echo "$out" | grep -qF -- "${complaint# }" && echo t || echo "rc $rc: $out")"
done <<-'EOF'
	del m["provides"] | missing required key 'provides'
	del m["maintainer"] | missing required key 'maintainer'
	m["version"] = "1.0" | version: '1.0' is not a semantic version
	m["version"] = "01.0.0" | is not a semantic version
	m["version"] = m["provides"]["engagement"]["version"] = "1.0.1" | is not default_version
	c = re.sub(r"default_version = '[^']*'", "default_version = '9.9'", c) | is not default_version '9.9.0'
	m["provides"]["engagement"]["version"] = "1.0.1" | provides.engagement.version: must be
	del m["provides"]["engagement"]["file"] | provides.engagement: missing required key 'file'
	m["provides"]["engagement"]["file"] = "sql/engagement--9.9.sql" | sql/engagement--9.9.sql does not exist
	m["provides"]["engagement"]["homepage"] = "x" | provides.engagement: unknown key 'homepage'
	m["license"] = "postgres" | is not a PGXN licence name
	m["license"] = "mit" | license: must be postgresql
	m["meta-spec"]["version"] = "2.0.0" | meta-spec.version: '2.0.0' is not 1.0.x
	m["name"] = "engage ment" | name: must be 2 or more characters
	m["homepage"] = "https://example.org" | META.json: unknown key 'homepage'
	m["tags"] = ["ok", "a/b"] | tags: must be a list
	m["prereqs"]["runtime"]["requires"]["PostgreSQL"] = "15" | is not 0 or a semantic version range
	m["release_status"] = "final" | release_status: must be
	m["abstract"] = "" | abstract: must be a non-empty string
EOF

# --- the release archive
zip=$(scripts/release-archive -o "$tmp" 2>"$tmp/archive.err")
rc=$?
version=$(python3 scripts/lib/pgxn_meta.py --version)
check "scripts/release-archive makes engagement-$version.zip" \
	"$([ $rc = 0 ] && [ "$zip" = "$tmp/engagement-$version.zip" ] && [ -s "$zip" ] && echo t || cat "$tmp/archive.err")"
listed=$(python3 -c 'import sys, zipfile; print("\n".join(sorted(n for n in zipfile.ZipFile(sys.argv[1]).namelist() if not n.endswith("/"))))' "$zip" 2>&1)
expected=$(git ls-tree -r --name-only HEAD | grep -vE '^(\.ci/|\.gitignore$|\.gitattributes$)' | sed "s|^|engagement-$version/|" | sort)
check "the archive holds every committed file but .ci/, .gitignore and .gitattributes, under engagement-$version/" \
	"$([ "$listed" = "$expected" ] && echo t || diff <(echo "$expected") <(echo "$listed") | head -20)"
mkdir -p "$tmp/unzip"
python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' "$zip" "$tmp/unzip"
dist=$tmp/unzip/engagement-$version
{ make -C "$dist" -s -j2 && make -C "$dist" -s install DESTDIR="$tmp/inst"; } >"$tmp/make.log" 2>&1
rc=$?
sharedir=$(pg_config --sharedir)
pkglibdir=$(pg_config --pkglibdir)
scripts=$(cd sql && ls engagement--*.sql)
check "the unpacked archive builds and installs engagement.so, engagement.control and every sql/engagement--*.sql" \
	"$([ $rc = 0 ] && [ -f "$tmp/inst$pkglibdir/engagement.so" ] &&
		[ "$(ls "$tmp/inst$sharedir/extension")" = "$(printf '%s\n' engagement.control $scripts | sort)" ] &&
		echo t || { tail -20 "$tmp/make.log"; ls "$tmp/inst$sharedir/extension"; })"
tally
