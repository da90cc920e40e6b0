package dev.lockstep.scanner.cli;

import dev.lockstep.analysis.config.LockstepConfig;
import dev.lockstep.analysis.finding.Checks;
import dev.lockstep.classfiles.ClassTableCache;
import dev.lockstep.scanner.frontend.FrontEnd;
import dev.lockstep.scanner.frontend.IncrementalScan;
import dev.lockstep.scanner.report.Baseline;
import dev.lockstep.scanner.report.Report;
import dev.lockstep.scanner.report.ReportFinding;
import dev.lockstep.scanner.report.Writers;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code lockstep scan [options] roots…}: findings in the formats review tools read. */
@Command(
    name = "scan",
    mixinStandardHelpOptions = true,
    description = "Scan Java sources for serial awaits; no build needed.",
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {
      "0:clean (no finding at or above --fail-on)",
      "1:findings at or above --fail-on",
      "2:usage or configuration error",
      "3:incomplete scan: files that could not be read or analysed, or an internal error"
    })
final class ScanCommand implements Callable<Integer> {
  /** The threshold of {@code --fail-on}. */
  enum FailOn {
    WARNING,
    ERROR,
    NONE
  }

  @Mixin Common common = new Common();

  @Option(
      names = "--format",
      description =
          "text, json, sarif, checkstyle, rdjson (reviewdog) or codeclimate (GitLab Code"
              + " Quality) (default: ${DEFAULT-VALUE}).")
  Writers.Format format = Writers.Format.TEXT;

  @Option(
      names = "--output",
      paramLabel = "FILE",
      description = "Write the report here (default: stdout).")
  Path output;

  @Option(
      names = "--fail-on",
      description =
          "Exit 1 on findings of this severity or above: warning, error, none (default: ${DEFAULT-VALUE}).")
  FailOn failOn = FailOn.WARNING;

  @Option(
      names = "--baseline",
      paramLabel = "FILE",
      description = "Report only findings not in this baseline.")
  Path baseline;

  @Option(names = "--update-baseline", description = "Write all current findings to --baseline.")
  boolean updateBaseline;

  @Option(
      names = "--changed-since",
      paramLabel = "REF",
      description =
          "Report only findings whose loop or pipeline, or a hop of whose chain, is on a line"
              + " changed since REF (git: since the merge base of REF and HEAD, working tree"
              + " included).")
  String changedSince;

  @Option(
      names = "--diff",
      paramLabel = "FILE",
      description =
          "Report only findings on lines this unified diff adds or changes (- for stdin; paths"
              + " relative to the current directory, a/ and b/ prefixes dropped).")
  Path diff;

  @Option(names = "--no-resolve", hidden = true, description = "Parse only (for measuring).")
  boolean noResolve;

  @Option(
      names = "--cache",
      paramLabel = "DIR",
      description =
          "Keep each file's results here and reuse them while nothing they depend on changed"
              + " (default: $XDG_CACHE_HOME/lockstep or ~/.cache/lockstep, or"
              + " -Dlockstep.classFileCache=DIR).")
  Path cache;

  @Option(names = "--no-cache", description = "Analyse every file; read and write no cache.")
  boolean noCache;

  @Override
  public Integer call() {
    PrintStream err = System.err;
    try {
      return scan(err);
    } catch (Common.ConfigException e) {
      err.println("lockstep: " + e.getMessage());
      return Lockstep.USAGE;
    }
  }

  private int scan(PrintStream err) {
    if (updateBaseline && baseline == null) {
      throw new Common.ConfigException("--update-baseline needs --baseline FILE");
    }
    LockstepConfig config = common.config();
    List<Path> classpath = common.classpath();
    for (Path root : common.roots()) {
      if (!Files.exists(root)) {
        throw new Common.ConfigException("no such file or directory: " + root);
      }
    }
    Optional<ChangedLines> changed = changedLines();
    Baseline accepted = Baseline.empty();
    if (baseline != null && !updateBaseline && Files.exists(baseline)) {
      try {
        accepted = Baseline.read(baseline);
      } catch (IOException e) {
        throw new Common.ConfigException(e.getMessage());
      }
    } else if (baseline != null && !updateBaseline) {
      throw new Common.ConfigException(
          "baseline file does not exist: " + baseline + " (create it with --update-baseline)");
    }

    long start = System.nanoTime();
    Sources.Found sources = Sources.find(common.roots(), common.includeGenerated);
    Progress progress = Progress.forTerminal(err, sources.inputs().size());
    FrontEnd.Options options =
        new FrontEnd.Options(config, classpath, !noResolve, common.threads, common.strict());
    Optional<Path> cacheDirectory = cacheDirectory();
    FrontEnd.Result result =
        cacheDirectory.isPresent()
            ? IncrementalScan.scan(
                sources.inputs(), options, cacheDirectory.orElseThrow(), progress::parsed)
            : FrontEnd.scan(sources.inputs(), options, progress::parsed);
    progress.done();

    List<ReportFinding> findings = new ArrayList<>();
    for (FrontEnd.ScanFinding f : result.findings()) {
      String severity = Checks.severityOf(f.finding().check()).label();
      findings.add(new ReportFinding(f.finding(), severity, f.member(), f.snippet(), true));
    }
    int baselined = 0;
    int fixed = 0;
    if (updateBaseline) {
      try {
        Baseline.write(baseline, findings);
      } catch (IOException e) {
        throw new Common.ConfigException("cannot write the baseline: " + e.getMessage());
      }
      baselined = findings.size();
      findings = List.of();
    } else {
      Baseline.Match match = accepted.match(findings);
      baselined = match.baselined();
      fixed = match.fixed();
      findings = match.findings().stream().filter(ReportFinding::isNew).toList();
    }
    if (changed.isPresent()) {
      // The whole tree was read, so chains reach into unchanged files; only the report narrows.
      var locate = sources.locator();
      int all = findings.size();
      findings = findings.stream().filter(f -> changed.orElseThrow().touches(f, locate)).toList();
      err.println(
          "lockstep: "
              + (changedSince != null ? "--changed-since " + changedSince : "--diff " + diff)
              + ": "
              + findings.size()
              + " of "
              + all
              + " findings on changed lines of "
              + changed.orElseThrow().files()
              + " changed files");
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    List<FrontEnd.FileProblem> problems = new ArrayList<>(sources.problems());
    problems.addAll(result.problems());
    Report report =
        new Report(
            findings, problems, sources.skipped(), result.stats(), baselined, fixed, seconds);
    String text = Writers.write(format, report);
    try {
      if (output != null) {
        Path parent = output.toAbsolutePath().getParent();
        if (parent != null) {
          Files.createDirectories(parent);
        }
        Files.writeString(output, text, StandardCharsets.UTF_8);
      } else {
        System.out.print(text);
        System.out.flush();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (format != Writers.Format.TEXT || output != null) {
      for (FrontEnd.FileProblem p : report.problems()) {
        err.println(p.file() + ": not analysed: " + p.reason());
      }
    }
    err.println(report.summaryLine());
    return exitCode(report, failOn);
  }

  /** Where the incremental cache is, if one is used (ADR 0016). */
  private Optional<Path> cacheDirectory() {
    if (noCache && cache != null) {
      throw new Common.ConfigException("--cache and --no-cache cannot be used together");
    }
    if (noCache) {
      return Optional.empty();
    }
    return cache != null ? Optional.of(cache) : ClassTableCache.root();
  }

  /** The lines {@code --changed-since} or {@code --diff} keeps findings to, if either is given. */
  private Optional<ChangedLines> changedLines() {
    if (changedSince != null && diff != null) {
      throw new Common.ConfigException("--changed-since and --diff cannot be used together");
    }
    if ((changedSince != null || diff != null) && updateBaseline) {
      throw new Common.ConfigException(
          "--update-baseline records every finding: it cannot be used with --changed-since or"
              + " --diff");
    }
    if (changedSince != null) {
      return Optional.of(GitChanges.since(changedSince, common.roots()));
    }
    if (diff == null) {
      return Optional.empty();
    }
    String text;
    try {
      text =
          diff.toString().equals("-")
              ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
              : Files.readString(diff, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new Common.ConfigException("--diff: cannot read " + diff + ": " + e);
    }
    try {
      return Optional.of(UnifiedDiff.parse(text, Path.of("")));
    } catch (UnifiedDiff.MalformedDiff e) {
      throw new Common.ConfigException("--diff " + diff + ": " + e.getMessage());
    }
  }

  /** 3 for an incomplete scan (it wins: a partial scan is never clean), else 1 or 0. */
  static int exitCode(Report report, FailOn failOn) {
    if (!report.complete()) {
      return Lockstep.INCOMPLETE;
    }
    boolean failing =
        switch (failOn) {
          case WARNING -> !report.findings().isEmpty();
          case ERROR -> report.findings().stream().anyMatch(f -> f.severity().equals("error"));
          case NONE -> false;
        };
    return failing ? Lockstep.FINDINGS : Lockstep.CLEAN;
  }

  /** Parse progress on stderr, only on a terminal and outside CI. */
  static final class Progress {
    private final PrintStream err;
    private final int total;
    private final boolean enabled;

    private Progress(PrintStream err, int total, boolean enabled) {
      this.err = err;
      this.total = total;
      this.enabled = enabled;
    }

    // On JDK 22+ System.console() is never null; Console.isTerminal() (22+) tells instead.
    @SuppressWarnings("SystemConsoleNull")
    static Progress forTerminal(PrintStream err, int total) {
      java.io.Console console = System.console();
      boolean terminal = console != null && isTerminal(console) && System.getenv("CI") == null;
      return new Progress(err, total, terminal);
    }

    private static boolean isTerminal(java.io.Console console) {
      try {
        return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
      } catch (ReflectiveOperationException e) {
        return true; // JDK 21: a console exists only on a terminal
      }
    }

    void parsed(int done) {
      if (enabled && (done % 200 == 0 || done == total)) {
        err.print("\rlockstep: parsed " + done + "/" + total + " files");
        err.flush();
      }
    }

    void done() {
      if (enabled) {
        err.print("\r\033[K");
        err.flush();
      }
    }
  }
}
