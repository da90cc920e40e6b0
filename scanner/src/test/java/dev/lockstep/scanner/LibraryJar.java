package dev.lockstep.scanner;

import static com.google.common.truth.Truth.assertWithMessage;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** A small library jar built by a test: sources compiled with the system compiler, then jarred. */
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
   * Compiles {@code sources} (path to text) against the test classpath into {@code dir/lib.jar}.
   */
  public static Path build(Path dir, Map<String, String> sources) throws IOException {
    Path src = dir.resolve("lib-src");
    Path classes = dir.resolve("lib-classes");
    Files.createDirectories(classes);
    List<String> args =
        new ArrayList<>(
            List.of(
                "-d",
                classes.toString(),
                "-classpath",
                System.getProperty("java.class.path"),
                "-proc:none"));
    for (var e : sources.entrySet()) {
      Path file = src.resolve(e.getKey());
      Files.createDirectories(file.getParent());
      Files.writeString(file, e.getValue(), StandardCharsets.UTF_8);
      args.add(file.toString());
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assertWithMessage("javac exit code")
        .that(javac.run(null, null, null, args.toArray(new String[0])))
        .isEqualTo(0);
    Path jar = dir.resolve("lib.jar");
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream zip = new JarOutputStream(out);
        Stream<Path> files = Files.walk(classes)) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        zip.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
        zip.write(Files.readAllBytes(f));
        zip.closeEntry();
      }
    }
    return jar;
  }
}
