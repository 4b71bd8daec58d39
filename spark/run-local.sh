#!/usr/bin/env bash
# Runs snn4j-spark.jar on an embedded local[2] Spark, without a cluster or a Spark installation:
#   mvn -B -ntp -q package -DskipTests && spark/run-local.sh convert
#   spark/run-local.sh evaluate --model results/mozafari2019/model.snn --compare
#   spark/run-local.sh --help
# Spark's jars come from the local Maven repository (spark/target/spark-classpath.txt, written by the build).
# The --add-opens options are the ones Spark needs on Java 17 (the same list as spark/pom.xml's spark.jvm.opens,
# used by the tests, and docs/spark.md). Extra JVM options: JAVA_OPTS="-Xmx4g" spark/run-local.sh ...
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
jar="$here/target/snn4j-spark.jar"
cp_file="$here/target/spark-classpath.txt"
if [ ! -f "$jar" ] || [ ! -f "$cp_file" ]; then
  echo "run-local.sh: build first: mvn -B -ntp -q package -DskipTests" >&2
  exit 2
fi
opens=(
  --add-opens=java.base/java.lang=ALL-UNNAMED
  --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED
  --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED
  --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED
  --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens=java.base/sun.nio.cs=ALL-UNNAMED
  --add-opens=java.base/sun.security.action=ALL-UNNAMED
  --add-opens=java.base/sun.util.calendar=ALL-UNNAMED
  -Djdk.reflect.useDirectMethodHandle=false
  -Dio.netty.tryReflectionSetAccessible=true
)
# shellcheck disable=SC2086
exec java "${opens[@]}" -Dlog4j2.configurationFile="$here/log4j2-local.properties" ${JAVA_OPTS:-} -cp "$jar:$(cat "$cp_file")" org.snn4j.spark.tools.SparkTools "$@"
