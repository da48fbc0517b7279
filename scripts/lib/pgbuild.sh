# shellcheck shell=bash
# scripts/lib/pgbuild.sh: PostgreSQL servers other than Debian 12's 15, built from Debian's
# own source packages into private prefixes under a cache directory (scripts/matrix).
#
# Source it from the repo root. It gives:
#   eng_pg_build MAJOR   print the bindir of PostgreSQL MAJOR under $ENG_MATRIX_CACHE,
#                        building it first unless a finished build is cached there: the
#                        server, postgres_fdw, pgTAP (sid's) and pg_cron (when the suite's
#                        source package of it can be fetched)
#
# The source packages come from Debian 13 "trixie" (17) and "sid" (18) through a private apt
# configuration (deb-src entries in a sources list under the cache directory, private
# package lists and archive cache): the machine's own apt sources are never touched.
# ENG_PG_SRC_<MAJOR> (e.g. ENG_PG_SRC_17=/path/postgresql-17.6) builds from an unpacked
# PostgreSQL source tree instead, for a machine that cannot reach the source package.
# A prefix counts as built only when its stamp file exists, written after the last step,
# so an interrupted build is redone from scratch on the next run.

ENG_MATRIX_CACHE=${ENG_MATRIX_CACHE:-/var/cache/engagement-matrix}

# the Debian suite whose source package of each major version is built
eng_pg_suite() {
	case $1 in
		17) echo trixie ;;
		18) echo sid ;;
		*) return 1 ;;
	esac
}

# eng_apt ARGS...: apt-get / apt-cache with the private configuration only
eng_apt() {
	local tool=$1 a=$ENG_MATRIX_CACHE/apt
	shift
	"$tool" -o Dir::Etc::SourceList="$a/sources.list" -o Dir::Etc::SourceParts=/dev/null \
		-o Dir::State::Lists="$a/lists" -o Dir::Cache="$a/cache" \
		-o APT::Get::List-Cleanup=0 -o APT::Sandbox::User=root "$@"
}

# eng_apt_init: write the private sources list and fetch its package lists (once a day).
# The archive is the one the machine's own apt configuration uses for Debian 12's main.
eng_apt_init() {
	local a=$ENG_MATRIX_CACHE/apt mirror
	mirror=$(apt-cache policy 2>/dev/null | awk '$1 ~ /^[0-9]+$/ && $3 == "bookworm/main" { print $2; exit }')
	[ -n "$mirror" ] || { echo "no Debian 12 (bookworm/main) archive in the apt configuration" >&2; return 1; }
	mkdir -p "$a/lists/partial" "$a/cache/archives/partial"
	cat >"$a/sources.list" <<-EOF
		deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror trixie main
		deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror sid main
	EOF
	if [ -z "$(find "$a/lists" -maxdepth 1 -name '*Sources*' -mtime -1 2>/dev/null)" ]; then
		eng_apt apt-get -qq update || return 1
	fi
}

# eng_src SUITE PACKAGE DIR: the upstream source of PACKAGE as SUITE has it (the .orig
# tarball of its source package, checked against the hash in the signed index), unpacked
# into DIR (made afresh); prints the path of the source tree.  Debian's own patches are not
# applied: they move the library directory to /usr/lib/postgresql/<major>/lib, outside the
# private prefix.  When the archive no longer serves the indexed tarball (it happens right
# after a point release: the index names the new one before the mirror has it),
# eng_src_previous takes an earlier point release of the same package.
eng_src() {
	local suite=$1 pkg=$2 dir=$3 uri file hash
	rm -rf "$dir"
	mkdir -p "$dir"
	read -r uri file _ hash < <(eng_apt apt-get -qq source --print-uris "$pkg/$suite" 2>/dev/null |
		grep -E "^'[^']*\.orig\.tar\.[a-z0-9]+' ")
	[ -n "${uri:-}" ] || { echo "no source package $pkg in $suite" >&2; return 1; }
	if ! /usr/lib/apt/apt-helper -qq -o APT::Sandbox::User=root download-file "${uri//\'/}" "$dir/$file" "$hash" >&2; then
		file=$(eng_src_previous "$suite" "$pkg" "$dir" "${uri//\'/}") || return 1
	fi
	tar -xf "$dir/$file" -C "$dir" || return 1
	find "$dir" -mindepth 1 -maxdepth 1 -type d | head -1
}

# eng_src_previous SUITE PACKAGE DIR URI: download into DIR the .orig tarball of the newest
# of the five point releases before the indexed one (URI, whose file is missing) that the
# archive still serves, trusted the way dpkg-source trusts it: the release's .dsc must
# carry a valid signature of a Debian developer (gpgv against debian-keyring, installed
# from Debian when absent) and the tarball must match the SHA-256 that .dsc lists.  Prints
# the tarball's file name.
eng_src_previous() {
	local suite=$1 pkg=$2 dir=$3 uri=$4 base up major minor rev m dsc sum file
	base=${uri%/*}
	up=$(eng_apt apt-get -qq source --print-uris "$pkg/$suite" 2>/dev/null |
		awk '$2 ~ /\.dsc$/ { sub(/^[^_]*_/, "", $2); sub(/\.dsc$/, "", $2); print $2; exit }')
	rev=${up#*-}
	up=${up%%-*}
	major=${up%.*}
	minor=${up##*.}
	[ -f /usr/share/keyrings/debian-keyring.gpg ] ||
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debian-keyring >/dev/null 2>&1 ||
		{ echo "debian-keyring is needed to check an earlier release of $pkg" >&2; return 1; }
	for ((m = minor - 1; m >= 0 && m >= minor - 5; m--)); do
		dsc=$dir/${pkg}_$major.$m-$rev.dsc
		curl -fsS -m 60 -o "$dsc" "$base/${pkg}_$major.$m-${rev//+/%2b}.dsc" 2>/dev/null || continue
		gpgv --keyring /usr/share/keyrings/debian-keyring.gpg "$dsc" 2>/dev/null ||
			{ echo "the signature of $dsc does not verify" >&2; return 1; }
		read -r sum _ file < <(awk '/^Checksums-Sha256:/ { on = 1; next } /^[^ ]/ { on = 0 }
			on && $3 ~ /\.orig\.tar\./ { print; exit }' "$dsc")
		[ -n "${file:-}" ] || return 1
		/usr/lib/apt/apt-helper -qq -o APT::Sandbox::User=root download-file "$base/$file" \
			"$dir/$file" "SHA256:$sum" >&2 || return 1
		echo "   $pkg $up is not served; using $major.$m (signed .dsc, SHA-256 checked)" >&2
		echo "$file"
		return 0
	done
	echo "no earlier point release of $pkg is served either" >&2
	return 1
}

# eng_pg_build MAJOR: print the bindir of the private build of PostgreSQL MAJOR; build it
# (configure, make, install, plus the extensions the suite needs) unless it is cached
eng_pg_build() {
	local major=$1 suite prefix src log start t srcvar=ENG_PG_SRC_$1
	suite=$(eng_pg_suite "$major") || { echo "no source for PostgreSQL $major" >&2; return 1; }
	prefix=$ENG_MATRIX_CACHE/pg$major
	log=$ENG_MATRIX_CACHE/build-$major.log
	if [ -f "$prefix/.built" ]; then
		echo "$prefix/bin"
		return 0
	fi
	start=$(date +%s)
	echo "   building PostgreSQL $major from ${!srcvar:-the Debian $suite source package} (log: $log)" >&2
	{
		eng_apt_init &&
			rm -rf "$prefix" &&
			src=${!srcvar:-$(eng_src "$suite" "postgresql-$major" "$ENG_MATRIX_CACHE/src/pg$major")} &&
			[ -n "$src" ] &&
			echo "== $src" &&
			(cd "$src" && ./configure --prefix="$prefix" --without-readline --without-icu \
				--without-llvm --with-libxml) &&
			make -C "$src" -j2 &&
			make -C "$src" install &&
			make -C "$src/contrib/postgres_fdw" install &&
			eng_pgxs_build "$prefix" "$(eng_src sid pgtap "$ENG_MATRIX_CACHE/src/pgtap$major")" &&
			{ eng_pgxs_build "$prefix" "$(eng_src "$suite" pg-cron "$ENG_MATRIX_CACHE/src/pgcron$major")" ||
				echo "no pg_cron for PostgreSQL $major"; } &&
			echo "$src" >"$prefix/.built"
	} >"$log" 2>&1 || { tail -30 "$log" >&2; return 1; }
	t=$(($(date +%s) - start))
	echo "   PostgreSQL $major built in $((t / 60)) min $((t % 60)) s" >&2
	echo "$prefix/bin"
}

# eng_pgxs_build PREFIX SRC: build and install the PGXS extension in SRC into PREFIX
eng_pgxs_build() {
	[ -n "$2" ] && [ -d "$2" ] || return 1
	make -C "$2" PG_CONFIG="$1/bin/pg_config" &&
		make -C "$2" PG_CONFIG="$1/bin/pg_config" install
}
