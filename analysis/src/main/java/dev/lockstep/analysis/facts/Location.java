package dev.lockstep.analysis.facts;

import static java.util.Objects.requireNonNull;

/**
 * Where something is in the source: the file (as the diagnostics show it, usually its simple name),
 * the 1-based line and column. Line and column are 0 when unknown.
 *
 * <p>A location in a library's class file ({@link #inClassFile}) names the jar or class directory
 * the class came from as its file, and the line from the class file's line table: the source file
 * itself is not at hand, the jar is what the user can look up.
 *
 * @param classFile whether {@code file} is a jar or class directory, the line a class file's
 */
public record Location(String file, int line, int column, boolean classFile) {
  public static final Location UNKNOWN = new Location("<unknown>", 0, 0);

  public Location {
    requireNonNull(file, "file");
  }

  public Location(String file, int line, int column) {
    this(file, line, column, false);
  }

  /** A line of a class read from {@code container} ({@code acme-rpc-2.1.jar}, {@code classes}). */
  public static Location inClassFile(String container, int line) {
    return new Location(container, line, 0, true);
  }

  /** {@code Relay.java:41}, the form every writer prints. */
  public String render() {
    return line > 0 ? file + ":" + line : file;
  }

  @Override
  public String toString() {
    return render();
  }
}
