package dev.lockstep.scanner.frontend;

import static java.util.Objects.requireNonNull;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.Problem;
import com.github.javaparser.Processor;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.validator.postprocessors.Java25PostProcessor;
import com.github.javaparser.resolution.TypeSolver;
import com.github.javaparser.symbolsolver.JavaSymbolSolver;
import com.github.javaparser.symbolsolver.javaparsermodel.JavaParserFacade;
import com.github.javaparser.symbolsolver.resolution.typesolvers.CombinedTypeSolver;
import com.github.javaparser.symbolsolver.resolution.typesolvers.JarTypeSolver;
import com.github.javaparser.symbolsolver.resolution.typesolvers.ReflectionTypeSolver;
import dev.lockstep.analysis.config.LockstepConfig;
import dev.lockstep.analysis.finding.Checks;
import dev.lockstep.analysis.finding.Finding;
import dev.lockstep.analysis.rules.LoopVerdict;
import dev.lockstep.analysis.rules.SerialAwaitRule;
import dev.lockstep.analysis.summary.CallJudge;
import dev.lockstep.analysis.summary.FactsSource;
import dev.lockstep.analysis.summary.Summaries;
import dev.lockstep.classfiles.ClassFileFacts;
import dev.lockstep.classfiles.ClassPathRoots;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Runs the JavaParser front end over a set of files: parses them in parallel, resolves against the
 * sources themselves, the JDK and the classpath, reads every loop and lets {@link SerialAwaitRule}
 * judge it. A file that cannot be parsed or analysed is a {@link FileProblem}, never a silent gap.
 *
 * <p>Strict mode ({@link Options#strict()}, {@code --strict}, or the system property {@value
 * #STRICT_PROPERTY} as for the checker) is for tests and for debugging the scanner: an internal
 * exception while parsing or analysing is not turned into a {@link FileProblem} or, in a method
 * body a summary reads, into "no finding"; the scan stops with an {@link InternalFailure} instead.
 */
public final class FrontEnd {
  /**
   * The system property that turns strict mode on when {@link Options} are made without saying: the
   * checker's ({@code SerialAwaitInLoop.STRICT_PROPERTY}) name, so one flag covers both front ends
   * in tests.
   */
  public static final String STRICT_PROPERTY = "lockstep.strict";

  private FrontEnd() {}

  /** Whether {@link #STRICT_PROPERTY} asks for strict mode. */
  public static boolean strictRequested() {
    return Boolean.getBoolean(STRICT_PROPERTY);
  }

  /** One file to scan and the name findings give it (relative to the working directory). */
  public record Input(Path path, String display) {
    public Input {
      requireNonNull(path, "path");
      requireNonNull(display, "display");
    }
  }

  /**
   * How to scan.
   *
   * @param config the analysis options (catalogue, depth, window)
   * @param classpath jars and class directories to resolve library types from
   * @param resolve false to parse and find loops only (for measuring throughput): no findings
   * @param threads parser threads
   * @param strict an internal exception stops the scan ({@link InternalFailure}) instead of being
   *     reported as a file not analysed or, in a body a summary reads, taken as "no finding"
   * @param epochLines how many lines of trees one round of analysis may hold ({@link #epochLines}):
   *     0 for a budget from the heap's maximum size; changes no result (ADR 0024)
   * @param lanes how many threads analyse at once, each with its own symbol solver and trees (ADR
   *     0026): 0 for {@link #lanes}' default (one); changes no result
   */
  public record Options(
      LockstepConfig config,
      List<Path> classpath,
      boolean resolve,
      int threads,
      boolean strict,
      long epochLines,
      int lanes) {
    public Options {
      requireNonNull(config, "config");
      classpath = List.copyOf(classpath);
      if (threads < 1) {
        throw new IllegalArgumentException("threads must be >= 1");
      }
      if (epochLines < 0) {
        throw new IllegalArgumentException("epochLines must be >= 0");
      }
      if (lanes < 0) {
        throw new IllegalArgumentException("lanes must be >= 0");
      }
    }

    /** Lanes as {@link FrontEnd#lanes} decides. */
    public Options(
        LockstepConfig config,
        List<Path> classpath,
        boolean resolve,
        int threads,
        boolean strict,
        long epochLines) {
      this(config, classpath, resolve, threads, strict, epochLines, 0);
    }

    /** The trees' budget from the heap's size. */
    public Options(
        LockstepConfig config, List<Path> classpath, boolean resolve, int threads, boolean strict) {
      this(config, classpath, resolve, threads, strict, 0);
    }

    /** The same options with this budget of lines per round of analysis. */
    public Options withEpochLines(long lines) {
      return new Options(config, classpath, resolve, threads, strict, lines, lanes);
    }

    /** The same options with this many lanes of analysis (0: as {@link FrontEnd#lanes} decides). */
    public Options withLanes(int count) {
      return new Options(config, classpath, resolve, threads, strict, epochLines, count);
    }

    /** Strict as {@link FrontEnd#STRICT_PROPERTY} says (off unless set). */
    public Options(LockstepConfig config, List<Path> classpath, boolean resolve, int threads) {
      this(config, classpath, resolve, threads, strictRequested());
    }
  }

  /**
   * Strict mode: the scanner failed inside (a bug, or an input it cannot handle), where a normal
   * scan would have reported the file as not analysed or silently found nothing. The cause is the
   * original exception, with its stack trace.
   */
  public static final class InternalFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InternalFailure(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** A file that could not be (completely) analysed, and why. */
  public record FileProblem(String file, String reason) {}

  /**
   * A finding with what a baseline keys it by.
   *
   * @param finding the rule's finding (message, chain, numbers)
   * @param member the enclosing member ({@code test.Loops#enhancedFor})
   * @param snippet the loop's first line, whitespace-normalised
   */
  public record ScanFinding(Finding finding, String member, String snippet) {}

  /**
   * Counts for the summary line and the throughput figures.
   *
   * @param analysedFiles files whose loops this run read (the others' results came from the cache)
   * @param cachedFiles files whose results came from the incremental cache (ADR 0016)
   * @param cache what the incremental cache did: {@code off}, {@code cold}, {@code warm} (some
   *     results reused) or why it was not used ({@code miss: classpath changed})
   */
  public record Stats(
      int files,
      long lines,
      int loops,
      int uncertainLoops,
      int resolutions,
      int unresolved,
      long parseNanos,
      long analysisNanos,
      int analysedFiles,
      int cachedFiles,
      String cache) {
    public Stats {
      requireNonNull(cache, "cache");
    }

    /** The counts of a scan without the incremental cache. */
    public Stats(
        int files,
        long lines,
        int loops,
        int uncertainLoops,
        int resolutions,
        int unresolved,
        long parseNanos,
        long analysisNanos) {
      this(
          files,
          lines,
          loops,
          uncertainLoops,
          resolutions,
          unresolved,
          parseNanos,
          analysisNanos,
          files,
          0,
          "off");
    }
  }

  /** What a scan found. */
  public record Result(
      List<ScanFinding> findings,
      List<FileProblem> problems,
      Stats stats,
      Declarations.Map declarations) {}

  /**
   * One parsed file, or its problem; {@code failure} when the problem is an internal exception.
   * {@code declared}: the canonical names of the types it declares, kept when its tree is dropped
   * ({@link #withoutTree}) until an epoch of analysis parses it again.
   */
  private record Parsed(
      Input input,
      CompilationUnit unit,
      long lines,
      FileProblem problem,
      Throwable failure,
      List<String> declared) {
    Parsed(Input input, CompilationUnit unit, long lines, FileProblem problem, Throwable failure) {
      this(
          input,
          unit,
          lines,
          problem,
          failure,
          unit == null ? List.of() : SourceTypeSolver.declaredTypes(unit));
    }

    Parsed(Input input, CompilationUnit unit, long lines, FileProblem problem) {
      this(input, unit, lines, problem, null);
    }

    /** Parsed without a problem, its tree dropped: parse it again to analyse or resolve into it. */
    boolean dropped() {
      return unit == null && problem == null;
    }

    Parsed withoutTree() {
      return unit == null ? this : new Parsed(input, null, lines, null, null, declared);
    }
  }

  public static Result scan(List<Input> inputs, Options options) {
    return scan(inputs, options, done -> {});
  }

  /**
   * Scans {@code inputs}.
   *
   * @param progress told how many files have been parsed, as they are
   */
  public static Result scan(List<Input> inputs, Options options, Consumer<Integer> progress) {
    return scan(inputs, options, progress, false);
  }

  /**
   * Scans {@code inputs}, and with {@code declarations} also maps the intent annotations and the
   * pipelines ({@code lockstep doc}).
   */
  public static Result scan(
      List<Input> inputs, Options options, Consumer<Integer> progress, boolean declarations) {
    return scan(inputs, options, progress, declarations, UnaryOperator.identity());
  }

  /**
   * {@link #scan(List, Options, Consumer, boolean)} with the method bodies summaries read taken
   * from {@code bodies} applied to the front end's own (tests put a failing reader there).
   */
  static Result scan(
      List<Input> inputs,
      Options options,
      Consumer<Integer> progress,
      boolean declarations,
      UnaryOperator<FactsSource> bodies) {
    try {
      return scanOnce(inputs, options, progress, declarations, bodies);
    } finally {
      // JavaParser keeps a facade per type solver in a static WeakHashMap whose values hold their
      // keys, so nothing is ever dropped: without this every scan in one JVM (tests, the fuzzer, a
      // language server) keeps all its trees. The fuzzer ran out of 1 GB after 200 scans. Its
      // lambda types (TypeInferenceCache) are static too.
      JavaParserStatics.clear();
    }
  }

  private static Result scanOnce(
      List<Input> inputs,
      Options options,
      Consumer<Integer> progress,
      boolean declarations,
      UnaryOperator<FactsSource> bodies) {
    long start = System.nanoTime();
    if (declarations) {
      // lockstep doc maps the declarations of every tree at the end: all are kept.
      List<Parsed> parsed = parseAll(inputs, options.threads(), progress);
      return analyse(parsed, input -> true, options, declarations, bodies, start);
    }
    return bounded(inputs, input -> true, options, progress, bodies, start, false).result();
  }

  /**
   * A file parsed once and kept by a caller that analyses it again, with the others, after edits
   * elsewhere (the language server): only the changed file is parsed again.
   */
  public static final class ParsedFile {
    private final Parsed parsed;

    private ParsedFile(Parsed parsed) {
      this.parsed = parsed;
    }

    public Input input() {
      return parsed.input();
    }

    /** Why the file could not be parsed, or empty. */
    public Optional<FileProblem> problem() {
      return Optional.ofNullable(parsed.problem());
    }

    public long lines() {
      return parsed.lines();
    }
  }

  /** Parses {@code text} as the contents of {@code input} (an editor's unsaved buffer). */
  public static ParsedFile parse(Input input, String text) {
    Parsed parsed = parseText(PARSER.get(), input, text);
    if (parsed.failure() != null) {
      PARSER.remove(); // its state is suspect after a throw (see parseAll)
    }
    return new ParsedFile(parsed);
  }

  /** Parses the files from disk, in parallel, for {@link #analyse}. */
  public static List<ParsedFile> parse(List<Input> inputs, int threads) {
    return parse(inputs, threads, done -> {});
  }

  /** {@link #parse(List, int)}, telling {@code progress} how many files have been parsed. */
  static List<ParsedFile> parse(List<Input> inputs, int threads, Consumer<Integer> progress) {
    return parseAll(inputs, threads, progress).stream().map(ParsedFile::new).toList();
  }

  /**
   * Resolves against all {@code files} (and the JDK and classpath) but reads the loops and
   * pipelines of only those whose input {@code analysed} accepts: the findings and problems are
   * theirs. The trees are reused, never changed, so a caller may keep them between calls.
   */
  public static Result analyse(List<ParsedFile> files, Predicate<Input> analysed, Options options) {
    try {
      List<Parsed> parsed = files.stream().map(f -> f.parsed).toList();
      for (Parsed p : parsed) {
        if (p.unit() != null) {
          forgetResolutions(p.unit());
        }
      }
      return analyse(parsed, analysed, options, false, UnaryOperator.identity(), System.nanoTime());
    } finally {
      JavaParserStatics.clear(); // as in scan
    }
  }

  /**
   * Drops the types JavaParser's facade stored on the tree's expressions while resolving them (two
   * private data keys of {@link JavaParserFacade}): they name the declarations of the trees of that
   * analysis, and a tree kept for the next one would still see a changed file's old methods.
   */
  private static void forgetResolutions(CompilationUnit unit) {
    unit.walk(
        node -> {
          for (var key : List.copyOf(node.getDataKeys())) {
            if (key.getClass().getEnclosingClass() == JavaParserFacade.class) {
              node.removeData(key);
            }
          }
        });
  }

  private static final ThreadLocal<JavaParser> PARSER = ThreadLocal.withInitial(FrontEnd::parser);

  /** One analysed file's share of a scan: what the incremental cache keeps per file. */
  record FileOutcome(
      Input input,
      long lines,
      List<ScanFinding> findings,
      List<FileProblem> problems,
      int loops,
      int uncertain) {}

  /**
   * A scan's result with each analysed file's share, the types it declares and what each file's
   * code looked up.
   */
  record Recorded(
      Result result, List<FileOutcome> outcomes, Map<String, List<String>> declared, Reads reads) {}

  /** Findings in file, line and column order (a stable sort: a file's own order within a line). */
  static final Comparator<ScanFinding> FINDING_ORDER =
      Comparator.comparing((ScanFinding f) -> f.finding().location().file())
          .thenComparingInt(f -> f.finding().location().line())
          .thenComparingInt(f -> f.finding().location().column());

  private static Result analyse(
      List<Parsed> parsed,
      Predicate<Input> analysed,
      Options options,
      boolean declarations,
      UnaryOperator<FactsSource> bodies,
      long start) {
    return analyse(
            parsed,
            List.of(),
            analysed,
            options,
            declarations,
            bodies,
            start,
            false,
            Epoch.unbounded())
        .result();
  }

  /**
   * One round of analysis (ADR 0024): the files it analyses and the files resolution parses for it
   * share one symbol solver and its caches, and are dropped together when it ends. What bounds it,
   * and what the rounds of one scan share.
   */
  private static final class Epoch {
    /**
     * Who declares each type, for every file of the scan (first in order wins); null: the trees.
     */
    final Map<String, String> declaring;

    /** The scan's recorder of lookups, shared by its rounds; null: one per round. */
    final Reads reads;

    /** Lines of trees after which the round ends, at the next file boundary. */
    final long budget;

    /** Lines of trees this round holds: its own files' and those parsed on demand. */
    long lines;

    /** How many of the round's files it analysed before it ended. */
    int analysedUpTo;

    /** The round's root type solver, once made: what JavaParser's statics key its caches by. */
    TypeSolver solver;

    Epoch(Map<String, String> declaring, Reads reads, long budget, long lines) {
      this.declaring = declaring;
      this.reads = reads;
      this.budget = budget;
      this.lines = lines;
    }

    static Epoch unbounded() {
      return new Epoch(null, null, Long.MAX_VALUE, 0);
    }
  }

  /**
   * Lines of trees one round of analysis may hold: {@link Options#epochLines()}, else the system
   * property {@value #EPOCH_LINES_PROPERTY}, else what a fraction of the heap's maximum holds (a
   * parsed line costs ≈ 0.7 KB of heap with its share of the analysis's caches, measured on
   * java.base).
   */
  static long epochLines(Options options) {
    if (options.epochLines() > 0) {
      return options.epochLines();
    }
    long property = Long.getLong(EPOCH_LINES_PROPERTY, 0);
    if (property > 0) {
      return property;
    }
    return Math.max(
        50_000, (long) (Runtime.getRuntime().maxMemory() * HEAP_SHARE) / BYTES_PER_LINE);
  }

  /** Tells each round's figures on standard error (measuring). */
  public static final String ROUNDS_PROPERTY = "lockstep.debugRounds";

  /** Sets {@link #epochLines} (tests, measuring). */
  public static final String EPOCH_LINES_PROPERTY = "lockstep.epochLines";

  private static final double HEAP_SHARE = 0.4;
  private static final long BYTES_PER_LINE = 700;

  /**
   * Scans in rounds of bounded memory (ADR 0024). Every file is parsed once, in parallel, for the
   * types it declares; the trees of the leading files that fit half the budget are kept for the
   * first round, the others dropped. Each round analyses the next files in order that fit half the
   * budget (parsing them again if their trees were dropped), parses any other file when resolution
   * asks for a type it declares, and ends after the file that brings its trees over the budget;
   * then its trees, solver and caches are dropped. When every tree fits, there is one round: the
   * scan as it was.
   */
  private static Recorded bounded(
      List<Input> inputs,
      Predicate<Input> analysed,
      Options options,
      Consumer<Integer> progress,
      UnaryOperator<FactsSource> bodies,
      long start,
      boolean record) {
    long budget = epochLines(options);
    List<Parsed> all = new ArrayList<>(parseAll(inputs, options.threads(), progress, budget / 2));
    int lanes = lanes(options, all.size());
    if (lanes > 1 && JavaParserStatics.shareable()) {
      return inLanes(all, lanes, analysed, options, bodies, start, record, budget);
    }
    if (all.stream().noneMatch(Parsed::dropped)) {
      return analyse(
          all, List.of(), analysed, options, false, bodies, start, record, Epoch.unbounded());
    }
    long parsedAt = System.nanoTime();
    Map<String, String> declaring = new HashMap<>();
    for (Parsed p : all) {
      for (String name : p.declared()) {
        declaring.putIfAbsent(name, p.input().display());
      }
    }
    Reads reads = record ? new Reads(declaring::get) : Reads.none();
    List<ScanFinding> findings = new ArrayList<>();
    List<FileProblem> problems = new ArrayList<>();
    List<FileOutcome> outcomes = new ArrayList<>();
    Map<String, List<String>> declared = new HashMap<>();
    long lines = 0;
    int loops = 0;
    int uncertain = 0;
    int resolutions = 0;
    int unresolved = 0;
    for (Parsed p : all) {
      lines += p.lines();
    }
    int next = 0;
    int rounds = 0;
    while (next < all.size()) {
      long roundStart = System.nanoTime();
      // This round's files: the next ones in order that fit half the budget (at least one).
      List<Parsed> round = new ArrayList<>();
      long roundLines = 0;
      int end = next;
      while (end < all.size()
          && (round.isEmpty() || roundLines + all.get(end).lines() <= budget / 2)) {
        round.add(all.get(end));
        roundLines += all.get(end).lines();
        end++;
      }
      round = reparsed(round, options.threads());
      for (int i = next; i < end; i++) {
        all.set(i, all.get(i).withoutTree()); // the round holds them, and drops them at its end
      }
      java.util.Set<Input> inRound = new java.util.HashSet<>();
      List<SourceTypeSolver.Unparsed> lazy = new ArrayList<>();
      for (Parsed p : round) {
        inRound.add(p.input());
      }
      for (Parsed p : all) {
        if (p.problem() == null && !inRound.contains(p.input())) {
          lazy.add(new SourceTypeSolver.Unparsed(p.input(), p.declared()));
        }
      }
      Epoch epoch = new Epoch(declaring, reads, budget, roundLines);
      Recorded r;
      try {
        r =
            analyse(
                round, lazy, analysed, options, false, bodies, System.nanoTime(), record, epoch);
      } finally {
        JavaParserStatics.clear(); // the round's facade and lambda types hold its trees
      }
      // What the round analysed; problems of files after where it ended are the next round's.
      java.util.Set<String> done = new java.util.HashSet<>();
      for (Parsed p : round.subList(0, epoch.analysedUpTo)) {
        done.add(p.input().display());
      }
      round = null; // the round's trees go with its solver
      findings.addAll(r.result().findings());
      for (FileProblem problem : r.result().problems()) {
        if (done.contains(problem.file())) {
          problems.add(problem);
        }
      }
      for (FileOutcome o : r.outcomes()) {
        if (done.contains(o.input().display())) {
          outcomes.add(o);
        }
      }
      for (Map.Entry<String, List<String>> d : r.declared().entrySet()) {
        if (done.contains(d.getKey())) {
          declared.put(d.getKey(), d.getValue());
        }
      }
      loops += r.result().stats().loops();
      uncertain += r.result().stats().uncertainLoops();
      resolutions += r.result().stats().resolutions();
      unresolved += r.result().stats().unresolved();
      next += epoch.analysedUpTo;
      if (Boolean.getBoolean(ROUNDS_PROPERTY)) {
        System.err.printf(
            "lockstep: round %d: %d files analysed (%d of %d), %d lines of trees, %d resolutions,"
                + " %.1f s%n",
            ++rounds,
            epoch.analysedUpTo,
            next,
            all.size(),
            epoch.lines,
            r.result().stats().resolutions(),
            (System.nanoTime() - roundStart) / 1e9);
      }
    }
    long end = System.nanoTime();
    return merged(
        findings,
        problems,
        new Stats(
            all.size(),
            lines,
            loops,
            uncertain,
            resolutions,
            unresolved,
            parsedAt - start,
            end - parsedAt),
        outcomes,
        declared,
        reads);
  }

  /**
   * What several rounds or lanes found, as one scan gives it: findings and problems in the order of
   * a one-round scan (the declarations map is only made when every tree is kept).
   */
  private static Recorded merged(
      List<ScanFinding> findings,
      List<FileProblem> problems,
      Stats stats,
      List<FileOutcome> outcomes,
      Map<String, List<String>> declared,
      Reads reads) {
    findings.sort(FINDING_ORDER);
    problems.sort(Comparator.comparing(FileProblem::file));
    return new Recorded(
        new Result(
            List.copyOf(findings),
            List.copyOf(problems),
            stats,
            new Declarations.Map(List.of(), List.of())),
        List.copyOf(outcomes),
        declared,
        reads);
  }

  /** Sets {@link #lanes} when {@link Options#lanes()} does not (tests, measuring). */
  public static final String LANES_PROPERTY = "lockstep.lanes";

  /**
   * How many lanes analyse a scan (ADR 0026): {@link Options#lanes()} if set, else the system
   * property {@value #LANES_PROPERTY} if set, else one. Not one per thread by default: on java.base
   * two lanes cost 45 % more CPU than one (each parses and resolves again much of what the other
   * does) and were slower on 2 cores (benchmarks/README.md, "Analysis on every core"). Never more
   * lanes than files, and one when nothing is resolved.
   */
  static int lanes(Options options, int files) {
    if (!options.resolve()) {
      return 1;
    }
    int property = Integer.getInteger(LANES_PROPERTY, 0);
    int wanted = options.lanes() > 0 ? options.lanes() : Math.max(1, property);
    return Math.max(1, Math.min(wanted, files));
  }

  /**
   * Analyses on {@code lanes} threads at once (ADR 0026). Each lane takes the files of its own
   * contiguous region in order (then helps the lane with the most left, {@link Lanes#next}), and
   * analyses each with its own round: its own symbol solver, caches and trees, other files parsed
   * when its resolution asks for them, as in a scan in rounds (ADR 0024). A lane's round ends, as
   * any round does, after the file that brings its trees over its share of the budget; the lane
   * then goes on with a fresh round. The results are put together in file order, as one lane would
   * have.
   */
  private static Recorded inLanes(
      List<Parsed> parsed,
      int lanes,
      Predicate<Input> analysed,
      Options options,
      UnaryOperator<FactsSource> bodies,
      long start,
      boolean record,
      long budget) {
    long parsedAt = System.nanoTime();
    Parsed[] all = parsed.toArray(new Parsed[0]);
    Map<String, String> declaring = new HashMap<>();
    List<SourceTypeSolver.Unparsed> lazy = new ArrayList<>();
    long lines = 0;
    long keptLines = 0;
    for (Parsed p : all) {
      lines += p.lines();
      if (p.unit() != null) {
        keptLines += p.lines();
      }
      for (String name : p.declared()) {
        declaring.putIfAbsent(name, p.input().display());
      }
      if (p.problem() == null) {
        lazy.add(new SourceTypeSolver.Unparsed(p.input(), p.declared()));
      }
    }
    Lanes shared =
        new Lanes(
            all, List.copyOf(lazy), declaring, analysed, options, bodies, record, budget, lanes);
    shared.kept.set(keptLines);
    ExecutorService pool = Executors.newFixedThreadPool(lanes, FrontEnd::lane);
    List<Lane> done = new ArrayList<>();
    try {
      List<Future<Lane>> running = new ArrayList<>();
      for (int i = 0; i < lanes; i++) {
        int lane = i;
        running.add(pool.submit(() -> shared.run(lane, lanes)));
      }
      for (Future<Lane> lane : running) {
        done.add(lane.get());
      }
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r; // an InternalFailure in strict mode, as on one thread
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while analysing", e);
    } finally {
      shared.stop(); // a lane that failed stops the others
      pool.shutdownNow();
    }
    long end = System.nanoTime();
    List<ScanFinding> findings = new ArrayList<>();
    List<FileProblem> problems = new ArrayList<>();
    List<FileOutcome> outcomes = new ArrayList<>();
    Map<String, List<String>> declared = new HashMap<>();
    int loops = 0;
    int uncertain = 0;
    for (int i = 0; i < all.length; i++) {
      FileOutcome o = shared.outcomes[i];
      if (o == null) {
        continue; // not analysed
      }
      outcomes.add(o);
      findings.addAll(o.findings());
      problems.addAll(o.problems());
      loops += o.loops();
      uncertain += o.uncertain();
      if (record && all[i].problem() == null) {
        declared.put(all[i].input().display(), all[i].declared());
      }
    }
    Reads reads = record ? new Reads(declaring::get) : Reads.none();
    int resolutions = 0;
    int unresolved = 0;
    for (Lane lane : done) {
      reads.absorb(lane.reads);
      resolutions += lane.resolutions;
      unresolved += lane.unresolved;
    }
    return merged(
        findings,
        problems,
        new Stats(
            all.length,
            lines,
            loops,
            uncertain,
            resolutions,
            unresolved,
            parsedAt - start,
            end - parsedAt),
        outcomes,
        declared,
        reads);
  }

  /** What one lane counted and recorded (ADR 0026). */
  private record Lane(Reads reads, int resolutions, int unresolved, int rounds) {}

  /**
   * What the lanes of a scan share: the files in order (each taken by one lane, whose round then
   * holds its tree), where each one's outcome goes, and the lines of trees kept from the first
   * parse that no lane has taken yet (they count against every lane's budget).
   */
  private static final class Lanes {
    final Parsed[] all;
    final FileOutcome[] outcomes;
    final List<SourceTypeSolver.Unparsed> lazy;
    final Map<String, String> declaring;
    final Predicate<Input> analysed;
    final Options options;
    final UnaryOperator<FactsSource> bodies;
    final boolean record;
    final long budget;

    /** Each lane's region of files not taken yet: {@code [from[k], to[k])}. */
    private final int[] from;

    private final int[] to;
    final AtomicLong kept = new AtomicLong();

    Lanes(
        Parsed[] all,
        List<SourceTypeSolver.Unparsed> lazy,
        Map<String, String> declaring,
        Predicate<Input> analysed,
        Options options,
        UnaryOperator<FactsSource> bodies,
        boolean record,
        long budget,
        int regions) {
      this.all = all;
      this.outcomes = new FileOutcome[all.length];
      this.lazy = lazy;
      this.declaring = declaring;
      this.analysed = analysed;
      this.options = options;
      this.bodies = bodies;
      this.record = record;
      this.budget = budget;
      // Contiguous regions of about equal lines, one per lane.
      int lanes = regions;
      from = new int[lanes];
      to = new int[lanes];
      long total = 0;
      for (Parsed p : all) {
        total += p.lines();
      }
      long sum = 0;
      int k = 0;
      for (int i = 0; i < all.length; i++) {
        while (k < lanes - 1 && sum >= total * (k + 1) / lanes) {
          to[k] = i;
          from[++k] = i;
        }
        sum += all[i].lines();
      }
      while (k < lanes - 1) {
        to[k] = all.length;
        from[++k] = all.length;
      }
      to[lanes - 1] = all.length;
    }

    /**
     * The next file lane {@code lane} takes: the first of its own region not taken yet, else (its
     * region done) the last of the region with the most files left; -1 when none is left. Each lane
     * reads a run of neighbouring files, which mostly resolve into the same trees, and no lane
     * waits while another has files left.
     */
    synchronized int next(int lane) {
      if (from[lane] < to[lane]) {
        return from[lane]++;
      }
      int most = -1;
      for (int k = 0; k < from.length; k++) {
        if (to[k] - from[k] > 0 && (most < 0 || to[k] - from[k] > to[most] - from[most])) {
          most = k;
        }
      }
      return most < 0 ? -1 : --to[most];
    }

    /** No lane takes another file. */
    synchronized void stop() {
      System.arraycopy(to, 0, from, 0, to.length);
    }

    /** One lane: takes files until none is left. */
    Lane run(int lane, int lanes) {
      long share = Math.max(1, budget / lanes);
      Reads reads = record ? new Reads(declaring::get) : Reads.none();
      Round round = null;
      Epoch epoch = null;
      int resolutions = 0;
      int unresolved = 0;
      int rounds = 0;
      long roundStart = 0;
      try {
        for (int i = next(lane); i >= 0; i = next(lane)) {
          Parsed p = all[i];
          all[i] = p.withoutTree(); // the lane's round holds it now, and drops it at its end
          if (p.unit() != null) {
            kept.addAndGet(-p.lines());
          }
          if (!analysed.test(p.input())) {
            continue;
          }
          if (p.failure() != null && options.strict()) {
            throw new InternalFailure(
                p.input().display() + ": " + p.problem().reason() + " (strict mode)", p.failure());
          }
          if (p.problem() != null) {
            outcomes[i] =
                new FileOutcome(p.input(), p.lines(), List.of(), List.of(p.problem()), 0, 0);
            continue;
          }
          if (round == null) {
            roundStart = System.nanoTime();
            epoch = new Epoch(declaring, reads, share, 0);
            round = new Round(List.of(), lazy, options, bodies, record, epoch);
          }
          Parsed own = round.take(p);
          if (own.problem() != null) { // it parsed once, not again: say so as for any file
            if (own.failure() != null && options.strict()) {
              throw new InternalFailure(
                  p.input().display() + ": " + own.problem().reason() + " (strict mode)",
                  own.failure());
            }
            outcomes[i] =
                new FileOutcome(p.input(), p.lines(), List.of(), List.of(own.problem()), 0, 0);
          } else {
            outcomes[i] = round.analyse(own, options);
          }
          // Trees no lane has taken yet count against every lane's share.
          if (epoch.lines + kept.get() / lanes > epoch.budget) {
            resolutions += round.names.resolveCalls;
            unresolved += round.names.unresolved;
            rounds++;
            endRound(round, epoch, rounds, roundStart);
            round = null;
            epoch = null;
          }
        }
      } finally {
        if (round != null) {
          resolutions += round.names.resolveCalls;
          unresolved += round.names.unresolved;
          rounds++;
          endRound(round, epoch, rounds, roundStart);
        }
      }
      return new Lane(reads, resolutions, unresolved, rounds);
    }

    private static void endRound(Round round, Epoch epoch, int number, long roundStart) {
      round.end();
      JavaParserStatics.forget(epoch.solver); // its facade and lambda types hold its trees
      if (Boolean.getBoolean(ROUNDS_PROPERTY)) {
        System.err.printf(
            "lockstep: %s round %d: %d lines of trees, %d resolutions, %.1f s%n",
            Thread.currentThread().getName(),
            number,
            epoch.lines,
            round.names.resolveCalls,
            (System.nanoTime() - roundStart) / 1e9);
      }
    }
  }

  private static Thread lane(Runnable r) {
    Thread t = new Thread(r, "lockstep-lane");
    t.setDaemon(true);
    return t;
  }

  /** The files with their trees: those dropped are parsed again, in parallel. */
  private static List<Parsed> reparsed(List<Parsed> files, int threads) {
    List<Input> again = files.stream().filter(Parsed::dropped).map(Parsed::input).toList();
    if (again.isEmpty()) {
      return files;
    }
    Map<Input, Parsed> fresh = new HashMap<>();
    for (Parsed p : parseAll(again, threads, done -> {})) {
      fresh.put(p.input(), p);
    }
    List<Parsed> out = new ArrayList<>(files.size());
    for (Parsed p : files) {
      out.add(p.dropped() ? fresh.get(p.input()) : p);
    }
    return out;
  }

  /**
   * Parses {@code inputs} and analyses those {@code analysed} accepts (resolving against all),
   * recording what each file's code looked up: the incremental cache's entry point.
   */
  static Recorded scanRecorded(
      List<Input> inputs, Predicate<Input> analysed, Options options, Consumer<Integer> progress) {
    try {
      return bounded(
          inputs, analysed, options, progress, UnaryOperator.identity(), System.nanoTime(), true);
    } finally {
      JavaParserStatics.clear(); // as in scan
    }
  }

  /**
   * {@link #scanRecorded} of files parsed already (their trees fresh from {@link #parse}), and of
   * files parsed only if resolution asks for a type they declare.
   */
  static Recorded analyseRecorded(
      List<ParsedFile> files,
      List<SourceTypeSolver.Unparsed> lazy,
      Predicate<Input> analysed,
      Options options) {
    try {
      List<Parsed> parsed = files.stream().map(f -> f.parsed).toList();
      return analyse(
          parsed,
          lazy,
          analysed,
          options,
          false,
          UnaryOperator.identity(),
          System.nanoTime(),
          true,
          Epoch.unbounded());
    } finally {
      JavaParserStatics.clear(); // as in scan
    }
  }

  /** The canonical names of the types each parsed file declares (none for a file not parsed). */
  static List<String> declaredTypes(ParsedFile file) {
    return file.parsed.unit() == null
        ? List.of()
        : SourceTypeSolver.declaredTypes(file.parsed.unit());
  }

  private static Recorded analyse(
      List<Parsed> parsed,
      List<SourceTypeSolver.Unparsed> lazy,
      Predicate<Input> analysed,
      Options options,
      boolean declarations,
      UnaryOperator<FactsSource> bodies,
      long start,
      boolean record,
      Epoch epoch) {
    long parsedAt = System.nanoTime();
    epoch.analysedUpTo = parsed.size();

    List<FileProblem> problems = new ArrayList<>();
    List<FileOutcome> outcomes = new ArrayList<>();
    List<CompilationUnit> units = new ArrayList<>();
    long lines = 0;
    for (Parsed p : parsed) {
      lines += p.lines();
      if (!analysed.test(p.input())) {
        if (p.problem() == null) {
          units.add(p.unit()); // resolves names for the files analysed
        }
        continue;
      }
      if (p.failure() != null && options.strict()) {
        throw new InternalFailure(
            p.input().display() + ": " + p.problem().reason() + " (strict mode)", p.failure());
      }
      if (p.problem() != null) {
        problems.add(p.problem());
        outcomes.add(new FileOutcome(p.input(), p.lines(), List.of(), List.of(p.problem()), 0, 0));
      } else {
        units.add(p.unit());
      }
    }

    List<ScanFinding> findings = new ArrayList<>();
    int loops = 0;
    int uncertain = 0;
    JpNames names = null;
    PipelineScan pipelines = null; // FakeConcurrency, OversizedWindow
    Reads reads = Reads.none();
    if (options.resolve()) {
      Round round = new Round(units, lazy, options, bodies, record, epoch);
      names = round.names;
      pipelines = round.pipelines;
      reads = round.reads;
      for (int i = 0; i < parsed.size(); i++) {
        Parsed p = parsed.get(i);
        if (p.problem() != null || !analysed.test(p.input())) {
          continue;
        }
        FileOutcome outcome = round.analyse(p, options);
        outcomes.add(outcome);
        findings.addAll(outcome.findings());
        problems.addAll(outcome.problems());
        loops += outcome.loops();
        uncertain += outcome.uncertain();
        if (epoch.lines > epoch.budget && i + 1 < parsed.size()) {
          epoch.analysedUpTo = i + 1; // the rest of the round's files go to the next round
          break;
        }
      }
      round.end();
    } else {
      for (Parsed p : parsed) {
        if (p.problem() != null || !analysed.test(p.input())) {
          continue;
        }
        try {
          loops += JavaParserFacts.loopCandidates(p.unit()).size();
        } catch (RuntimeException | Error e) {
          problems.add(analysisFailed(p.input(), e, options.strict()));
        }
      }
    }
    long end = System.nanoTime();
    findings.sort(FINDING_ORDER);
    problems.sort(Comparator.comparing(FileProblem::file));
    Stats stats =
        new Stats(
            parsed.size(),
            lines,
            loops,
            uncertain,
            names == null ? 0 : names.resolveCalls,
            names == null ? 0 : names.unresolved,
            parsedAt - start,
            end - parsedAt);
    Declarations.Map map =
        declarations
            ? Declarations.read(units).with(pipelines == null ? List.of() : pipelines.analysed())
            : new Declarations.Map(List.of(), List.of());
    Map<String, List<String>> declared = new HashMap<>();
    if (record) {
      for (Parsed p : parsed) {
        if (p.unit() != null && analysed.test(p.input())) {
          declared.put(p.input().display(), SourceTypeSolver.declaredTypes(p.unit()));
        }
      }
    }
    return new Recorded(
        new Result(List.copyOf(findings), List.copyOf(problems), stats, map),
        List.copyOf(outcomes),
        declared,
        reads);
  }

  /**
   * One symbol solver, its caches and the readers over it: what a round of analysis (ADR 0024), or
   * a lane's round (ADR 0026), shares between its files. Used by one thread only.
   */
  private static final class Round {
    final SourceTypeSolver sources;
    final JpNames names;
    final PipelineScan pipelines; // FakeConcurrency, OversizedWindow
    final Reads reads;
    final Analysers analysers;
    private final ClassFileFacts library;
    private final Epoch epoch;
    private final JavaSymbolSolver symbolSolver;

    Round(
        List<CompilationUnit> units,
        List<SourceTypeSolver.Unparsed> lazy,
        Options options,
        UnaryOperator<FactsSource> bodies,
        boolean record,
        Epoch epoch) {
      this.epoch = epoch;
      // A file parsed on demand resolves through the same symbol solver, made below.
      JavaSymbolSolver[] resolver = new JavaSymbolSolver[1];
      sources =
          new SourceTypeSolver(
              units,
              lazy,
              input -> {
                Parsed p = parse(PARSER.get(), input);
                if (p.failure() != null) {
                  PARSER.remove(); // its state is suspect after a throw (see parseAll)
                }
                if (p.unit() != null) {
                  p.unit().setData(Node.SYMBOL_RESOLVER_KEY, resolver[0]);
                  epoch.lines += p.lines();
                }
                return Optional.ofNullable(p.unit());
              },
              epoch.declaring);
      reads =
          epoch.reads != null
              ? epoch.reads
              : record ? new Reads(sources::declaringFile) : Reads.none();
      sources.reads(reads);
      TypeSolver userTypes = typeSolver(sources, options.classpath(), reads);
      // The window API is known by name even without its jar (WindowApiTypeSolver), behind all
      // the user's types; whether a rewrite to it would compile still asks the user's types.
      // (Its cache is told every name too: a hit here never reaches the user types' cache.)
      TypeSolver solver =
          new CombinedTypeSolver(
              e -> true,
              List.of(userTypes, new WindowApiTypeSolver()),
              new StrongCache<>(reads::lookedUp));
      epoch.solver = solver;
      symbolSolver = new JavaSymbolSolver(solver);
      resolver[0] = symbolSolver;
      for (CompilationUnit unit : units) {
        unit.setData(Node.SYMBOL_RESOLVER_KEY, symbolSolver);
      }
      names = new JpNames(solver, userTypes);
      names.strict = options.strict();
      names.reads = reads;
      names.readClassFileMarks(options.classpath());
      LockstepConfig config = options.config();
      JavaParserFacts facts = new JavaParserFacts(names, config.catalogue());
      FactsSource source = bodies.apply(facts);
      if (options.strict()) {
        source = new StrictBodies(source, names);
      }
      ClassFileFacts libraries = null;
      if (ClassFileFacts.enabled() && !options.classpath().isEmpty()) {
        // Dependencies' methods: their bodies from the --classpath jars' class files.
        libraries =
            new ClassFileFacts(
                new ClassPathRoots(options.classpath()), config.catalogue(), config.maxDepth());
        source = ClassFileFacts.behind(source, libraries);
      }
      library = libraries;
      Summaries summaries =
          new Summaries(source, new CallJudge(config.catalogue()), config.maxDepth());
      pipelines = new PipelineScan(facts, names, summaries, config.cores());
      analysers =
          new Analysers(
              facts,
              new SerialAwaitRule(summaries, config.window()),
              pipelines,
              new FanOutScan(facts, names, summaries, config), // SerialFanOut, UnboundedFanOut, …
              new LockScan(facts, names, summaries)); // LockHeldAcrossWait
    }

    /** Reads one file whose tree this round's solver resolves. */
    FileOutcome analyse(Parsed p, Options options) {
      return reads.chargedTo(p.input().display(), () -> analyseFile(p, analysers, options));
    }

    /**
     * A file this round takes to analyse (a lane's next file, ADR 0026): the tree resolution
     * already parsed for it if it did, else its own tree (kept from the first parse, or parsed
     * again), now served by this round's solver. A tree is never in two rounds.
     */
    Parsed take(Parsed p) {
      CompilationUnit known = sources.parsedTree(p.input());
      if (known != null) {
        return new Parsed(p.input(), known, p.lines(), null, null, p.declared());
      }
      Parsed own = p.unit() != null ? p : parse(PARSER.get(), p.input());
      if (own.failure() != null) {
        PARSER.remove(); // its state is suspect after a throw (see parseAll)
      }
      if (own.unit() != null) {
        own.unit().setData(Node.SYMBOL_RESOLVER_KEY, symbolSolver);
        sources.adopt(p.input(), own.unit());
        epoch.lines += own.lines();
      }
      return own;
    }

    /** Keeps what the next scan with this class path may reuse (ADR 0019). */
    void end() {
      if (library != null) {
        library.save(); // for the next scan with this class path (ADR 0019)
      }
    }
  }

  /** The readers one scan shares between its files. */
  private record Analysers(
      JavaParserFacts facts,
      SerialAwaitRule rule,
      PipelineScan pipelines,
      FanOutScan fanOuts,
      LockScan locks) {}

  /** Reads one file's loops, pipelines, fan-outs and locks. */
  private static FileOutcome analyseFile(Parsed p, Analysers with, Options options) {
    List<ScanFinding> findings = new ArrayList<>();
    int loops = 0;
    int uncertain = 0;
    try {
      for (Node loop : JavaParserFacts.loopCandidates(p.unit())) {
        if (JavaParserFacts.suppressed(loop, Checks.SERIAL_AWAIT_IN_LOOP)) {
          continue;
        }
        var read = with.facts().readLoop(loop);
        if (read.isEmpty()) {
          continue;
        }
        loops++;
        if (read.orElseThrow().uncertain()) {
          uncertain++;
          continue;
        }
        if (with.rule().judge(read.orElseThrow().fact()) instanceof LoopVerdict.Flagged flagged) {
          findings.add(new ScanFinding(flagged.finding(), member(loop), snippet(loop)));
        }
      }
      findings.addAll(with.pipelines().scan(p.unit()));
      findings.addAll(with.fanOuts().scan(p.unit()));
      findings.addAll(with.locks().scan(p.unit()));
    } catch (RuntimeException | Error e) {
      // Whatever one file's analysis throws (a bug, a NoClassDefFoundError from a class on the
      // classpath, a stack overflow on deep code) costs that file only, and says so.
      return new FileOutcome(
          p.input(),
          p.lines(),
          List.copyOf(findings), // what was found before it threw, as before
          List.of(analysisFailed(p.input(), e, options.strict())),
          loops,
          uncertain);
    }
    return new FileOutcome(
        p.input(), p.lines(), List.copyOf(findings), List.of(), loops, uncertain);
  }

  /** The problem of a file whose analysis threw; in strict mode, the failure to stop on. */
  private static FileProblem analysisFailed(Input input, Throwable e, boolean strict) {
    if (strict) {
      throw new InternalFailure(
          input.display() + ": analysis failed (strict mode): " + describe(e), e);
    }
    return new FileProblem(input.display(), "analysis failed: " + describe(e));
  }

  private static String describe(Throwable e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + firstLine(message));
  }

  private static String firstLine(String text) {
    int nl = text.indexOf('\n');
    return nl < 0 ? text : text.substring(0, nl);
  }

  // ---------------------------------------------------------------------------------------------
  // Parsing

  private static List<Parsed> parseAll(
      List<Input> inputs, int threads, Consumer<Integer> progress) {
    return parseAll(inputs, threads, progress, Long.MAX_VALUE);
  }

  /**
   * Parses {@code inputs} in parallel, keeping the trees of the leading files while their lines add
   * up to at most {@code keepLines} (at least the first file's): the others are {@linkplain
   * Parsed#dropped() dropped} once the types they declare are known.
   */
  private static List<Parsed> parseAll(
      List<Input> inputs, int threads, Consumer<Integer> progress, long keepLines) {
    ThreadLocal<JavaParser> parsers = ThreadLocal.withInitial(FrontEnd::parser);
    ExecutorService pool = Executors.newFixedThreadPool(threads, FrontEnd::daemon);
    try {
      List<Future<Parsed>> futures = new ArrayList<>();
      for (Input input : inputs) {
        futures.add(
            pool.submit(
                () -> {
                  Parsed p = parse(parsers.get(), input);
                  if (p.failure() != null) {
                    // JavaParser reuses its generated parser and only resets part of it: after a
                    // throw mid-lookahead (a stack overflow on deep nesting) that state is suspect,
                    // and the fuzz run had a parser thread spin for 12 minutes after such files.
                    parsers.remove();
                  }
                  return p;
                }));
      }
      List<Parsed> parsed = new ArrayList<>(inputs.size());
      long kept = 0;
      for (int i = 0; i < futures.size(); i++) {
        Input input = inputs.get(i);
        Parsed p;
        try {
          p = futures.get(i).get();
          futures.set(i, null); // a future keeps its result: the tree, even once dropped below
        } catch (ExecutionException e) {
          p =
              new Parsed(
                  input,
                  null,
                  0,
                  new FileProblem(input.display(), describe(e.getCause())),
                  e.getCause());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while parsing", e);
        }
        if (p.unit() != null) {
          if (kept > 0 && kept + p.lines() > keepLines) {
            keepLines = -1; // in order: once one is dropped, every later one is
            p = p.withoutTree();
          } else {
            kept += p.lines();
          }
        }
        parsed.add(p);
        progress.accept(i + 1);
      }
      return parsed;
    } finally {
      pool.shutdownNow();
    }
  }

  private static Thread daemon(Runnable r) {
    Thread t = new Thread(r, "lockstep-parser");
    t.setDaemon(true);
    return t;
  }

  private static final ParserConfiguration.LanguageLevel LANGUAGE_LEVEL =
      ParserConfiguration.LanguageLevel.JAVA_25;

  /** The class of JavaParser's language-level processor (validators and post-processor). */
  private static final Class<?> LEVEL_PROCESSOR = levelProcessor();

  private static Class<?> levelProcessor() {
    try {
      // javaparser-core 3.28: ParserConfiguration's second anonymous class. FrontEndParsingTest
      // fails if a JavaParser upgrade moves it.
      return Class.forName(ParserConfiguration.class.getName() + "$2");
    } catch (ClassNotFoundException e) {
      return Void.class; // matches nothing: validators stay on, only slower
    }
  }

  private static JavaParser parser() {
    return new JavaParser(configuration());
  }

  /**
   * How the scanner parses: Java 25 syntax, and nothing kept or checked that the analysis does not
   * read. Each setting was a measured cost over the JDK's sources (see {@code src/docs/}):
   *
   * <ul>
   *   <li>no tokens kept after parsing ({@link #dropTokens}); JavaParser needs them while parsing:
   *       without its token list, nodes get no positions at all;
   *   <li>no comment attribution (no rule reads comments; suppression is by annotation);
   *   <li>no line-separator detection (it is per character and only serves printing);
   *   <li>no language-level validators: they re-walk the tree once per rule and only report code
   *       javac would reject; the scanner reads code that compiles. The level's post-processor
   *       (which turns {@code var} into a {@code VarType}) still runs.
   * </ul>
   */
  static ParserConfiguration configuration() {
    ParserConfiguration configuration =
        new ParserConfiguration()
            .setLanguageLevel(LANGUAGE_LEVEL)
            .setAttributeComments(false)
            .setDetectOriginalLineSeparator(false);
    List<Supplier<Processor>> processors = configuration.getProcessors();
    // JavaParser runs the level's post-processor and validator in one processor, an anonymous
    // class; replace it by the post-processor alone.
    if (processors.removeIf(p -> p.get().getClass() == LEVEL_PROCESSOR)) {
      Java25PostProcessor postProcessor = new Java25PostProcessor();
      processors.add(
          () ->
              new Processor() {
                @Override
                public void postProcess(ParseResult<? extends Node> result, ParserConfiguration c) {
                  postProcessor.postProcess(result, c);
                }
              });
    }
    return configuration;
  }

  private static Parsed parse(JavaParser parser, Input input) {
    String text;
    try {
      byte[] bytes = Files.readAllBytes(input.path());
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPLACE)
              .onUnmappableCharacter(CodingErrorAction.REPLACE)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (IOException e) {
      return new Parsed(input, null, 0, new FileProblem(input.display(), "unreadable: " + e));
    }
    return parseText(parser, input, text);
  }

  private static Parsed parseText(JavaParser parser, Input input, String text) {
    long lines = text.isEmpty() ? 0 : text.chars().filter(c -> c == '\n').count() + 1;
    try {
      ParseResult<CompilationUnit> result = parseText(parser, text);
      if (!result.isSuccessful() || result.getResult().isEmpty()) {
        String reason =
            result.getProblems().isEmpty()
                ? "could not be parsed"
                : "does not parse: " + render(result.getProblems().get(0));
        return new Parsed(input, null, lines, new FileProblem(input.display(), reason));
      }
      CompilationUnit unit = result.getResult().orElseThrow();
      unit.setData(JpNames.DISPLAY_PATH, input.display());
      return new Parsed(input, unit, lines, null);
    } catch (RuntimeException | Error e) {
      return new Parsed(
          input, null, lines, new FileProblem(input.display(), "parser failed: " + describe(e)), e);
    }
  }

  /** Parses one file's text as the scanner does: positions and text kept, tokens dropped. */
  static ParseResult<CompilationUnit> parseText(JavaParser parser, String text) {
    ParseResult<CompilationUnit> result = parser.parse(text);
    if (result.isSuccessful()) {
      result
          .getResult()
          .ifPresent(
              unit -> {
                dropTokens(unit);
                SourceText.attach(unit, new SourceText(text));
                LombokAccessors.declare(unit);
              });
    }
    return result;
  }

  /**
   * Keeps each node's position but not its tokens. Every token of a file, whitespace and comments
   * included, is linked to the next, and each node holds two of them: the whole list lived as long
   * as the tree and held most of a scan's memory. {@link SourceText} answers from the text what the
   * analysis read tokens for.
   */
  private static void dropTokens(CompilationUnit unit) {
    SlimTrees.slim(unit); // and shares what nodes hold alike (ADR 0024)
  }

  private static String render(Problem problem) {
    String where =
        problem
            .getLocation()
            .flatMap(l -> l.getBegin().getRange())
            .map(r -> "line " + r.begin.line + ": ")
            .orElse("");
    return where + firstLine(problem.getMessage());
  }

  // ---------------------------------------------------------------------------------------------
  // Types

  private static TypeSolver typeSolver(
      SourceTypeSolver sources, List<Path> classpath, Reads reads) {
    CombinedTypeSolver combined =
        new CombinedTypeSolver(e -> true, List.of(), new StrongCache<>(reads::lookedUp));
    combined.add(sources);
    // Only the JDK's own java.* and javax.* from the running JVM: the scanner's own dependencies
    // must not answer for the user's code.
    combined.add(new ReflectionTypeSolver(true));
    // Jars and class directories alike through JavaParser's class-file model (javassist), which
    // reads a class without loading it and resolves the types its signatures name through the
    // combined solver: a target/classes whose methods mention a jar's types sees that jar. (A
    // class loader over the directories alone could not, and threw NoClassDefFoundError.)
    for (Path entry : classpath) {
      try {
        if (Files.isDirectory(entry) || Files.isRegularFile(entry)) {
          combined.add(new JarTypeSolver(entry));
        }
      } catch (IOException | RuntimeException e) {
        // An unreadable entry resolves nothing; its types stay unresolved (no finding).
      }
    }
    return combined;
  }

  // ---------------------------------------------------------------------------------------------
  // Baseline keys

  /** {@code pkg.Outer.Inner#method} around a node, or the type for initialisers. */
  static String member(Node node) {
    String method = "";
    List<String> types = new ArrayList<>();
    for (Node p = node; p != null; p = p.getParentNode().orElse(null)) {
      if (p instanceof CallableDeclaration<?> c && method.isEmpty() && types.isEmpty()) {
        method = c.getNameAsString();
      } else if (p instanceof TypeDeclaration<?> t) {
        types.add(0, t.getNameAsString());
      }
    }
    String pkg =
        node.findCompilationUnit()
            .flatMap(CompilationUnit::getPackageDeclaration)
            .map(d -> d.getNameAsString() + ".")
            .orElse("");
    return pkg + String.join(".", types) + (method.isEmpty() ? "" : "#" + method);
  }

  /** The loop's first line, whitespace-normalised: stable under edits elsewhere in the file. */
  static String snippet(Node loop) {
    String text = Exprs.source(loop);
    int nl = text.indexOf('\n');
    String first = nl < 0 ? text : text.substring(0, nl);
    return first.replaceAll("\\s+", " ").strip();
  }
}
