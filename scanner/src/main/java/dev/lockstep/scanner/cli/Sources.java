package dev.lockstep.scanner.cli;

import dev.lockstep.scanner.frontend.FrontEnd;
import dev.lockstep.scanner.report.SkippedDirectory;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Finds the {@code .java} files under the roots, and says what it did not read. Not read, and
 * listed ({@link SkippedDirectory}): build output ({@code target}, {@code build}, {@code out},
 * {@code node_modules}, unless the evidence says it is a Java package: {@link BuildOutput}),
 * generated sources (a directory whose name starts with {@code generated}, unless {@code
 * --include-generated}), hidden directories ({@code .git}) and links to directories (not followed).
 * A directory or file that cannot be read is a {@link FrontEnd.FileProblem}: the scan is then
 * incomplete.
 */
final class Sources {
  private Sources() {}

  /** What the roots hold: the files to scan, the directories not read, what failed. */
  record Found(
      List<FrontEnd.Input> inputs,
      List<SkippedDirectory> skipped,
      List<FrontEnd.FileProblem> problems) {
    Found {
      inputs = List.copyOf(inputs);
      skipped = List.copyOf(skipped);
      problems = List.copyOf(problems);
    }

    /**
     * The file a report name stands for: a scanned file's own path, else the name taken from the
     * working directory (a jar, a file the scan did not read).
     */
    java.util.function.Function<String, Path> locator() {
      Map<String, Path> byName = new java.util.HashMap<>();
      inputs.forEach(input -> byName.putIfAbsent(input.display(), input.path()));
      Path cwd = Path.of("").toAbsolutePath();
      return shown -> byName.getOrDefault(shown, cwd.resolve(shown).normalize());
    }
  }

  /** Why a directory under a root is not read, or empty to read it. */
  static Optional<String> skipReason(Path dir, boolean includeGenerated) {
    String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
    if (name.startsWith(".") && name.length() > 1 && !name.equals("..")) {
      return Optional.of("hidden directory");
    }
    if (!includeGenerated && name.startsWith("generated")) {
      return Optional.of("generated sources (--include-generated reads them)");
    }
    if (BuildOutput.candidate(name)) {
      return BuildOutput.reason(dir);
    }
    return Optional.empty();
  }

  static Found find(List<Path> roots, boolean includeGenerated) {
    Path cwd = Path.of("").toAbsolutePath();
    Map<Path, String> files = new LinkedHashMap<>(); // absolute -> as reports show it
    List<SkippedDirectory> skipped = new ArrayList<>();
    List<FrontEnd.FileProblem> problems = new ArrayList<>();
    for (Path root : roots) {
      Path base = displayBase(cwd, root);
      if (Files.isRegularFile(root)) {
        Path file = root.toAbsolutePath().normalize();
        files.putIfAbsent(file, display(base, file));
        continue;
      }
      try {
        Files.walkFileTree(
            root,
            new SimpleFileVisitor<>() {
              @Override
              public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (dir.equals(root)) {
                  return FileVisitResult.CONTINUE; // a root is read even when named like output
                }
                Optional<String> reason = skipReason(dir, includeGenerated);
                if (reason.isEmpty()) {
                  return FileVisitResult.CONTINUE;
                }
                OptionalInt javaFiles =
                    counted(dir.getFileName().toString())
                        ? OptionalInt.of(javaFiles(dir))
                        : OptionalInt.empty();
                skipped.add(
                    new SkippedDirectory(display(base, dir), reason.orElseThrow(), javaFiles));
                return FileVisitResult.SKIP_SUBTREE;
              }

              @Override
              public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isSymbolicLink() && Files.isDirectory(file)) {
                  skipped.add(
                      new SkippedDirectory(
                          display(base, file),
                          "link to a directory, not followed",
                          OptionalInt.empty()));
                } else if (file.toString().endsWith(".java")
                    && (attrs.isRegularFile() || Files.isRegularFile(file))) {
                  Path absolute = file.toAbsolutePath().normalize();
                  files.putIfAbsent(absolute, display(base, absolute));
                }
                return FileVisitResult.CONTINUE;
              }

              @Override
              public FileVisitResult visitFileFailed(Path file, IOException e) {
                problems.add(
                    new FrontEnd.FileProblem(
                        display(base, file.toAbsolutePath().normalize()),
                        "could not be read: " + e));
                return FileVisitResult.CONTINUE;
              }

              @Override
              public FileVisitResult postVisitDirectory(Path dir, IOException e) {
                if (e != null) {
                  problems.add(
                      new FrontEnd.FileProblem(
                          display(base, dir.toAbsolutePath().normalize()),
                          "not read to the end: " + e));
                }
                return FileVisitResult.CONTINUE;
              }
            });
      } catch (IOException e) {
        problems.add(new FrontEnd.FileProblem(display(base, root), "could not be read: " + e));
      }
    }
    List<FrontEnd.Input> inputs = new ArrayList<>();
    files.forEach((file, shown) -> inputs.add(new FrontEnd.Input(file, shown)));
    skipped.sort(Comparator.comparing(SkippedDirectory::directory));
    return new Found(inputs, skipped, problems);
  }

  /** Whether to count the Java files of a directory not read: not the ones that are never Java. */
  private static boolean counted(String dirName) {
    return !dirName.startsWith(".") && !dirName.equals("node_modules");
  }

  /** How many .java files are under a directory not read (0 if it cannot be walked). */
  private static int javaFiles(Path dir) {
    int[] count = {0};
    try {
      Files.walkFileTree(
          dir,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              if (file.toString().endsWith(".java")) {
                count[0]++;
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      return count[0];
    }
    return count[0];
  }

  /**
   * What the files under {@code root} are shown relative to: the working directory when the root is
   * inside it; otherwise the directory holding the root, so that {@code /ci/work/repo} shows its
   * files as {@code repo/src/…}. No report names a path of the machine it ran on (ADR 0010).
   */
  static Path displayBase(Path cwd, Path root) {
    Path absolute = root.toAbsolutePath().normalize();
    if (absolute.startsWith(cwd)) {
      return cwd;
    }
    Path parent = absolute.getParent();
    return parent == null ? absolute : parent;
  }

  /** The path relative to {@code base}, with forward slashes. */
  static String display(Path base, Path file) {
    Path absolute = file.toAbsolutePath().normalize();
    Path shown = absolute.startsWith(base) ? base.relativize(absolute) : absolute;
    return shown.toString().replace('\\', '/');
  }
}
