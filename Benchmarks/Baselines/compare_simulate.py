#!/usr/bin/env python3
"""`goodhart simulate` (release build) against NumPy's vectorised sampler, side by side, in one run.

For each preset: ns per (T, P) sample on one thread and on two, the two-thread speedup, NumPy's
ns per sample and the ratio; ns per best-of-n candidate; peak resident memory at growing sample
counts (flat = constant memory). Every timing is the best of --repeat runs, so that other work on
the machine inflates the figures as little as possible; the process start-up (a run with 2
samples) is subtracted.

    swift build -c release --product goodhart
    python3 Benchmarks/Baselines/compare_simulate.py [--samples 2e7] [--repeat 7] [--memory 1e7,1e8,1e9]
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import simulate_numpy  # noqa: E402

import numpy as np  # noqa: E402


def run(goodhart, args):
    """(wall seconds, CPU seconds: user + system of the child) of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([goodhart, "simulate", "--quiet", *args], check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def best(repeat, f):
    """The best of `repeat` runs, elementwise."""
    runs = [f() for _ in range(repeat)]
    if isinstance(runs[0], tuple):
        return tuple(min(r[i] for r in runs) for i in range(len(runs[0])))
    return min(runs)


def peak_kib(goodhart, args):
    result = subprocess.run(
        ["/usr/bin/time", "-f", "%M", goodhart, "simulate", "--quiet", *args],
        check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    return int(result.stderr.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser()
    root = os.path.dirname(os.path.dirname(HERE))
    parser.add_argument("--goodhart", default=os.path.join(root, ".build/release/goodhart"))
    parser.add_argument("--samples", type=float, default=2e7)
    parser.add_argument("--numpy-samples", type=float, default=5e6)
    parser.add_argument("--candidates", type=float, default=5e7)
    parser.add_argument("--memory", default="1e7,1e8")
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    g = args.goodhart
    samples = int(args.samples)
    startup, startup_cpu = best(args.repeat, lambda: run(g, ["--samples", "2"]))
    report = {"load_average_1min": os.getloadavg()[0], "startup_seconds": startup, "presets": {}}
    for preset in ("cheap-persuasion", "honest-persuasion"):
        base = ["--preset", preset, "--samples", str(samples)]
        one, one_cpu = best(args.repeat, lambda: run(g, base + ["--threads", "1"]))
        two, two_cpu = best(args.repeat, lambda: run(g, base + ["--threads", "2"]))
        one, two = one - startup, two - startup
        means, sds = simulate_numpy.PRESETS[preset]
        n_np = int(args.numpy_samples)

        def numpy_seconds():
            start = time.perf_counter()
            simulate_numpy.simulate(np.array(means), np.array(sds), n_np, 0)
            return time.perf_counter() - start

        numpy_ns = best(args.repeat, numpy_seconds) / n_np * 1e9
        one_ns = one / samples * 1e9
        report["presets"][preset] = {
            "ns_per_sample_1_thread": one_ns,
            "cpu_ns_per_sample_1_thread": (one_cpu - startup_cpu) / samples * 1e9,
            "cpu_ns_per_sample_2_threads": (two_cpu - startup_cpu) / samples * 1e9,
            "ns_per_sample_2_threads_wall": two / samples * 1e9,
            "speedup_2_threads": one / two,
            "numpy_ns_per_sample": numpy_ns,
            "ratio_numpy_over_swift_1_thread": numpy_ns / one_ns,
        }
    n = 1000
    trials = int(args.candidates) // n
    bon = ["--samples", "2", "--best-of", str(n), "--trials", str(trials)]
    b1, b1_cpu = best(args.repeat, lambda: run(g, bon + ["--threads", "1"]))
    b2, _ = best(args.repeat, lambda: run(g, bon + ["--threads", "2"]))
    b1, b2 = b1 - startup, b2 - startup
    report["best_of_n"] = {
        "n": n, "trials": trials,
        "ns_per_candidate_1_thread": b1 / (n * trials) * 1e9,
        "cpu_ns_per_candidate_1_thread": (b1_cpu - startup_cpu) / (n * trials) * 1e9,
        "ns_per_candidate_2_threads_wall": b2 / (n * trials) * 1e9,
        "speedup_2_threads": b1 / b2,
    }
    report["peak_rss_kib"] = {
        m: peak_kib(g, ["--samples", str(int(float(m))), "--threads", "2", "--threshold", "1",
                        "--best-of", "8"])
        for m in args.memory.split(",")
    }
    report["load_average_1min_after"] = os.getloadavg()[0]
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
