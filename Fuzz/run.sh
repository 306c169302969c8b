#!/usr/bin/env bash
# Fuzzes the model decoder and the analysis path with libFuzzer.
#   Fuzz/run.sh            10^6 executions (the hardening figure)
#   Fuzz/run.sh 20000      a short smoke run (CI)
# Seeds come from Fuzz/Corpus (committed); new inputs go to a scratch copy, never the repo.
# A crash leaves its reproducer in Fuzz/.build/crashes/ and exits non-zero: turn it into a test.
set -euo pipefail
cd "$(dirname "$0")"
runs=${1:-1000000}
swift build -c release --sanitize=fuzzer >/dev/null
work=.build/fuzz-corpus
mkdir -p "$work" .build/crashes
cp Corpus/* "$work"/
.build/release/ModelFuzzer "$work" -runs="$runs" -max_len=4096 -timeout=10 \
  -artifact_prefix=.build/crashes/ -print_final_stats=1 2>&1 | grep -E 'stat::|Done|ERROR|SUMMARY' 
