#!/usr/bin/env bash
# Compiles a real library's sources with Error Prone 2.50.0 and only Lockstep's checks, and
# reports the warning count and any crash. Reproducible: the artifact is fetched from Maven.
#
#   scripts/run-on-sources.sh [groupId:artifactId:version]   (default jackson-databind 2.18.2)
#   CHECKS="FakeConcurrency OversizedWindow" scripts/run-on-sources.sh ...   (default SerialAwaitInLoop)
#   EXCLUDE='Brotli|Conscrypt' scripts/run-on-sources.sh ...   (skip files needing optional deps)
#
# EXTRA="g:a:v,g:a:v" adds dependencies the library declares optional but its sources need
# (e.g. jedis 5.2.0 needs io.github.resilience4j:resilience4j-all:1.7.1); one that is an annotation
# processor (org.projectlombok:lombok:1.18.42) also goes on the processor path.
# Files dropped by EXCLUDE are read from the library's own jar, so the rest still compiles.
#
# WORK=dir puts the work there (default target/run-on-sources/<g_a_v>); a rerun with the same
# artifact and EXTRA does not fetch again (deps/, ep/, src/ are kept; delete fetched.stamp to refetch).
#
# Needs: the checker, analysis and classfiles jars (./mvnw -pl checker -am package -DskipTests), a JDK 25 javac,
# Maven Central (through ./mvnw) on the first run.
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

# Two throwaway poms: the library (its dependencies + EXTRA) for the classpath, and Error Prone
# for the processor path. Kept apart so that neither's versions win over the other's (a library
# pinning an old Guava must not break Error Prone, nor Error Prone's jars leak into the classpath).
EXTRA_DEPS=""
IFS=, read -r -a EXTRAS <<<"${EXTRA:-}"
for gav in "${EXTRAS[@]+"${EXTRAS[@]}"}"; do
  [ -n "$gav" ] || continue
  IFS=: read -r EG EA EV <<<"$gav"
  EXTRA_DEPS+="<dependency><groupId>$EG</groupId><artifactId>$EA</artifactId><version>$EV</version></dependency>"
done
pom() { # artifactId, dependencies
  cat <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
  <groupId>local</groupId><artifactId>$1</artifactId><version>1</version>
  <dependencies>$2</dependencies>
</project>
POM
}
mkdir -p poms
pom run-on-sources-library "<dependency><groupId>$G</groupId><artifactId>$A</artifactId><version>$V</version></dependency>$EXTRA_DEPS" > poms/library.xml
pom run-on-sources-errorprone "<dependency><groupId>com.google.errorprone</groupId><artifactId>error_prone_core</artifactId><version>$EP</version></dependency>" > poms/errorprone.xml
# Fetched once: a rerun with the same poms reuses deps/, ep/ and src/ (delete fetched.stamp to refetch).
STAMP="$( (echo layout 2; cat poms/library.xml poms/errorprone.xml) | sha256sum | cut -c1-16)"
if [ "$(cat fetched.stamp 2>/dev/null)" != "$STAMP" ]; then
  DEP=org.apache.maven.plugins:maven-dependency-plugin:3.8.1
  MVN="$ROOT/mvnw -B -q"
  rm -rf deps ep self src fetched.stamp
  $MVN -f poms/library.xml "$DEP:copy-dependencies" -DoutputDirectory="$WORK/deps" -DincludeScope=runtime </dev/null
  # The library's own jar goes on javac's classpath after deps/: sources given to javac win over
  # it, and a file dropped by EXCLUDE is read from it (compiled, with its annotation processing).
  mkdir self && mv "deps/$A-$V.jar" self/ 2>/dev/null || true
  $MVN -f poms/errorprone.xml "$DEP:copy-dependencies" -DoutputDirectory="$WORK/ep" -DincludeScope=runtime </dev/null
  $MVN -f poms/library.xml "$DEP:copy" -Dartifact="$G:$A:$V:jar:sources" -DoutputDirectory="$WORK" -Dmdep.overWriteReleases=true </dev/null
  mkdir src && (cd src && unzip -q "$WORK/$A-$V-sources.jar") && rm "$WORK/$A-$V-sources.jar"
  echo "$STAMP" > fetched.stamp
fi
# EXCLUDE (a regex) drops files that need optional dependencies the pom does not bring.
find src -name '*.java' ! -name 'module-info.java' ! -name 'package-info.java' | sort \
  | { if [ -n "${EXCLUDE:-}" ]; then grep -vE "$EXCLUDE" || true; else cat; fi; } > sources.txt
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
# The fan-out checks' canary: two independent round trips in a row (SerialFanOut), a task per
# item on a cached pool (UnboundedFanOut), a parallel stream of round trips (BlockingOnCommonPool).
cat > canary/lockstepcanary/FanOutCanary.java <<'JAVA'
package lockstepcanary;
class FanOutCanary {
  private final java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
  String get(String uri) throws Exception {
    return http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(uri)).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString()).body();
  }
  String both() throws Exception {
    String a = get("http://a/");
    String b = get("http://b/");
    return a + b;
  }
  void each(java.util.List<String> uris) {
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newCachedThreadPool();
    for (String uri : uris) {
      pool.execute(() -> {
        try { get(uri); } catch (Exception e) { }
      });
    }
  }
  java.util.List<String> common(java.util.List<String> uris) {
    return uris.parallelStream().map(u -> {
      try { return get(u); } catch (Exception e) { return ""; }
    }).toList();
  }
}
JAVA
# LockHeldAcrossWait's canary: a static lock taken with a timed tryLock (the code expects contention)
# held across a round trip.
cat > canary/lockstepcanary/LockCanary.java <<'JAVA'
package lockstepcanary;
class LockCanary {
  private static final java.util.concurrent.locks.ReentrantLock GATE =
      new java.util.concurrent.locks.ReentrantLock();
  private final java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
  String fetch(String uri) throws Exception {
    if (GATE.tryLock(2, java.util.concurrent.TimeUnit.SECONDS)) {
      try {
        return http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(uri)).build(),
            java.net.http.HttpResponse.BodyHandlers.ofString()).body();
      } finally {
        GATE.unlock();
      }
    }
    return null;
  }
}
JAVA
echo canary/lockstepcanary/Canary.java >> sources.txt
echo canary/lockstepcanary/LockCanary.java >> sources.txt
echo canary/lockstepcanary/FakeCanary.java >> sources.txt
echo canary/lockstepcanary/WideCanary.java >> sources.txt
echo canary/lockstepcanary/FanOutCanary.java >> sources.txt

CHECKER="$(ls "$ROOT"/checker/target/lockstep-checker-*.jar | grep -v sources | head -1)"
ANALYSIS="$(ls "$ROOT"/analysis/target/lockstep-analysis-*.jar | grep -v sources | head -1)"
# (ls fails when an artifact has no dependencies: deps/*.jar matches nothing; pipefail would stop here)
CP="$( (ls deps/*.jar self/*.jar 2>/dev/null || true) | paste -sd: -)"
# An EXTRA jar that is an annotation processor (lombok) runs as one, as it did in the library's build.
PROCESSORS=""
for gav in "${EXTRAS[@]+"${EXTRAS[@]}"}"; do
  IFS=: read -r EG EA EV <<<"$gav"
  jar="deps/$EA-$EV.jar"
  if [ -f "$jar" ] && unzip -l "$jar" META-INF/services/javax.annotation.processing.Processor >/dev/null 2>&1; then
    PROCESSORS+="$WORK/$jar:"
  fi
done
# The class-file front end and ASM (its only dependency) read the dependencies' method bodies.
CLASSFILES="$(ls "$ROOT"/classfiles/target/lockstep-classfiles-*.jar | grep -v sources | head -1)"
ASM_VERSION="$(sed -n 's:.*<asm.version>\(.*\)</asm.version>.*:\1:p' "$ROOT/pom.xml")"
ASM=""
for a in asm asm-tree asm-analysis; do
  ASM+="$HOME/.m2/repository/org/ow2/asm/$a/$ASM_VERSION/$a-$ASM_VERSION.jar:"
done
PP="$PROCESSORS$CHECKER:$ANALYSIS:$CLASSFILES:$ASM$(ls ep/*.jar | paste -sd: -)"
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
