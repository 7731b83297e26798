#!/usr/bin/env bash
# Kill matrix of the seeded math bugs in mutants/*.patch (see mutants/README.md).
#
# For the unmutated tree (baseline) and then for each patch: copies the repository (working tree, without target/
# and .git) to a scratch directory, applies the patch there, runs the tests with Maven and, unless --no-check,
# `depthlimit check --scale ci --out <scratch>/<mutant>/check` on the mutated classes. The working tree is never modified. Prints a Markdown
# table: mutant → tests that fail (and did not fail on the baseline) → claim verdicts that differ from the baseline.
#
# Usage: mutants/kill-matrix.sh [--tests PATTERN] [--no-check] [--claims auto|all|ID,ID] [--only NN,NN]
#                               [--jobs N] [--keep] [--out FILE]
#   --tests PATTERN  surefire -Dtest pattern (default: the whole default suite, as `mvn -B -ntp test`)
#   --no-check       do not run `check`
#   --claims         auto: the claims listed on the `# claims:` line of each patch (default); all: every claim;
#                    or a comma-separated list of claim ids for every mutant
#   --only NN,NN     run only the mutants whose file name starts with these prefixes (e.g. --only 01,16)
#   --jobs N         mutants evaluated concurrently (default 1; each needs a JVM for Maven and one for check)
#   --keep           keep the scratch directories (default: deleted)
#   --out FILE       also write the Markdown matrix to FILE
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
tests="" check=1 claims=auto only="" jobs=1 keep=0 out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --tests) tests="${2:?--tests: expected a surefire pattern}"; shift 2 ;;
    --no-check) check=0; shift ;;
    --claims) claims="${2:?--claims: expected auto, all or a list of claim ids}"; shift 2 ;;
    --only) only="${2:?--only: expected mutant number prefixes, e.g. 01,16}"; shift 2 ;;
    --jobs) jobs="${2:?--jobs: expected a positive integer}"; shift 2 ;;
    --keep) keep=1; shift ;;
    --out) out="${2:?--out: expected a file}"; shift 2 ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) echo "kill-matrix: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
[[ "$jobs" =~ ^[1-9][0-9]*$ ]] || { echo "kill-matrix: --jobs: expected a positive integer, got $jobs" >&2; exit 2; }

scratch="$(mktemp -d "${TMPDIR:-/tmp}/kill-matrix.XXXXXX")"
[ "$keep" = 1 ] || trap 'rm -rf "$scratch"' EXIT
echo "kill-matrix: scratch directory $scratch" >&2

patches=()
for p in "$root"/mutants/*.patch; do
  b="$(basename "$p" .patch)"
  if [ -n "$only" ]; then
    keepit=0
    IFS=, read -ra pre <<<"$only"
    for x in "${pre[@]}"; do [[ "$b" == "$x"* ]] && keepit=1; done
    [ "$keepit" = 1 ] || continue
  fi
  patches+=("$p")
done
[ ${#patches[@]} -gt 0 ] || { echo "kill-matrix: no patch selected" >&2; exit 2; }

# The baseline is a scratch copy built once with Maven (package + test-compile). Each mutant is a copy of that
# build in which only the patched source files are recompiled with javac (the mutants change method bodies, never
# an inlined constant), then the tests run with `mvn surefire:test` (no lifecycle, so no full recompile) and
# `check` with the compiled classes: minutes per mutant instead of a full build on a loaded machine.
classpath() { echo "$1/target/classes:$1/target/lib/*"; }

run_tests_and_check() { # $1 = name, $2 = repo dir, $3 = patch or none
  local name="$1" repo="$2" patch="$3" dir res="$scratch/results" claimargs=() testargs=()
  dir="$(dirname "$repo")"
  [ -n "$tests" ] && testargs=("-Dtest=$tests" -DfailIfNoTests=false -Dsurefire.failIfNoSpecifiedTests=false)
  local t0=$SECONDS
  rm -rf "$repo/target/surefire-reports"
  (cd "$repo" && nice -n 10 mvn -B -ntp -o surefire:test "${testargs[@]}" >"$dir/mvn.log" 2>&1) || true
  if grep -q "Tests run:" "$dir/mvn.log"; then echo "ran (tests $((SECONDS - t0)) s" >"$res/$name.status"
  else echo "maven failed (see $dir/mvn.log)" >"$res/$name.status"; fi
  python3 - "$repo/target/surefire-reports" >"$res/$name.tests" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
bad = set()
for f in glob.glob(sys.argv[1] + "/TEST-*.xml"):
    for tc in ET.parse(f).getroot().iter("testcase"):
        if tc.find("failure") is not None or tc.find("error") is not None:
            bad.add(tc.get("classname", "").rsplit(".", 1)[-1] + "." + tc.get("name", "").split("(")[0].split("[")[0])
print("\n".join(sorted(bad)))
PY
  : >"$res/$name.verdicts"
  if [ "$check" = 1 ]; then
    case "$claims" in
      all) ;;
      auto) if [ "$patch" = none ]; then
              for c in $(cat $PATCHES | sed -n 's/^# claims: *//p' | tr ', ' '\n\n' | grep -vx none | sort -u); do claimargs+=(--claim "$c"); done
            else
              for c in $(sed -n 's/^# claims: *//p' "$patch" | tr ', ' '\n\n' | grep -vx none); do claimargs+=(--claim "$c"); done
            fi ;;
      *) for c in ${claims//,/ }; do claimargs+=(--claim "$c"); done ;;
    esac
    local t1=$SECONDS
    # a mutant whose `# claims:` line is `none` changes no claim's measurement: check is not run for it
    if [ "$claims" = auto ] && [ "$patch" != none ] && [ ${#claimargs[@]} -eq 0 ]; then
      sed -i 's/$/, check not run: no claim/' "$res/$name.status"
    else
      (cd "$repo" && nice -n 10 java -XX:G1HeapRegionSize=32m --add-modules jdk.incubator.vector -cp "$(classpath "$repo")" depthlimit.cli.Main \
          check --scale ci "${claimargs[@]}" --out "$dir/check" >"$dir/check.log" 2>&1) || true
      sed -nE 's/^([a-z0-9][A-Za-z0-9._-]+) +(CONFIRMED|NOT CONFIRMED|INCONCLUSIVE) +[0-9.]+ .*/\1=\2/p' "$dir/check.log" \
        >"$res/$name.verdicts"
      sed -i "s/\$/, check $((SECONDS - t1)) s/" "$res/$name.status"
    fi
  fi
  sed -i 's/$/)/; s/^\(maven failed.*\))$/\1/' "$res/$name.status"
  echo "kill-matrix: $name: $(cat "$res/$name.status"), $(grep -c . "$res/$name.tests" || true) failing tests" >&2
}

baseline() {
  local dir="$scratch/00-baseline"
  mkdir -p "$dir/repo" "$scratch/results"
  (cd "$root" && tar --exclude=./target --exclude=./.git --exclude=./property-tests/target -cf - .) | tar -xf - -C "$dir/repo"
  echo "kill-matrix: building the baseline copy" >&2
  (cd "$dir/repo" && nice -n 10 mvn -B -ntp -o -DskipTests package test-compile >"$dir/build.log" 2>&1) \
    || { echo "kill-matrix: the baseline does not build (see $dir/build.log)" >&2; exit 3; }
  run_tests_and_check 00-baseline "$dir/repo" none
}

# one mutant: $1 = patch file
evaluate() {
  local patch="$1" name dir res="$scratch/results" proto="$scratch/00-baseline/repo" files
  name="$(basename "$patch" .patch)"; dir="$scratch/$name"
  mkdir -p "$dir/repo"
  (cd "$proto" && tar --exclude=./target/lib --exclude=./target/surefire-reports -cf - .) | tar -xf - -C "$dir/repo"
  ln -s "$proto/target/lib" "$dir/repo/target/lib"
  if ! (cd "$dir/repo" && git apply --unsafe-paths "$patch" 2>"$dir/apply.log"); then
    echo "patch does not apply" >"$res/$name.status"; : >"$res/$name.tests"; : >"$res/$name.verdicts"; return 0
  fi
  files="$(sed -n 's|^diff --git a/\(src/main/java/[^ ]*\.java\) .*|\1|p' "$patch")"
  if ! (cd "$dir/repo" && javac --release 17 --add-modules jdk.incubator.vector -implicit:none -nowarn -cp "$(classpath "$dir/repo")" -d target/classes \
        $files >"$dir/javac.log" 2>&1); then
    echo "compilation error" >"$res/$name.status"; : >"$res/$name.tests"; : >"$res/$name.verdicts"; return 0
  fi
  run_tests_and_check "$name" "$dir/repo" "$patch"
}
export -f evaluate run_tests_and_check classpath
export scratch root tests check claims
export PATCHES="${patches[*]}"

start=$(date -u +%FT%TZ)
baseline
printf '%s\n' "${patches[@]}" | xargs -P "$jobs" -I{} bash -c 'evaluate "$1"' _ {}

# the Markdown matrix
res="$scratch/results"
{
  echo "Kill matrix ($start → $(date -u +%FT%TZ); tests: ${tests:-whole default suite}; check: $([ "$check" = 1 ] && echo "--scale ci, claims $claims" || echo "not run"); $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg))"
  echo
  echo "Baseline: $(cat "$res/00-baseline.status"); failing tests: $(paste -sd' ' "$res/00-baseline.tests" | sed 's/^$/none/')"
  echo
  echo "| mutant | status | failing tests (new w.r.t. baseline) | flipped verdicts (baseline → mutant) | killed |"
  echo "|---|---|---|---|---|"
  killed=0 total=0
  for p in "${patches[@]}"; do
    n="$(basename "$p" .patch)"; total=$((total + 1))
    newfail="$(comm -13 <(sort "$res/00-baseline.tests") <(sort "$res/$n.tests") | paste -sd' ' | sed 's/ /, /g')"
    flips="$(join -t= <(sort "$res/00-baseline.verdicts") <(sort "$res/$n.verdicts") | awk -F= '$2 != $3 {printf "%s%s: %s → %s", (n++ ? ", " : ""), $1, $2, $3}')"
    st="$(cat "$res/$n.status")"
    k=no
    if [ "$st" = "compilation error" ] || [ "$st" = "patch does not apply" ]; then k="invalid"
    elif [ -n "$newfail" ] || [ -n "$flips" ]; then k=yes; killed=$((killed + 1)); fi
    echo "| $n | $st | ${newfail:-none} | ${flips:-none} | $k |"
  done
  echo
  echo "Killed: $killed / $total"
} | tee "${out:-/dev/null}"
