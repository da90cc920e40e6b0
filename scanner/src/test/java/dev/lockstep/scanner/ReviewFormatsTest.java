package dev.lockstep.scanner;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.lockstep.scanner.cli.Lockstep;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The formats review bots read: {@code rdjson} (reviewdog) and {@code codeclimate} (GitLab Code
 * Quality), each validated against a schema of its specification on a scan with findings (with
 * chains through other files), without, and of an incomplete scan; each schema shown to reject a
 * broken report, so the validation is live.
 */
final class ReviewFormatsTest {
  private static final int FINDINGS = 10;

  Path dir;
  Path src;

  /** Under target/, scanned by a relative path as from a repository root: relative paths out. */
  @BeforeEach
  void corpus(TestInfo test) throws IOException {
    dir = Path.of("target", "review-formats", test.getTestMethod().orElseThrow().getName());
    if (Files.exists(dir)) {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(f);
        }
      }
    }
    src = dir.resolve("src");
    ParityTest.materialize("identification", src);
    Path chains = ParityTest.CORPUS.resolve("chainThroughOtherFiles/test");
    for (String f : List.of("Groups.java", "Relay.java")) {
      Files.copy(chains.resolve(f), src.resolve("test").resolve(f));
    }
    // Two identical loops in one member: one baseline key, two GitLab issues.
    Files.writeString(
        src.resolve("test/Twice.java"),
        """
        package test;
        class Twice {
          Client client = new Client();
          void run(java.util.List<String> ids) throws Exception {
            for (String id : ids) {
              client.send(id);
            }
            for (String id : ids) {
              client.send(id);
            }
          }
        }
        """);
  }

  private String report(String format, Path root, int exitCode) throws IOException {
    Path out = dir.resolve("report." + format);
    assertWithMessage("exit code of the %s scan", format)
        .that(Lockstep.run("scan", "--format", format, "--output", out.toString(), root.toString()))
        .isEqualTo(exitCode);
    return Files.readString(out, StandardCharsets.UTF_8);
  }

  private Path cleanTree() throws IOException {
    Path clean = dir.resolve("clean");
    Files.createDirectories(clean);
    Files.writeString(clean.resolve("A.java"), "class A { void a() {} }\n");
    return clean;
  }

  private void breakOneFile() throws IOException {
    Files.writeString(
        src.resolve("test/Broken.java"), "package test;\nclass Broken { void x( { }\n");
  }

  @Test
  void rdjsonValidatesAndCarriesTheChains() throws IOException {
    String rdjson = report("rdjson", src, Lockstep.FINDINGS);
    assertThat(ReportSchemas.errors(ReportSchemas.RDJSON, rdjson)).isEmpty();
    JsonObject root = JsonParser.parseString(rdjson).getAsJsonObject();
    assertThat(root.getAsJsonObject("source").get("name").getAsString()).isEqualTo("lockstep");
    JsonArray diagnostics = root.getAsJsonArray("diagnostics");
    assertThat(diagnostics.size()).isEqualTo(FINDINGS + 2);
    int withHopsInOtherFiles = 0;
    for (JsonElement e : diagnostics) {
      JsonObject d = e.getAsJsonObject();
      assertThat(d.get("severity").getAsString()).isEqualTo("WARNING");
      assertThat(d.getAsJsonObject("code").get("value").getAsString())
          .isEqualTo("SerialAwaitInLoop");
      assertThat(d.getAsJsonObject("code").get("url").getAsString())
          .endsWith("SerialAwaitInLoop.md");
      JsonObject location = d.getAsJsonObject("location");
      String path = location.get("path").getAsString();
      assertThat(Files.exists(Path.of(path))).isTrue();
      int line = location.getAsJsonObject("range").getAsJsonObject("start").get("line").getAsInt();
      assertThat(Files.readAllLines(Path.of(path)).get(line - 1)).containsMatch("for|while|\\(");
      Set<String> hopFiles = new HashSet<>();
      for (JsonElement r : d.getAsJsonArray("related_locations")) {
        hopFiles.add(r.getAsJsonObject().getAsJsonObject("location").get("path").getAsString());
      }
      hopFiles.remove(path);
      withHopsInOtherFiles += hopFiles.isEmpty() ? 0 : 1;
    }
    assertThat(withHopsInOtherFiles).isAtLeast(FINDINGS);

    assertThat(ReportSchemas.errors(ReportSchemas.RDJSON, report("rdjson", cleanTree(), 0)))
        .isEmpty();
    breakOneFile();
    String incomplete = report("rdjson", src, Lockstep.INCOMPLETE);
    assertThat(ReportSchemas.errors(ReportSchemas.RDJSON, incomplete)).isEmpty();
    assertThat(incomplete).contains("\"severity\": \"ERROR\"");
  }

  @Test
  void theRdjsonSchemaRejectsWhatReviewdogWouldNot() throws IOException {
    String rdjson = report("rdjson", src, Lockstep.FINDINGS);
    String unknownField = rdjson.replaceFirst("\"related_locations\"", "\"related_location\"");
    assertThat(ReportSchemas.errors(ReportSchemas.RDJSON, unknownField).toString())
        .contains("related_location");
    String badSeverity = rdjson.replaceFirst("\"WARNING\"", "\"warning\"");
    assertThat(ReportSchemas.errors(ReportSchemas.RDJSON, badSeverity)).isNotEmpty();
    String lineZero = rdjson.replaceFirst("\"line\": \\d+", "\"line\": 0");
    assertThat(ReportSchemas.errors(ReportSchemas.RDJSON, lineZero).toString()).contains("line");
  }

  @Test
  void codeclimateValidatesWithUniqueFingerprints() throws IOException {
    String report = report("codeclimate", src, Lockstep.FINDINGS);
    assertThat(ReportSchemas.errors(ReportSchemas.CODECLIMATE, report)).isEmpty();
    JsonArray issues = JsonParser.parseString(report).getAsJsonArray();
    assertThat(issues.size()).isEqualTo(FINDINGS + 2);
    Set<String> fingerprints = new HashSet<>();
    for (JsonElement e : issues) {
      JsonObject issue = e.getAsJsonObject();
      assertThat(issue.get("check_name").getAsString()).isEqualTo("SerialAwaitInLoop");
      assertThat(issue.get("severity").getAsString()).isEqualTo("major");
      fingerprints.add(issue.get("fingerprint").getAsString());
      JsonObject location = issue.getAsJsonObject("location");
      Path path = Path.of(location.get("path").getAsString());
      assertThat(Files.exists(path)).isTrue();
      int begin = location.getAsJsonObject("lines").get("begin").getAsInt();
      assertThat(Files.readAllLines(path).get(begin - 1)).containsMatch("for|while|\\(");
      assertThat(issue.getAsJsonArray("other_locations").size()).isAtLeast(1);
      assertThat(issue.getAsJsonObject("content").get("body").getAsString())
          .containsMatch("\\.java:\\d+");
    }
    assertWithMessage("GitLab tells issues apart by fingerprint")
        .that(fingerprints)
        .hasSize(issues.size());

    assertThat(
            ReportSchemas.errors(ReportSchemas.CODECLIMATE, report("codeclimate", cleanTree(), 0)))
        .isEmpty();
    assertThat(report("codeclimate", cleanTree(), 0).strip()).isEqualTo("[]");
    breakOneFile();
    String incomplete = report("codeclimate", src, Lockstep.INCOMPLETE);
    assertThat(ReportSchemas.errors(ReportSchemas.CODECLIMATE, incomplete)).isEmpty();
    assertThat(incomplete).contains("\"severity\": \"blocker\"");
  }

  @Test
  void theCodeclimateSchemaRejectsWhatGitLabCannotRead() throws IOException {
    String report = report("codeclimate", src, Lockstep.FINDINGS);
    String noFingerprint = report.replaceFirst("\"fingerprint\":", "\"fingerprintz\":");
    assertThat(ReportSchemas.errors(ReportSchemas.CODECLIMATE, noFingerprint).toString())
        .contains("fingerprint");
    String badSeverity = report.replaceFirst("\"major\"", "\"warning\"");
    assertThat(ReportSchemas.errors(ReportSchemas.CODECLIMATE, badSeverity)).isNotEmpty();
    String absolute = report.replaceFirst("\"path\": \"", "\"path\": \"/home/someone/");
    assertThat(ReportSchemas.errors(ReportSchemas.CODECLIMATE, absolute)).isNotEmpty();
  }
}
