#!/usr/bin/env python3
"""Independent check of `goodhart analyze --best-of N` on heavy-tailed models.

Recomputes E[T] and E[P] of the best of n by nested quadrature written from scratch with SciPy
(QUADPACK via scipy.integrate.quad, the laws from scipy.stats), in the model's own coordinates
(no centring, no merging of normals, no symmetry tricks):

  f_P(p)   = int f_U(u) f_V(p - u) du          (U = b_1 X_1, V = b_2 X_2; one law if only one b != 0)
  Q_P(p)   = int f_U(u) Q_V(p - u) du
  N_U(p)   = int u f_U(u) f_V(p - u) du,  N_V(p) = int (p - u) f_U(u) f_V(p - u) du
  E[T_best] = c + int (r_1 N_U + r_2 N_V)(p) n F(p)^(n-1) dp
  E[P_best] = int p f(p) n F(p)^(n-1) dp

with F^(n-1) = exp((n-1) log1p(-Q)), the outer integral split at the median of the maximum.
Prints the worst relative error against the CLI. Usage: heavy_tail_check.py PATH/TO/goodhart
"""
import json
import math
import subprocess
import sys
import tempfile
from functools import lru_cache

import numpy as np
from scipy import integrate, optimize, special

EPS = 1e-10


class Law:
    """A location-scale law with scalar pdf and sf (math and scipy.special: fast per call)."""

    def __init__(self, family, loc, scale, dof=None):
        self.family, self.loc, self.scale, self.dof = family, loc, scale, dof
        if family == "student_t":
            self.log_c = math.lgamma((dof + 1) / 2) - math.lgamma(dof / 2) - 0.5 * math.log(dof * math.pi)

    def scaled(self, b):
        """The law of b X (every family is symmetric)."""
        return Law(self.family, b * self.loc, abs(b) * self.scale, self.dof)

    def pdf(self, x):
        z = (x - self.loc) / self.scale
        f = self.family
        if f == "normal":
            g = math.exp(-0.5 * z * z) / math.sqrt(2 * math.pi)
        elif f == "student_t":
            g = math.exp(self.log_c - 0.5 * (self.dof + 1) * math.log1p(z * z / self.dof))
        elif f == "laplace":
            g = 0.5 * math.exp(-abs(z))
        elif f == "logistic":
            e = math.exp(-abs(z))
            g = e / (1 + e) ** 2
        else:
            g = 1 / (math.pi * (1 + z * z))
        return g / self.scale

    def sf(self, x):
        z = (x - self.loc) / self.scale
        f = self.family
        if f == "normal":
            return 0.5 * math.erfc(z / math.sqrt(2))
        if f == "student_t":
            return float(special.stdtr(self.dof, -z))
        if f == "laplace":
            return 0.5 * math.exp(-z) if z > 0 else 1 - 0.5 * math.exp(z)
        if f == "logistic":
            return 1 / (1 + math.exp(z)) if z < 700 else math.exp(-z)
        return 0.5 - math.atan(z) / math.pi if z < 0 else math.atan2(1, z) / math.pi


def law(spec):
    d = spec.get("distribution") or {"family": "normal", "location": spec["mean"], "scale": spec["sd"]}
    fam = d["family"]
    has_mean = fam != "cauchy" and not (fam == "student_t" and d["dof"] <= 1)
    return Law(fam, d["location"], d["scale"], d.get("dof")), (d["location"] if has_mean else None)


def quad(f, a, b):
    value, _ = integrate.quad(f, a, b, epsabs=0, epsrel=EPS, limit=500)
    return value


class Model:
    def __init__(self, model):
        self.parts = []  # (law of b X, r = a / b, centre of b X, scale of b X)
        self.c = 0.0
        for spec, w in zip(model["submodules"], model["weights"]):
            a, b = w * spec["truth"], w * spec["persuasion"]
            frozen, mean = law(spec)
            median = frozen.loc
            if b == 0:
                if a != 0:
                    self.c += a * mean
                continue
            # b X: location b L, scale |b| S (symmetric laws keep their family).
            shifted = frozen.scaled(b)
            self.parts.append((shifted, a / b, b * median, shifted.scale))
        assert 1 <= len(self.parts) <= 2

    def pieces(self, p):
        (u, _, cu, su), (v, _, cv, sv) = self.parts
        lo, hi = sorted([cu, p - cv])
        h = 10 * (su + sv)
        cuts = [lo, hi] if hi - lo <= 2 * h else [lo, lo + h, hi - h, hi]
        return [(-np.inf, cuts[0])] + list(zip(cuts[:-1], cuts[1:])) + [(cuts[-1], np.inf)]

    def over_line(self, g, p):
        return sum(quad(g, a, b) for a, b in self.pieces(p))

    @lru_cache(maxsize=None)
    def at(self, p):
        """(Q(p), f(p), truth numerator) at p."""
        if len(self.parts) == 1:
            (x, r, c, s) = self.parts[0]
            f = x.pdf(p)
            return x.sf(p), f, r * p * f - r * c * f
        (u, ru, cu, su), (v, rv, cv, sv) = self.parts
        q = self.over_line(lambda t: u.pdf(t) * v.sf(p - t), p)
        f = self.over_line(lambda t: u.pdf(t) * v.pdf(p - t), p)
        nu = self.over_line(lambda t: (t - cu) * u.pdf(t) * v.pdf(p - t), p)
        nv = self.over_line(lambda t: (p - t - cv) * u.pdf(t) * v.pdf(p - t), p)
        return q, f, ru * nu + rv * nv

    def offset(self):
        return self.c + sum(r * c for (_, r, c, _) in self.parts)

    def best_of(self, n):
        centre = sum(c for (_, _, c, _) in self.parts)
        scale = sum(s for (_, _, _, s) in self.parts)
        target = -math.expm1(-math.log(2) / n)
        g = lambda p: math.log(self.at(p)[0]) - math.log(target)
        hi = centre + scale
        while g(hi) > 0:
            hi = centre + 2 * (hi - centre)
        x0 = optimize.brentq(g, centre, hi, xtol=1e-15 * scale, rtol=1e-14)
        q0, f0, _ = self.at(x0)
        w = q0 / f0

        def weight(p):
            q, f, num = self.at(p)
            if q >= 1:
                return 0.0, 0.0, 0.0
            lw = math.log(n) + (n - 1) * math.log1p(-q)
            return math.exp(lw) if lw > -745 else 0.0, f, num

        def truth(y):
            p = x0 + w * y
            k, f, num = weight(p)
            return k * num

        def persuasion(y):
            p = x0 + w * y
            k, f, num = weight(p)
            return k * p * f

        t = w * (quad(truth, -np.inf, 0) + quad(truth, 0, np.inf))
        pp = w * (quad(persuasion, -np.inf, 0) + quad(persuasion, 0, np.inf))
        return self.offset() + t, pp


MODELS = {
    "t3-persuasion-only": [("normal", 1, 1, None, 1, 1), ("normal", 1, 1, None, 1, 0), ("student_t", 2, 1, 3, 0, 1)],
    "laplace-A-logistic-C": [("laplace", 1, 1, None, 1, 1), ("normal", 1, 1, None, 1, 0), ("logistic", 2, 1, None, 0, 1)],
    "t5-A-cauchy-C": [("student_t", 1, 1, 5, 1, 1), ("laplace", 1, 1, None, 1, 0), ("cauchy", 2, 0.5, None, 0, 1)],
    "t2.5-only-persuader": [("normal", 1, 1, None, 1, 0), ("student_t", 0, 2, 2.5, 0.5, 1)],
}


def model_json(rows):
    subs = []
    for i, (fam, loc, scale, dof, truth, pers) in enumerate(rows):
        d = {"family": fam, "location": loc, "scale": scale}
        if dof is not None:
            d["dof"] = dof
        subs.append({"name": "ABCDEF"[i], "distribution": d, "truth": truth, "persuasion": pers})
    k = len(rows)
    weights = [1.0 / k] * (k - 1)
    return {"submodules": subs, "weights": weights + [1.0 - sum(weights)]}


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else ".build/release/goodhart"
    ns = [2, 10, 1000, 10**6]
    worst = 0.0
    for name, rows in MODELS.items():
        spec = model_json(rows)
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
            json.dump(spec, handle)
        args = [binary, "analyze", "--model", handle.name, "--format", "json"]
        for n in ns:
            args += ["--best-of", str(n)]
        out = json.loads(subprocess.run(args, check=True, capture_output=True, text=True).stdout)
        reference = Model(spec)
        for row, n in zip(out["best_of_n"], ns):
            t, p = reference.best_of(n)
            errors = [abs(row["mean_truth"] - t) / abs(t)]
            if row["mean_persuasion"] is not None:
                errors.append(abs(row["mean_persuasion"] - p) / abs(p))
            worst = max(worst, *errors)
            print(f"{name:24s} n={n:>8d}  E[T] {row['mean_truth']:.12g} vs {t:.12g}  "
                  f"E[P] {row['mean_persuasion']} vs {p:.12g}  max rel err {max(errors):.2e}")
    print(f"worst relative error: {worst:.3e} ({'within' if worst <= 1e-6 else 'OUTSIDE'} 1e-6)")
    return 0 if worst <= 1e-6 else 1


if __name__ == "__main__":
    sys.exit(main())
