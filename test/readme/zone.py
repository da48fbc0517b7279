#!/usr/bin/env python3
"""test/readme/zone.py: a README block rewritten so that its results print the same in any
session TimeZone unless they really depend on it.

    zone.py BLOCK.sql > WRAPPED.sql
    zone.py --split FILE.sql DIR      one block per statement of FILE.sql: DIR/NNN.sql and
                                      DIR/manifest.tsv as extract.py writes them (all "run")

A timestamptz value is an instant; psql prints it in the session's TimeZone, so the same
result prints differently in Los Angeles and in Kolkata.  To compare results across
session zones, every query of the block is *evaluated* in the session's zone (the one the
client connected with, e.g. PGTZ) and *printed* in UTC:

    BEGIN;
    DECLARE readme_q NO SCROLL CURSOR WITH HOLD FOR <the query>;
    COMMIT;                    -- a holdable cursor is run to completion here, in the session zone
    SET TimeZone = 'UTC';
    FETCH ALL FROM readme_q;   -- the stored rows, printed in UTC
    CLOSE readme_q;
    RESET TimeZone;            -- back to the zone the session connected with

A query is a statement that starts with SELECT, WITH, VALUES or TABLE; every other
statement (CREATE MATERIALIZED VIEW ... AS SELECT, INSERT, SET ...) runs as it is, in the
session zone.  So a result that differs between two session zones is a different result
(a different instant, day, group or text), never only a different rendering.

Statements are split at semicolons outside quotes, dollar quotes and comments; a psql
meta-command (a line starting with a backslash) is refused (exit status 1).
"""
import os
import re
import sys

QUERY = re.compile(r'(?is)^\s*(?:(?:--[^\n]*\n)|(?:/\*.*?\*/)|\s)*(select|with|values|table)\b')
DOLLAR = re.compile(r'\$([A-Za-z_][A-Za-z0-9_]*)?\$')


def statements(sql):
    """Split SQL text into statements (each without its semicolon); blank ones dropped."""
    out, start, i, n = [], 0, 0, len(sql)
    while i < n:
        c = sql[i]
        if c == '-' and sql.startswith('--', i):
            i = sql.find('\n', i)
            i = n if i < 0 else i + 1
        elif c == '/' and sql.startswith('/*', i):
            depth, i = 1, i + 2
            while i < n and depth:
                if sql.startswith('/*', i):
                    depth, i = depth + 1, i + 2
                elif sql.startswith('*/', i):
                    depth, i = depth - 1, i + 2
                else:
                    i += 1
        elif c in '\'"':
            # E'...' takes backslash escapes (an E that ends a longer word is no prefix)
            escapes = (c == "'" and i > 0 and sql[i - 1] in 'eE'
                       and (i < 2 or not (sql[i - 2].isalnum() or sql[i - 2] == '_')))
            i += 1
            while i < n:
                if escapes and sql[i] == '\\':
                    i += 2
                elif sql[i] == c:
                    if sql.startswith(c * 2, i):
                        i += 2
                    else:
                        break
                else:
                    i += 1
            i += 1
        elif c == '$' and DOLLAR.match(sql, i) and not (i > 0 and (sql[i - 1].isalnum() or sql[i - 1] == '_')):
            tag = DOLLAR.match(sql, i).group(0)
            end = sql.find(tag, i + len(tag))
            i = n if end < 0 else end + len(tag)
        elif c == '\\' and (i == 0 or sql[i - 1] == '\n'):
            raise SystemExit('zone.py: psql meta-commands are not supported in README blocks')
        elif c == ';':
            out.append(sql[start:i])
            start = i = i + 1
        else:
            i += 1
    out.append(sql[start:])
    # a piece holding only comments and blanks is not a statement
    return [s for s in out if re.sub(r'(?s)--[^\n]*|/\*.*?\*/|\s', '', s)]


def wrap(sql):
    """The block with every query evaluated in the session zone and printed in UTC."""
    parts = []
    for s in statements(sql):
        if QUERY.match(s):
            parts.append('BEGIN;\nDECLARE readme_q NO SCROLL CURSOR WITH HOLD FOR\n'
                         f'{s.strip()};\nCOMMIT;\nSET TimeZone = \'UTC\';\nFETCH ALL FROM readme_q;\n'
                         'CLOSE readme_q;\nRESET TimeZone;\n')
        else:
            parts.append(s.strip() + ';\n')
    return ''.join(parts)


def split(path, out):
    """Write every statement of path as a block of its own, with a manifest."""
    os.makedirs(out, exist_ok=True)
    with open(path, encoding='utf-8') as f:
        sql = f.read()
    manifest, pos = [], 0
    for n, s in enumerate(statements(sql), 1):
        pos = sql.index(s, pos)
        line = sql.count('\n', 0, pos + len(s) - len(s.lstrip())) + 1
        with open(os.path.join(out, f'{n:03d}.sql'), 'w', encoding='utf-8') as f:
            f.write(s.strip() + ';\n')
        manifest.append(f'{n:03d}\t{line}\trun\tsql\t\n')
        pos += len(s)
    with open(os.path.join(out, 'manifest.tsv'), 'w', encoding='utf-8') as f:
        f.writelines(manifest)


def main():
    if len(sys.argv) == 4 and sys.argv[1] == '--split':
        split(sys.argv[2], sys.argv[3])
        return
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    with open(sys.argv[1], encoding='utf-8') as f:
        sys.stdout.write(wrap(f.read()))


if __name__ == '__main__':
    main()
