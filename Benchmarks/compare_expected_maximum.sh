#!/usr/bin/env bash
# e_n = E[max of n standard normals], Goodhart (Swift + GSL, release) side by side with SciPy's
# integrate.quad computing the same values at the same accuracy, in one run.
#
#   bash Benchmarks/compare_expected_maximum.sh
#
# The Swift side is the "e_n, n = 1eK" benchmarks of SelectionBenchmarks (1000 calls per measured
# iteration; their throughput row is calls per second, so time per call = 1 / throughput; the
# wall-clock row is per batch of 1000). The SciPy side is Benchmarks/Baselines/
# expected_maximum_scipy.py: "direct" (quad of the defining integral over the real line) and
# "tuned" (quad of Goodhart's own formulation), both at epsrel 1e-12, each with its relative error
# against the 40-digit mpmath references (equal accuracy: all are ~1e-15).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
swift_out="$(mktemp)"
scipy_out="$(mktemp)"
trap 'rm -f "$swift_out" "$scipy_out"' EXIT

echo "== Goodhart (release): swift package benchmark --target SelectionBenchmarks --filter 'e_n.*'"
(cd "$here" && swift package benchmark --target SelectionBenchmarks --filter 'e_n.*' --scale \
  --no-progress) >"$swift_out" 2>&1 || { cat "$swift_out"; exit 1; }
echo "== SciPy: python3 Baselines/expected_maximum_scipy.py"
python3 "$here/Baselines/expected_maximum_scipy.py" | tee "$scipy_out"

python3 - "$swift_out" "$scipy_out" <<'PY'
import re, sys
swift_text = open(sys.argv[1], encoding="utf-8").read()
units = {"#": 1, "K": 1e3, "M": 1e6}
swift = {}
for block in re.split(r"\n(?=e_n, n = )", swift_text):
    name = re.match(r"e_n, n = (1e\d+)", block)
    row = re.search(r"Throughput \(# / s\) \((.)\)\s*│\s*([\d.]+)\s*│\s*([\d.]+)\s*│\s*([\d.]+)", block)
    if name and row:
        scale = units[row.group(1)]
        best, p50 = float(row.group(2)) * scale, float(row.group(4)) * scale
        swift[float(name.group(1))] = (1e6 / best, 1e6 / p50)
scipy = {}
for line in open(sys.argv[2]):
    parts = line.split()
    if len(parts) == 6 and parts[0] in ("direct", "tuned"):
        scipy[(parts[0], float(parts[1]))] = (float(parts[4]), float(parts[5]), parts[3])
print("\nTime per call in microseconds (best = fastest repeat / p0; typical = median / p50).")
print("       n  Goodhart best  typical | SciPy direct best typical rel.err  ratio best typical"
      " | SciPy tuned best typical rel.err  ratio best typical")
for n in sorted(swift):
    (gb, gm) = swift[n]
    line = f"{n:8.0e}  {gb:13.2f} {gm:8.2f} |"
    for name in ("direct", "tuned"):
        if (name, n) in scipy:
            sb, sm, err = scipy[(name, n)]
            line += f" {sb:17.1f} {sm:7.1f} {err:>7} {sb / gb:10.0f}x {sm / gm:6.0f}x |"
    print(line)
PY
