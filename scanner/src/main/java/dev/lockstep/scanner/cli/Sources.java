package dev.lockstep.scanner.cli;

import dev.lockstep.scanner.frontend.FrontEnd;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds the {@code .java} files under the roots. Skipped by default: build output ({@code target},
 * {@code build}, {@code out}), generated sources (any directory whose name starts with {@code
 * generated}), and hidden directories ({@code .git}).
 */
final class Sources {
  private Sources() {}

  static boolean skipped(String dirName, boolean includeGenerated) {
    return dirName.equals("target")
        || dirName.equals("build")
        || dirName.equals("out")
        || dirName.equals("node_modules")
        || (dirName.startsWith(".") && dirName.length() > 1 && !dirName.equals(".."))
        || (!includeGenerated && dirName.startsWith("generated"));
  }

  static List<FrontEnd.Input> find(List<Path> roots, boolean includeGenerated) {
    Path cwd = Path.of("").toAbsolutePath();
    Set<Path> files = new LinkedHashSet<>();
    for (Path root : roots) {
      if (Files.isRegularFile(root)) {
        files.add(root.toAbsolutePath().normalize());
        continue;
      }
      try {
        Files.walkFileTree(
            root,
            new SimpleFileVisitor<>() {
              @Override
              public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                Path name = dir.getFileName();
                if (!dir.equals(root)
                    && name != null
                    && skipped(name.toString(), includeGenerated)) {
                  return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
              }

              @Override
              public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile() && file.toString().endsWith(".java")) {
                  files.add(file.toAbsolutePath().normalize());
                }
                return FileVisitResult.CONTINUE;
              }
            });
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    List<FrontEnd.Input> inputs = new ArrayList<>();
    for (Path file : files) {
      inputs.add(new FrontEnd.Input(file, display(cwd, file)));
    }
    return inputs;
  }

  /** The path relative to the working directory, with forward slashes. */
  static String display(Path cwd, Path file) {
    Path shown = file.startsWith(cwd) ? cwd.relativize(file) : file;
    return shown.toString().replace('\\', '/');
  }
}
