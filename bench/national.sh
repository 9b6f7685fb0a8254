#!/usr/bin/env bash
# 27 regions at the center: one real center node of the distribution (launcher) and 27 simulated regions that log in
# to its link acceptor as nsoz-link-<id> over mutual TLS and send what a region's bridge forwards. Lag at steady
# national rates, and the catch-up of a backlog queued while the center was down. See docs/benchmarks.md
# ("27 regions at the center") and docs/regions.md.
#   bench/national.sh [-Dbench.rates=100,200,400,800] [-Dbench.seconds=60] [-Dbench.warmup=60]
#                     [-Dbench.warmupRate=100] [-Dbench.backlog=4000] [-Dbench.txSize=500]
#                     [-Dbench.steadyP99Millis=2000] [-Dbench.offset=32000] [-Dbench.centerHeap=1536M]
# Results: printed, and written to bench/results/national-<UTC timestamp>.md (git-ignored). About 15-20 min.
. "$(dirname "$0")/lib.sh"
bench_distribution
bench_lock national
LIB="bench/target/national-lib"
# The bench alone, against the modules installed by the distribution's build (-am would rebuild them in a tree that
# others may be building).
bench_package
bench_private_lib "$LIB"
bench_java_home
exec "$JAVA_HOME/bin/java" -Xms256m -Xmx1g -cp "$LIB/*" -Dbench.root="$ROOT" \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn "$@" ua.gov.nsoz.bench.NationalBench
