#!/usr/bin/env bash
# Times Goodhart's REINFORCE loop (release, ordo-one/benchmark) and the same loop in NumPy, in one
# run: 10^4 steps x batch 256 on cheap-persuasion at beta 0.1. Run from anywhere.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here/.."
swift package benchmark --target OptimizationBenchmarks --filter "reinforce.*" --format markdown \
  --no-progress 2>&1 | grep -E '^###|wall clock|Metric|:--' || true
python3 "$here/reinforce_numpy.py" 10000 256 0.1 3
