package dev.lockstep.scanner.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The dependencies of a Maven project, from {@code mvn dependency:build-classpath} (the project's
 * {@code mvnw} when it has one): {@code scan --maven} and the language server's {@code maven}
 * option. Maven's own output is discarded, never printed (the language server's stdout is its
 * protocol channel).
 */
public final class MavenClasspath {
  private MavenClasspath() {}

  /** Why the classpath could not be read; the message says what failed, in which directory. */
  public static final class Failure extends Exception {
    private static final long serialVersionUID = 1L;

    Failure(String message) {
      super(message);
    }
  }

  /** The classpath of the project whose {@code pom.xml} is in {@code root}. */
  public static List<Path> of(Path root) throws Failure {
    if (!Files.isRegularFile(root.resolve("pom.xml"))) {
      throw new Failure("no pom.xml in " + root);
    }
    Path out = null;
    try {
      out = Files.createTempFile("lockstep-cp", ".txt");
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
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!process.waitFor(10, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new Failure("'" + mvn + " dependency:build-classpath' timed out in " + root);
      }
      if (process.exitValue() != 0) {
        throw new Failure(
            "'"
                + mvn
                + " dependency:build-classpath' failed in "
                + root
                + " (exit "
                + process.exitValue()
                + ")");
      }
      List<Path> entries = new ArrayList<>();
      for (String e :
          Files.readString(out, StandardCharsets.UTF_8).strip().split(File.pathSeparator, -1)) {
        if (!e.isBlank()) {
          entries.add(Path.of(e));
        }
      }
      return entries;
    } catch (IOException e) {
      throw new Failure(e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Failure("interrupted");
    } finally {
      if (out != null) {
        try {
          Files.deleteIfExists(out);
        } catch (IOException e) {
          // a temporary file left behind: nothing to report to the user
        }
      }
    }
  }
}
