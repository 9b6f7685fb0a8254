#!/usr/bin/env bash
# Catch-up at the center, in one process: the center's ExchangeGatewayImpl.receiveAll over a real embedded Derby
# store, fed a region's exchange documents in batches of 500. See docs/benchmarks.md ("Applying at the center").
#   bench/apply.sh [-Dbench.count=100000] [-Dbench.warmupDocs=20000] [-Dbench.batch=500] [-Dbench.threads=1]
#                  [-Dbench.jfr=true]
# Documents are generated once per size into bench/target/apply/docs-<n>.bin.gz (a region registers them: a few
# minutes) and reused; the center's database is made anew on every run.
. "$(dirname "$0")/lib.sh"
LIB="bench/target/apply/lib"
# The bench and the modules it runs (api, store, exchange, sync, core), packaged from this tree.
bench_package -am
bench_private_lib "$LIB"
bench_java_home
# Generating the documents is not what is measured: the region's Derby then need not sync every commit.
"$JAVA_HOME/bin/java" -Xmx2g -cp "$LIB/*" -Dbench.root="$ROOT" -Dderby.system.durability=test \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn "$@" ua.gov.nsoz.bench.ApplyBench generate
exec "$JAVA_HOME/bin/java" -Xms1g -Xmx3g -cp "$LIB/*" -Dbench.root="$ROOT" \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn "$@" ua.gov.nsoz.bench.ApplyBench
