#!/usr/bin/env python3
"""test/discrete/reference.py: independent high-precision checks of the discrete models.

Reads the extension's values through psql (the cluster of scripts/check: PGHOST etc. in the
environment) and recomputes each with mpmath at 30 digits from the papers' own closed forms:
  - BG/BB (Fader, Hardie & Shang 2010): likelihood (eq. 5), P(alive at n+1) (eq. 11),
    conditional expected transactions (eq. 13, with its Gamma-function ratios and 1/(gamma-1)),
    expected transactions E[X(n)] (eq. 8); the extension sums positive terms instead.
  - sBG (Fader & Hardie 2007): P(T = t), S(t) as beta-function ratios; DERL (Fader & Hardie
    2010, eq. 6) as (beta+n)/(alpha+beta+n) 2F1(1, beta+n+1; alpha+beta+n+1; 1/(1+d)).
  - standard errors: mpmath's own numerical derivatives (mp.diff, natural parameters, 30
    digits) of the summed log-likelihood, the negative Hessian inverted with mpmath.
Prints one line per check, "<name>\t<t or why it failed>", for run-check.sh to tally.
"""
import csv
import subprocess
import sys

import mpmath as mp

mp.mp.dps = 30
DONATIONS = "test/data/donations_1995.csv"


def sql(query):
    out = subprocess.run(["psql", "-qXAt", "-F", "\t", "-v", "ON_ERROR_STOP=1", "-d", sys.argv[1],
                          "-c", query], capture_output=True, text=True)
    if out.returncode != 0:
        raise RuntimeError(out.stderr.strip())
    return [line.split("\t") for line in out.stdout.strip().split("\n") if line]


def relerr(ours, ref):
    ours = mp.mpf(ours)
    return abs(ours - ref) / max(abs(ref), mp.mpf("1e-300"))


def report(name, worst, tol):
    print(f"{name}\t{'t' if worst <= tol else f'max relative error {mp.nstr(worst, 3)} > {tol}'}")


B = mp.beta
G = mp.gamma


def bgbb_lik(a, b, g, d, x, tx, n):
    L = B(a + x, b + n - x) / B(a, b) * B(g, d + n) / B(g, d)
    for i in range(n - tx):
        L += B(a + x, b + tx - x + i) / B(a, b) * B(g + 1, d + tx + i) / B(g, d)
    return L


def bgbb_palive(a, b, g, d, x, tx, n):
    return B(a + x, b + n - x) / B(a, b) * B(g, d + n + 1) / B(g, d) / bgbb_lik(a, b, g, d, x, tx, n)


def bgbb_cond(a, b, g, d, x, tx, n, h):
    return (B(a + x + 1, b + n - x) / B(a, b) * d / (g - 1) * G(g + d) / G(1 + d)
            * (G(1 + d + n) / G(g + d + n) - G(1 + d + n + h) / G(g + d + n + h))
            / bgbb_lik(a, b, g, d, x, tx, n))


def bgbb_ex(a, b, g, d, n):
    return a / (a + b) * d / (g - 1) * (1 - G(g + d) * G(1 + d + n) / (G(g + d + n) * G(1 + d)))


def sbg_ll(a, b, t, churned):
    return mp.log(B(a + 1, b + t - 1) / B(a, b) if churned else B(a, b + t) / B(a, b))


def sbg_derl(a, b, n, d):
    return (b + n) / (a + b + n) * mp.hyp2f1(1, b + n + 1, a + b + n + 1, 1 / (1 + d))


def standard_errors(ll, theta):
    k = len(theta)
    H = mp.matrix(k, k)
    for i in range(k):
        for j in range(k):
            order = [0] * k
            order[i] += 1
            order[j] += 1
            H[i, j] = -mp.diff(ll, theta, tuple(order))
    cov = H ** -1
    return [mp.sqrt(cov[i, i]) for i in range(k)]


def main():
    with open(DONATIONS) as f:
        don = [(int(r["x"]), int(r["t_x"]), int(r["n"]), int(r["weight"])) for r in csv.DictReader(f)]

    # BG/BB at the published parameters and at our fit
    pub = "row(1.204, 0.750, 0.657, 2.783, null, null, null, null)::bgbb_model"
    a, b, g, d = (mp.mpf(v) for v in ("1.204", "0.750", "0.657", "2.783"))
    worst = {"ll": 0, "palive": 0, "cond": 0, "ex": 0}
    rows = sql(f"SELECT x, t_x, n, h, bgbb_log_likelihood({pub}, x, t_x, n), bgbb_p_alive({pub}, x, t_x, n), "
               f"bgbb_conditional_expected_purchases({pub}, x, t_x, n, h) "
               f"FROM (VALUES {','.join(f'({x},{tx},{n})' for x, tx, n, _ in don)}) v(x, t_x, n), "
               f"(VALUES (1), (5), (10), (100), (1000)) hh(h)")
    for x, tx, n, h, ll, pa, ce in rows:
        x, tx, n, h = int(x), int(tx), int(n), int(h)
        worst["ll"] = max(worst["ll"], relerr(ll, mp.log(bgbb_lik(a, b, g, d, x, tx, n))))
        worst["palive"] = max(worst["palive"], relerr(pa, bgbb_palive(a, b, g, d, x, tx, n)))
        worst["cond"] = max(worst["cond"], relerr(ce, bgbb_cond(a, b, g, d, x, tx, n, h)))
    for n, ex in sql(f"SELECT n, bgbb_expected_purchases({pub}, n) FROM unnest(ARRAY[1, 2, 6, 10, 100, 10000]) n"):
        worst["ex"] = max(worst["ex"], relerr(ex, bgbb_ex(a, b, g, d, int(n))))
    report("bgbb_log_likelihood = FHS 2010 eq. 5 on the 22 donation patterns (published model)", worst["ll"], 1e-12)
    report("bgbb_p_alive = FHS 2010 eq. 11 (published model)", worst["palive"], 1e-12)
    report("bgbb_conditional_expected_purchases = FHS 2010 eq. 13 at horizons 1..1000", worst["cond"], 1e-11)
    report("bgbb_expected_purchases = FHS 2010 eq. 8 for n = 1..10000", worst["ex"], 1e-11)

    # an extreme hand-built model: gamma > 1, small and large shapes
    hb = (mp.mpf("0.05"), mp.mpf("30"), mp.mpf("4.5"), mp.mpf("0.2"))
    hbs = "row(0.05, 30, 4.5, 0.2, null, null, null, null)::bgbb_model"
    w2 = {"palive": 0, "cond": 0}
    for x, tx, n, pa, ce in sql(f"SELECT x, t_x, n, bgbb_p_alive({hbs}, x, t_x, n), "
                                f"bgbb_conditional_expected_purchases({hbs}, x, t_x, n, 50) "
                                f"FROM (VALUES (0,0,1),(0,0,40),(1,1,40),(3,17,40),(40,40,40),(39,40,40),(5,5,200)) v(x, t_x, n)"):
        x, tx, n = int(x), int(tx), int(n)
        w2["palive"] = max(w2["palive"], relerr(pa, bgbb_palive(*hb, x, tx, n)))
        w2["cond"] = max(w2["cond"], relerr(ce, bgbb_cond(*hb, x, tx, n, 50)))
    report("bgbb_p_alive = eq. 11 on a hand-built extreme model (alpha 0.05, beta 30, gamma 4.5, delta 0.2)", w2["palive"], 1e-11)
    report("bgbb_conditional_expected_purchases = eq. 13 on the extreme model", w2["cond"], 1e-10)

    # BG/BB standard errors at our fit and at the published parameters
    fit = sql("SELECT (m).alpha, (m).beta, (m).gamma, (m).delta, "
              "(SELECT bgbb_standard_errors(m, x, t_x, n, weight::float8) FROM donations), "
              f"(SELECT bgbb_standard_errors({pub}, x, t_x, n, weight::float8) FROM donations) "
              "FROM (SELECT bgbb_fit(x, t_x, n, weight::float8) AS m FROM donations) q")[0]
    theta = [mp.mpf(v) for v in fit[:4]]

    def total(a, b, g, d):
        return mp.fsum(w * mp.log(bgbb_lik(a, b, g, d, x, tx, n)) for x, tx, n, w in don)

    for label, th, ours in (("the fitted model", theta, fit[4]), ("the published model", [a, b, g, d], fit[5])):
        ref = standard_errors(total, th)
        se = ours.strip("{}").split(",")
        report(f"bgbb_standard_errors at {label} = mpmath's Hessian (30 digits) {[mp.nstr(v, 6) for v in ref]}",
               max(relerr(s, r) for s, r in zip(se, ref)), 1e-6)

    # sBG: F&H 2007 regular segment, hand-built and fitted
    reg = [(1, True, 369), (2, True, 163), (3, True, 86), (4, True, 56), (5, True, 37), (6, True, 27),
           (7, True, 21), (7, False, 241)]
    vals = ",".join(f"({t},{'true' if c else 'false'},{w})" for t, c, w in reg)
    fit = sql(f"SELECT (m).alpha, (m).beta, (m).ll, (SELECT sbg_standard_errors(m, t, c, w::float8) "
              f"FROM (VALUES {vals}) v(t, c, w)) FROM (SELECT sbg_fit(t, c, w::float8) AS m FROM (VALUES {vals}) v(t, c, w)) q")[0]
    sa, sb = mp.mpf(fit[0]), mp.mpf(fit[1])

    def sbg_total(a, b):
        return mp.fsum(w * sbg_ll(a, b, t, c) for t, c, w in reg)

    report("sbg_fit ll = the sum of the F&H 2007 log-likelihood at its parameters", relerr(fit[2], sbg_total(sa, sb)), 1e-12)
    ref = standard_errors(sbg_total, [sa, sb])
    report(f"sbg_standard_errors at the fitted model = mpmath's Hessian {[mp.nstr(v, 6) for v in ref]}",
           max(relerr(s, r) for s, r in zip(fit[3].strip("{}").split(","), ref)), 1e-6)
    sm = "row(0.704, 1.182, null, null, null, null)::sbg_model"
    a2, b2 = mp.mpf("0.704"), mp.mpf("1.182")
    worst = {"surv": 0, "derl": 0, "ll": 0}
    for t, s, l1, l0 in sql(f"SELECT t, sbg_survival({sm}, t), sbg_log_likelihood({sm}, greatest(t, 1), true), "
                            f"sbg_log_likelihood({sm}, t, false) FROM unnest(ARRAY[0, 1, 2, 7, 50, 1000, 100000]) t"):
        t = int(t)
        worst["surv"] = max(worst["surv"], relerr(s, B(a2, b2 + t) / B(a2, b2)))
        worst["ll"] = max(worst["ll"], relerr(l1, sbg_ll(a2, b2, max(t, 1), True)))
        if t > 0:
            worst["ll"] = max(worst["ll"], relerr(l0, sbg_ll(a2, b2, t, False)))
    for n, dd, v in sql(f"SELECT n, d, sbg_derl({sm}, n, d) FROM unnest(ARRAY[0, 1, 4, 100]) n, "
                        f"unnest(ARRAY[0.001, 0.1, 0.5, 3]) d"):
        worst["derl"] = max(worst["derl"], relerr(v, sbg_derl(a2, b2, int(n), mp.mpf(dd))))
    report("sbg_survival = B(alpha, beta+t)/B(alpha, beta) for t = 0..100000", worst["surv"], 1e-11)
    report("sbg_log_likelihood = ln P(T = t), ln S(t) for t = 1..100000", worst["ll"], 1e-11)
    report("sbg_derl = F&H 2010 eq. 6 (2F1) for n = 0..100, d = 0.001..3", worst["derl"], 1e-11)


if __name__ == "__main__":
    main()
