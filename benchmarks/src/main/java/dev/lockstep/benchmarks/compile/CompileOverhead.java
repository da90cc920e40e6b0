package dev.lockstep.benchmarks.compile;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The compile-overhead benchmark's command line. Three modes:
 *
 * <ul>
 *   <li><b>measure</b> (default): every project × every variant, warm-up rounds then measured
 *       rounds, the variants interleaved and rotated each round (ABC, BCA, CAB, ...) so that drift
 *       and the previous run's garbage hit all alike; prints Markdown tables of times, lines per
 *       second and the ratios Lockstep / Error Prone and Lockstep / javac with 95 % intervals.
 *   <li><b>profile</b> ({@code --variant V --repeat N}): one variant, N runs in a row, for a
 *       profiler attached to this JVM (JFR: see benchmarks/README.md).
 *   <li><b>robustness</b> ({@code --robustness}): every project once with Lockstep's checks only;
 *       reports each check's findings and every crash, and exits 1 if any check crashed.
 * </ul>
 */
public final class CompileOverhead {
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");
  private static final Pattern COMMA = Pattern.compile(",");

  private static final String USAGE =
      """
      usage: CompileOverhead [--corpus DIR] [--projects a,b] [options]
        --corpus DIR            projects laid out as DIR/<name>/{sources,classpath}/*.jar
                                (default target/corpus)
        --projects a,b          which projects (default: every one under --corpus)
        --variants a,b          workloads to measure side by side (default javac,errorprone,lockstep;
                                also errorprone-nochecks, lockstep-only)
        --warmup N              unmeasured rounds first (default 2)
        --iterations N          measured rounds (default 5)
        --variant V --repeat N  profile mode: V only, N runs in a row (after --warmup rounds)
        --robustness            Lockstep's checks over each project once: findings and crashes
        --isolated-plugin-loader  load Error Prone afresh each run, as a build tool does
        --args "..."            more arguments in one string (how Maven passes them)
      """;

  private CompileOverhead() {}

  /** Runs the command line; exits non-zero when a run failed or a check crashed. */
  public static void main(String[] args) throws IOException {
    int status = run(Arrays.asList(args), System.out, System.err);
    if (status != 0) {
      System.exit(status);
    }
  }

  /** Runs the command line, printing results to {@code out} and progress to {@code log}. */
  public static int run(List<String> args, PrintStream out, PrintStream log) throws IOException {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      log.println(e.getMessage());
      log.print(USAGE);
      return 2;
    }
    if (options.help()) {
      out.print(USAGE);
      return 0;
    }
    List<String> projects =
        options.projects().isEmpty() ? Corpus.available(options.corpus()) : options.projects();
    if (projects.isEmpty()) {
      log.println("no project under " + options.corpus().toAbsolutePath());
      return 2;
    }
    Map<String, Workload> known = workloads(options.isolatedPluginLoader());
    if (options.robustness()) {
      return robustness(options, projects, out, log);
    }
    List<String> names =
        options.profileVariant() != null ? List.of(options.profileVariant()) : options.variants();
    List<Workload> workloads = new ArrayList<>();
    for (String name : names) {
      Workload workload = known.get(name);
      if (workload == null) {
        log.println("unknown variant '" + name + "'; known: " + known.keySet());
        return 2;
      }
      workloads.add(workload);
    }
    List<Measurement> measurements = new ArrayList<>();
    for (String project : projects) {
      Corpus corpus = Corpus.load(options.corpus(), project);
      log.printf(
          Locale.ROOT,
          "[%s] %d files, %d non-blank lines, %d jars on the class path%n",
          project,
          corpus.sources().size(),
          corpus.nonBlankLines(),
          corpus.classpath().size());
      measurements.add(
          options.profileVariant() != null
              ? measure(corpus, workloads, options.warmup(), options.repeat(), false, log)
              : measure(corpus, workloads, options.warmup(), options.iterations(), true, log));
    }
    out.print(
        Markdown.measurements(
            measurements, lockstepChecks(known), options.warmup(), options.isolatedPluginLoader()));
    return measurements.stream().allMatch(CompileOverhead::clean) ? 0 : 1;
  }

  /**
   * The workloads the harness knows, by name, in table order. The scanner's workloads (with and
   * without symbol resolution) are to be added here.
   */
  static Map<String, Workload> workloads(boolean isolatedPluginLoader) {
    Map<String, Workload> workloads = new LinkedHashMap<>();
    for (JavacWorkload.Variant variant : JavacWorkload.Variant.values()) {
      workloads.put(variant.label(), JavacWorkload.of(variant, isolatedPluginLoader));
    }
    return workloads;
  }

  /**
   * Runs {@code warmup} unmeasured rounds, then {@code iterations} measured ones, of every workload
   * over {@code corpus}. With {@code interleave} each round runs every workload once, the order
   * rotated by one each round; without, each workload runs all its rounds in a row.
   */
  public static Measurement measure(
      Corpus corpus,
      List<? extends Workload> workloads,
      int warmup,
      int iterations,
      boolean interleave,
      PrintStream log) {
    Measurement measurement = new Measurement(corpus, workloads);
    int rounds = warmup + iterations;
    if (interleave) {
      for (int round = 0; round < rounds; round++) {
        for (int i = 0; i < workloads.size(); i++) {
          Workload workload = workloads.get((round + i) % workloads.size());
          timedRun(corpus, workload, round, warmup, rounds, measurement, log);
        }
      }
    } else {
      for (Workload workload : workloads) {
        for (int round = 0; round < rounds; round++) {
          timedRun(corpus, workload, round, warmup, rounds, measurement, log);
        }
      }
    }
    return measurement;
  }

  private static void timedRun(
      Corpus corpus,
      Workload workload,
      int round,
      int warmup,
      int rounds,
      Measurement measurement,
      PrintStream log) {
    // The previous run's garbage is collected here, not in the middle of the next timed run.
    System.gc();
    RunTime.Stopwatch stopwatch = RunTime.start();
    Outcome outcome = workload.run(corpus);
    RunTime time = stopwatch.stop();
    boolean measured = round >= warmup;
    measurement.record(workload.name(), time, outcome, measured);
    log.printf(
        Locale.ROOT,
        "[%s] round %d/%d%s %-20s wall %7.2f s, thread CPU %7.2f s, process CPU %7.2f s"
            + "  errors %d, warnings %d, findings %d, crashes %d%n",
        corpus.name(),
        round + 1,
        rounds,
        measured ? "" : " (warm-up)",
        workload.name(),
        time.wall(),
        time.threadCpu(),
        time.processCpu(),
        outcome.errors(),
        outcome.warnings(),
        outcome.findings(),
        outcome.crashes().size());
  }

  /**
   * Lockstep's checks swallow their own exceptions (a check must never break a build) unless this
   * system property is true; the robustness run sets it, so that every exception is a crash here.
   */
  static final String STRICT_PROPERTY = "lockstep.strict";

  private static int robustness(
      Options options, List<String> projects, PrintStream out, PrintStream log) throws IOException {
    String strict = System.setProperty(STRICT_PROPERTY, "true");
    try {
      return robustnessStrict(options, projects, out, log);
    } finally {
      if (strict == null) {
        System.clearProperty(STRICT_PROPERTY);
      } else {
        System.setProperty(STRICT_PROPERTY, strict);
      }
    }
  }

  private static int robustnessStrict(
      Options options, List<String> projects, PrintStream out, PrintStream log) throws IOException {
    JavacWorkload lockstep =
        JavacWorkload.of(JavacWorkload.Variant.LOCKSTEP_ONLY, options.isolatedPluginLoader());
    List<Robustness> results = new ArrayList<>();
    for (String project : projects) {
      Corpus corpus = Corpus.load(options.corpus(), project);
      long start = System.nanoTime();
      Outcome outcome = lockstep.run(corpus);
      double seconds = (System.nanoTime() - start) / 1e9;
      log.printf(
          Locale.ROOT,
          "[%s] Lockstep checks only: %.1f s, %d findings, %d crashes, %d other errors%n",
          project,
          seconds,
          outcome.findings(),
          outcome.crashes().size(),
          outcome.otherErrors().size());
      results.add(
          new Robustness(project, corpus.sources().size(), corpus.nonBlankLines(), outcome));
    }
    out.print(Markdown.robustness(results, lockstep.lockstepChecks()));
    return results.stream().allMatch(result -> result.outcome().crashes().isEmpty()) ? 0 : 1;
  }

  /** One project's robustness run. */
  record Robustness(String project, int files, long lines, Outcome outcome) {}

  private static List<String> lockstepChecks(Map<String, Workload> workloads) {
    for (Workload workload : workloads.values()) {
      if (workload instanceof JavacWorkload javac) {
        return javac.lockstepChecks();
      }
    }
    return List.of();
  }

  private static boolean clean(Measurement measurement) {
    return measurement.workloads().stream()
        .map(measurement::outcome)
        .allMatch(outcome -> outcome.success() && outcome.crashes().isEmpty());
  }

  /** The parsed command line. */
  record Options(
      Path corpus,
      List<String> projects,
      List<String> variants,
      int warmup,
      int iterations,
      String profileVariant,
      int repeat,
      boolean robustness,
      boolean isolatedPluginLoader,
      boolean help) {

    static Options parse(List<String> arguments) {
      List<String> args = new ArrayList<>();
      for (int i = 0; i < arguments.size(); i++) {
        if (arguments.get(i).equals("--args") && i + 1 < arguments.size()) {
          String more = arguments.get(++i).strip();
          if (!more.isEmpty()) {
            args.addAll(Arrays.asList(WHITESPACE.split(more)));
          }
        } else {
          args.add(arguments.get(i));
        }
      }
      Path corpus = Path.of("target", "corpus");
      List<String> projects = List.of();
      List<String> variants = List.of("javac", "errorprone", "lockstep");
      int warmup = 2;
      int iterations = 5;
      String profileVariant = null;
      int repeat = 10;
      boolean robustness = false;
      boolean isolated = false;
      boolean help = false;
      for (int i = 0; i < args.size(); i++) {
        String arg = args.get(i);
        switch (arg) {
          case "--corpus" -> corpus = Path.of(value(args, ++i, arg));
          case "--projects" -> projects = list(value(args, ++i, arg));
          case "--variants" -> variants = list(value(args, ++i, arg));
          case "--warmup" -> warmup = count(value(args, ++i, arg), arg, 0);
          case "--iterations" -> iterations = count(value(args, ++i, arg), arg, 1);
          case "--variant" -> profileVariant = value(args, ++i, arg);
          case "--repeat" -> repeat = count(value(args, ++i, arg), arg, 1);
          case "--robustness" -> robustness = true;
          case "--isolated-plugin-loader" -> isolated = true;
          case "--help", "-h" -> help = true;
          default -> throw new IllegalArgumentException("unknown argument '" + arg + "'");
        }
      }
      return new Options(
          corpus,
          projects,
          variants,
          warmup,
          iterations,
          profileVariant,
          repeat,
          robustness,
          isolated,
          help);
    }

    private static String value(List<String> args, int index, String flag) {
      if (index >= args.size()) {
        throw new IllegalArgumentException(flag + " needs a value");
      }
      return args.get(index);
    }

    private static List<String> list(String value) {
      return Arrays.stream(COMMA.split(value))
          .map(String::strip)
          .filter(s -> !s.isEmpty())
          .toList();
    }

    private static int count(String value, String flag, int minimum) {
      try {
        int count = Integer.parseInt(value);
        if (count >= minimum) {
          return count;
        }
      } catch (NumberFormatException e) {
        // Reported below with the flag's name.
      }
      throw new IllegalArgumentException(flag + " needs a whole number >= " + minimum);
    }
  }
}
