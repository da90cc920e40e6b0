#!/usr/bin/env bash
# Lays out one module of a real multi-module project as a compile-overhead corpus project, so the
# compile benchmark measures Lockstep where it reads its sibling modules' jars (class-file
# summaries, the library facts cache) as a user's build does:
#
#   scripts/real-compile-corpus.sh [groupId:artifactId:version] [name]
#       (default org.apache.kafka:connect-runtime:3.7.0, name connect-runtime)
#   ./mvnw -B -q -pl benchmarks -am -Pcompile-benchmark -DskipTests verify \
#     -Dcompile.benchmark.args="--corpus $PWD/benchmarks/target/real-corpus --projects connect-runtime"
#
# The module's sources and its resolved dependencies come from the real-code benchmark's fetch
# (scripts/run-on-sources.sh, REALCODE_WORK or target/realcode), which it runs first when the
# artifact was not fetched yet; extra dependencies and excluded files follow
# benchmarks/realcode/artifacts.tsv. Layout: benchmarks/target/real-corpus/<name>/sources/<name>-
# sources.jar (the files run-on-sources compiled) and .../classpath/*.jar (its dependencies and the
# module's own jar, for the classes of excluded files).
set -euo pipefail
GAV="${1:-org.apache.kafka:connect-runtime:3.7.0}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
IFS=: read -r _ A _ <<<"$GAV"
NAME="${2:-$A}"
WORKS="${REALCODE_WORK:-$ROOT/target/realcode}"
WORK="$WORKS/$(echo "$GAV" | tr ':' '_')"
OUT="$ROOT/benchmarks/target/real-corpus/$NAME"

if [ ! -f "$WORK/fetched.stamp" ]; then
  # Empty cells become "-": read with a tab IFS merges consecutive tabs (tab is white space), which
  # put the smoke column's "no" into EXTRA when a row had no extra dependencies.
  ROW="$(awk -F'\t' -v g="$GAV" '$1 == g { print ($2 == "" ? "-" : $2) "\t" ($3 == "" ? "-" : $3); exit }' \
    "$ROOT/benchmarks/realcode/artifacts.tsv")"
  IFS=$'\t' read -r EXTRA EXCLUDE <<<"$ROW"
  [ "$EXTRA" = "-" ] && EXTRA=""
  [ "$EXCLUDE" = "-" ] && EXCLUDE=""
  mkdir -p "$WORK"
  echo "real-compile-corpus: fetching $GAV (scripts/run-on-sources.sh)" >&2
  WORK="$WORK" EXTRA="${EXTRA:-}" EXCLUDE="${EXCLUDE:-}" "$ROOT/scripts/run-on-sources.sh" "$GAV" \
    > "$WORK/plugin.out" 2>&1 </dev/null || true
  [ -f "$WORK/fetched.stamp" ] || { echo "real-compile-corpus: fetch failed, see $WORK/plugin.out" >&2; exit 1; }
fi

rm -rf "$OUT"
mkdir -p "$OUT/sources" "$OUT/classpath"
(cd "$WORK/src" && find . -name '*.java' | sed 's|^\./||' | sort > "$OUT/files.txt" \
  && jar --create --file "$OUT/sources/$NAME-sources.jar" @"$OUT/files.txt")
rm "$OUT/files.txt"
cp "$WORK"/deps/*.jar "$OUT/classpath/"
cp "$WORK"/self/*.jar "$OUT/classpath/" 2>/dev/null || true
echo "real-compile-corpus: $OUT: $(unzip -l "$OUT/sources/$NAME-sources.jar" | tail -1 | awk '{print $2}') files," \
  "$(ls "$OUT/classpath" | wc -l) jars on the class path" >&2
