package dev.lockstep.classfiles;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A {@link ClassSource} over jars and class directories (the scanner's {@code --classpath}), first
 * root first. A root or entry that cannot be read hides what it carries, nothing else.
 */
public final class ClassPathRoots implements ClassSource {
  private final List<Path> roots;
  private final Map<Path, ZipFile> jars = new HashMap<>();
  private final Map<Path, Boolean> directories = new HashMap<>();
  private final java.util.Set<Path> notJars = new java.util.HashSet<>();

  public ClassPathRoots(List<Path> roots) {
    this.roots = List.copyOf(roots);
  }

  /** Every root: a scan's class path has no output directory of its own. */
  @Override
  public Optional<List<Path>> classPath() {
    return Optional.of(roots.stream().map(r -> r.toAbsolutePath().normalize()).toList());
  }

  @Override
  public Optional<ClassBytes> find(String binaryName) {
    String entry = binaryName.replace('.', '/') + ".class";
    for (Path root : roots) {
      try {
        if (isDirectory(root)) {
          Path file = root.resolve(entry);
          if (Files.isRegularFile(file)) {
            return Optional.of(new ClassBytes(Files.readAllBytes(file), name(root)));
          }
        } else {
          ZipFile jar = jar(root);
          ZipEntry found = jar == null ? null : jar.getEntry(entry);
          if (found != null) {
            try (InputStream in = jar.getInputStream(found)) {
              return Optional.of(new ClassBytes(in.readAllBytes(), name(root)));
            }
          }
        }
      } catch (IOException | RuntimeException e) {
        // An unreadable entry hides what it carries, nothing else.
      }
    }
    return Optional.empty();
  }

  @Override
  public List<String> classesBeside(String binaryName) {
    Optional<Path> holding = rootOf(binaryName);
    if (holding.isEmpty()) {
      return List.of();
    }
    Path root = holding.orElseThrow();
    try {
      if (isDirectory(root)) {
        try (var files = Files.walk(root)) {
          return files
              .map(f -> root.relativize(f).toString().replace('\\', '/'))
              .filter(ClassPathRoots::isClass)
              .map(ClassPathRoots::binaryName)
              .toList();
        }
      }
      ZipFile jar = jar(root);
      return jar == null
          ? List.of()
          : jar.stream()
              .map(ZipEntry::getName)
              .filter(ClassPathRoots::isClass)
              .map(ClassPathRoots::binaryName)
              .toList();
    } catch (IOException | RuntimeException e) {
      return List.of(); // as if the root had nothing
    }
  }

  @Override
  public Optional<Path> jarOf(String binaryName) {
    return rootOf(binaryName).filter(root -> !isDirectory(root));
  }

  /** The first root (class directory or jar) that holds the class, as {@code find} reads it. */
  @Override
  public Optional<Path> rootOf(String binaryName) {
    String entry = binaryName.replace('.', '/') + ".class";
    for (Path root : roots) {
      try {
        if (isDirectory(root)) {
          if (Files.isRegularFile(root.resolve(entry))) {
            return Optional.of(root);
          }
        } else {
          ZipFile jar = jar(root);
          if (jar != null && jar.getEntry(entry) != null) {
            return Optional.of(root);
          }
        }
      } catch (RuntimeException e) {
        // as in find: this root hides nothing else
      }
    }
    return Optional.empty();
  }

  /** A class of the jar's own (not {@code module-info}, a package's or another release's). */
  static boolean isClass(String entry) {
    return entry.endsWith(".class") && !entry.contains("-") && !entry.startsWith("META-INF/");
  }

  private static String binaryName(String entry) {
    return entry.substring(0, entry.length() - ".class".length()).replace('/', '.');
  }

  /** Whether a root is a class directory; asked once per root (every lookup would ask again). */
  private boolean isDirectory(Path root) {
    return directories.computeIfAbsent(root, Files::isDirectory);
  }

  private static String name(Path root) {
    Path file = root.getFileName();
    return file == null ? root.toString() : file.toString();
  }

  /**
   * The jar, opened once and kept open for the scan (a lookup per class would reopen it), or null
   * when it is no readable jar.
   */
  private ZipFile jar(Path root) {
    if (notJars.contains(root)) {
      return null;
    }
    ZipFile jar =
        jars.computeIfAbsent(
            root,
            j -> {
              if (!Files.isRegularFile(j)) {
                return null;
              }
              try {
                return new ZipFile(j.toFile());
              } catch (IOException e) {
                return null;
              }
            });
    if (jar == null) {
      notJars.add(root);
    }
    return jar;
  }
}
