# shellcheck shell=bash
# scripts/lib/cluster.sh: throwaway PostgreSQL clusters for check, matrix, demo, bench and fuzz.
#
# Source it from the repo root. The server is the one whose pg_config is $ENG_PG_CONFIG
# (default: pg_config on PATH, Debian 12's PostgreSQL 15); scripts/matrix sets it to a
# private build of another major version before sourcing. It gives:
#   eng_build_strict         build the extension with -Wall -Wextra -Werror on our code
#   eng_stage_install ROOT   copy the PostgreSQL server install into ROOT (hard links) and
#                            install this build of the extension there, so concurrent checks
#                            from several work trees never overwrite each other's library
#   eng_cluster_start DIR [BINDIR]
#                            initdb + start a cluster in DIR, owned by an unprivileged OS user
#                            (initdb refuses root), listening only on a private socket
#                            directory DIR/sock; exports PGHOST, PGPORT, PGUSER, ENG_PGCTL.
#                            ENG_PORT sets the port; ENG_LISTEN=127.0.0.1 adds a TCP listener
#                            on loopback only (for clients that cannot use a Unix socket,
#                            such as JDBC; pick a free ENG_PORT with eng_free_port)
#   eng_free_port            a TCP port on 127.0.0.1 that is free right now
#   eng_cluster_stop DIR     stop it (safe to call twice, or when it never started)

ENG_PG_CONFIG=${ENG_PG_CONFIG:-pg_config}
ENG_PG_BINDIR=$("$ENG_PG_CONFIG" --bindir)
ENG_PG_SHAREDIR=$("$ENG_PG_CONFIG" --sharedir)
ENG_PG_LIBDIR=$("$ENG_PG_CONFIG" --pkglibdir)
ENG_PG_MAJOR=$("$ENG_PG_CONFIG" --version | sed -E 's/^PostgreSQL ([0-9]+).*/\1/')

# eng_build_strict: build the extension as scripts/check and scripts/matrix do, every warning
# an error.  The Makefile itself adds no warning flags, so a user's build never fails on a
# newer compiler's new warning.  PostgreSQL's own headers have inline functions with unused
# parameters: they are included as system headers so -Wextra applies to our code only
# (-isystem overrides PGXS's -I).
eng_build_strict() {
	make -s -j2 PG_CONFIG="$ENG_PG_CONFIG" PG_CFLAGS="-Wall -Wextra -Werror" \
		PG_CPPFLAGS="-isystem $("$ENG_PG_CONFIG" --includedir-server)"
}

# eng_parallel_guc: the setting that forces parallel plans (force_parallel_mode was renamed
# debug_parallel_query in PostgreSQL 16)
eng_parallel_guc() {
	if [ "$ENG_PG_MAJOR" -ge 16 ]; then echo debug_parallel_query; else echo force_parallel_mode; fi
}

# eng_os_user: the unprivileged OS user that owns clusters (postgres when run as root)
eng_os_user() {
	if [ "$(id -u)" = 0 ]; then
		if ! id postgres >/dev/null 2>&1; then
			useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
		fi
		echo postgres
	else
		id -un
	fi
}

# eng_as_owner CMD...: run a command as the cluster owner
eng_as_owner() {
	if [ "$(id -u)" = 0 ]; then
		runuser -u "$(eng_os_user)" -- "$@"
	else
		"$@"
	fi
}

# eng_stage_install ROOT: private copy of the server with this build installed into it.
# PostgreSQL finds its share and lib directories relative to its own binary, so a server
# started from ROOT/usr/lib/postgresql/15/bin loads the extension installed under ROOT.
# (Debian keeps the share directory apart from the binaries; a source build's prefix holds
# both.)
eng_stage_install() {
	local root=$1
	local pgtop
	pgtop=$(dirname "$ENG_PG_BINDIR")
	mkdir -p "$root$(dirname "$pgtop")"
	cp -al "$pgtop" "$root$(dirname "$pgtop")/" 2>/dev/null || cp -a "$pgtop" "$root$(dirname "$pgtop")/"
	if [ ! -d "$root$ENG_PG_SHAREDIR" ]; then
		mkdir -p "$root$(dirname "$ENG_PG_SHAREDIR")"
		cp -al "$ENG_PG_SHAREDIR" "$root$(dirname "$ENG_PG_SHAREDIR")/" 2>/dev/null ||
			cp -a "$ENG_PG_SHAREDIR" "$root$(dirname "$ENG_PG_SHAREDIR")/"
	fi
	# drop links to a system-wide install of ours before installing this build
	rm -rf "$root$ENG_PG_LIBDIR"/engagement.so "$root$ENG_PG_LIBDIR"/bitcode/engagement* \
		"$root$ENG_PG_SHAREDIR"/extension/engagement[.-]*
	make -s install PG_CONFIG="$ENG_PG_CONFIG" DESTDIR="$root" >/dev/null
	chmod -R a+rX "$root"
	echo "$root$ENG_PG_BINDIR"
}

# eng_cluster_start DIR [BINDIR]: initdb and start a cluster under DIR
eng_cluster_start() {
	local dir=$1 bindir=${2:-$ENG_PG_BINDIR} owner
	owner=$(eng_os_user)
	mkdir -p "$dir/sock"
	chmod 755 "$dir"
	[ "$(id -u)" = 0 ] && chown "$owner" "$dir" "$dir/sock"
	eng_as_owner "$bindir/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 \
		--no-sync >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log"; return 1; }
	# no TCP listener unless ENG_LISTEN asks for loopback: the socket directory is private,
	# so any port number is free for the socket alone
	case ${ENG_LISTEN:-} in
	'' | 127.0.0.1 | ::1) ;;
	*) echo "eng_cluster_start: ENG_LISTEN must be 127.0.0.1 or ::1 (loopback only)"; return 1 ;;
	esac
	PGPORT=${ENG_PORT:-$((20000 + $$ % 30000))}
	cat >>"$dir/data/postgresql.conf" <<-CONF
		listen_addresses = '${ENG_LISTEN:-}'
		port = $PGPORT
		unix_socket_directories = '$dir/sock'
		fsync = off
		synchronous_commit = off
		full_page_writes = off
		max_worker_processes = 16
		max_parallel_workers = 8
		logging_collector = off
		log_min_messages = warning
		shared_preload_libraries = '${ENG_PRELOAD:-}'
	CONF
	eng_as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start >/dev/null ||
		{ cat "$dir/server.log"; return 1; }
	export PGHOST="$dir/sock" PGPORT PGUSER=postgres ENG_PGCTL="$bindir/pg_ctl"
}

# eng_free_port: a loopback TCP port nobody listens on (the kernel's pick for port 0)
eng_free_port() {
	python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# eng_cluster_stop DIR: stop the cluster under DIR if it runs
eng_cluster_stop() {
	local dir=$1 bindir=${2:-$ENG_PG_BINDIR}
	if [ -f "$dir/data/postmaster.pid" ]; then
		eng_as_owner "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
	fi
}
