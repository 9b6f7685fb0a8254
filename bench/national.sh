#!/usr/bin/env bash
# 27 regions at the center: one real center node of the distribution (launcher) and 27 simulated regions that log in
# to its link acceptor as nsoz-link-<id> over mutual TLS and send what a region's bridge forwards. Lag at steady
# national rates, and the catch-up of a backlog queued while the center was down. See docs/benchmarks.md
# ("27 regions at the center") and docs/regions.md.
#   bench/national.sh [-Dbench.rates=100,200,400,800] [-Dbench.seconds=60] [-Dbench.warmup=60]
#                     [-Dbench.warmupRate=100] [-Dbench.backlog=4000] [-Dbench.txSize=500]
#                     [-Dbench.steadyP99Millis=2000] [-Dbench.offset=32000] [-Dbench.centerHeap=1536M]
# Results: printed, and written to bench/results/national-<UTC timestamp>.md (git-ignored). About 15-20 min.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
TARBALL="karaf-assembly/target/nsoz-karaf-assembly-0.1.0-SNAPSHOT.tar.gz"
if [ ! -f "$TARBALL" ]; then
  echo "[national.sh] no distribution at $TARBALL: building the product (install, tests skipped, no itests)"
  mvn -B -q -DskipTests install -pl '!itests'
fi
mkdir -p bench/target
# One run at a time: a second one would delete the first one's instances (the lock goes with the JVM below).
exec 9>bench/target/national.lock
flock -n 9 || { echo "[national.sh] another run holds bench/target/national.lock" >&2; exit 1; }
LIB="bench/target/national-lib"
# The bench alone, against the modules installed by the distribution's build (-am would rebuild them in a tree that
# others may be building); another build in the same tree may race with this one: retry once.
mvn -B -q -o -pl bench package -DskipTests || { sleep 10; mvn -B -q -o -pl bench package -DskipTests; }
# Private copies of the jars, so that a rebuild in the shared tree cannot change them under the running JVM.
rm -rf "$LIB"; mkdir -p "$LIB"
tr ':' '\n' < bench/target/classpath.txt | grep -v '^$' | xargs -I{} cp {} "$LIB/"
cp bench/target/nsoz-bench-*.jar "$LIB/"
if [ -z "${JAVA_HOME:-}" ]; then
  JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
  export JAVA_HOME
fi
exec "$JAVA_HOME/bin/java" -Xms256m -Xmx1g -cp "$LIB/*" -Dbench.root="$ROOT" \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn "$@" ua.gov.nsoz.bench.NationalBench
