#!/usr/bin/env bash
# Runs snn4j-spark.jar on an embedded local[2] Spark, without a cluster or a Spark installation:
#   mvn -B -ntp -q package -DskipTests && spark/run-local.sh convert
#   spark/run-local.sh evaluate --model results/mozafari2019/model.snn --compare
#   spark/run-local.sh --help
# Spark's jars come from the local Maven repository (spark/target/spark-classpath.txt, written by the build).
# The JVM options Spark needs on Java 17 come from spark/spark-jvm.options (a java argument file, their one home; the
# tests use it too). Extra JVM options: JAVA_OPTS="-Xmx4g" spark/run-local.sh ...
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
jar="$here/target/snn4j-spark.jar"
cp_file="$here/target/spark-classpath.txt"
if [ ! -f "$jar" ] || [ ! -f "$cp_file" ]; then
  echo "run-local.sh: build first: mvn -B -ntp -q package -DskipTests" >&2
  exit 2
fi
# shellcheck disable=SC2086
exec java "@$here/spark-jvm.options" -Dlog4j2.configurationFile="$here/log4j2-local.properties" ${JAVA_OPTS:-} -cp "$jar:$(cat "$cp_file")" org.snn4j.spark.tools.SparkTools "$@"
