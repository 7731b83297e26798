#!/usr/bin/env bash
# Throughput of the sweep engines on the same sweep (default: cheap-512.json), alternating runs so that the load of
# a shared machine falls on both alike. Needs a -Pspark build (mvn -B -ntp -Pspark -DskipTests package).
# Prints, per run: engine, batch, seconds spent evaluating, wall seconds and CPU seconds (user + system) of the
# whole process (JVM and Spark start included), and on Spark its jobs and the seconds spent inside them. On a loaded
# machine the wall times are noise; CPU seconds less so. REPS=n repetitions (default 3).
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)"
spec="${1:-$root/examples/sweeps/cheap-512.json}"
reps="${REPS:-3}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
run() {  # label, then sweep options
  local label="$1"; shift
  local line cpu
  /usr/bin/time -f "%e %U %S" -o "$tmp/time" "$root/bin/depthlimit" sweep "$spec" --out "$tmp/out" --fresh "$@" >"$tmp/log"
  line=$(grep ' evaluated in ' "$tmp/log")
  read -r wall user sys <"$tmp/time"
  echo "$label eval_s=$(echo "$line" | sed -E 's/.* evaluated in ([0-9.]+) s.*/\1/') wall_s=$wall cpu_s=$(echo "$user + $sys" | bc)" \
    "$(grep '^spark: ' "$tmp/log" || true)"
}
for r in $(seq "$reps"); do
  run "local-2threads batch=256" --threads 2 --batch 256
  run "spark-local[2] batch=256" --engine spark --master 'local[2]' --batch 256
  run "spark-local[2] batch=32 " --engine spark --master 'local[2]' --batch 32
done
