#!/bin/sh
# Site page render time for a site with many stored results (docs/benchmarks.md).
#
#   bench/render.sh [RESULTS] [ITERATIONS]      default: 10000 results, 200 iterations
#
# Seeds an embedded store in a temporary directory with RESULTS runs spread over the grading
# window, then times the site page route (store read, grading, HTML and SVG) after a warm-up.
# Needs Maven and the dependencies in ~/.m2 (a previous build); builds the test classes itself.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
cp_file=$(mktemp)
trap 'rm -f "$cp_file"' EXIT
mvn -q -o -pl collector -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file"
cp="collector/target/test-classes:collector/target/classes:common/target/classes:proto/target/classes:$(cat "$cp_file")"
exec java -Xmx512m -cp "$cp" io.netready.collector.bench.SitePageRenderBench "$@"
