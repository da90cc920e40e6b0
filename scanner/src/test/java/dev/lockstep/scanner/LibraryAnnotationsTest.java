package dev.lockstep.scanner;

import static com.google.common.truth.Truth.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.lockstep.scanner.cli.Lockstep;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Annotations inside library jars count, as the checker reads them from class files: a call into a
 * {@code @Blocking} class or to a {@code @Blocking} method of a jar given with {@code --classpath}
 * is a wait; its unannotated neighbour is not.
 */
final class LibraryAnnotationsTest {
  @TempDir Path dir;

  @Test
  void blockingInAJarMakesCallsWaits() throws IOException {
    Path jar = LibraryJar.build(dir, LibraryJar.ANNOTATED);
    Path src = dir.resolve("src/app");
    Files.createDirectories(src);
    Files.writeString(
        src.resolve("Client.java"),
        """
        package app;
        import java.util.List;
        import lib.Mixed;
        import lib.RemoteApi;
        class Client {
          RemoteApi api = new RemoteApi();
          Mixed mixed = new Mixed();
          void blockingType(List<String> ids) {
            for (String id : ids) {
              api.fetch(id);
            }
          }
          void blockingMethod(List<String> ids) {
            for (String id : ids) {
              mixed.load(id);
            }
          }
          void notAnnotated(List<String> ids) {
            for (String id : ids) {
              mixed.local(id);
            }
          }
          void blockingConstructor(List<String> hosts) {
            for (String host : hosts) {
              new lib.Connection(host);
            }
          }
          void otherConstructor(List<Integer> ports) {
            for (int port : ports) {
              new lib.Connection(port);
            }
          }
        }
        """,
        StandardCharsets.UTF_8);

    assertThat(findings("--classpath", jar.toString()))
        .containsExactly("9 RemoteApi.fetch", "14 Mixed.load", "24 new Connection");
    // Without the jar nothing resolves: no finding rather than a wrong one.
    assertThat(findings()).isEmpty();
  }

  /**
   * The checker's {@code FakeConcurrencyTest.librarySynchronizedMethodThatWaits} with a jar of the
   * user's instead of the JDK: {@code ACC_SYNCHRONIZED} in the class file makes the shared receiver
   * a serialization point, as javac's symbol does for the checker.
   */
  @Test
  void librarySynchronizedMethodThatWaits() throws IOException {
    Path jar = LibraryJar.build(dir, LibraryJar.SYNCHRONIZED);
    Path window = dir.resolve("src/dev/lockstep/window/BoundedWindow.java");
    Files.createDirectories(window.getParent());
    Files.copy(
        ParityTest.caseFile("fakeBoundedWindow", "dev/lockstep/window/BoundedWindow.java"), window);
    Path src = dir.resolve("src/app");
    Files.createDirectories(src);
    Files.writeString(
        src.resolve("Posting.java"),
        """
        package app;
        import dev.lockstep.window.BoundedWindow;
        import java.util.List;
        import lib.Ledger;
        class Posting {
          private final Ledger ledger = new Ledger();
          void postAll(List<String> entries) throws Exception {
            BoundedWindow.of(5).forEach(entries, e -> ledger.post(e));
          }
          void readAll(List<String> entries) throws Exception {
            BoundedWindow.of(5).forEach(entries, e -> ledger.read(e));
          }
        }
        """,
        StandardCharsets.UTF_8);

    List<JsonObject> found = report("--classpath", jar.toString());
    assertThat(found).hasSize(1);
    JsonObject finding = found.get(0);
    assertThat(finding.get("check").getAsString()).isEqualTo("FakeConcurrency");
    assertThat(finding.get("line").getAsInt()).isEqualTo(8);
    // (Paths in the message reduced to file names, as javac prints them.)
    assertThat(finding.get("message").getAsString().replaceAll("[\\w./-]*/(\\w+\\.java)", "$1"))
        .contains(
            "5 workers, effective parallelism 1: each task reaches Ledger.post (synchronized, on"
                + " the shared 'ledger', Posting.java:8) which holds the monitor while it waits");
    // Without the jar the call does not resolve: nothing is known, nothing is reported.
    assertThat(report()).isEmpty();
  }

  /** Line and waiting method of each finding of a JSON scan of {@code dir/src}. */
  private List<String> findings(String... options) throws IOException {
    List<String> found = new ArrayList<>();
    for (JsonObject f : report(options)) {
      var chain = f.getAsJsonArray("chain");
      found.add(
          f.get("line").getAsInt()
              + " "
              + chain.get(chain.size() - 1).getAsJsonObject().get("method").getAsString());
    }
    return found;
  }

  /** The findings of a JSON scan of {@code dir/src}. */
  private List<JsonObject> report(String... options) throws IOException {
    Path report = dir.resolve("report.json");
    List<String> args =
        new ArrayList<>(List.of("scan", "--format", "json", "--output", report.toString()));
    args.addAll(List.of(options));
    args.add(dir.resolve("src").toString());
    int exit = Lockstep.run(args.toArray(new String[0]));
    assertThat(exit).isAnyOf(Lockstep.CLEAN, Lockstep.FINDINGS);
    List<JsonObject> found = new ArrayList<>();
    for (JsonElement e :
        JsonParser.parseString(Files.readString(report))
            .getAsJsonObject()
            .getAsJsonArray("findings")) {
      found.add(e.getAsJsonObject());
    }
    return found;
  }
}
