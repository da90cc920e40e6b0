package dev.lockstep.analysis.facts;

import static java.util.Objects.requireNonNull;

/**
 * Where something is in the source: the file (as the diagnostics show it, usually its simple name),
 * the 1-based line and column. Line and column are 0 when unknown.
 */
public record Location(String file, int line, int column) {
  public static final Location UNKNOWN = new Location("<unknown>", 0, 0);

  public Location {
    requireNonNull(file, "file");
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
