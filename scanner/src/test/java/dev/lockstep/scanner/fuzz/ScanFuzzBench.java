package dev.lockstep.scanner.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * {@link ScanFuzzTest}'s property over 10 200 mutated files (1 020 scans), counting instead of
 * stopping at the first broken promise: not part of the default build (the name does not end in
 * {@code Test}). Run it with
 *
 * <pre>
 * ./mvnw -o -pl scanner test -Dtest=ScanFuzzBench -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * It writes its tally to {@code scanner/target/fuzz/bench.txt} and fails if any promise was broken.
 */
final class ScanFuzzBench {
  private static final List<String> VIOLATIONS = new ArrayList<>();
  private static final Map<String, Integer> INTERNAL = new TreeMap<>();
  private static final Map<Integer, Integer> EXITS = new TreeMap<>();
  private static int scans;
  private static int files;
  private static int problems;
  private static long slowestMillis;
  private static String slowest = "";
  private static final long START = System.nanoTime();

  /** More mutated files per scan than the default build's: a scan's setup is most of its cost. */
  private static final int MUTANTS_PER_SCAN = 10;

  /** 1 020 scans of 10 mutated files each: 10 200 files. */
  @Property(tries = 1_020, shrinking = ShrinkingMode.OFF)
  void damagedFilesCostOnlyThemselves(
      @ForAll @Size(MUTANTS_PER_SCAN) List<@IntRange(min = 0, max = 10_000) Integer> seeds,
      @ForAll @Size(min = 1, max = 3) List<Mutation> mutations,
      @ForAll long random) {
    long start = System.nanoTime();
    FuzzScan.Outcome outcome =
        FuzzScan.check(FuzzScan.mutants(seeds, mutations, random), Duration.ofMinutes(3));
    long millis = (System.nanoTime() - start) / 1_000_000;
    String name = FuzzScan.names(seeds) + " " + mutations + " random " + random;
    synchronized (ScanFuzzBench.class) {
      scans++;
      files += seeds.size();
      EXITS.merge(outcome.exitCode(), 1, Integer::sum);
      for (String v : outcome.violations()) {
        VIOLATIONS.add(name + ": " + v);
      }
      for (String reason : outcome.internal()) {
        // "analysis failed: NumberFormatException: …" counted by its exception
        String kind = reason.replaceFirst("^([^:]+: [^:]+).*", "$1");
        INTERNAL.merge(kind, 1, Integer::sum);
      }
      problems += outcome.problems().size();
      if (scans % 100 == 0) {
        progress();
      }
      if (millis > slowestMillis) {
        slowestMillis = millis;
        slowest = name;
      }
    }
  }

  /** The tally so far, in case a long run is stopped. */
  private static void progress() {
    try {
      Path file = Path.of("target", "fuzz", "bench-progress.txt");
      Files.createDirectories(file.getParent());
      Files.writeString(
          file,
          "scans "
              + scans
              + ", files "
              + files
              + ", broken promises "
              + VIOLATIONS.size()
              + ", internal "
              + INTERNAL
              + ", exits "
              + EXITS
              + ", seconds "
              + (System.nanoTime() - START) / 1_000_000_000
              + "\n",
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @AfterContainer
  static void tally() {
    double seconds = (System.nanoTime() - START) / 1e9;
    StringBuilder out = new StringBuilder();
    out.append("scans: ").append(scans).append(", mutated files: ").append(files).append('\n');
    out.append("problems listed (files not analysed): ").append(problems).append('\n');
    out.append(String.format(java.util.Locale.ROOT, "seconds: %.1f%n", seconds));
    out.append("exit codes (per scan): ").append(EXITS).append('\n');
    out.append("broken promises (uncaught throwables included): ")
        .append(VIOLATIONS.size())
        .append('\n');
    VIOLATIONS.stream().limit(50).forEach(v -> out.append("  ").append(v).append('\n'));
    out.append("internal exceptions reported as problems: ").append(INTERNAL).append('\n');
    out.append("slowest: ").append(slowestMillis).append(" ms, ").append(slowest).append('\n');
    System.out.print(out);
    try {
      Path file = Path.of("target", "fuzz", "bench.txt");
      Files.createDirectories(file.getParent());
      Files.writeString(file, out, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!VIOLATIONS.isEmpty()) {
      throw new AssertionError(VIOLATIONS.size() + " broken promises; see target/fuzz/bench.txt");
    }
  }
}
