package dev.lockstep.samples;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The samples compiled with Error Prone and Lockstep's checks give exactly the diagnostics their
 * sources announce: a comment {@code // expect: <CheckName> ...} stands on the line above each
 * reported line, and no other line is reported. So a check that stops firing on a bad variant, or
 * starts firing on a fixed one, fails the build — and a reader sees in the bad code where Lockstep
 * speaks.
 */
final class SamplesDiagnosticsTest {
  private static final Path SOURCES = Path.of("src/main/java");
  private static final Pattern EXPECT = Pattern.compile("^\\s*// expect: (\\w+)");

  /** A diagnostic, or the announcement of one: a check at a line of a file under SOURCES. */
  private record At(String check, String file, long line) {
    @Override
    public String toString() {
      return file + ":" + line + " " + check;
    }
  }

  @Test
  void theChecksReportExactlyWhatTheSamplesAnnounce() throws IOException {
    List<At> expected = announced();
    List<At> reported = new ArrayList<>();
    for (Findings.Finding finding : Findings.of(SOURCES)) {
      reported.add(
          new At(
              finding.check(),
              SOURCES.toAbsolutePath().relativize(finding.file().toAbsolutePath()).toString(),
              finding.line()));
    }

    assertWithMessage("the samples announce at least one diagnostic").that(expected).isNotEmpty();
    assertThat(reported).containsExactlyElementsIn(expected);
  }

  @Test
  void everyFindingSaysWhyWhatItCostsAndHowToFix() throws IOException {
    for (Findings.Finding finding : Findings.of(SOURCES)) {
      if (finding.check().equals("SerialAwaitInLoop")) {
        assertThat(finding.message()).containsMatch("HttpClient\\.send at Http\\.java:\\d+");
        assertThat(finding.message()).contains("N items cost ≈ 2·N round trips");
        assertThat(finding.message()).contains("BoundedWindow.of(5)");
        assertThat(finding.message()).contains("src/docs/checks/SerialAwaitInLoop.md");
      }
      if (finding.check().equals("SerialFanOut")) {
        assertThat(finding.message())
            .containsMatch(
                "3 independent round trips in a row \\(index at SerialIngest\\.java:\\d+ -> audit at"
                    + " SerialIngest\\.java:\\d+ -> bill at SerialIngest\\.java:\\d+\\)");
        assertThat(finding.message()).contains("≈ 3 × RTT; started together they cost ≈ 1 × RTT");
        assertThat(finding.message()).containsMatch("HttpClient\\.send at Http\\.java:\\d+");
        assertThat(finding.message()).contains("src/docs/checks/SerialFanOut.md");
      }
      if (finding.check().equals("UnboundedFanOut")) {
        assertThat(finding.message())
            .contains("perGroup.submit starts a task per item of 'groups'");
        assertThat(finding.message()).containsMatch("HttpClient\\.send at Http\\.java:\\d+");
        assertThat(finding.message()).contains("BoundedWindow.of(5).mapAsync");
        assertThat(finding.message()).contains("src/docs/checks/UnboundedFanOut.md");
      }
      if (finding.check().equals("LockHeldAcrossWait")) {
        assertThat(finding.message())
            .contains(
                "LockedRouteCache.routeFor synchronizes on 'this', the one @ThreadSafe object");
        assertThat(finding.message()).containsMatch("HttpClient\\.send at Http\\.java:\\d+");
        assertThat(finding.message())
            .contains("routeFor is a public method of a class documented @ThreadSafe");
        assertThat(finding.message()).contains("throughput ≤ 1/RTT");
        assertThat(finding.message()).contains("src/docs/checks/LockHeldAcrossWait.md");
      }
      if (finding.check().equals("FakeConcurrency")) {
        assertThat(finding.message()).contains("effective parallelism 1");
        assertThat(finding.message())
            .contains("RelaySession.publish (synchronized on the shared 'session'");
        assertThat(finding.message()).containsMatch("HttpClient\\.send \\(Http\\.java:\\d+\\)");
        assertThat(finding.message()).contains("@ResourceParallelism(n)");
        assertThat(finding.message()).contains("src/docs/checks/FakeConcurrency.md");
      }
    }
  }

  private static List<At> announced() throws IOException {
    List<At> expected = new ArrayList<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
          Matcher matcher = EXPECT.matcher(lines.get(i));
          if (matcher.find()) {
            // line i (0-based) is line i + 1; the announced line is the next one, i + 2
            expected.add(new At(matcher.group(1), SOURCES.relativize(file).toString(), i + 2));
          }
        }
      }
    }
    return expected;
  }
}
