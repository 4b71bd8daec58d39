#!/usr/bin/env bash
# Checks that snn4j can be consumed as a Maven dependency, the way a user adds it:
#   1. installs the library artifacts (bom, core + test-jar, encoding, learning, plot) into a TEMPORARY local
#      repository, never into ~/.m2 (which other builds resolve snapshots from);
#   2. builds the separate project scripts/consumer (it imports snn4j-bom, declares its own neuron model, runs
#      snn4j's NeuronModelContract against it from the core test-jar) and runs its main;
#   3. checks every library jar declares its Automatic-Module-Name and ships a sources jar.
# The temporary repository is seeded with a copy of ~/.m2/repository (third-party jars and plugins), so with a
# warm ~/.m2 nothing is downloaded; otherwise Maven fetches what is missing from Maven Central only.
# Usage: scripts/consumer-check.sh          (KEEP=1 keeps the temporary directory; OFFLINE=1 adds -o)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/snn4j-consumer.XXXXXX")
if [ "${KEEP:-0}" != 1 ]; then trap 'rm -rf "$WORK"' EXIT; else echo "keeping $WORK"; fi
REPO="$WORK/repo"
MVN=(mvn -B -ntp -q "-Dmaven.repo.local=$REPO")
if [ "${OFFLINE:-0}" = 1 ]; then MVN+=(-o); fi

VERSION=$(sed -n '0,/<version>/s:.*<version>\(.*\)</version>.*:\1:p' "$ROOT/pom.xml")
echo "snn4j $VERSION: seeding $REPO"
if [ -d "$HOME/.m2/repository" ]; then
  cp -R "$HOME/.m2/repository" "$REPO"
  rm -rf "$REPO/org/snn4j"
else
  mkdir -p "$REPO"
fi

MODULES=bom,core,encoding,learning
if [ -d "$ROOT/plot" ]; then MODULES=$MODULES,plot; fi
echo "installing $MODULES into the temporary repository"
(cd "$ROOT" && "${MVN[@]}" install -DskipTests -pl "$MODULES" -am)

echo "checking manifests and sources jars"
for m in ${MODULES//,/ }; do
  [ "$m" = bom ] && continue
  dir="$REPO/org/snn4j/snn4j-$m/$VERSION"
  jar="$dir/snn4j-$m-$VERSION.jar"
  name=$(unzip -p "$jar" META-INF/MANIFEST.MF | tr -d '\r' | sed -n 's/^Automatic-Module-Name: //p')
  if [ "$name" != "org.snn4j.$m" ]; then
    echo "FAIL: $jar has Automatic-Module-Name '$name', expected org.snn4j.$m" >&2; exit 1
  fi
  if [ ! -f "$dir/snn4j-$m-$VERSION-sources.jar" ]; then
    echo "FAIL: no sources jar for snn4j-$m" >&2; exit 1
  fi
  echo "  snn4j-$m: Automatic-Module-Name $name, sources jar present"
done

echo "building and running the consumer project"
cp -R "$ROOT/scripts/consumer" "$WORK/consumer"
cd "$WORK/consumer"
"${MVN[@]}" "-Dsnn4j.version=$VERSION" package dependency:build-classpath -Dmdep.outputFile=cp.txt
java -cp "target/classes:$(cat cp.txt)" com.example.consumer.ConsumerMain | tee run.txt
grep -q "snn4j version $VERSION" run.txt || { echo "FAIL: the jars do not report version $VERSION" >&2; exit 1; }
echo "consumer check passed (snn4j $VERSION)"
