# shellcheck shell=bash
# scripts/lib/citus.sh: Citus (a test dependency only; Debian does not package it) built once
# from the vendored source into a cache, for test/citus.
#
# Source it from the repo root after scripts/lib/cluster.sh. It gives:
#   eng_citus_tarball        print the path of the vendored Citus source tarball
#                            ($ENG_CITUS_VENDOR, default ../shared/vendor/citus next to the
#                            repo) or fail when there is none (a user's clone)
#   eng_citus_supported      succeed when that Citus supports the server of $ENG_PG_CONFIG
#                            (Citus 13.2: PostgreSQL 15, 16 and 17)
#   eng_citus_build          print the cache directory holding a DESTDIR install of Citus
#                            built for that server, building it first unless cached
#   eng_citus_install ROOT   copy that build into a private root made by eng_stage_install
#
# The cache ($ENG_CITUS_CACHE, default /var/cache/engagement-citus) has one directory per
# Citus version and PostgreSQL version (citus-13.2.2-pg15.20): a minor server upgrade builds
# afresh, since Citus compiles against the server's headers. A build counts only once its
# stamp file exists, written after the last step, so an interrupted build is redone.
# The build needs the headers listed in eng_citus_build_deps (installed with apt when
# missing, as scripts/setup does for the rest) and takes about 5 minutes on 2 cores.

ENG_CITUS_CACHE=${ENG_CITUS_CACHE:-/var/cache/engagement-citus}
ENG_CITUS_VENDOR=${ENG_CITUS_VENDOR:-$(cd .. && pwd)/shared/vendor/citus}
eng_citus_build_deps=(liblz4-dev libzstd-dev libkrb5-dev libssl-dev libselinux1-dev libpam0g-dev
	libxslt1-dev libreadline-dev)

eng_citus_tarball() {
	local t
	t=$(find "$ENG_CITUS_VENDOR" -maxdepth 1 -name 'citus-*.tar.gz' 2>/dev/null | sort -V | tail -1)
	[ -n "$t" ] && echo "$t"
}

# the Citus version of the tarball (citus-13.2.2.tar.gz -> 13.2.2)
eng_citus_version() {
	basename "$1" .tar.gz | sed 's/^citus-//'
}

# Citus 13.2 builds against PostgreSQL 15, 16 and 17 only (its configure refuses others)
eng_citus_supported() {
	[ "$ENG_PG_MAJOR" -ge 15 ] && [ "$ENG_PG_MAJOR" -le 17 ]
}

# eng_citus_deps: install the missing build headers (root, or sudo otherwise)
eng_citus_deps() {
	local missing=() p sudo=()
	for p in "${eng_citus_build_deps[@]}"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
	done
	((${#missing[@]})) || return 0
	[ "$(id -u)" != 0 ] && sudo=(sudo)
	echo "citus: installing ${missing[*]}" >&2
	DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends \
		"${missing[@]}" >&2 || { "${sudo[@]}" apt-get update -qq >&2 &&
		DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends \
			"${missing[@]}" >&2; }
}

# eng_citus_build: configure, make and install Citus with DESTDIR into the cache; print the
# DESTDIR. PostgreSQL 15.14 and later export have_createdb_privilege(), which Citus 13.2.2's
# compatibility header defines again: the vendored patch removes that copy when the server's
# header declares it.
eng_citus_build() {
	local tarball ver pgver dir src log start
	tarball=$(eng_citus_tarball) || { echo "no Citus source in $ENG_CITUS_VENDOR" >&2; return 1; }
	ver=$(eng_citus_version "$tarball")
	pgver=$("$ENG_PG_CONFIG" --version | sed -E 's/^PostgreSQL ([0-9.]+).*/\1/')
	dir=$ENG_CITUS_CACHE/citus-$ver-pg$pgver
	if [ -f "$dir/.built" ]; then
		echo "$dir/install"
		return 0
	fi
	eng_citus_deps || return 1
	rm -rf "$dir"
	mkdir -p "$dir/src"
	log=$dir/build.log
	start=$(date +%s)
	echo "citus: building Citus $ver for PostgreSQL $pgver into $dir (log: $log)" >&2
	{
		tar -xzf "$tarball" -C "$dir/src" &&
			src=$(find "$dir/src" -mindepth 1 -maxdepth 1 -type d | head -1) &&
			if [ "$ENG_PG_MAJOR" = 15 ] &&
				grep -q 'have_createdb_privilege' "$("$ENG_PG_CONFIG" --includedir-server)/commands/dbcommands.h" &&
				grep -q '^have_createdb_privilege' "$src/src/include/pg_version_compat.h"; then
				patch -d "$src" -p1 <"$ENG_CITUS_VENDOR/pg15-have_createdb_privilege.patch"
			fi &&
			(cd "$src" && ./configure PG_CONFIG="$ENG_PG_CONFIG" --without-libcurl) &&
			make -C "$src" -j2 &&
			make -C "$src" install DESTDIR="$dir/install"
	} >"$log" 2>&1 || { tail -30 "$log" >&2; return 1; }
	rm -rf "$dir/src"
	echo "$(($(date +%s) - start)) seconds" >"$dir/.built"
	echo "citus: built in $(cat "$dir/.built")" >&2
	echo "$dir/install"
}

# eng_citus_install ROOT: add the cached Citus build to the private root ROOT (its library
# and extension files; nothing of the private root is overwritten in place, since the root's
# other files are hard links to the system's)
eng_citus_install() {
	local root=$1 dest
	dest=$(eng_citus_build) || return 1
	cp -a --remove-destination "$dest$ENG_PG_LIBDIR/." "$root$ENG_PG_LIBDIR/" &&
		cp -a --remove-destination "$dest$ENG_PG_SHAREDIR/extension/." "$root$ENG_PG_SHAREDIR/extension/" &&
		chmod -R a+rX "$root$ENG_PG_LIBDIR" "$root$ENG_PG_SHAREDIR/extension"
}
