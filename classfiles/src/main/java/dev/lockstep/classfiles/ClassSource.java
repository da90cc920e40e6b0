package dev.lockstep.classfiles;

import java.util.Optional;

/**
 * Where library class files come from: a front end's classpath (javac's file manager, the scanner's
 * {@code --classpath}). Only libraries: the JDK is not a source, its calls are the catalogue's to
 * judge.
 */
@FunctionalInterface
public interface ClassSource {
  /** The class of this binary name ({@code com.acme.Client$Reader}), if the classpath has it. */
  Optional<ClassBytes> find(String binaryName);

  /**
   * The binary names of every class in the jar or directory {@code binaryName} came from: where an
   * interface's implementations are looked for. Empty when the source cannot list it.
   */
  default java.util.List<String> classesBeside(String binaryName) {
    return java.util.List.of();
  }

  /**
   * The jar the class of this binary name comes from — the one {@link #find} reads it from — or
   * empty when it comes from a class directory or the source cannot say. A jar's class headers are
   * cached per jar ({@link ClassTableCache}).
   */
  default Optional<java.nio.file.Path> jarOf(String binaryName) {
    return Optional.empty();
  }

  /**
   * The jar or class directory the class of this binary name comes from, as {@link #find} reads it;
   * empty when the source cannot say.
   */
  default Optional<java.nio.file.Path> rootOf(String binaryName) {
    return Optional.empty();
  }

  /**
   * The roots this source reads classes from, in order, absolute and normalised — without the
   * build's own output directory, which the build is rewriting — for keying what is kept across
   * builds ({@link LibraryFactsCache}); empty when the source cannot list them (nothing is kept).
   */
  default Optional<java.util.List<java.nio.file.Path>> classPath() {
    return Optional.empty();
  }
}
