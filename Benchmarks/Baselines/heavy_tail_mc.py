#!/usr/bin/env python3
"""Monte Carlo baseline for the heavy-tail benchmark: E[T] of the best of n by P for the A/B/C
model with C ~ 2 + Student-t(3) (A, B ~ N(1, 1), weights 1/3), by NumPy.

For each n it times a batch of trials, measures the standard error, and extrapolates the time a
Monte Carlo estimate needs to reach the quadrature's accuracy (relative 1e-6 of E[T]; the SE
falls like 1/sqrt(trials)). Usage: heavy_tail_mc.py [seconds per n]
"""
import sys
import time

import numpy as np


def best_of_n_truth(n, trials, rng):
    out = np.empty(trials)
    chunk = max(1, min(trials, 2_000_000 // n))
    done = 0
    while done < trials:
        m = min(chunk, trials - done)
        a = rng.normal(1, 1, (m, n))
        b = rng.normal(1, 1, (m, n))
        c = 2 + rng.standard_t(3, (m, n))
        p = (a + c) / 3
        best = np.argmax(p, axis=1)
        rows = np.arange(m)
        out[done:done + m] = (a[rows, best] + b[rows, best]) / 3
        done += m
    return out


def main():
    budget = float(sys.argv[1]) if len(sys.argv) > 1 else 3.0
    rng = np.random.default_rng(20261127)
    print(f"{'n':>8}  {'trials':>8}  {'E[T] (MC)':>12}  {'SE':>9}  {'s/trial':>9}  {'time to SE = 1e-6 E[T]':>24}")
    for n in [10, 1000, 10**6]:
        trials = 1000 if n < 10**6 else 20
        start = time.perf_counter()
        sample = best_of_n_truth(n, trials, rng)
        while time.perf_counter() - start < budget and n < 10**6:
            sample = np.concatenate([sample, best_of_n_truth(n, trials, rng)])
        elapsed = time.perf_counter() - start
        mean = sample.mean()
        se = sample.std(ddof=1) / np.sqrt(len(sample))
        per_trial = elapsed / len(sample)
        needed = (se / (1e-6 * abs(mean))) ** 2 * len(sample) * per_trial
        print(f"{n:>8}  {len(sample):>8}  {mean:>12.6f}  {se:>9.2e}  {per_trial:>9.2e}  {needed:>20.3e} s")


if __name__ == "__main__":
    main()
