#!/usr/bin/env python3
"""Independent check of `goodhart analyze --format json` on MIXTURE models (mpmath, 40 digits).

Generates random mixture models (seeded), runs the built binary with every flag repeated
(conditions, thresholds, quantiles, best-of-n, tilt KLs), recomputes every number from the model
file alone in arbitrary precision and reports the worst relative error (absolute where
|exact| < 1e-12). Tolerance 1e-9 relative for normal-only mixtures, 1e-7 where a submodule is
non-normal. `--sum` instead checks only the new dispersion keys (var_truth, var_persuasion) of the
threshold / quantile / best_of_n / tilt rows of ordinary (sum-reading, normal) models.
`--self-check` needs no binary: it validates the reference formulas against each other and
against a seeded numpy Monte Carlo (>= 1e6 draws per model, 4 standard errors).

Not part of `swift test`. Run from the package root after `swift build`:
    python3 Tests/Reference/check_mixture.py [--binary .build/debug/goodhart] [--models 30]
    python3 Tests/Reference/check_mixture.py --sum [--models 30]
    python3 Tests/Reference/check_mixture.py --self-check
Exit status 1 if any number is off by more than the tolerance.

Derivations (the mixture reading, "composition": "mixture")
-----------------------------------------------------------
One output comes from ONE submodule i, chosen with probability w_i; it draws X_i = L_i + S_i Z_i
(Z_i standard normal / Laplace / logistic / Student-t; all symmetric) and reports
T = t_i X_i, P = p_i X_i.
* p_i != 0 ("continuous component"): P_i = mu_i + sigma_i Z with mu_i = p_i L_i,
  sigma_i = |p_i| S_i (Z symmetric, so the sign of p_i only moves the location), and on that
  component T = r_i P exactly, r_i = t_i / p_i. Density of P: f_i(p) = g((p - mu_i)/sigma_i)/sigma_i.
* p_i == 0: an atom at P = 0 of mass m = sum of those w_j; given the atom, T is the mixture of
  t_j X_j (weights w_j/m): E = sum w_j t_j L_j / m, E[T^2] = sum w_j t_j^2 (L_j^2 + S_j^2 E Z^2)/m.
Every selection below reweights outputs by a function h of P only (plus tie-breaks independent
of T), so the selected law is  h(p) * sum_i w_i f_i(p) on the continuous part (T = r_i P inside
component i) plus h(0) * (atom with its conditional law of T).  Writing
E_i[P^k; P > tau] = sum_j C(k,j) mu_i^(k-j) sigma_i^j E[Z^j; Z > c], c = (tau - mu_i)/sigma_i:
  E[Z^j; Z > c]: normal  Q(c), phi(c), Q(c) + c phi(c);
                 Laplace (c >= 0) e^-c/2, (c+1) e^-c/2, (c^2+2c+2) e^-c/2;
                 Student-t E[Z; Z > c] = (nu + c^2)/(nu - 1) g(c); otherwise mp.quad;
                 c < 0 by symmetry: E[Z; Z > c] = E[Z; Z > -c], E[Z^2; Z > c] = E Z^2 - E[Z^2; Z > -c].
* moments: E[T] = sum_cont w r mu + sum_atom w t L, E[TP] = sum_cont w r E_i[P^2], etc.
* conditional at p: p == 0 with an atom -> the atom alone; otherwise posterior weights
  pi_i ∝ w_i f_i(p), E[T|p] = sum pi_i r_i p, Var = sum pi_i (r_i p - E)^2 (no cancellation).
* threshold tau: h = 1{P >= tau} (atom kept iff tau <= 0); acceptance a = mass, KL = -ln a.
* quantile q: tau solves Fbar(tau) = q on the continuous part (Fbar(p) = Pr(P > p)); when
  Fbar(0) < q < Fbar(0) + m the cut falls on the atom: tau = 0 and a fraction
  theta = (q - Fbar(0))/m of the atom is kept (uniform tie-break, independent of T, so T's law on
  the atom is unchanged). Ratio selected/base = 1/q on P > tau, theta/q on the atom:
  KL = -ln q + (theta m / q) ln theta  (< -ln q when 0 < theta < 1).  q = 1: tau = -inf (null).
* best-of-n: F(p) = Pr(P <= p) jumps from a0 = F(0-) to b0 = F(0) = a0 + m. The winner's law has
  density n F^(n-1) f_c on the continuous part and atom mass A = b0^n - a0^n (ties broken by any
  rule independent of T give the same law: the tied atom draws are exchangeable).  Means and
  second moments by quadrature of p^k n F^(n-1) w_i f_i (ln F = log1p(-Fbar) near 1; adaptive
  24/48-node Gauss-Legendre on finite pieces, tanh-sinh mp.quad on the two infinite tails), split
  at every mu_i + k sigma_i, at 0 (F jumps there), and for n >= 10 around the median x0 of the
  maximum (Fbar(x0) = 1 - 2^(-1/n)) on the scale Fbar(x0)/f(x0) (and geometrically below x0 for
  polynomial tails). Validated against the integration-by-parts forms
  E[M] = int_0^inf (1 - F^n) - int_-inf^0 F^n and E[M^2] = int 2p(...) (agree to ~1e-37).
  KL: substituting u = F(p) on each continuous piece, with
  G(u) = u^n ln n + (n-1)(u^n ln u - u^n/n):  KL = G(1) - G(b0) + G(a0) + A ln(A/m);
  G(1) = ln n - (n-1)/n is the atomless value.
* tilt: h = e^(aP)/M, a = 1/beta. Component i contributes w_i e^(a mu_i) M_Z(a sigma_i), the
  atom contributes m (e^0). With K_Z = ln M_Z: tilted component mean mu_i + sigma_i K_Z'(a sigma_i),
  variance sigma_i^2 K_Z''(a sigma_i): normal K = a^2/2; Laplace K = -ln(1-a^2) (a < 1);
  logistic K = ln(pi a / sin(pi a)) (a < 1); Student-t / Cauchy: no MGF, the tilt is not
  normalisable (the row must carry an obstruction). KL = a E_tilt[P] - ln M, increasing in a
  (dKL/da = a Var_tilt P) from 0 to +inf on (0, min 1/sigma_i of the exponential-tailed
  components); solved by bisection.
Every selected variance is E[X^2] - E[X]^2 at 40 digits (cancellation-safe here).

The sum reading (--sum): (T, P) bivariate normal, T = mu_T + kappa (P - mu_P) + R, kappa =
c/sigma_P^2, Var R = sum (a_i - kappa b_i)^2 s_i^2. A selection on P leaves R alone:
Var_sel T = kappa^2 Var_sel P + Var R, Var_sel P = sigma_P^2 v with v = 1 + z lam - lam^2
(threshold / quantile, lam = phi(z)/Q(z)), v = E[M^2] - E[M]^2 for the max M of n standard normals
(quadrature as above), v = 1 for the tilt (a tilt of a normal is a shift).
"""
import argparse
import json
import math
import random
import subprocess
import sys

import mpmath as mp

from check_analyze import exact_moments
from reference_comparison import Comparison, run_analyze

mp.mp.dps = 40
NORMAL_TOLERANCE = 1e-9
HEAVY_TOLERANCE = 1e-7
ZERO = mp.mpf("1e-12")  # below this |exact|, compare absolutely
INF = mp.inf


# ----------------------------------------------------------------------------------------------
# Standard laws of Z


class Std:
    """A standard symmetric law: normal, laplace, logistic, student_t (dof nu), cauchy."""

    def __init__(self, family, nu=None):
        if family == "cauchy":
            nu = 1
        self.family = family
        self.nu = mp.mpf(nu) if nu is not None else None
        self.polynomial = family in ("student_t", "cauchy")
        if self.polynomial:
            v = self.nu
            self.tconst = mp.gamma((v + 1) / 2) / (mp.sqrt(v * mp.pi) * mp.gamma(v / 2))

    def pdf(self, z):
        f = self.family
        if f == "normal":
            return mp.npdf(z)
        if f == "laplace":
            return mp.exp(-abs(z)) / 2
        if f == "logistic":
            e = mp.exp(-abs(z))
            return e / (1 + e) ** 2
        return self.tconst * (1 + z * z / self.nu) ** (-(self.nu + 1) / 2)

    def sf(self, z):
        """Pr(Z > z), accurate relative to itself for z >= 0."""
        if z == INF:
            return mp.mpf(0)
        if z == -INF:
            return mp.mpf(1)
        if z < 0:
            return 1 - self.sf(-z)
        f = self.family
        if f == "normal":
            return mp.erfc(z / mp.sqrt(2)) / 2
        if f == "laplace":
            return mp.exp(-z) / 2
        if f == "logistic":
            return 1 / (1 + mp.exp(z))
        v = self.nu
        return mp.betainc(v / 2, mp.mpf(1) / 2, 0, v / (v + z * z), regularized=True) / 2

    def cdf(self, z):
        return self.sf(-z)

    def exists(self, k):
        return k == 0 or not self.polynomial or k < self.nu

    def moment(self, k):
        """E[Z^k], k = 0, 1, 2 (None if it does not exist)."""
        if not self.exists(k):
            return None
        if k == 0:
            return mp.mpf(1)
        if k == 1:
            return mp.mpf(0)
        return {"normal": mp.mpf(1), "laplace": mp.mpf(2), "logistic": mp.pi ** 2 / 3}.get(
            self.family) or self.nu / (self.nu - 2)

    def partial(self, k, c):
        """E[Z^k; Z > c] for k = 0, 1, 2."""
        if c == -INF:
            return self.moment(k)
        if c == INF:
            return mp.mpf(0)
        if k == 0:
            return self.sf(c)
        if not self.exists(k):
            return None
        if c < 0:
            if k == 1:
                return self.partial(1, -c)
            return self.moment(2) - self.partial(2, -c)
        f = self.family
        if f == "normal":
            return mp.npdf(c) if k == 1 else self.sf(c) + c * mp.npdf(c)
        if f == "laplace":
            e = mp.exp(-c) / 2
            return (c + 1) * e if k == 1 else (c * c + 2 * c + 2) * e
        if self.polynomial and k == 1:
            return (self.nu + c * c) / (self.nu - 1) * self.pdf(c)
        return self.quad_partial(k, c)

    def quad_partial(self, k, c):
        points = [c + d for d in (0, 0.5, 1, 2, 4, 8, 16, 32, 64, 128)] + [INF]
        return mp.quad(lambda z: z ** k * self.pdf(z), points)

    # cumulant generating function K(a) = ln E e^(aZ) and its derivatives (0 <= a < a_max)
    def a_max(self):
        return {"normal": INF, "laplace": mp.mpf(1), "logistic": mp.mpf(1)}.get(self.family, mp.mpf(0))

    def cumulants(self, a):
        f = self.family
        if f == "normal":
            return a * a / 2, a, mp.mpf(1)
        if f == "laplace":
            return -mp.log1p(-a * a), 2 * a / (1 - a * a), 2 * (1 + a * a) / (1 - a * a) ** 2
        if f == "logistic":
            if a == 0:
                return mp.mpf(0), mp.mpf(0), mp.pi ** 2 / 3
            with mp.workdps(mp.mp.dps + 60):
                x = mp.pi * a
                return (mp.log(x / mp.sin(x)), 1 / a - mp.pi * mp.cot(x),
                        -1 / (a * a) + (mp.pi / mp.sin(x)) ** 2)
        raise ValueError("no moment generating function")


# ----------------------------------------------------------------------------------------------
# Quadrature of several integrands at once


_GAUSS_LEGENDRE = {}


def gauss_legendre(degree):
    """Nodes and weights on [-1, 1] (3 * 2^(degree-1) nodes) at the working precision."""
    key = (degree, mp.mp.prec)
    if key not in _GAUSS_LEGENDRE:
        from mpmath.calculus.quadrature import GaussLegendre
        _GAUSS_LEGENDRE[key] = GaussLegendre(mp.mp).calc_nodes(degree, mp.mp.prec)
    return _GAUSS_LEGENDRE[key]


def integrate_vector(f, points):
    """Integrals over (-inf, inf) of the vector-valued f, split at the sorted finite `points`.

    Finite pieces: Gauss-Legendre with 24 and 48 nodes, bisected until the two agree to 1e-20
    relative to the running total (and to the piece); the 48-node value is then good to far
    better than that (the error of an n-node rule falls like rho^(-2n)). Tails beyond the first and last point:
    mp.quad (tanh-sinh, which also handles the algebraic decay of Student-t tails), each node
    evaluating the whole vector once.
    """
    cache = {}

    def g(p):
        v = cache.get(p)
        if v is None:
            v = cache[p] = f(p)
        return v

    size = len(g(points[0]))
    total = [mp.mpf(0)] * size
    magnitude = [mp.mpf(0)] * size

    def rule(a, b, degree):
        half, mid = (b - a) / 2, (a + b) / 2
        acc = [mp.mpf(0)] * size
        for x, w in gauss_legendre(degree):
            v = f(mid + half * x)
            for i in range(size):
                acc[i] += w * v[i]
        return [half * x for x in acc]

    def piece(a, b, depth):
        coarse, fine = rule(a, b, 4), rule(a, b, 5)
        good = all(abs(c - d) <= mp.mpf(10) ** (-20) * max(abs(d), m) for c, d, m in zip(coarse, fine, magnitude))
        if good or depth > 40:
            return fine
        mid = (a + b) / 2
        left = piece(a, mid, depth + 1)
        for i, x in enumerate(left):
            magnitude[i] = max(magnitude[i], abs(x))
        right = piece(mid, b, depth + 1)
        return [x + y for x, y in zip(left, right)]

    tails = []
    for a, b in ((-INF, points[0]), (points[-1], INF)):
        tails.append([mp.quad(lambda p, i=i: g(p)[i], [a, b]) for i in range(size)])
    for i in range(size):
        magnitude[i] = max(abs(tails[0][i]), abs(tails[1][i]))
    for a, b in zip(points, points[1:]):
        part = piece(a, b, 0)
        for i in range(size):
            total[i] += part[i]
            magnitude[i] = max(magnitude[i], abs(total[i]), abs(part[i]))
    return [t + x + y for t, x, y in zip(total, tails[0], tails[1])]


# ----------------------------------------------------------------------------------------------
# The mixture law of (T, P)


class Cont:
    def __init__(self, w, mu, sigma, r, std):
        self.w, self.mu, self.sigma, self.r, self.std = w, mu, sigma, r, std

    def density(self, p):
        return self.std.pdf((p - self.mu) / self.sigma) / self.sigma


def law_of(sub):
    if "distribution" in sub:
        d = sub["distribution"]
        return Std(d["family"], d.get("dof")), mp.mpf(d["location"]), mp.mpf(d["scale"])
    return Std("normal"), mp.mpf(sub["mean"]), mp.mpf(sub["sd"])


class Sums:
    """Unnormalised sums over a selected law: mass, E[P], E[P^2], E[T], E[T^2] (None: infinite)."""

    def __init__(self):
        self.w = self.P1 = self.P2 = self.T1 = self.T2 = mp.mpf(0)

    def add(self, name, value):
        cur = getattr(self, name)
        setattr(self, name, None if cur is None or value is None else cur + value)

    def finish(self):
        w = self.w
        out = {}
        for side in ("T", "P"):
            s1, s2 = getattr(self, side + "1"), getattr(self, side + "2")
            mean = None if s1 is None else s1 / w
            var = None if s2 is None or mean is None else s2 / w - mean * mean
            out["mean_" + side] = mean
            out["var_" + side] = var
        return out


class Mixture:
    def __init__(self, model):
        self.conts, self.atoms = [], []
        self.m = mp.mpf(0)
        self.normal = True
        total = sum(mp.mpf(w) for w in model["weights"])  # 1 within 1e-9; renormalised exactly
        for sub, w in zip(model["submodules"], model["weights"]):
            w = mp.mpf(w) / total
            std, L, S = law_of(sub)
            self.normal = self.normal and std.family == "normal"
            if w == 0:
                continue
            t, p = mp.mpf(sub["truth"]), mp.mpf(sub["persuasion"])
            if p == 0:
                mean = None if not std.exists(1) else t * L
                second = None if not std.exists(2) else t * t * (L * L + S * S * std.moment(2))
                if t == 0:
                    mean, second = mp.mpf(0), mp.mpf(0)
                self.atoms.append((w, mean, second))
                self.m += w
            else:
                self.conts.append(Cont(w, p * L, abs(p) * S, t / p, std))
        self.scale = max([c.sigma + abs(c.mu) for c in self.conts] + [mp.mpf(1)])

    # distribution function of P
    def sf(self, p):
        """Pr(P > p)."""
        s = sum((c.w * c.std.sf((p - c.mu) / c.sigma) for c in self.conts), mp.mpf(0))
        return s + (self.m if p < 0 else 0)

    def sf_cdf(self, p):
        """(Pr(P > p), Pr(P <= p)) with one special-function call per component."""
        above = below = mp.mpf(0)
        for c in self.conts:
            z = (p - c.mu) / c.sigma
            if z >= 0:
                t = c.std.sf(z)
                above += c.w * t
                below += c.w * (1 - t)
            else:
                t = c.std.sf(-z)
                above += c.w * (1 - t)
                below += c.w * t
        if p < 0:
            above += self.m
        else:
            below += self.m
        return above, below

    def cdf(self, p):
        """Pr(P <= p)."""
        s = sum((c.w * c.std.cdf((p - c.mu) / c.sigma) for c in self.conts), mp.mpf(0))
        return s + (self.m if p >= 0 else 0)

    def density(self, p):
        return sum((c.w * c.density(p) for c in self.conts), mp.mpf(0))

    def solve_sf(self, target):
        """The p with Pr(P > p) = target on the continuous part (0 if target falls on the atom)."""
        if self.m > 0:
            above = self.sf(mp.mpf(0))
            if above <= target <= above + self.m:
                return mp.mpf(0)
            lo, hi = (mp.mpf(0), self.scale) if target < above else (-self.scale, mp.mpf(0))
        else:
            lo, hi = -self.scale, self.scale
        while self.sf(hi) > target:
            lo, hi = hi, 2 * hi + self.scale
        while self.sf(lo) < target:
            lo, hi = 2 * lo - self.scale, lo
        for _ in range(400):
            mid = (lo + hi) / 2
            if self.sf(mid) > target:
                lo = mid
            else:
                hi = mid
            if hi - lo <= mp.mpf(10) ** (-mp.mp.dps - 5) * max(1, abs(mid)):
                break
        return (lo + hi) / 2

    # sums over selections
    def add_cont(self, sums, c, weight, e0, e1, e2):
        """Adds weight * E_c[(1, P, P^2, T, T^2); selection] given E[Z^k; selection]."""
        mu, s = c.mu, c.sigma
        sums.add("w", weight * e0)
        p1 = None if e1 is None else weight * (mu * e0 + s * e1)
        p2 = None if e1 is None or e2 is None else weight * (mu * mu * e0 + 2 * mu * s * e1 + s * s * e2)
        sums.add("P1", p1)
        sums.add("P2", p2)
        sums.add("T1", mp.mpf(0) if c.r == 0 else (None if p1 is None else c.r * p1))
        sums.add("T2", mp.mpf(0) if c.r == 0 else (None if p2 is None else c.r * c.r * p2))

    def add_atom(self, sums, fraction):
        if fraction == 0:
            return
        for w, mean, second in self.atoms:
            sums.add("w", fraction * w)
            sums.add("T1", None if mean is None else fraction * w * mean)
            sums.add("T2", None if second is None else fraction * w * second)

    def region(self, tau, theta):
        """Keep P > tau on the continuous part and the fraction theta of the atom."""
        sums = Sums()
        for c in self.conts:
            z = (tau - c.mu) / c.sigma if tau != -INF else -INF
            self.add_cont(sums, c, c.w, c.std.partial(0, z), c.std.partial(1, z), c.std.partial(2, z))
        self.add_atom(sums, theta)
        return sums

    def moments(self):
        s = self.region(-INF, 1)
        out = s.finish()
        ETP = mp.mpf(0)
        for c in self.conts:
            if c.r != 0:
                e2 = c.std.moment(2)
                ETP = None if ETP is None or e2 is None else ETP + c.w * c.r * (
                    c.mu ** 2 + c.sigma ** 2 * e2)
        cov = None if None in (ETP, out["mean_T"], out["mean_P"]) else ETP - out["mean_T"] * out["mean_P"]
        vt, vp = out["var_T"], out["var_P"]
        if cov is None or vt is None or vp is None:
            corr = None
        else:
            corr = cov / mp.sqrt(vt * vp) if vt > 0 and vp > 0 else mp.mpf(0)
        out["cov"], out["corr"] = cov, corr
        return out

    def conditional(self, p):
        p = mp.mpf(p)
        if p == 0 and self.m > 0:
            mean = sum(w * e for w, e, _ in self.atoms) / self.m
            second = sum(w * e2 for w, _, e2 in self.atoms) / self.m
            return mean, second - mean * mean
        weights = [c.w * c.density(p) for c in self.conts]
        total = sum(weights)
        mean = sum(w * c.r * p for w, c in zip(weights, self.conts)) / total
        var = sum(w * (c.r * p - mean) ** 2 for w, c in zip(weights, self.conts)) / total
        return mean, var

    def threshold(self, tau):
        tau = mp.mpf(tau)
        sums = self.region(tau, 1 if tau <= 0 else 0)
        out = sums.finish()
        out["acceptance"] = sums.w
        out["kl"] = -mp.log(sums.w)
        return out

    def quantile(self, q):
        q = mp.mpf(q)
        if q == 1:
            out = self.region(-INF, 1).finish()
            out["tau"], out["kl"], out["theta"] = -INF, mp.mpf(0), mp.mpf(1)
            return out
        theta = None
        if self.m > 0:
            above = self.sf(mp.mpf(0))
            if above <= q <= above + self.m:
                tau, theta = mp.mpf(0), (q - above) / self.m
        if theta is None:
            tau = self.solve_sf(q)
            theta = mp.mpf(1) if tau <= 0 else mp.mpf(0)
        out = self.region(tau, theta).finish()
        out["tau"], out["theta"] = tau, theta
        kl = -mp.log(q)
        if self.m > 0 and 0 < theta < 1:
            kl += theta * self.m / q * mp.log(theta)
        out["kl"] = kl
        return out

    def best_of(self, n, with_direct_kl=False):
        n = mp.mpf(n)
        a0 = sum((c.w * c.std.cdf(-c.mu / c.sigma) for c in self.conts), mp.mpf(0))
        b0 = a0 + self.m
        A = b0 ** n - a0 ** n if self.m > 0 else mp.mpf(0)
        mean_ok = [c.std.exists(1) for c in self.conts]
        second_ok = [c.std.exists(2) for c in self.conts]

        def integrands(p):
            """n F^(n-1) w_i f_i(p) times (1, p, p^2, r p, r^2 p^2 [, ln(n F^(n-1))]), summed over i."""
            Fbar, F = self.sf_cdf(p)
            lnF = mp.log(F) if F < 0.5 else mp.log1p(-Fbar)
            fac = n * mp.exp((n - 1) * lnF)
            d = r1 = r2 = mp.mpf(0)
            for c in self.conts:
                di = c.w * c.density(p)
                d += di
                r1 += di * c.r
                r2 += di * c.r * c.r
            d *= fac
            values = [d, d * p, d * p * p, fac * r1 * p, fac * r2 * p * p]
            if with_direct_kl:
                values.append(d * (mp.log(n) + (n - 1) * lnF))
            return values

        points = set()
        for c in self.conts:
            for k in (-6, -2, 0, 2, 6):
                points.add(c.mu + k * c.sigma)
        if self.m > 0:
            points.add(mp.mpf(0))
        if n >= 10:
            x0 = self.solve_sf(-mp.expm1(-mp.log(2) / n))
            f0 = self.density(x0)
            s = self.sf(x0) / f0 if f0 > 0 else self.scale
            lo_s = min(c.sigma for c in self.conts) * mp.mpf("1e-3")
            s = min(max(s, lo_s), self.scale * 10)
            for k in (-16, -8, -4, -2, -1, -0.5, 0, 0.5, 1, 2, 4, 8, 16, 32, 64):
                points.add(x0 + k * s)
            if x0 > 0 and any(c.std.polynomial for c in self.conts):
                for j in range(1, 8):
                    points.add(x0 / 2 ** j)
        points = sorted(points)
        pts = [points[0]]
        for p in points[1:]:
            if p - pts[-1] > mp.mpf(10) ** (-30) * max(1, abs(p)):
                pts.append(p)
        totals = integrate_vector(integrands, pts)

        sums = Sums()
        sums.w, sums.P1, sums.P2, sums.T1, sums.T2 = totals[:5]
        if not all(mean_ok):
            sums.P1 = None
        if not all(second_ok):
            sums.P2 = None
        if not all(ok for ok, c in zip(mean_ok, self.conts) if c.r != 0):
            sums.T1 = None
        if not all(ok for ok, c in zip(second_ok, self.conts) if c.r != 0):
            sums.T2 = None
        continuous_mass = sums.w  # the means divide by the quadrature's own mass (exactly 1 - A)
        if self.m > 0:
            self.add_atom(sums, A / self.m)
        out = sums.finish()

        def G(u):
            if u == 0:
                return mp.mpf(0)
            un = u ** n
            return un * mp.log(n) + (n - 1) * (un * mp.log(u) - un / n)

        kl = G(mp.mpf(1)) - G(b0) + G(a0)
        if self.m > 0 and A > 0:
            kl += A * mp.log(A / self.m)
        out["kl"] = kl
        out["atom_win"] = A
        out["mass"] = continuous_mass + A
        if with_direct_kl:  # KL by quadrature of the density ratio, for the self-check
            out["kl_direct"] = totals[5] + (A * mp.log(A / self.m) if self.m > 0 and A > 0 else 0)
        return out

    def tilt_obstruction(self):
        return any(c.std.polynomial for c in self.conts)

    def tilt_at(self, a):
        """Sums (normalised) and the KL of the tilt e^(aP)."""
        logs, comps = [], []
        for c in self.conts:
            K, K1, K2 = c.std.cumulants(a * c.sigma)
            logs.append(mp.log(c.w) + a * c.mu + K)
            comps.append((c, c.mu + c.sigma * K1, c.sigma ** 2 * K2))
        top = max(logs + ([mp.mpf(0)] if self.m > 0 else []))
        M = sum(mp.exp(l - top) for l in logs) + (self.m * mp.exp(-top) if self.m > 0 else 0)
        sums = Sums()
        for l, (c, mean, var) in zip(logs, comps):
            # e0 = 1, e1 = mean, e2 = second moment in the P scale: feed as a Z-law with mu=0, s=1
            weight = mp.exp(l - top) / M
            second = var + mean * mean
            sums.add("w", weight)
            sums.add("P1", weight * mean)
            sums.add("P2", weight * second)
            sums.add("T1", weight * c.r * mean)
            sums.add("T2", weight * c.r ** 2 * second)
        if self.m > 0:
            self.add_atom(sums, mp.exp(-top) / M)
        out = sums.finish()
        out["kl"] = a * out["mean_P"] - (mp.log(M) + top)
        return out

    def tilt(self, K):
        K = mp.mpf(K)
        a_max = min((c.std.a_max() / c.sigma for c in self.conts), default=INF)
        lo = mp.mpf("1e-30")
        hi = min(mp.mpf(1) / self.scale, a_max / 2)
        while self.tilt_at(hi)["kl"] < K:
            hi = 2 * hi if a_max == INF else (hi + a_max) / 2
            if a_max != INF and a_max - hi < mp.mpf(10) ** (-35) * a_max:
                break
        for _ in range(200):
            mid = mp.sqrt(lo * hi)
            if self.tilt_at(mid)["kl"] < K:
                lo = mid
            else:
                hi = mid
            if hi / lo - 1 < mp.mpf(10) ** (-mp.mp.dps + 2):
                break
        a = mp.sqrt(lo * hi)
        for _ in range(3):  # Newton polish: dKL/da = a Var P
            out = self.tilt_at(a)
            a -= (out["kl"] - K) / (a * out["var_P"])
        out = self.tilt_at(a)
        out["beta"] = 1 / a
        return out


# ----------------------------------------------------------------------------------------------
# Sum reading (bivariate normal)


class SumModel:
    def __init__(self, model):
        self.mt, self.mP, self.vt, self.vp, self.c = exact_moments(model)
        self.kappa = self.c / self.vp
        # Var[T | P] as the residual's variance Σ (a_i − κ b_i)² s_i² (no cancellation).
        self.vr = sum((mp.mpf(w) * (mp.mpf(s["truth"]) - self.kappa * mp.mpf(s["persuasion"]))) ** 2
                      * mp.mpf(s["sd"]) ** 2 for s, w in zip(model["submodules"], model["weights"]))
        self.unit = Mixture({"submodules": [{"name": "Z", "mean": 0, "sd": 1, "truth": 0, "persuasion": 1}],
                             "weights": [1]})

    def variances(self, v):
        """(Var T, Var P) when the standardised P has variance v under the selection."""
        vP = self.vp * v
        return self.kappa ** 2 * vP + self.vr, vP

    @staticmethod
    def truncated_variance(z):
        with mp.workdps(mp.mp.dps + 40 + int(2 * mp.log10(1 + abs(z)))):
            q = mp.erfc(z / mp.sqrt(2)) / 2
            lam = mp.npdf(z) / q
            return +(1 + z * lam - lam * lam)

    def threshold(self, tau):
        z = (mp.mpf(tau) - self.mP) / mp.sqrt(self.vp)
        return self.variances(self.truncated_variance(z))

    def quantile(self, q):
        if q == 1:
            return self.variances(mp.mpf(1))
        z = self.unit.solve_sf(mp.mpf(q))
        return self.variances(self.truncated_variance(z))

    def best_of(self, n):
        return self.variances(self.unit.best_of(n)["var_P"])

    def tilt(self, K):
        return self.variances(mp.mpf(1))


# ----------------------------------------------------------------------------------------------
# Comparison with the binary


def run_binary(binary, model, flags, report, tag):
    try:
        run = run_analyze(binary, model, flags, timeout=3600)
    except (OSError, subprocess.TimeoutExpired) as error:
        report.failures.append(f"{tag}: could not run {binary}: {error}")
        return None
    if run.returncode != 0:
        report.failures.append(f"{tag}: exit {run.returncode}: {run.stderr.strip()[:500]}")
        return None
    try:
        return json.loads(run.stdout)
    except json.JSONDecodeError as error:
        report.failures.append(f"{tag}: output is not JSON ({error}): {run.stdout[:300]}")
        return None


def rows(report, document, section, values, tag):
    got = document.get(section)
    if not values:
        if got is not None:
            report.failures.append(f"{tag}: unrequested section {section} present")
        return []
    if not isinstance(got, list) or len(got) != len(values):
        report.failures.append(f"{tag}: section {section} has {None if got is None else len(got)} rows,"
                               f" expected {len(values)}")
        return []
    return list(zip(got, values))


SELECTED = ["mean_truth", "mean_persuasion", "var_truth", "var_persuasion"]


def selected_numbers(report, label, row, exact, tol):
    report.number(f"{label} mean_truth", row["mean_truth"], exact["mean_T"], tol)
    report.number(f"{label} mean_persuasion", row["mean_persuasion"], exact["mean_P"], tol)
    report.number(f"{label} var_truth", row["var_truth"], exact["var_T"], tol)
    report.number(f"{label} var_persuasion", row["var_persuasion"], exact["var_P"], tol)


def check_mixture(binary, model, flags, report, tag):
    document = run_binary(binary, model, flags, report, tag)
    if document is None:
        return
    law = Mixture(model)
    tol = NORMAL_TOLERANCE if law.normal else HEAVY_TOLERANCE
    if document.get("composition") != "mixture":
        report.failures.append(f"{tag}: composition {document.get('composition')!r} != 'mixture'")
    values = dict(flags)
    mo = law.moments()
    m = document.get("moments", {})
    if report.keys(f"{tag} moments", m, ["mean_truth", "mean_persuasion", "var_truth", "var_persuasion",
                                         "covariance", "correlation"]):
        for key, exact in [("mean_truth", mo["mean_T"]), ("mean_persuasion", mo["mean_P"]),
                           ("var_truth", mo["var_T"]), ("var_persuasion", mo["var_P"]),
                           ("covariance", mo["cov"]), ("correlation", mo["corr"])]:
            report.number(f"{tag} moments.{key}", m[key], exact, tol)
    for row, p in rows(report, document, "conditional", values.get("--condition"), tag):
        label = f"{tag} conditional p={p}"
        if not report.keys(label, row, ["persuasion", "mean_truth", "var_truth"]):
            continue
        mean, var = law.conditional(p)
        report.number(f"{label} persuasion", row["persuasion"], mp.mpf(p), tol)
        report.number(f"{label} mean_truth", row["mean_truth"], mean, tol)
        report.number(f"{label} var_truth", row["var_truth"], var, tol)
    for row, tau in rows(report, document, "threshold", values.get("--threshold"), tag):
        label = f"{tag} threshold tau={tau}"
        if not report.keys(label, row, ["tau", "acceptance"] + SELECTED + ["kl"]):
            continue
        exact = law.threshold(tau)
        report.number(f"{label} tau", row["tau"], mp.mpf(tau), tol)
        if exact["acceptance"] < mp.mpf("1e-300"):
            if row["acceptance"] is not None and row["acceptance"] > 1e-290:
                report.failures.append(f"{label} acceptance {row['acceptance']} vs {exact['acceptance']}")
        else:
            report.number(f"{label} acceptance", row["acceptance"], exact["acceptance"], tol)
        selected_numbers(report, label, row, exact, tol)
        report.number(f"{label} kl", row["kl"], exact["kl"], tol)
    for row, q in rows(report, document, "quantile", values.get("--quantile"), tag):
        label = f"{tag} quantile q={q}"
        if not report.keys(label, row, ["q", "tau"] + SELECTED + ["kl"]):
            continue
        exact = law.quantile(q)
        if 0 < exact["theta"] < 1 and law.m > 0:
            label += f" (keeps {float(exact['theta']):.3f} of the atom)"
        report.number(f"{label} q", row["q"], mp.mpf(q), tol)
        report.number(f"{label} tau", row["tau"], exact["tau"], tol)
        selected_numbers(report, label, row, exact, tol)
        report.number(f"{label} kl", row["kl"], exact["kl"], tol)
    for row, n in rows(report, document, "best_of_n", values.get("--best-of"), tag):
        label = f"{tag} best_of_n n={n}"
        if not report.keys(label, row, ["n"] + SELECTED + ["kl"]):
            continue
        exact = law.best_of(n)
        if exact["atom_win"] > mp.mpf("1e-6"):
            label += f" (atom wins {float(exact['atom_win']):.3g})"
        report.number(f"{label} n", row["n"], mp.mpf(n), tol)
        selected_numbers(report, label, row, exact, tol)
        report.number(f"{label} kl", row["kl"], exact["kl"], tol)
    for row, k in rows(report, document, "tilt", values.get("--kl"), tag):
        label = f"{tag} tilt kl={k}"
        if law.tilt_obstruction():
            if "obstruction" not in row and row.get("normalisable") is not False:
                report.failures.append(f"{label}: a polynomial tail has persuasion != 0, the row should carry"
                                       f" an obstruction: {row}")
            continue
        if not report.keys(label, row, ["kl", "beta"] + SELECTED):
            continue
        exact = law.tilt(k)
        report.number(f"{label} kl", row["kl"], mp.mpf(k), tol)
        report.number(f"{label} beta", row["beta"], exact["beta"], tol)
        selected_numbers(report, label, row, exact, tol)


def check_sum(binary, model, flags, report, tag):
    document = run_binary(binary, model, flags, report, tag)
    if document is None:
        return
    if document.get("composition", "sum") != "sum":
        report.failures.append(f"{tag}: composition {document.get('composition')!r} != 'sum'")
    law = SumModel(model)
    values = dict(flags)
    tol = NORMAL_TOLERANCE
    for section, flag, name, method in [("threshold", "--threshold", "tau", law.threshold),
                                        ("quantile", "--quantile", "q", law.quantile),
                                        ("best_of_n", "--best-of", "n", law.best_of), ("tilt", "--kl", "kl", law.tilt)]:
        for row, value in rows(report, document, section, values.get(flag), tag):
            label = f"{tag} {section} {name}={value}"
            if not report.keys(label, row, ["var_truth", "var_persuasion"]):
                continue
            vt, vp = method(value)
            report.number(f"{label} var_truth", row["var_truth"], vt, tol)
            report.number(f"{label} var_persuasion", row["var_persuasion"], vp, tol)


# ----------------------------------------------------------------------------------------------
# Models and flags


def preset(name):
    meanA, meanC = (1.0, 2.0) if name == "cheap-persuasion" else (2.0, 1.0)
    return {"composition": "mixture",
            "submodules": [{"name": "A", "mean": meanA, "sd": 1.0, "truth": 1.0, "persuasion": 1.0},
                           {"name": "B", "mean": 1.0, "sd": 1.0, "truth": 1.0, "persuasion": 0.0},
                           {"name": "C", "mean": meanC, "sd": 1.0, "truth": 0.0, "persuasion": 1.0}],
            "weights": [0.3333333333333333, 0.3333333333333333, 0.3333333333333334]}


def random_mixture(rng, kind):
    """kind: 'normal', 'atom', 'heavy' (one laplace/logistic/student_t submodule), 'heavy-atom'."""
    count = rng.randint(2, 5)
    subs = []
    for i in range(count):
        subs.append({"name": f"S{i}", "mean": rng.uniform(-3, 3), "sd": 10 ** rng.uniform(-1, 0.5),
                     "truth": rng.uniform(-3, 3), "persuasion": rng.uniform(-3, 3)})
    atom = None
    if "atom" in kind:
        atom = rng.randrange(count)
        subs[atom]["persuasion"] = 0.0
    if "heavy" in kind:
        i = rng.choice([j for j in range(count) if j != atom])
        family = rng.choice(["laplace", "logistic", "student_t"])
        law = {"family": family, "location": subs[i].pop("mean"), "scale": subs[i].pop("sd")}
        if family == "student_t":
            law["dof"] = rng.choice([2.5, 3.0, 4.0, 7.5, 30.0])
        subs[i]["distribution"] = law
    raw = [rng.expovariate(1.0) + 0.05 for _ in range(count)]
    if count > 2 and rng.random() < 0.15:  # a zero weight on a persuasive normal submodule
        j = rng.choice([j for j in range(count) if j != atom and "distribution" not in subs[j]] or [None])
        if j is not None:
            raw[j] = 0.0
    total = sum(raw)
    return {"composition": "mixture", "submodules": subs, "weights": [w / total for w in raw]}


def mixture_flags(rng, model, index):
    law = Mixture(model)
    normal = law.normal
    above = float(law.sf(mp.mpf(0))) if law.m > 0 else None
    conditions = [float(law.solve_sf(mp.mpf(rng.uniform(0.02, 0.98)))) for _ in range(2)]
    if law.m > 0:
        conditions += [0.0, 1e-3]
    accept_levels = [0.999999, 0.9, rng.uniform(0.05, 0.95), 0.01, 1e-6] + ([1e-30] if normal else [1e-12])
    thresholds = [float(law.solve_sf(mp.mpf(a))) for a in accept_levels]
    if law.m > 0:
        thresholds += [0.0, -1e-3, 1e-3]
    quantiles = [0.5, rng.uniform(0.001, 1), 0.01, 1e-8] + ([1e-100] if normal else [])
    if law.m > 0:
        quantiles += [above + float(law.m) * rng.uniform(0.05, 0.95), above + float(law.m) * 0.5]
    if index % 5 == 0:
        quantiles.append(1.0)
    best = [1, 2, 3, 10, 1000, 123457, 10**9, 10**12]
    best_of = best if index < 2 else rng.sample(best, 3)
    return [("--condition", conditions), ("--threshold", thresholds), ("--quantile", quantiles),
            ("--best-of", best_of), ("--kl", [1e-6, 0.5, rng.uniform(0.01, 10)])]


def random_sum_model(rng):
    count = rng.choice([1, 2, 3, 5, 8])
    subs = [{"name": f"S{i}", "mean": rng.uniform(-5, 5), "sd": 10 ** rng.uniform(-1.3, 0.7),
             "truth": rng.uniform(-3, 3), "persuasion": rng.uniform(-3, 3)} for i in range(count)]
    raw = [rng.expovariate(1.0) for _ in range(count)]
    total = sum(raw)
    return {"submodules": subs, "weights": [w / total for w in raw]}


# ----------------------------------------------------------------------------------------------
# Self-check: formulas against each other and against a numpy Monte Carlo


def self_check():
    import numpy as np

    failures = []
    count = [0]
    worst = [0.0, ""]

    def close(label, a, b, rtol):
        count[0] += 1
        a, b = mp.mpf(a), mp.mpf(b)
        error = abs(a - b) / max(abs(b), mp.mpf("1e-30"))
        if error > rtol:
            failures.append(f"formula {label}: {mp.nstr(a, 20)} vs {mp.nstr(b, 20)}")
        print(f"  formula {label}: rel diff {float(error):.1e}")

    def mc(label, exact, estimate, se):
        count[0] += 1
        deviation = abs(float(exact) - estimate) / se if se > 0 else (0.0 if abs(float(exact) - estimate) < 1e-12 else math.inf)
        if deviation > worst[0]:
            worst[0], worst[1] = deviation, label
        flag = "" if deviation <= 4 else "   <-- FAIL"
        print(f"  {label:58s} exact {float(exact): .6f}  MC {estimate: .6f} ± {se:.1e}  ({deviation:.2f} se){flag}")
        if deviation > 4:
            failures.append(f"MC {label}: exact {float(exact)} vs {estimate} ± {se} ({deviation:.1f} se)")

    print("Formula cross-checks (closed forms vs quadrature, 40 digits):")
    for family, nu in [("normal", None), ("laplace", None), ("logistic", None), ("student_t", 3.5), ("student_t", 30)]:
        std = Std(family, nu)
        for c in (mp.mpf("-1.3"), mp.mpf("0.4"), mp.mpf(5)):
            for k in (1, 2):
                if c < 0:
                    direct = mp.quad(lambda z: z ** k * std.pdf(z), [c, 0, 1, 4, 16, 64, INF])
                else:
                    direct = std.quad_partial(k, c)
                close(f"{family}{'' if nu is None else nu} E[Z^{k}; Z > {mp.nstr(c, 3)}]", std.partial(k, c), direct,
                      mp.mpf("1e-25"))
        close(f"{family}{'' if nu is None else nu} sf(2.5) vs quad", std.sf(mp.mpf(2.5)),
              mp.quad(std.pdf, [2.5, 4, 8, 16, 64, INF]), mp.mpf("1e-25"))
        if not std.polynomial:
            a = mp.mpf("0.37")
            K, K1, K2 = std.cumulants(a)
            lim = 60 if family == "normal" else 200
            M0 = mp.quad(lambda z: mp.exp(a * z) * std.pdf(z), [-lim, -8, 0, 8, lim])
            M1 = mp.quad(lambda z: z * mp.exp(a * z) * std.pdf(z), [-lim, -8, 0, 8, lim])
            M2 = mp.quad(lambda z: z * z * mp.exp(a * z) * std.pdf(z), [-lim, -8, 0, 8, lim])
            close(f"{family} K(0.37)", K, mp.log(M0), mp.mpf("1e-25"))
            close(f"{family} K'(0.37)", K1, M1 / M0, mp.mpf("1e-25"))
            close(f"{family} K''(0.37)", K2, M2 / M0 - (M1 / M0) ** 2, mp.mpf("1e-25"))

    cheap = preset("cheap-persuasion")
    law = Mixture(cheap)
    for n in (1, 3, 50, 10**6):
        out = law.best_of(n, with_direct_kl=True)
        close(f"cheap-persuasion best-of-{n} KL closed form vs quad of g ln(g/f)", out["kl"], out["kl_direct"],
              mp.mpf("1e-20"))
        close(f"cheap-persuasion best-of-{n} total mass", out["mass"], 1, mp.mpf("1e-25"))  # weights renormalised
    # E[M], Var M of the best-of-n winner's P by integration by parts (an independent route):
    # E[M] = int_0^inf (1 - F^n) dp - int_-inf^0 F^n dp, E[M^2] likewise with the factor 2p.
    heavy = Mixture({"composition": "mixture", "submodules": [
        {"name": "A", "distribution": {"family": "student_t", "location": 0.3, "scale": 0.7, "dof": 4},
         "truth": 1.3, "persuasion": -1.1},
        {"name": "B", "mean": 1.0, "sd": 0.5, "truth": 1.0, "persuasion": 0.0},
        {"name": "C", "distribution": {"family": "laplace", "location": -1.0, "scale": 2.0}, "truth": 0.5,
         "persuasion": 0.8}], "weights": [0.3, 0.3, 0.4]})
    for mixture, name, n in ((law, "cheap-persuasion", 3), (heavy, "student_t(4)+atom+laplace", 10**9)):
        nn = mp.mpf(n)

        def lnF(p):
            above, below = mixture.sf_cdf(p)
            return mp.log(below) if below < 0.5 else mp.log1p(-above)

        x0 = mixture.solve_sf(-mp.expm1(-mp.log(2) / nn))
        pts = sorted(set([c.mu + k * c.sigma for c in mixture.conts for k in (-4, 0, 4)]
                         + [x0 * 2 ** j for j in range(-8, 8)]))
        up = [mp.mpf(0)] + [p for p in pts if p > 0] + [INF]
        down = [-INF] + [p for p in pts if p < 0] + [mp.mpf(0)]
        e1 = mp.quad(lambda p: -mp.expm1(nn * lnF(p)), up) - mp.quad(lambda p: mp.exp(nn * lnF(p)), down)
        e2 = mp.quad(lambda p: -2 * p * mp.expm1(nn * lnF(p)), up) - mp.quad(lambda p: 2 * p * mp.exp(nn * lnF(p)), down)
        out = mixture.best_of(n)
        close(f"{name} best-of-{n} E[P] vs integration by parts", out["mean_P"], e1, mp.mpf("1e-25"))
        close(f"{name} best-of-{n} Var P vs integration by parts", out["var_P"], e2 - e1 * e1, mp.mpf("1e-20"))
    out = law.best_of(1)
    base = law.moments()
    close("best-of-1 E[T] = E[T]", out["mean_T"], base["mean_T"], mp.mpf("1e-25"))
    close("best-of-1 Var P = Var P", out["var_P"], base["var_P"], mp.mpf("1e-25"))
    sumlaw = SumModel({"submodules": [{"name": "A", "mean": 0, "sd": 1, "truth": 1, "persuasion": 1}],
                       "weights": [1]})
    close("Var of max of 2 standard normals = 1 - 1/pi", sumlaw.best_of(2)[1], 1 - 1 / mp.pi, mp.mpf("1e-25"))
    e2 = sumlaw.unit.best_of(2)["mean_P"]
    close("E max of 2 standard normals = 1/sqrt(pi)", e2, 1 / mp.sqrt(mp.pi), mp.mpf("1e-25"))
    e3 = sumlaw.unit.best_of(3)["mean_P"]
    close("E max of 3 standard normals = 3/(2 sqrt(pi))", e3, 3 / (2 * mp.sqrt(mp.pi)), mp.mpf("1e-25"))
    t1 = law.tilt(mp.mpf("0.3"))
    # tilt by direct quadrature over the mixture (T = rP on each component, atom weight 1)
    a = 1 / t1["beta"]
    M = law.m + sum(c.w * mp.quad(lambda p: mp.exp(a * p) * c.density(p), [-INF, c.mu, INF]) for c in law.conts)
    EP = sum(c.w * mp.quad(lambda p: p * mp.exp(a * p) * c.density(p), [-INF, c.mu, INF]) for c in law.conts) / M
    close("cheap-persuasion tilt KL 0.3 by quadrature", a * EP - mp.log(M), mp.mpf("0.3"), mp.mpf("1e-25"))
    close("cheap-persuasion tilt E[P] by quadrature", EP, t1["mean_P"], mp.mpf("1e-25"))

    # Monte Carlo
    rng = np.random.default_rng(20260312)

    def sample(model, size):
        weights = np.array(model["weights"], dtype=float)
        which = rng.choice(len(weights), size=size, p=weights / weights.sum())
        T = np.empty(size)
        P = np.empty(size)
        for i, sub in enumerate(model["submodules"]):
            idx = np.nonzero(which == i)[0]
            k = idx.size
            if "distribution" in sub:
                d = sub["distribution"]
                fam = d["family"]
                z = {"normal": lambda: rng.standard_normal(k), "laplace": lambda: rng.laplace(0, 1, k),
                     "logistic": lambda: rng.logistic(0, 1, k), "cauchy": lambda: rng.standard_cauchy(k),
                     "student_t": lambda: rng.standard_t(d.get("dof", 1), k)}[fam]()
                x = d["location"] + d["scale"] * z
            else:
                x = sub["mean"] + sub["sd"] * rng.standard_normal(k)
            T[idx] = sub["truth"] * x
            P[idx] = sub["persuasion"] * x
        return T, P

    def mean_se(x):
        return x.mean(), x.std() / math.sqrt(x.size)

    def var_se(x):
        d = x - x.mean()
        v = (d * d).mean()
        m4 = (d ** 4).mean()
        return v, math.sqrt(max(m4 - v * v, 0) / x.size)

    def check_selected(tag, exact, T, P):
        for key, x in (("T", T), ("P", P)):
            mv, ms = mean_se(x)
            mc(f"{tag} E[{key}]", exact["mean_" + key], mv, ms)
            vv, vs = var_se(x)
            mc(f"{tag} Var {key}", exact["var_" + key], vv, vs)

    def weighted(tag, exact, T, P, w):
        w = w / w.sum()
        for key, x in (("T", T), ("P", P)):
            m = (w * x).sum()
            se = math.sqrt((w * w * (x - m) ** 2).sum())
            mc(f"{tag} E[{key}]", exact["mean_" + key], m, se)
            y = (x - m) ** 2
            v = (w * y).sum()
            se = math.sqrt((w * w * (y - v) ** 2).sum())
            mc(f"{tag} Var {key}", exact["var_" + key], v, se)

    models = [
        ("cheap-persuasion", cheap),
        ("honest-persuasion", preset("honest-persuasion")),
        ("normal 3", {"composition": "mixture", "submodules": [
            {"name": "A", "mean": 0.5, "sd": 0.7, "truth": 1.2, "persuasion": -0.8},
            {"name": "B", "mean": -1.0, "sd": 1.5, "truth": -0.4, "persuasion": 1.1},
            {"name": "C", "mean": 2.0, "sd": 0.3, "truth": 0.9, "persuasion": 0.6}], "weights": [0.5, 0.3, 0.2]}),
        ("laplace + atom", {"composition": "mixture", "submodules": [
            {"name": "A", "distribution": {"family": "laplace", "location": 0.5, "scale": 0.8}, "truth": 1.0,
             "persuasion": 1.5},
            {"name": "B", "mean": -0.5, "sd": 1.0, "truth": 2.0, "persuasion": 0.0},
            {"name": "C", "mean": 1.0, "sd": 0.5, "truth": -1.0, "persuasion": 2.0}], "weights": [0.3, 0.45, 0.25]}),
        ("logistic", {"composition": "mixture", "submodules": [
            {"name": "A", "distribution": {"family": "logistic", "location": -0.3, "scale": 0.6}, "truth": 0.7,
             "persuasion": -1.2},
            {"name": "B", "mean": 1.0, "sd": 0.8, "truth": 1.5, "persuasion": 1.0}], "weights": [0.6, 0.4]}),
        ("student_t(5) + atom", {"composition": "mixture", "submodules": [
            {"name": "A", "distribution": {"family": "student_t", "location": 0.2, "scale": 0.5, "dof": 5},
             "truth": 1.0, "persuasion": 1.0},
            {"name": "B", "mean": 0.3, "sd": 0.4, "truth": -1.0, "persuasion": 0.0},
            {"name": "C", "mean": -1.0, "sd": 1.0, "truth": 0.5, "persuasion": 0.8}], "weights": [0.3, 0.3, 0.4]}),
    ]
    size = 2_000_000
    for name, model in models:
        law = Mixture(model)
        print(f"Monte Carlo, {name} ({size} draws):")
        T, P = sample(model, size)
        base = law.moments()
        check_selected("moments", base, T, P)
        cov = ((T - T.mean()) * (P - P.mean()))
        mc("moments Cov(T,P)", base["cov"], cov.mean(), cov.std() / math.sqrt(size))
        # conditionals: at 0 (the atom alone) and at a continuous point p. Monte Carlo sees a
        # window |P - p| < h, compared with the exact law of that window; the window law at
        # h = 1e-15 must agree with the pointwise formula.
        above = law.sf(mp.mpf(0))
        points = [0.0] if law.m > 0 else []
        points.append(float(law.solve_sf(above / 2 if law.m > 0 else mp.mpf("0.4"))))
        for p in points:
            mean, var = law.conditional(p)
            if p == 0.0 and law.m > 0:
                sel = P == 0
                tm, ts = mean_se(T[sel])
                mc(f"conditional P=0 (atom) E[T] ({sel.sum()} draws)", mean, tm, ts)
                tv, tvs = var_se(T[sel])
                mc("conditional P=0 (atom) Var T", var, tv, tvs)
                continue
            for h in (mp.mpf("1e-15"), mp.mpf("0.01") * law.scale):
                lo, hi = law.region(p - h, 0), law.region(p + h, 0)
                window = Sums()
                for key in ("w", "P1", "P2", "T1", "T2"):
                    setattr(window, key, getattr(lo, key) - getattr(hi, key))
                exact = window.finish()
                if h < 1e-10:
                    close(f"{name} conditional P={p:.4g} E[T] vs window 1e-15", mean, exact["mean_T"], mp.mpf("1e-20"))
                    close(f"{name} conditional P={p:.4g} Var T vs window 1e-15", var, exact["var_T"], mp.mpf("1e-12"))
                    continue
                sel = np.abs(P - p) < float(h)
                tm, ts = mean_se(T[sel])
                mc(f"window P={p:.4g}±{float(h):.2g} E[T] ({sel.sum()} draws)", exact["mean_T"], tm, ts)
                tv, tvs = var_se(T[sel])
                mc(f"window P={p:.4g}±{float(h):.2g} Var T", exact["var_T"], tv, tvs)
        # thresholds
        taus = [float(law.solve_sf(mp.mpf(0.3)))] + ([0.0] if law.m > 0 else [float(law.solve_sf(mp.mpf(0.8)))])
        for tau in taus:
            exact = law.threshold(tau)
            keep = P >= tau
            acc = keep.mean()
            mc(f"threshold {tau:.4g} acceptance", exact["acceptance"], acc, math.sqrt(acc * (1 - acc) / size))
            check_selected(f"threshold {tau:.4g}", exact, T[keep], P[keep])
        # quantiles (one cutting into the atom), ties broken uniformly at random
        qs = [0.2]
        if law.m > 0:
            above = float(law.sf(mp.mpf(0)))
            qs.append(above + 0.4 * float(law.m))
        order = np.lexsort((rng.random(size), P))  # by P, ties by a random key
        for q in qs:
            exact = law.quantile(q)
            k = int(round(q * size))
            kept = order[size - k:]
            tag = f"quantile {q:.4g}" + (f" (theta {float(exact['theta']):.3f})" if 0 < exact["theta"] < 1 else "")
            tau_mc = P[kept].min()
            if exact["tau"] == 0 and law.m > 0 and 0 < exact["theta"] < 1:
                count[0] += 1
                print(f"  {tag} tau: exact 0, MC {tau_mc}")
                if tau_mc != 0:
                    failures.append(f"MC {tag} tau {tau_mc} != 0")
                share = (P[kept] == 0).mean()
                exact_share = exact["theta"] * law.m / q
                mc(f"{tag} atom share of kept", exact_share, share, math.sqrt(share * (1 - share) / k))
                # theta = (q - c)/a with c = Pr(P > 0), a = Pr(P = 0) (multinomial, delta method);
                # the KL is -ln q + (theta m / q) ln theta
                c_mc, a_mc = (P > 0).mean(), (P == 0).mean()
                theta_mc = (P[kept] == 0).sum() / (P == 0).sum()
                theta_se = math.sqrt(c_mc * (1 - c_mc) + theta_mc ** 2 * a_mc * (1 - a_mc)
                                     - 2 * theta_mc * c_mc * a_mc) / math.sqrt(size) / a_mc
                mc(f"{tag} theta (fraction of the atom kept)", exact["theta"], theta_mc, theta_se)
                m = float(law.m)
                kl_mc = -math.log(q) + theta_mc * m / q * math.log(theta_mc)
                mc(f"{tag} KL at the MC theta", exact["kl"], kl_mc, abs(m / q * (math.log(theta_mc) + 1)) * theta_se)
            else:
                f = float(law.density(exact["tau"]))
                mc(f"{tag} tau", exact["tau"], tau_mc, math.sqrt(q * (1 - q) / size) / f)
            check_selected(tag, exact, T[kept], P[kept])
        # best-of-n: first maximum among iid draws (exchangeable, so the same law as a uniform tie-break)
        for n in (2, 7):
            groups = size // n
            Tn, Pn = T[: groups * n].reshape(groups, n), P[: groups * n].reshape(groups, n)
            j = Pn.argmax(axis=1)
            Tw, Pw = Tn[np.arange(groups), j], Pn[np.arange(groups), j]
            exact = law.best_of(n)
            if law.m > 0:
                win = (Pw == 0).mean()
                mc(f"best-of-{n} atom wins", exact["atom_win"], win, math.sqrt(win * (1 - win) / groups))
            check_selected(f"best-of-{n}", exact, Tw, Pw)
        if not law.tilt_obstruction():
            for K in (0.05, 0.3):
                exact = law.tilt(K)
                a = 1 / exact["beta"]
                if any(c.std.family != "normal" and 2 * a * c.sigma >= 0.7 for c in law.conts):
                    print(f"  tilt KL {K}: skipped (importance weights e^(P/beta) of infinite or huge variance)")
                    continue
                w = np.exp((P - P.max()) / float(exact["beta"]))
                weighted(f"tilt KL {K} (beta {float(exact['beta']):.4g})", exact, T, P, w)
                rho = w / w.mean()  # density ratio selected / base at the draws
                terms = rho * np.log(rho)
                mc(f"tilt KL {K} plug-in E[rho ln rho]", mp.mpf(K), terms.mean(), terms.std() / math.sqrt(size))

    # sum reading: (T, P) bivariate normal
    print(f"Monte Carlo, sum reading ({size} draws):")
    summodel = {"submodules": [{"name": "A", "mean": 1.0, "sd": 0.8, "truth": 1.0, "persuasion": 0.5},
                               {"name": "B", "mean": -0.5, "sd": 1.3, "truth": 0.3, "persuasion": 1.2},
                               {"name": "C", "mean": 2.0, "sd": 0.5, "truth": -1.0, "persuasion": 0.7}],
                "weights": [0.5, 0.2, 0.3]}
    law = SumModel(summodel)
    X = np.stack([s["mean"] + s["sd"] * rng.standard_normal(size) for s in summodel["submodules"]])
    w = np.array(summodel["weights"])
    T = (w * np.array([s["truth"] for s in summodel["submodules"]])) @ X
    P = (w * np.array([s["persuasion"] for s in summodel["submodules"]])) @ X
    sdP = float(mp.sqrt(law.vp))

    def exact_sum(shift, variances):
        """(★) of Docs/Model.md: a selection moving E[Z] by `shift` moves E[T] by c/sigma_P * shift."""
        vt, vp = variances
        s = mp.mpf(shift)
        return {"mean_T": law.mt + law.c / mp.sqrt(law.vp) * s, "mean_P": law.mP + mp.sqrt(law.vp) * s,
                "var_T": vt, "var_P": vp}

    for z in (-0.5, 1.2):
        tau = float(law.mP) + sdP * z
        keep = P >= tau
        zz = (mp.mpf(tau) - law.mP) / mp.sqrt(law.vp)
        check_selected(f"sum threshold z={z}", exact_sum(mp.npdf(zz) / (mp.erfc(zz / mp.sqrt(2)) / 2),
                                                         law.threshold(tau)), T[keep], P[keep])
    q = 0.1
    kept = np.argsort(P)[size - int(q * size):]
    zq = law.unit.solve_sf(mp.mpf(q))
    check_selected(f"sum quantile q={q}", exact_sum(mp.npdf(zq) / mp.mpf(q), law.quantile(q)), T[kept], P[kept])
    for n in (2, 10):
        groups = size // n
        Pn, Tn = P[: groups * n].reshape(groups, n), T[: groups * n].reshape(groups, n)
        j = Pn.argmax(axis=1)
        Tw, Pw = Tn[np.arange(groups), j], Pn[np.arange(groups), j]
        check_selected(f"sum best-of-{n}", exact_sum(law.unit.best_of(n)["mean_P"], law.best_of(n)), Tw, Pw)
    K = 0.3
    beta = sdP / math.sqrt(2 * K)
    weighted(f"sum tilt KL {K}", exact_sum(mp.sqrt(2 * mp.mpf(K)), law.tilt(K)), T, P, np.exp((P - P.max()) / beta))

    print(f"self-check: {count[0]} comparisons, worst Monte Carlo deviation {worst[0]:.2f} se ({worst[1]})")
    for failure in failures:
        print("FAIL", failure)
    print("self-check " + ("FAILED" if failures else "passed"))
    return not failures


# ----------------------------------------------------------------------------------------------


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", default=".build/debug/goodhart")
    parser.add_argument("--models", type=int, default=30)
    parser.add_argument("--seed", type=int, default=20260312)
    parser.add_argument("--sum", action="store_true", help="check var_truth/var_persuasion of sum-reading rows")
    parser.add_argument("--self-check", action="store_true", help="validate the reference (no binary needed)")
    options = parser.parse_args()
    if options.self_check:
        sys.exit(0 if self_check() else 1)
    rng = random.Random(options.seed)
    report = Comparison()
    runs = 0
    if options.sum:
        best_of = [1, 2, 3, 10, 1000, 123457, 10**9, 10**12, 10**15]
        for index in range(options.models):
            model = random_sum_model(rng)
            law = SumModel(model)
            if law.vp == 0:
                continue
            sd = float(mp.sqrt(law.vp))
            mP = float(law.mP)
            flags = [("--threshold", [mP + sd * z for z in (-40.0, -10.0, -1.5, 0.0, 0.7, 5.0, 20.0, 37.0, 1e3)]),
                     ("--quantile", [1.0, 0.5, 0.01, 1e-10, 1e-100, 1e-300, rng.uniform(0.001, 1)]),
                     ("--best-of", best_of if index < 2 else rng.sample(best_of, 3)),
                     ("--kl", [1e-6, 0.5, rng.uniform(0.01, 30)])]
            check_sum(options.binary, model, flags, report, f"sum model {index} ({len(model['submodules'])} submodules)")
            runs += 1
    else:
        for name in ("cheap-persuasion", "honest-persuasion"):
            model = preset(name)
            check_mixture(options.binary, model, mixture_flags(rng, model, 0), report, f"preset {name}")
            runs += 1
        kinds = ["normal", "normal", "atom", "normal", "heavy", "atom", "normal", "heavy-atom", "normal", "atom"]
        for index in range(options.models):
            kind = kinds[index % len(kinds)]
            model = random_mixture(rng, kind)
            check_mixture(options.binary, model, mixture_flags(rng, model, index), report,
                          f"model {index} ({kind}, {len(model['submodules'])} submodules)")
            runs += 1
    print(f"compared {report.count} numbers from {runs} runs")
    print(f"worst error / tolerance: {report.worst:.3e} ({report.where})")
    for failure in report.failures[:30]:
        print("FAIL", failure)
    if len(report.failures) > 30:
        print(f"... and {len(report.failures) - 30} more failures")
    sys.exit(1 if report.failures else 0)


if __name__ == "__main__":
    main()
