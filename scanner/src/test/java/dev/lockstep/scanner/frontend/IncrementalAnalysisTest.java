package dev.lockstep.scanner.frontend;

import static com.google.common.truth.Truth.assertThat;

import dev.lockstep.analysis.config.LockstepConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link FrontEnd#analyse} over kept trees (the language server's way): after one file is parsed
 * again from new text, the findings are those a fresh scan of the new texts gives.
 */
class IncrementalAnalysisTest {
  static final String RELAY =
      """
      package test;
      class Relay {
        private final Client client = new Client();
        void publish(String group) throws Exception {
          client.send("publish/" + group);
        }
      }
      """;

  static final String RELAY_LOCAL =
      """
      package test;
      class Relay {
        final java.util.List<String> sent = new java.util.ArrayList<>();
        void publish(String group) throws Exception {
          sent.add("publish/" + group);
        }
      }
      """;

  static final String GROUPS =
      """
      package test;
      import java.util.List;
      public class Groups {
        Relay relay = new Relay();
        public void run(List<String> groups) throws Exception {
          for (String group : groups) {
            relay.publish(group);
          }
        }
      }
      """;

  @TempDir Path dir;

  private FrontEnd.Input write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return new FrontEnd.Input(file, name);
  }

  @Test
  void reparsingOneFileChangesTheFindingsOfTheFilesThatCallIt() throws IOException {
    FrontEnd.Input client =
        write(
            "Client.java",
            Files.readString(
                Path.of("../src/test-corpus/fixtures/serialAwait/test/Client.java"),
                StandardCharsets.UTF_8));
    FrontEnd.Input relay = write("Relay.java", RELAY);
    FrontEnd.Input groups = write("Groups.java", GROUPS);
    FrontEnd.Options options = new FrontEnd.Options(LockstepConfig.defaults(), List.of(), true, 1);
    List<FrontEnd.ParsedFile> files =
        new ArrayList<>(FrontEnd.parse(List.of(client, relay, groups), 1));

    FrontEnd.Result before = FrontEnd.analyse(files, in -> in.equals(groups), options);
    assertThat(before.findings()).hasSize(1);
    assertThat(before.findings().get(0).finding().location().file()).isEqualTo("Groups.java");

    // Relay no longer waits: only Relay is parsed again, Groups's tree is the same one.
    files.set(1, FrontEnd.parse(relay, RELAY_LOCAL));
    FrontEnd.Result after = FrontEnd.analyse(files, in -> in.equals(groups), options);
    assertThat(after.findings()).isEmpty();

    // Only the files asked for are analysed: Relay's findings (none) and problems are not Groups'.
    files.set(1, FrontEnd.parse(relay, RELAY));
    assertThat(FrontEnd.analyse(files, in -> in.equals(relay), options).findings()).isEmpty();
    assertThat(FrontEnd.analyse(files, in -> true, options).findings()).hasSize(1);
  }
}
