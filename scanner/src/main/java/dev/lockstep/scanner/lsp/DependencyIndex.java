package dev.lockstep.scanner.lsp;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which files' findings reach which other files: a file whose loop's chain has a hop in {@code
 * Relay.java} depends on it, and is analysed again when {@code Relay.java} changes. Only findings
 * make edges (ADR 0011): a loop that does not wait today has no chain to record.
 */
final class DependencyIndex {
  /** file → the files its findings' chains name. */
  private final Map<Path, Set<Path>> reaches = new HashMap<>();

  /** file → the files whose findings' chains name it. */
  private final Map<Path, Set<Path>> reachedBy = new HashMap<>();

  /** Replaces what {@code file}'s findings reach. */
  void record(Path file, Set<Path> targets) {
    forget(file);
    Set<Path> copy = new LinkedHashSet<>(targets);
    copy.remove(file);
    if (copy.isEmpty()) {
      return;
    }
    reaches.put(file, copy);
    for (Path target : copy) {
      reachedBy.computeIfAbsent(target, t -> new LinkedHashSet<>()).add(file);
    }
  }

  /** Drops {@code file}'s edges (its findings are gone, or about to be replaced). */
  void forget(Path file) {
    Set<Path> old = reaches.remove(file);
    if (old == null) {
      return;
    }
    for (Path target : old) {
      Set<Path> sources = reachedBy.get(target);
      if (sources != null) {
        sources.remove(file);
        if (sources.isEmpty()) {
          reachedBy.remove(target);
        }
      }
    }
  }

  /** The files whose findings' chains have a hop in {@code file}. */
  Set<Path> dependents(Path file) {
    return Set.copyOf(reachedBy.getOrDefault(file, Set.of()));
  }
}
