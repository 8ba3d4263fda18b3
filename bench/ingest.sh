#!/bin/sh
# Ingest benchmark (issue 5): 500 simulated agents submit results to an in-process collector at a
# fixed total rate, against the embedded database and against a PostgreSQL server (Debian's
# postgresql package, a throwaway cluster with fsync on, started and removed by the benchmark).
#
#   bench/ingest.sh [AGENTS] [RATE/s] [SECONDS] [DBS] [no-report|report]
#                   default: 500 2000 20 "embedded postgres" no-report (uploads as the daemon sends
#                   them; `report` asks every answer for the site's grade, as `netready probe` does)
#
# Needs: mvn (offline is fine after one build), postgresql for the PostgreSQL run. Prints one JSON
# line of load figures and one of the save/report cost per database.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
AGENTS=${1:-500}
RATE=${2:-2000}
SECONDS_=${3:-20}
DBS=${4:-embedded postgres}
REPORT=${5:-no-report}
cd "$top"
cp=$(mktemp)
trap 'rm -f "$cp"' EXIT
mvn -B -q -o -pl collector -am test-compile dependency:build-classpath -Dmdep.outputFile="$cp" \
  -Dmdep.includeScope=test >/dev/null
for db in $DBS; do
  java -Xmx1g ${JAVA_OPTS:-} \
    -cp "collector/target/test-classes:collector/target/classes:common/target/classes:proto/target/classes:$(cat "$cp")" \
    io.netready.collector.bench.IngestBench "$db" "$AGENTS" "$RATE" "$SECONDS_" "$REPORT" 2>"${LOG:-/tmp/netready-ingest}-$db.log"
done
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p')" >&2
