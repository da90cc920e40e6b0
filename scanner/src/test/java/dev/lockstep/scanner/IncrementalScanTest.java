package dev.lockstep.scanner;

import static com.google.common.truth.Truth.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.lockstep.scanner.cli.Lockstep;
import dev.lockstep.scanner.frontend.FrontEnd;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17 part 4, end to end through {@code lockstep scan --cache}: what a second scan reuses,
 * what it analyses again, and that its findings are always those of a scan without the cache.
 */
final class IncrementalScanTest {
  @TempDir Path dir;
  Path src;
  Path cache;

  /** A loop in A calls B.fetch, which waits: one finding in A, through B. */
  private static final String A =
      """
      package p;
      import java.util.List;
      class A {
        void all(List<String> ids, B b) throws Exception {
          for (String id : ids) {
            b.fetch(id);
          }
        }
      }
      """;

  private static final String B_WAITS =
      """
      package p;
      import java.net.URI;
      import java.net.http.HttpClient;
      import java.net.http.HttpRequest;
      import java.net.http.HttpResponse;
      class B {
        private final HttpClient http = HttpClient.newHttpClient();
        String fetch(String id) throws Exception {
          return http.send(HttpRequest.newBuilder(URI.create("http://x/" + id)).build(),
              HttpResponse.BodyHandlers.ofString()).body();
        }
      }
      """;

  private static final String B_DOES_NOT_WAIT =
      """
      package p;
      class B {
        String fetch(String id) throws Exception {
          return "cached " + id;
        }
      }
      """;

  /** Unrelated to A and B, with a finding of its own. */
  private static String c(String extra) {
    return """
        package q;
        import java.net.URI;
        import java.net.http.HttpClient;
        import java.net.http.HttpRequest;
        import java.net.http.HttpResponse;
        import java.util.List;
        class C {
          private final HttpClient http = HttpClient.newHttpClient();
          void each(List<String> ids) throws Exception {
            for (String id : ids) {
              http.send(HttpRequest.newBuilder(URI.create("http://y/" + id)).build(),
                  HttpResponse.BodyHandlers.ofString());
            }
          }
          %s
        }
        """
        .formatted(extra);
  }

  @BeforeEach
  void tree() throws IOException {
    src = dir.resolve("src");
    cache = dir.resolve("cache");
    write("p/A.java", A);
    write("p/B.java", B_WAITS);
    write("q/C.java", c(""));
  }

  private void write(String relative, String text) throws IOException {
    Path file = src.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  /** A scan's JSON report, with the cache. */
  private JsonObject scan(String... options) throws IOException {
    List<String> args = new ArrayList<>(List.of("scan", "--format", "json", "--cache", "" + cache));
    args.addAll(List.of(options));
    return run(args);
  }

  /** A scan's JSON report without the cache: what every cached scan must report. */
  private JsonObject fresh(String... options) throws IOException {
    List<String> args = new ArrayList<>(List.of("scan", "--format", "json", "--no-cache"));
    args.addAll(List.of(options));
    return run(args);
  }

  private JsonObject run(List<String> args) throws IOException {
    Path report = dir.resolve("report-" + System.nanoTime() + ".json");
    args.addAll(List.of("--output", report.toString(), src.toString()));
    int exit = Lockstep.run(args.toArray(String[]::new));
    assertThat(exit).isAnyOf(Lockstep.CLEAN, Lockstep.FINDINGS);
    JsonObject root =
        JsonParser.parseString(Files.readString(report, StandardCharsets.UTF_8)).getAsJsonObject();
    assertThat(ReportSchemas.errors(ReportSchemas.LOCKSTEP_JSON, root.toString())).isEmpty();
    return root;
  }

  private static JsonObject summary(JsonObject report) {
    return report.getAsJsonObject("summary");
  }

  private static int analysed(JsonObject report) {
    return summary(report).get("filesAnalysed").getAsInt();
  }

  private static int fromCache(JsonObject report) {
    return summary(report).get("filesFromCache").getAsInt();
  }

  private static String state(JsonObject report) {
    return summary(report).get("cache").getAsString();
  }

  private static List<String> findingFiles(JsonObject report) {
    List<String> files = new ArrayList<>();
    for (JsonElement f : report.getAsJsonArray("findings")) {
      String file = f.getAsJsonObject().get("file").getAsString();
      files.add(file.substring(file.lastIndexOf('/') + 1));
    }
    return files;
  }

  private static JsonArray findings(JsonObject report) {
    return report.getAsJsonArray("findings");
  }

  @Test
  void anUnchangedTreeIsReadFromTheCacheWithTheSameFindings() throws IOException {
    JsonObject cold = scan();
    assertThat(state(cold)).isEqualTo("cold");
    assertThat(analysed(cold)).isEqualTo(3);
    assertThat(findingFiles(cold)).containsExactly("A.java", "C.java");

    JsonObject warm = scan();
    assertThat(state(warm)).isEqualTo("warm");
    assertThat(analysed(warm)).isEqualTo(0);
    assertThat(fromCache(warm)).isEqualTo(3);
    assertThat(summary(warm).get("resolutions").getAsInt()).isEqualTo(0);
    assertThat(findings(warm)).isEqualTo(findings(cold));
    assertThat(summary(warm).get("loops")).isEqualTo(summary(cold).get("loops"));
    assertThat(summary(warm).get("lines")).isEqualTo(summary(cold).get("lines"));
    assertThat(findings(warm)).isEqualTo(findings(fresh()));
  }

  @Test
  void aCalleeThatStopsWaitingTakesTheCallersFindingAwayAndBack() throws IOException {
    scan();
    write("p/B.java", B_DOES_NOT_WAIT);
    JsonObject stopped = scan();
    assertThat(findingFiles(stopped)).containsExactly("C.java");
    assertThat(analysed(stopped)).isEqualTo(2); // B and A, which reads B; not C
    assertThat(findings(stopped)).isEqualTo(findings(fresh()));

    write("p/B.java", B_WAITS);
    JsonObject waits = scan();
    assertThat(findingFiles(waits)).containsExactly("A.java", "C.java");
    assertThat(analysed(waits)).isEqualTo(2);
    assertThat(findings(waits)).isEqualTo(findings(fresh()));
  }

  @Test
  void aChangeInAnUnrelatedFileAnalysesOnlyThatFile() throws IOException {
    scan();
    write("q/C.java", c("int unused() { return 1; }"));
    JsonObject changed = scan();
    assertThat(analysed(changed)).isEqualTo(1);
    assertThat(fromCache(changed)).isEqualTo(2);
    assertThat(findingFiles(changed)).containsExactly("A.java", "C.java");
    assertThat(findings(changed)).isEqualTo(findings(fresh()));
  }

  @Test
  void aNewFileThatDeclaresAnUnresolvedTypeAnalysesItsUsersAgain() throws IOException {
    // D calls a Fetcher no file declares yet: its loop is unresolved, no finding.
    write(
        "p/D.java",
        """
        package p;
        import java.util.List;
        class D {
          void all(List<String> ids, Fetcher f) throws Exception {
            for (String id : ids) {
              f.fetch(id);
            }
          }
        }
        """);
    assertThat(findingFiles(scan())).doesNotContain("D.java");
    write("p/Fetcher.java", B_WAITS.replace("class B", "class Fetcher"));
    JsonObject added = scan();
    assertThat(findingFiles(added)).contains("D.java");
    assertThat(analysed(added)).isEqualTo(2); // Fetcher, and D whose lookup it now answers
    assertThat(findings(added)).isEqualTo(findings(fresh()));
  }

  /**
   * ADR 0024: a cold scan in rounds (here one file each, every other file parsed again on demand)
   * records what each file read as one round does, so a later change analyses the same files.
   */
  @Test
  void aColdScanInRoundsRecordsWhatEachFileRead() throws IOException {
    String before = System.getProperty(FrontEnd.EPOCH_LINES_PROPERTY);
    System.setProperty(FrontEnd.EPOCH_LINES_PROPERTY, "1");
    try {
      write("x/p/B.java", B_DOES_NOT_WAIT); // and a type declared twice: the first serves
      JsonObject cold = scan();
      assertThat(state(cold)).isEqualTo("cold");
      assertThat(analysed(cold)).isEqualTo(4);
      assertThat(findings(cold)).isEqualTo(findings(fresh()));
      // Not compared with one round here: with p.B declared twice, one round takes the type from
      // the first file and the body of B.fetch from whichever B it analysed first (JpNames.ref),
      // so it depends on the order of analysis; rounds read only the serving file (ADR 0024).

      write("p/B.java", B_DOES_NOT_WAIT);
      Files.delete(src.resolve("x/p/B.java"));
      JsonObject stopped = scan();
      assertThat(findingFiles(stopped)).containsExactly("C.java");
      assertThat(analysed(stopped)).isEqualTo(2); // B and A, which read B; not C
      assertThat(findings(stopped)).isEqualTo(findings(fresh()));
      System.clearProperty(FrontEnd.EPOCH_LINES_PROPERTY);
      assertThat(findings(stopped)).isEqualTo(findings(fresh())); // one round
    } finally {
      if (before == null) {
        System.clearProperty(FrontEnd.EPOCH_LINES_PROPERTY);
      } else {
        System.setProperty(FrontEnd.EPOCH_LINES_PROPERTY, before);
      }
    }
  }

  /**
   * ADR 0026: a cold scan on two lanes (each lane its own recorder, merged) records what each file
   * read, so a later change analyses the same files as after a scan on one lane.
   */
  @Test
  void aColdScanOnTwoLanesRecordsWhatEachFileRead() throws IOException {
    String before = System.getProperty(FrontEnd.LANES_PROPERTY);
    System.setProperty(FrontEnd.LANES_PROPERTY, "2");
    try {
      JsonObject cold = scan();
      assertThat(state(cold)).isEqualTo("cold");
      assertThat(analysed(cold)).isEqualTo(3);
      assertThat(findings(cold)).isEqualTo(findings(fresh()));

      write("p/B.java", B_DOES_NOT_WAIT);
      JsonObject stopped = scan();
      assertThat(findingFiles(stopped)).containsExactly("C.java");
      assertThat(analysed(stopped)).isEqualTo(2); // B and A, which read B; not C
      assertThat(findings(stopped)).isEqualTo(findings(fresh()));
      System.clearProperty(FrontEnd.LANES_PROPERTY);
      assertThat(findings(stopped)).isEqualTo(findings(fresh())); // one lane
    } finally {
      if (before == null) {
        System.clearProperty(FrontEnd.LANES_PROPERTY);
      } else {
        System.setProperty(FrontEnd.LANES_PROPERTY, before);
      }
    }
  }

  @Test
  void twoFilesDeclaringOneTypeGiveWhatAScanWithoutTheCacheGives() throws IOException {
    // Two roots' copies of p.B (a module and its fork): which one serves A depends on the order.
    write("x/p/B.java", B_DOES_NOT_WAIT);
    JsonObject first = scan();
    assertThat(findings(first)).isEqualTo(findings(fresh()));
    write("x/p/B.java", B_DOES_NOT_WAIT.replace("\"cached \"", "\"kept \""));
    JsonObject changed = scan();
    assertThat(analysed(changed)).isAtLeast(2); // the copy, and A that may resolve to it
    assertThat(findings(changed)).isEqualTo(findings(fresh()));
    Files.delete(src.resolve("p/B.java"));
    JsonObject deleted = scan();
    assertThat(findings(deleted)).isEqualTo(findings(fresh()));
  }

  @Test
  void aDeletedFilesFindingsAreGone() throws IOException {
    scan();
    Files.delete(src.resolve("q/C.java"));
    JsonObject deleted = scan();
    assertThat(findingFiles(deleted)).containsExactly("A.java");
    assertThat(summary(deleted).get("files").getAsInt()).isEqualTo(2);
    assertThat(analysed(deleted)).isEqualTo(0);
    assertThat(findings(deleted)).isEqualTo(findings(fresh()));
  }

  @Test
  void aDeletedCalleeAnalysesItsCallersAgain() throws IOException {
    scan();
    Files.delete(src.resolve("p/B.java"));
    JsonObject deleted = scan();
    assertThat(findingFiles(deleted)).containsExactly("C.java");
    assertThat(analysed(deleted)).isEqualTo(1); // A
    assertThat(findings(deleted)).isEqualTo(findings(fresh()));
  }

  @Test
  void aChangedClasspathOrConfigurationReusesNothing() throws IOException {
    Path classes = dir.resolve("classes");
    Files.createDirectories(classes);
    Files.writeString(classes.resolve("marker.txt"), "1");
    scan("--classpath", classes.toString());
    assertThat(analysed(scan("--classpath", classes.toString()))).isEqualTo(0);

    Files.writeString(classes.resolve("marker.txt"), "22"); // the build changed a class directory
    JsonObject classpath = scan("--classpath", classes.toString());
    assertThat(state(classpath)).isEqualTo("cold");
    assertThat(analysed(classpath)).isEqualTo(3);

    JsonObject depth = scan("--classpath", classes.toString(), "--max-depth", "1");
    assertThat(state(depth)).isEqualTo("cold");
    assertThat(analysed(depth)).isEqualTo(3);

    Path catalogue = dir.resolve("waits.txt");
    Files.writeString(catalogue, "p.B  fetch  *  latency  B.fetch\n");
    JsonObject config =
        scan("--classpath", classes.toString(), "--catalogue", catalogue.toString());
    assertThat(state(config)).isEqualTo("cold");
    assertThat(analysed(config)).isEqualTo(3);
  }

  @Test
  void aDamagedCacheIsRebuiltNotAFailure() throws IOException {
    JsonObject cold = scan();
    List<Path> indexes;
    try (Stream<Path> files = Files.walk(cache)) {
      indexes = files.filter(f -> f.toString().endsWith(".index")).toList();
    }
    assertThat(indexes).hasSize(1);
    byte[] bytes = Files.readAllBytes(indexes.get(0));
    Files.write(indexes.get(0), java.util.Arrays.copyOf(bytes, bytes.length / 2));

    JsonObject rebuilt = scan();
    assertThat(state(rebuilt)).isEqualTo("rejected");
    assertThat(analysed(rebuilt)).isEqualTo(3);
    assertThat(findings(rebuilt)).isEqualTo(findings(cold));
    assertThat(state(scan())).isEqualTo("warm");

    Files.writeString(indexes.get(0), "not an index");
    assertThat(findings(scan())).isEqualTo(findings(cold));
    assertThat(analysed(scan())).isEqualTo(0);
  }

  @Test
  void theTextSummarySaysWhatCameFromTheCache() throws IOException {
    scan();
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    java.io.PrintStream saved = System.err;
    System.setErr(new java.io.PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      Lockstep.run(
          "scan",
          "--cache",
          cache.toString(),
          "--output",
          dir.resolve("report.txt").toString(),
          src.toString());
    } finally {
      System.setErr(saved);
    }
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("cache warm: 0 analysed, 3 from the cache");
  }
}
