#!/usr/bin/env bash
# Replication benchmark: center + two regions of the real distribution (launcher), lag at a steady rate and
# catch-up of a backlog after a partition. See docs/benchmarks.md.
#   bench/replication.sh [-Dbench.rate=500] [-Dbench.seconds=60] [-Dbench.warmup=20] [-Dbench.backlog=100000]
#                        [-Dbench.offset=30000]
# Results: printed, and written to bench/results/replication-<UTC timestamp>.md (git-ignored).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
TARBALL="karaf-assembly/target/nsoz-karaf-assembly-0.1.0-SNAPSHOT.tar.gz"
if [ ! -f "$TARBALL" ]; then
  echo "[replication.sh] no distribution at $TARBALL: building the product (install, tests skipped, no itests)"
  mvn -B -q -DskipTests install -pl '!itests'
fi
mvn -B -q -o -pl bench -am package -DskipTests
if [ -z "${JAVA_HOME:-}" ]; then
  JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
  export JAVA_HOME
fi
exec "$JAVA_HOME/bin/java" -Xms128m -Xmx512m -cp "bench/target/classes:$(cat bench/target/classpath.txt)" \
  -Dbench.root="$ROOT" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  "$@" ua.gov.nsoz.bench.ReplicationBench
