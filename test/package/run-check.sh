#!/usr/bin/env bash
# test/package/run-check.sh: the Debian package, built, installed and used as a user would.
#
# A copy of the work tree (tracked and untracked files, not the ignored ones) is built with
# `dpkg-buildpackage -us -uc -b` under /tmp, so nothing is written beside the repository;
# the build's own run of the regression suite is switched off (nocheck) because the suite
# runs below against the installed package instead.  The package version must carry
# engagement.control's default_version, and the package must hold exactly the
# extension's install and upgrade scripts.  Then, for each postgresql-<major>-engagement
# built: `apt-get install ./postgresql-<major>-engagement_*.deb`, a throwaway cluster of the
# SYSTEM PostgreSQL <major> (not the check's private install) where CREATE EXTENSION
# engagement loads the packaged files and the pg_regress suite passes test by test, and
# `apt-get remove` leaves none of the package's files behind (files that a `make install`
# had put there before are saved and put back).  A lock serialises this hook across work
# trees (one dpkg database).  Prints "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/../.." || exit 1

# shellcheck source=scripts/lib/tally.sh
. scripts/lib/tally.sh
# shellcheck source=scripts/lib/cluster.sh
. scripts/lib/cluster.sh

apt=(apt-get -y -qq -o DPkg::Lock::Timeout=300)
export DEBIAN_FRONTEND=noninteractive
tmp=$(mktemp -d /tmp/engagement-package.XXXXXX)
chmod 755 "$tmp"
installed=()
# files of a `make install` (scripts/demo) that the package overwrites are saved here and
# put back after the package is removed
restore() {
	[ -f "$tmp/preexisting.tar" ] && tar -xPf "$tmp/preexisting.tar" && rm -f "$tmp/preexisting.tar"
}
cleanup() {
	eng_cluster_stop "$tmp/run" "${pgbin:-}"
	for p in "${installed[@]}"; do "${apt[@]}" remove "$p" >/dev/null 2>&1; done
	restore
	rm -rf "$tmp"
}
trap cleanup EXIT

exec 9>/tmp/engagement-package.lock
flock -w 1800 9 || { echo "another package check holds /tmp/engagement-package.lock"; echo "0 passed, 1 failed"; exit 1; }

default_version=$(sed -nE "s/^[[:space:]]*default_version[[:space:]]*=[[:space:]]*'([^']*)'.*/\1/p" engagement.control)
version=$(dpkg-parsechangelog -S Version)
check "debian/changelog's version $version is engagement.control's default_version $default_version plus a Debian revision" \
	"$([ "${version%-*}" = "$default_version" ] && echo t || echo "${version%-*} != $default_version: add a debian/changelog entry (dch -v $default_version-1)")"

# the tree to build: what git would commit, as it is now in the work tree
src=$tmp/build/engagement-$default_version
mkdir -p "$src"
status_before=$(git status --porcelain)
git ls-files -co --exclude-standard -z | tar -cf - --null -T - | tar -xf - -C "$src"
(cd "$src" && DEB_BUILD_OPTIONS="nocheck parallel=2" dpkg-buildpackage -us -uc -b -Pnocheck) >"$tmp/build.log" 2>&1
rc=$?
debs=$(cd "$tmp/build" && ls postgresql-*-engagement_"${version}"_*.deb 2>/dev/null)
check "dpkg-buildpackage -us -uc -b builds postgresql-<major>-engagement $version" \
	"$([ $rc = 0 ] && [ -n "$debs" ] && echo t || tail -30 "$tmp/build.log")"
check "the build leaves the work tree as it was" \
	"$([ "$(git status --porcelain)" = "$status_before" ] && echo t || git status --porcelain)"
[ -n "$debs" ] || { tally; exit 1; }

scripts=$(cd sql && ls engagement--*.sql)
for deb in $debs; do
	pkg=${deb%%_*}
	major=${pkg#postgresql-}
	major=${major%-engagement}
	pgbin=/usr/lib/postgresql/$major/bin
	echo "== $deb"

	contents=$(dpkg-deb -c "$tmp/build/$deb" | awk '{ print $6 }')
	ext_files=$(echo "$contents" | sed -n "s|^\./usr/share/postgresql/$major/extension/||p" | grep . | sort)
	check "$pkg holds engagement.control and exactly the install and upgrade scripts of sql/" \
		"$([ "$ext_files" = "$(printf '%s\n' engagement.control $scripts | sort)" ] && echo t || echo "$ext_files")"
	check "$pkg holds engagement.so and its copyright file" \
		"$(echo "$contents" | grep -qx "./usr/lib/postgresql/$major/lib/engagement.so" &&
			echo "$contents" | grep -qx "./usr/share/doc/$pkg/copyright" && echo t || echo "$contents")"

	files=$(echo "$contents" | sed 's|^\.||' | while read -r f; do [ -f "$f" ] && echo "$f"; done)
	if dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'ok installed'; then
		echo "note: $pkg was installed before this test; it is replaced and removed afterwards"
	elif [ -n "$files" ]; then
		echo "note: saving the $(echo "$files" | wc -l) files a make install left where $pkg installs, to put back afterwards"
		tar -cPf "$tmp/preexisting.tar" $files
	fi
	# apt-get reads the file as its unprivileged _apt user: make it readable
	chmod -R a+rX "$tmp/build"
	(cd "$tmp/build" && "${apt[@]}" install "./$deb") >"$tmp/install.log" 2>&1
	rc=$?
	installed+=("$pkg")
	check "apt-get install ./$deb" "$([ $rc = 0 ] && dpkg-query -W -f='${Status} ${Version}' "$pkg" |
		grep -qx "install ok installed $version" && echo t || cat "$tmp/install.log")"

	rm -rf "$tmp/run"
	if ! eng_cluster_start "$tmp/run" "$pgbin" >"$tmp/cluster.log" 2>&1; then
		check "a cluster of the system PostgreSQL $major starts" "$(cat "$tmp/cluster.log")"
		continue
	fi
	q() { psql -qXAt -v ON_ERROR_STOP=1 -d "$@" 2>&1; }
	q postgres -c "CREATE DATABASE package_check" >/dev/null
	out=$(q package_check -c "CREATE EXTENSION engagement" -c "SELECT extversion FROM pg_extension WHERE extname = 'engagement'")
	check "CREATE EXTENSION engagement on the system PostgreSQL $major gives version $default_version" \
		"$([ "$out" = "$default_version" ] && echo t || echo "$out")"
	out=$(q package_check -c "SELECT (SELECT setting FROM pg_config WHERE name = 'BINDIR') || ' ' ||
		(SELECT setting FROM pg_config WHERE name = 'PKGLIBDIR') || ' ' ||
		(SELECT count(*) FROM pg_proc WHERE probin = '\$libdir/engagement')::text")
	read -r bindir libdir nfuncs <<<"$out"
	check "the server is the system install and our C functions load the packaged engagement.so" \
		"$([ "$bindir" = "$pgbin" ] && [ "${nfuncs:-0}" -gt 0 ] &&
			[ "$(dpkg -S "$libdir/engagement.so" 2>&1)" = "$pkg: $libdir/engagement.so" ] &&
			q package_check -c "SELECT engagement_score(now(), 1, interval '1 day', now())" >/dev/null &&
			echo t || echo "$out; $(dpkg -S "$libdir/engagement.so" 2>&1)")"

	# the regression suite from the build tree's sql/ and expected/, against the packaged
	# files (its results/ and regression.diffs are written there, as the tests expect)
	make -C "$src" installcheck PG_CONFIG="$pgbin/pg_config" \
		EXTRA_REGRESS_OPTS="--dbname=regress_package" >"$tmp/regress.log" 2>&1
	rc=$?
	ran=0
	while read -r name result; do
		ran=$((ran + 1))
		check "regress $name against $pkg" "$([ "$result" = ok ] && echo t || head -c 3000 "$src/regression.diffs")"
	done < <(sed -nE -e 's/^test ([a-z_0-9]+) +\.\.\. ([a-zA-Z]+).*/\1 \2/p' \
		-e 's/^(not ok|ok) +[0-9]+ +[-+] +([a-z_0-9]+) .*/\2 \1/p' "$tmp/regress.log")
	nregress=$(find sql -maxdepth 1 -name '*.sql' ! -name 'engagement*' | wc -l)
	check "make installcheck ran all $nregress regression tests and passed" \
		"$([ $rc = 0 ] && [ $ran = "$nregress" ] && echo t || { echo "ran $ran"; tail -20 "$tmp/regress.log"; })"
	eng_cluster_stop "$tmp/run" "$pgbin"

	"${apt[@]}" remove "$pkg" >"$tmp/remove.log" 2>&1
	rc=$?
	left=$(echo "$contents" | sed 's|^\.||' | while read -r f; do [ -f "$f" ] && echo "$f"; done)
	check "apt-get remove $pkg removes every file it installed" \
		"$([ $rc = 0 ] && [ -z "$left" ] && ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'ok installed' &&
			echo t || { cat "$tmp/remove.log"; echo "$left"; })"
	restore
done
tally
