package dev.lockstep.scanner;

import static com.google.common.truth.Truth.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.lockstep.scanner.cli.Lockstep;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17 end to end: the findings in packages named {@code out}, {@code build} and {@code target}
 * are reported, the build's {@code target/} is not read, and every format says so.
 */
final class SkippedDirectoriesTest {
  @TempDir Path dir;
  Path module;

  /** A loop that waits once per item, in package {@code pkg}. */
  private static String fetcher(String pkg) {
    return """
        package %s;
        import java.net.URI;
        import java.net.http.HttpClient;
        import java.net.http.HttpRequest;
        import java.net.http.HttpResponse;
        import java.util.List;
        class Fetcher {
          private final HttpClient http = HttpClient.newHttpClient();
          void all(List<String> ids) throws Exception {
            for (String id : ids) {
              http.send(HttpRequest.newBuilder(URI.create("http://x/" + id)).build(),
                  HttpResponse.BodyHandlers.ofString());
            }
          }
        }
        """
        .formatted(pkg);
  }

  private void write(String relative, String text) throws IOException {
    Path file = module.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  @BeforeEach
  void module() throws IOException {
    module = dir.resolve("service");
    write("pom.xml", "<project/>\n");
    for (String pkg : List.of("out", "build", "target")) {
      write("src/main/java/com/acme/" + pkg + "/Fetcher.java", fetcher("com.acme." + pkg));
    }
    // The build's output: a copy of a source (as generated sources are) and class files.
    write("target/generated-sources/com/acme/out/Fetcher.java", fetcher("com.acme.out"));
    write("target/classes/com/acme/out/Fetcher.class", "");
  }

  private String scan(String format, int exitCode) throws IOException {
    Path report = dir.resolve("report." + format);
    assertThat(
            Lockstep.run(
                "scan", "--format", format, "--output", report.toString(), module.toString()))
        .isEqualTo(exitCode);
    return Files.readString(report, StandardCharsets.UTF_8);
  }

  @Test
  void packagesNamedLikeOutputAreScannedAndTheOutputIsListed() throws IOException {
    JsonObject root = JsonParser.parseString(scan("json", Lockstep.FINDINGS)).getAsJsonObject();
    assertThat(ReportSchemas.errors(ReportSchemas.LOCKSTEP_JSON, root.toString())).isEmpty();
    List<String> files = new ArrayList<>();
    for (var f : root.getAsJsonArray("findings")) {
      files.add(f.getAsJsonObject().get("file").getAsString().replace('\\', '/'));
    }
    assertThat(files).hasSize(3);
    assertThat(files.stream().map(f -> f.substring(f.indexOf("src/main/java/"))).toList())
        .containsExactly(
            "src/main/java/com/acme/build/Fetcher.java",
            "src/main/java/com/acme/out/Fetcher.java",
            "src/main/java/com/acme/target/Fetcher.java");
    JsonArray skipped = root.getAsJsonArray("skipped");
    assertThat(skipped).hasSize(1);
    JsonObject target = skipped.get(0).getAsJsonObject();
    assertThat(target.get("directory").getAsString()).endsWith("service/target");
    assertThat(target.get("reason").getAsString()).isEqualTo("build output: pom.xml beside it");
    assertThat(target.get("javaFiles").getAsInt()).isEqualTo(1);
    JsonObject summary = root.getAsJsonObject("summary");
    assertThat(summary.get("skippedDirectories").getAsInt()).isEqualTo(1);
    assertThat(summary.get("complete").getAsBoolean()).isTrue();
  }

  @Test
  void textAndSarifListTheSkippedDirectory() throws IOException {
    assertThat(scan("text", Lockstep.FINDINGS))
        .containsMatch(
            "(?m)^\\S*service/target/: note: not read: build output: pom.xml beside it; 1 Java"
                + " file not read$");

    String sarif = scan("sarif", Lockstep.FINDINGS);
    assertThat(ReportSchemas.errors(ReportSchemas.SARIF, sarif)).isEmpty();
    JsonObject invocation =
        JsonParser.parseString(sarif)
            .getAsJsonObject()
            .getAsJsonArray("runs")
            .get(0)
            .getAsJsonObject()
            .getAsJsonArray("invocations")
            .get(0)
            .getAsJsonObject();
    assertThat(invocation.get("executionSuccessful").getAsBoolean()).isTrue();
    JsonArray notifications = invocation.getAsJsonArray("toolExecutionNotifications");
    assertThat(notifications).hasSize(1);
    JsonObject note = notifications.get(0).getAsJsonObject();
    assertThat(note.get("level").getAsString()).isEqualTo("note");
    assertThat(note.getAsJsonObject("message").get("text").getAsString())
        .isEqualTo("not read: build output: pom.xml beside it; 1 Java file not read");
    String uri =
        note.getAsJsonArray("locations")
            .get(0)
            .getAsJsonObject()
            .getAsJsonObject("physicalLocation")
            .getAsJsonObject("artifactLocation")
            .get("uri")
            .getAsString();
    assertThat(uri).endsWith("service/target/");
  }
}
