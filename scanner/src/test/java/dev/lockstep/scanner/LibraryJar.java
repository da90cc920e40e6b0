package dev.lockstep.scanner;

import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;

/**
 * A small library jar built by a test: sources compiled with Compile Testing (the system compiler,
 * in memory), then the class files it generated jarred.
 */
public final class LibraryJar {
  /** A library whose types and methods carry Lockstep's annotations, as its jar keeps them. */
  public static final Map<String, String> ANNOTATED =
      Map.of(
          "lib/RemoteApi.java",
          """
          package lib;
          @dev.lockstep.annotations.Blocking(reason = "every call is a round trip")
          public class RemoteApi {
            public String fetch(String id) { return id; }
          }
          """,
          "lib/Mixed.java",
          """
          package lib;
          public class Mixed {
            @dev.lockstep.annotations.Blocking(reason = "reads the database")
            public String load(String id) { return id; }
            public String local(String id) { return id; }
          }
          """,
          "lib/Connection.java",
          """
          package lib;
          public class Connection {
            @dev.lockstep.annotations.Blocking(reason = "connects")
            public Connection(String host) {}
            public Connection(int port) {}
          }
          """,
          "lib/Modem.java",
          """
          package lib;
          @dev.lockstep.annotations.SerializedResource(reason = "one line")
          public class Modem {
            public static class Line {}
          }
          """,
          "lib/Pool.java",
          """
          package lib;
          @dev.lockstep.annotations.ResourceParallelism(value = 4, reason = "four connections")
          public class Pool {}
          """);

  /**
   * A library with a {@code synchronized} method that waits (it says so with {@code @Blocking}) and
   * its unsynchronized neighbour: only the class file's {@code ACC_SYNCHRONIZED} tells them apart.
   */
  public static final Map<String, String> SYNCHRONIZED =
      Map.of(
          "lib/Ledger.java",
          """
          package lib;
          public class Ledger {
            @dev.lockstep.annotations.Blocking(reason = "writes to the remote ledger")
            public synchronized void post(String entry) {}
            @dev.lockstep.annotations.Blocking(reason = "reads the remote ledger")
            public String read(String entry) { return entry; }
          }
          """);

  /**
   * Members whose class-file descriptor is not their source signature: constructors of an inner
   * class (the enclosing instance comes first) and of an enum (name and ordinal come first), and
   * generic methods and constructors (the descriptor holds the erasure).
   */
  public static final Map<String, String> DESCRIPTORS =
      Map.of(
          "lib/Outer.java",
          """
          package lib;
          public class Outer {
            public class Session {
              @dev.lockstep.annotations.Blocking(reason = "connects")
              public Session(String host) {}
              public Session(int port) {}
            }
            public static class Nested {
              @dev.lockstep.annotations.Blocking(reason = "connects")
              public Nested(String host) {}
            }
            public class Typed<T extends Number> {
              @dev.lockstep.annotations.Blocking(reason = "connects")
              public Typed(T limit, java.util.List<String> hosts) {}
            }
          }
          """,
          "lib/Mode.java",
          """
          package lib;
          public enum Mode {
            FAST("f"), SLOW("s");
            @dev.lockstep.annotations.Blocking(reason = "looks the code up")
            Mode(String code) {}
          }
          """,
          "lib/Box.java",
          """
          package lib;
          public class Box<T> {
            @dev.lockstep.annotations.Blocking(reason = "stores remotely")
            public void put(T item) {}
            @dev.lockstep.annotations.Blocking(reason = "adds remotely")
            public <N extends Number> void add(N n, java.util.Map.Entry<String, T> entry) {}
            public void put(String item, int copies) {}
          }
          """);

  private LibraryJar() {}

  /**
   * Compiles {@code sources} (path to text) against the test classpath into {@code dir/lib.jar},
   * and into the class directory {@code dir/lib-classes}.
   */
  public static Path build(Path dir, Map<String, String> sources) throws IOException {
    return build(dir, sources, List.of());
  }

  /** {@link #build(Path, Map)} against these jars and class directories as well. */
  public static Path build(Path dir, Map<String, String> sources, List<Path> moreClasspath)
      throws IOException {
    List<JavaFileObject> files = new ArrayList<>();
    for (var e : new TreeMap<>(sources).entrySet()) {
      String path = e.getKey();
      files.add(
          JavaFileObjects.forSourceString(
              path.substring(0, path.length() - ".java".length()).replace('/', '.'), e.getValue()));
    }
    List<File> classpath =
        Stream.concat(
                Stream.of(System.getProperty("java.class.path").split(File.pathSeparator, -1))
                    .filter(p -> !p.isEmpty())
                    .map(File::new),
                moreClasspath.stream().map(Path::toFile))
            .toList();
    Compilation compilation =
        Compiler.javac().withOptions("-proc:none").withClasspath(classpath).compile(files);
    assertThat(compilation).succeeded();
    Map<String, JavaFileObject> classes = new TreeMap<>();
    for (JavaFileObject file : compilation.generatedFiles()) {
      if (file.getKind() == JavaFileObject.Kind.CLASS) {
        String name = file.toUri().getPath();
        assertWithMessage("where javac put a class").that(name).startsWith(CLASS_OUTPUT);
        classes.put(name.substring(CLASS_OUTPUT.length()), file);
      }
    }
    assertWithMessage("classes compiled from %s", sources.keySet()).that(classes).isNotEmpty();
    // The classes twice, as a class directory (dir/lib-classes) and as the jar.
    Path directory = dir.resolve("lib-classes");
    Path jar = dir.resolve("lib.jar");
    Files.createDirectories(dir);
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream zip = new JarOutputStream(out)) {
      for (var entry : classes.entrySet()) {
        byte[] bytes;
        try (InputStream in = entry.getValue().openInputStream()) {
          bytes = in.readAllBytes();
        }
        Path file = directory.resolve(entry.getKey());
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
        zip.putNextEntry(new JarEntry(entry.getKey()));
        zip.write(bytes);
        zip.closeEntry();
      }
    }
    return jar;
  }

  /** Where Compile Testing's in-memory file manager puts class files. */
  private static final String CLASS_OUTPUT = "/CLASS_OUTPUT/";
}
