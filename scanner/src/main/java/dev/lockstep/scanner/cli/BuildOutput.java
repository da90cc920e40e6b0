package dev.lockstep.scanner.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a directory named like build output ({@code target}, {@code build}, {@code out}, {@code
 * node_modules}) is build output or a Java package that happens to have that name (issue 17: a
 * package {@code …/out/} was dropped, and its findings with it). Decided on evidence, in this order
 * (ADR 0006):
 *
 * <ol>
 *   <li>under a source root ({@code src/main/java}, {@code src/test/java}, any {@code src/X/java}):
 *       a package, read;
 *   <li>a {@code pom.xml}, {@code build.gradle} or {@code build.gradle.kts} beside it: the build's
 *       output, skipped;
 *   <li>the package declarations of the {@code .java} files inside: a file whose package names this
 *       directory (its package matches its path, and the path of the package runs through this
 *       directory) makes it a package, read; a file whose package starts below it (generated
 *       sources: {@code build/gen/com/acme/X.java} in package {@code com.acme}) makes it output;
 *   <li>no such file: output, skipped (nothing Java is lost but files without a package).
 * </ol>
 */
final class BuildOutput {
  private static final Set<String> NAMES = Set.of("target", "build", "out", "node_modules");
  private static final List<String> BUILD_FILES =
      List.of("pom.xml", "build.gradle", "build.gradle.kts");

  /** How many .java files to read a package declaration from before giving up. */
  private static final int FILES_TO_EXAMINE = 20;

  /** How much of a file the package declaration is looked for in. */
  private static final int HEADER_BYTES = 16 * 1024;

  /** Both kinds in one pattern: whichever starts first wins ({@code // a /* b} is one comment). */
  private static final Pattern COMMENT =
      Pattern.compile("//[^\\n]*|/\\*.*?(?:\\*/|\\z)", Pattern.DOTALL);

  /** Annotations (on package-info.java) may come before the declaration. */
  private static final Pattern PACKAGE =
      Pattern.compile("\\A\\s*(?:@[\\w.$]+\\s*(?:\\([^)]*\\))?\\s*)*package\\s+([^;]+?)\\s*;");

  private BuildOutput() {}

  /** Whether the name alone makes a directory a candidate. */
  static boolean candidate(String dirName) {
    return NAMES.contains(dirName);
  }

  /**
   * Why {@code dir} (a {@link #candidate}) is build output and not read, or empty when it is a
   * package and must be read.
   */
  static Optional<String> reason(Path dir) {
    Path absolute = dir.toAbsolutePath().normalize();
    if (inSourceRoot(absolute)) {
      return Optional.empty();
    }
    Path parent = absolute.getParent();
    if (parent != null) {
      for (String buildFile : BUILD_FILES) {
        if (Files.isRegularFile(parent.resolve(buildFile))) {
          return Optional.of("build output: " + buildFile + " beside it");
        }
      }
    }
    if (absolute.getFileName().toString().equals("node_modules")) {
      return Optional.of("build output: JavaScript dependencies");
    }
    return switch (fromPackages(absolute)) {
      case PACKAGE -> Optional.empty();
      case OUTPUT ->
          Optional.of("build output: the packages of the Java files in it start below it");
      case UNKNOWN -> Optional.of("build output: no Java file in it declares a package through it");
    };
  }

  /** Some ancestor is a source root: {@code java} in {@code src/X/java}. */
  static boolean inSourceRoot(Path absolute) {
    for (Path p = absolute.getParent(); p != null; p = p.getParent()) {
      Path name = p.getFileName();
      Path set = p.getParent();
      Path src = set == null ? null : set.getParent();
      if (name != null
          && name.toString().equals("java")
          && src != null
          && src.getFileName() != null
          && src.getFileName().toString().equals("src")) {
        return true;
      }
    }
    return false;
  }

  private enum Evidence {
    PACKAGE,
    OUTPUT,
    UNKNOWN
  }

  /** What the first Java file whose package matches its path says about {@code dir}. */
  private static Evidence fromPackages(Path dir) {
    Evidence[] found = {Evidence.UNKNOWN};
    int[] examined = {0};
    try {
      Files.walkFileTree(
          dir,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              if (!attrs.isRegularFile() || !file.toString().endsWith(".java")) {
                return FileVisitResult.CONTINUE;
              }
              Optional<Path> root = packageRoot(file);
              if (root.isPresent()) {
                found[0] =
                    dir.startsWith(root.orElseThrow()) && !dir.equals(root.orElseThrow())
                        ? Evidence.PACKAGE
                        : Evidence.OUTPUT;
                return FileVisitResult.TERMINATE;
              }
              return ++examined[0] >= FILES_TO_EXAMINE
                  ? FileVisitResult.TERMINATE
                  : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
              return FileVisitResult.CONTINUE; // decided on what can be read
            }
          });
    } catch (IOException e) {
      return found[0];
    }
    return found[0];
  }

  /**
   * The directory a Java file's package starts in ({@code src} for {@code src/com/acme/X.java} in
   * package {@code com.acme}), when the file declares a package and its path matches it.
   */
  static Optional<Path> packageRoot(Path file) {
    Optional<String> declared = packageOf(file);
    Path dir = file.toAbsolutePath().normalize().getParent();
    if (declared.isEmpty() || dir == null) {
      return Optional.empty();
    }
    String[] segments = declared.orElseThrow().split("\\.", -1);
    Path at = dir;
    for (int i = segments.length - 1; i >= 0; i--) {
      if (at == null
          || at.getFileName() == null
          || !at.getFileName().toString().equals(segments[i])) {
        return Optional.empty();
      }
      at = at.getParent();
    }
    return Optional.ofNullable(at);
  }

  /** The package a file declares ({@code com.acme}); empty if none or unreadable. */
  static Optional<String> packageOf(Path file) {
    String head;
    try (InputStream in = Files.newInputStream(file)) {
      byte[] bytes = in.readNBytes(HEADER_BYTES);
      head =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPLACE)
              .onUnmappableCharacter(CodingErrorAction.REPLACE)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (IOException e) {
      return Optional.empty();
    }
    String code = COMMENT.matcher(head).replaceAll(" ");
    Matcher m = PACKAGE.matcher(code);
    if (!m.find()) {
      return Optional.empty();
    }
    String name = m.group(1).replaceAll("\\s+", "");
    for (String segment : name.split("\\.", -1)) {
      if (segment.isEmpty()
          || !Character.isJavaIdentifierStart(segment.codePointAt(0))
          || !segment.codePoints().allMatch(Character::isJavaIdentifierPart)) {
        return Optional.empty();
      }
    }
    return Optional.of(name);
  }
}
