package dev.lockstep.scanner;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.lockstep.scanner.cli.Lockstep;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scan --changed-since} and {@code --diff} end to end, in a real git repository: a change to
 * one of two serial loops reports that loop only; a change to the wait both loops reach reports
 * both (a chain hop on a changed line); a bad ref or a directory outside git is a usage error with
 * git's reason, never a stack trace.
 */
final class ChangedSinceTest {
  @TempDir Path repo;
  Path report;

  private static final String CLIENT =
      """
      package app;
      import java.net.URI;
      import java.net.http.HttpClient;
      import java.net.http.HttpRequest;
      import java.net.http.HttpResponse;
      class Client {
        private final HttpClient http = HttpClient.newHttpClient();
        String send(String id) throws Exception {
          HttpRequest request = HttpRequest.newBuilder(URI.create("https://example.com/" + id)).build();
          return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
        }
      }
      """;

  private static final String GROUPS =
      """
      package app;
      import java.util.List;
      class Groups {
        Client client = new Client();
        void publish(List<String> groups) throws Exception {
          for (String group : groups) {
            client.send(group);
          }
        }
        void sync(List<String> users) throws Exception {
          for (String user : users) {
            client.send(user);
          }
        }
      }
      """;

  @BeforeEach
  void repository() throws Exception {
    Files.createDirectories(repo.resolve("src/app"));
    Files.writeString(repo.resolve("src/app/Client.java"), CLIENT);
    Files.writeString(repo.resolve("src/app/Groups.java"), GROUPS);
    git("init", "-q");
    commit("two serial loops");
    report = repo.resolve("report.json");
  }

  private void git(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=t", "-c"));
    command.add("user.email=t@example.com");
    command.addAll(List.of(args));
    Process p =
        new ProcessBuilder(command).directory(repo.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(1, TimeUnit.MINUTES)).isTrue();
    assertWithMessage("git %s: %s", args, out).that(p.exitValue()).isEqualTo(0);
  }

  private void commit(String message) throws IOException, InterruptedException {
    git("add", "-A");
    git("commit", "-q", "-m", message);
  }

  private void edit(String file, String from, String to) throws IOException {
    Path path = repo.resolve(file);
    String text = Files.readString(path);
    assertThat(text).contains(from);
    Files.writeString(path, text.replace(from, to));
  }

  /** The reported findings as {@code file:line} of their loops. */
  private List<String> findings(String... args) throws IOException {
    List<String> all = new ArrayList<>(List.of("scan", "--format", "json", "--output"));
    all.add(report.toString());
    all.addAll(List.of(args));
    all.add(repo.resolve("src").toString());
    int exit = Lockstep.run(all.toArray(String[]::new));
    assertThat(exit).isAnyOf(Lockstep.CLEAN, Lockstep.FINDINGS);
    List<String> out = new ArrayList<>();
    JsonObject root = JsonParser.parseString(Files.readString(report)).getAsJsonObject();
    for (JsonElement e : root.getAsJsonArray("findings")) {
      JsonObject f = e.getAsJsonObject();
      String file = Path.of(f.get("file").getAsString()).getFileName().toString();
      out.add(f.get("check").getAsString() + " " + file + ":" + f.get("line").getAsInt());
    }
    assertThat(exit).isEqualTo(out.isEmpty() ? Lockstep.CLEAN : Lockstep.FINDINGS);
    return out;
  }

  @Test
  void withoutAChangeFilterBothLoopsAreReported() throws IOException {
    assertThat(findings())
        .containsExactly("SerialAwaitInLoop Groups.java:6", "SerialAwaitInLoop Groups.java:11");
  }

  @Test
  void oneChangedLoopReportsExactlyThatLoop() throws Exception {
    edit("src/app/Groups.java", "client.send(user);", "client.send(user.trim());");
    commit("trim user ids");
    assertThat(findings("--changed-since", "HEAD~1"))
        .containsExactly("SerialAwaitInLoop Groups.java:11");
  }

  @Test
  void aChangedHopReportsEveryLoopWhoseChainRunsThroughIt() throws Exception {
    edit(
        "src/app/Client.java",
        "return http.send(request, HttpResponse.BodyHandlers.ofString()).body();",
        "return http.send(request, HttpResponse.BodyHandlers.ofString()).body().strip();");
    commit("strip bodies");
    assertThat(findings("--changed-since", "HEAD~1"))
        .containsExactly("SerialAwaitInLoop Groups.java:6", "SerialAwaitInLoop Groups.java:11");
  }

  @Test
  void anUnrelatedChangeReportsNothing() throws Exception {
    edit("src/app/Groups.java", "class Groups {", "class Groups {\n  int unrelated;");
    commit("a field");
    assertThat(findings("--changed-since", "HEAD~1")).isEmpty();
  }

  @Test
  void uncommittedAndUntrackedFilesCount() throws Exception {
    Files.writeString(
        repo.resolve("src/app/Fresh.java"),
        """
        package app;
        class Fresh {
          void all(java.util.List<String> ids) throws Exception {
            for (String id : ids) {
              new Client().send(id);
            }
          }
        }
        """);
    assertThat(findings("--changed-since", "HEAD"))
        .containsExactly("SerialAwaitInLoop Fresh.java:4");
  }

  @Test
  void aDiffFileNarrowsTheSameWay() throws Exception {
    Path diff = repo.resolve("change.diff");
    // Paths in the diff are relative to the current directory: here, absolute ones stand in.
    String file = repo.resolve("src/app/Groups.java").toString();
    Files.writeString(
        diff,
        "--- "
            + file
            + "\n+++ "
            + file
            + "\n@@ -7 +7 @@\n-      client.send(group);\n+      client.send(group);\n");
    assertThat(findings("--diff", diff.toString()))
        .containsExactly("SerialAwaitInLoop Groups.java:6");
  }

  @Test
  void aBadRefOrNoRepositoryIsAUsageErrorWithoutAStackTrace() throws Exception {
    String err = stderrOf("--changed-since", "no-such-branch", repo.resolve("src").toString());
    assertThat(err).contains("lockstep: --changed-since: git merge-base failed");
    assertThat(err).contains("no-such-branch");
    assertThat(err).doesNotContain("\tat ");

    Path outside = Files.createTempDirectory("lockstep-not-git");
    Files.writeString(outside.resolve("A.java"), "class A {}\n");
    err = stderrOf("--changed-since", "HEAD~1", outside.toString());
    assertThat(err).contains("git rev-parse failed");
    assertThat(err).containsMatch("(?i)not a git repository");
    assertThat(err).doesNotContain("\tat ");

    err = stderrOf("--diff", repo.resolve("missing.diff").toString(), repo.toString());
    assertThat(err).contains("--diff: cannot read");
    err = stderrOf("--diff", "x", "--changed-since", "HEAD", repo.toString());
    assertThat(err).contains("cannot be used together");
  }

  /** Runs a scan that must end with exit code 2 and returns what it printed on stderr. */
  private String stderrOf(String... args) {
    List<String> all = new ArrayList<>(List.of("scan", "--output", report.toString()));
    all.addAll(List.of(args));
    PrintStream saved = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    try {
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      assertThat(Lockstep.run(all.toArray(String[]::new))).isEqualTo(Lockstep.USAGE);
    } finally {
      System.setErr(saved);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }
}
