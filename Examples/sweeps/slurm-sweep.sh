#!/usr/bin/env bash
# A sweep split across a Slurm job array: task i of N computes shard i/N of the grid, and the
# last step joins the shards into one CSV whose data rows are byte for byte those of one run.
#
#   sbatch --array=1-20 Examples/sweeps/slurm-sweep.sh Examples/sweeps/gap-over-c.json out
#   # when every task has finished:
#   Examples/sweeps/slurm-sweep.sh --join out 20 > gap.csv
#
# Each task needs one node share: a sweep point uses the cores it is given (set
# --cpus-per-task); build once with `swift build -c release` and point GOODHART at the binary.
#SBATCH --job-name=goodhart-sweep
#SBATCH --cpus-per-task=2
#SBATCH --time=01:00:00
#SBATCH --output=slurm-%A_%a.log
set -euo pipefail

GOODHART=${GOODHART:-.build/release/goodhart}

if [[ "${1:-}" == "--join" ]]; then
  folder=$2
  count=$3
  head -n 1 "$folder/shard-1-of-$count.csv"
  for ((i = 1; i <= count; i++)); do
    tail -n +2 "$folder/shard-$i-of-$count.csv"
  done
  exit 0
fi

spec=$1
folder=$2
index=${SLURM_ARRAY_TASK_ID:?run under sbatch --array=1-N}
count=${SLURM_ARRAY_TASK_COUNT:?run under sbatch --array=1-N}
mkdir -p "$folder"
"$GOODHART" sweep --spec "$spec" --shard "$index/$count" --quiet \
  --output "$folder/shard-$index-of-$count.csv"
