#!/usr/bin/env bash
# The cluster recipe of the README ("On a cluster") on a Spark standalone cluster emulated on this machine:
# master local-cluster[2,1,1024] (a standalone master, 2 workers, one executor JVM each, 1 core, 1 GiB), a
# "Spark installation" SPARK_HOME/jars holding spark-core_2.13 3.5.8 and its dependencies only (resolved by Maven
# from the local repository, as a Spark distribution ships them), the application jar copied alone to a directory
# without lib/ and its other dependencies shipped with --jars. The executors are separate JVMs started by the
# workers, with Spark's own flags (no --add-modules jdk.incubator.vector: they take the scalar kernels).
# Runs a sweep and a falsification that way and with --engine local, and compares the tables (seconds aside).
# Needs the -Pspark build (mvn -B -ntp -Pspark -DskipTests package) and the Maven repository it filled.
# Usage: examples/sweeps/standalone-cluster.sh [SWEEP.json [PROP.json]]
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)"
sweep="$(readlink -f "${1:-$root/examples/sweeps/lx-over-depth.json}")"
prop="$(readlink -f "${2:-$root/examples/properties/b-iid-init-regular.json}")"
[ -f "$root/target/depthlimit.jar" ] && ls "$root"/target/lib/spark-core_2.13-*.jar >/dev/null 2>&1 ||
  { echo "build with -Pspark first: mvn -B -ntp -Pspark -DskipTests package" >&2; exit 2; }
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
ver() { ls "$root"/target/lib/"$1"-[0-9]*.jar | head -1 | sed -E "s|.*/$1-(.*)\.jar|\1|"; }

# 1. SPARK_HOME/jars: spark-core's closure, with the versions this build resolved where the two meet
mkdir -p "$tmp/spark-home"
cat >"$tmp/spark-home/pom.xml" <<EOF
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
  <groupId>local</groupId><artifactId>spark-home</artifactId><version>1</version><packaging>pom</packaging>
  <dependencyManagement><dependencies>
    <dependency><groupId>com.fasterxml.jackson.core</groupId><artifactId>jackson-core</artifactId><version>$(ver jackson-core)</version></dependency>
    <dependency><groupId>com.fasterxml.jackson.core</groupId><artifactId>jackson-databind</artifactId><version>$(ver jackson-databind)</version></dependency>
    <dependency><groupId>com.fasterxml.jackson.core</groupId><artifactId>jackson-annotations</artifactId><version>$(ver jackson-annotations)</version></dependency>
    <dependency><groupId>org.apache.logging.log4j</groupId><artifactId>log4j-api</artifactId><version>$(ver log4j-api)</version></dependency>
    <dependency><groupId>com.esotericsoftware</groupId><artifactId>minlog</artifactId><version>$(ver minlog)</version></dependency>
    <dependency><groupId>org.objenesis</groupId><artifactId>objenesis</artifactId><version>$(ver objenesis)</version></dependency>
  </dependencies></dependencyManagement>
  <dependencies><dependency><groupId>org.apache.spark</groupId><artifactId>spark-core_2.13</artifactId>
    <version>$(ver spark-core_2.13)</version></dependency></dependencies>
</project>
EOF
(cd "$tmp/spark-home" && mvn -B -ntp -o org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies \
   -DoutputDirectory="$tmp/spark-home/jars" >"$tmp/mvn.log" 2>&1) || { tail -20 "$tmp/mvn.log" >&2; exit 3; }
echo "SPARK_HOME/jars: $(ls "$tmp/spark-home/jars" | wc -l) jars"

# 2. the recipe of the README
mkdir -p "$tmp/ship" && cp "$root/target/depthlimit.jar" "$tmp/ship/"
jars=$(ls "$root"/target/lib/*.jar | grep -v -e spark- -e scala- -e hadoop- | paste -sd,)
opens=$(unzip -p "$root/target/depthlimit.jar" META-INF/MANIFEST.MF | tr -d '\r' |
  awk '/^Add-Opens:/{s=substr($0,12); c=1; next} c && /^ /{s=s substr($0,2); next} {c=0} END{print s}' |
  tr ' ' '\n' | grep . | sed 's/.*/--add-opens=&=ALL-UNNAMED/' | paste -sd' ')
submit() {  # what bin/spark-submit --master local-cluster[2,1,1024] --deploy-mode client ... runs
  SPARK_HOME="$tmp/spark-home" SPARK_SCALA_VERSION=2.13 java $opens -cp "$tmp/spark-home/jars/*" \
    org.apache.spark.deploy.SparkSubmit --master 'local-cluster[2,1,1024]' --deploy-mode client \
    --class depthlimit.cli.Main --jars "$jars" "$tmp/ship/depthlimit.jar" "$@"
}
strip() { sed -E 's/,[^,]*$//' "$1"; }   # results.csv without its last column (seconds)

cd "$tmp"
"$root/bin/depthlimit" sweep "$sweep" --out local-sweep --no-progress | tail -2
t0=$(date +%s.%N)
submit sweep "$sweep" --engine spark --out cluster-sweep --no-progress 2>cluster-sweep.err | tail -2 || true
echo "cluster sweep: $(echo "$(date +%s.%N) - $t0" | bc) s wall (workers, executors and Spark included)"
ls spark-home/work/*/*/stderr >/dev/null 2>&1 && echo "executor JVMs: $(ls -d spark-home/work/*/* | wc -l)"
if diff <(strip local-sweep/results.csv) <(strip cluster-sweep/results.csv) >sweep.diff; then
  echo "sweep: results.csv identical ($(($(wc -l <local-sweep/results.csv) - 1)) trials, seconds aside)"
else echo "sweep: results.csv DIFFERS"; head -20 sweep.diff; fi

"$root/bin/depthlimit" falsify "$prop" --budget 12 --seed 3 --out local-falsify --no-progress | tail -1 || true
submit falsify "$prop" --budget 12 --seed 3 --engine spark --out cluster-falsify --no-progress 2>cluster-falsify.err | tail -1 || true
# trials.csv: phase,run,…,status,margin,value,seconds,reason,…: drop the seconds column (4th after the status)
cut_seconds() { python3 -c 'import csv,sys
r=list(csv.reader(open(sys.argv[1]))); i=r[0].index("seconds")
for row in r: print(",".join(row[:i]+row[i+1:]))' "$1"; }
if diff <(cut_seconds local-falsify/trials.csv) <(cut_seconds cluster-falsify/trials.csv) >falsify.diff; then
  echo "falsify: trials.csv identical ($(($(wc -l <local-falsify/trials.csv) - 1)) trials, seconds aside)"
else echo "falsify: trials.csv DIFFERS"; head -20 falsify.diff; fi
