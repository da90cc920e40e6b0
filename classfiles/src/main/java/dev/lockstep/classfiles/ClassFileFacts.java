package dev.lockstep.classfiles;

import static java.util.Objects.requireNonNull;

import dev.lockstep.analysis.catalogue.Catalogue;
import dev.lockstep.analysis.facts.MethodFacts;
import dev.lockstep.analysis.facts.MethodRef;
import dev.lockstep.analysis.summary.FactsSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.MethodNode;

/**
 * The facts of library methods, read from their class files: the fallback both front ends put
 * behind their source bodies ({@link #behind}), so a summary that reaches a dependency's method
 * follows it into the jar instead of stopping. Lazy: a class is read when a summary first asks for
 * one of its methods (the summaries' depth bound decides how far that goes), and once; a body is
 * read once. What counts as a wait inside a library is {@link LibraryWaits}'.
 *
 * <p>Not thread-safe, as one compilation's or one scan's summaries are not.
 */
public final class ClassFileFacts implements FactsSource {
  /**
   * How many library bodies below a call the send-then-park rule looks for a send or a park: the
   * call's own body and the one below. The summaries' own depth bound ({@code maxDepth}) still
   * decides how far chains go; this only bounds the rule's questions, which a read body asks of its
   * callees and which would otherwise read whole libraries.
   */
  static final int RULE_DEPTH = 2;

  private final ClassSource source;
  private final ClassIndex classes;
  private final ClassTableCache tables;
  private final LibraryFactsCache kept;
  private final Catalogue catalogue;
  private final BytecodeReader reader;
  private final LibraryWaits waits;
  private final int ruleDepth;
  private final int maxDepth;
  private final Map<MethodRef, Optional<BytecodeReader.Body>> bodies = new HashMap<>();
  private final Map<MethodRef, Optional<MethodFacts>> facts = new HashMap<>();

  /** The class path's key in {@link #kept}, once asked: empty when nothing is kept. */
  private Optional<String> keptKey;

  /** The class path the key covers, absolute and normalised; empty when nothing is kept. */
  private List<Path> keptRoots = List.of();

  /** Whether each class's methods are kept ({@link #keptOwner}). */
  private final Map<String, Boolean> keptOwners = new HashMap<>();

  /** Whether the kept facts were loaded ({@link #loadKept}). */
  private boolean factsLoaded;

  /**
   * The facts an earlier build with this class path kept, decoded when asked ({@link #fromKept}).
   */
  private MethodFactsCodec.Kept keptFacts = MethodFactsCodec.Kept.NONE;

  /** Whether this run read facts the kept file does not have yet. */
  private boolean readSinceLoad;

  /** The answers kept and given ({@link #answer}); null until the first question. */
  private Map<LibraryFactsCache.Answer, Boolean> answers;

  /** Whether this run answered a question the kept answers did not have yet. */
  private boolean answeredSinceLoad;

  private final Map<MethodRef, Integer> sendsWithin = new HashMap<>();
  private final Map<MethodRef, Integer> parksWithin = new HashMap<>();
  private final LibraryWaits.Callees callees =
      new LibraryWaits.Callees() {
        @Override
        public boolean sends(MethodRef method, int budget) {
          return within(sendsWithin, method, budget, (b, n) -> waits.sends(b, this, n));
        }

        @Override
        public boolean parks(MethodRef method, int budget) {
          return within(parksWithin, method, budget, (b, n) -> waits.parksUnsent(b, this, n));
        }

        @Override
        public boolean isLibrary(MethodRef method) {
          return !ClassIndex.isJdk(method.owner())
              && classes.libraryClass(method.owner()).isPresent();
        }
      };

  /**
   * @param source the library classes (never the JDK's)
   * @param catalogue the catalogue the judge uses: it tells round trips and parks apart
   * @param maxDepth the summaries' depth bound; the rule looks at most {@link #RULE_DEPTH} bodies
   *     below a call, fewer when this is smaller
   */
  public ClassFileFacts(ClassSource source, Catalogue catalogue, int maxDepth) {
    this(
        source,
        catalogue,
        maxDepth,
        ClassTableCache.fromSystemProperties(),
        LibraryFactsCache.fromSystemProperties());
  }

  /**
   * @param tables where jars' class headers are cached ({@link
   *     ClassTableCache#fromSystemProperties} for the user's cache)
   */
  public ClassFileFacts(
      ClassSource source, Catalogue catalogue, int maxDepth, ClassTableCache tables) {
    this(source, catalogue, maxDepth, tables, LibraryFactsCache.none());
  }

  /**
   * @param kept where the facts read are kept for the next build with this class path ({@link
   *     #save}); {@link LibraryFactsCache#none} keeps nothing
   */
  public ClassFileFacts(
      ClassSource source,
      Catalogue catalogue,
      int maxDepth,
      ClassTableCache tables,
      LibraryFactsCache kept) {
    this.source = requireNonNull(source, "source");
    this.catalogue = requireNonNull(catalogue, "catalogue");
    this.kept = requireNonNull(kept, "kept");
    this.tables = requireNonNull(tables, "tables");
    this.classes = new ClassIndex(source, tables);
    this.reader = new BytecodeReader(classes);
    this.waits = new LibraryWaits(catalogue);
    this.ruleDepth = Math.max(1, Math.min(maxDepth, RULE_DEPTH) + 1);
    this.maxDepth = maxDepth;
  }

  /**
   * The switch to turn library bodies off ({@code -Dlockstep.classFiles=false}), for comparing and
   * for builds that must not read their dependencies.
   */
  public static final String ENABLED_PROPERTY = "lockstep.classFiles";

  /** Whether library bodies are read: unless {@link #ENABLED_PROPERTY} says {@code false}. */
  public static boolean enabled() {
    return !"false".equals(System.getProperty(ENABLED_PROPERTY));
  }

  /** {@code sources} first; a method they have no body for, from its class file. */
  public static FactsSource behind(FactsSource sources, ClassFileFacts libraries) {
    requireNonNull(sources, "sources");
    requireNonNull(libraries, "libraries");
    return method -> {
      Optional<MethodFacts> read = sources.factsFor(method);
      return read.isPresent() ? read : libraries.factsFor(method);
    };
  }

  @Override
  public Optional<MethodFacts> factsFor(MethodRef method) {
    if (!factsLoaded) {
      loadKept();
    }
    Optional<MethodFacts> known = facts.get(method);
    if (known == null) {
      known = fromKept(method);
    }
    if (known == null) {
      if (ClassIndex.isJdk(method.owner())) {
        known = Optional.empty();
      } else {
        known = read(method, callees);
        // Only what save() would keep makes the file worth writing again.
        readSinceLoad |= keptKey.isPresent() && keptOwner(method.owner());
      }
      facts.put(method, known);
    }
    return known;
  }

  /** The facts an earlier build with this class path kept, if any: they are not read again. */
  private void loadKept() {
    factsLoaded = true;
    keptKey().ifPresent(key -> keptFacts = kept.load(key));
  }

  /** A method's kept facts, decoded and remembered; null when not kept (or not decodable). */
  private Optional<MethodFacts> fromKept(MethodRef method) {
    if (!keptFacts.has(method)) {
      return null;
    }
    try {
      Optional<MethodFacts> decoded = keptFacts.facts(method);
      kept.decodedRecord();
      facts.put(method, decoded);
      return decoded;
    } catch (IOException | RuntimeException e) {
      kept.rejectedRecord();
      return null; // read from its class file; the file is written again with it
    }
  }

  /** The class path's key, computed on the first need. */
  private Optional<String> keptKey() {
    if (keptKey == null) {
      keptRoots = kept.enabled() ? source.classPath().orElse(List.of()) : List.of();
      keptKey =
          keptRoots.isEmpty()
              ? Optional.empty()
              : LibraryFactsCache.key(keptRoots, catalogue, ruleDepth);
    }
    return keptKey;
  }

  /**
   * A yes-or-no question about a library method that depends only on the class path, the catalogue
   * and the summaries' depth — as the facts do (ADR 0027): the answer an earlier build with this
   * class path kept, else {@code ask}'s, kept for the next build when the method's class comes from
   * a root the key covers. The pre-tests ask the summaries whether a library method may wait: on a
   * warm build, a map lookup instead of the summaries' walk through the kept facts.
   *
   * @param question names the question and everything it depends on besides the class path, the
   *     catalogue and the depth ({@code "mayWait AWAIT,LATENCY"})
   */
  public boolean answer(MethodRef method, String question, BooleanSupplier ask) {
    Boolean known = answers().get(new LibraryFactsCache.Answer(method, question));
    if (known == null) {
      known = ask.getAsBoolean();
      keepAnswer(method, question, known);
    }
    return known;
  }

  /**
   * Whether the answer to {@code question} about a library method is yes, as an earlier build with
   * this class path kept it or this one found it ({@link #keepAnswer}); never asks. A question too
   * costly to ask on its own (it would walk more than the build does) is only ever answered by what
   * the summaries found anyway.
   */
  public boolean answeredYes(MethodRef method, String question) {
    return Boolean.TRUE.equals(answers().get(new LibraryFactsCache.Answer(method, question)));
  }

  /**
   * Keeps an answer found while doing other work, for the next build with this class path, when the
   * method's class comes from a root the key covers ({@link #answer}).
   */
  public void keepAnswer(MethodRef method, String question, boolean answer) {
    if (keptKey().isPresent() && keptOwner(method.owner())) {
      Boolean before = answers().put(new LibraryFactsCache.Answer(method, question), answer);
      answeredSinceLoad |= before == null || before != answer;
    }
  }

  private Map<LibraryFactsCache.Answer, Boolean> answers() {
    if (answers == null) {
      answers = new HashMap<>();
      keptKey().ifPresent(key -> answers.putAll(kept.loadAnswers(key, maxDepth)));
    }
    return answers;
  }

  /**
   * Keeps the facts read for the next build with this class path (ADR 0019): those of methods whose
   * class comes from a root of {@link ClassSource#classPath} — not the build's own output, which it
   * is rewriting — written over the earlier file. Does nothing when nothing new was read. Call once
   * the compilation or scan is over; never throws.
   *
   * @return whether a file was written
   */
  public boolean save() {
    try {
      if (keptKey == null || keptKey.isEmpty()) {
        return false;
      }
      boolean written = false;
      if (answeredSinceLoad) {
        answeredSinceLoad = false;
        written = kept.saveAnswers(keptKey.orElseThrow(), maxDepth, answers);
      }
      if (!readSinceLoad) {
        return written;
      }
      // What was kept and not asked this time is kept again.
      for (MethodRef method : keptFacts.methods()) {
        if (!facts.containsKey(method)) {
          fromKept(method);
        }
      }
      Map<MethodRef, Optional<MethodFacts>> keep = new LinkedHashMap<>();
      for (Map.Entry<MethodRef, Optional<MethodFacts>> e : facts.entrySet()) {
        if (keptOwner(e.getKey().owner())) {
          keep.put(e.getKey(), e.getValue());
        }
      }
      readSinceLoad = false;
      return kept.save(keptKey.orElseThrow(), keep) || written;
    } catch (RuntimeException e) {
      return false; // the next build reads its libraries again, nothing else
    }
  }

  /** Whether a class's methods are kept: it comes from one of the roots the key covers. */
  private boolean keptOwner(String canonicalOwner) {
    Boolean known = keptOwners.get(canonicalOwner);
    if (known == null) {
      known =
          !ClassIndex.isJdk(canonicalOwner)
              && classes
                  .binaryName(canonicalOwner)
                  .flatMap(source::rootOf)
                  .map(root -> keptRoots.contains(root.toAbsolutePath().normalize()))
                  .orElse(false);
      keptOwners.put(canonicalOwner, known);
    }
    return known;
  }

  /** What the kept facts did in this compilation or scan. */
  public LibraryFactsCache.Stats keptStats() {
    return kept.stats();
  }

  /**
   * The library rule over the method's body. A class file the reader cannot follow hides that
   * method, nothing else; in strict mode ({@code -Dlockstep.strict=true}) it fails the build, so a
   * reader's bug is seen.
   */
  private Optional<MethodFacts> read(MethodRef method, LibraryWaits.Callees asked) {
    try {
      return body(method).map(b -> waits.apply(b, asked, ruleDepth));
    } catch (RuntimeException | StackOverflowError e) {
      if (Boolean.getBoolean("lockstep.strict")) {
        throw e;
      }
      return Optional.empty();
    }
  }

  /** How many library classes were read; for tests and statistics. */
  public int classesRead() {
    return classes.libraryClassesRead();
  }

  /**
   * How many library class headers were parsed from class files rather than taken from a jar's
   * cached table; for tests and statistics.
   */
  public int headersParsed() {
    return classes.headersParsed();
  }

  /** What the jars' table cache did in this compilation or scan. */
  public ClassTableCache.Stats cacheStats() {
    return tables.stats();
  }

  private Optional<BytecodeReader.Body> body(MethodRef method) {
    Optional<BytecodeReader.Body> known = bodies.get(method);
    if (known == null) {
      known = read(method);
      bodies.put(method, known);
    }
    return known;
  }

  private Optional<BytecodeReader.Body> read(MethodRef method) {
    Optional<ClassIndex.Read> cls = classes.libraryClass(method.owner());
    if (cls.isEmpty()) {
      return Optional.empty();
    }
    Optional<MethodNode> node =
        ClassIndex.declared(cls.orElseThrow().node(), method.name(), method.paramTypes());
    if (node.isEmpty() || (node.orElseThrow().access & Opcodes.ACC_NATIVE) != 0) {
      return Optional.empty();
    }
    if ((node.orElseThrow().access & Opcodes.ACC_ABSTRACT) != 0) {
      // An interface's method: the body of its only implementation in the same jar, if one.
      return classes
          .onlyImplementation(cls.orElseThrow(), node.orElseThrow())
          .flatMap(
              impl ->
                  classes
                      .byBinaryName(impl.owner().replace('/', '.'))
                      .flatMap(c -> withCode(c, impl.method(), method)));
    }
    return withCode(cls.orElseThrow(), node.orElseThrow(), method);
  }

  /** The body of {@code declared} (read without code), from its class read with code. */
  private Optional<BytecodeReader.Body> withCode(
      ClassIndex.Read cls, MethodNode declared, MethodRef method) {
    for (MethodNode m : cls.withCode().methods) {
      if (m.name.equals(declared.name) && m.desc.equals(declared.desc)) {
        return reader.read(cls, m, method);
      }
    }
    return Optional.empty();
  }

  /** A question about a body, asked with a budget. */
  @FunctionalInterface
  private interface Question {
    boolean ask(BytecodeReader.Body body, int budget);
  }

  /**
   * A question about a library method within {@code budget} bodies, memoised with the largest
   * budget answered "no" (a "yes" holds for every larger budget); a method asked again while it is
   * being answered (recursion) answers "no".
   */
  private boolean within(
      Map<MethodRef, Integer> memo, MethodRef method, int budget, Question question) {
    if (budget < 1) {
      return false;
    }
    Integer known = memo.get(method);
    if (known != null && (known == Integer.MAX_VALUE || known >= budget)) {
      return known == Integer.MAX_VALUE;
    }
    memo.put(method, budget); // "no" while it is being answered: recursion ends here
    boolean found = body(method).map(b -> question.ask(b, budget)).orElse(false);
    memo.put(method, found ? Integer.MAX_VALUE : budget);
    return found;
  }
}
