package dev.lockstep.scanner;

import static com.google.common.truth.Truth.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shaded jar at its fixed path runs on its own: every dependency is inside. */
final class JarIT {
  @Test
  void runsSelfContained(@TempDir Path dir) throws IOException, InterruptedException {
    Path identification = ParityTest.materialize("identification", dir.resolve("identification"));
    Path jar = Path.of("target/lockstep-scanner.jar");
    assertThat(Files.exists(jar)).isTrue();
    assertThat(Files.isExecutable(Path.of("target/lockstep"))).isTrue();
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process =
        new ProcessBuilder(
                java.toString(),
                "-jar",
                jar.toString(),
                "scan",
                "--strict",
                "--format",
                "json",
                identification.toString())
            .redirectErrorStream(false)
            .start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(err).contains("lockstep: 2 files");
    assertThat(process.exitValue()).isEqualTo(1);
    assertThat(out).contains("\"check\": \"SerialAwaitInLoop\"");
  }

  /** The jar bundles the window API: the samples' window over a lock is found without its jar. */
  @Test
  void knowsTheWindowApiWithoutItsJar() throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process =
        new ProcessBuilder(
                java.toString(),
                "-jar",
                "target/lockstep-scanner.jar",
                "scan",
                "--strict",
                ParityTest.SAMPLES.toString())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(out).containsMatch("WindowOverLock\\.java:\\d+: warning: \\[FakeConcurrency\\]");
  }
}
