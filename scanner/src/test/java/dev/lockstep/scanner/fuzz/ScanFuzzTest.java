package dev.lockstep.scanner.fuzz;

import static com.google.common.truth.Truth.assertWithMessage;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The scanner over damaged sources (issue 17): real corpus files and samples with tokens and lines
 * dropped, duplicated and swapped, cut short, nested deep, grown to 10 000 statements, sprinkled
 * with odd unicode, unterminated comments and strings, and huge literals. Whatever the damage, the
 * scan ends with a report whose exit code matches its problems and findings, and the untouched
 * file's findings do not change ({@link FuzzScan#check}). 300 mutated files per build; {@link
 * ScanFuzzBench} runs 10 200.
 */
final class ScanFuzzTest {
  /** How many mutated files share one scan. */
  static final int MUTANTS_PER_SCAN = 3;

  /** 100 scans of 3 mutated files each. */
  @Property(tries = 100)
  void damagedFilesCostOnlyThemselves(
      @ForAll @Size(MUTANTS_PER_SCAN) List<@IntRange(min = 0, max = 10_000) Integer> seeds,
      @ForAll @Size(min = 1, max = 3) List<Mutation> mutations,
      @ForAll long random) {
    FuzzScan.Outcome outcome = FuzzScan.check(FuzzScan.mutants(seeds, mutations, random));
    assertWithMessage("%s with %s (random %s)", FuzzScan.names(seeds), mutations, random)
        .that(outcome.violations())
        .isEmpty();
  }
}
