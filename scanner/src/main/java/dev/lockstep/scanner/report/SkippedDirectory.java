package dev.lockstep.scanner.report;

import static java.util.Objects.requireNonNull;

import java.util.OptionalInt;

/**
 * A directory under a root that the scan did not descend into, and why: build output, generated
 * sources, a hidden directory, a link not followed. Every report lists them, so what was not read
 * is never a silent gap; they do not make the scan incomplete (that is for files it tried to read
 * and could not).
 *
 * @param directory relative to the working directory, forward slashes, no trailing slash
 * @param reason what showed it is not source, e.g. {@code build output: pom.xml beside it}
 * @param javaFiles how many {@code .java} files it holds, when counted (not for hidden directories,
 *     {@code node_modules} and links, which are not walked)
 */
public record SkippedDirectory(String directory, String reason, OptionalInt javaFiles) {
  public SkippedDirectory {
    requireNonNull(directory, "directory");
    requireNonNull(reason, "reason");
    requireNonNull(javaFiles, "javaFiles");
  }

  /** {@code target (build output: pom.xml beside it; 3 Java files not read)}. */
  public String describe() {
    String files =
        javaFiles.isPresent()
            ? "; "
                + javaFiles.getAsInt()
                + (javaFiles.getAsInt() == 1 ? " Java file" : " Java files")
                + " not read"
            : "";
    return reason + files;
  }
}
