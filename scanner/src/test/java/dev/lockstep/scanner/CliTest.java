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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code lockstep} CLI end to end: exit codes, broken files, baselines, docs. The report
 * formats are validated in {@link ReportFormatsTest}.
 */
final class CliTest {
  @TempDir Path dir;
  Path src;
  Path out;

  @BeforeEach
  void corpus() throws IOException {
    src = dir.resolve("src");
    out = dir.resolve("out");
    ParityTest.materialize("identification", src);
  }

  private int scan(String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "scan";
    System.arraycopy(args, 0, all, 1, args.length);
    return Lockstep.run(all);
  }

  private String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  @Test
  void exitCodes() throws IOException {
    Path clean = dir.resolve("clean");
    Files.createDirectories(clean);
    Files.writeString(clean.resolve("A.java"), "class A { void a() {} }\n");
    Path o = out.resolve("x");
    assertThat(scan("--output", o.toString(), clean.toString())).isEqualTo(Lockstep.CLEAN);
    assertThat(scan("--output", o.toString(), src.toString())).isEqualTo(Lockstep.FINDINGS);
    assertThat(scan("--output", o.toString(), "--fail-on", "error", src.toString()))
        .isEqualTo(Lockstep.CLEAN);
    assertThat(scan("--output", o.toString(), "--fail-on", "none", src.toString()))
        .isEqualTo(Lockstep.CLEAN);
    assertThat(scan("--no-such-option", src.toString())).isEqualTo(Lockstep.USAGE);
    assertThat(scan("--format", "yaml", src.toString())).isEqualTo(Lockstep.USAGE);
    assertThat(scan(dir.resolve("missing").toString())).isEqualTo(Lockstep.USAGE);
    Path badCatalogue = dir.resolve("bad.tsv");
    Files.writeString(badCatalogue, "a.B c (x) sometimes label\n");
    assertThat(scan("--catalogue", badCatalogue.toString(), src.toString()))
        .isEqualTo(Lockstep.USAGE);
    assertThat(Lockstep.run(new String[0])).isEqualTo(Lockstep.USAGE);
  }

  /**
   * {@code --strict} is accepted by both commands and changes nothing on input the scanner handles;
   * a file that does not parse is the user's problem, not an internal error, so it stays a problem.
   * (StrictModeTest shows what strict mode does with an internal failure.)
   */
  @Test
  void strictFlag() throws IOException {
    Path o = out.resolve("x");
    assertThat(scan("--strict", "--output", o.toString(), src.toString()))
        .isEqualTo(Lockstep.FINDINGS);
    assertThat(
            Lockstep.run(
                "doc", "--strict", "--output-dir", out.resolve("d").toString(), src.toString()))
        .isEqualTo(Lockstep.CLEAN);
    Files.writeString(
        src.resolve("test/Broken.java"), "package test;\nclass Broken { void x( { }\n");
    assertThat(scan("--strict", "--output", o.toString(), src.toString()))
        .isEqualTo(Lockstep.INCOMPLETE);
    assertThat(read(o)).contains("Broken.java");
  }

  @Test
  void brokenFileIsReportedAndTheScanGoesOn() throws IOException {
    Files.writeString(
        src.resolve("test/Broken.java"), "package test;\nclass Broken { void x( { }\n");
    Path report = out.resolve("r.json");
    assertThat(scan("--format", "json", "--output", report.toString(), src.toString()))
        .isEqualTo(Lockstep.INCOMPLETE);
    JsonObject root = JsonParser.parseString(read(report)).getAsJsonObject();
    assertThat(root.getAsJsonArray("findings").size()).isEqualTo(9);
    JsonArray problems = root.getAsJsonArray("problems");
    assertThat(problems.size()).isEqualTo(1);
    assertThat(problems.get(0).getAsJsonObject().get("file").getAsString())
        .endsWith("test/Broken.java");
    assertThat(problems.get(0).getAsJsonObject().get("reason").getAsString()).contains("line 2");
    assertThat(root.getAsJsonObject("summary").get("complete").getAsBoolean()).isFalse();
    // Even with no finding at all, an incomplete scan is not clean.
    assertThat(scan("--output", out.resolve("y").toString(), "--fail-on", "none", src.toString()))
        .isEqualTo(Lockstep.INCOMPLETE);
  }

  @Test
  void baselineRoundTrip() throws IOException {
    Path baseline = dir.resolve("lockstep-baseline.json");
    Path report = out.resolve("r.json");
    assertThat(
            scan(
                "--baseline",
                baseline.toString(),
                "--update-baseline",
                "--output",
                report.toString(),
                src.toString()))
        .isEqualTo(Lockstep.CLEAN);
    assertThat(
            scan(
                "--baseline",
                baseline.toString(),
                "--format",
                "json",
                "--output",
                report.toString(),
                src.toString()))
        .isEqualTo(Lockstep.CLEAN);
    JsonObject summary =
        JsonParser.parseString(read(report)).getAsJsonObject().getAsJsonObject("summary");
    assertThat(summary.get("new").getAsInt()).isEqualTo(0);
    assertThat(summary.get("baselined").getAsInt()).isEqualTo(9);

    // Unrelated edits move every loop down: nothing comes back.
    Path loops = src.resolve("test/Loops.java");
    String text = read(loops);
    Files.writeString(
        loops, text.replace("class Loops {", "class Loops {\n  // a comment\n  int unrelated;\n"));
    assertThat(
            scan("--baseline", baseline.toString(), "--output", report.toString(), src.toString()))
        .isEqualTo(Lockstep.CLEAN);

    // A new loop is new; a removed one is fixed.
    String edited =
        read(loops)
            .replace(
                "  void knownSize() throws Exception {",
                """
                  void added(List<String> more) throws Exception {
                    for (String m : more) {
                      client.send(m);
                    }
                  }
                  void knownSize() throws Exception {""")
            .replace("client.send(ids[i]);", "ids[i].length();");
    Files.writeString(loops, edited);
    assertThat(
            scan(
                "--baseline",
                baseline.toString(),
                "--format",
                "json",
                "--output",
                report.toString(),
                src.toString()))
        .isEqualTo(Lockstep.FINDINGS);
    summary = JsonParser.parseString(read(report)).getAsJsonObject().getAsJsonObject("summary");
    assertThat(summary.get("new").getAsInt()).isEqualTo(1);
    assertThat(summary.get("baselined").getAsInt()).isEqualTo(8);
    assertThat(summary.get("fixed").getAsInt()).isEqualTo(1);
  }

  @Test
  void docEscapesWhatItTakesFromSource() throws IOException {
    Files.writeString(
        src.resolve("test/Modem.java"),
        """
        package test;
        import dev.lockstep.annotations.SerializedResource;
        import dev.lockstep.annotations.ResourceParallelism;
        import dev.lockstep.annotations.Sequential;
        @SerializedResource(reason = "<script>alert('x')</script> | **one** [modem](javascript:x)")
        class Modem {
          @ResourceParallelism(value = 4, reason = "four lines")
          Object lines;
          @Sequential(reason = "the partner <b>bans</b> parallel calls")
          void dial(java.util.List<String> numbers) {
            var window = dev.lockstep.window.BoundedWindow.of(8);
          }
        }
        """);
    Path docs = out.resolve("docs");
    assertThat(Lockstep.run("doc", "--output-dir", docs.toString(), src.toString()))
        .isEqualTo(Lockstep.CLEAN);
    String md = read(docs.resolve("concurrency-map.md"));
    assertThat(md).doesNotContain("<script>");
    assertThat(md).doesNotContain("<b>");
    assertThat(md).contains("&lt;script&gt;alert");
    assertThat(md).contains("\\| \\*\\*one\\*\\* \\[modem\\]\\(javascript:x\\)");
    assertThat(md).contains("`test.Modem` | type | 1 |");
    assertThat(md).contains("`test.Modem#lines` | field | 4 | four lines");
    assertThat(md).contains("`@Sequential` | `test.Modem#dial` | method |");
    assertThat(md).contains("`BoundedWindow.of` | `test.Modem#dial` | 8 |");
    assertThat(md).containsMatch("\\*\\*SerialAwaitInLoop\\*\\* at \\[[^]]*Loops.java:9\\]\\(");
    String json = read(docs.resolve("concurrency-map.json"));
    assertThat(json).doesNotContain("<script>");
    JsonObject root = JsonParser.parseString(json).getAsJsonObject();
    assertThat(
            root.getAsJsonArray("declarations")
                .get(0)
                .getAsJsonObject()
                .get("reason")
                .getAsString())
        .startsWith("<script>"); // the JSON holds the text itself, escaped by the encoding
    assertThat(root.getAsJsonArray("findings").size()).isEqualTo(9);
  }
}
