#!/usr/bin/env python3
"""test/readme/extract.py: the fenced code blocks of README.md, for running them.

    extract.py README.md OUTDIR

Writes OUTDIR/NNN.sql for every block that runs (NNN = its number among all fenced
blocks, from 001) and OUTDIR/manifest.tsv, one line per fenced block:

    number <TAB> README line of the opening fence <TAB> kind <TAB> info string <TAB> reason

kind is "setup" (creates what test/readme/fixture.sql fills: run first, then the fixture),
"run" (an example: run in README order after the fixture) or "skip" (not run, with its
reason).  A block is chosen by an HTML comment on the line just before its opening fence:

    <!-- readme-test: setup -->
    <!-- readme-test: skip (why it cannot run, e.g. shell, placeholders, needs pg_cron) -->

A ```sql block without a marker runs.  Nothing is left out silently: a block that is not
```sql must carry a skip marker, a skip marker must give a reason, and a marker that is
not directly followed by a fence, or an unknown marker, is an error (exit status 1).
"""
import os
import re
import sys

MARKER = re.compile(r'^<!--\s*readme-test:\s*(\w+)\s*(?:\((.*)\))?\s*-->\s*$')


def blocks(lines):
    """Yield (line number, info string, marker kind, reason, body) for every fenced block."""
    pending = None          # (kind, reason, line) of a marker waiting for its fence
    i = 0
    while i < len(lines):
        line = lines[i]
        m = MARKER.match(line)
        if m:
            if pending:
                raise SystemExit(f'README.md:{pending[2]}: marker not followed by a fence')
            kind, reason = m.group(1), (m.group(2) or '').strip()
            if kind not in ('setup', 'skip'):
                raise SystemExit(f'README.md:{i + 1}: unknown readme-test marker "{kind}"')
            if kind == 'skip' and not reason:
                raise SystemExit(f'README.md:{i + 1}: a skip marker needs a reason in parentheses')
            pending = (kind, reason, i + 1)
            i += 1
            continue
        if line.startswith('```'):
            info = line[3:].strip()
            start = i + 1
            i += 1
            while i < len(lines) and not lines[i].startswith('```'):
                i += 1
            if i == len(lines):
                raise SystemExit(f'README.md:{start}: unclosed fence')
            kind, reason = (pending[0], pending[1]) if pending else (None, '')
            yield start, info, kind, reason, ''.join(lines[start:i])
            pending = None
        elif pending and line.strip():
            raise SystemExit(f'README.md:{pending[2]}: marker not followed by a fence')
        i += 1
    if pending:
        raise SystemExit(f'README.md:{pending[2]}: marker not followed by a fence')


def main():
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    readme, out = sys.argv[1], sys.argv[2]
    with open(readme, encoding='utf-8') as f:
        lines = f.readlines()
    os.makedirs(out, exist_ok=True)
    manifest = []
    for n, (line, info, kind, reason, body) in enumerate(blocks(lines), 1):
        if kind is None:
            if info != 'sql':
                raise SystemExit(f'README.md:{line}: a ```{info} block needs a skip marker '
                                 '(<!-- readme-test: skip (reason) -->)')
            kind = 'run'
        elif kind == 'setup' and info != 'sql':
            raise SystemExit(f'README.md:{line}: only a ```sql block can be a setup block')
        if kind != 'skip':
            with open(os.path.join(out, f'{n:03d}.sql'), 'w', encoding='utf-8') as f:
                f.write(f'-- README.md line {line}\n' + body)
        manifest.append(f'{n:03d}\t{line}\t{kind}\t{info}\t{reason}\n')
    with open(os.path.join(out, 'manifest.tsv'), 'w', encoding='utf-8') as f:
        f.writelines(manifest)


if __name__ == '__main__':
    main()
