#!/usr/bin/env bash
# Compiles a real library's sources with Error Prone 2.50.0 and only Lockstep's checks, and
# reports the warning count and any crash. Reproducible: the artifact is fetched from Maven.
#
#   scripts/run-on-sources.sh [groupId:artifactId:version]   (default jackson-databind 2.18.2)
#   CHECKS="FakeConcurrency OversizedWindow" scripts/run-on-sources.sh ...   (default SerialAwaitInLoop)
#   EXCLUDE='Brotli|Conscrypt' scripts/run-on-sources.sh ...   (skip files needing optional deps)
#
# EXTRA="g:a:v,g:a:v" adds dependencies the library declares optional but its sources need
# (e.g. jedis 5.2.0 needs io.github.resilience4j:resilience4j-all:1.7.1).
#
# Needs: the checker jar (./mvnw -pl checker -am package -DskipTests), a JDK 25 javac.
set -euo pipefail
GAV="${1:-com.fasterxml.jackson.core:jackson-databind:2.18.2}"
CHECKS="${CHECKS:-SerialAwaitInLoop}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
JAVAC="${JAVAC:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/javac}"
WORK="${WORK:-$ROOT/target/run-on-sources/$(echo "$GAV" | tr ':' '_')}"
EP=2.50.0
mkdir -p "$WORK"
cd "$WORK"
IFS=: read -r G A V <<<"$GAV"

# A throwaway pom: the library (sources + its dependencies) and Error Prone's jars.
EXTRA_DEPS=""
IFS=, read -r -a EXTRAS <<<"${EXTRA:-}"
for gav in "${EXTRAS[@]}"; do
  IFS=: read -r EG EA EV <<<"$gav"
  EXTRA_DEPS+="<dependency><groupId>$EG</groupId><artifactId>$EA</artifactId><version>$EV</version></dependency>"
done
cat > pom.xml <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
  <groupId>local</groupId><artifactId>run-on-sources</artifactId><version>1</version>
  <dependencies>
    <dependency><groupId>$G</groupId><artifactId>$A</artifactId><version>$V</version></dependency>
    <dependency><groupId>com.google.errorprone</groupId><artifactId>error_prone_core</artifactId><version>$EP</version></dependency>
    $EXTRA_DEPS
  </dependencies>
</project>
POM
MVN="$ROOT/mvnw -B -q -f $WORK/pom.xml"
$MVN dependency:copy-dependencies -DoutputDirectory="$WORK/deps" -DexcludeArtifactIds="$A" >/dev/null
$MVN dependency:get -Dartifact="$G:$A:$V:jar:sources" -Dtransitive=false >/dev/null
SOURCES_JAR="$HOME/.m2/repository/$(echo "$G" | tr . /)/$A/$V/$A-$V-sources.jar"
rm -rf src && mkdir src && (cd src && unzip -q "$SOURCES_JAR")
# EXCLUDE (a regex) drops files that need optional dependencies the pom does not bring.
find src -name '*.java' ! -name 'module-info.java' ! -name 'package-info.java' \
  | { if [ -n "${EXCLUDE:-}" ]; then grep -vE "$EXCLUDE"; else cat; fi; } > sources.txt
# A canary with one known serial await proves the check ran (it is counted apart).
mkdir -p canary/lockstepcanary && cat > canary/lockstepcanary/Canary.java <<'JAVA'
package lockstepcanary;
class Canary {
  void run(java.util.List<java.net.URL> urls) throws Exception {
    for (java.net.URL url : urls) {
      url.openStream().close();
    }
  }
}
JAVA
# FakeConcurrency's canary: a pool whose tasks all take one static lock across a round trip.
cat > canary/lockstepcanary/FakeCanary.java <<'JAVA'
package lockstepcanary;
class FakeCanary {
  private static final Object LOCK = new Object();
  private final java.util.concurrent.ExecutorService pool =
      java.util.concurrent.Executors.newFixedThreadPool(4);
  void run(java.util.List<java.net.URL> urls) {
    for (java.net.URL url : urls) {
      pool.execute(() -> {
        synchronized (LOCK) {
          try { url.openStream().close(); } catch (java.io.IOException e) { }
        }
      });
    }
  }
}
JAVA
# OversizedWindow's canary: 8 workers on a semaphore of 2.
cat > canary/lockstepcanary/WideCanary.java <<'JAVA'
package lockstepcanary;
class WideCanary {
  private final java.util.concurrent.Semaphore permits = new java.util.concurrent.Semaphore(2);
  private final java.util.concurrent.ExecutorService pool =
      java.util.concurrent.Executors.newFixedThreadPool(8);
  void run(java.util.List<java.net.URL> urls) {
    for (java.net.URL url : urls) {
      pool.execute(() -> {
        try {
          permits.acquire();
          try { url.openStream().close(); } finally { permits.release(); }
        } catch (Exception e) { }
      });
    }
  }
}
JAVA
echo canary/lockstepcanary/Canary.java >> sources.txt
echo canary/lockstepcanary/FakeCanary.java >> sources.txt
echo canary/lockstepcanary/WideCanary.java >> sources.txt

CHECKER="$(ls "$ROOT"/checker/target/lockstep-checker-*.jar | grep -v sources | head -1)"
ANALYSIS="$(ls "$ROOT"/analysis/target/lockstep-analysis-*.jar | grep -v sources | head -1)"
CP="$(ls deps/*.jar | tr '\n' ':')"
PP="$CHECKER:$ANALYSIS:$CP"
OPENS=()
for p in api file main model parser processing tree util; do
  OPENS+=("-J--add-exports=jdk.compiler/com.sun.tools.javac.$p=ALL-UNNAMED")
done
OPENS+=("-J--add-opens=jdk.compiler/com.sun.tools.javac.code=ALL-UNNAMED"
        "-J--add-opens=jdk.compiler/com.sun.tools.javac.comp=ALL-UNNAMED")

rm -rf classes && mkdir classes
set +e
START=$(date +%s)
# -J-Dlockstep.strict=true makes any analysis exception a javac crash instead of "no finding".
"$JAVAC" "${OPENS[@]}" -J-Dlockstep.strict=true -J-Xmx2g -d classes -cp "$CP" -processorpath "$PP" \
  -XDcompilePolicy=simple --should-stop=ifError=FLOW -Xmaxwarns 100000 -Xmaxerrs 1000 \
  -proc:full -implicit:none -encoding UTF-8 \
  "-Xplugin:ErrorProne -XepDisableAllChecks $(for c in $CHECKS; do printf -- '-Xep:%s:WARN ' "$c"; done)" \
  @sources.txt > javac.log 2>&1
RC=$?
set -e
END=$(date +%s)
echo "artifact:  $GAV"
echo "files:     $(wc -l < sources.txt)"
echo "javac rc:  $RC  ($((END - START)) s)"
for c in $CHECKS; do
  echo "$c canary:   $(grep 'Canary.java:[0-9]*: warning: \['"$c"'\]' javac.log | grep -c 'lockstepcanary' || true) (expected 1)"
  echo "$c findings: $(grep 'warning: \['"$c"'\]' javac.log | grep -vc 'Canary.java' || true)"
done
echo "crashes:   $(grep -c -E 'An unhandled exception was thrown|java.lang.[A-Za-z]*(Exception|Error):' javac.log || true)"
echo "log:       $WORK/javac.log"
