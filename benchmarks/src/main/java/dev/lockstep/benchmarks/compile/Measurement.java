package dev.lockstep.benchmarks.compile;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The measured runs of every workload over one project, and what each reported. Holds no sources,
 * so a project's corpus can be dropped once it is measured.
 */
public final class Measurement {
  private final String project;
  private final int files;
  private final long lines;
  private final Map<String, Map<Metric, List<Double>>> times = new LinkedHashMap<>();
  private final List<Double> loadAverages = new ArrayList<>();
  private final Map<String, Outcome> outcomes = new LinkedHashMap<>();
  private final List<String> inconsistencies = new ArrayList<>();
  private final Map<String, List<Map<String, Double>>> checkSeconds = new LinkedHashMap<>();

  Measurement(Corpus corpus, List<? extends Workload> workloads) {
    this.project = corpus.name();
    this.files = corpus.sources().size();
    this.lines = corpus.nonBlankLines();
    for (Workload workload : workloads) {
      Map<Metric, List<Double>> byMetric = new EnumMap<>(Metric.class);
      for (Metric metric : Metric.values()) {
        byMetric.put(metric, new ArrayList<>());
      }
      times.put(workload.name(), byMetric);
      checkSeconds.put(workload.name(), new ArrayList<>());
    }
  }

  /** Records one run; every run of a workload must report the same diagnostics as the first. */
  void record(String workload, RunTime time, Outcome outcome, boolean measured) {
    Outcome first = outcomes.putIfAbsent(workload, outcome);
    if (first != null
        && (first.errors() != outcome.errors()
            || !first.findingsPerCheck().equals(outcome.findingsPerCheck()))) {
      inconsistencies.add(
          workload
              + ": a run reported "
              + outcome.findingsPerCheck()
              + " and "
              + outcome.errors()
              + " errors, the first "
              + first.findingsPerCheck()
              + " and "
              + first.errors());
    }
    if (!outcome.crashes().isEmpty() || !outcome.success()) {
      // A failed run is the one worth showing: keep it over a clean one.
      outcomes.put(workload, outcome);
    }
    if (measured) {
      for (Metric metric : Metric.values()) {
        times.get(workload).get(metric).add(time.in(metric));
      }
      checkSeconds.get(workload).add(outcome.checkSeconds());
      // The machine's 1-minute load average as the run ended (negative where unavailable).
      loadAverages.add(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
  }

  /** The project's name. */
  public String project() {
    return project;
  }

  /** How many files were compiled. */
  public int files() {
    return files;
  }

  /** Non-blank lines compiled. */
  public long lines() {
    return lines;
  }

  /** The workloads measured, in the order given. */
  public List<String> workloads() {
    return List.copyOf(times.keySet());
  }

  /** The measured (not warm-up) wall times of {@code workload}, in seconds, in run order. */
  public List<Double> seconds(String workload) {
    return times(workload, Metric.WALL);
  }

  /** The measured (not warm-up) times of {@code workload} in {@code metric}, in run order. */
  public List<Double> times(String workload, Metric metric) {
    return List.copyOf(times.get(workload).get(metric));
  }

  /**
   * Seconds Error Prone timed in the checks named in {@code checks}, summed, per measured run of
   * {@code workload}, in run order; empty if the timers could not be read.
   */
  public List<Double> checkSeconds(String workload, List<String> checks) {
    List<Map<String, Double>> runs = checkSeconds.get(workload);
    if (runs.stream().anyMatch(Map::isEmpty)) {
      return List.of();
    }
    return runs.stream()
        .map(run -> checks.stream().mapToDouble(check -> run.getOrDefault(check, 0.0)).sum())
        .toList();
  }

  /** Every check Error Prone timed in any measured run of {@code workload}, sorted. */
  public List<String> timedChecks(String workload) {
    return checkSeconds.get(workload).stream()
        .flatMap(run -> run.keySet().stream())
        .distinct()
        .sorted()
        .toList();
  }

  /** The system's 1-minute load average at the end of each measured run, in run order. */
  public List<Double> loadAverages() {
    return List.copyOf(loadAverages);
  }

  /** What {@code workload} reported: its first run's outcome, or a failed one if any failed. */
  public Outcome outcome(String workload) {
    return outcomes.get(workload);
  }

  /** Runs of one workload that disagreed on their diagnostics (should never happen). */
  public List<String> inconsistencies() {
    return List.copyOf(inconsistencies);
  }
}
