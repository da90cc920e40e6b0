package dev.lockstep.scanner;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import dev.lockstep.scanner.cli.Lockstep;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Roots given as absolute paths — outside the working directory and inside it — put no path of the
 * machine in any output: every {@code scan} format (findings, a file not analysed, a skipped build
 * directory) and both {@code doc} files; the map's links still reach the files, relative to where
 * the map is written.
 */
final class NoAbsolutePathsTest {
  private static final List<String> FORMATS =
      List.of("text", "json", "sarif", "checkstyle", "rdjson", "codeclimate");

  @TempDir Path outside;

  private static Path corpus(Path root) throws IOException {
    Path src = root.resolve("src");
    ParityTest.materialize("identification", src);
    Files.writeString(
        src.resolve("test/Broken.java"), "package test;\nclass Broken { void x( { }\n");
    Files.createDirectories(root.resolve("target/gen"));
    Files.writeString(root.resolve("pom.xml"), "<project/>\n");
    Files.writeString(root.resolve("target/gen/G.java"), "class G {}\n");
    return root;
  }

  @Test
  void rootsOutsideTheWorkingDirectory() throws IOException {
    Path root = corpus(outside.resolve("repo")).toAbsolutePath();
    assertNoAbsolutePaths(root, outside.resolve("out"));
  }

  @Test
  void absoluteRootsInsideTheWorkingDirectory() throws IOException {
    Path base = Path.of("target", "no-absolute-paths").toAbsolutePath();
    if (Files.exists(base)) {
      try (java.util.stream.Stream<Path> files = Files.walk(base)) {
        for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(f);
        }
      }
    }
    Path root = corpus(base.resolve("repo"));
    assertNoAbsolutePaths(root, base.resolve("out"));
  }

  private void assertNoAbsolutePaths(Path root, Path out) throws IOException {
    List<String> forbidden =
        List.of(
            root.toString(),
            Path.of("").toAbsolutePath().toString(),
            Path.of(System.getProperty("user.home")).toString() + "/",
            "file:");
    for (String format : FORMATS) {
      Path report = out.resolve("report." + format);
      assertThat(
              Lockstep.run(
                  "scan", "--format", format, "--output", report.toString(), root.toString()))
          .isEqualTo(Lockstep.INCOMPLETE); // Broken.java
      String text = Files.readString(report, StandardCharsets.UTF_8);
      assertThat(text).contains("Loops.java");
      assertThat(text).contains("Broken.java");
      for (String path : forbidden) {
        assertWithMessage("%s report names %s", format, path).that(text).doesNotContain(path);
      }
    }
    Path doc = out.resolve("doc");
    assertThat(Lockstep.run("doc", "--output-dir", doc.toString(), root.toString()))
        .isEqualTo(Lockstep.INCOMPLETE);
    for (String file : List.of("concurrency-map.md", "concurrency-map.json")) {
      String text = Files.readString(doc.resolve(file), StandardCharsets.UTF_8);
      for (String path : forbidden) {
        assertWithMessage("%s names %s", file, path).that(text).doesNotContain(path);
      }
    }
    // Every link in the map reaches its file from where the map is.
    String md = Files.readString(doc.resolve("concurrency-map.md"), StandardCharsets.UTF_8);
    Matcher link = Pattern.compile("\\]\\(([^)#]+\\.java)#L(\\d+)\\)").matcher(md);
    int links = 0;
    while (link.find()) {
      links++;
      Path target = doc.resolve(link.group(1).replace("%20", " ")).normalize();
      assertWithMessage("link %s from %s", link.group(1), doc)
          .that(Files.isRegularFile(target))
          .isTrue();
      assertThat(Files.readAllLines(target).size()).isAtLeast(Integer.parseInt(link.group(2)));
    }
    assertThat(links).isAtLeast(9);
  }
}
