package dev.lockstep.scanner.fuzz;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.lockstep.scanner.cli.Lockstep;
import dev.lockstep.scanner.frontend.FrontEnd;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * One scan, through the CLI as users run it (not strict), of mutated files next to untouched
 * witness files, and what it must satisfy whatever the mutations did: nothing escapes, a report is
 * written, the exit code is the one its problems and findings call for, only mutated files are
 * problems, and the witness's findings are those it has alone. (Several mutants share a scan: most
 * of a scan's cost is setting up resolution, not the files.)
 */
final class FuzzScan {
  private static final Path CORPUS = Path.of("../src/test-corpus/cases");
  private static final Path SAMPLES = Path.of("../samples/src/main/java");

  /** Under the working directory, so file names in the report are relative and stable. */
  private static final Path WORK = Path.of("target", "fuzz");

  private static final Path TREE = WORK.resolve("tree");
  private static final String MUTANTS = "mutant/";
  private static final String WITNESS = "fuzzwitness/";

  /** A file the fuzzer starts from. */
  record Seed(String name, String text) {}

  /**
   * What one scan did.
   *
   * @param exitCode the CLI's
   * @param violations broken promises (empty when the scan behaved)
   * @param internal problems that are the scanner's own exceptions ("parser failed", "analysis
   *     failed"), not the input's ("does not parse"): allowed, but counted
   * @param problems every problem's reason
   */
  record Outcome(
      int exitCode, List<String> violations, List<String> internal, List<String> problems) {}

  private FuzzScan() {}

  private static List<Seed> seeds;
  private static List<String> witnessFindings;

  /** The corpus cases' files and the samples, in a fixed order. */
  static synchronized List<Seed> seeds() {
    if (seeds == null) {
      List<Seed> all = new ArrayList<>();
      try (Stream<Path> cases = Files.list(CORPUS);
          Stream<Path> samples = Files.walk(SAMPLES)) {
        List<Path> files = new ArrayList<>();
        for (Path c : cases.sorted().toList()) {
          Path test = c.resolve("test");
          if (Files.isDirectory(test)) {
            try (Stream<Path> own = Files.list(test)) {
              own.filter(f -> f.toString().endsWith(".java")).sorted().forEach(files::add);
            }
          }
        }
        samples.filter(f -> f.toString().endsWith(".java")).sorted().forEach(files::add);
        for (Path f : files) {
          all.add(new Seed(f.toString(), Files.readString(f, StandardCharsets.UTF_8)));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      seeds = List.copyOf(all);
    }
    return seeds;
  }

  /** The seed {@code index} (modulo their number) with {@code mutations} applied in turn. */
  static String mutant(int index, List<Mutation> mutations, long randomSeed) {
    List<Seed> all = seeds();
    String text = all.get(Math.floorMod(index, all.size())).text();
    Random random = new Random(randomSeed);
    for (Mutation m : mutations) {
      text = m.apply(text, random);
    }
    return text;
  }

  /**
   * Seed {@code seeds[i]} with the mutations applied, the randomness of each from {@code random +
   * i}.
   */
  static List<String> mutants(List<Integer> seeds, List<Mutation> mutations, long random) {
    List<String> mutants = new ArrayList<>();
    for (int i = 0; i < seeds.size(); i++) {
      mutants.add(mutant(seeds.get(i), mutations, random + i));
    }
    return mutants;
  }

  /** The seed files' names, for a message. */
  static List<String> names(List<Integer> seeds) {
    return seeds.stream().map(i -> seeds().get(Math.floorMod(i, seeds().size())).name()).toList();
  }

  /**
   * The witness: a corpus case's loops and the client they call (a chain across two files, nine
   * findings), in a package no seed declares.
   */
  private static Map<String, String> witness() {
    try {
      return Map.of(
          "fuzzwitness/Loops.java",
          inWitnessPackage(CORPUS.resolve("identification/test/Loops.java")),
          "fuzzwitness/Client.java",
          inWitnessPackage(CORPUS.resolve("../fixtures/serialAwait/test/Client.java")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String inWitnessPackage(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    if (!text.startsWith("package test;")) {
      throw new AssertionError(file + " is no longer in package test");
    }
    return text.replaceFirst("package test;", "package fuzzwitness;");
  }

  /** The witness's findings when it is scanned alone. */
  static synchronized List<String> witnessFindings() {
    if (witnessFindings == null) {
      Run alone = run(List.of());
      if (alone.uncaught != null || alone.report == null) {
        throw new AssertionError("the witness alone does not scan: " + alone.stderr);
      }
      witnessFindings = findings(alone.report, WITNESS);
      if (witnessFindings.isEmpty()) {
        throw new AssertionError("the witness has no finding to keep: " + alone.stderr);
      }
    }
    return witnessFindings;
  }

  /** Scans the {@code mutants} next to the witness and checks every promise. */
  static Outcome check(List<String> mutants) {
    return check(mutants, null);
  }

  /**
   * {@link #check(List)}, and a scan still running after {@code limit} (if not null) is a broken
   * promise too: the long run counts hangs instead of waiting forever (the stuck thread is left
   * running, a daemon).
   */
  static Outcome check(List<String> mutants, Duration limit) {
    List<String> expectedWitness = witnessFindings();
    Run run = limit == null ? run(mutants) : runWithin(mutants, limit);
    if (run.report == null && run.uncaught instanceof TimeoutException) {
      return new Outcome(
          -1, List.of("hang: no report after " + limit.toSeconds() + " s"), List.of(), List.of());
    }
    List<String> violations = new ArrayList<>();
    List<String> internal = new ArrayList<>();
    List<String> reasons = new ArrayList<>();
    if (run.uncaught != null) {
      violations.add("uncaught: " + run.uncaught);
    }
    if (run.stderr.contains("lockstep: internal error")) {
      violations.add("internal error: " + firstLine(run.stderr, "lockstep: internal error"));
    }
    if (run.report == null) {
      violations.add("no report (exit " + run.exitCode + "): " + run.stderr);
      return new Outcome(run.exitCode, violations, internal, reasons);
    }
    List<JsonObject> problems = objects(run.report, "problems");
    int findings = objects(run.report, "findings").size();
    for (JsonObject p : problems) {
      String file = p.get("file").getAsString();
      String reason = p.get("reason").getAsString();
      reasons.add(reason);
      if (!file.replace('\\', '/').contains(MUTANTS)) {
        violations.add("a problem in a file not mutated: " + file + ": " + reason);
      }
      if (reason.startsWith("parser failed") || reason.startsWith("analysis failed")) {
        internal.add(reason);
      }
    }
    int expectedExit =
        !problems.isEmpty()
            ? Lockstep.INCOMPLETE
            : findings > 0 ? Lockstep.FINDINGS : Lockstep.CLEAN;
    if (run.exitCode != expectedExit) {
      violations.add(
          "exit "
              + run.exitCode
              + " with "
              + problems.size()
              + " problems and "
              + findings
              + " findings (expected "
              + expectedExit
              + ")");
    }
    boolean complete = run.report.getAsJsonObject("summary").get("complete").getAsBoolean();
    if (complete != problems.isEmpty()) {
      violations.add("summary.complete " + complete + " with " + problems.size() + " problems");
    }
    List<String> witness = findings(run.report, WITNESS);
    if (!witness.equals(expectedWitness)) {
      violations.add(
          "the witness's findings changed: " + witness + " instead of " + expectedWitness);
    }
    return new Outcome(run.exitCode, violations, internal, reasons);
  }

  private static Run runWithin(List<String> mutants, Duration limit) {
    FutureTask<Run> task = new FutureTask<>(() -> run(mutants));
    Thread thread = new Thread(task, "fuzz-scan");
    thread.setDaemon(true);
    thread.start();
    try {
      return task.get(limit.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      return new Run(-1, null, "", e);
    } catch (ExecutionException e) {
      return new Run(-1, null, "", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** What the CLI did: its exit code, its report (null if none), stderr, anything thrown. */
  private record Run(int exitCode, JsonObject report, String stderr, Throwable uncaught) {}

  private static Run run(List<String> mutants) {
    Path report = WORK.resolve("report.json");
    try {
      deleteTree(TREE);
      Files.deleteIfExists(report);
      for (Map.Entry<String, String> file : witness().entrySet()) {
        write(TREE.resolve(file.getKey()), file.getValue());
      }
      for (int i = 0; i < mutants.size(); i++) {
        write(TREE.resolve(MUTANTS + "Mutant" + i + ".java"), mutants.get(i));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream originalErr = System.err;
    // As users run it: an internal exception is a file's problem, not the end of the scan.
    String strict = System.setProperty(FrontEnd.STRICT_PROPERTY, "false");
    int exit = -1;
    Throwable uncaught = null;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      exit =
          Lockstep.run("scan", "--format", "json", "--output", report.toString(), TREE.toString());
    } catch (Throwable t) { // the point: whatever escapes the CLI is what the fuzzer looks for
      uncaught = t;
    } finally {
      System.setErr(originalErr);
      if (strict == null) {
        System.clearProperty(FrontEnd.STRICT_PROPERTY);
      } else {
        System.setProperty(FrontEnd.STRICT_PROPERTY, strict);
      }
    }
    JsonObject json = null;
    if (Files.isRegularFile(report)) {
      try {
        json = JsonParser.parseString(Files.readString(report)).getAsJsonObject();
      } catch (IOException | RuntimeException e) {
        uncaught = uncaught == null ? e : uncaught;
      }
    }
    return new Run(exit, json, err.toString(StandardCharsets.UTF_8), uncaught);
  }

  /** Check, line and message of each finding in {@code directory}, in report order. */
  private static List<String> findings(JsonObject report, String directory) {
    List<String> found = new ArrayList<>();
    for (JsonObject f : objects(report, "findings")) {
      if (f.get("file").getAsString().replace('\\', '/').contains(directory)) {
        found.add(
            f.get("check").getAsString()
                + " "
                + f.get("line").getAsInt()
                + " "
                + f.get("message").getAsString());
      }
    }
    return found;
  }

  private static List<JsonObject> objects(JsonObject report, String array) {
    List<JsonObject> objects = new ArrayList<>();
    for (JsonElement e : report.getAsJsonArray(array)) {
      objects.add(e.getAsJsonObject());
    }
    return objects;
  }

  private static String firstLine(String text, String from) {
    String rest = text.substring(text.indexOf(from));
    int nl = rest.indexOf('\n');
    return nl < 0 ? rest : rest.substring(0, nl);
  }

  /**
   * Writes the text as UTF-8, except that a lone surrogate becomes the three bytes a careless
   * encoder writes for it: invalid UTF-8, as real files sometimes are.
   */
  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length() + 16);
    int i = 0;
    while (i < text.length()) {
      int cp = text.codePointAt(i);
      if (cp <= Character.MAX_VALUE && Character.isSurrogate((char) cp)) {
        bytes.write(0xE0 | (cp >> 12));
        bytes.write(0x80 | ((cp >> 6) & 0x3F));
        bytes.write(0x80 | (cp & 0x3F));
      } else {
        bytes.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
      }
      i += Character.charCount(cp);
    }
    Files.write(file, bytes.toByteArray());
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(f);
      }
    }
  }
}
