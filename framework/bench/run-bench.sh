#!/usr/bin/env bash
# Builds the benchmark harness (issues 5 and 18) and runs it: TPC-H CSV with corrupted rows; floor vs sluice vs the
# row-at-a-time baseline, interleaved in one JVM and one SparkSession, tables side by side for every contender.
# Arguments go to io.sluice.bench.Benchmark:
#   framework/bench/run-bench.sh --scale 0.1 --out bench-result.json       (5 measured rounds after 1 warm-up)
#   framework/bench/run-bench.sh fixed-cost --datasets 50 --rows 100
#   framework/bench/run-bench.sh jdbc --rows 1000000 --partitions 8      (needs the PostgreSQL server binaries)
# BENCH_HEAP sets the heap (default 2g, the target of issue 5); JAVA_OPTS adds JVM options;
# BENCH_SKIP_BUILD=1 reuses the last build; BENCH_LOG4J names another log4j2 file; BENCH_MAIN runs another main
# class of the harness. See docs/benchmark.md.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
target="$here/target"
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
  echo "run-bench: building framework/bench and what it needs..." >&2
  (cd "$root" && mvn -q -B -DskipTests -pl framework/bench -am package) >&2
fi
jar="$(ls "$target"/sluice-bench-*.jar | grep -v -e '-tests\.jar$' -e '-sources\.jar$' | head -1)"
# Spark 4.2's module flags for Java 17 (org.apache.spark.launcher.JavaModuleOptions), as bin/sluice
# -XX:-DontCompileHugeMethods: the JIT compiles Spark's large generated methods (SparkSessions)
spark_flags=(-XX:+IgnoreUnrecognizedVMOptions -XX:-DontCompileHugeMethods --add-modules=jdk.incubator.vector
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED
  --add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED
  --add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED -Dio.netty.tryReflectionSetAccessible=true
  --enable-native-access=ALL-UNNAMED)
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
# shellcheck disable=SC2086
exec java "${spark_flags[@]}" -Xmx"${BENCH_HEAP:-2g}" -Duser.timezone=UTC -Duser.language=en -Duser.country=US \
  -Dlog4j2.configurationFile="${BENCH_LOG4J:-$here/log4j2-bench.properties}" ${JAVA_OPTS:-} \
  -cp "$jar:$target/lib/*" "${BENCH_MAIN:-io.sluice.bench.Benchmark}" "$@"
