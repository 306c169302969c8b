#!/usr/bin/env python3
"""SciPy baseline for e_n = E[max of n iid N(0,1)]: scipy.integrate.quad at the same accuracy.

The same stable formulation as Goodhart's (Docs/Model.md): e_n = a Φ(a) + φ(a) +
∫_a^{x0} g + ∫_{x0}^b g with g = Φ (1 − Φ^{n−1}) = −Φ expm1((n−1) ln Φ), ln Φ from
scipy.special.log_ndtr, quad with epsrel = 1e-12. (The naive ∫ x n φ Φ^{n−1} with quad loses
accuracy or warns from n ~ 1e9, so it would not be "equal accuracy".)

Prints, per n, the value, its relative error against the 40-digit mpmath references of
Tests/Reference/expected_maximum.py, and the time per call (best and median of 7 repeats of
200 calls each).
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


def expected_maximum(n):
    if n == 1:
        return 0.0
    m = n - 1

    def g(x):
        return special.ndtr(x) * -math.expm1(m * special.log_ndtr(x))

    start = special.ndtri(math.exp(-45 / m))
    head = 0.0
    if start > -9:
        head = start * special.ndtr(start) + math.exp(-0.5 * start * start) / math.sqrt(2 * math.pi)
    else:
        start = -9.0
    median = max(start, -special.ndtri(-math.expm1(-math.log(2) / n)))
    end = -special.ndtri(1e-20 / max(1.0, m))
    below, _ = integrate.quad(g, start, median, epsabs=0, epsrel=1e-12, limit=200)
    above, _ = integrate.quad(g, median, end, epsabs=0, epsrel=1e-12, limit=200)
    return head + below + above


if __name__ == "__main__":
    print("n       e_n (SciPy quad)      rel. error   best us/call  median us/call")
    for n, exact in REFERENCE.items():
        value = expected_maximum(n)
        calls = 200
        times = sorted(t / calls for t in timeit.repeat(lambda: expected_maximum(n), number=calls, repeat=7))
        print(f"{n:<7g} {value:<22.17g} {abs(value - exact) / exact:9.2e}  {times[0] * 1e6:12.1f}  {times[3] * 1e6:14.1f}")
