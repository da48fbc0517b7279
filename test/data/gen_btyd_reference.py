#!/usr/bin/env python3
"""Reference values for sql/btyd.sql section 6a (random sweep of BG/NBD expectations).

Writes test/data/btyd_expectation_reference.csv: random models (r up to 1e4; alpha, a, b
over seven decades), customers and horizons, with the expectation computed independently
of the extension by python3-mpmath from the textbook closed forms (FHL 2005 eq. 9 and 10,
clv.md sections 2.3, 2.4), i.e. through mpmath's Gauss hypergeometric function:

  expected:     E[X(h)] = (a+b-1)/(a-1) [1 - (alpha/(alpha+h))^r 2F1(r, b; a+b-1; h/(alpha+h))]
  conditional:  E[Y(h) | x, t_x, T] = N / D with
                N = (a+b+x-1)/(a-1) [1 - ((alpha+T)/(alpha+T+h))^(r+x)
                                       2F1(r+x, b+x; a+b+x-1; h/(alpha+T+h))],
                D = 1 + [x > 0] a/(b+x-1) ((alpha+T)/(alpha+t_x))^(r+x)
  clv:          spend * sum_k (E[Y(k period)] - E[Y((k-1) period)]) / (1+rate)^k, k = 1..K,
                horizon = K periods, spend = p (gamma + x m) / (p x + q - 1)

Every value is computed at 60 and at 100 significant digits and kept only if the two agree
to 1e-30 relative (they always do; the check guards against a silent loss of precision in
the cancellation 1 - (...) 2F1). Inputs are written with repr() so that PostgreSQL reads
back exactly the doubles used here. Sizes are chosen so that the purchase count of a
customer who stays alive, (r+x) h/(alpha+T), stays below 2e5 (the extension sums about
that many terms). Deterministic: seed 20261128.

Run from the repo root: python3 test/data/gen_btyd_reference.py
"""
import csv
import random

import mpmath as mp

rng = random.Random(20261128)


def logu(lo, hi):
    return 10.0 ** rng.uniform(lo, hi)


def expectation_alive(r, alpha, a, b, x, T, h):
    R, B, C = r + x, b + x, a + b + x - 1
    z = h / (alpha + T + h)
    f = mp.hyp2f1(R, B, C, z)
    return C / (a - 1) * (1 - ((alpha + T) / (alpha + T + h)) ** R * f)


def p_alive(r, alpha, a, b, x, tx, T):
    if x == 0:
        return mp.mpf(1)
    return 1 / (1 + a / (b + x - 1) * ((alpha + T) / (alpha + tx)) ** (r + x))


def at_two_precisions(fn):
    vals = []
    for dps in (60, 100):
        with mp.workdps(dps):
            vals.append(fn())
    lo, hi = vals
    if hi == 0:
        assert lo == 0
    else:
        assert abs(lo / hi - 1) < mp.mpf(10) ** -30, (lo, hi)
    return hi


def model():
    while True:
        r, alpha, a, b = logu(-3, 4), logu(-3, 4), logu(-3, 4), logu(-3, 4)
        if abs(a - 1) > 1e-6:        # the textbook form divides by a - 1
            return r, alpha, a, b


def horizon(R, beta):
    # c = h / beta log-uniform in [1e-6, 1e3], then capped so that R c <= 2e5
    c = min(logu(-6, 3), 2e5 / R)
    return c * beta


rows = []
for _ in range(150):
    r, alpha, a, b = model()
    h = horizon(r, alpha)
    v = at_two_precisions(lambda: expectation_alive(*map(mp.mpf, (r, alpha, a, b)), 0, 0, mp.mpf(h)))
    rows.append(("expected", r, alpha, a, b, 0, 0, 0, h, "", "", "", "", "", "", v))
for _ in range(150):
    r, alpha, a, b = model()
    x = 0 if rng.random() < 0.2 else int(logu(0, 3))
    T = alpha * logu(-3, 3)
    tx = 0.0 if x == 0 else T * rng.random()
    h = horizon(r + x, alpha + T)
    m = [mp.mpf(v) for v in (r, alpha, a, b)]
    v = at_two_precisions(lambda: expectation_alive(*m, x, mp.mpf(T), mp.mpf(h))
                          * p_alive(*m, x, mp.mpf(tx), mp.mpf(T)))
    rows.append(("conditional", r, alpha, a, b, x, tx, T, h, "", "", "", "", "", "", v))
for _ in range(60):
    r, alpha, a, b = model()
    x = 0 if rng.random() < 0.2 else int(logu(0, 3))
    T = alpha * logu(-3, 3)
    tx = 0.0 if x == 0 else T * rng.random()
    K = rng.randint(1, 6)
    period = horizon(r + x, alpha + T) / K
    p, q, gam = logu(-2, 2), 1 + logu(-2, 2), logu(-2, 3)
    mon = logu(-1, 3) if x > 0 else 0.0
    rate = rng.choice([0.0, 0.01, 0.1, 1.0])
    m = [mp.mpf(v) for v in (r, alpha, a, b)]

    def clv():
        cum = [mp.mpf(0)] + [expectation_alive(*m, x, mp.mpf(T), k * mp.mpf(period))
                             for k in range(1, K + 1)]
        pv = sum((cum[k] - cum[k - 1]) / (1 + mp.mpf(rate)) ** k for k in range(1, K + 1))
        P, Q, G = mp.mpf(p), mp.mpf(q), mp.mpf(gam)
        spend = P * (G + x * mp.mpf(mon)) / (P * x + Q - 1)
        return spend * p_alive(*m, x, mp.mpf(tx), mp.mpf(T)) * pv

    v = at_two_precisions(clv)
    rows.append(("clv", r, alpha, a, b, x, tx, T, K * period, p, q, gam, mon, rate, period, v))

with open("test/data/btyd_expectation_reference.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["kind", "r", "alpha", "a", "b", "x", "t_x", "t", "horizon",
                "p", "q", "gamma", "monetary", "discount_rate", "period", "value"])
    for row in rows:
        w.writerow([row[0]] + [repr(v) if isinstance(v, float) else v for v in row[1:15]]
                   + [mp.nstr(row[15], 25, min_fixed=-1, max_fixed=-1)])
