package dev.lockstep.scanner.frontend;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.CompactConstructorDeclaration;
import com.github.javaparser.ast.body.ConstructorDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.InitializerDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.stmt.DoStmt;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.WhileStmt;
import com.github.javaparser.resolution.declarations.ResolvedMethodLikeDeclaration;
import dev.lockstep.analysis.catalogue.Catalogue;
import dev.lockstep.analysis.catalogue.CatalogueEntry;
import dev.lockstep.analysis.catalogue.WaitTag;
import dev.lockstep.analysis.facts.FixFacts;
import dev.lockstep.analysis.facts.Location;
import dev.lockstep.analysis.facts.LoopFact;
import dev.lockstep.analysis.facts.LoopKind;
import dev.lockstep.analysis.facts.Marks;
import dev.lockstep.analysis.facts.MethodFacts;
import dev.lockstep.analysis.facts.MethodRef;
import dev.lockstep.analysis.facts.StreamShapes;
import dev.lockstep.analysis.read.BodyScope;
import dev.lockstep.analysis.read.FixFit;
import dev.lockstep.analysis.read.LockRegionReader;
import dev.lockstep.analysis.read.LoopReader;
import dev.lockstep.analysis.read.MethodReader;
import dev.lockstep.analysis.read.PipelineReader;
import dev.lockstep.analysis.read.Values;
import dev.lockstep.analysis.summary.FactsSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The JavaParser front end: reads {@link MethodFacts} and {@link LoopFact}s off JavaParser trees,
 * the same facts the checker's {@code JavacFacts} reads off javac trees, so the same rules give the
 * same findings. It is a port of that class, member for member; where the two differ, one of them
 * has a bug (the parity test says which).
 *
 * <p>What javac gets from attribution, this class gets in two cheaper ways: variables are bound
 * from the syntax ({@link Vars}), and only calls that can matter — those in a loop over items and
 * in the bodies such calls reach — are resolved with the symbol solver ({@link JpNames}).
 *
 * <p>Soundness: a call that does not resolve is no wait, so it can only hide a finding, except a
 * call that might have made the loop fine (it paces, or talks over a shared channel): a loop with
 * such an unresolved call is {@linkplain LoopRead#uncertain() uncertain} and not reported.
 */
// JavaParser nodes' equals() is structural: two identical calls on different lines are equal.
// Trees and symbols are compared by identity on purpose.
@SuppressWarnings("ReferenceEquality")
public final class JavaParserFacts implements FactsSource {
  static final String BOUNDED_WINDOW = dev.lockstep.analysis.facts.PipelineCalls.BOUNDED_WINDOW;

  private final JpNames names;
  private final Vars vars = new Vars();
  private JpDeclarations declarations;
  private final Catalogue catalogue;
  private final FactsSource methods = FactsSource.memoised(this::readMethod);
  private Boolean windowOnClasspath;
  private JpLowering lowering;
  private JpLowering.Lowered lastLowered;
  private Node lastLoweredBody;
  // The concurrency readers keep what they read per lowered body (its locals, its parents); made
  // again with each body lowered, so a scan does not keep every body it read.
  private LockRegionReader lockRegions;
  private PipelineReader pipelines;

  JavaParserFacts(JpNames names, Catalogue catalogue) {
    this.names = names;
    this.catalogue = catalogue;
  }

  private LockRegionReader lockRegions() {
    if (lockRegions == null) {
      lockRegions = new LockRegionReader(new Values(declarations()));
    }
    return lockRegions;
  }

  /** What the readers find outside the body being read: fields, helpers, task classes. */
  private JpDeclarations declarations() {
    if (declarations == null) {
      declarations = new JpDeclarations(names, lowering(), new JpValues(names, vars));
    }
    return declarations;
  }

  /** The pipelines' reader (FakeConcurrency, OversizedWindow). */
  PipelineReader pipelines() {
    if (pipelines == null) {
      pipelines = new PipelineReader(lockRegions());
    }
    return pipelines;
  }

  /**
   * The lowering of bodies into the front-end-neutral representation, binding names with this
   * instance's {@link Vars} (so a variable is the same symbol, and the same {@code Var}, in both).
   */
  JpLowering lowering() {
    if (lowering == null) {
      lowering = new JpLowering(names, vars);
    }
    return lowering;
  }

  /** How many symbol-solver resolutions were asked for, and how many failed; for statistics. */
  public int resolutions() {
    return names.resolveCalls;
  }

  public int unresolved() {
    return names.unresolved;
  }

  // ---------------------------------------------------------------------------------------------
  // Methods

  @Override
  public Optional<MethodFacts> factsFor(MethodRef method) {
    return methods.factsFor(method);
  }

  private Optional<MethodFacts> readMethod(MethodRef method) {
    Optional<CallableDeclaration<?>> decl = names.body(method);
    if (decl.isEmpty()) {
      return Optional.empty();
    }
    try {
      return names.reads.chargedTo(
          decl.orElseThrow(), () -> readMethod(decl.orElseThrow(), method));
    } catch (RuntimeException | StackOverflowError e) {
      if (names.strict) {
        throw e; // strict mode: a reader's bug must fail the scan, with its stack trace
      }
      return Optional.empty(); // an odd body: judged like a library method
    }
  }

  private Optional<MethodFacts> readMethod(CallableDeclaration<?> decl, MethodRef ref) {
    boolean hasBody =
        (decl instanceof MethodDeclaration m && m.getBody().isPresent() && !m.isAbstract())
            || decl instanceof ConstructorDeclaration;
    if (!hasBody) {
      return Optional.empty();
    }
    dev.lockstep.analysis.body.Node lowered = lowered(decl).root();
    if (lowered == null) {
      return Optional.empty();
    }
    BodyScope scope = methodScope(decl, lowered);
    Location at = JpNames.at(decl, decl.getName().getBegin());
    return Optional.of(
        MethodReader.read(
            ref,
            at,
            names.marksOf(decl),
            names.enclosingTypeMarks(decl),
            lowered,
            scope,
            lockRegions()
                .methodRegions(
                    lowered,
                    ref,
                    at,
                    decl instanceof MethodDeclaration m && m.isSynchronized(),
                    decl.isStatic(),
                    scope)));
  }

  /** The scope of a method's lowered body: its locals and, in order, its parameters. */
  BodyScope methodScope(CallableDeclaration<?> decl, dev.lockstep.analysis.body.Node lowered) {
    return new BodyScope()
        .declareAll(lowered)
        .withParameters(
            decl.getParameters().stream().map(p -> lowering().var(vars.declaration(p))).toList());
  }

  /** The reader of lock objects (LockHeldAcrossWait), over the body lowered last. */
  dev.lockstep.analysis.read.HeldLocks heldLocks() {
    return new dev.lockstep.analysis.read.HeldLocks(lockRegions().values());
  }

  /** What the shared readers find outside the body they read (for the fan-out checks). */
  dev.lockstep.analysis.read.Declarations readerDeclarations() {
    return declarations();
  }

  // ---------------------------------------------------------------------------------------------
  // Finding loops

  /**
   * Every node the checker's matchers would read as a loop: {@code for}, enhanced {@code for},
   * {@code while}, a qualified {@code forEach} call, and the last call of a stream chain. Stream
   * chains are found from the syntax first, so only plausible ones cost a resolution.
   */
  public static List<Node> loopCandidates(Node root) {
    List<Node> found = new ArrayList<>();
    walkAll(
        root,
        n -> {
          switch (n) {
            case ForEachStmt f -> found.add(f);
            case ForStmt f -> found.add(f);
            case WhileStmt w -> found.add(w);
            case DoStmt d -> found.add(d);
            case MethodCallExpr c -> {
              if (isChainCandidate(c)) {
                found.add(c);
              }
            }
            default -> {}
          }
        });
    return found;
  }

  private static void walkAll(Node tree, Consumer<Node> visit) {
    Deque<Node> work = new ArrayDeque<>();
    work.push(tree);
    while (!work.isEmpty()) {
      Node n = work.pop();
      visit.accept(n);
      List<Node> children = n.getChildNodes();
      for (int i = children.size() - 1; i >= 0; i--) {
        work.push(children.get(i));
      }
    }
  }

  /** A qualified {@code forEach(x)}, or the top of a call chain that looks like a stream. */
  private static boolean isChainCandidate(MethodCallExpr call) {
    if (call.getScope().isEmpty()) {
      return false;
    }
    if ((call.getNameAsString().equals("forEach")
            || call.getNameAsString().equals("forEachRemaining"))
        && call.getArguments().size() == 1) {
      return true;
    }
    if (call.getParentNode().orElse(null) instanceof MethodCallExpr parent
        && parent.getScope().orElse(null) == call) {
      return false; // not the top of its chain
    }
    boolean source = false;
    boolean step = false;
    for (Expression e = call; e instanceof MethodCallExpr c; e = c.getScope().orElse(null)) {
      String name = c.getNameAsString();
      source |= name.equals("stream") || name.equals("of");
      if (StreamShapes.STEPS.contains(name)) {
        for (Expression arg : c.getArguments()) {
          Expression a = Exprs.unwrap(arg);
          step |= a instanceof LambdaExpr || a instanceof MethodReferenceExpr;
        }
      }
    }
    return source && step;
  }

  /** Whether {@code @SuppressWarnings("check")} is on a declaration around {@code node}. */
  public static boolean suppressed(Node node, String check) {
    for (Node n = node; n != null; n = n.getParentNode().orElse(null)) {
      if (n instanceof com.github.javaparser.ast.nodeTypes.NodeWithAnnotations<?> annotated) {
        for (var annotation : annotated.getAnnotations()) {
          String name = annotation.getNameAsString();
          if ((name.equals("SuppressWarnings") || name.equals("java.lang.SuppressWarnings"))
              && annotation.findAll(com.github.javaparser.ast.expr.StringLiteralExpr.class).stream()
                  .anyMatch(s -> s.getValue().equals(check))) {
            return true;
          }
        }
      }
    }
    return false;
  }

  // ---------------------------------------------------------------------------------------------
  // Loops

  /**
   * What reading a loop found.
   *
   * @param fact the facts
   * @param uncertain whether a call in the body did not resolve and might have made the loop fine
   *     (a pacing or channel call by name): the loop must not be reported
   */
  public record LoopRead(LoopFact fact, boolean uncertain) {}

  /** Reads the loop at {@code leaf}, or empty when it is not a loop we model. */
  public Optional<LoopRead> readLoop(Node leaf) {
    if (leaf instanceof MethodCallExpr call) {
      Optional<MethodCallExpr> terminal = streamTerminal(call);
      if (terminal.isEmpty()) {
        return Optional.empty();
      }
      leaf = terminal.orElseThrow();
    }
    JpLowering.Lowered method = lowered(enclosingBody(leaf));
    dev.lockstep.analysis.body.Node loop = method.of(leaf);
    if (loop == null) {
      return Optional.empty();
    }
    BodyScope locals =
        method.root() == null ? new BodyScope() : new BodyScope().declareAll(method.root());
    Optional<LoopReader.LoopReading> read =
        LoopReader.read(
            loop, JpNames.location(leaf), locals, this::mayHideCleanReason, declarations());
    if (read.isEmpty()) {
      return Optional.empty();
    }
    LoopReader.LoopReading reading = read.orElseThrow();
    FixFacts fix = FixFacts.NONE;
    if (reading.kind() == LoopKind.ENHANCED_FOR
        && leaf instanceof ForEachStmt forEach
        && loop instanceof dev.lockstep.analysis.body.Node.Loop lowered) {
      Node parent = forEach.getParentNode().orElse(null);
      dev.lockstep.analysis.body.Node.Block enclosing =
          parent != null && method.of(parent) instanceof dev.lockstep.analysis.body.Node.Block b
              ? b
              : null;
      fix =
          fixFacts(forEach, FixFit.read(lowered, enclosing, reading.scope()), reading.leavesLoop());
    }
    LoopFact fact =
        reading.fact(reading.kind() == LoopKind.OTHER ? Marks.NONE : enclosingMarks(leaf), fix);
    return Optional.of(new LoopRead(fact, reading.uncertain()));
  }

  /**
   * Whether an unresolved call of this name might have made a loop fine: it matches a pacing or
   * channel entry of the catalogue.
   */
  private boolean mayHideCleanReason(String name) {
    for (CatalogueEntry e : catalogue.entries()) {
      if ((e.tag() == WaitTag.PACING || e.tag() == WaitTag.CHANNEL)
          && (e.name().equals(name)
              || e.name().equals("*")
              || (e.name().endsWith("*")
                  && name.startsWith(e.name().substring(0, e.name().length() - 1))))) {
        return true;
      }
    }
    return false;
  }

  /** The method, constructor or initialiser whose body holds {@code node}, or the node itself. */
  private static Node enclosingBody(Node node) {
    for (Node n = node; n != null; n = n.getParentNode().orElse(null)) {
      if (n instanceof CallableDeclaration<?>
          || n instanceof InitializerDeclaration
          || n instanceof CompactConstructorDeclaration) {
        return n;
      }
      if (n instanceof TypeDeclaration<?> || n instanceof FieldDeclaration) {
        break;
      }
    }
    Node top = node;
    while (top.getParentNode().isPresent()
        && !(top.getParentNode().orElseThrow() instanceof TypeDeclaration<?>)
        && !(top.getParentNode().orElseThrow() instanceof FieldDeclaration)) {
      top = top.getParentNode().orElseThrow();
    }
    return top;
  }

  /**
   * The lowering of a body; the last one is kept, since the loops of a method are read one after
   * the other.
   */
  JpLowering.Lowered lowered(Node body) {
    if (lastLowered == null || lastLoweredBody != body) {
      lastLowered = lowering().lower(body);
      lastLoweredBody = body;
      lockRegions = null;
      pipelines = null;
    }
    return lastLowered;
  }

  /**
   * The call the checker would match for this candidate: the call itself for {@code forEach} and
   * {@code forEachRemaining}, or the last stream call of the chain (its {@code isStreamTerminal}).
   */
  private Optional<MethodCallExpr> streamTerminal(MethodCallExpr candidate) {
    if (candidate.getNameAsString().equals("forEach")
        || candidate.getNameAsString().equals("forEachRemaining")) {
      return Optional.of(candidate);
    }
    for (Expression e = candidate; e instanceof MethodCallExpr c; e = c.getScope().orElse(null)) {
      Optional<ResolvedMethodLikeDeclaration> m = names.resolve(c);
      if (m.isPresent() && names.ownerName(m.orElseThrow()).startsWith("java.util.stream.")) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  private Marks enclosingMarks(Node leaf) {
    for (Node p = leaf; p != null; p = p.getParentNode().orElse(null)) {
      if (p instanceof CallableDeclaration<?> m) {
        return names.marksOf(m).plus(names.enclosingTypeMarks(m));
      }
      if (p instanceof TypeDeclaration<?>) {
        return names.enclosingTypeMarks(p);
      }
      if (p instanceof com.github.javaparser.ast.body.BodyDeclaration<?>
          && p.getParentNode().orElse(null) instanceof ObjectCreationExpr created) {
        return names.enclosingTypeMarks(created);
      }
    }
    return Marks.NONE;
  }

  // ---------------------------------------------------------------------------------------------
  // Fix facts (the scanner never rewrites, but the message says whether the checker would)

  private FixFacts fixFacts(ForEachStmt loop, FixFit fit, boolean leavesLoop) {
    if (windowOnClasspath == null) {
      // The checker's question: would the rewrite compile in the user's build?
      windowOnClasspath = names.typeOnUserClasspath(BOUNDED_WINDOW);
    }
    return fit.facts(
        windowOnClasspath,
        leavesLoop,
        name -> WindowFit.blocker(names, loop, name, name.equals("map")));
  }
}
