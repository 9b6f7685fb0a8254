#!/usr/bin/env bash
# Analysis benchmark (issue #14): N synthetic appeals' facts bulk-loaded into a fresh embedded Derby database,
# the aggregates rebuilt, then every statistics query timed, cold and warm. See docs/benchmarks.md,
# "Analysis at 10,000,000 appeals (issue #14)".
#   bench/analytics.sh [N=10000000] [DIR=/tmp/nsoz-an-bench] [ROUNDS=20] [WARMUP=5]
#   bench/analytics.sh query [DIR] [ROUNDS] [WARMUP]   (only the queries, against a database kept by KEEP=1)
#   env: HEAP (default 3g), KEEP=1 to keep the database afterwards (it is deleted otherwise).
# Needs about 3 GB of disk per million appeals in DIR during the load (CSV + database + rebuild files in java.io.tmpdir).
. "$(dirname "$0")/lib.sh"
ONLY_QUERY=0
if [ "${1:-}" = query ]; then ONLY_QUERY=1; shift; set -- 0 "$@"; fi
N="${1:-10000000}"
DIR="${2:-/tmp/nsoz-an-bench}"
ROUNDS="${3:-20}"
WARMUP="${4:-5}"
HEAP="${HEAP:-3g}"
MOD="$ROOT/bundles/ua.gov.nsoz.analytics"
RUN="$ROOT/bench/target/analytics"

cd "$MOD"
# Compile the module and its test classes (BulkFacts is a test class); retry once if another build races.
bench_retry_once mvn -o -q test-compile
mvn -o -q dependency:build-classpath -Dmdep.outputFile="$RUN.cp" -Dmdep.includeScope=test >/dev/null
# Run from private copies, so that a rebuild in the shared tree cannot change classes under the JVMs.
rm -rf "$RUN"; mkdir -p "$RUN"
cp -r target/classes "$RUN/classes"; cp -r target/test-classes "$RUN/test-classes"
mkdir -p "$RUN/lib"; tr ':' '\n' < "$RUN.cp" | while read -r jar; do [ -n "$jar" ] && cp "$jar" "$RUN/lib/"; done
CP="$RUN/classes:$RUN/test-classes:$RUN/lib/*"

if [ "$ONLY_QUERY" = 0 ]; then
  rm -rf "$DIR"; mkdir -p "$DIR/tmp"
  trap '[ "${KEEP:-0}" = 1 ] || rm -rf "$DIR"' EXIT
fi
JAVA="java -Xmx$HEAP -Djava.io.tmpdir=$DIR/tmp -cp $CP"

echo "## Analysis benchmark: $([ "$ONLY_QUERY" = 1 ] && echo "queries on $DIR" || echo "$N appeals"), $(date -u +%FT%TZ)"
echo
echo "Machine: $(nproc) CPUs ($(lscpu | sed -n 's/^Model name: *//p' | head -1)), $(free -g | awk '/Mem:/{print $2}') GB RAM;"\
  "load average before: $(cut -d' ' -f1-3 /proc/loadavg); $(java -version 2>&1 | head -1); heap -Xmx$HEAP; $(df -h "$DIR" | awk 'NR==2{print $1" ("$2")"}')"
echo
if [ "$ONLY_QUERY" = 0 ]; then
  echo "### Load"
  echo
  $JAVA ua.gov.nsoz.analytics.internal.BulkFacts load "$N" "$DIR" | grep -E "^\|"
  echo
fi
echo "### Queries (a new JVM: the first round is cold)"
echo
$JAVA ua.gov.nsoz.analytics.internal.BulkFacts query "$DIR" "$ROUNDS" "$WARMUP" | grep -E "^(\||Database opened|$)"
echo
echo "Load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
