package dev.lockstep.benchmarks.compile;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/** Renders the benchmark's results as Markdown tables, ready to paste into an issue. */
final class Markdown {
  /** The ratios worth reporting, numerator then denominator; shown when both were measured. */
  private static final List<List<String>> RATIOS =
      List.of(
          List.of("lockstep", "errorprone"),
          List.of("lockstep", "javac"),
          List.of("errorprone", "javac"),
          List.of("lockstep-only", "errorprone-nochecks"),
          List.of("errorprone-nochecks", "javac"));

  /** The goal: Lockstep adds at most 5 % to an Error Prone build (median of the runs). */
  private static final double GOAL = 1.05;

  private Markdown() {}

  static String measurements(
      List<Measurement> measurements, List<String> lockstepChecks, int warmup, boolean isolated) {
    StringBuilder md = new StringBuilder();
    md.append(environment(lockstepChecks));
    int runs =
        measurements.isEmpty()
            ? 0
            : measurements
                .getFirst()
                .seconds(measurements.getFirst().workloads().getFirst())
                .size();
    md.append(
        String.format(
            Locale.ROOT,
            "%d warm-up + %d measured rounds per variant, variants interleaved and rotated each"
                + " round; plugin classes %s.%n%n",
            warmup,
            runs,
            isolated
                ? "loaded afresh every run (--isolated-plugin-loader)"
                : "loaded once and kept warm across runs"));
    md.append(
        "| project | files | lines | variant | runs | wall median (s) | wall mean ± sd (s) | wall"
            + " 95 % CI of mean (s) | thread CPU median ± sd (s) | process CPU median ± sd (s) |"
            + " lines/s (wall) | findings | errors |\n");
    md.append("|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Measurement m : measurements) {
      for (String workload : m.workloads()) {
        Stats.Summary s = Stats.summarize(m.seconds(workload));
        Stats.Summary thread = Stats.summarize(m.times(workload, Metric.THREAD_CPU));
        Stats.Summary process = Stats.summarize(m.times(workload, Metric.PROCESS_CPU));
        Outcome outcome = m.outcome(workload);
        int lockstepFindings = outcome.findingsOf(lockstepChecks);
        String findings =
            workload.contains("lockstep")
                ? outcome.findings() + " (Lockstep " + lockstepFindings + ")"
                : Integer.toString(outcome.findings());
        md.append(
            String.format(
                Locale.ROOT,
                "| %s | %,d | %,d | %s | %d | %.2f | %.2f ± %.2f | %.2f – %.2f | %.2f ± %.2f |"
                    + " %.2f ± %.2f | %,d | %s | %d |%n",
                m.project(),
                m.files(),
                m.lines(),
                workload,
                s.n(),
                s.median(),
                s.mean(),
                s.stddev(),
                s.ciLow(),
                s.ciHigh(),
                thread.median(),
                thread.stddev(),
                process.median(),
                process.stddev(),
                Math.round(m.lines() / s.median()),
                findings,
                outcome.errors()));
      }
    }
    md.append('\n');
    for (Measurement m : measurements) {
      md.append(loadAverage(m));
    }
    md.append('\n');
    List<List<String>> ratios =
        RATIOS.stream()
            .filter(pair -> measurements.stream().allMatch(m -> m.workloads().containsAll(pair)))
            .toList();
    boolean goal = ratios.contains(RATIOS.getFirst());
    if (!ratios.isEmpty()) {
      md.append("Ratios of medians, [95 % bootstrap interval], in each measure:\n\n");
      md.append("| project | measure |");
      for (List<String> pair : ratios) {
        md.append(' ').append(pair.get(0)).append(" / ").append(pair.get(1)).append(" |");
      }
      md.append(
          goal
              ? " Lockstep adds to an Error Prone build (goal ≤ 5 % of thread CPU; wall beside"
                  + " it) |\n"
              : "\n");
      md.append("|---|---|").append("---:|".repeat(ratios.size())).append(goal ? "---|\n" : "\n");
      for (Measurement m : measurements) {
        for (Metric metric : Metric.values()) {
          md.append("| ").append(m.project()).append(" | ").append(metric.label()).append(" |");
          for (List<String> pair : ratios) {
            Stats.Ratio r = ratio(m, pair, metric);
            md.append(
                String.format(Locale.ROOT, " %.3f [%.3f, %.3f] |", r.ratio(), r.low(), r.high()));
          }
          if (goal) {
            md.append(' ').append(verdict(m, metric)).append(" |");
          }
          md.append('\n');
        }
      }
      md.append('\n');
    }
    md.append(selfTime(measurements, lockstepChecks));
    for (Measurement m : measurements) {
      for (String inconsistency : m.inconsistencies()) {
        md.append("- ").append(m.project()).append(", not deterministic: ").append(inconsistency);
        md.append('\n');
      }
      for (String workload : m.workloads()) {
        Outcome outcome = m.outcome(workload);
        if (!outcome.success() || !outcome.crashes().isEmpty()) {
          md.append(
              String.format(
                  Locale.ROOT,
                  "- %s, %s FAILED: %d errors, %d crashes; first errors: %s%n",
                  m.project(),
                  workload,
                  outcome.errors(),
                  outcome.crashes().size(),
                  outcome.otherErrors()));
          for (Outcome.Crash crash : outcome.crashes()) {
            md.append("  - crash of ").append(crash.check()).append(" at ");
            md.append(crash.location()).append('\n');
          }
        }
      }
    }
    return md.toString();
  }

  /**
   * Lockstep's self time as Error Prone's per-check stopwatches saw it in each {@code lockstep}
   * run, over the rest of that same compile (javac and Error Prone's own checks): what Lockstep
   * adds to an Error Prone build, read inside each compile instead of as the difference of two
   * noisy compiles (see {@link CheckTimings}). Both parts are wall time of one compile on one
   * thread, so waiting for a core dilutes them alike. Empty when the timers were not read.
   */
  private static String selfTime(List<Measurement> measurements, List<String> lockstepChecks) {
    StringBuilder md = new StringBuilder();
    for (Measurement m : measurements) {
      if (!m.workloads().contains("lockstep")) {
        continue;
      }
      List<Double> self = m.checkSeconds("lockstep", lockstepChecks);
      if (self.isEmpty()) {
        continue;
      }
      if (md.isEmpty()) {
        md.append(
            "Lockstep's self time: Error Prone's own stopwatch around every call of a Lockstep"
                + " check (summaries included), summed per `lockstep` compile, over the rest of"
                + " that compile's wall time; median over the runs:\n\n");
        md.append(
            "| project | Lockstep self time median ± sd (s) | each check, median (s) | all checks,"
                + " median (s) | lockstep compile wall median (s) | Lockstep adds [95 %] |"
                + " goal ≤ 5 % |\n");
        md.append("|---|---:|---|---:|---:|---:|---|\n");
      }
      List<Double> wall = m.times("lockstep", Metric.WALL);
      List<Double> added = new ArrayList<>();
      for (int i = 0; i < self.size(); i++) {
        added.add(self.get(i) / (wall.get(i) - self.get(i)));
      }
      Stats.Ratio share = Stats.medianOf(added);
      StringBuilder each = new StringBuilder();
      for (String check : lockstepChecks) {
        double median = Stats.summarize(m.checkSeconds("lockstep", List.of(check))).median();
        each.append(each.isEmpty() ? "" : ", ")
            .append(String.format(Locale.ROOT, "%s %.3f", check, median));
      }
      Stats.Summary selfSummary = Stats.summarize(self);
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %.3f ± %.3f | %s | %.2f | %.2f | %+.2f %% [%+.2f, %+.2f] | %s |%n",
              m.project(),
              selfSummary.median(),
              selfSummary.stddev(),
              each,
              Stats.summarize(m.checkSeconds("lockstep", m.timedChecks("lockstep"))).median(),
              Stats.summarize(wall).median(),
              share.ratio() * 100,
              share.low() * 100,
              share.high() * 100,
              goalVerdict(share)));
    }
    return md.isEmpty() ? "" : md.append('\n').toString();
  }

  private static String goalVerdict(Stats.Ratio added) {
    if (added.high() + 1 <= GOAL) {
      return "**meets**";
    }
    return added.ratio() + 1 <= GOAL ? "**meets** (interval crosses 5 %)" : "**misses**";
  }

  private static Stats.Ratio ratio(Measurement m, List<String> pair, Metric metric) {
    return Stats.ratioOfMedians(m.times(pair.get(0), metric), m.times(pair.get(1), metric));
  }

  /**
   * What Lockstep adds to an Error Prone build in {@code metric}; on the thread-CPU row, the
   * verdict on the goal, with wall time beside it.
   */
  private static String verdict(Measurement m, Metric metric) {
    Stats.Ratio r = ratio(m, RATIOS.getFirst(), metric);
    String added = String.format(Locale.ROOT, "%+.1f %%", (r.ratio() - 1) * 100);
    if (metric != Metric.THREAD_CPU) {
      return added;
    }
    Stats.Ratio wall = ratio(m, RATIOS.getFirst(), Metric.WALL);
    String judged =
        r.ratio() <= GOAL
            ? (r.high() <= GOAL ? "meets" : "meets (interval crosses 5 %)")
            : "misses";
    return String.format(
        Locale.ROOT, "%s — **%s** (wall %+.1f %%)", added, judged, (wall.ratio() - 1) * 100);
  }

  /** The load the runs shared the machine with: 1-minute load average after each measured run. */
  private static String loadAverage(Measurement m) {
    double[] loads = m.loadAverages().stream().mapToDouble(Double::doubleValue).toArray();
    if (loads.length == 0 || loads[0] < 0) {
      return "- " + m.project() + ": load average not available\n";
    }
    return String.format(
        Locale.ROOT,
        "- %s: 1-minute load average after the measured runs %.1f – %.1f (median %.1f) on %d"
            + " cores%n",
        m.project(),
        Arrays.stream(loads).min().orElseThrow(),
        Arrays.stream(loads).max().orElseThrow(),
        Stats.median(loads),
        Runtime.getRuntime().availableProcessors());
  }

  static String robustness(List<CompileOverhead.Robustness> results, List<String> checks) {
    StringBuilder md = new StringBuilder();
    md.append(environment(checks));
    md.append(
        "Robustness: each project compiled once with Error Prone running Lockstep's checks"
            + " only.\n\n");
    md.append("| project | files | lines | crashes | other errors |");
    for (String check : checks) {
      md.append(' ').append(check).append(" |");
    }
    md.append("\n|---|---:|---:|---:|---:|").append("---:|".repeat(checks.size())).append('\n');
    for (CompileOverhead.Robustness result : results) {
      Outcome outcome = result.outcome();
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %,d | %,d | %d | %d |",
              result.project(),
              result.files(),
              result.lines(),
              outcome.crashes().size(),
              outcome.otherErrors().size()));
      for (String check : checks) {
        md.append(' ').append(outcome.findingsPerCheck().getOrDefault(check, 0)).append(" |");
      }
      md.append('\n');
    }
    md.append('\n');
    for (CompileOverhead.Robustness result : results) {
      for (Outcome.Crash crash : result.outcome().crashes()) {
        md.append("### Crash: ").append(crash.check()).append(" on ").append(result.project());
        md.append(" at ").append(crash.location()).append("\n\n```\n");
        md.append(crash.message().strip()).append("\n```\n\n");
      }
      for (String error : result.outcome().otherErrors()) {
        md.append("- ").append(result.project()).append(": ").append(error).append('\n');
      }
    }
    return md.toString();
  }

  private static String environment(List<String> lockstepChecks) {
    return String.format(
        Locale.ROOT,
        "JDK %s, %d cores, max heap %d MiB, Error Prone %s; Lockstep checks (%d): %s%n%n",
        Runtime.version(),
        Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20,
        errorProneVersion(),
        lockstepChecks.size(),
        String.join(", ", lockstepChecks));
  }

  private static String errorProneVersion() {
    String resource = "META-INF/maven/com.google.errorprone/error_prone_core/pom.properties";
    try (InputStream in = Markdown.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        return "(version unknown)";
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version", "(version unknown)");
    } catch (IOException e) {
      return "(version unknown: " + e.getMessage() + ")";
    }
  }
}
