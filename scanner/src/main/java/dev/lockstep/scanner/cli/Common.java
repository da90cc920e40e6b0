package dev.lockstep.scanner.cli;

import dev.lockstep.analysis.catalogue.Catalogue;
import dev.lockstep.analysis.catalogue.CatalogueException;
import dev.lockstep.analysis.config.LockstepConfig;
import dev.lockstep.scanner.frontend.FrontEnd;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Options {@code scan} and {@code doc} share: what to read and how to resolve it. */
final class Common {
  @Parameters(paramLabel = "ROOT", description = "Files or directories to scan (default: .).")
  List<Path> roots = new ArrayList<>();

  @Option(
      names = "--classpath",
      paramLabel = "PATH",
      description =
          "Jars and class directories to resolve library types from (path-separated; repeatable).")
  List<String> classpath = new ArrayList<>();

  @Option(
      names = "--maven",
      description =
          "Add the dependencies of the Maven project in each root (runs dependency:build-classpath).")
  boolean maven;

  @Option(
      names = "--include-generated",
      description = "Also scan generated-sources directories (skipped by default).")
  boolean includeGenerated;

  @Option(names = "--catalogue", paramLabel = "FILE", description = "Extra wait catalogue entries.")
  Path catalogue;

  @Option(
      names = "--max-depth",
      description = "Method bodies deep to follow calls (default: ${DEFAULT-VALUE}).")
  int maxDepth = LockstepConfig.DEFAULT_MAX_DEPTH;

  @Option(names = "--window", description = "The window k suggested (default: ${DEFAULT-VALUE}).")
  int window = LockstepConfig.DEFAULT_WINDOW;

  @Option(
      names = "--cores",
      description =
          "Processors the pipelines' target machine has: a parallel stream's window"
              + " (default: ${DEFAULT-VALUE}; like -XepOpt:FakeConcurrency:Cores).")
  int cores = LockstepConfig.DEFAULT_CORES;

  @Option(names = "--threads", description = "Parser threads (default: the number of processors).")
  int threads = Runtime.getRuntime().availableProcessors();

  @Option(
      names = "--strict",
      description =
          "Fail on an internal error (exit 3, with its stack trace) instead of reporting the file"
              + " as not analysed or finding nothing in a method it could not read; also"
              + " -Dlockstep.strict=true.")
  boolean strict;

  /** {@code --strict}, or the system property the tests set. */
  boolean strict() {
    return strict || FrontEnd.strictRequested();
  }

  List<Path> roots() {
    return roots.isEmpty() ? List.of(Path.of(".")) : roots;
  }

  /** The analysis options; a bad value is a {@link ConfigException} naming it. */
  LockstepConfig config() {
    Catalogue c = Catalogue.builtin();
    if (catalogue != null) {
      try {
        c = c.plus(Catalogue.load(catalogue));
      } catch (CatalogueException e) {
        throw new ConfigException(e.getMessage());
      }
    }
    try {
      return LockstepConfig.of(c, maxDepth, window, cores);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage());
    }
  }

  List<Path> classpath() {
    List<Path> entries = new ArrayList<>();
    for (String cp : classpath) {
      for (String e : cp.split(File.pathSeparator, -1)) {
        if (!e.isBlank()) {
          Path p = Path.of(e);
          if (!Files.exists(p)) {
            throw new ConfigException("--classpath entry does not exist: " + e);
          }
          entries.add(p);
        }
      }
    }
    if (maven) {
      for (Path root : roots()) {
        entries.addAll(mavenClasspath(root));
      }
    }
    if (threads < 1) {
      throw new ConfigException("--threads must be at least 1");
    }
    return entries;
  }

  private static List<Path> mavenClasspath(Path root) {
    try {
      return MavenClasspath.of(root);
    } catch (MavenClasspath.Failure e) {
      throw new ConfigException("--maven: " + e.getMessage());
    }
  }

  /** A usage or configuration error: exit code 2 with this message. */
  static final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ConfigException(String message) {
      super(message);
    }
  }
}
