#!/usr/bin/env python3
"""test/funnel_options/reference.py: independent brute-force references for the funnel
options (exclusions, per-step windows, first-time, unordered, held key, optional steps) and for the
window_funnel modes strict_order / allow_reentry / strict_deduplication.

Written from the README's definitions, not from the C code:
  * ordered options: enumerate every chain of step times t1 <= t2 <= ... <= tk (each ti
    the time of a row matching step i), keep those within the window (tk - t1), within
    each step window (ti+1 - ti), with no exclusion row strictly between the two steps its
    pair names, and (first_time) t1 the group's earliest step-1 time; held key: all rows of
    the chain and the exclusion rows counted share one key, rows with a NULL key are
    ignored.  Level = the longest chain; times = among the longest chains, those ending
    earliest, each earlier step at the latest time any of them has.
  * optional steps: the same over chains that may skip the optional steps (see
    optional_chains).
  * order "any": the most distinct steps with a row in some [t0, t0 + window], t0 a row's
    time; times = each step's first row in the earliest such window.
  * modes: ClickHouse's newest windowFunnel per-entry rules (see README in this folder).

Usage: reference.py SEED GROUPS_PER_CONFIG OUTDIR
writes OUTDIR/rows.tsv (cfg, g, t, conds, key), OUTDIR/cfgs.tsv (cfg, kind, window,
options or mode, nconds) and OUTDIR/expected.tsv (cfg, g, level, times, seconds).
"""
import json
import random
import sys

NULL = '\\N'


def ordered_chains(rows, nsteps, window, gaps, excl, first_time):
    """All-chain search. rows: list of (t, conds[, value]) with conds a list of True/False.
    Returns the level, the reported chain's times and, per step, its value: the first in
    byte order of the values of the rows at that time matching that step (None last)."""
    step_times = [sorted({r[0] for r in rows if r[1][m]}) for m in range(nsteps)]
    excl_times = [sorted({r[0] for r in rows if r[1][nsteps + e]}) for e in range(len(excl))]
    if first_time and step_times[0]:
        step_times[0] = step_times[0][:1]
    best = []      # list of chains of maximal length found so far

    def excluded(chain, j):
        # chain has steps 0..j; check exclusions whose pair ends at j
        for e, (i, jj) in enumerate(excl):
            if jj == j and any(chain[i] < x < chain[j] for x in excl_times[e]):
                return True
        return False

    def dfs(chain):
        nonlocal best
        if not best or len(chain) > len(best[0]):
            best = [list(chain)]
        elif len(chain) == len(best[0]):
            best.append(list(chain))
        k = len(chain)
        if k == nsteps:
            return
        for t in step_times[k]:
            if t < chain[-1] or t - chain[0] > window:
                continue
            if gaps[k] is not None and t - chain[-1] > gaps[k]:
                continue
            chain.append(t)
            if not excluded(chain, k):
                dfs(chain)
            chain.pop()

    for t in step_times[0]:
        dfs([t])
    if not best:
        return 0, [None] * nsteps, [None] * nsteps
    level = len(best[0])
    end = min(c[-1] for c in best)
    ends = [c for c in best if c[-1] == end]
    times = [max(c[m] for c in ends) for m in range(level)]
    vals = []
    for m in range(level):
        cand = [r[2] for r in rows if r[0] == times[m] and r[1][m]] if rows and len(rows[0]) > 2 else [None]
        named = sorted(v for v in cand if v is not None)
        vals.append(named[0] if named else None)
    return level, times + [None] * (nsteps - level), vals + [None] * (nsteps - level)


def optional_chains(rows, nsteps, window, gaps, excl, first_time, optional):
    """All-chain search with optional steps. A chain is a list of (step, time): steps
    increasing from step 0, every step not in `optional` below its last step present, times
    non-decreasing; last time - first time <= window; a step window gaps[b] bounds the time
    from the previous step of the chain to step b; no exclusion row strictly between the
    times of its pair's steps (both are in every chain reaching the second); first_time: t0
    the earliest step-0 time. Returns (level, count, times) of the best chain: deepest last
    step, then most steps, then earliest last time, then latest times compared from the last
    step down (a skipped step below any time); times None where skipped or past the level."""
    step_times = [sorted({r[0] for r in rows if r[1][m]}) for m in range(nsteps)]
    excl_times = [sorted({r[0] for r in rows if r[1][nsteps + e]}) for e in range(len(excl))]
    if first_time and step_times[0]:
        step_times[0] = step_times[0][:1]
    best, best_key = None, None

    def key(chain):
        at = dict(chain)
        last, tl = chain[-1]
        back = tuple((1, at[s]) if s in at else (0, 0) for s in range(last, -1, -1))
        return (last, len(chain), -tl, back)

    def dfs(chain):
        nonlocal best, best_key
        k = key(chain)
        if best_key is None or k > best_key:
            best, best_key = list(chain), k
        a, ta = chain[-1]
        t0 = chain[0][1]
        at = dict(chain)
        for b in range(a + 1, nsteps):
            if any(m not in optional for m in range(a + 1, b)):
                break
            for tb in step_times[b]:
                if tb < ta or tb - t0 > window:
                    continue
                if gaps[b] is not None and tb - ta > gaps[b]:
                    continue
                if any(j == b and any(at[i] < x < tb for x in excl_times[e])
                       for e, (i, j) in enumerate(excl)):
                    continue
                chain.append((b, tb))
                dfs(chain)
                chain.pop()

    for t in step_times[0]:
        dfs([(0, t)])
    if best is None:
        return 0, 0, [None] * nsteps
    at = dict(best)
    return best[-1][0] + 1, len(best), [at.get(m) for m in range(nsteps)]


def unordered(rows, nsteps, window):
    starts = sorted({t for t, c in rows if any(c)})
    level, times = 0, [None] * nsteps
    for t0 in starts:
        first = [None] * nsteps
        for t, c in sorted(rows):
            if t0 <= t <= t0 + window:
                for m in range(nsteps):
                    if c[m] and first[m] is None:
                        first[m] = t
        n = sum(x is not None for x in first)
        if n > level:
            level, times = n, first
    return level, times


def clickhouse(entries_rows, nsteps, window, strict_order, reentry, dedup):
    """Newest ClickHouse windowFunnel (strict_order family), per-entry rules."""
    entries = []
    for t, c in entries_rows:
        hit = False
        for m in range(nsteps):
            if c[m]:
                entries.append((t, m + 1))
                hit = True
        if not hit and strict_order:
            entries.append((t, 0))
    entries.sort()
    slots = [None] * nsteps

    def top():
        for m in range(nsteps, 0, -1):
            if slots[m - 1] is not None:
                return m
        return 0
    first_event = False
    for t, k in entries:
        idx = k - 1
        if strict_order and idx == -1:
            if first_event:
                break
            continue
        if idx == 0:
            slots[0] = (t, t)
            first_event = True
        elif dedup and slots[idx] is not None:
            return top()
        elif strict_order and first_event and slots[idx - 1] is None:
            if reentry:
                continue
            for m in range(nsteps):
                if slots[m] is None:
                    return m
        elif slots[idx - 1] is not None:
            if t <= slots[idx - 1][0] + window:
                slots[idx] = (slots[idx - 1][0], t)
                if idx + 1 == nsteps:
                    return nsteps
    return top()


def sql_bool_array(c):
    return '{' + ','.join('NULL' if v is None else ('t' if v else 'f') for v in c) + '}'


def main():
    seed, per_cfg, outdir = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    rnd = random.Random(seed)
    cfgs = []   # (kind, window, options dict / mode, nsteps, nexcl, keyed)
    for nsteps in (1, 2, 3, 4):
        w = rnd.choice((3, 5, 8))
        cfgs.append(('opt', w, {}, nsteps, 0, False))
        cfgs.append(('opt', w, {'first_time': True}, nsteps, 0, False))
        cfgs.append(('opt', w, {'order': 'any'}, nsteps, 0, False))
        cfgs.append(('opt', w, {}, nsteps, 0, True))
        cfgs.append(('mode', w, 'strict_order', nsteps, 0, False))
        cfgs.append(('mode', w, 'strict_order, allow_reentry', nsteps, 0, False))
        cfgs.append(('mode', w, 'strict_order, allow_reentry, strict_deduplication', nsteps, 0, False))
        if nsteps >= 2:
            gaps = [rnd.choice((None, 1, 2, 3)) for _ in range(nsteps - 1)]
            cfgs.append(('opt', w, {'step_windows': [None if g is None else '%d minutes' % g for g in gaps]},
                         nsteps, 0, False))
            pairs = []
            for _ in range(rnd.choice((1, 2))):
                i = rnd.randrange(nsteps - 1)
                pairs.append([i + 1, rnd.randrange(i + 1, nsteps) + 1])
            cfgs.append(('opt', w, {'exclude': pairs}, nsteps, len(pairs), False))
            cfgs.append(('opt', w, {'exclude': pairs, 'step_windows': ['%d minutes' % g if g else None for g in gaps],
                                    'first_time': True}, nsteps, len(pairs), False))
            cfgs.append(('opt', w, {'exclude': pairs, 'first_time': True}, nsteps, len(pairs), True))
            cfgs.append(('bd', w, {'exclude': pairs, 'attribution': 'last_touch'}, nsteps, len(pairs), False))
        cfgs.append(('bd', w, {}, nsteps, 0, False))
        cfgs.append(('bd', w, {'attribution': rnd.randint(1, nsteps),
                               'step_windows': [None] * (nsteps - 1)} if nsteps > 1 else {'attribution': 1},
                     nsteps, 0, False))

    ornd = random.Random(seed + 1)
    for nsteps in (3, 4, 5):
        middle = list(range(2, nsteps))
        optional = sorted(ornd.sample(middle, ornd.randint(1, len(middle))))
        required = [m for m in range(1, nsteps + 1) if m not in optional]
        gaps = [ornd.choice((None, 1, 2, 3)) for _ in range(nsteps - 1)]
        windows = [None if g is None else '%d minutes' % g for g in gaps]
        pairs = []
        for _ in range(ornd.choice((1, 2))):
            i = ornd.randrange(len(required) - 1)
            pairs.append([required[i], required[ornd.randrange(i + 1, len(required))]])
        for opt, keyed in (({}, False), ({'first_time': True}, False), ({}, True),
                           ({'step_windows': windows}, False), ({'exclude': pairs}, False),
                           ({'exclude': pairs, 'step_windows': windows, 'first_time': True}, False),
                           ({'exclude': pairs, 'first_time': True}, True)):
            opt = dict(opt, optional=optional)
            cfgs.append(('opt', ornd.choice((3, 5, 8)), opt, nsteps, len(opt.get('exclude', [])), keyed))

    with open(outdir + '/cfgs.tsv', 'w') as fc, open(outdir + '/rows.tsv', 'w') as fr, \
            open(outdir + '/expected.tsv', 'w') as fe:
        for cfg, (kind, w, opt, nsteps, nexcl, keyed) in enumerate(cfgs):
            nconds = nsteps + nexcl
            fc.write('%d\t%s\t%d\t%s\t%d\t%s\n' % (cfg, kind, w, opt if kind == 'mode' else json.dumps(opt),
                                                  nconds, 't' if keyed else 'f'))
            for g in range(per_cfg):
                nrows = rnd.randint(0, 14 if 'optional' in opt else 9)   # more chains to compare
                span = rnd.choice((2, 4, 8) if 'optional' in opt else (4, 8, 15))
                rows = []
                for _ in range(nrows):
                    t = None if rnd.random() < 0.08 else rnd.randint(0, span)
                    c = [rnd.choice((True, False, False, None)) if rnd.random() < 0.9 else None
                         for _ in range(nconds)]
                    if rnd.random() < 0.2 and nconds > 1:   # rows matching several conditions
                        c = [rnd.random() < 0.6 for _ in range(nconds)]
                    key = None if rnd.random() < 0.1 else rnd.choice(('a', 'b', 'c', 'B'))
                    rows.append((t, c, key))
                for t, c, key in rows:
                    fr.write('%d\t%d\t%s\t%s\t%s\n' % (cfg, g, NULL if t is None else t,
                                                       sql_bool_array(c), NULL if key is None else key))
                live = [(t, [bool(v) for v in c], key) for t, c, key in rows
                        if t is not None and (not keyed or key is not None)]
                if kind == 'bd':
                    if not live:
                        fe.write('%d\t%d\t%s\t%s\t%s\n' % (cfg, g, NULL, NULL, NULL))
                        continue
                    excl = [(i - 1, j - 1) for i, j in opt.get('exclude', [])]
                    lv, tm, vals = ordered_chains(live, nsteps, w, [None] * nsteps, excl, False)
                    a = opt.get('attribution', 'first_touch')
                    m = 0 if a == 'first_touch' else lv - 1 if a == 'last_touch' else a - 1
                    v = vals[m] if lv > 0 and m < lv else None
                    fe.write('%d\t%d\t%s\t%s\t%s\n' % (cfg, g, NULL, NULL if v is None else v, NULL))
                    continue
                if not live:
                    fe.write('%d\t%d\t%s\t%s\t%s\n' % (cfg, g, NULL, NULL, NULL))
                    continue
                if kind == 'mode':
                    level = clickhouse([(t, c) for t, c, _ in live], nsteps, w, True,
                                       'allow_reentry' in opt, 'strict_deduplication' in opt)
                    fe.write('%d\t%d\t%d\t%s\t%s\n' % (cfg, g, level, NULL, NULL))
                    continue
                gaps = [None] * nsteps
                for s, x in enumerate(opt.get('step_windows', [])):
                    gaps[s + 1] = None if x is None else int(x.split()[0])
                excl = [(i - 1, j - 1) for i, j in opt.get('exclude', [])]
                groups = {}
                for t, c, key in live:
                    groups.setdefault(key if keyed else None, []).append((t, c))
                level, count, times = 0, 0, [None] * nsteps
                for key in sorted(groups, key=lambda k: (k is None, k)):
                    if opt.get('order') == 'any':
                        lv, tm = unordered(groups[key], nsteps, w)
                        cnt = 0
                    elif 'optional' in opt:
                        lv, cnt, tm = optional_chains(groups[key], nsteps, w, gaps, excl, opt.get('first_time', False),
                                                      {m - 1 for m in opt['optional']})
                    else:
                        lv, tm, _ = ordered_chains(groups[key], nsteps, w, gaps, excl, opt.get('first_time', False))
                        cnt = 0
                    if (lv, cnt) > (level, count):
                        level, count, times = lv, cnt, tm
                secs = NULL if level == 0 or times[0] is None or times[level - 1] is None \
                    else '%g' % ((times[level - 1] - times[0]) * 60)
                fe.write('%d\t%d\t%d\t{%s}\t%s\n' % (cfg, g, level,
                                                     ','.join('NULL' if x is None else str(x) for x in times),
                                                     secs))


if __name__ == '__main__':
    main()
