package dev.lockstep.benchmarks.compile;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The scanner's throughput over the compile benchmark's corpus: lines per second parsing only
 * ({@code --no-resolve}) and with symbol resolution, per project.
 *
 * <p>Each run is the shipped jar ({@code java -jar lockstep-scanner.jar scan}) in a fresh JVM, as a
 * CI job runs it, over the project's sources written out of its sources jar, resolving against the
 * project's classpath jars. Reported: the scanner's own line count and wall time (from its JSON
 * summary), the JVM's CPU time (sampled from the OS while it runs: a shared machine's wall time is
 * noisy, CPU time much less), and the findings and failed resolutions, which must not change with a
 * speed-up.
 *
 * <pre>
 * java -cp ... dev.lockstep.benchmarks.compile.ScannerThroughput \
 *     --jar scanner/target/lockstep-scanner.jar [--corpus benchmarks/target/corpus] \
 *     [--projects a,b] [--threads N] [--java PATH]
 * </pre>
 */
public final class ScannerThroughput {
  private static final List<String> DEFAULT_PROJECTS =
      List.of("commons-lang3", "guava", "jackson-databind", "caffeine");

  private ScannerThroughput() {}

  /** One scanner run. */
  record Run(
      String project,
      boolean resolve,
      long lines,
      double wallSeconds,
      double cpuSeconds,
      int findings,
      int resolutions,
      int unresolved,
      int notAnalysed) {
    double linesPerSecond() {
      return wallSeconds <= 0 ? 0 : lines / wallSeconds;
    }

    double linesPerCpuSecond() {
      return cpuSeconds <= 0 ? 0 : lines / cpuSeconds;
    }
  }

  public static void main(String[] args) throws Exception {
    Path jar = null;
    Path corpusRoot = Path.of("benchmarks/target/corpus");
    List<String> projects = DEFAULT_PROJECTS;
    int threads = Runtime.getRuntime().availableProcessors();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--jar" -> jar = Path.of(args[++i]);
        case "--corpus" -> corpusRoot = Path.of(args[++i]);
        case "--projects" -> projects = List.of(args[++i].split(","));
        case "--threads" -> threads = Integer.parseInt(args[++i]);
        case "--java" -> java = args[++i];
        default -> throw new IllegalArgumentException("unknown argument: " + args[i]);
      }
    }
    if (jar == null || !Files.isRegularFile(jar)) {
      throw new IllegalArgumentException(
          "--jar: the scanner's jar (./mvnw -pl scanner -am package -DskipTests)");
    }
    List<Run> runs = new ArrayList<>();
    for (String name : projects) {
      Corpus corpus = Corpus.load(corpusRoot, name);
      Path dir = Files.createTempDirectory("lockstep-scan-" + name);
      for (SourceFile file : corpus.sources()) {
        Path out = dir.resolve(file.path());
        Files.createDirectories(out.getParent());
        Files.writeString(out, file.getCharContent(true), UTF_8);
      }
      for (boolean resolve : new boolean[] {false, true}) {
        runs.add(run(java, jar, corpus, dir, resolve, threads));
      }
    }
    System.out.println(table(runs, threads));
  }

  private static Run run(
      String java, Path jar, Corpus corpus, Path dir, boolean resolve, int threads)
      throws IOException, InterruptedException {
    Path report = Files.createTempFile("lockstep-scan", ".json");
    List<String> command = new ArrayList<>();
    command.addAll(
        List.of(java, "-jar", jar.toString(), "scan", "--format=json", "--fail-on=none"));
    command.add("--threads=" + threads);
    command.add("--output=" + report);
    if (!resolve) {
      command.add("--no-resolve");
    }
    for (Path entry : corpus.classpath()) {
      command.add("--classpath=" + entry);
    }
    command.add(dir.toString());
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    Duration cpu = Duration.ZERO;
    while (!process.waitFor(100, TimeUnit.MILLISECONDS)) {
      Optional<Duration> sample = process.info().totalCpuDuration();
      if (sample.isPresent()) {
        cpu = sample.orElseThrow();
      }
    }
    if (process.exitValue() > 1) {
      throw new IllegalStateException(
          "scanner exited " + process.exitValue() + " on " + corpus.name() + ": " + command);
    }
    String json = Files.readString(report, UTF_8);
    Files.deleteIfExists(report);
    return new Run(
        corpus.name(),
        resolve,
        number(json, "lines"),
        decimal(json, "seconds"),
        cpu.toNanos() / 1e9,
        (int) number(json, "findings"),
        (int) number(json, "resolutions"),
        (int) number(json, "unresolved"),
        (int) number(json, "filesNotAnalysed"));
  }

  /** A number field of the report's {@code summary}. */
  static long number(String json, String field) {
    return (long) decimal(json, field);
  }

  static double decimal(String json, String field) {
    Matcher m = Pattern.compile("\"" + field + "\"\\s*:\\s*([0-9.]+)").matcher(json);
    if (!m.find()) {
      throw new IllegalStateException("no \"" + field + "\" in the scanner's report");
    }
    return Double.parseDouble(m.group(1));
  }

  /** The Markdown table of {@code runs}. */
  static String table(List<Run> runs, int threads) {
    StringBuilder s = new StringBuilder();
    s.append(
        String.format(
            Locale.ROOT,
            "Scanner throughput, %d threads, %d processors; load average %s%n%n",
            threads,
            Runtime.getRuntime().availableProcessors(),
            loadAverage()));
    s.append(
        "| project | resolve | lines | wall s | CPU s | lines/s | lines/CPU-s | findings |"
            + " resolutions | failed | not analysed |\n");
    s.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Run r : runs) {
      s.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %d | %.1f | %.1f | %.0f | %.0f | %d | %d | %d | %d |%n",
              r.project(),
              r.resolve() ? "yes" : "no",
              r.lines(),
              r.wallSeconds(),
              r.cpuSeconds(),
              r.linesPerSecond(),
              r.linesPerCpuSecond(),
              r.findings(),
              r.resolutions(),
              r.unresolved(),
              r.notAnalysed()));
    }
    return s.toString();
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg"), UTF_8).split(" ", 4)[0];
    } catch (IOException | RuntimeException e) {
      return "?";
    }
  }
}
