#!/usr/bin/env python3
"""test/paths/brute.py: sequence_next_node, sequence_match_events and event_path against
a brute-force reference written from the rules (README "### sequence_next_node",
"### sequence_match_events", "### event_path"), never from the C code.

Thousands of small random groups (0 to 8 rows) with many equal timestamps, repeated
values, NULL timestamps / values / conditions, each with its own random arguments
(direction, base, 0 to 3 event conditions, pattern, steps). The aggregates run three ways
(serial; rows in random order; parallel plans forced) and every answer must equal the
reference's. Prints one line per check for tally.sh: "name|t" or "name|<first mismatch>".

usage: brute.py SEED GROUPS  (psql connection from PGHOST/PGPORT/PGUSER, database argv[3])
"""
import random
import subprocess
import sys

VALUES = ["a", "b", "c", "\u00e4"]           # byte order: a < b < c < 0xC3 0xA4
BASE_BIT = 1 << 31
PAIRS = [("forward", "head"), ("backward", "tail"), ("forward", "first_match"),
         ("forward", "last_match"), ("backward", "first_match"), ("backward", "last_match")]


def gen_rows(rnd):
    """One group's rows (t, e, bc, q): t in 1..4 (many ties), 8% NULL; e from VALUES, 8%
    NULL; base_condition 15% NULL; q (which every condition is ANDed with) 15% NULL."""
    rows = []
    for _ in range(rnd.randint(0, 8)):
        t = None if rnd.random() < 0.08 else rnd.randint(1, 4)
        e = None if rnd.random() < 0.08 else rnd.choice(VALUES)
        bc = None if rnd.random() < 0.15 else rnd.random() < 0.7
        q = None if rnd.random() < 0.15 else True
        rows.append((t, e, bc, q))
    return rows


def cond(e, x, q):
    """SQL (e = x AND q) as a flag: NULL counts as false."""
    return e is not None and e == x and q is True


def nodes(rows, flags_of):
    """Rows with a timestamp and a value, in (timestamp, value bytes, flag word) order."""
    out = [(t, e.encode(), flags_of(t, e, bc, q), e) for (t, e, bc, q) in rows
           if t is not None and e is not None]
    out.sort(key=lambda n: (n[0], n[1], n[2]))
    return out


def ref_next_node(rows, direction, base, evs):
    """ClickHouse's sequenceNextNode rule over the nodes."""
    def flags_of(t, e, bc, q):
        f = BASE_BIT if bc is True else 0
        for k, x in enumerate(evs):
            if cond(e, x, q):
                f |= 1 << k
        return f
    ns = nodes(rows, flags_of)
    if not ns:
        return None
    has_base = [bool(n[2] & BASE_BIT) for n in ns]
    ev1 = [bool(n[2] & 1) for n in ns]
    b = None
    if base == "head":
        b = 0 if has_base[0] else None
    elif base == "tail":
        b = len(ns) - 1 if has_base[-1] else None
    elif base == "first_match":
        b = next((i for i in range(len(ns)) if has_base[i] and ev1[i]), None)
    else:
        b = next((i for i in reversed(range(len(ns))) if has_base[i] and ev1[i]), None)
    if b is None:
        return None
    step = 1 if direction == "forward" else -1
    for k in range(len(evs)):
        j = b + k * step
        if not (0 <= j < len(ns)) or not ns[j][2] & (1 << k):
            return None
    j = b + len(evs) * step
    return ns[j][3] if 0 <= j < len(ns) else None


def ref_event_path(rows, direction, steps, anchor_value):
    """First (forward) / last (backward) anchor node, then the values walking away from it
    with runs of equal consecutive values taken once, steps + 1 values, in time order."""
    ns = nodes(rows, lambda t, e, bc, q: BASE_BIT if cond(e, anchor_value, q) else 0)
    if not ns:
        return None
    idx = [i for i, n in enumerate(ns) if n[2] & BASE_BIT]
    if not idx:
        return None
    if direction == "forward":
        walk = [n[3] for n in ns[idx[0]:]]
    else:
        walk = [n[3] for n in reversed(ns[:idx[-1] + 1])]
    out = []
    for v in walk:
        if not out or out[-1] != v:
            out.append(v)
        if len(out) == steps + 1:
            break
    return out if direction == "forward" else out[::-1]


# --- sequence_match_events: the pattern language and ClickHouse's search, recursively ---

def parse(pattern):
    """Tokens as (op, arg): ('E', cond index) ('ANY',) ('STAR',) ('T', (op, secs)); the
    implicit leading .* first.  Only the generator's own patterns are parsed."""
    acts = [("STAR", None)]
    i = 0
    while i < len(pattern):
        if pattern.startswith("(?t", i):
            j = pattern.index(")", i)
            body = pattern[i + 3:j]
            op = next(o for o in ("<=", ">=", "==", "<", ">") if body.startswith(o))
            acts.append(("T", (op, int(body[len(op):]))))
            i = j + 1
        elif pattern.startswith("(?", i):
            j = pattern.index(")", i)
            acts.append(("E", int(pattern[i + 2:j]) - 1))
            i = j + 1
        elif pattern.startswith(".*", i):
            acts.append(("STAR", None))
            i += 2
        else:
            acts.append(("ANY", None))
            i += 1
    return acts


class Exhausted(Exception):
    """A forward step ran out of events: ClickHouse's search ends there."""

    def __init__(self, act):
        super().__init__()
        self.act = act


def time_ok(op, d, s):
    return {"<=": d <= s, "<": d < s, ">=": d >= s, ">": d > s, "==": d == s}[op]


def skippable(acts, a):
    """ClickHouse's end-of-events rule: trailing .*, (?t<S), (?t<=S), (?t>=0) match nothing."""
    for op, arg in acts[a:]:
        if not (op == "STAR" or (op == "T" and (arg[0] in ("<", "<=") or arg == (">=", 0)))):
            return False
    return True


def ref_match_events(evs, pattern):
    """Depth-first search in ClickHouse's order: a choice point (.* or a time condition)
    first continues at the current event, then retries one event later.  The chain: the
    timestamps the (?N) tokens took in the full match, else the first longest one."""
    acts = parse(pattern)
    slots = {}
    for a, (op, _) in enumerate(acts):
        if op == "E":
            slots[a] = len(slots)
    n = len(evs)
    best, cur = [], {}

    def go(a, i, base):
        while True:
            if a == len(acts):
                return True
            if i == n:
                raise Exhausted(a)
            op, arg = acts[a]
            if op == "E":
                if not evs[i][1] & (1 << arg):
                    return False
                cur[slots[a]] = i
                if slots[a] + 1 > len(best):
                    best[:] = [cur[k] for k in range(slots[a] + 1)]
                a, i, base = a + 1, i + 1, i
            elif op == "ANY":
                a, i, base = a + 1, i + 1, i
            elif op == "STAR":
                if go(a + 1, i, i):
                    return True
                if i + 1 == n:
                    return False
                i += 1
            else:
                top, s = arg
                if time_ok(top, evs[i][0] - evs[base][0], s):
                    if go(a + 1, i, i):
                        return True
                    if i + 1 == n:
                        return False
                    i += 1
                elif top in ("<", "<="):
                    return False
                else:
                    i += 1
                    if i == n:
                        return False

    if n == 0:
        return []
    try:
        matched = go(0, 0, 0)
    except Exhausted as x:
        matched = skippable(acts, x.act)
    if matched and len(slots) > 0:
        return [evs[cur[k]][0] for k in range(len(slots))]
    return [evs[k][0] for k in best]


def ref_sme(rows, pattern):
    """Events: rows with a timestamp on which some condition (e = a/b/c AND q) holds, in
    (timestamp, condition word) order.  NULL for a group without a timestamped row."""
    timed = [r for r in rows if r[0] is not None]
    if not timed:
        return None
    evs = []
    for (t, e, bc, q) in timed:
        f = sum(1 << k for k, x in enumerate(VALUES[:3]) if cond(e, x, q))
        if f:
            evs.append((t, f))
    evs.sort()
    return ref_match_events(evs, pattern)


def gen_pattern(rnd):
    toks = []
    for _ in range(rnd.randint(1, 5)):
        r = rnd.random()
        if r < 0.55:
            toks.append("(?%d)" % rnd.randint(1, 3))
        elif r < 0.7:
            toks.append(".")
        elif r < 0.85:
            toks.append(".*")
        elif toks and not toks[-1].startswith("(?t"):
            toks.append("(?t%s%d)" % (rnd.choice(["<=", "<", ">=", ">", "=="]), rnd.randint(0, 2)))
    return "".join(toks)


def sql_lit(v):
    if v is None:
        return "\\N"
    if v is True:
        return "t"
    if v is False:
        return "f"
    return str(v)


def parse_text_array(s):
    assert s.startswith("{") and s.endswith("}"), s
    return [] if s == "{}" else s[1:-1].split(",")


def main():
    seed, ngroups, db = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    rnd = random.Random(seed)
    groups = {}
    rows_copy, cfg_copy = [], []
    for g in range(ngroups):
        rows = gen_rows(rnd)
        direction, base = rnd.choice(PAIRS)
        nev = rnd.randint(1 if base.endswith("match") else 0, 3)
        evs = [rnd.choice(VALUES) for _ in range(nev)]
        pattern = gen_pattern(rnd)
        pdir, steps, anchor = rnd.choice(["forward", "backward"]), rnd.randint(1, 4), rnd.choice(VALUES)
        groups[g] = (rows, direction, base, evs, pattern, pdir, steps, anchor)
        for (t, e, bc, q) in rows:
            rows_copy.append("\t".join(sql_lit(v) for v in (g, t, e, bc, q)))
        cfg_copy.append("\t".join([str(g), direction, base, "{" + ",".join(evs) + "}", pattern,
                                   pdir, str(steps), anchor]))
    setup = (
        "SET client_min_messages = warning;\n"
        "DROP TABLE IF EXISTS bf_rows, bf_cfg;\n"
        "CREATE TABLE bf_rows (g int, t bigint, e text, bc bool, q bool);\n"
        "CREATE TABLE bf_cfg (g int, dir text, base text, evs text[], pattern text, pdir text, steps int, anchor text);\n"
        "COPY bf_rows FROM STDIN;\n" + "\n".join(rows_copy) + "\n\\.\n"
        "COPY bf_cfg FROM STDIN;\n" + "\n".join(cfg_copy) + "\n\\.\n"
        "ANALYZE bf_rows; ANALYZE bf_cfg;\n")
    # one GROUP BY over cfg LEFT JOIN rows: a group without rows gets one all-NULL row
    query = r"""
SELECT c.g,
       CASE WHEN cardinality(c.evs) = 0 THEN sequence_next_node(c.dir, c.base, r.t, r.e, r.bc) END,
       sequence_match_events(c.pattern, r.t, r.e = 'a' AND r.q, r.e = 'b' AND r.q, r.e = 'c' AND r.q),
       event_path(c.pdir, c.steps, r.t, r.e, r.e = c.anchor AND r.q)
FROM bf_cfg c LEFT JOIN {src} r ON r.g = c.g
WHERE cardinality(c.evs) = 0
GROUP BY c.g, c.dir, c.base, c.evs, c.pattern, c.pdir, c.steps, c.anchor
UNION ALL
SELECT c.g,
       sequence_next_node(c.dir, c.base, r.t, r.e, r.bc,
                          VARIADIC ARRAY(SELECT r.e = x AND r.q FROM unnest(c.evs) WITH ORDINALITY u(x, o) ORDER BY o)),
       sequence_match_events(c.pattern, r.t, r.e = 'a' AND r.q, r.e = 'b' AND r.q, r.e = 'c' AND r.q),
       event_path(c.pdir, c.steps, r.t, r.e, r.e = c.anchor AND r.q)
FROM bf_cfg c LEFT JOIN {src} r ON r.g = c.g
WHERE cardinality(c.evs) > 0
GROUP BY c.g, c.dir, c.base, c.evs, c.pattern, c.pdir, c.steps, c.anchor
ORDER BY 1;
"""
    base_cmd = ["psql", "-X", "-q", "-A", "-t", "-F", "|", "-P", "null=<NULL>", "-v", "ON_ERROR_STOP=1", "-d", db]
    # force_parallel_mode was renamed debug_parallel_query in PostgreSQL 16
    version = int(subprocess.run(base_cmd + ["-c", "SHOW server_version_num"], text=True, check=True,
                                 capture_output=True).stdout.strip())
    force = "debug_parallel_query" if version >= 160000 else "force_parallel_mode"
    runs = [
        ("serial", "", "bf_rows"),
        ("shuffled rows", "", "(SELECT * FROM bf_rows ORDER BY random())"),
        ("forced parallel", "SET max_parallel_workers_per_gather = 2; SET parallel_setup_cost = 0; "
         "SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0; SET %s = on;" % force,
         "bf_rows"),
    ]
    subprocess.run(base_cmd, input=setup, text=True, check=True, stdout=subprocess.DEVNULL)
    # a bare-group sample the check can show: how many answers are not NULL / not empty
    nonnull = {"next_node": 0, "match_events": 0, "event_path": 0}
    for name, settings, src in runs:
        out = subprocess.run(base_cmd, input="SET extra_float_digits = 0;" + settings + query.format(src=src),
                             text=True, check=True, capture_output=True).stdout
        lines = [l for l in out.split("\n") if l]
        bad = []
        if len(lines) != ngroups:
            bad.append("%d result rows for %d groups" % (len(lines), ngroups))
        for line in lines:
            g_s, nn, me, ep = line.split("|")
            g = int(g_s)
            rows, direction, base, evs, pattern, pdir, steps, anchor = groups[g]
            got_nn = None if nn == "<NULL>" else nn
            got_me = None if me == "<NULL>" else [int(x) for x in parse_text_array(me)]
            got_ep = None if ep == "<NULL>" else parse_text_array(ep)
            want = (ref_next_node(rows, direction, base, evs), ref_sme(rows, pattern),
                    ref_event_path(rows, pdir, steps, anchor))
            if name == "serial":
                nonnull["next_node"] += want[0] is not None
                nonnull["match_events"] += bool(want[1])
                nonnull["event_path"] += want[2] is not None
            if (got_nn, got_me, got_ep) != want and len(bad) < 3:
                bad.append("group %d rows %r next_node(%s,%s,%r) match_events(%r) event_path(%s,%d,%s): "
                           "got %r want %r" % (g, rows, direction, base, evs, pattern, pdir, steps,
                                               anchor, (got_nn, got_me, got_ep), want))
        print("%s: %d groups equal the reference|%s" % (name, ngroups, "t" if not bad else "; ".join(bad)))
    print("answers that are not NULL / empty: next_node %(next_node)d, match_events %(match_events)d, "
          "event_path %(event_path)d|%(ok)s" % dict(nonnull, ok="t" if min(nonnull.values()) > ngroups // 10 else "too few"))


if __name__ == "__main__":
    main()
