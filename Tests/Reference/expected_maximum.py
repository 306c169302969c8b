#!/usr/bin/env python3
"""Reference values of e_n = E[max of n iid N(0,1)] at 40 significant digits (mpmath).

Independent of Goodhart's GSL code: two routes, both in mpmath's arbitrary precision with
tanh-sinh quadrature, must agree to >= 30 digits before a value is printed.

  route 1, the defining integral:  e_n = ∫ x · n φ(x) Φ(x)^(n-1) dx
  route 2, integration by parts:   e_n = ∫ (Φ(x) - Φ(x)^n) dx   (all-positive integrand)

Both are split at breakpoints around the median x0 of the maximum (Φ(x0)^n = 1/2), spaced on the
scale 1/max(1, x0) of the maximum's law, so tanh-sinh sees smooth pieces.

Run: python3 Tests/Reference/expected_maximum.py
The printed values are pasted into Tests/GoodhartTests/ExpectedMaximumTests.swift.
"""
import mpmath as mp

mp.mp.dps = 45

# Doubles, converted exactly (1 + 2^-20 rather than 1.000001, whose rounding would shift e_n by
# 8e-11 relative: near n = 1, e_n ≈ 0.9 (n - 1)).
NS = [1 + 2**-40, 1 + 2**-20, 1.5, 2.0, 3.0, 3.7, 10.0, 100.0, 1000.0, 12345.678, 1e6, 1e9,
      3.3e10, 1e12, 1e15]


def Phi(x):
    return mp.erfc(-x / mp.sqrt(2)) / 2


def logPhi(x):
    # ln Φ(x) = log1p(-Q(x)) for x > 0 keeps the tiny upper tail exact.
    if x > 0:
        return mp.log1p(-mp.erfc(x / mp.sqrt(2)) / 2)
    return mp.log(Phi(x))


def phi(x):
    return mp.exp(-x * x / 2) / mp.sqrt(2 * mp.pi)


def median_of_maximum(n):
    # Solve ln(-ln Φ(x)) = ln(ln 2 / n), nearly linear in x, by bracketed Illinois iteration.
    target = mp.log(mp.log(2) / n)
    return mp.findroot(lambda x: mp.log(-logPhi(x)) - target, (mp.mpf(-1), mp.mpf(12)),
                       solver="illinois")


def breakpoints(n):
    x0 = median_of_maximum(n)
    s = max(mp.mpf(1), x0)
    points = [x0 + k / s for k in (-16, -8, -4, -2, -1, -0.5, 0, 0.5, 1, 2, 4, 8, 16, 32, 64)]
    return [-mp.inf] + sorted(set(p for p in points)) + [mp.inf]


def route_density(n):
    f = lambda x: x * n * phi(x) * mp.exp((n - 1) * logPhi(x))
    return mp.quad(f, breakpoints(n), maxdegree=10)


def route_parts(n):
    f = lambda x: Phi(x) * -mp.expm1((n - 1) * logPhi(x))
    return mp.quad(f, [-mp.inf, -8, -4, -2, 0] + breakpoints(n)[1:], maxdegree=10)


if __name__ == "__main__":
    print("(n, e_n to 40 digits), as Swift tuples")
    for value in NS:
        n = mp.mpf(value)  # exact
        a, b = route_density(n), route_parts(n)
        agreement = abs(a - b) / abs(b)
        assert agreement < mp.mpf("1e-30"), (value, a, b)
        print(f"({value!r}, {mp.nstr(b, 40, min_fixed=-1, max_fixed=2)}),  // agreement {mp.nstr(agreement, 2)}")
    e2 = route_parts(mp.mpf(2))
    print("e_2 - 1/sqrt(pi) =", mp.nstr(e2 - 1 / mp.sqrt(mp.pi), 3))
