#!/usr/bin/env bash
# The real-code benchmark: hand-judged cases from released sources jars on Maven Central
# (benchmarks/realcode/cases.tsv), run through the scanner and the Error Prone plugin, one table
# and a last line:
#   realcode: cases N, TP found a/b, FP reported c/d, plugin=scanner on k/N
#
#   scripts/realcode.sh              every case (20 artifacts; ~10 min when ~/.m2 has them)
#   scripts/realcode.sh --smoke      the cases of the artifacts marked smoke in artifacts.tsv (CI)
#   scripts/realcode.sh ID...        those cases only
#
# Each artifact is fetched into target/realcode/<g_a_v>/ by scripts/run-on-sources.sh (sources,
# dependencies, a javac + Error Prone compile with Lockstep's six checks); the scanner then reads
# the same sources against the same dependencies. An artifact whose sources do not compile against
# their own dependencies is reported as such ("n.c." in the plugin column), never skipped quietly.
# benchmarks/realcode/README.md says how cases are judged and what "reported" means.
#
# Exit 0 when every selected case is as judged (TP reported, FP not) by the scanner and by the
# plugin (n.c. is not counted as wrong); 1 otherwise; 2 on a setup problem. Needs: a JDK 25 (for the
# checker and the scanner; JAVA25=/path/to/bin/java), python3, Maven Central.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BENCH="$ROOT/benchmarks/realcode"
OUT="${REALCODE_WORK:-$ROOT/target/realcode}"
JAVA="${JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"
CHECKS="SerialAwaitInLoop FakeConcurrency OversizedWindow SerialFanOut UnboundedFanOut BlockingOnCommonPool LockHeldAcrossWait"

SMOKE=false
IDS=()
for arg in "$@"; do
  case "$arg" in
    --smoke) SMOKE=true ;;
    -h|--help) sed -n 2,19p "$0"; exit 0 ;;
    -*) echo "realcode: unknown option $arg" >&2; exit 2 ;;
    *) IDS+=("$arg") ;;
  esac
done

SCANNER="$ROOT/scanner/target/lockstep-scanner.jar"
if [ ! -f "$SCANNER" ] || ! ls "$ROOT"/checker/target/lockstep-checker-*.jar >/dev/null 2>&1 \
    || ! ls "$ROOT"/analysis/target/lockstep-analysis-*.jar >/dev/null 2>&1 \
    || ! ls "$ROOT"/classfiles/target/lockstep-classfiles-*.jar >/dev/null 2>&1; then
  echo "realcode: building the checker and the scanner first" >&2
  (cd "$ROOT" && ./mvnw -B -q -pl checker,scanner -am package -DskipTests) </dev/null
fi
CHECKER="$(ls "$ROOT"/checker/target/lockstep-checker-*.jar | grep -v sources | head -1)"
ANALYSIS="$(ls "$ROOT"/analysis/target/lockstep-analysis-*.jar | grep -v sources | head -1)"
CLASSFILES="$(ls "$ROOT"/classfiles/target/lockstep-classfiles-*.jar | grep -v sources | head -1)"
[ -x "$JAVA" ] || { echo "realcode: no JDK 25 at $JAVA (set JAVA25)" >&2; exit 2; }
command -v python3 >/dev/null || { echo "realcode: needs python3" >&2; exit 2; }
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"   # run-on-sources.sh works from inside each artifact's directory

# The artifacts the selected cases need, with their options (artifacts.tsv: gav, extra, exclude,
# smoke).
# One file per run: two runs over the same directory (different case ids) must not read each other's list.
SELECTED="$OUT/selected.$$.tsv"
trap 'rm -f "$SELECTED"' EXIT
python3 "$ROOT/scripts/realcode_cases.py" select "$BENCH" "$SMOKE" "${IDS[@]+"${IDS[@]}"}" > "$SELECTED" \
  || exit 2
[ -s "$SELECTED" ] || { echo "realcode: no case selected" >&2; exit 2; }

START=$(date +%s)
# Resumable: an artifact is fetched once (run-on-sources.sh keeps deps/ and src/), compiled again
# only when its row in artifacts.tsv or the checker jar changed, scanned again only when the
# scanner jar or the fetched files changed. Delete target/realcode/<g_a_v>/ to start it over.
while IFS=$'\t' read -r GAV EXTRA EXCLUDE; do
  [ "$EXTRA" = "-" ] && EXTRA=""
  [ "$EXCLUDE" = "-" ] && EXCLUDE=""
  WORK="$OUT/$(echo "$GAV" | tr ':' '_')"
  mkdir -p "$WORK"
  T0=$(date +%s)
  SETTINGS="$(printf '%s\n' "$GAV" "$EXTRA" "$EXCLUDE" "$CHECKS")"
  if [ "$(cat "$WORK/plugin.done" 2>/dev/null)" != "$SETTINGS" ] || [ "$CHECKER" -nt "$WORK/plugin.done" ] \
      || [ "$ANALYSIS" -nt "$WORK/plugin.done" ] || [ "$CLASSFILES" -nt "$WORK/plugin.done" ]; then
    echo "realcode: $GAV — fetching and compiling with the plugin" >&2
    rm -f "$WORK/plugin.done"
    if WORK="$WORK" CHECKS="$CHECKS" EXTRA="$EXTRA" EXCLUDE="$EXCLUDE" JAVAC="$(dirname "$JAVA")/javac" \
        "$ROOT/scripts/run-on-sources.sh" "$GAV" > "$WORK/plugin.out" 2>&1 </dev/null; then
      printf '%s\n' "$SETTINGS" > "$WORK/plugin.done"
      grep -E '^javac rc:' "$WORK/plugin.out" | sed "s|^|realcode: $GAV — |" >&2 || true
    else
      echo "realcode: $GAV — run-on-sources failed, see $WORK/plugin.out" >&2
    fi
  fi
  if [ ! -f "$WORK/fetched.stamp" ]; then
    echo "realcode: $GAV — not fetched, not scanned" >&2
    rm -f "$WORK/scanner.json"
    continue
  fi
  if [ ! -f "$WORK/scanner.json" ] || [ "$SCANNER" -nt "$WORK/scanner.json" ] \
      || [ "$WORK/fetched.stamp" -nt "$WORK/scanner.json" ]; then
    echo "realcode: $GAV — scanning" >&2
    CP="$( (ls "$WORK"/deps/*.jar 2>/dev/null || true) | paste -sd: -)"
    rm -f "$WORK/scanner.json"
    set +e
    "$JAVA" -Xmx4g -jar "$SCANNER" scan --fail-on=none --format=json \
      --output="$WORK/scanner.json" ${CP:+--classpath="$CP"} "$WORK/src" \
      > "$WORK/scanner.out" 2>&1 </dev/null
    rc=$?
    set -e
    if [ $rc -ne 0 ] && [ $rc -ne 3 ]; then
      echo "realcode: $GAV — scanner exit $rc, see $WORK/scanner.out" >&2
      rm -f "$WORK/scanner.json"
    fi
  fi
  echo "realcode: $GAV — done in $(( $(date +%s) - T0 )) s" >&2
done < "$SELECTED"
echo "realcode: all artifacts in $(( $(date +%s) - START )) s" >&2

python3 "$ROOT/scripts/realcode_cases.py" judge "$BENCH" "$OUT" "$SMOKE" "${IDS[@]+"${IDS[@]}"}"
