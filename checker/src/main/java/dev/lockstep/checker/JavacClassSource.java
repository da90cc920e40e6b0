package dev.lockstep.checker;

import dev.lockstep.classfiles.ClassBytes;
import dev.lockstep.classfiles.ClassPathRoots;
import dev.lockstep.classfiles.ClassSource;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;

/**
 * The library class files of one compilation, as javac finds them: through its file manager, on the
 * class path only (the JDK sits on the platform class path or in the system modules, and the
 * catalogue models it). Each class is read when a summary first needs it.
 */
final class JavacClassSource implements ClassSource {
  private final JavaFileManager files;

  JavacClassSource(JavaFileManager files) {
    this.files = files;
  }

  @Override
  public Optional<ClassBytes> find(String binaryName) {
    try {
      JavaFileObject file =
          files.getJavaFileForInput(
              StandardLocation.CLASS_PATH, binaryName, JavaFileObject.Kind.CLASS);
      if (file == null) {
        return Optional.empty();
      }
      try (InputStream in = file.openInputStream()) {
        return Optional.of(new ClassBytes(in.readAllBytes(), container(file.toUri(), binaryName)));
      }
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // an unreadable class: as if it were not there
    }
  }

  @Override
  public List<String> classesBeside(String binaryName) {
    return rootOf(binaryName)
        .map(root -> new ClassPathRoots(List.of(root)).classesBeside(binaryName))
        .orElse(List.of());
  }

  /**
   * The class path without the output directory: Maven puts {@code target/classes} on the class
   * path of the compilation that rewrites it. Only a {@link StandardJavaFileManager} can list it
   * (javac's own, Maven's in-process compiler, Gradle's, which implements it); with another (a file
   * manager that forwards without implementing it, one in memory) nothing is kept across builds:
   * javac's API hands the {@code -classpath} option to the file manager, not to its options table.
   */
  @Override
  public Optional<List<Path>> classPath() {
    if (!(files instanceof StandardJavaFileManager standard)) {
      return Optional.empty();
    }
    try {
      List<Path> roots = paths(standard.getLocationAsPaths(StandardLocation.CLASS_PATH));
      roots.removeAll(paths(standard.getLocationAsPaths(StandardLocation.CLASS_OUTPUT)));
      return Optional.of(List.copyOf(roots));
    } catch (RuntimeException e) {
      return Optional.empty(); // a location that cannot be spelt as paths: keep nothing
    }
  }

  private static List<Path> paths(Iterable<? extends Path> location) {
    List<Path> paths = new ArrayList<>();
    if (location != null) {
      location.forEach(p -> paths.add(p.toAbsolutePath().normalize()));
    }
    return paths;
  }

  @Override
  public Optional<Path> jarOf(String binaryName) {
    return rootOf(binaryName).filter(Files::isRegularFile);
  }

  /** The class path root (jar or class directory) javac finds the class in. */
  @Override
  public Optional<Path> rootOf(String binaryName) {
    try {
      JavaFileObject file =
          files.getJavaFileForInput(
              StandardLocation.CLASS_PATH, binaryName, JavaFileObject.Kind.CLASS);
      return Optional.ofNullable(file == null ? null : root(file.toUri(), binaryName));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The jar or class directory a class file's URI is in; null when it is neither. */
  static Path root(URI uri, String binaryName) {
    String text = uri.toString();
    int bang = text.indexOf("!/");
    if (text.startsWith("jar:") && bang > 0) {
      return Path.of(URI.create(text.substring("jar:".length(), bang)));
    }
    String entry = "/" + binaryName.replace('.', '/') + ".class";
    if (text.startsWith("file:") && text.endsWith(entry)) {
      return Path.of(URI.create(text.substring(0, text.length() - entry.length())));
    }
    return null;
  }

  /**
   * The jar's file name ({@code jar:file:/m2/acme-rpc-2.1.jar!/acme/RpcClient.class}), or the class
   * directory's name ({@code file:/work/rpc/target/classes/acme/RpcClient.class}).
   */
  static String container(URI uri, String binaryName) {
    String text = uri.toString();
    int bang = text.indexOf("!/");
    String path;
    if (text.startsWith("jar:") && bang > 0) {
      path = text.substring(0, bang);
    } else {
      String entry = "/" + binaryName.replace('.', '/') + ".class";
      path = text.endsWith(entry) ? text.substring(0, text.length() - entry.length()) : text;
    }
    return path.substring(path.lastIndexOf('/') + 1);
  }
}
