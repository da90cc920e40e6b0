package dev.lockstep.scanner.frontend;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A scan that reuses the last scan's results for the files nothing it depends on has changed (ADR
 * 0016). The last scan's index ({@link ScanCache}) holds, per file, its content hash, its findings
 * and what its code looked up ({@link Reads}). A file is analysed again when:
 *
 * <ul>
 *   <li>its content changed, it is new, or its last analysis failed;
 *   <li>a type name its code looked up is declared, before or after, by a file that changed, was
 *       added or was deleted (a new file can capture a name that resolved elsewhere or not at all);
 *   <li>a file it read is analysed again for either reason — transitively: a file's result depends
 *       on the files its reads reach, because summaries and resolutions are shared.
 * </ul>
 *
 * Anything else that changes results (the scanner, the JDK, the configuration, the options, the
 * classpath) is in the key, so a change there finds no index: every file is analysed. A missing,
 * damaged or foreign index is the same: a cold scan, never a failure.
 */
public final class IncrementalScan {
  private IncrementalScan() {}

  /**
   * Scans {@code inputs}, reusing and then updating the index under {@code directory}.
   *
   * @param progress told how many files have been parsed, as they are (not called when nothing
   *     needs parsing)
   */
  public static FrontEnd.Result scan(
      List<FrontEnd.Input> inputs,
      FrontEnd.Options options,
      Path directory,
      Consumer<Integer> progress) {
    if (!options.resolve()) {
      return FrontEnd.scan(inputs, options, progress);
    }
    long start = System.nanoTime();
    String key = ScanCache.key(options);
    Path file = ScanCache.file(directory, key);
    Optional<ScanCache.Index> last = ScanCache.load(file, key);
    String state = last.isPresent() ? "warm" : ScanCache.rejected(file, key) ? "rejected" : "cold";

    Map<String, String> hashes = new LinkedHashMap<>();
    for (FrontEnd.Input input : inputs) {
      // An unreadable file has no hash: it is analysed (and reported) every time.
      hashes.put(input.display(), ScanCache.contentHash(input.path()).orElse(""));
    }
    Map<String, ScanCache.Entry> old = last.map(ScanCache.Index::entries).orElse(Map.of());
    Set<String> changed = new LinkedHashSet<>();
    for (Map.Entry<String, String> h : hashes.entrySet()) {
      ScanCache.Entry e = old.get(h.getKey());
      if (e == null || h.getValue().isEmpty() || !e.hash().equals(h.getValue())) {
        changed.add(h.getKey());
      }
    }
    Set<String> deleted = new LinkedHashSet<>(old.keySet());
    deleted.removeAll(hashes.keySet());

    if (last.isPresent() && changed.isEmpty() && deleted.isEmpty()) {
      return fromCache(inputs, old, start, "warm");
    }

    FrontEnd.Recorded recorded;
    Set<String> analysed;
    if (last.isEmpty()) {
      analysed = new HashSet<>(hashes.keySet());
      recorded = FrontEnd.scanRecorded(inputs, in -> true, options, progress);
    } else {
      // What changed is parsed first: the types it declares decide what else is analysed.
      Map<String, FrontEnd.ParsedFile> parsed = new HashMap<>();
      for (FrontEnd.ParsedFile p :
          FrontEnd.parse(
              inputs.stream().filter(in -> changed.contains(in.display())).toList(),
              options.threads())) {
        parsed.put(p.input().display(), p);
      }
      Map<String, List<String>> declared = new LinkedHashMap<>();
      for (FrontEnd.Input in : inputs) {
        FrontEnd.ParsedFile p = parsed.get(in.display());
        declared.put(
            in.display(), p != null ? FrontEnd.declaredTypes(p) : old.get(in.display()).declared());
      }
      Set<String> which = affected(last.orElseThrow(), changed, deleted, declared);
      analysed = which;
      // The files analysed are parsed now; the others when resolution asks for a type they
      // declare. Unless two files declare one type: which serves it then depends on the order
      // they are registered in, so all are parsed, in order, as a cold scan does.
      boolean lazily = eachTypeOnce(declared);
      List<FrontEnd.Input> eager =
          inputs.stream()
              .filter(in -> !lazily || which.contains(in.display()))
              .filter(in -> !parsed.containsKey(in.display()))
              .toList();
      for (FrontEnd.ParsedFile p : FrontEnd.parse(eager, options.threads(), progress)) {
        parsed.put(p.input().display(), p);
      }
      List<FrontEnd.ParsedFile> trees = new ArrayList<>();
      List<SourceTypeSolver.Unparsed> lazy = new ArrayList<>();
      for (FrontEnd.Input in : inputs) {
        FrontEnd.ParsedFile p = parsed.get(in.display());
        if (p != null) {
          trees.add(p);
        } else {
          lazy.add(new SourceTypeSolver.Unparsed(in, declared.get(in.display())));
        }
      }
      recorded = FrontEnd.analyseRecorded(trees, lazy, in -> which.contains(in.display()), options);
    }

    Map<String, ScanCache.Entry> entries = new LinkedHashMap<>();
    Map<String, FrontEnd.FileOutcome> outcomes = new HashMap<>();
    for (FrontEnd.FileOutcome o : recorded.outcomes()) {
      outcomes.put(o.input().display(), o);
    }
    Reads reads = recorded.reads();
    for (FrontEnd.Input input : inputs) {
      String display = input.display();
      FrontEnd.FileOutcome o = outcomes.get(display);
      if (o != null) {
        if (analysisFailed(o)) {
          continue; // not kept: analysed again next time
        }
        Reads.FileReads r = reads.of(display);
        entries.put(
            display,
            new ScanCache.Entry(
                display,
                hashes.get(display),
                o.lines(),
                o.loops(),
                o.uncertain(),
                recorded.declared().getOrDefault(display, List.of()),
                r.files,
                r.missed,
                o.problems(),
                o.findings()));
      } else if (old.containsKey(display) && !analysed.contains(display)) {
        // Not analysed: its result stands; what this run's files made its code look up is added
        // (never removed: an edge too many costs an analysis, one too few a stale result).
        ScanCache.Entry e = old.get(display);
        Reads.FileReads r = reads.of(display);
        Set<String> files = new LinkedHashSet<>(e.reads());
        files.addAll(r.files);
        Set<String> missed = new LinkedHashSet<>(e.missed());
        missed.addAll(r.missed);
        entries.put(
            display,
            new ScanCache.Entry(
                display,
                e.hash(),
                e.lines(),
                e.loops(),
                e.uncertain(),
                e.declared(),
                files,
                missed,
                e.problems(),
                e.findings()));
      }
    }
    Reads.FileReads scan = reads.of(Reads.SCAN);
    if (last.isPresent() && analysed.size() < inputs.size()) {
      scan.files.addAll(last.orElseThrow().scan().files);
      scan.missed.addAll(last.orElseThrow().scan().missed);
    }
    ScanCache.save(file, key, new ScanCache.Index(entries, scan));

    FrontEnd.Result result = recorded.result();
    if (analysed.size() == inputs.size()) {
      FrontEnd.Stats s = result.stats();
      return new FrontEnd.Result(
          result.findings(),
          result.problems(),
          new FrontEnd.Stats(
              s.files(),
              s.lines(),
              s.loops(),
              s.uncertainLoops(),
              s.resolutions(),
              s.unresolved(),
              s.parseNanos(),
              s.analysisNanos(),
              inputs.size(),
              0,
              state),
          result.declarations());
    }
    return merged(inputs, entries, outcomes, old, result.stats(), "warm");
  }

  /** Whether the file's analysis threw (its result may not be what a rerun gives). */
  private static boolean analysisFailed(FrontEnd.FileOutcome o) {
    return o.problems().stream()
        .anyMatch(
            p ->
                p.reason().startsWith("analysis failed")
                    || p.reason().startsWith("parser failed")
                    || p.reason().startsWith("unreadable"));
  }

  /**
   * The files to analyse: those that changed, those whose code looked up a name a changed, added or
   * deleted file declares (or declared), and every file whose reads reach one of those.
   */
  static Set<String> affected(
      ScanCache.Index last,
      Set<String> changed,
      Set<String> deleted,
      Map<String, List<String>> declared) {
    Map<String, ScanCache.Entry> old = last.entries();
    Set<String> names = new HashSet<>();
    Set<String> seeds = new LinkedHashSet<>(changed);
    seeds.addAll(deleted);
    for (String f : seeds) {
      ScanCache.Entry e = old.get(f);
      if (e != null) {
        names.addAll(e.declared());
      }
    }
    Map<String, List<String>> declaredBy = new HashMap<>();
    for (Map.Entry<String, List<String>> d : declared.entrySet()) {
      for (String name : d.getValue()) {
        declaredBy.computeIfAbsent(name, n -> new ArrayList<>()).add(d.getKey());
        if (changed.contains(d.getKey())) {
          names.add(name);
        }
      }
    }
    Set<String> all = new HashSet<>(declared.keySet());
    if (last.scan().missed.stream().anyMatch(names::contains)
        || last.scan().files.stream().anyMatch(seeds::contains)) {
      return all; // setting up read what changed: everything may differ
    }
    for (String name : names) {
      // Two files declaring one name: which serves it depends on the order; both count.
      seeds.addAll(declaredBy.getOrDefault(name, List.of()));
    }
    for (ScanCache.Entry e : old.values()) {
      if (e.missed().stream().anyMatch(names::contains)) {
        seeds.add(e.file());
      }
    }
    Map<String, List<String>> readBy = new HashMap<>();
    for (ScanCache.Entry e : old.values()) {
      for (String read : e.reads()) {
        readBy.computeIfAbsent(read, r -> new ArrayList<>()).add(e.file());
      }
    }
    Set<String> reached = new HashSet<>(seeds);
    Deque<String> queue = new ArrayDeque<>(seeds);
    while (!queue.isEmpty()) {
      for (String reader : readBy.getOrDefault(queue.pop(), List.of())) {
        if (reached.add(reader)) {
          queue.push(reader);
        }
      }
    }
    reached.retainAll(all);
    return reached;
  }

  /** Whether no type is declared by two files. */
  private static boolean eachTypeOnce(Map<String, List<String>> declared) {
    Set<String> seen = new HashSet<>();
    for (List<String> names : declared.values()) {
      for (String name : names) {
        if (!seen.add(name)) {
          return false;
        }
      }
    }
    return true;
  }

  /** Every file's result from the index: nothing parsed, nothing analysed. */
  private static FrontEnd.Result fromCache(
      List<FrontEnd.Input> inputs, Map<String, ScanCache.Entry> entries, long start, String state) {
    FrontEnd.Stats none = new FrontEnd.Stats(0, 0, 0, 0, 0, 0, 0, System.nanoTime() - start);
    return merged(inputs, entries, Map.of(), entries, none, state);
  }

  /** The findings, problems and counts of every input, from this run's analysis or the index. */
  private static FrontEnd.Result merged(
      List<FrontEnd.Input> inputs,
      Map<String, ScanCache.Entry> entries,
      Map<String, FrontEnd.FileOutcome> outcomes,
      Map<String, ScanCache.Entry> old,
      FrontEnd.Stats run,
      String state) {
    List<FrontEnd.ScanFinding> findings = new ArrayList<>();
    List<FrontEnd.FileProblem> problems = new ArrayList<>();
    long lines = 0;
    int loops = 0;
    int uncertain = 0;
    int analysed = 0;
    for (FrontEnd.Input input : inputs) {
      FrontEnd.FileOutcome o = outcomes.get(input.display());
      if (o != null) {
        analysed++;
        findings.addAll(o.findings());
        problems.addAll(o.problems());
        lines += o.lines();
        loops += o.loops();
        uncertain += o.uncertain();
        continue;
      }
      ScanCache.Entry e = entries.getOrDefault(input.display(), old.get(input.display()));
      findings.addAll(e.findings());
      problems.addAll(e.problems());
      lines += e.lines();
      loops += e.loops();
      uncertain += e.uncertain();
    }
    findings.sort(FrontEnd.FINDING_ORDER);
    problems.sort(Comparator.comparing(FrontEnd.FileProblem::file));
    FrontEnd.Stats stats =
        new FrontEnd.Stats(
            inputs.size(),
            lines,
            loops,
            uncertain,
            run.resolutions(),
            run.unresolved(),
            run.parseNanos(),
            run.analysisNanos(),
            analysed,
            inputs.size() - analysed,
            state);
    return new FrontEnd.Result(
        List.copyOf(findings),
        List.copyOf(problems),
        stats,
        new Declarations.Map(List.of(), List.of()));
  }
}
