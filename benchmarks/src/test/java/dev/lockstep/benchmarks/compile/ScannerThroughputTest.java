package dev.lockstep.benchmarks.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The parts of {@link ScannerThroughput} that do not need the scanner's jar. */
final class ScannerThroughputTest {
  private static final String REPORT =
      """
      {"tool": "lockstep", "summary": {"files": 3, "lines": 1200, "findings": 2,
       "filesNotAnalysed": 0, "seconds": 0.5, "resolutions": 40, "unresolved": 3}}
      """;

  @Test
  void readsTheSummary() {
    assertEquals(1200, ScannerThroughput.number(REPORT, "lines"));
    assertEquals(3, ScannerThroughput.number(REPORT, "unresolved"));
    assertEquals(0.5, ScannerThroughput.decimal(REPORT, "seconds"), 1e-9);
    assertThrows(IllegalStateException.class, () -> ScannerThroughput.number(REPORT, "loops"));
  }

  @Test
  void tabulatesLinesPerSecondAndPerCpuSecond() {
    var run = new ScannerThroughput.Run("gson", true, 1200, 0.5, 2.0, 2, 40, 3, 0);

    String table = ScannerThroughput.table(List.of(run), 2);

    assertTrue(
        table.contains("| gson | yes | 1200 | 0.5 | 2.0 | 2400 | 600 | 2 | 40 | 3 | 0 |"), table);
  }
}
