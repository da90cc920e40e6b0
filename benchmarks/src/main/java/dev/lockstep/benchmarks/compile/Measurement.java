package dev.lockstep.benchmarks.compile;

import java.util.ArrayList;
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
  private final Map<String, List<Double>> seconds = new LinkedHashMap<>();
  private final Map<String, Outcome> outcomes = new LinkedHashMap<>();
  private final List<String> inconsistencies = new ArrayList<>();

  Measurement(Corpus corpus, List<? extends Workload> workloads) {
    this.project = corpus.name();
    this.files = corpus.sources().size();
    this.lines = corpus.nonBlankLines();
    for (Workload workload : workloads) {
      seconds.put(workload.name(), new ArrayList<>());
    }
  }

  /** Records one run; every run of a workload must report the same diagnostics as the first. */
  void record(String workload, double runSeconds, Outcome outcome, boolean measured) {
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
      seconds.get(workload).add(runSeconds);
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
    return List.copyOf(seconds.keySet());
  }

  /** The measured (not warm-up) run times of {@code workload}, in seconds, in run order. */
  public List<Double> seconds(String workload) {
    return List.copyOf(seconds.get(workload));
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
