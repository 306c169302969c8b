#!/usr/bin/env python3
"""NumPy's vectorised Monte Carlo of a Goodhart model: the baseline for `goodhart simulate`.

Draws every submodule X_i ~ N(mean_i, sd_i^2) (NumPy's default generator, PCG64 + ziggurat),
forms T = X @ (w * truth) and P = X @ (w * persuasion) block by block, and accumulates the
sums behind the means, variances and covariance (the same estimates the Swift engine prints).
Prints one JSON line with the estimates and the time per (T, P) sample.

    python3 simulate_numpy.py [--preset cheap-persuasion|honest-persuasion] [--samples N]
"""

import argparse
import json
import time

import numpy as np

PRESETS = {
    "cheap-persuasion": ([1.0, 1.0, 2.0], [1.0, 1.0, 1.0]),
    "honest-persuasion": ([2.0, 1.0, 1.0], [1.0, 1.0, 1.0]),
}
TRUTH = np.array([1.0, 1.0, 0.0])
PERSUASION = np.array([1.0, 0.0, 1.0])
WEIGHTS = np.array([1 / 3, 1 / 3, 1 / 3])


def simulate(means, sds, samples, seed, block=1 << 20):
    rng = np.random.default_rng(seed)
    a = WEIGHTS * TRUTH
    b = WEIGHTS * PERSUASION
    sums = np.zeros(5)
    done = 0
    while done < samples:
        size = min(block, samples - done)
        x = rng.normal(means, sds, size=(size, len(means)))
        t = x @ a
        p = x @ b
        sums += (t.sum(), p.sum(), (t * t).sum(), (p * p).sum(), (t * p).sum())
        done += size
    n = samples
    mt, mp = sums[0] / n, sums[1] / n
    return {
        "mean_truth": mt,
        "mean_persuasion": mp,
        "var_truth": (sums[2] / n - mt * mt) * n / (n - 1),
        "var_persuasion": (sums[3] / n - mp * mp) * n / (n - 1),
        "covariance": (sums[4] / n - mt * mp) * n / (n - 1),
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--preset", default="cheap-persuasion", choices=sorted(PRESETS))
    parser.add_argument("--samples", type=int, default=10_000_000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    means, sds = PRESETS[args.preset]
    start = time.perf_counter()
    moments = simulate(np.array(means), np.array(sds), args.samples, args.seed)
    seconds = time.perf_counter() - start
    print(json.dumps({
        "preset": args.preset,
        "samples": args.samples,
        "seconds": seconds,
        "ns_per_sample": seconds / args.samples * 1e9,
        "moments": moments,
    }))


if __name__ == "__main__":
    main()
