#!/bin/sh
# Spool benchmark (issue 6): put() latency (temp file, fsync, rename, directory fsync) and the
# drain rate with pacing off into an in-process collector on loopback.
#
#   bench/spool.sh [DIR] [RESULTS]    default: /var/tmp 2000 (DIR must be on the disk the spool uses, not tmpfs)
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
DIR=${1:-/var/tmp}
N=${2:-2000}
cd "$top"
cp=$(mktemp)
work=$(mktemp -d "$DIR/netready-spool-bench.XXXXXX")
trap 'rm -rf "$cp" "$work"' EXIT
mvn -B -q -o -pl agent -am test-compile dependency:build-classpath -Dmdep.outputFile="$cp" \
  -Dmdep.includeScope=test >/dev/null
java ${JAVA_OPTS:-} \
  -cp "agent/target/test-classes:agent/target/classes:collector/target/classes:common/target/classes:proto/target/classes:$(cat "$cp")" \
  io.netready.agent.spool.SpoolBench "$work" "$N" 2>"${LOG:-/tmp/netready-spool-bench.log}"
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), $(df -T "$DIR" | awk 'NR==2 {print $2}') on $DIR" >&2
