#!/usr/bin/env python3
"""Independent check of `goodhart optimize --method exact` with SciPy.

For random Gaussian models and betas, maximise J(w) = E_w[P] - beta KL(N(mu_w, S_w) || N(mu_0, S_0))
over the simplex with SLSQP from many starts (own NumPy KL, no code shared with Goodhart), run the
goodhart binary on the same model, and report
  - the worst relative gap (J_scipy - J_goodhart) / max(1, |J|) (acceptance: <= 1e-7),
  - the worst disagreement between goodhart's reported numbers and the numbers its weights give.

Usage: exact_optimum_scipy.py [path/to/goodhart] [models] [seed]
"""
import json
import subprocess
import sys
import tempfile

import numpy as np
from scipy.optimize import minimize

binary = sys.argv[1] if len(sys.argv) > 1 else ".build/debug/goodhart"
count = int(sys.argv[2]) if len(sys.argv) > 2 else 200
rng = np.random.default_rng(int(sys.argv[3]) if len(sys.argv) > 3 else 7)


def moments(w, m, s, t, p):
    a, b = w * t, w * p
    mu = np.array([a @ m, b @ m])
    cov = np.array([[np.sum(a * a * s * s), np.sum(a * b * s * s)],
                    [np.sum(a * b * s * s), np.sum(b * b * s * s)]])
    return mu, cov


def kl(w, w0, m, s, t, p):
    mu, cov = moments(w, m, s, t, p)
    mu0, cov0 = moments(w0, m, s, t, p)
    det = np.linalg.det(cov)
    if det <= 1e-300:
        return np.inf
    inv0 = np.linalg.inv(cov0)
    d = mu - mu0
    return 0.5 * (np.trace(inv0 @ cov) + d @ inv0 @ d - 2 + np.log(np.linalg.det(cov0)) - np.log(det))


def objective(w, beta, w0, m, s, t, p):
    return w @ (p * m) - beta * kl(w, w0, m, s, t, p)


def scipy_optimum(beta, w0, m, s, t, p, starts=40):
    n = len(m)
    best = -np.inf
    cons = ({"type": "eq", "fun": lambda w: np.sum(w) - 1},)
    inits = [w0, np.full(n, 1 / n)] + [rng.dirichlet(np.ones(n)) for _ in range(starts)]
    for x0 in inits:
        def f(w):
            v = objective(np.clip(w, 0, None), beta, w0, m, s, t, p)
            return -v if np.isfinite(v) else 1e10
        res = minimize(f, x0, method="SLSQP", bounds=[(0, 1)] * n, constraints=cons,
                       options={"ftol": 1e-15, "maxiter": 1000})
        w = np.clip(res.x, 0, None)
        w /= w.sum()
        v = objective(w, beta, w0, m, s, t, p)
        if np.isfinite(v):
            best = max(best, v)
    return best


worst_gap, worst_consistency, failures = -np.inf, 0.0, 0
for trial in range(count):
    n = int(rng.integers(2, 7))
    m = rng.normal(0, 2, n)
    s = rng.uniform(0.3, 2.0, n)
    t = rng.normal(0, 1, n)
    p = rng.normal(0, 1, n)
    w0 = rng.dirichlet(np.ones(n))
    w0[-1] = 1 - w0[:-1].sum()
    beta = float(10 ** rng.uniform(-2, 1))
    model = {"submodules": [{"name": f"S{i}", "mean": m[i], "sd": s[i], "truth": t[i],
                             "persuasion": p[i]} for i in range(n)],
             "weights": list(w0)}
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump(model, handle)
        path = handle.name
    run = subprocess.run([binary, "optimize", "--model", path, "--beta", repr(beta),
                          "--method", "exact", "--format", "json"], capture_output=True, text=True)
    if run.returncode != 0:
        failures += 1
        print(f"trial {trial}: goodhart failed on {path} (beta {beta!r}): {run.stderr.strip()}")
        continue
    out = json.loads(run.stdout)
    w = np.array(out["weights"])
    mine = objective(w, beta, w0, m, s, t, p)
    mu, _ = moments(w, m, s, t, p)
    k = kl(w, w0, m, s, t, p)
    scale = max(1.0, abs(mine))
    consistency = max(abs(out["objective"] - mine), abs(out["mean_truth"] - mu[0]),
                      abs(out["mean_persuasion"] - mu[1]), abs(out["kl"] - k)) / scale
    worst_consistency = max(worst_consistency, consistency)
    reference = scipy_optimum(beta, w0, m, s, t, p)
    gap = (reference - mine) / max(1.0, abs(reference))
    if gap > worst_gap:
        worst_gap = gap
    if gap > 1e-7:
        print(f"trial {trial}: n={n} beta={beta!r} goodhart {mine:.12g} scipy {reference:.12g} gap {gap:.3g} ({path})")

print(f"models: {count}, goodhart failures: {failures}")
print(f"worst relative gap (scipy - goodhart): {worst_gap:.3g}  (acceptance <= 1e-7; negative: goodhart better)")
print(f"worst reported-vs-recomputed disagreement: {worst_consistency:.3g}")
