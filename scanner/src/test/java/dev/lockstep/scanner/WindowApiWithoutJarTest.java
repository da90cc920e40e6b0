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
 * The scanner knows the window API by name: the samples, scanned without the window's jar on {@code
 * --classpath}, still show the pipeline that runs a {@code BoundedWindow} over a lock
 * (FakeConcurrency in {@code WindowOverLock}) and list their window pipelines in the map.
 */
final class WindowApiWithoutJarTest {
  @TempDir Path dir;

  @Test
  void scanFindsTheFakeConcurrencyOfAWindowWithoutItsJar() throws IOException {
    Path report = dir.resolve("report.json");
    int exit =
        Lockstep.run(
            "scan",
            "--format",
            "json",
            "--output",
            report.toString(),
            ParityTest.SAMPLES.toString());
    assertThat(exit).isEqualTo(Lockstep.FINDINGS);
    JsonObject root = JsonParser.parseString(Files.readString(report)).getAsJsonObject();
    List<String> fake = new ArrayList<>();
    for (JsonElement e : root.getAsJsonArray("findings")) {
      JsonObject f = e.getAsJsonObject();
      if (f.get("check").getAsString().equals("FakeConcurrency")) {
        fake.add(f.get("file").getAsString());
      }
    }
    assertThat(fake).hasSize(1);
    assertThat(fake.get(0)).endsWith("relay/WindowOverLock.java");
  }

  @Test
  void docListsTheWindowPipelinesWithoutItsJar() throws IOException {
    Path out = dir.resolve("doc");
    assertThat(Lockstep.run("doc", "--output-dir", out.toString(), ParityTest.SAMPLES.toString()))
        .isEqualTo(Lockstep.CLEAN);
    JsonObject map =
        JsonParser.parseString(
                Files.readString(out.resolve("concurrency-map.json"), StandardCharsets.UTF_8))
            .getAsJsonObject();
    int windows = 0;
    for (JsonElement p : map.getAsJsonArray("pipelines")) {
      if (p.getAsJsonObject().get("kind").getAsString().equals("BoundedWindow")) {
        windows++;
      }
    }
    assertThat(windows).isAtLeast(2);
  }
}
