package dev.lockstep.scanner.lsp;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The dependencies of the workspace's Maven project, from {@code mvn dependency:build-classpath}
 * (the project's {@code mvnw} when it has one). Any failure is logged and the scan goes on without
 * them: library types then stay unresolved, which costs findings, never a wrong one.
 */
final class MavenClasspath {
  private MavenClasspath() {}

  static List<Path> of(Path root) {
    if (!Files.isRegularFile(root.resolve("pom.xml"))) {
      Log.info("maven classpath: no pom.xml in " + root + "; going on without it");
      return List.of();
    }
    Path out = null;
    try {
      out = Files.createTempFile("lockstep-lsp-cp", ".txt");
      Path wrapper = root.resolve("mvnw");
      String mvn = Files.isExecutable(wrapper) ? wrapper.toAbsolutePath().toString() : "mvn";
      Process process =
          new ProcessBuilder(
                  mvn,
                  "-q",
                  "-B",
                  "dependency:build-classpath",
                  "-Dmdep.outputFile=" + out.toAbsolutePath())
              .directory(root.toFile())
              .redirectErrorStream(true)
              // never to our stdout: that is the protocol's channel
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!process.waitFor(10, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        Log.info("maven classpath: '" + mvn + " dependency:build-classpath' timed out");
        return List.of();
      }
      if (process.exitValue() != 0) {
        Log.info(
            "maven classpath: '"
                + mvn
                + " dependency:build-classpath' failed (exit "
                + process.exitValue()
                + "); going on without it");
        return List.of();
      }
      List<Path> entries = new ArrayList<>();
      for (String e :
          Files.readString(out, StandardCharsets.UTF_8).strip().split(File.pathSeparator, -1)) {
        if (!e.isBlank()) {
          entries.add(Path.of(e));
        }
      }
      Log.info("maven classpath: " + entries.size() + " entries");
      return entries;
    } catch (IOException e) {
      Log.info("maven classpath: " + e.getMessage() + "; going on without it");
      return List.of();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return List.of();
    } finally {
      if (out != null) {
        try {
          Files.deleteIfExists(out);
        } catch (IOException e) {
          Log.info("cannot delete " + out);
        }
      }
    }
  }
}
