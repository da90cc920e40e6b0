package dev.lockstep.scanner.frontend;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Which source files each file's analysis read, for the incremental cache (ADR 0016): every type
 * name the symbol solver is asked for is charged to the file on whose behalf it is asked — the file
 * whose node is being resolved, or whose method body is being read, or the file being analysed — as
 * an edge to the source file that declares the type, or as a name no source file declared (a file
 * added later may declare it).
 *
 * <p>Charging a lookup to the file whose code needs it, not to the file whose analysis happened to
 * ask first, is what makes the answers of the scan's caches (resolved calls, method facts,
 * summaries) safe to share: whichever file reuses a cached answer about file B reached B, and B's
 * own edges say what that answer read. A file's result therefore depends on the files its edges
 * reach transitively; {@link ScanCache} invalidates by that closure.
 *
 * <p>Not thread-safe: each lane of a scan (ADR 0026) records in its own, {@linkplain #absorb
 * merged} at the end.
 */
final class Reads {
  /** What one file's code made the solver look up. */
  static final class FileReads {
    /** Source files that declared a type it looked up (itself excluded). */
    final Set<String> files = new HashSet<>();

    /** Type names it looked up that no source file declared (the JDK's, the classpath's, none). */
    final Set<String> missed = new HashSet<>();
  }

  /** The file charged when a lookup happens outside any file (setting up): everything depends. */
  static final String SCAN = "";

  private final Function<String, String> declaringFile;
  private final boolean recording;
  private final Map<String, FileReads> byFile = new HashMap<>();
  private final Deque<String> charged = new ArrayDeque<>();

  /**
   * @param declaringFile the display path of the source file declaring a canonical type name, or
   *     null when no source file does
   */
  Reads(Function<String, String> declaringFile) {
    this(declaringFile, true);
  }

  private Reads(Function<String, String> declaringFile, boolean recording) {
    this.declaringFile = declaringFile;
    this.recording = recording;
  }

  /** A recorder that records nothing (a scan without a cache), at no cost. */
  static Reads none() {
    return new Reads(name -> null, false);
  }

  boolean recording() {
    return recording;
  }

  /** The solver was asked for {@code name}. */
  void lookedUp(String name) {
    if (!recording) {
      return;
    }
    String by = charged.isEmpty() ? SCAN : charged.peek();
    FileReads reads = byFile.computeIfAbsent(by, f -> new FileReads());
    String declared = declaringFile.apply(name);
    if (declared == null) {
      reads.missed.add(name);
    } else if (!declared.equals(by)) {
      reads.files.add(declared);
    }
  }

  /** Runs {@code work} with the lookups it makes charged to {@code file}. */
  <T> T chargedTo(String file, Supplier<T> work) {
    if (!recording) {
      return work.get();
    }
    charged.push(file);
    try {
      return work.get();
    } finally {
      charged.pop();
    }
  }

  /**
   * Runs {@code work} charged to the source file that declares the type {@code name} (to the
   * current one if no source file does): work about a type that any file may reuse.
   */
  <T> T chargedToDeclarer(String name, Supplier<T> work) {
    if (!recording) {
      return work.get();
    }
    String file = declaringFile.apply(name);
    return file == null ? work.get() : chargedTo(file, work);
  }

  /** Runs {@code work} charged to the file of {@code node} (to the current one if it has none). */
  <T> T chargedTo(Node node, Supplier<T> work) {
    if (!recording) {
      return work.get();
    }
    Optional<String> file = fileOf(node);
    return file.isPresent() ? chargedTo(file.orElseThrow(), work) : work.get();
  }

  /**
   * Adds what {@code other} recorded (another lane's, ADR 0026): a file's reads are what any lane
   * charged to it, as when rounds share one recorder.
   */
  void absorb(Reads other) {
    for (Map.Entry<String, FileReads> e : other.byFile.entrySet()) {
      FileReads into = byFile.computeIfAbsent(e.getKey(), f -> new FileReads());
      into.files.addAll(e.getValue().files);
      into.missed.addAll(e.getValue().missed);
    }
  }

  /** What {@code file}'s code looked up so far (empty if nothing). */
  FileReads of(String file) {
    return byFile.getOrDefault(file, new FileReads());
  }

  /** Every file charged with a lookup, {@link #SCAN} included when setting up looked one up. */
  Set<String> charged() {
    return byFile.keySet();
  }

  static Optional<String> fileOf(Node node) {
    return node.findCompilationUnit()
        .filter(unit -> unit.containsData(JpNames.DISPLAY_PATH))
        .map(unit -> unit.getData(JpNames.DISPLAY_PATH));
  }

  static Optional<String> fileOf(CompilationUnit unit) {
    return unit.containsData(JpNames.DISPLAY_PATH)
        ? Optional.of(unit.getData(JpNames.DISPLAY_PATH))
        : Optional.empty();
  }
}
