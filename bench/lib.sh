# The bench scripts' common steps, sourced by them (not run): `. "$(dirname "$0")/lib.sh"`.
# Sourcing it sets -euo pipefail, ROOT (the repository's root, made the working directory) and TARBALL (the
# distribution, relative to ROOT); the functions below are the steps the scripts share, each script taking those it
# needs. The benches run in a tree that others may be building at the same time: hence the retries, the lock and the
# private copies of the jars.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
TARBALL="karaf-assembly/target/nsoz-karaf-assembly-0.1.0-SNAPSHOT.tar.gz"

# bench_retry_once COMMAND...: runs COMMAND; if it fails (another build in the same tree may race with it), waits
# 10 s and runs it once more.
bench_retry_once() {
  "$@" || { sleep 10; "$@"; }
}

# bench_distribution: builds the product (install, tests skipped, no itests) if the distribution is missing.
bench_distribution() {
  if [ ! -f "$TARBALL" ]; then
    echo "[$(basename "$0")] no distribution at $TARBALL: building the product (install, tests skipped, no itests)"
    mvn -B -q -DskipTests install -pl '!itests'
  fi
}

# bench_lock NAME: one run of the bench at a time (a second one would delete the first one's instances); the lock,
# bench/target/NAME.lock, is held on descriptor 9 and so goes with the JVM that the script execs.
bench_lock() {
  mkdir -p bench/target
  exec 9>"bench/target/$1.lock"
  flock -n 9 || { echo "[$(basename "$0")] another run holds bench/target/$1.lock" >&2; exit 1; }
}

# bench_package [MVN ARGS...]: packages the bench module offline (with -am, the modules it depends on too), which
# writes bench/target/classpath.txt; retried once.
bench_package() {
  bench_retry_once mvn -B -q -o -pl bench "$@" package -DskipTests
}

# bench_private_lib DIR [EXCLUDE]: DIR made anew with the jars of bench/target/classpath.txt (but those whose path
# matches the grep pattern EXCLUDE) and the bench's own jar: private copies, so that a rebuild in the shared tree
# cannot change them under the running JVM.
bench_private_lib() {
  local dir="$1" exclude="${2:-^$}"
  rm -rf "$dir"; mkdir -p "$dir"
  tr ':' '\n' < bench/target/classpath.txt | grep -v '^$' | grep -v "$exclude" | xargs -I{} cp {} "$dir/"
  cp bench/target/nsoz-bench-*.jar "$dir/"
}

# bench_java_home: JAVA_HOME, if unset, from the java on the PATH (exported).
bench_java_home() {
  if [ -z "${JAVA_HOME:-}" ]; then
    JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
    export JAVA_HOME
  fi
}
