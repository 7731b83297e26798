#!/usr/bin/env bash
# Spark's cost per falsification round: the same falsify run (default: a property whose trials need no training, so
# that a trial costs next to nothing and a round's time is the engine's) with --engine local and with --engine spark
# --master local[2], alternating. Prints per run: search and whole-process wall seconds, CPU seconds and, on Spark,
# its jobs (one per random batch, CMA-ES generation or shrink chunk) and the seconds inside them. Needs the -Pspark
# build. Usage: examples/properties/falsify-overhead.sh [PROP.json [BUDGET]]; REPS=n repetitions (default 3).
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
prop="${1:-}"
if [ -z "$prop" ]; then
  prop="$tmp/planted.json"   # the property of SparkFalsifyTest: found by CMA-ES, then shrunk
  cat >"$prop" <<'P'
{"name": "planted", "space": {"labelScale": [0, 1], "lengthScale": [0.01, 1], "clip": [0, 1]},
 "measure": "(labelScale - 0.737)^2 + (lengthScale - 0.41)^2 + (clip - 0.23)^2", "holds": ">= 0.0016"}
P
fi
budget="${2:-200}"
run() {  # label, then falsify options
  local label="$1"; shift
  /usr/bin/time -f "%e %U %S" -o "$tmp/time" "$root/bin/depthlimit" falsify "$prop" --budget "$budget" --seed 1 \
    --out "$tmp/out" --no-progress "$@" >"$tmp/log" || true
  read -r wall user sys < <(tail -1 "$tmp/time")   # the first line may be "Command exited with non-zero status 1"
  echo "$label trials=$(($(wc -l <"$tmp/out/trials.csv") - 1)) search_s=$(grep -oE 'trials in [0-9.]+ s' "$tmp/log" | grep -oE '[0-9.]+ s' | tr -d ' s')" \
    "wall_s=$wall cpu_s=$(echo "$user + $sys" | bc) $(grep '^spark: ' "$tmp/log" || true)"
}
for r in $(seq "${REPS:-3}"); do
  run "local-2threads " --engine local
  run "spark-local[2] " --engine spark --master 'local[2]'
done
