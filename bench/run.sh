#!/usr/bin/env bash
# Registration benchmark: one node over REST vs raw embedded Derby, in one run. See docs/benchmarks.md.
#   bench/run.sh [-Dbench.seconds=20] [-Dbench.warmup=5] [-Dbench.concurrency=8,16,32] [-Dbench.profile=true]
# Results: printed, and written to bench/results/<UTC timestamp>.md (git-ignored).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
TARBALL="karaf-assembly/target/nsoz-karaf-assembly-0.1.0-SNAPSHOT.tar.gz"

if [ ! -f "$TARBALL" ]; then
  echo "[run.sh] no distribution at $TARBALL: building the product (install, tests skipped, no itests)"
  mvn -B -q -DskipTests install -pl '!itests'
fi
# The bench module and what it needs (API, store); also writes bench/target/classpath.txt.
# Another build in the same tree may race with this one: retry once.
mvn -B -q -o -pl bench -am package -DskipTests || { sleep 10; mvn -B -q -o -pl bench -am package -DskipTests; }

if [ -z "${JAVA_HOME:-}" ]; then
  JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
  export JAVA_HOME
fi
exec "$JAVA_HOME/bin/java" -Xms256m -Xmx1g \
  -cp "bench/target/classes:$(cat bench/target/classpath.txt)" \
  -Dbench.root="$ROOT" -Dbench.tarball="$ROOT/$TARBALL" \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  "$@" ua.gov.nsoz.bench.RegistrationBench
