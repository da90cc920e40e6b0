package dev.lockstep.scanner.lsp;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The Java files of a workspace folder. Skips what {@code lockstep scan} skips by default without
 * asking: hidden directories, build output and generated sources (an editor's workspace always has
 * them, and their types would shadow the sources being edited).
 */
final class WorkspaceFiles {
  private static final Set<String> OUTPUT = Set.of("target", "build", "out", "node_modules");

  private WorkspaceFiles() {}

  static List<Path> under(Path root) {
    List<Path> files = new ArrayList<>();
    if (!Files.isDirectory(root)) {
      return files;
    }
    try {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
              if (dir.equals(root)) {
                return FileVisitResult.CONTINUE;
              }
              String name = String.valueOf(dir.getFileName());
              return name.startsWith(".") || name.startsWith("generated") || OUTPUT.contains(name)
                  ? FileVisitResult.SKIP_SUBTREE
                  : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              if (attrs.isRegularFile() && file.toString().endsWith(".java")) {
                files.add(file.toAbsolutePath().normalize());
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
              Log.info("cannot read " + file + ": " + e.getMessage());
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      Log.info("cannot walk " + root + ": " + e.getMessage());
    }
    return files;
  }
}
