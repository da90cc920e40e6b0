package dev.lockstep.benchmarks.compile;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.annotations.ResourceParallelism;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps the compile-overhead benchmark from rotting: the harness runs on a small real project
 * (gson, fetched by the default build) with no warm-up and one round per variant. Nothing here
 * asserts a time; it asserts that each variant really is what its name says.
 */
final class CompileOverheadSmokeTest {
  private static final Path CORPUS = Path.of("target", "corpus");
  private static final String MISUSE_CHECK = "LockstepAnnotationMisuse";
  private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

  @Test
  void everyVariantCompilesARealProjectCleanly() throws IOException {
    Corpus gson = Corpus.load(CORPUS, "gson");
    assertTrue(gson.sources().size() > 50, "gson has its ~80 files: " + gson.sources().size());
    assertTrue(gson.nonBlankLines() > 10_000, "gson has ~19 k lines: " + gson.nonBlankLines());
    assertTrue(
        gson.sources().stream().noneMatch(file -> file.path().endsWith("module-info.java")),
        "module-info.java is left out");

    Map<String, Workload> known = CompileOverhead.workloads(false);
    List<Workload> variants =
        List.of(known.get("javac"), known.get("errorprone"), known.get("lockstep"));
    Measurement measurement = CompileOverhead.measure(gson, variants, 0, 1, true, QUIET);

    for (Workload variant : variants) {
      Outcome outcome = measurement.outcome(variant.name());
      assertAll(
          variant.name(),
          () -> assertTrue(outcome.success(), "compiled: " + outcome.otherErrors()),
          () -> assertEquals(0, outcome.errors(), "errors: " + outcome.otherErrors()),
          () -> assertEquals(List.of(), outcome.crashes(), "crashes"),
          () -> assertEquals(1, measurement.seconds(variant.name()).size(), "one measured run"),
          () -> assertTrue(measurement.seconds(variant.name()).getFirst() > 0, "a time"),
          () -> assertCpuTimesFit(measurement, variant.name()));
    }
    assertEquals(Map.of(), measurement.outcome("javac").findingsPerCheck(), "no Error Prone");

    // Error Prone's per-check stopwatches: Lockstep's checks ran (and were timed) only where on.
    List<String> lockstepChecks = LockstepChecks.discover(getClass().getClassLoader());
    Map<String, Double> lockstepRun = measurement.outcome("lockstep").checkSeconds();
    Map<String, Double> errorProneRun = measurement.outcome("errorprone").checkSeconds();
    assertTrue(lockstepRun.keySet().containsAll(lockstepChecks), "timed: " + lockstepRun);
    assertTrue(
        lockstepChecks.stream().noneMatch(errorProneRun::containsKey),
        "Lockstep's checks are off in the errorprone variant: " + errorProneRun);
    assertTrue(errorProneRun.size() > 100, "Error Prone's defaults timed: " + errorProneRun.size());
    double self = measurement.checkSeconds("lockstep", lockstepChecks).getFirst();
    assertTrue(
        self > 0 && self < measurement.times("lockstep", Metric.WALL).getFirst(),
        "Lockstep's self time is part of its compile: " + self);
    assertEquals(Map.of(), measurement.outcome("javac").checkSeconds(), "no Error Prone timers");

    String table = Markdown.measurements(List.of(measurement), lockstepChecks, 0, false);
    assertTrue(table.contains("Lockstep's self time"), table);
    assertTrue(table.contains("| gson | " + String.format(Locale.ROOT, "%.3f", self)), table);
    assertTrue(table.contains("| gson | "), table);
    assertTrue(table.contains("lockstep / errorprone"), table);
    assertTrue(table.contains("Lockstep adds to an Error Prone build"), table);
    assertTrue(table.contains("thread CPU median ± sd (s)"), table);
    for (Metric metric : Metric.values()) {
      assertTrue(table.contains("| gson | " + metric.label() + " | "), "a ratio row: " + table);
    }
    assertTrue(table.contains("**meets") || table.contains("**misses"), "a verdict: " + table);
    assertTrue(table.contains("load average"), table);
    assertEquals(3, measurement.loadAverages().size(), "one load average per measured run");
  }

  /**
   * javac compiles on the calling thread, so its CPU time is real, no more than the wall time (one
   * thread cannot use more), and no more than the whole process's CPU time.
   */
  private static void assertCpuTimesFit(Measurement measurement, String variant) {
    double wall = measurement.times(variant, Metric.WALL).getFirst();
    double thread = measurement.times(variant, Metric.THREAD_CPU).getFirst();
    double process = measurement.times(variant, Metric.PROCESS_CPU).getFirst();
    String times = "wall " + wall + ", thread CPU " + thread + ", process CPU " + process;
    // The compile of ~19 k lines takes far more than the clocks' granularity on any machine.
    assertTrue(thread > 0.05, "the compiling thread's CPU time is measured: " + times);
    assertTrue(thread <= wall * 1.02 + 0.02, "one thread's CPU fits in the wall time: " + times);
    assertTrue(thread <= process + 0.02, "the thread is part of the process: " + times);
  }

  @Test
  void lockstepVariantsEnableEveryRegisteredLockstepCheckAndOthersTurnThemOff() {
    Map<String, Workload> known = CompileOverhead.workloads(false);
    JavacWorkload lockstep = (JavacWorkload) known.get("lockstep");
    JavacWorkload errorProne = (JavacWorkload) known.get("errorprone");
    Corpus empty = new Corpus("empty", List.of(), List.of(), List.of());

    assertTrue(
        lockstep.lockstepChecks().contains(MISUSE_CHECK), lockstep.lockstepChecks().toString());
    String lockstepPlugin = lockstep.options(empty).getLast();
    String errorPronePlugin = errorProne.options(empty).getLast();
    for (String check : lockstep.lockstepChecks()) {
      assertTrue(lockstepPlugin.contains(" -Xep:" + check + ":WARN"), lockstepPlugin);
      assertTrue(errorPronePlugin.contains(" -Xep:" + check + ":OFF"), errorPronePlugin);
    }
    assertTrue(
        known.get("javac") instanceof JavacWorkload javac
            && javac.options(empty).stream().noneMatch(option -> option.startsWith("-Xplugin")),
        "plain javac loads no plugin");
  }

  @Test
  void onlyTheLockstepVariantsReportAMisusedLockstepAnnotation() throws URISyntaxException {
    Corpus probe =
        new Corpus(
            "probe",
            List.of(
                new SourceFile(
                    "probe",
                    "probe/Gateway.java",
                    """
                    package probe;

                    import dev.lockstep.annotations.ResourceParallelism;

                    @ResourceParallelism(0)
                    class Gateway {}
                    """)),
            List.of(
                Path.of(
                    ResourceParallelism.class
                        .getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .toURI())),
            List.of());
    Map<String, Workload> known = CompileOverhead.workloads(false);
    Map<String, Integer> misuseFound =
        Map.of(
            "javac",
            0,
            "errorprone",
            0,
            "errorprone-nochecks",
            0,
            "lockstep",
            1,
            "lockstep-only",
            1);

    misuseFound.forEach(
        (variant, expected) -> {
          Outcome outcome = known.get(variant).run(probe);
          assertAll(
              variant,
              () ->
                  assertTrue(
                      outcome.success(), "Lockstep's errors are demoted to warnings: " + outcome),
              () -> assertEquals(List.of(), outcome.crashes()),
              () -> assertEquals(List.of(), outcome.otherErrors()),
              () ->
                  assertEquals(
                      expected,
                      outcome.findingsPerCheck().getOrDefault(MISUSE_CHECK, 0),
                      outcome.findingsPerCheck().toString()));
        });
  }

  @Test
  void errorPronesCrashReportNamesTheCheckThatThrew() {
    Outcome.Crash crash =
        JavacWorkload.crash(
            "/probe/Gateway.java:5",
            JavacWorkload.CRASH_MESSAGE
                + ".\n     Please report this at https://example.invalid and include the"
                + " following:\n\n     error-prone version: 2.50.0\n     BugPattern:"
                + " SerialAwaitInLoop\n     Stack Trace:\n     java.lang.NullPointerException\n");
    assertEquals("SerialAwaitInLoop", crash.check());
    assertEquals("/probe/Gateway.java:5", crash.location());
  }

  @Test
  void commandLineMeasuresAndChecksRobustnessOfACorpusOnDisk(@TempDir Path corpus)
      throws IOException {
    Path sources = Files.createDirectories(corpus.resolve("tiny").resolve("sources"));
    try (ZipOutputStream jar =
        new ZipOutputStream(Files.newOutputStream(sources.resolve("tiny-sources.jar")))) {
      jar.putNextEntry(new ZipEntry("module-info.java"));
      jar.write("module tiny { requires does.not.exist; }\n".getBytes(UTF_8));
      jar.putNextEntry(new ZipEntry("tiny/Tiny.java"));
      jar.write(
          "package tiny;\n\npublic class Tiny {\n  int one() { return 1; }\n}\n".getBytes(UTF_8));
    }

    ByteArrayOutputStream measured = new ByteArrayOutputStream();
    int status =
        CompileOverhead.run(
            List.of(
                "--corpus",
                corpus.toString(),
                "--args",
                " --projects tiny --warmup 0 --iterations 2 --variants javac,errorprone,lockstep "),
            new PrintStream(measured, true, UTF_8),
            QUIET);
    String table = measured.toString(UTF_8);
    assertEquals(0, status, table);
    assertTrue(table.contains("| tiny | 1 | 4 | lockstep | 2 |"), table);

    ByteArrayOutputStream robustness = new ByteArrayOutputStream();
    status =
        CompileOverhead.run(
            List.of("--corpus", corpus.toString(), "--robustness"),
            new PrintStream(robustness, true, UTF_8),
            QUIET);
    String report = robustness.toString(UTF_8);
    assertEquals(0, status, report);
    assertTrue(report.contains("| tiny | 1 | 4 | 0 | 0 |"), report);
    assertTrue(report.contains(MISUSE_CHECK), report);

    assertEquals(
        2,
        CompileOverhead.run(List.of("--iterations", "0"), QUIET, QUIET),
        "a bad argument is a usage error");
  }
}
