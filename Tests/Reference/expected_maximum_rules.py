#!/usr/bin/env python3
"""How the Gauss–Legendre sizes of ExpectedMaximum.ofStandardNormals were chosen (NumPy/SciPy).

A prototype of the Swift code — e_n = head + ∫_a^x0 + ∫_x0^b of Φ(x)(1 − Φ(x)^(n−1)), with
Φ^(n−1)(a) = e^(−T), (n − 1) Q(b) = tail, x0 the median of the maximum — integrated by fixed
Gauss–Legendre rules (NL nodes on [a, x0], NR on [x0, b]) and compared on 340 n (1 + 10^−12…1 and
10^0.3…10^15, log-spaced) with SciPy's adaptive quad (epsrel 2e-14) on the same pieces cut wider
(T = 45, tail = 1e-20). Not part of `swift test`; prints the worst and median relative error of
each configuration. Run: python3 Tests/Reference/expected_maximum_rules.py  (~1 minute)
"""
import numpy as np
from scipy import integrate
from scipy.special import ndtr, ndtri


def integrand(x, m):
    x = np.atleast_1d(np.asarray(x, float))
    out = np.empty_like(x)
    pos = x > 0
    q = ndtr(-x[pos])
    out[pos] = (1 - q) * -np.expm1(m * np.log1p(-q))
    p = ndtr(x[~pos])
    out[~pos] = p * -np.expm1(m * np.log(p))
    return out


def pieces(n, flat, tail):
    m = n - 1
    a = -ndtri(-np.expm1(-flat / m))
    head = 0.0
    if a > -9:
        head = a * ndtr(a) + np.exp(-a * a / 2) / np.sqrt(2 * np.pi)
    else:
        a = -9.0
    x0 = max(a, -ndtri(-np.expm1(-np.log(2) / n)))
    return head, a, x0, -ndtri(tail / max(1, m))


def gauss_legendre(f, lo, hi, points):
    t, w = np.polynomial.legendre.leggauss(points)
    return 0.5 * (hi - lo) * np.dot(w, f(0.5 * (hi - lo) * t + 0.5 * (hi + lo)))


def fixed(n, left, right, flat=30.0, tail=1e-17):
    head, a, x0, b = pieces(n, flat, tail)
    f = lambda x: integrand(x, n - 1)
    return head + gauss_legendre(f, a, x0, left) + gauss_legendre(f, x0, b, right)


def adaptive(n):
    head, a, x0, b = pieces(n, 45.0, 1e-20)
    f = lambda x: float(integrand(x, n - 1)[0])
    options = dict(epsabs=0, epsrel=2e-14, limit=200)
    return head + integrate.quad(f, a, x0, **options)[0] + integrate.quad(f, x0, b, **options)[0]


if __name__ == "__main__":
    ns = np.concatenate([1 + np.logspace(-12, 0, 40), np.logspace(0.3, 15, 300)])
    reference = np.array([adaptive(n) for n in ns])
    for left, right, flat in [(20, 20, 30.0), (24, 24, 30.0), (22, 26, 30.0), (24, 26, 30.0),
                              (24, 28, 45.0), (24, 28, 30.0)]:
        errors = np.array([abs(fixed(n, left, right, flat) - r) / r for n, r in zip(ns, reference)])
        worst = errors.argmax()
        print(f"{left:2d} + {right:2d} nodes, cut e^-{flat:.0f}: worst {errors[worst]:.2e} "
              f"at n = {ns[worst]:.6g}, median {np.median(errors):.1e}")
