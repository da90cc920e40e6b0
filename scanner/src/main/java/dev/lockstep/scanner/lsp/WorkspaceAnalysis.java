package dev.lockstep.scanner.lsp;

import dev.lockstep.analysis.facts.Location;
import dev.lockstep.analysis.summary.Hop;
import dev.lockstep.analysis.summary.WaitChain;
import dev.lockstep.scanner.frontend.FrontEnd;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The workspace as the analysis sees it: every Java file parsed once and kept, open documents from
 * their unsaved text. A change parses the changed file again and analyses it, the files whose
 * findings' chains reach it ({@link DependencyIndex}) and the open documents; the other trees are
 * reused for resolution (ADR 0011). Not thread-safe: the server calls it from one thread.
 */
final class WorkspaceAnalysis {
  /** What one analysis found, per file analysed. */
  record Outcome(
      Map<Path, List<FrontEnd.ScanFinding>> findings, Map<Path, String> problems, long nanos) {}

  private final Path root;
  private final FrontEnd.Options options;
  private final Documents documents;
  private final Map<Path, FrontEnd.ParsedFile> parsed = new LinkedHashMap<>();
  private final Map<String, Path> byDisplay = new HashMap<>();
  private final Map<Path, List<FrontEnd.ScanFinding>> findings = new HashMap<>();
  private final DependencyIndex index = new DependencyIndex();

  WorkspaceAnalysis(Path root, FrontEnd.Options options, Documents documents) {
    this.root = root.toAbsolutePath().normalize();
    this.options = options;
    this.documents = documents;
  }

  /** Parses every Java file under the root and analyses them all. */
  Outcome loadAll() {
    List<FrontEnd.Input> fromDisk = new ArrayList<>();
    for (Path file : WorkspaceFiles.under(root)) {
      if (documents.text(file).isEmpty()) {
        fromDisk.add(input(file));
      }
    }
    parsed.clear();
    for (FrontEnd.ParsedFile p : FrontEnd.parse(fromDisk, options.threads())) {
      parsed.put(p.input().path(), p);
    }
    for (Path file : documents.openFiles()) {
      parseOne(file);
    }
    return analyse(Set.copyOf(parsed.keySet()));
  }

  /**
   * {@code file} changed (opened, edited, saved, closed, created or deleted): parses it again from
   * the editor's text or the disk, then analyses it, its dependents and the open documents.
   */
  Outcome changed(Path file) {
    Optional<String> problem = parseOne(file);
    Set<Path> affected = new LinkedHashSet<>();
    if (parsed.containsKey(file)) {
      affected.add(file);
    } else {
      forget(file);
    }
    affected.addAll(index.dependents(file));
    for (Path open : documents.openFiles()) {
      if (parsed.containsKey(open)) {
        affected.add(open);
      }
    }
    Outcome outcome = analyse(affected);
    if (problem.isPresent()) {
      Map<Path, String> problems = new LinkedHashMap<>(outcome.problems());
      problems.put(file, problem.orElseThrow());
      return new Outcome(outcome.findings(), problems, outcome.nanos());
    }
    return outcome;
  }

  /** The findings last reported for {@code file}. */
  List<FrontEnd.ScanFinding> findings(Path file) {
    return findings.getOrDefault(file, List.of());
  }

  /** The file a finding's location names, when it is one of the workspace's sources. */
  Optional<Path> fileOf(Location location) {
    return location.classFile()
        ? Optional.empty()
        : Optional.ofNullable(byDisplay.get(location.file()));
  }

  int files() {
    return parsed.size();
  }

  /**
   * Parses one file into the cache. A file that no longer parses (mid-edit) keeps its last good
   * tree, so the others still resolve its types, and its problem is returned.
   */
  private Optional<String> parseOne(Path file) {
    Optional<String> text = documents.text(file).or(() -> read(file));
    if (text.isEmpty()) {
      parsed.remove(file);
      return Optional.empty();
    }
    FrontEnd.ParsedFile p = FrontEnd.parse(input(file), text.orElseThrow());
    if (p.problem().isPresent()) {
      FrontEnd.ParsedFile previous = parsed.get(file);
      if (previous == null || previous.problem().isPresent()) {
        parsed.put(file, p);
      }
      return Optional.of(p.problem().orElseThrow().reason());
    }
    parsed.put(file, p);
    return Optional.empty();
  }

  private Outcome analyse(Set<Path> files) {
    long start = System.nanoTime();
    Set<Path> wanted = new LinkedHashSet<>();
    for (Path f : files) {
      FrontEnd.ParsedFile p = parsed.get(f);
      if (p != null && p.problem().isEmpty()) {
        wanted.add(f);
      }
    }
    FrontEnd.Result result =
        FrontEnd.analyse(List.copyOf(parsed.values()), in -> wanted.contains(in.path()), options);
    Map<Path, List<FrontEnd.ScanFinding>> found = new LinkedHashMap<>();
    for (Path f : wanted) {
      found.put(f, new ArrayList<>());
    }
    for (FrontEnd.ScanFinding f : result.findings()) {
      Path file = byDisplay.get(f.finding().location().file());
      if (file != null && found.containsKey(file)) {
        found.get(file).add(f);
      }
    }
    for (Map.Entry<Path, List<FrontEnd.ScanFinding>> e : found.entrySet()) {
      findings.put(e.getKey(), List.copyOf(e.getValue()));
      Set<Path> reached = new LinkedHashSet<>();
      for (FrontEnd.ScanFinding f : e.getValue()) {
        for (WaitChain chain : f.finding().chains()) {
          for (Hop hop : chain.hops()) {
            fileOf(hop.location()).ifPresent(reached::add);
          }
        }
      }
      index.record(e.getKey(), reached);
    }
    Map<Path, String> problems = new LinkedHashMap<>();
    for (FrontEnd.FileProblem p : result.problems()) {
      Path file = byDisplay.get(p.file());
      if (file != null && wanted.contains(file)) {
        problems.put(file, p.reason());
      }
    }
    return new Outcome(found, problems, System.nanoTime() - start);
  }

  private void forget(Path file) {
    findings.remove(file);
    index.forget(file);
  }

  private FrontEnd.Input input(Path file) {
    String display =
        file.startsWith(root)
            ? root.relativize(file).toString().replace('\\', '/')
            : file.toString().replace('\\', '/');
    byDisplay.put(display, file);
    return new FrontEnd.Input(file, display);
  }

  private static Optional<String> read(Path file) {
    try {
      byte[] bytes = Files.readAllBytes(file);
      return Optional.of(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPLACE)
              .onUnmappableCharacter(CodingErrorAction.REPLACE)
              .decode(ByteBuffer.wrap(bytes))
              .toString());
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
