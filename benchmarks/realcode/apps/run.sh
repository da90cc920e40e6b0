#!/usr/bin/env bash
# Runs the Lockstep scanner on released application sources from Maven Central.
#   bash benchmarks/realcode/apps/run.sh                 # all apps, default jar
#   SCANNER=path/to/other-scanner.jar OUT_TAG=new bash benchmarks/realcode/apps/run.sh
#   APPS="org.keycloak:keycloak-services:26.0.7" bash benchmarks/realcode/apps/run.sh
# Per app writes target/realcode-apps/<A>-<V>/{src,deps,findings${OUT_TAG:+-$OUT_TAG}.json,time*.txt,scan*.log}
# Every Maven and scanner run holds $LOCK (one at a time on a shared machine). Then compare.py
# prints what is still reported against the hand judgements in judged.tsv.
set -uo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../../.." && pwd)"
SCANNER="${SCANNER:-$ROOT/scanner/target/lockstep-scanner.jar}"
JAVA="${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"
BASE="${BASE:-$ROOT/target/realcode-apps}"
TAG="${OUT_TAG:+-$OUT_TAG}"
LOCK="${LOCK:-/tmp/lockstep-build.lock}"
APPS="${APPS:-org.keycloak:keycloak-services:26.0.7 org.apache.activemq:artemis-server:2.37.0 org.apache.cassandra:cassandra-all:4.1.7}"

for GAV in $APPS; do
  IFS=: read -r G A V <<<"$GAV"
  D="$BASE/$A-$V"
  mkdir -p "$D" && cd "$D" || exit 1
  echo "== $GAV  ($D)"
  cat > pom.xml <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
  <groupId>local</groupId><artifactId>lockstep-apps-run</artifactId><version>1</version>
  <dependencies><dependency><groupId>$G</groupId><artifactId>$A</artifactId><version>$V</version></dependency></dependencies>
</project>
POM
  if [ ! -f deps/.done ]; then
    rm -rf deps
    flock "$LOCK" mvn -B -q -f "$D/pom.xml" dependency:copy-dependencies \
      -DoutputDirectory="$D/deps" -DexcludeArtifactIds="$A" > mvn-deps.log 2>&1 \
      && touch deps/.done || { echo "   dependency resolution failed (see $D/mvn-deps.log)"; }
  fi
  J="$HOME/.m2/repository/$(echo "$G" | tr . /)/$A/$V/$A-$V-sources.jar"
  if [ ! -f "$J" ]; then
    flock "$LOCK" mvn -B -q -f "$D/pom.xml" dependency:get -Dartifact="$GAV:jar:sources" -Dtransitive=false > mvn-src.log 2>&1 \
      || { echo "   sources jar not served (see $D/mvn-src.log)"; continue; }
  fi
  rm -rf src && mkdir src && (cd src && unzip -q -o "$J")
  FILES=$(find src -name '*.java' | wc -l)
  LINES=$(find src -name '*.java' -print0 | xargs -0 cat | wc -l)
  echo "$FILES files, $LINES lines" > loc.txt
  CP="$(ls deps/*.jar 2>/dev/null | tr '\n' ':')"; CP="${CP%:}"
  flock "$LOCK" /usr/bin/time -v -o "time$TAG.txt" "$JAVA" -Xmx6g -jar "$SCANNER" scan --fail-on=none \
    --format json --output "findings$TAG.json" ${CP:+--classpath "$CP"} src > "scan$TAG.log" 2>&1
  RC=$?
  WALL=$(grep 'Elapsed (wall' "time$TAG.txt" | awk '{print $NF}')
  RSS=$(grep 'Maximum resident' "time$TAG.txt" | awk '{print $NF}')
  N=$(python3 -c "import json,sys;d=json.load(open('findings$TAG.json'));f=d['findings'] if isinstance(d,dict) and 'findings' in d else d;print(len(f))" 2>/dev/null || echo '?')
  echo "   rc=$RC  $FILES files  $LINES lines  wall=$WALL  peakRSS=${RSS}KB  findings=$N  jars=$(ls deps/*.jar 2>/dev/null | wc -l)"
done

# Compare with the hand judgements (judged.tsv): judged TP/FP still reported, gone, and new unjudged findings.
BASE="$BASE" python3 "$HERE/compare.py" "${OUT_TAG:-}"
