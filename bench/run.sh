#!/usr/bin/env bash
# Registration benchmark: one node over REST vs raw embedded Derby, in one run. See docs/benchmarks.md.
#   bench/run.sh [-Dbench.seconds=20] [-Dbench.warmup=5] [-Dbench.firstWarmup=90]
#                [-Dbench.concurrency=8,16,32] [-Dbench.profile=true] [-Dbench.keepNode=true]
#                [-Dbench.campaign=100000 [-Dbench.rounds=2]]   (issue #12: a campaign of identical texts)
# Results: printed, and written to bench/results/<UTC timestamp>.md (git-ignored).
. "$(dirname "$0")/lib.sh"
RUN="bench/target/run"

bench_distribution
# The bench module and what it compiles against (API, store).
bench_package -am

# Run from private copies, so that a rebuild in the shared tree during the run cannot change a jar or
# the distribution under the running JVMs. The API and store jars are the node's own, taken from the
# distribution: raw Derby then runs exactly the store code the node runs.
rm -rf "$RUN"
bench_private_lib "$RUN/lib" "^$ROOT/bundles/"
mkdir -p "$RUN/x"
for attempt in 1 2 3; do
  if cp -p "$TARBALL" "$RUN/nsoz.tar.gz" && gzip -t "$RUN/nsoz.tar.gz" 2>/dev/null; then break; fi
  [ "$attempt" = 3 ] && { echo "[run.sh] cannot copy an intact $TARBALL" >&2; exit 1; }
  echo "[run.sh] $TARBALL is being rebuilt; retrying in 15 s"; sleep 15
done
tar -xzf "$RUN/nsoz.tar.gz" -C "$RUN/x" --wildcards \
  '*/system/ua/gov/nsoz/ua.gov.nsoz.api/*.jar' '*/system/ua/gov/nsoz/ua.gov.nsoz.store/*.jar'
find "$RUN/x" -name '*.jar' -exec mv {} "$RUN/lib/" \;
rm -rf "$RUN/x"

bench_java_home
exec "$JAVA_HOME/bin/java" -Xms256m -Xmx1g -cp "$RUN/lib/*" \
  -Dbench.root="$ROOT" -Dbench.tarball="$ROOT/$RUN/nsoz.tar.gz" -Dbench.distribution="$ROOT/$TARBALL" \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  "$@" ua.gov.nsoz.bench.RegistrationBench
