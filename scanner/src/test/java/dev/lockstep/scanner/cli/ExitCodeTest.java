package dev.lockstep.scanner.cli;

import static com.google.common.truth.Truth.assertThat;

import dev.lockstep.scanner.frontend.FrontEnd;
import dev.lockstep.scanner.report.Report;
import dev.lockstep.scanner.report.SkippedDirectory;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The exit code says whether the scan was complete before it says anything about findings. */
final class ExitCodeTest {
  private static final FrontEnd.Stats STATS = new FrontEnd.Stats(2, 20, 0, 0, 0, 0, 0, 0);
  private static final SkippedDirectory TARGET =
      new SkippedDirectory("target", "build output: pom.xml beside it", OptionalInt.of(0));

  private static Report report(List<FrontEnd.FileProblem> problems) {
    return new Report(List.of(), problems, List.of(TARGET), STATS, 0, 0, 0.1);
  }

  @Test
  void aFileNotAnalysedMakesItThreeWhateverFailOnSays() {
    Report incomplete =
        report(List.of(new FrontEnd.FileProblem("A.java", "analysis failed: StackOverflowError")));
    for (ScanCommand.FailOn failOn : ScanCommand.FailOn.values()) {
      assertThat(ScanCommand.exitCode(incomplete, failOn)).isEqualTo(Lockstep.INCOMPLETE);
    }
  }

  @Test
  void aSkippedDirectoryAloneDoesNotMakeTheScanIncomplete() {
    assertThat(ScanCommand.exitCode(report(List.of()), ScanCommand.FailOn.WARNING))
        .isEqualTo(Lockstep.CLEAN);
    assertThat(report(List.of()).summaryLine()).contains("1 directory skipped");
  }
}
