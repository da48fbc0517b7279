#!/usr/bin/env bash
# test/upgrade/freeze-1.0.sh: run once, when 1.0 is frozen (before default_version moves on).
# Records what test/upgrade/run-check.sh holds every later version to:
#   test/upgrade/engagement--1.0.sha256   the SHA-256 of sql/engagement--1.0.sql (sha256sum -c
#                                         format), so the released script is never edited;
#   test/upgrade/regress-1.0/             the 1.0 regression tests: sql/<family>.sql and their
#                                         expected/<family>*.out, plus every file they read
#                                         (\i, \ir, \copy ... FROM '...'), at the same relative
#                                         paths; the hook runs them with pg_regress from a copy
#                                         of that directory against CREATE EXTENSION
#                                         engagement VERSION '1.0' and the current library.
# Refuses to overwrite an existing record: a frozen release stays frozen.  Commit the result.
set -euo pipefail
cd "$(dirname "$0")/../.."

out=test/upgrade/regress-1.0
sum=test/upgrade/engagement--1.0.sha256
for f in "$out" "$sum"; do
	if [ -e "$f" ]; then
		echo "$f exists: 1.0 is already frozen" >&2
		exit 1
	fi
done
grep -q "^default_version = '1.0'" engagement.control ||
	echo "warning: engagement.control's default_version is no longer 1.0; freeze before moving it" >&2

mkdir -p "$out/sql" "$out/expected"
for t in sql/*.sql; do
	case $t in sql/engagement--* | sql/engagement.sql) continue ;; esac
	name=$(basename "$t" .sql)
	cp "$t" "$out/sql/"
	cp expected/"$name".out "$out/expected/"
	for alt in expected/"$name"_[0-9].out; do [ -f "$alt" ] && cp "$alt" "$out/expected/"; done
done

# the files the tests read, and the files those read, until nothing new is found: \i and
# \copy paths are relative to the directory psql runs in (the repo root, or $out for the
# snapshot), \ir paths to the including file's directory
todo=$(ls "$out"/sql/*.sql)
while [ -n "$todo" ]; do
	next=
	for f in $todo; do
		here=$(dirname "${f#"$out"/}")
		refs=$(sed -nE "s/^[[:space:]]*\\\\(i|include)[[:space:]]+'?([^' ]+)'?.*/\2/p;
			s/^[[:space:]]*\\\\copy .* from[[:space:]]+'([^']+)'.*/\1/Ip" "$f"
			sed -nE "s/^[[:space:]]*\\\\(ir|include_relative)[[:space:]]+'?([^' ]+)'?.*/\2/p" "$f" |
				sed "s|^|$here/|")
		for ref in $refs; do
			ref=$(realpath -m --relative-to=. "$ref")
			# (a file the tests write and read back, under results/, is no input)
			case $ref in results/*) continue ;; esac
			[ -e "$out/$ref" ] || [ ! -f "$ref" ] && continue
			mkdir -p "$out/$(dirname "$ref")"
			cp "$ref" "$out/$ref"
			case $ref in *.sql) next+=" $out/$ref" ;; esac
		done
	done
	todo=$next
done

sha256sum sql/engagement--1.0.sql >"$sum"
echo "recorded $(cut -c1-16 "$sum")... for sql/engagement--1.0.sql in $sum"
echo "snapshot of $(ls "$out/sql" | wc -l) regression tests and $(find "$out" -type f | wc -l) files in $out"
