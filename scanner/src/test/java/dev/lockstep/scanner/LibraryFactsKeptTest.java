package dev.lockstep.scanner;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import dev.lockstep.classfiles.ClassTableCache;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin keeps what it read of a dependency's class files for the next build (ADR 0019): real
 * javac, real Error Prone, the corpus case whose loop waits through an RPC client in a jar,
 * compiled twice as a Maven build would compile it (a standard file manager, the jar on the class
 * path, an output directory).
 */
class LibraryFactsKeptTest {
  private static final Path CASE = ParityTest.CORPUS.resolve("libraryRoundTrip");

  @TempDir Path dir;

  /** The case's library, compiled into a jar as a dependency would be. */
  private Path libraryJar() throws IOException {
    Map<String, String> lib = new TreeMap<>();
    for (Path file : ParityTest.javaFiles(CASE.resolve("lib"))) {
      lib.put(
          CASE.resolve("lib").relativize(file).toString(),
          Files.readString(file, StandardCharsets.UTF_8));
    }
    return LibraryJar.build(dir.resolve("lib"), lib);
  }

  /**
   * A file manager that forwards to javac's without being a standard one cannot list the class
   * path: nothing is kept, and the findings are the same.
   */
  @Test
  void aFileManagerThatCannotListTheClassPathKeepsNothing() throws IOException {
    Path jar = libraryJar();
    Path cache = dir.resolve("cache");
    List<String> forwarded = compile(jar, cache, dir.resolve("out1"), true);
    assertThat(facts(cache)).isEmpty();
    assertThat(forwarded).isEqualTo(compile(jar, cache, dir.resolve("out2"), false));
    assertThat(facts(cache)).hasSize(1);
  }

  @Test
  void theSecondBuildReadsTheKeptFactsAndReportsTheSame() throws IOException {
    Path jar = libraryJar();
    Path cache = dir.resolve("cache");

    List<String> first = compile(jar, cache, dir.resolve("out1"), false);
    assertWithMessage("findings through the jar").that(first).isNotEmpty();
    assertThat(String.join("\n", first)).contains("CountDownLatch.await [");
    List<Path> kept = facts(cache);
    assertThat(kept).hasSize(1);
    // The pre-tests' answers about the library's methods are kept beside the facts (ADR 0027).
    List<Path> answers = kept(cache, ".answers");
    assertThat(answers).hasSize(1);

    // Nothing new to read or answer the second time: neither file is written again.
    FileTime old = FileTime.fromMillis(1_000_000_000_000L);
    Files.setLastModifiedTime(kept.get(0), old);
    Files.setLastModifiedTime(answers.get(0), old);
    byte[] bytes = Files.readAllBytes(kept.get(0));
    List<String> second = compile(jar, cache, dir.resolve("out2"), false);
    assertThat(second).isEqualTo(first);
    assertThat(facts(cache)).isEqualTo(kept);
    assertThat(Files.getLastModifiedTime(kept.get(0))).isEqualTo(old);
    assertThat(Files.readAllBytes(kept.get(0))).isEqualTo(bytes);
    assertThat(kept(cache, ".answers")).isEqualTo(answers);
    assertThat(Files.getLastModifiedTime(answers.get(0))).isEqualTo(old);
  }

  private static List<Path> facts(Path cache) throws IOException {
    return kept(cache, ".facts");
  }

  /** The files of the kept facts' directory whose names end with {@code suffix}. */
  private static List<Path> kept(Path cache, String suffix) throws IOException {
    Path facts = cache.resolve("facts");
    if (!Files.isDirectory(facts)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(facts)) {
      return files.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().toList();
    }
  }

  /** One compilation with the Lockstep checks on, its warnings as "check file:line message". */
  private static List<String> compile(Path jar, Path cache, Path out, boolean forwarding)
      throws IOException {
    Files.createDirectories(out);
    List<String> options =
        List.of(
            "-XDcompilePolicy=simple",
            "--should-stop=ifError=FLOW",
            "-XDaddTypeAnnotationsToSymbol=true",
            "-Xplugin:ErrorProne -XepDisableAllChecks -Xep:SerialAwaitInLoop:WARN"
                + " -Xep:SerialFanOut:WARN",
            "-classpath",
            System.getProperty("java.class.path") + java.io.File.pathSeparator + jar,
            "-processorpath",
            System.getProperty("java.class.path"),
            "-d",
            out.toString(),
            "-Xlint:none");
    String before = System.getProperty(ClassTableCache.PROPERTY);
    System.setProperty(ClassTableCache.PROPERTY, cache.toString());
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    try (StandardJavaFileManager files =
        javac.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8)) {
      boolean ok =
          javac
              .getTask(
                  null,
                  forwarding ? new ForwardingJavaFileManager<>(files) {} : files,
                  diagnostics,
                  options,
                  null,
                  files.getJavaFileObjectsFromPaths(ParityTest.sources(CASE)))
              .call();
      assertWithMessage("javac: %s", diagnostics.getDiagnostics()).that(ok).isTrue();
    } finally {
      if (before == null) {
        System.clearProperty(ClassTableCache.PROPERTY);
      } else {
        System.setProperty(ClassTableCache.PROPERTY, before);
      }
    }
    return diagnostics.getDiagnostics().stream()
        .filter(d -> d.getKind() == Diagnostic.Kind.WARNING)
        .map(
            d ->
                Path.of(d.getSource().toUri()).getFileName()
                    + ":"
                    + d.getLineNumber()
                    + " "
                    + d.getMessage(Locale.ROOT))
        .sorted()
        .collect(Collectors.toList());
  }
}
