#!/usr/bin/env python3
"""Independent check of `goodhart analyze --format json` against mpmath (40 digits).

Generates random Gaussian models (seeded), runs the built binary with every flag repeated
(conditions, thresholds from the far lower to the far upper tail, quantiles down to 1e-300,
best-of-n up to 10^15, tilt KLs), recomputes every number from the model file alone in
arbitrary precision, and reports the worst relative error (absolute where the exact value is 0).
Also checks the contract's shape: section order, keys, absent sections, null for infinities.

Not part of `swift test`. Run from the package root after `swift build`:
    python3 Tests/Reference/check_analyze.py [--binary .build/debug/goodhart] [--models 40]
Exit status 1 if any number is off by more than 1e-9 relative.
"""
import argparse
import json
import random
import sys

import mpmath as mp

from reference_comparison import Comparison, run_analyze

mp.mp.dps = 40
TOLERANCE = 1e-9


def Q(z):
    return mp.erfc(z / mp.sqrt(2)) / 2


def logQ(z):
    return mp.log(Q(z))


def phi(z):
    return mp.npdf(z)


def upper_quantile(q):
    """z with Q(z) = q, by Newton on ln Q (works for q down to 1e-320)."""
    if q == 1:
        return -mp.inf
    q = mp.mpf(q)
    z = mp.sqrt(2) * mp.erfinv(1 - 2 * q) if q > mp.mpf("1e-15") else mp.sqrt(-2 * mp.log(q))
    for _ in range(100):
        lq = logQ(z)
        step = (lq - mp.log(q)) / (phi(z) / Q(z))
        z += step
        if abs(step) < mp.mpf(10) ** (-35) * max(1, abs(z)):
            break
    return z


_expected_maximum = {}


def expected_maximum(n):
    """e_n by the defining integral ∫ x n φ Φ^(n-1), split around the median of the maximum."""
    if n in _expected_maximum:
        return _expected_maximum[n]
    n = mp.mpf(n)
    if n == 1:
        value = mp.mpf(0)
    else:
        def log_phi_cdf(x):
            return mp.log1p(-Q(x)) if x > 0 else mp.log(1 - Q(x))
        target = mp.log(mp.log(2) / n)
        x0 = mp.findroot(lambda x: mp.log(-log_phi_cdf(x)) - target, (mp.mpf(-1), mp.mpf(12)),
                         solver="illinois")
        s = max(mp.mpf(1), x0)
        points = [-mp.inf] + [x0 + k / s for k in (-16, -8, -4, -2, -1, 0, 1, 2, 4, 8, 16, 32, 64)] + [mp.inf]
        value = mp.quad(lambda x: x * n * phi(x) * mp.exp((n - 1) * log_phi_cdf(x)), points)
    _expected_maximum[float(n)] = value
    return value


def random_model(rng, count):
    submodules = []
    for i in range(count):
        submodules.append({
            "name": f"S{i}",
            "mean": rng.uniform(-5, 5),
            "sd": 10 ** rng.uniform(-1.3, 0.7),
            "truth": rng.uniform(-3, 3),
            "persuasion": rng.uniform(-3, 3),
        })
    raw = [rng.expovariate(1.0) if rng.random() > 0.15 else 0.0 for _ in range(count)]
    if sum(raw) == 0:
        raw[0] = 1.0
    total = sum(raw)
    weights = [w / total for w in raw]
    return {"submodules": submodules, "weights": weights}


def exact_moments(model):
    mt = mp_ = vt = vp = c = mp.mpf(0)
    for s, w in zip(model["submodules"], model["weights"]):
        a = mp.mpf(w) * mp.mpf(s["truth"])
        b = mp.mpf(w) * mp.mpf(s["persuasion"])
        m, v = mp.mpf(s["mean"]), mp.mpf(s["sd"]) ** 2
        mt += a * m
        mp_ += b * m
        vt += a * a * v
        vp += b * b * v
        c += a * b * v
    return mt, mp_, vt, vp, c


def check(binary, model, flags, report, tag):
    run = run_analyze(binary, model, flags)
    if run.returncode != 0:
        report.failures.append(f"{tag}: exit {run.returncode}: {run.stderr.strip()}")
        return
    document = json.loads(run.stdout)
    mt, mP, vt, vp, c = exact_moments(model)
    sdP = mp.sqrt(vp)
    expected_keys = ["moments"] + [section for flag, section in [
        ("--condition", "conditional"), ("--threshold", "threshold"), ("--quantile", "quantile"),
        ("--best-of", "best_of_n"), ("--kl", "tilt")] if any(f == flag and v for f, v in flags)] + ["reward_maximiser"]
    # The JSON may gain keys (the contract's "composition"); the sections keep their order.
    if [key for key in document.keys() if key != "composition"] != expected_keys:
        report.failures.append(f"{tag}: sections {list(document.keys())} != {expected_keys}")
    m = document["moments"]
    for key, exact in [("mean_truth", mt), ("mean_persuasion", mP), ("var_truth", vt),
                       ("var_persuasion", vp), ("covariance", c), ("correlation", c / mp.sqrt(vt * vp) if vt * vp > 0 else 0)]:
        report.number(f"{tag} moments.{key}", m[key], exact, TOLERANCE)

    def shifted(shift):
        return mt + c / sdP * shift, mP + sdP * shift

    values = dict(flags)
    for row, p in zip(document.get("conditional", []), values.get("--condition", [])):
        assert set(["persuasion", "mean_truth", "var_truth"]) <= set(row.keys())
        report.number(f"{tag} conditional p={p} persuasion", row["persuasion"], mp.mpf(p), TOLERANCE)
        report.number(f"{tag} conditional p={p} mean_truth", row["mean_truth"], mt + c / vp * (mp.mpf(p) - mP), TOLERANCE)
        residual = vt - c * c / vp
        # Var[T|P] is exactly 0 for a one-submodule model; compare on the scale of Var T there.
        if residual < vt * mp.mpf("1e-12"):
            report.number(f"{tag} conditional var_truth (relative to Var T)", row["var_truth"] / float(vt) + 1, 1 + residual / vt, TOLERANCE)
        else:
            report.number(f"{tag} conditional p={p} var_truth", row["var_truth"], residual, TOLERANCE)
    for row, tau in zip(document.get("threshold", []), values.get("--threshold", [])):
        assert set(["tau", "acceptance", "mean_truth", "mean_persuasion", "kl"]) <= set(row.keys())
        z = (mp.mpf(tau) - mP) / sdP
        if z > 1e50:  # asymptotic series, exact far beyond double precision here
            q = mp.exp(-z * z / 2 - mp.log(z * mp.sqrt(2 * mp.pi)) - 1 / z**2)
            lam = z + 1 / z - 2 / z**3
        else:
            q = Q(z)
            lam = phi(z) / q
        t, pp = shifted(lam)
        report.number(f"{tag} threshold tau={tau} (z={mp.nstr(z, 5)}) tau", row["tau"], mp.mpf(tau), TOLERANCE)
        if q < mp.mpf("1e-300"):  # subnormal or underflowed in double precision
            if row["acceptance"] > 1e-290:
                report.failures.append(f"{tag} threshold acceptance {row['acceptance']} vs {q}")
        else:
            report.number(f"{tag} threshold tau={tau} (z={mp.nstr(z, 5)}) acceptance", row["acceptance"], q, TOLERANCE)
        report.number(f"{tag} threshold tau={tau} (z={mp.nstr(z, 5)}) mean_truth", row["mean_truth"], t, TOLERANCE)
        report.number(f"{tag} threshold tau={tau} (z={mp.nstr(z, 5)}) mean_persuasion", row["mean_persuasion"], pp, TOLERANCE)
        report.number(f"{tag} threshold tau={tau} (z={mp.nstr(z, 5)}) kl", row["kl"], -mp.log(q), TOLERANCE)
    for row, qv in zip(document.get("quantile", []), values.get("--quantile", [])):
        assert set(["q", "tau", "mean_truth", "mean_persuasion", "kl"]) <= set(row.keys())
        z = upper_quantile(qv)
        shift = 0 if qv == 1 else phi(z) / mp.mpf(qv)
        t, pp = shifted(shift)
        report.number(f"{tag} quantile q={qv} q", row["q"], mp.mpf(qv), TOLERANCE)
        report.number(f"{tag} quantile q={qv} tau", row["tau"], mP + sdP * z if qv != 1 else -mp.inf, TOLERANCE)
        report.number(f"{tag} quantile q={qv} mean_truth", row["mean_truth"], t, TOLERANCE)
        report.number(f"{tag} quantile q={qv} mean_persuasion", row["mean_persuasion"], pp, TOLERANCE)
        report.number(f"{tag} quantile q={qv} kl", row["kl"], -mp.log(mp.mpf(qv)), TOLERANCE)
    for row, n in zip(document.get("best_of_n", []), values.get("--best-of", [])):
        assert set(["n", "mean_truth", "mean_persuasion", "kl"]) <= set(row.keys())
        e = expected_maximum(float(n))
        t, pp = shifted(e)
        nn = mp.mpf(n)
        report.number(f"{tag} best_of_n n={n} n", row["n"], nn, TOLERANCE)
        report.number(f"{tag} best_of_n n={n} mean_truth", row["mean_truth"], t, TOLERANCE)
        report.number(f"{tag} best_of_n n={n} mean_persuasion", row["mean_persuasion"], pp, TOLERANCE)
        report.number(f"{tag} best_of_n n={n} kl", row["kl"], mp.log(nn) - (nn - 1) / nn, TOLERANCE)
    for row, k in zip(document.get("tilt", []), values.get("--kl", [])):
        assert set(["kl", "beta", "mean_truth", "mean_persuasion"]) <= set(row.keys())
        shift = mp.sqrt(2 * mp.mpf(k))
        t, pp = shifted(shift)
        report.number(f"{tag} tilt kl={k} kl", row["kl"], mp.mpf(k), TOLERANCE)
        report.number(f"{tag} tilt kl={k} beta", row["beta"], sdP / shift, TOLERANCE)
        report.number(f"{tag} tilt kl={k} mean_truth", row["mean_truth"], t, TOLERANCE)
        report.number(f"{tag} tilt kl={k} mean_persuasion", row["mean_persuasion"], pp, TOLERANCE)
    rm = document["reward_maximiser"]
    rewards = [mp.mpf(s["persuasion"]) * mp.mpf(s["mean"]) for s in model["submodules"]]
    best = max(range(len(rewards)), key=lambda i: (rewards[i], -i))
    chosen = model["submodules"][best]
    if rm["submodule"] != chosen["name"] or rm["weights"] != [1 if i == best else 0 for i in range(len(rewards))]:
        report.failures.append(f"{tag} reward maximiser {rm['submodule']} != {chosen['name']}")
    report.number(f"{tag} reward_maximiser mean_truth", rm["mean_truth"], mp.mpf(chosen["truth"]) * mp.mpf(chosen["mean"]), TOLERANCE)
    report.number(f"{tag} reward_maximiser mean_persuasion", rm["mean_persuasion"], rewards[best], TOLERANCE)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", default=".build/debug/goodhart")
    parser.add_argument("--models", type=int, default=40)
    parser.add_argument("--seed", type=int, default=20261127)
    options = parser.parse_args()
    rng = random.Random(options.seed)
    report = Comparison(zero=0)
    best_of = [1, 2, 3, 10, 1000, 123457, 10**9, 10**12, 10**15]
    for index in range(options.models):
        count = rng.choice([1, 2, 3, 3, 5, 8, 20]) if index % 10 else 1000
        model = random_model(rng, count)
        mt, mP, vt, vp, c = exact_moments(model)
        if vp == 0:
            continue
        sd = float(mp.sqrt(vp))
        zs = [-40.0, -10.0, -1.5, 0.0, 0.7, 5.0, 20.0, 37.0, 1e3, 1e5]
        flags = [
            ("--condition", [float(mP) + sd * rng.uniform(-3, 3) for _ in range(2)]),
            ("--threshold", [float(mP) + sd * z for z in zs]),
            ("--quantile", [1.0, 0.5, 0.01, 1e-10, 1e-100, 1e-300, rng.uniform(0.001, 1)]),
            ("--best-of", best_of if index < 3 else rng.sample(best_of, 3)),
            ("--kl", [1e-6, 0.5, rng.uniform(0.01, 30)]),
        ]
        if index % 4 == 3:  # unrequested sections must be absent
            flags = [f for f in flags if f[0] in ("--threshold", "--kl")]
        check(options.binary, model, flags, report, f"model {index} ({count} submodules)")
    # Infinities print as null: z ~ 1e200 makes the threshold KL overflow.
    check(options.binary, {"submodules": [{"name": "A", "mean": 0.0, "sd": 1.0, "truth": 1.0, "persuasion": 1.0}],
                           "weights": [1.0]}, [("--threshold", [1e200])], report, "overflow")
    print(f"compared {report.count} numbers from {options.models + 1} runs")
    print(f"worst relative error: {report.worst * TOLERANCE:.3e} ({report.where})")
    for failure in report.failures[:20]:
        print("FAIL", failure)
    sys.exit(1 if report.failures else 0)


if __name__ == "__main__":
    main()
