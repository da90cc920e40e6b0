package dev.lockstep.scanner;

import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.compilations;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import dev.lockstep.analysis.catalogue.Catalogue;
import dev.lockstep.analysis.config.LockstepConfig;
import dev.lockstep.analysis.finding.Checks;
import dev.lockstep.scanner.frontend.FrontEnd;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both front ends over the same corpus must give the same findings: the test corpus the checker's
 * tests read too ({@code src/test-corpus/cases/<case>/} at the top of the project, one compilation
 * per case, with its flags) and the {@code samples} module. The javac side is the real Error Prone
 * check, run in-process; the scanner side is {@link FrontEnd}. Findings are compared as (check,
 * file, line) and then by message, paths reduced to file names as javac prints them.
 *
 * <p>A case with a {@code lib/} source folder has a library: it is compiled into a jar first, which
 * goes on javac's classpath and on the scanner's {@code --classpath}, as a user's dependency would;
 * its sources are not part of the compilation.
 *
 * <p>Every case asserts findings: its {@code // BUG: Diagnostic contains:} markers, or (the
 * refactoring cases, whose sources carry no markers) at least one finding; a case that expects none
 * says so with a {@value #NO_FINDINGS} file (why, in a line), and then both front ends must report
 * nothing. Both front ends run in strict mode: an internal exception fails the case.
 */
final class ParityTest {
  /** The test corpus, shared with the checker's tests (tests run in the module's directory). */
  static final Path CORPUS = Path.of("../src/test-corpus/cases");

  /**
   * Fixture classes many cases share (RelaySession, Client, ErpGateway, the BoundedWindow stubs),
   * kept once, in sets (one directory each: {@code concurrency}, {@code serialAwait}); a case lists
   * the ones it uses, one {@code set/path} per line, in its {@code fixtures} file, and each lands
   * at its path without the set's name.
   */
  static final Path FIXTURES = Path.of("../src/test-corpus/fixtures");

  static final Path SAMPLES = Path.of("../samples/src/main/java");
  static final String LIBRARY = "lib";

  /** A case's declaration that it expects no finding from either front end (a negative case). */
  static final String NO_FINDINGS = "no-findings";

  /** The checks both front ends run, from the check registry. */
  static final List<String> PARALLELISM_AND_SERIAL_AWAIT =
      Checks.ALL.stream().filter(Checks.Check::scanned).map(Checks.Check::name).toList();

  @TempDir Path out;

  @TestFactory
  Stream<DynamicTest> checkerTestSources() throws IOException {
    assertWithMessage("the parity corpus %s", CORPUS.toAbsolutePath())
        .that(Files.isDirectory(CORPUS))
        .isTrue();
    List<Path> cases;
    try (Stream<Path> dirs = Files.list(CORPUS)) {
      cases = dirs.filter(Files::isDirectory).sorted().toList();
    }
    assertWithMessage("cases in the parity corpus %s", CORPUS.toAbsolutePath())
        .that(cases)
        .isNotEmpty();
    return cases.stream()
        .map(dir -> dir.getFileName().toString())
        .map(
            name ->
                DynamicTest.dynamicTest(
                    name,
                    () -> parity(materialize(name, out.resolve("cases").resolve(name)), true)));
  }

  @TestFactory
  Stream<DynamicTest> samples() {
    assertWithMessage("the samples' sources %s", SAMPLES.toAbsolutePath())
        .that(Files.isDirectory(SAMPLES))
        .isTrue();
    assertWithMessage("Java files in %s", SAMPLES.toAbsolutePath())
        .that(javaFiles(SAMPLES).size())
        .isAtLeast(2);
    return Stream.of(DynamicTest.dynamicTest("samples", () -> parity(SAMPLES, false)));
  }

  /**
   * A corpus case as both front ends compile it: its own files and the shared fixtures its {@code
   * fixtures} file names, copied to {@code to} (returned).
   */
  static Path materialize(String name, Path to) throws IOException {
    Path from = CORPUS.resolve(name);
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        copy(file, to.resolve(from.relativize(file).toString()));
      }
    }
    for (Map.Entry<String, Path> fixture : fixtures(name).entrySet()) {
      copy(fixture.getValue(), to.resolve(fixture.getKey()));
    }
    return to;
  }

  /**
   * The shared fixtures a case lists in its {@code fixtures} file: where each lands in the case
   * (the listed path without its set's name) and the file.
   */
  static Map<String, Path> fixtures(String name) throws IOException {
    Map<String, Path> fixtures = new TreeMap<>();
    Path list = CORPUS.resolve(name).resolve("fixtures");
    if (Files.exists(list)) {
      for (String line : Files.readAllLines(list, StandardCharsets.UTF_8)) {
        String fixture = line.strip();
        if (!fixture.isEmpty()) {
          Path file = FIXTURES.resolve(fixture);
          assertWithMessage("the fixture %s listed by %s", file, list)
              .that(Files.isRegularFile(file))
              .isTrue();
          fixtures.put(fixture.substring(fixture.indexOf('/') + 1), file);
        }
      }
    }
    return fixtures;
  }

  /** A file of a corpus case: its own, or the shared fixture it lists at that path. */
  static Path caseFile(String name, String relative) throws IOException {
    Path own = CORPUS.resolve(name).resolve(relative);
    if (Files.exists(own)) {
      return own;
    }
    Path fixture = fixtures(name).get(relative);
    assertWithMessage("%s of the corpus case %s", relative, name).that(fixture).isNotNull();
    return fixture;
  }

  private static void copy(Path from, Path to) throws IOException {
    Files.createDirectories(to.getParent());
    Files.copy(from, to);
  }

  /**
   * @param corpus a case of the checker's tests, whose {@code // BUG: Diagnostic contains:} markers
   *     are asserted too
   */
  private void parity(Path dir, boolean corpus) throws IOException {
    List<String> flags = flags(dir);
    List<Path> library = library(dir);
    Set<String> javac = new TreeSet<>();
    Set<String> javacMessages = new TreeSet<>();
    for (Diagnostic<? extends JavaFileObject> d : javac(dir, flags, library)) {
      String text = d.getMessage(Locale.ROOT);
      if (!text.startsWith("[")) {
        continue;
      }
      String check = text.substring(1, text.indexOf(']'));
      String file = Path.of(d.getSource().getName()).getFileName().toString();
      javac.add(check + " " + file + ":" + d.getLineNumber());
      String message = text.substring(text.indexOf(']') + 2);
      int see = message.indexOf("\n    (see ");
      javacMessages.add(
          file + ":" + d.getLineNumber() + " " + (see < 0 ? message : message.substring(0, see)));
    }
    Set<String> scanner = new TreeSet<>();
    Set<String> scannerMessages = new TreeSet<>();
    FrontEnd.Result result = scan(dir, flags, library);
    assertWithMessage("files the scanner could not analyse").that(result.problems()).isEmpty();
    // In rounds of bounded memory (ADR 0024) the scanner finds exactly what one round finds: a
    // round per file (every other file parsed again when resolution asks for it), and rounds of 300
    // lines, several files each, which end early when a file's resolution parses more (the rest go
    // to
    // the next round).
    for (long budget : new long[] {1, 300}) {
      FrontEnd.Result rounds = scan(dir, flags, library, budget);
      assertWithMessage(
              "the scanner's findings in rounds of %s lines vs one round, in %s", budget, dir)
          .that(rounds.findings())
          .containsExactlyElementsIn(result.findings())
          .inOrder();
      assertWithMessage("the scanner's problems in rounds of %s lines, in %s", budget, dir)
          .that(rounds.problems())
          .isEmpty();
    }
    // On two lanes at once (ADR 0026), each with its own solver and trees, taking the next file
    // in turn: the same findings, in the same order, whichever lane read which file; with every
    // tree in one round of each lane, and in rounds of 300 lines.
    for (long budget : new long[] {Long.MAX_VALUE, 300}) {
      FrontEnd.Result lanes = scan(dir, flags, library, budget, 2);
      assertWithMessage(
              "the scanner's findings on 2 lanes, rounds of %s lines, vs one lane, in %s",
              budget, dir)
          .that(lanes.findings())
          .containsExactlyElementsIn(result.findings())
          .inOrder();
      assertWithMessage("the scanner's problems on 2 lanes, in %s", dir)
          .that(lanes.problems())
          .isEmpty();
    }
    for (FrontEnd.ScanFinding f : result.findings()) {
      String file = Path.of(f.finding().location().file()).getFileName().toString();
      scanner.add(f.finding().check() + " " + file + ":" + f.finding().location().line());
      scannerMessages.add(
          file
              + ":"
              + f.finding().location().line()
              + " "
              + f.finding().message().replaceAll("[\\w./-]*/(\\w+\\.java)", "$1"));
    }
    // The corpus marks each expected finding, as Error Prone's test helper reads it: the text must
    // be in the message of a finding on the next line that is not a comment. Both sides must see
    // them all, not just agree. (The refactoring tests' sources carry no markers: their loops are
    // flagged and rewritten.)
    boolean none = Files.exists(dir.resolve(NO_FINDINGS));
    boolean refactoring = dir.getFileName().toString().contains("eplacement");
    if (none) {
      assertWithMessage("checker findings in %s, which declares %s", dir, NO_FINDINGS)
          .that(javac)
          .isEmpty();
      assertWithMessage("scanner findings in %s, which declares %s", dir, NO_FINDINGS)
          .that(scanner)
          .isEmpty();
      assertWithMessage("markers in %s, which declares %s", dir, NO_FINDINGS)
          .that(markers(dir))
          .isEmpty();
    } else if (!corpus || refactoring) {
      assertWithMessage(
              "checker findings in %s (a case that expects none needs a %s file)", dir, NO_FINDINGS)
          .that(javac)
          .isNotEmpty();
    }
    if (corpus && !refactoring && !none) {
      List<String> expected = markers(dir);
      assertWithMessage(
              "// BUG: Diagnostic contains: markers in %s (a case that expects no finding needs a"
                  + " %s file)",
              dir, NO_FINDINGS)
          .that(expected)
          .isNotEmpty();
      assertWithMessage("checker findings in %s", dir).that(javac).hasSize(expected.size());
      for (String marker : expected) {
        String at = marker.substring(0, marker.indexOf(' ') + 1);
        String text = marker.substring(at.length());
        if (text.startsWith("[")) {
          // "[Check] text": the finding is that check's; a "(remark)" after it is not message text.
          String check = text.substring(1, text.indexOf(']'));
          assertWithMessage("a %s finding at %s in %s", check, at, dir)
              .that(javac)
              .contains(check + " " + at.strip());
          text = text.substring(text.indexOf(']') + 1).strip();
          if (text.startsWith("(")) {
            continue;
          }
        }
        // One message per line in the corpus, so the joined text cannot match across two.
        assertWithMessage("the checker's messages at %s in %s", at, dir)
            .that(
                javacMessages.stream()
                    .filter(m -> m.startsWith(at))
                    .collect(Collectors.joining("\n")))
            .contains(text);
      }
    }
    assertWithMessage("findings (check file:line) of the scanner vs the checker in %s", dir)
        .that(scanner)
        .containsExactlyElementsIn(javac);
    assertWithMessage("messages of the scanner vs the checker in %s", dir)
        .that(scannerMessages)
        .containsExactlyElementsIn(javacMessages);
  }

  /** Each "// BUG: Diagnostic contains: text" as "File.java:line text", line the one it marks. */
  private static List<String> markers(Path dir) throws IOException {
    String marker = "// BUG: Diagnostic contains:";
    List<String> markers = new ArrayList<>();
    for (Path file : sources(dir)) {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      for (int i = 0; i < lines.size(); i++) {
        int at = lines.get(i).indexOf(marker);
        if (at < 0) {
          continue;
        }
        int marked = i + 1;
        while (marked < lines.size() && lines.get(marked).strip().startsWith("//")) {
          marked++;
        }
        markers.add(
            file.getFileName()
                + ":"
                + (marked + 1)
                + " "
                + lines.get(i).substring(at + marker.length()).strip());
      }
    }
    return markers;
  }

  static List<String> flags(Path dir) throws IOException {
    Path file = dir.resolve("flags.txt");
    return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
  }

  /** The case's own sources: its library's ({@code lib/}) are compiled apart. */
  static List<Path> sources(Path dir) {
    Path lib = dir.resolve(LIBRARY);
    return javaFiles(dir).stream().filter(p -> !p.startsWith(lib)).toList();
  }

  /** The case's library ({@code lib/}) compiled into a jar, or nothing when it has none. */
  private List<Path> library(Path dir) throws IOException {
    Path lib = dir.resolve(LIBRARY);
    if (!Files.isDirectory(lib)) {
      return List.of();
    }
    Map<String, String> sources = new TreeMap<>();
    for (Path file : javaFiles(lib)) {
      sources.put(lib.relativize(file).toString(), Files.readString(file, StandardCharsets.UTF_8));
    }
    return List.of(LibraryJar.build(out.resolve("lib-" + dir.getFileName()), sources));
  }

  static List<Path> javaFiles(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Diagnostic<? extends JavaFileObject>> javac(
      Path dir, List<String> flags, List<Path> library) throws IOException {
    StringBuilder ep = new StringBuilder("-Xplugin:ErrorProne -XepDisableAllChecks");
    for (String check : PARALLELISM_AND_SERIAL_AWAIT) {
      ep.append(" -Xep:").append(check).append(":WARN");
    }
    for (String flag : flags) {
      String[] kv = flag.split("=", 2);
      switch (kv[0]) {
        case "maxDepth" -> {
          for (String check : PARALLELISM_AND_SERIAL_AWAIT) {
            ep.append(" -XepOpt:").append(check).append(":MaxDepth=").append(kv[1]);
          }
        }
        case "cores" -> {
          // Every check but SerialAwaitInLoop reads the cores (the fan-out checks defer to the
          // effective-parallelism verdict, which depends on them).
          for (String check : PARALLELISM_AND_SERIAL_AWAIT) {
            if (check.equals(Checks.SERIAL_AWAIT_IN_LOOP)) {
              continue;
            }
            ep.append(" -XepOpt:").append(check).append(":Cores=").append(kv[1]);
          }
        }
        case "window" -> ep.append(" -XepOpt:SerialAwaitInLoop:Window=").append(kv[1]);
        case "catalogue" ->
            ep.append(" -XepOpt:Lockstep:CatalogueFile=")
                .append(dir.resolve(kv[1]).toAbsolutePath());
        default -> throw new IllegalArgumentException(flag);
      }
    }
    List<String> options =
        List.of(
            "-XDcompilePolicy=simple",
            "--should-stop=ifError=FLOW",
            "-XDaddTypeAnnotationsToSymbol=true",
            ep.toString(),
            "-classpath",
            Stream.concat(
                    Stream.of(System.getProperty("java.class.path")),
                    library.stream().map(Path::toString))
                .collect(Collectors.joining(java.io.File.pathSeparator)),
            // Error Prone loads plugin checks (ours) from the processor path.
            "-processorpath",
            System.getProperty("java.class.path"),
            "-Xlint:none");
    Compilation compilation;
    try (StandardJavaFileManager files =
        ToolProvider.getSystemJavaCompiler()
            .getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8)) {
      compilation =
          Compiler.javac()
              .withOptions(options)
              .compile(files.getJavaFileObjectsFromPaths(sources(dir)));
    }
    assertWithMessage("javac over %s", dir).about(compilations()).that(compilation).succeeded();
    return compilation.diagnostics();
  }

  static FrontEnd.Result scan(Path dir, List<String> flags, List<Path> library) {
    return scan(dir, flags, library, Long.MAX_VALUE);
  }

  /** {@link #scan} holding at most {@code epochLines} lines of trees per round (ADR 0024). */
  static FrontEnd.Result scan(Path dir, List<String> flags, List<Path> library, long epochLines) {
    return scan(dir, flags, library, epochLines, 1);
  }

  /** {@link #scan} on {@code lanes} threads of analysis (ADR 0026). */
  static FrontEnd.Result scan(
      Path dir, List<String> flags, List<Path> library, long epochLines, int lanes) {
    Catalogue catalogue = Catalogue.builtin();
    int depth = LockstepConfig.DEFAULT_MAX_DEPTH;
    int window = LockstepConfig.DEFAULT_WINDOW;
    int cores = LockstepConfig.DEFAULT_CORES;
    for (String flag : flags) {
      String[] kv = flag.split("=", 2);
      switch (kv[0]) {
        case "maxDepth" -> depth = Integer.parseInt(kv[1]);
        case "window" -> window = Integer.parseInt(kv[1]);
        case "cores" -> cores = Integer.parseInt(kv[1]);
        case "catalogue" -> catalogue = catalogue.plus(Catalogue.load(dir.resolve(kv[1])));
        default -> throw new IllegalArgumentException(flag);
      }
    }
    List<FrontEnd.Input> inputs =
        sources(dir).stream()
            .map(p -> new FrontEnd.Input(p, dir.relativize(p).toString()))
            .toList();
    List<Path> classpath = new ArrayList<>(dir.equals(SAMPLES) ? samplesJars() : libraryJars());
    classpath.addAll(library);
    return FrontEnd.scan(
        inputs,
        new FrontEnd.Options(
            LockstepConfig.of(catalogue, depth, window, cores),
            classpath,
            true,
            2,
            true,
            epochLines,
            lanes));
  }

  /** The samples' libraries (the window), as a user would pass them with --classpath. */
  static List<Path> samplesJars() {
    return Stream.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator, -1))
        // The jar in `verify`; the reactor's class directory when only `test` runs.
        .filter(
            p ->
                (p.contains("lockstep-window") && p.endsWith(".jar"))
                    || Path.of(p).endsWith(Path.of("window", "target", "classes")))
        .map(Path::of)
        .toList();
  }

  /** Guava (RateLimiter in the corpus), as a user would pass it with --classpath. */
  static List<Path> libraryJars() {
    return Stream.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator, -1))
        .filter(p -> p.contains("guava-") && p.endsWith(".jar"))
        .map(Path::of)
        .toList();
  }
}
