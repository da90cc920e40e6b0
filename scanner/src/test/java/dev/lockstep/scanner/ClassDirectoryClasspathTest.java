package dev.lockstep.scanner;

import static com.google.common.truth.Truth.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.lockstep.scanner.cli.Lockstep;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A module's own {@code target/classes} on {@code --classpath} next to the jars it was compiled
 * against (issue 17): its classes' signatures mention the jars' types, and resolving them must see
 * those jars. (A class directory read apart from the jars threw {@code NoClassDefFoundError}, and
 * the scan ended with no report.)
 */
final class ClassDirectoryClasspathTest {
  /** The jar: a type that only the jar has. */
  private static final Map<String, String> WIRE =
      Map.of(
          "wire/Frame.java",
          """
          package wire;
          public class Frame {
            public Frame(String body) {}
          }
          """);

  /** The class directory: a client whose every method mentions the jar's type. */
  private static final Map<String, String> CLIENT =
      Map.of(
          "client/Remote.java",
          """
          package client;
          import wire.Frame;
          public class Remote {
            @dev.lockstep.annotations.Blocking(reason = "a round trip per frame")
            public Frame send(Frame frame) { return frame; }
            public Frame local(Frame frame) { return frame; }
            public Frame last;
          }
          """);

  @TempDir Path dir;

  @Test
  void aClassDirectoryResolvesAgainstTheJars() throws IOException {
    Path jar = LibraryJar.build(dir.resolve("wire"), WIRE);
    LibraryJar.build(dir.resolve("client"), CLIENT, List.of(jar));
    Path classes = dir.resolve("client/lib-classes");
    assertThat(Files.isRegularFile(classes.resolve("client/Remote.class"))).isTrue();
    Path src = dir.resolve("src/app");
    Files.createDirectories(src);
    Files.writeString(
        src.resolve("Sender.java"),
        """
        package app;
        import client.Remote;
        import java.util.List;
        import wire.Frame;
        class Sender {
          Remote remote = new Remote();
          void sendAll(List<String> bodies) {
            for (String body : bodies) {
              remote.send(new Frame(body));
            }
          }
          void keepAll(List<String> bodies) {
            for (String body : bodies) {
              remote.local(new Frame(body));
            }
          }
        }
        """,
        StandardCharsets.UTF_8);

    Path report = dir.resolve("report.json");
    int exit =
        Lockstep.run(
            "scan",
            "--format",
            "json",
            "--output",
            report.toString(),
            "--classpath",
            classes + File.pathSeparator + jar,
            dir.resolve("src").toString());

    JsonObject root = JsonParser.parseString(Files.readString(report)).getAsJsonObject();
    assertThat(root.getAsJsonArray("problems")).isEmpty();
    assertThat(exit).isEqualTo(Lockstep.FINDINGS);
    JsonArray findings = root.getAsJsonArray("findings");
    assertThat(findings).hasSize(1);
    JsonObject finding = findings.get(0).getAsJsonObject();
    assertThat(finding.get("line").getAsInt()).isEqualTo(8);
    JsonArray chain = finding.getAsJsonArray("chain");
    assertThat(chain.get(chain.size() - 1).getAsJsonObject().get("method").getAsString())
        .isEqualTo("Remote.send");
  }
}
