#!/usr/bin/env bash
# Rewrites the golden outputs from the current build. Run only after a deliberate change of the
# sampling streams or the printed format, and say so in the commit message.
set -euo pipefail
cd "$(dirname "$0")"
binary=${1:-../../../.build/debug/goodhart}
while IFS=$'\t' read -r file arguments; do
  # shellcheck disable=SC2086
  "$binary" $arguments > "$file"
done < cases.txt
