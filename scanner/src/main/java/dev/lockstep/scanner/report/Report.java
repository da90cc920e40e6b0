package dev.lockstep.scanner.report;

import static java.util.Objects.requireNonNull;

import dev.lockstep.analysis.finding.Checks;
import dev.lockstep.scanner.frontend.FrontEnd;
import java.util.List;

/**
 * Everything a writer renders: the findings to show, the files that could not be analysed and the
 * numbers of the summary line.
 *
 * @param findings the findings to report (with a baseline: the new ones)
 * @param problems files that could not be analysed, with the reason: the scan is incomplete
 * @param skipped directories under the roots not read, with the reason
 * @param stats files, lines, timings
 * @param baselined findings a baseline already held
 * @param fixed baseline entries no longer found
 * @param seconds wall time of the scan
 */
public record Report(
    List<ReportFinding> findings,
    List<FrontEnd.FileProblem> problems,
    List<SkippedDirectory> skipped,
    FrontEnd.Stats stats,
    int baselined,
    int fixed,
    double seconds) {
  public Report {
    findings = List.copyOf(findings);
    problems = List.copyOf(problems);
    skipped = List.copyOf(skipped);
    requireNonNull(stats, "stats");
  }

  /** A report of a scan that skipped no directory. */
  public Report(
      List<ReportFinding> findings,
      List<FrontEnd.FileProblem> problems,
      FrontEnd.Stats stats,
      int baselined,
      int fixed,
      double seconds) {
    this(findings, problems, List.of(), stats, baselined, fixed, seconds);
  }

  /** Whether every file under the roots that was meant to be read was read and analysed. */
  public boolean complete() {
    return problems.isEmpty();
  }

  /** The doc link of a check. */
  public static String docLink(String check) {
    return Checks.docLink(check);
  }

  /**
   * {@code 120 files, 15432 lines, 3 findings (2 new, 1 baselined, 0 fixed), 2 directories skipped,
   * cache warm: 1 analysed, 119 from the cache, 1.8 s}.
   */
  public String summaryLine() {
    StringBuilder s = new StringBuilder("lockstep: ");
    s.append(stats.files())
        .append(" files, ")
        .append(stats.lines())
        .append(" lines, ")
        .append(findings.size() + baselined)
        .append(findings.size() + baselined == 1 ? " finding" : " findings")
        .append(" (")
        .append(findings.size())
        .append(" new, ")
        .append(baselined)
        .append(" baselined, ")
        .append(fixed)
        .append(" fixed)");
    if (!problems.isEmpty()) {
      s.append(", ")
          .append(problems.size())
          .append(problems.size() == 1 ? " file" : " files")
          .append(" not analysed (incomplete scan)");
    }
    if (!skipped.isEmpty()) {
      s.append(", ")
          .append(skipped.size())
          .append(skipped.size() == 1 ? " directory" : " directories")
          .append(" skipped");
    }
    if (!stats.cache().equals("off")) {
      s.append(", cache ")
          .append(stats.cache())
          .append(": ")
          .append(stats.analysedFiles())
          .append(" analysed, ")
          .append(stats.cachedFiles())
          .append(" from the cache");
    }
    s.append(String.format(java.util.Locale.ROOT, ", %.1f s", seconds));
    return s.toString();
  }
}
