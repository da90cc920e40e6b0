package dev.lockstep.checker;

import static com.google.common.truth.Truth.assertWithMessage;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.bugpatterns.BugChecker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The test corpus ({@code src/test-corpus} at the top of the project), which the scanner's {@code
 * ParityTest} runs both front ends over: the sources of a test are written once, there. A case is a
 * directory of sources ({@code cases/<case>/}, its package folders below it) with their {@code //
 * BUG: Diagnostic contains:} markers, and a {@code fixtures} file that lists the shared fixtures it
 * compiles with, one {@code set/path} per line ({@code fixtures/<set>/<path>}, compiled as {@code
 * path}). Its {@code lib/} folder (a library the parity test compiles into a jar) and its other
 * files (flags, catalogues) are not sources.
 *
 * <p>Both checks run in the parity test, so a marker may name its check ({@code [FakeConcurrency]
 * …}); a marker for another check than the one under test is read as a plain comment, on the same
 * line, so the line numbers the messages name do not move.
 */
final class Corpus {
  private Corpus() {}

  /** The corpus, from the module's directory (where the tests run). */
  static final Path ROOT = Path.of("../src/test-corpus");

  static final Path CASES = ROOT.resolve("cases");
  static final Path FIXTURES = ROOT.resolve("fixtures");

  private static final String MARKER = "// BUG: Diagnostic contains:";

  /** A compilation of the case {@code name}'s sources, for the check {@code check}. */
  static CompilationTestHelper compilation(
      Class<? extends BugChecker> check, Class<?> test, String name) {
    CompilationTestHelper helper = CompilationTestHelper.newInstance(check, test);
    for (Map.Entry<String, List<String>> source : sources(check, name).entrySet()) {
      helper = helper.addSourceLines(source.getKey(), source.getValue().toArray(String[]::new));
    }
    return helper;
  }

  /**
   * A refactoring of the case {@code name}: its sources are inputs the check must leave unchanged,
   * but for {@code path}, whose expected output the caller gives.
   */
  static BugCheckerRefactoringTestHelper.ExpectOutput refactoring(
      Class<? extends BugChecker> check, Class<?> test, String name, String path) {
    BugCheckerRefactoringTestHelper helper =
        BugCheckerRefactoringTestHelper.newInstance(check, test);
    Map<String, List<String>> sources = sources(check, name);
    assertWithMessage("sources of the corpus case %s", name).that(sources).containsKey(path);
    for (Map.Entry<String, List<String>> source : sources.entrySet()) {
      if (!source.getKey().equals(path)) {
        helper =
            helper
                .addInputLines(source.getKey(), source.getValue().toArray(String[]::new))
                .expectUnchanged();
      }
    }
    return helper.addInputLines(path, sources.get(path).toArray(String[]::new));
  }

  /** A file of the case {@code name} that is not a source (a catalogue, say). */
  static Path file(String name, String path) {
    Path file = CASES.resolve(name).resolve(path);
    assertWithMessage("%s in the corpus case %s", path, name)
        .that(Files.isRegularFile(file))
        .isTrue();
    return file;
  }

  /** The text of the shared fixture {@code set/path}. */
  static String fixture(String fixture) {
    return read(FIXTURES.resolve(fixture));
  }

  /**
   * The case's sources as the check compiles them: its own (package folders first, then the files
   * the {@code fixtures} file lists), path → lines.
   */
  static Map<String, List<String>> sources(Class<? extends BugChecker> check, String name) {
    Path dir = CASES.resolve(name);
    assertWithMessage("the corpus case %s", dir.toAbsolutePath())
        .that(Files.isDirectory(dir))
        .isTrue();
    Map<String, List<String>> sources = new LinkedHashMap<>();
    Path lib = dir.resolve("lib");
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file :
          files
              .filter(p -> p.toString().endsWith(".java") && !p.startsWith(lib))
              .sorted()
              .toList()) {
        sources.put(dir.relativize(file).toString(), forCheck(check, read(file)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Path list = dir.resolve("fixtures");
    if (Files.exists(list)) {
      for (String line : read(list).split("\n", -1)) {
        String fixture = line.strip();
        if (!fixture.isEmpty()) {
          Path file = FIXTURES.resolve(fixture);
          assertWithMessage("the fixture %s listed by %s", file, list)
              .that(Files.isRegularFile(file))
              .isTrue();
          sources.put(fixture.substring(fixture.indexOf('/') + 1), forCheck(check, read(file)));
        }
      }
    }
    assertWithMessage("sources of the corpus case %s", dir).that(sources).isNotEmpty();
    return sources;
  }

  /** The lines of {@code text}, a marker for another check than {@code check} made a comment. */
  private static List<String> forCheck(Class<? extends BugChecker> check, String text) {
    String own = MARKER + " [" + check.getSimpleName() + "]";
    List<String> lines = new ArrayList<>();
    for (String line : text.split("\n", -1)) {
      int at = line.indexOf(MARKER);
      if (at >= 0 && line.startsWith("[", at + MARKER.length() + 1) && !line.startsWith(own, at)) {
        line =
            line.substring(0, at)
                + "// Another check's finding:"
                + line.substring(at + MARKER.length());
      }
      lines.add(line);
    }
    return lines;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
