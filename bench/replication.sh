#!/usr/bin/env bash
# Replication benchmark: center + two regions of the real distribution (launcher), lag at a steady rate and
# catch-up of a backlog after a partition. See docs/benchmarks.md.
#   bench/replication.sh [-Dbench.rate=500] [-Dbench.seconds=60] [-Dbench.warmup=20] [-Dbench.backlog=100000]
#                        [-Dbench.offset=30000]
# Results: printed, and written to bench/results/replication-<UTC timestamp>.md (git-ignored).
. "$(dirname "$0")/lib.sh"
bench_distribution
bench_lock replication
LIB="bench/target/replication-lib"
# The bench and the modules it runs, packaged from this tree.
bench_package -am
bench_private_lib "$LIB"
bench_java_home
exec "$JAVA_HOME/bin/java" -Xms128m -Xmx512m -cp "$LIB/*" \
  -Dbench.root="$ROOT" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  "$@" ua.gov.nsoz.bench.ReplicationBench
