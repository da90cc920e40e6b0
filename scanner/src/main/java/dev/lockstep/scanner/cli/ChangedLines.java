package dev.lockstep.scanner.cli;

import dev.lockstep.analysis.facts.Location;
import dev.lockstep.analysis.summary.Hop;
import dev.lockstep.analysis.summary.WaitChain;
import dev.lockstep.scanner.report.ReportFinding;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The lines a change added or changed, by file (absolute, normalised paths): what {@code
 * --changed-since} and {@code --diff} keep findings to. A file added as a whole has every line.
 */
final class ChangedLines {
  private final Map<Path, BitSet> lines = new HashMap<>();
  private final Set<Path> wholeFiles = new HashSet<>();
  private final Map<Path, Path> keys = new HashMap<>(); // one real-path lookup per file

  /** Marks {@code first..first+count-1} of {@code file} (1-based) as changed. */
  void add(Path file, int first, int count) {
    BitSet set = lines.computeIfAbsent(key(file), k -> new BitSet());
    if (count > 0 && first > 0) {
      set.set(first, first + count);
    }
  }

  /** Marks every line of {@code file} as changed (a file the history does not know yet). */
  void addWholeFile(Path file) {
    wholeFiles.add(key(file));
  }

  void addAll(ChangedLines other) {
    other.lines.forEach((file, set) -> lines.computeIfAbsent(file, k -> new BitSet()).or(set));
    wholeFiles.addAll(other.wholeFiles);
  }

  boolean contains(Path file, int line) {
    Path k = key(file);
    if (wholeFiles.contains(k)) {
      return true;
    }
    BitSet set = lines.get(k);
    return set != null && line > 0 && set.get(line);
  }

  /** The files the change touched (with or without added lines). */
  int files() {
    Set<Path> all = new HashSet<>(lines.keySet());
    all.addAll(wholeFiles);
    return all.size();
  }

  /**
   * Whether the finding's anchor (the loop or pipeline) or any hop of any of its chains lies on a
   * changed line; {@code locate} turns a report's file name into the file.
   */
  boolean touches(ReportFinding finding, Function<String, Path> locate) {
    if (contains(locate.apply(finding.file()), finding.line())) {
      return true;
    }
    for (WaitChain chain : finding.chains()) {
      for (Hop hop : chain.hops()) {
        Location at = hop.location();
        if (!at.classFile() && contains(locate.apply(at.file()), at.line())) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * The file's real path when it exists: git names files under the repository's real top level, the
   * scan under the root as given, and a link in between (macOS' /tmp) must not part them.
   */
  private Path key(Path file) {
    return keys.computeIfAbsent(
        file,
        f -> {
          Path absolute = f.toAbsolutePath().normalize();
          try {
            return absolute.toRealPath();
          } catch (java.io.IOException e) {
            return absolute; // deleted, or not there: compared as written
          }
        });
  }
}
