#!/usr/bin/env python3
"""The frontier of `goodhart frontier` recomputed with NumPy/SciPy (no code shared with Goodhart),
timed, and compared with goodhart's CSV.

Same KL grid (evenly spaced in sqrt(KL)), same policies: quantilizer q = e^-K (closed form with
scipy.stats.norm), best-of-n (n from brentq on ln n - (n-1)/n = K, e_n by scipy.integrate.quad),
ideal tilt (closed form), and the KL-penalised weight family at goodhart's beta values (SLSQP on
the simplex, warm-started from the previous beta and from w0; own bivariate-normal KL).

Usage: frontier_scipy.py [path/to/goodhart] [points] [max_kl] [preset]
Prints the SciPy wall time for the whole frontier and the worst absolute disagreement per policy.
"""
import csv
import io
import subprocess
import sys
import time

import numpy as np
from scipy import integrate, optimize, stats

binary = sys.argv[1] if len(sys.argv) > 1 else ".build/release/goodhart"
points = int(sys.argv[2]) if len(sys.argv) > 2 else 200
max_kl = float(sys.argv[3]) if len(sys.argv) > 3 else 8.0
preset = sys.argv[4] if len(sys.argv) > 4 else "cheap-persuasion"

mean_a, mean_c = (1.0, 2.0) if preset == "cheap-persuasion" else (2.0, 1.0)
m = np.array([mean_a, 1.0, mean_c])
s = np.ones(3)
t = np.array([1.0, 1.0, 0.0])
p = np.array([1.0, 0.0, 1.0])
w0 = np.array([1 / 3, 1 / 3, 1 / 3])


def moments(w):
    a, b = w * t, w * p
    mu = np.array([a @ m, b @ m])
    cov = np.array([[np.sum(a * a * s * s), np.sum(a * b * s * s)],
                    [np.sum(a * b * s * s), np.sum(b * b * s * s)]])
    return mu, cov


mu0, cov0 = moments(w0)
inv0 = np.linalg.inv(cov0)
logdet0 = np.log(np.linalg.det(cov0))
mt, mp = mu0
sd = np.sqrt(cov0[1, 1])
slope = cov0[0, 1] / sd  # truth per standard unit of P


def kl(w):
    mu, cov = moments(w)
    det = np.linalg.det(cov)
    if det <= 1e-300:
        return np.inf
    d = mu - mu0
    return 0.5 * (np.trace(inv0 @ cov) + d @ inv0 @ d - 2 + logdet0 - np.log(det))


def e_n(n):
    if n == 1:
        return 0.0
    f = lambda x: x * n * stats.norm.pdf(x) * stats.norm.cdf(x) ** (n - 1)
    return integrate.quad(f, -12, 12, epsabs=0, epsrel=1e-12, limit=200)[0]


def family_optimum(beta, start):
    cons = ({"type": "eq", "fun": lambda w: np.sum(w) - 1},)
    best = None
    for x0 in (start, w0):
        def f(w):
            w = np.clip(w, 0, None)
            v = w @ (p * m) - beta * kl(w)
            return -v if np.isfinite(v) else 1e10
        res = optimize.minimize(f, x0, method="SLSQP", bounds=[(0, 1)] * 3, constraints=cons,
                                options={"ftol": 1e-15, "maxiter": 1000})
        w = np.clip(res.x, 0, None)
        w /= w.sum()
        if best is None or f(w) < f(best):
            best = w
    return best


# goodhart's CSV: the reference rows and the weight family's beta values.
run = subprocess.run([binary, "frontier", "--preset", preset, "--points", str(points),
                      "--max-kl", repr(max_kl), "--format", "csv"], capture_output=True, text=True,
                     check=True)
rows = list(csv.DictReader(io.StringIO(run.stdout)))
betas = [float(r["parameter"]) for r in rows if r["policy"] == "weight_family"]

started = time.perf_counter()
grid = [(np.sqrt(max_kl) * i / (points - 1)) ** 2 for i in range(points)]
mine = {"quantilizer": [], "best_of_n": [], "tilt": [], "weight_family": []}
for k in grid:
    q = np.exp(-k)
    z = stats.norm.isf(q)
    shift = 0.0 if q == 1 else stats.norm.pdf(z) / q
    mine["quantilizer"].append((mt + slope * shift, mp + sd * shift))
    u = 0.0 if k == 0 else optimize.brentq(lambda u: u - 1 + np.exp(-u) - k, 0, k + 1, xtol=1e-14)
    e = e_n(np.exp(u))
    mine["best_of_n"].append((mt + slope * e, mp + sd * e))
    shift = np.sqrt(2 * k)
    mine["tilt"].append((mt + slope * shift, mp + sd * shift))
w = w0
for beta in betas:
    if np.isinf(beta):
        w = w0
    else:
        w = family_optimum(beta, w)
    mu, _ = moments(w)
    mine["weight_family"].append((mu[0], mu[1]))
elapsed = time.perf_counter() - started

print(f"SciPy frontier ({preset}, {points} points, max KL {max_kl}): {elapsed * 1e3:.1f} ms")
for policy, values in mine.items():
    theirs = [(float(r["mean_truth"]), float(r["mean_persuasion"])) for r in rows if r["policy"] == policy]
    worst = max(max(abs(a[0] - b[0]), abs(a[1] - b[1])) for a, b in zip(values, theirs))
    print(f"  {policy:14s} rows {len(theirs):4d}  worst |goodhart - scipy| = {worst:.3g}")
