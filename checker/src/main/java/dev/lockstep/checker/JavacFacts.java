package dev.lockstep.checker;

import static dev.lockstep.checker.Trees2.symbol;
import static dev.lockstep.checker.Trees2.type;

import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.api.JavacTrees;
import com.sun.tools.javac.code.Attribute;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.model.JavacElements;
import com.sun.tools.javac.tree.JCTree;
import dev.lockstep.analysis.body.Node;
import dev.lockstep.analysis.catalogue.Catalogue;
import dev.lockstep.analysis.facts.FanOut;
import dev.lockstep.analysis.facts.FixFacts;
import dev.lockstep.analysis.facts.Location;
import dev.lockstep.analysis.facts.LoopFact;
import dev.lockstep.analysis.facts.LoopKind;
import dev.lockstep.analysis.facts.Marks;
import dev.lockstep.analysis.facts.MethodFacts;
import dev.lockstep.analysis.facts.MethodRef;
import dev.lockstep.analysis.facts.MethodRole;
import dev.lockstep.analysis.read.BodyScope;
import dev.lockstep.analysis.read.FanOutReader;
import dev.lockstep.analysis.read.FieldWriters;
import dev.lockstep.analysis.read.FixFit;
import dev.lockstep.analysis.read.HeldLocks;
import dev.lockstep.analysis.read.LockRegionReader;
import dev.lockstep.analysis.read.LoopReader;
import dev.lockstep.analysis.read.MethodReader;
import dev.lockstep.analysis.read.PipelineReader;
import dev.lockstep.analysis.read.StraightLineReader;
import dev.lockstep.analysis.read.Values;
import dev.lockstep.analysis.summary.FactsSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.Modifier;

/**
 * The javac front end: reads {@link MethodFacts} and {@link LoopFact}s off attributed trees. It
 * only reports what the trees say; every judgement is the analysis' ({@code
 * dev.lockstep.analysis.rules}).
 *
 * <p>Bodies of other classes and files are reached through {@link JavacTrees#getPath}: Error Prone
 * runs with {@code -XDcompilePolicy=simple}, so every class in the compilation is attributed before
 * any check runs. Library methods have no path and no facts; the catalogue and their annotations
 * (kept in class files) judge them.
 */
@SuppressWarnings("ReferenceEquality") // javac symbols and trees are compared by identity
final class JavacFacts implements FactsSource {

  private final JavacNames names;
  private final FactsSource methods = FactsSource.memoised(this::readMethod);
  private final JavacLowering lowering;
  private final JavacDeclarations declarations;
  private final LockRegionReader lockRegions;
  private final PipelineReader pipelines;
  private final FanOutReader fanOuts;
  private final FieldWriters fieldWriters;
  private final HeldLocks heldLocks;
  private final CallFilters filters;

  JavacFacts(JavacNames names, JavacTrees trees, JavacElements elements) {
    this.names = names;
    this.lowering = new JavacLowering(names);
    this.declarations = new JavacDeclarations(names, trees, elements, lowering);
    this.lockRegions = new LockRegionReader(new Values(declarations));
    this.pipelines = new PipelineReader(lockRegions);
    this.fanOuts = new FanOutReader(pipelines, declarations);
    this.fieldWriters = new FieldWriters(declarations);
    this.heldLocks = new HeldLocks(lockRegions.values());
    this.filters = new CallFilters(names, declarations);
  }

  /**
   * One walk's syntactic facts about a method's body ({@link BodySyntax}); SerialFanOut and
   * LockHeldAcrossWait both ask, one after the other.
   */
  BodySyntax bodySyntax(Tree body) {
    return bodySyntax.get(body, null, () -> BodySyntax.of(body));
  }

  private final LastAsked<BodySyntax> bodySyntax = new LastAsked<>();

  /**
   * Whether a method takes a lock: it is {@code synchronized}, or its body synchronizes or locks
   * ({@link BodySyntax#takesALock}). LockHeldAcrossWait's first test, and {@link #readHeldLocks}'s.
   */
  boolean takesALock(MethodTree tree) {
    return (symbol(tree) instanceof MethodSymbol m && (m.flags() & Flags.SYNCHRONIZED) != 0)
        || (tree.getBody() != null && bodySyntax(tree.getBody()).takesALock());
  }

  /** The path of a method declared in the sources; null for class files. */
  TreePath pathOf(MethodSymbol method) {
    return declarations.pathOf(method);
  }

  /** Whether the summaries may take a field's class from its allocation (a new assigned to it). */
  boolean mayBeAllocated(VarSymbol field) {
    return declarations.mayBeAllocated(field);
  }

  JavacNames names() {
    return names;
  }

  // ---------------------------------------------------------------------------------------------
  // Methods

  @Override
  public Optional<MethodFacts> factsFor(MethodRef method) {
    return methods.factsFor(method);
  }

  private Optional<MethodFacts> readMethod(MethodRef method) {
    MethodSymbol symbol = names.symbol(method);
    if (symbol != null && (symbol.flags() & Flags.ABSTRACT) == 0) {
      TreePath path = declarations.pathOf(symbol);
      if (path != null && path.getLeaf() instanceof MethodTree tree && tree.getBody() != null) {
        return Optional.of(readMethod(path, symbol));
      }
    }
    return Optional.empty();
  }

  /**
   * The method bodies lowered last, by their trees. Error Prone visits one method's trees one after
   * the other, and each check that reads it lowered the whole body again: its facts, its locks
   * (LockHeldAcrossWait), its runs (SerialFanOut), the locals around each of its loops
   * (SerialAwaitInLoop) and the method around each pipeline call. Lowering is a function of the
   * tree; a body is lowered once while it is among the last few.
   */
  private final Map<Tree, Node> recentBodies =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Tree, Node> eldest) {
          return size() > RECENT_BODIES;
        }
      };

  private static final int RECENT_BODIES = 4;

  /** A method's lowered body: one of the last few lowered, or lowered now. */
  private Node lowered(MethodTree tree, CompilationUnitTree unit) {
    Node body = recentBodies.get(tree.getBody());
    if (body == null) {
      body = lowering.lower(tree.getBody(), unit);
      recentBodies.put(tree.getBody(), body);
    }
    return body;
  }

  MethodFacts readMethod(TreePath path, MethodSymbol symbol) {
    MethodTree tree = (MethodTree) path.getLeaf();
    CompilationUnitTree unit = path.getCompilationUnit();
    Node body = lowered(tree, unit);
    BodyScope scope =
        new BodyScope()
            .declareAll(body)
            .withParameters(symbol.params().stream().map(lowering::var).toList());
    MethodRef ref = names.ref(symbol);
    Location at = JavacNames.location(unit, tree);
    // Loops and pipelines are read where Error Prone visits them (each once); summaries need only
    // what the method reader reads and the lock regions.
    return MethodReader.read(
        ref,
        at,
        names.methodMarks(symbol),
        names.typeMarks(symbol.owner),
        body,
        scope,
        lockRegions.methodRegions(
            body, ref, at, (symbol.flags() & Flags.SYNCHRONIZED) != 0, symbol.isStatic(), scope));
  }

  // ---------------------------------------------------------------------------------------------
  // Loops

  /** What a loop matcher found: the facts and the trees the fix needs. */
  record LoopRead(LoopFact fact, List<Tree> bodies, ExpressionTree iterated) {}

  /** Reads the loop at {@code path}, or empty when the tree is not a loop we model. */
  Optional<LoopRead> readLoop(TreePath path, FixReader fixes) {
    Tree leaf = path.getLeaf();
    CompilationUnitTree unit = path.getCompilationUnit();
    Location location = JavacNames.location(unit, ((JCTree) leaf).getStartPosition());
    Optional<LoopReader.LoopReading> read =
        LoopReader.read(
            lowering.lower(leaf, unit), location, methodLocals(path), name -> false, declarations);
    if (read.isEmpty()) {
      return Optional.empty();
    }
    LoopReader.LoopReading reading = read.orElseThrow();
    FixFacts fix = FixFacts.NONE;
    if (reading.kind() == LoopKind.ENHANCED_FOR
        && lowering.lower(leaf, unit) instanceof Node.Loop loop) {
      Node.Block enclosing =
          path.getParentPath() != null
                  && lowering.lower(path.getParentPath().getLeaf(), unit) instanceof Node.Block b
              ? b
              : null;
      FixFit fit = FixFit.read(loop, enclosing, reading.scope());
      fix = fixes.read(path, (EnhancedForLoopTree) leaf, fit, reading.leavesLoop());
    }
    List<Tree> bodies = new ArrayList<>();
    for (Node body : reading.bodies()) {
      bodies.add((Tree) body.src().tree());
    }
    ExpressionTree iterated =
        reading.iterated() == null ? null : (ExpressionTree) reading.iterated().src().tree();
    LoopFact fact =
        reading.fact(reading.kind() == LoopKind.OTHER ? Marks.NONE : enclosingMarks(path), fix);
    return Optional.of(new LoopRead(fact, bodies, iterated));
  }

  /**
   * Every local of the method (or initialiser) around {@code path}, with its initialiser and what
   * it is assigned.
   */
  private BodyScope methodLocals(TreePath path) {
    for (TreePath p = path; p != null; p = p.getParentPath()) {
      if (p.getLeaf() instanceof MethodTree m) {
        return new BodyScope().declareAll(lowered(m, path.getCompilationUnit()));
      }
      if (p.getLeaf() instanceof ClassTree) {
        return new BodyScope();
      }
    }
    return new BodyScope();
  }

  /** Whether {@code call} is the last call of a stream chain (not the receiver of another step). */
  static boolean isStreamTerminal(TreePath path) {
    TreePath parent = path.getParentPath();
    if (parent == null || !(parent.getLeaf() instanceof MemberSelectTree)) {
      return true;
    }
    TreePath grand = parent.getParentPath();
    return grand == null
        || !(grand.getLeaf() instanceof MethodInvocationTree next)
        || !(type(next) != null
            && symbol(next.getMethodSelect()) instanceof MethodSymbol m
            && m.owner.getQualifiedName().toString().startsWith("java.util.stream."));
  }

  private Marks enclosingMarks(TreePath path) {
    for (TreePath p = path; p != null; p = p.getParentPath()) {
      if (p.getLeaf() instanceof MethodTree m && symbol(m) instanceof MethodSymbol method) {
        return names.marksOf(method).plus(names.typeMarks(method.owner));
      }
      if (p.getLeaf() instanceof ClassTree c && symbol(c) instanceof ClassSymbol cls) {
        return names.typeMarks(cls);
      }
    }
    return Marks.NONE;
  }

  // ---------------------------------------------------------------------------------------------
  // Pipelines

  /**
   * The pipeline the call at {@code path} sets up, or empty when it is none we model.
   * FakeConcurrency and OversizedWindow ask of every call, one after the other: the second takes
   * the first's read (the checks keep only the pipelines found, and a call that set up none was
   * read twice).
   */
  Optional<PipelineReader.ReadPipeline> readPipeline(TreePath path) {
    return pipelineReads.get(path.getLeaf(), null, () -> readPipelineOnce(path));
  }

  private final LastAsked<Optional<PipelineReader.ReadPipeline>> pipelineReads = new LastAsked<>();

  private Optional<PipelineReader.ReadPipeline> readPipelineOnce(TreePath path) {
    if (!(path.getLeaf() instanceof MethodInvocationTree call)
        || !(symbol(call.getMethodSelect()) instanceof MethodSymbol method)
        || !filters.mayStartPipeline(path, call, method)) {
      return Optional.empty(); // the cheap filter: this runs on every call
    }
    CompilationUnitTree unit = path.getCompilationUnit();
    if (!(lowering.lower(call, unit) instanceof Node.Call lowered)) {
      return Optional.empty();
    }
    return pipelines.read(lowered, () -> enclosing(path), mayRunPerItem(path));
  }

  /**
   * Whether a loop or a lambda is around the call in its method ({@link #enclosing}): else the
   * readers' test of a call that runs once per item ({@code PipelineReader.Reading.overItems}, on
   * the lowered method) says no, and they need not lower the method to ask.
   */
  private static boolean mayRunPerItem(TreePath path) {
    for (TreePath p = path.getParentPath(); p != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (Trees2.loopOrLambda(leaf)) {
        return true;
      }
      if (leaf instanceof MethodTree || leaf instanceof ClassTree) {
        return false;
      }
    }
    return false;
  }

  /** The method around {@code path}, lowered; null when there is none (a field initialiser). */
  private PipelineReader.Enclosing enclosing(TreePath path) {
    for (TreePath p = path; p != null; p = p.getParentPath()) {
      if (p.getLeaf() instanceof MethodTree m) {
        if (m.getBody() == null || !(symbol(m) instanceof MethodSymbol method)) {
          return null;
        }
        return new PipelineReader.Enclosing(
            lowered(m, path.getCompilationUnit()),
            names.ref(method),
            names.marksOf(method).plus(names.typeMarks(method.owner)));
      }
      if (p.getLeaf() instanceof ClassTree) {
        return null;
      }
    }
    return null;
  }

  // ---------------------------------------------------------------------------------------------
  // Straight-line code and fan-outs

  /** A method's straight-line runs (SerialFanOut), its lowered body and the marks around it. */
  record RunsRead(Node body, List<StraightLineReader.Run> runs, Marks marks) {}

  /** The runs of the method at {@code path}, or empty when it has no body. */
  Optional<RunsRead> readRuns(TreePath path) {
    if (!(path.getLeaf() instanceof MethodTree tree)
        || tree.getBody() == null
        || !(symbol(tree) instanceof MethodSymbol symbol)) {
      return Optional.empty();
    }
    Node body = lowered(tree, path.getCompilationUnit());
    BodyScope scope =
        new BodyScope()
            .declareAll(body)
            .withParameters(symbol.params().stream().map(lowering::var).toList());
    return Optional.of(
        new RunsRead(
            body,
            StraightLineReader.read(body, scope),
            names.marksOf(symbol).plus(names.typeMarks(symbol.owner))));
  }

  /** Whether a method of the sources assigns a field (its effects may reach a later call). */
  boolean keepsState(MethodRef method) {
    return fieldWriters.writesFields(method);
  }

  /** A method's lock regions as LockHeldAcrossWait reads them, with what the method is. */
  record HeldLocksRead(
      Node body, MethodRole role, MethodFacts facts, List<HeldLocks.HeldLock> locks) {}

  /**
   * The lock regions of the method at {@code path} with their lock objects read, or empty when it
   * takes no lock (a method not {@code synchronized} with no {@code synchronized} block and no call
   * named like a lock's acquire: the cheap filter, as this runs on every method).
   */
  Optional<HeldLocksRead> readHeldLocks(TreePath path) {
    return readHeldLocks(path, true);
  }

  /**
   * As {@link #readHeldLocks(TreePath)}; with {@code takingALock} false also a method that takes no
   * lock (its calls: LockHeldAcrossWait looks for the public callers of a private helper).
   */
  Optional<HeldLocksRead> readHeldLocks(TreePath path, boolean takingALock) {
    if (!(path.getLeaf() instanceof MethodTree tree)
        || tree.getBody() == null
        || !(symbol(tree) instanceof MethodSymbol symbol)
        || (takingALock && !takesALock(tree))) {
      return Optional.empty();
    }
    Optional<MethodFacts> facts = factsFor(names.ref(symbol));
    if (facts.isEmpty() || (takingALock && facts.orElseThrow().lockRegions().isEmpty())) {
      return Optional.empty();
    }
    Node body = lowered(tree, path.getCompilationUnit());
    return Optional.of(
        new HeldLocksRead(
            body,
            role(symbol, tree.getModifiers().getFlags().contains(Modifier.PUBLIC)),
            facts.orElseThrow(),
            heldLocks.read(body, facts.orElseThrow().lockRegions())));
  }

  /** What the method is to its callers' threads: its and its class's annotations, modifiers. */
  private MethodRole role(MethodSymbol method, boolean declaredPublic) {
    ClassSymbol owner = ASTHelpers.enclosingClass(method);
    // An anonymous class (an enum constant's body too) is read as the scanner reads it: a body
    // with no declaration of its own, so no annotations and no supertypes.
    boolean declared = owner != null && !owner.isAnonymous();
    return new MethodRole(
        method.name.toString(),
        simpleNames(method),
        declared ? simpleNames(owner) : Set.of(),
        declared ? names.closure(owner.type) : Set.of(),
        declaredPublic, // as written: an interface's methods are public without saying so
        (method.flags() & Flags.PRIVATE) != 0,
        (method.flags() & Flags.PROTECTED) != 0,
        method.isStatic(),
        method.isConstructor() || method.name.contentEquals("<clinit>"),
        declared && (owner.flags() & Flags.ENUM) != 0);
  }

  private static Set<String> simpleNames(Symbol symbol) {
    Set<String> found = new HashSet<>();
    for (Attribute.Compound a : symbol.getAnnotationMirrors()) {
      found.add(a.type.tsym.getSimpleName().toString());
    }
    return found;
  }

  /**
   * The fan-out the call at {@code path} starts (UnboundedFanOut, BlockingOnCommonPool). Asked only
   * of a call that passed {@link #mayStartFanOut}, which the check runs first; the reader decides
   * either way.
   *
   * @param catalogue the check's catalogue: its {@code [async]} and {@code [callback]} requests
   */
  Optional<FanOut> readFanOut(TreePath path, Catalogue catalogue) {
    if (!(path.getLeaf() instanceof MethodInvocationTree call)) {
      return Optional.empty();
    }
    if (!(lowering.lower(call, path.getCompilationUnit()) instanceof Node.Call lowered)) {
      return Optional.empty();
    }
    return fanOuts.read(lowered, () -> enclosing(path), catalogue, mayRunPerItem(path));
  }

  /**
   * Whether the call may start a fan-out, by its name and owner: the cheap filter the fan-out
   * checks run on every call before {@link #readFanOut}; the second takes the first's answer.
   */
  boolean mayStartFanOut(MethodInvocationTree call, Catalogue catalogue) {
    return mayStartFanOut.get(call, catalogue, () -> filters.mayStartFanOut(call, catalogue));
  }

  private final LastAsked<Boolean> mayStartFanOut = new LastAsked<>();
}
