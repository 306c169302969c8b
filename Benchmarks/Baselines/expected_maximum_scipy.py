#!/usr/bin/env python3
"""SciPy baselines for e_n = E[max of n iid N(0,1)] with scipy.integrate.quad, at equal accuracy.

Two baselines, both checked against the 40-digit mpmath references of
Tests/Reference/expected_maximum.py (relative error printed):

- direct: the defining integral ∫ x n φ(x) Φ(x)^(n−1) dx over the real line, quad(-inf, inf)
  with epsrel = 1e-12 and Φ^(n−1) = exp((n−1) log_ndtr(x)) (SciPy's log_ndtr keeps the upper tail,
  so this is accurate to ~5e-15 up to n = 1e15). What a researcher would write.
- tuned: Goodhart's own formulation (Docs/Model.md §5.1), e_n = a Φ(a) + φ(a) + ∫_a^{x0} g +
  ∫_{x0}^b g with g = −Φ expm1((n−1) ln Φ), quad on the two finite pieces, epsrel = 1e-12. The
  fastest SciPy route we know; it isolates the language/runtime cost from the formulation.

Prints, per n and baseline: value, relative error, time per call (best and median of 7 repeats).
Run: python3 Benchmarks/Baselines/expected_maximum_scipy.py
"""
import math
import timeit

import numpy as np
from scipy import integrate, special

REFERENCE = {  # from Tests/Reference/expected_maximum.py (mpmath, 40 digits)
    1e1: 1.538752730835172856027531899751435778365,
    1e3: 3.241435769133440861388660049577039908277,
    1e6: 4.862897486196462721236736981075028123878,
    1e9: 6.087684584445958650523403165464733881553,
    1e12: 7.112463684767471033139166859455143484466,
    1e15: 8.011140722778742155870459950903075354307,
}
INV_SQRT_2PI = 1 / math.sqrt(2 * math.pi)


def expected_maximum_direct(n):
    m = n - 1

    def density_term(x):
        return x * n * INV_SQRT_2PI * math.exp(-0.5 * x * x + m * special.log_ndtr(x))

    return integrate.quad(density_term, -np.inf, np.inf, epsabs=0, epsrel=1e-12, limit=200)[0]


def expected_maximum_tuned(n):
    if n == 1:
        return 0.0
    m = n - 1

    def g(x):
        return special.ndtr(x) * -math.expm1(m * special.log_ndtr(x))

    start = special.ndtri(math.exp(-45 / m))
    head = 0.0
    if start > -9:
        head = start * special.ndtr(start) + math.exp(-0.5 * start * start) * INV_SQRT_2PI
    else:
        start = -9.0
    median = max(start, -special.ndtri(-math.expm1(-math.log(2) / n)))
    end = -special.ndtri(1e-20 / max(1.0, m))
    below, _ = integrate.quad(g, start, median, epsabs=0, epsrel=1e-12, limit=200)
    above, _ = integrate.quad(g, median, end, epsabs=0, epsrel=1e-12, limit=200)
    return head + below + above


if __name__ == "__main__":
    print("baseline n       e_n (SciPy quad)      rel. error   best us/call  median us/call")
    for name, method in (("direct", expected_maximum_direct), ("tuned", expected_maximum_tuned)):
        for n, exact in REFERENCE.items():
            value = method(n)
            calls = 100
            times = sorted(t / calls for t in timeit.repeat(lambda: method(n), number=calls, repeat=7))
            print(f"{name:<8} {n:<7g} {value:<22.17g} {abs(value - exact) / exact:9.2e}  "
                  f"{times[0] * 1e6:12.1f}  {times[3] * 1e6:14.1f}")
