#!/usr/bin/env python3
"""test/clients/compare.py: what JDBC and node-postgres returned, set against psql.

    compare.py BLOCKS_DIR PARAMS_TSV PSQL_DIR JDBC_OUT NODE_OUT

BLOCKS_DIR holds the README's blocks (test/readme/extract.py); PSQL_DIR holds psql's
output of every run block (NNN.psql) and of every parameter case's reference query
(case-K.psql, K = the case's line among the cases, from 1), written with
psql -X -q -A -F '\\x1f' -R '\\x1e' -P null='\\x02' (header, rows, footer "(N rows)").
JDBC_OUT and NODE_OUT are written by ReadmeClients.java and readme-clients.js.

Prints one check per line, "description <TAB> t" or "description <TAB> what is wrong":
  - per README block and driver: it runs, it gives the result sets psql gives (column
    names, row counts), every column is chartable (JDBC: a number, string, boolean, date or
    timestamp java.sql.Types code and getObject class, never OTHER, STRUCT, ARRAY or a
    PGobject; node-postgres: a built-in number, string, boolean, date or timestamp type
    OID, arriving as a number, string, boolean or Date) and every value equals psql's:
    numbers by value (float8 to 1e-12 relative), timestamptz as the same instant (to the
    millisecond for node-postgres, whose Date holds milliseconds), date and timestamp as
    the same wall-clock time, text as is;
  - per parameter case and driver: the outcome params.tsv names (the reference's result,
    compared the same way, or the named SQLSTATE); and for node-postgres with the README's
    type parsers for bigint and numeric, that those columns arrive as numbers.
"""
import os
import re
import sys
from datetime import datetime, timezone
from decimal import Decimal

JDBC_TYPES = {-7: 'BIT', 16: 'BOOLEAN', -6: 'TINYINT', 5: 'SMALLINT', 4: 'INTEGER', -5: 'BIGINT',
              7: 'REAL', 6: 'FLOAT', 8: 'DOUBLE', 2: 'NUMERIC', 3: 'DECIMAL', 1: 'CHAR',
              12: 'VARCHAR', -1: 'LONGVARCHAR', 91: 'DATE', 93: 'TIMESTAMP',
              2014: 'TIMESTAMP_WITH_TIMEZONE'}
JDBC_CLASSES = {'java.lang.' + c for c in ('Short', 'Integer', 'Long', 'Float', 'Double', 'String',
                                            'Boolean')} | {'java.math.BigDecimal', 'java.sql.Date',
                                                           'java.sql.Timestamp', 'null'}
NODE_TYPES = {'bool', 'int2', 'int4', 'int8', 'float4', 'float8', 'numeric', 'text', 'varchar',
              'bpchar', 'name', 'char', 'date', 'timestamp', 'timestamptz'}
NODE_JS = {'number', 'string', 'boolean', 'Date', 'null'}
EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


def unesc(s):
    return re.sub(r'\\(.)', lambda m: {'t': '\t', 'n': '\n', 'r': '\r'}.get(m.group(1), m.group(1)), s)


def driver_output(path):
    """{('block', NNN) or ('case', name): [('error', code, msg) | ('result', cols, rows)]}"""
    out, key, info = {}, None, ''
    if not os.path.exists(path):
        return out, 'no output'
    for line in open(path, encoding='utf-8').read().split('\n'):
        f = line.split('\t')
        if f[0] == 'driver':
            info = ' '.join(f[1:])
        elif f[0] in ('block', 'case', 'fixed'):
            key = (f[0], f[1])
            out[key] = []
        elif f[0] == 'error':
            out[key].append(('error', f[1], unesc(f[2])))
        elif f[0] == 'result':
            out[key].append(('result', [], []))
        elif f[0] == 'col':
            out[key][-1][1].append((unesc(f[1]), f[2], f[3], f[4]))
        elif f[0] == 'row':
            out[key][-1][2].append([None if v == '\\N' else unesc(v) for v in f[1:]])
    return out, info


def psql_output(path):
    """[(column names, rows)] from psql's unaligned output with \\x1f, \\x1e separators"""
    text = open(path, encoding='utf-8').read()
    sets, i = [], 0
    try:
        while i < len(text):
            j = text.index('\x1e', i)
            names, rows, i = text[i:j].split('\x1f'), [], j + 1
            while True:
                m = re.compile(r'\((\d+) rows?\)\n').match(text, i)
                if m and int(m.group(1)) == len(rows):
                    i = m.end()
                    break
                j = text.index('\x1e', i)
                rows.append([None if v == '\x02' else v for v in text[i:j].split('\x1f')])
                i = j + 1
            sets.append((names, rows))
    except ValueError:
        pass    # output cut short by an error (the psql check reports it): the sets read so far
    return sets


def micros(dt):
    d = dt - EPOCH
    return (d.days * 86400 + d.seconds) * 1000000 + d.microseconds


def same(driver, v, p, typ):
    """does the driver's canonical value v equal psql's text p for a column of type typ"""
    if v is None or p is None:
        return v is None and p is None
    if typ in ('int2', 'int4', 'int8', 'numeric'):
        return Decimal(v) == Decimal(p)
    if typ in ('float4', 'float8'):
        a, b = float(v), float(p)
        return a == b or (a != a and b != b) or abs(a - b) <= 1e-12 * max(abs(a), abs(b))
    if typ == 'bool':
        return v == p
    if typ == 'timestamptz' and v.startswith('I:'):
        us = micros(datetime.fromisoformat(p))
        return int(v[2:]) == (us if driver == 'JDBC' else us // 1000 * 1000)
    if typ in ('date', 'timestamp') and v.startswith('W:'):
        a, b = datetime.fromisoformat(v[2:]), datetime.fromisoformat(p)
        if driver == 'node-postgres':
            b = b.replace(microsecond=b.microsecond // 1000 * 1000)
        return a == b
    return v == p


def chartable(driver, col):
    name, code, typ, cls = col
    if driver == 'JDBC':
        ok = int(code) in JDBC_TYPES and cls in JDBC_CLASSES
        return ok, f'{name}: java.sql.Types {JDBC_TYPES.get(int(code), code)} ({typ}), getObject {cls}'
    ok = typ in NODE_TYPES and cls in NODE_JS
    return ok, f'{name}: type {typ}, arrives as {cls}'


def compare_sets(driver, got, want):
    """problems of a driver's result sets against psql's [(names, rows)]"""
    res = [g for g in got if g[0] == 'result']
    errs = [g for g in got if g[0] == 'error']
    if errs:
        return [f'error {errs[0][1]}: {errs[0][2][:300]}']
    if len(res) != len(want):
        return [f'{len(res)} result sets, psql gave {len(want)}']
    problems = []
    for k, ((_, cols, rows), (names, prow)) in enumerate(zip(res, want), 1):
        where = f'result {k}' if len(want) > 1 else 'result'
        if [c[0] for c in cols] != names:
            problems.append(f'{where}: columns {[c[0] for c in cols]}, psql {names}')
            continue
        for c in cols:
            ok, what = chartable(driver, c)
            if not ok:
                problems.append(f'{where}: not chartable: {what}')
        if len(rows) != len(prow):
            problems.append(f'{where}: {len(rows)} rows, psql {len(prow)}')
            continue
        bad = [(i, j) for i, (r, p) in enumerate(zip(rows, prow)) for j, c in enumerate(cols)
               if not same(driver, r[j], p[j], c[2])]
        if bad:
            i, j = bad[0]
            problems.append(f'{where}: {len(bad)} values differ from psql, first row {i + 1} '
                            f'{cols[j][0]}: {rows[i][j]!r}, psql {prow[i][j]!r}')
    return problems


def main():
    blocks, params, psql_dir, jdbc_out, node_out = sys.argv[1:6]
    drivers = [('JDBC',) + driver_output(jdbc_out), ('node-postgres',) + driver_output(node_out)]
    for driver, _, info in drivers:
        print(f'   {driver}: {info}')
    runs = [line.split('\t')[:2] for line in open(f'{blocks}/manifest.tsv', encoding='utf-8')
            if line.split('\t')[2] == 'run']
    for n, line in runs:
        want = psql_output(f'{psql_dir}/{n}.psql')
        for driver, out, _ in drivers:
            got = out.get(('block', n))
            problems = ['no output'] if got is None else compare_sets(driver, got, want)
            desc = f'{driver}: README block {n} (line {line}): every column chartable, values equal psql\'s'
            print(f'{desc}\t' + ('t' if not problems else '; '.join(problems)))
    cases = [line.rstrip('\n').split('\t') for line in open(params, encoding='utf-8')
             if line.strip() and not line.startswith('#')]
    for k, case in enumerate(cases, 1):
        want = psql_output(f'{psql_dir}/case-{k}.psql')
        for driver, out, _ in drivers:
            expect = case[4] if driver == 'JDBC' else case[5]
            got = out.get(('case', case[0]), [])
            if expect == 'ok':
                problems = compare_sets(driver, got, want)
            else:
                codes = [g[1] for g in got if g[0] == 'error']
                problems = [] if codes == [expect] else [f'expected SQLSTATE {expect}, got ' + (
                    f'SQLSTATE {codes[0]}' if codes else 'a result')]
            print(f'{driver}: parameters "{case[0]}" ({case[2]}): {"works" if expect == "ok" else expect}\t'
                  + ('t' if not problems else '; '.join(problems)))
        # node-postgres with the README's parsers: bigint and numeric arrive as numbers
        if case[5] == 'ok':
            got = drivers[1][1].get(('fixed', case[0]), [])
            problems = compare_sets('node-postgres', got, want) + [
                f'{c[0]} ({c[2]}) arrives as {c[3]}' for g in got if g[0] == 'result'
                for c in g[1] if c[2] in ('int8', 'numeric') and c[3] not in ('number', 'null')]
            print(f'node-postgres with setTypeParser for bigint and numeric: parameters "{case[0]}": '
                  'numbers arrive as numbers, equal to psql\'s\t' + ('t' if not problems else '; '.join(problems)))


if __name__ == '__main__':
    main()
