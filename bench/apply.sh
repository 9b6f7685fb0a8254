#!/usr/bin/env bash
# Catch-up at the center, in one process: the center's ExchangeGatewayImpl.receiveAll over a real embedded Derby
# store, fed a region's exchange documents in batches of 500. See docs/benchmarks.md ("Applying at the center").
#   bench/apply.sh [-Dbench.count=100000] [-Dbench.warmupDocs=20000] [-Dbench.batch=500] [-Dbench.threads=1]
#                  [-Dbench.jfr=true]
# Documents are generated once per size into bench/target/apply/docs-<n>.bin.gz (a region registers them: a few
# minutes) and reused; the center's database is made anew on every run.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
LIB="bench/target/apply/lib"
# The bench and the modules it runs (api, store, exchange, sync, core), packaged from this tree.
# Another build in the same tree may race with this one: retry once.
mvn -B -q -o -pl bench -am package -DskipTests || { sleep 10; mvn -B -q -o -pl bench -am package -DskipTests; }
# Private copies of the jars, so that a rebuild in the shared tree cannot change them under the running JVM.
rm -rf "$LIB"; mkdir -p "$LIB"
tr ':' '\n' < bench/target/classpath.txt | grep -v '^$' | xargs -I{} cp {} "$LIB/"
cp bench/target/nsoz-bench-*.jar "$LIB/"
if [ -z "${JAVA_HOME:-}" ]; then
  JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
  export JAVA_HOME
fi
# Generating the documents is not what is measured: the region's Derby then need not sync every commit.
"$JAVA_HOME/bin/java" -Xmx2g -cp "$LIB/*" -Dbench.root="$ROOT" -Dderby.system.durability=test \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn "$@" ua.gov.nsoz.bench.ApplyBench generate
exec "$JAVA_HOME/bin/java" -Xms1g -Xmx3g -cp "$LIB/*" -Dbench.root="$ROOT" \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn "$@" ua.gov.nsoz.bench.ApplyBench
