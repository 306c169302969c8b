#!/usr/bin/env bash
# Instruction counts (valgrind --tool=callgrind, one thread) of the release `goodhart` binary on
# the workloads the issues name, printed as a table. Instruction counts are the stable measure
# on a shared machine, where wall-clock time swings run to run.
#
#   bash Benchmarks/callgrind_counts.sh            # builds the release binary first
#
# Rows:
# - simulate: per-(T, P)-sample cost = (count at 3e6 samples - count at 1e6) / 2e6, on
#   cheap-persuasion with --threads 1 (the method of issue "Speed toward the limit").
# - frontier: 200 points with the exact weight family (cheap-persuasion).
# - analyze --best-of 1000 on a Student-t(3) C, minus the same process without --best-of (the
#   first best-of-n on a new law), the same for the top 1 % (a quantilizer), and regime on that
#   model (issue "Heavy tails"); the first best-of-n also on laws of two non-normal parts (C ~
#   t(3) carrying truth beside a Laplace D, no normal part; and a normal part carrying truth
#   beside C ~ t(3) and a Laplace D, the normal-Laplace kernel's model; a lognormal C with σ = 1
#   beside the normal part, `LognormalQuadrature`'s model; and a Laplace C beside the normal
#   part, carried over the Laplace variable by `KernelQuadrature`).
# - sweep: the 50 x 50 Goodhart-gap grid of Examples/sweeps (one thread cannot be forced there;
#   callgrind serialises threads, so the count is the total work).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
swift build -c release --product goodhart >/dev/null
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# A stripped copy: the counts need no symbols, and valgrind 3.19 gives up on the debug info of
# the binary that links SwiftNIO ("Possibly corrupted debuginfo file").
strip -o "$work/goodhart" "$root/.build/release/goodhart"
bin="$work/goodhart"

cat >"$work/t3.json" <<'MODEL'
{"submodules": [
  {"name": "A", "mean": 1, "sd": 1, "truth": 1, "persuasion": 1},
  {"name": "B", "mean": 1, "sd": 1, "truth": 1, "persuasion": 0},
  {"name": "C", "distribution": {"family": "student_t", "location": 2, "scale": 1, "dof": 3},
   "truth": 0, "persuasion": 1}],
 "weights": [0.3333333333333333, 0.3333333333333333, 0.3333333333333334]}
MODEL
cat >"$work/normalt3laplace.json" <<'MODEL'
{"submodules": [
  {"name": "A", "mean": 1, "sd": 1, "truth": 1, "persuasion": 1},
  {"name": "B", "mean": 1, "sd": 1, "truth": 1, "persuasion": 0},
  {"name": "C", "distribution": {"family": "student_t", "location": 2, "scale": 1, "dof": 3},
   "truth": 0, "persuasion": 1},
  {"name": "D", "distribution": {"family": "laplace", "location": -1, "scale": 0.7},
   "truth": 0, "persuasion": 2}],
 "weights": [0.3, 0.2, 0.3, 0.2]}
MODEL
cat >"$work/t3laplace.json" <<'MODEL'
{"submodules": [
  {"name": "B", "mean": 1, "sd": 1, "truth": 1, "persuasion": 0},
  {"name": "C", "distribution": {"family": "student_t", "location": 2, "scale": 1, "dof": 3},
   "truth": 1, "persuasion": 1},
  {"name": "D", "distribution": {"family": "laplace", "location": -1, "scale": 0.7},
   "truth": 0, "persuasion": 2}],
 "weights": [0.4, 0.3, 0.3]}
MODEL
cat >"$work/lognormal.json" <<'MODEL'
{"submodules": [
  {"name": "A", "mean": 1, "sd": 1, "truth": 1, "persuasion": 1},
  {"name": "B", "mean": 1, "sd": 1, "truth": 1, "persuasion": 0},
  {"name": "C", "distribution": {"family": "lognormal", "location": 0, "scale": 1, "sigma": 1},
   "truth": 0, "persuasion": 1}],
 "weights": [0.3333333333333333, 0.3333333333333333, 0.3333333333333334]}
MODEL
sed 's/"family": "lognormal", "location": 0, "scale": 1, "sigma": 1/"family": "laplace", "location": 2, "scale": 1/' \
  "$work/lognormal.json" >"$work/laplace.json"
cat >"$work/gap.json" <<'SPEC'
{"preset": "cheap-persuasion",
 "axes": [{"path": "submodules[2].mean", "from": 0.5, "to": 3.0, "steps": 50},
          {"path": "submodules[2].sd", "from": 0.25, "to": 2.0, "steps": 50}],
 "record": ["goodhart_gap"]}
SPEC

# Instructions executed by `goodhart "$@"` (all threads).
count() {
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" "$@" 2>&1 >/dev/null \
    | sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}

printf '%-58s %16s\n' "workload" "instructions"
one=$(count simulate --samples 1000000 --threads 1 --format json)
three=$(count simulate --samples 3000000 --threads 1 --format json)
printf '%-58s %16s\n' "simulate 1e6 samples, 1 thread" "$one"
printf '%-58s %16s\n' "simulate 3e6 samples, 1 thread" "$three"
printf '%-58s %16.1f\n' "  per (T, P) sample: (3e6 - 1e6) / 2e6" "$(echo "($three - $one) / 2000000" | bc -l)"
printf '%-58s %16s\n' "frontier --points 200 (exact weight family)" "$(count frontier --points 200 --format csv)"
base=$(count analyze --model "$work/t3.json" --format json)
best=$(count analyze --model "$work/t3.json" --best-of 1000 --format json)
printf '%-58s %16s\n' "analyze, Student-t(3) C, no best-of (baseline)" "$base"
printf '%-58s %16s\n' "analyze --best-of 1000, Student-t(3) C" "$best"
printf '%-58s %16s\n' "  best-of-n above the baseline" "$((best - base))"
top=$(count analyze --model "$work/t3.json" --quantile 0.01 --format json)
printf '%-58s %16s\n' "  the top 1 % (a quantilizer) above the baseline" "$((top - base))"
twoBase=$(count analyze --model "$work/t3laplace.json" --format json)
twoBest=$(count analyze --model "$work/t3laplace.json" --best-of 1000 --format json)
printf '%-58s %16s\n' "  best-of-1000 above its baseline, t(3) C beside Laplace D" "$((twoBest - twoBase))"
threeBase=$(count analyze --model "$work/normalt3laplace.json" --format json)
threeBest=$(count analyze --model "$work/normalt3laplace.json" --best-of 1000 --format json)
printf '%-58s %16s\n' "  best-of-1000 above its baseline, normal + t(3) + Laplace" "$((threeBest - threeBase))"
lnBase=$(count analyze --model "$work/lognormal.json" --format json)
lnBest=$(count analyze --model "$work/lognormal.json" --best-of 1000 --format json)
printf '%-58s %16s\n' "  best-of-1000 above its baseline, lognormal C beside normal" "$((lnBest - lnBase))"
lapBase=$(count analyze --model "$work/laplace.json" --format json)
lapBest=$(count analyze --model "$work/laplace.json" --best-of 1000 --format json)
printf '%-58s %16s\n' "  best-of-1000 above its baseline, Laplace C beside normal" "$((lapBest - lapBase))"
printf '%-58s %16s\n' "regime, Student-t(3) C" "$(count regime --model "$work/t3.json" --format json)"
printf '%-58s %16s\n' "sweep 50 x 50 goodhart_gap (cheap-persuasion)" "$(count sweep --spec "$work/gap.json" --quiet)"
