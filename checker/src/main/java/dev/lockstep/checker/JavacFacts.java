package dev.lockstep.checker;

import static dev.lockstep.checker.Trees2.symbol;
import static dev.lockstep.checker.Trees2.type;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.api.JavacTrees;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Kinds;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.tree.JCTree;
import dev.lockstep.analysis.body.Node;
import dev.lockstep.analysis.body.Var;
import dev.lockstep.analysis.facts.CallSite;
import dev.lockstep.analysis.facts.FixFacts;
import dev.lockstep.analysis.facts.Location;
import dev.lockstep.analysis.facts.LoopFact;
import dev.lockstep.analysis.facts.LoopKind;
import dev.lockstep.analysis.facts.Marks;
import dev.lockstep.analysis.facts.MethodFacts;
import dev.lockstep.analysis.facts.MethodRef;
import dev.lockstep.analysis.facts.Receiver;
import dev.lockstep.analysis.read.BodyScope;
import dev.lockstep.analysis.read.CallReader;
import dev.lockstep.analysis.read.FixFit;
import dev.lockstep.analysis.read.LoopReader;
import dev.lockstep.analysis.read.Receivers;
import dev.lockstep.analysis.summary.FactsSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
  private final JavacTrees trees;
  private final Map<MethodRef, Optional<MethodFacts>> methods = new HashMap<>();
  // Per top-level class, the path of every method declared in it (nested and local classes too).
  private final Map<ClassSymbol, Map<MethodSymbol, TreePath>> methodPaths = new HashMap<>();
  private final JavacLockRegions lockRegions;
  private final JavacPipelines pipelines;
  private final JavacLowering lowering;

  JavacFacts(JavacNames names, JavacTrees trees) {
    this.names = names;
    this.trees = trees;
    this.lowering = new JavacLowering(names);
    JavacValues values = new JavacValues(trees);
    JavacLockCalls lockCalls = new JavacLockCalls(names, values);
    JavacWindows windows = new JavacWindows(names, values, lockCalls);
    this.lockRegions = new JavacLockRegions(this, names, lockCalls, windows);
    this.pipelines = new JavacPipelines(this, names, trees, lockRegions, windows);
  }

  JavacPipelines pipelines() {
    return pipelines;
  }

  JavacNames names() {
    return names;
  }

  // ---------------------------------------------------------------------------------------------
  // Methods

  @Override
  public Optional<MethodFacts> factsFor(MethodRef method) {
    Optional<MethodFacts> known = methods.get(method);
    if (known != null) {
      return known;
    }
    Optional<MethodFacts> facts = Optional.empty();
    MethodSymbol symbol = names.symbol(method);
    if (symbol != null && (symbol.flags() & Flags.ABSTRACT) == 0) {
      TreePath path = pathOf(symbol);
      if (path != null && path.getLeaf() instanceof MethodTree tree && tree.getBody() != null) {
        facts = Optional.of(readMethod(path, symbol));
      }
    }
    methods.put(method, facts);
    return facts;
  }

  private TreePath pathOf(MethodSymbol symbol) {
    ClassSymbol owner = symbol.enclClass();
    // Only classes compiled from source have trees; skip class files without asking javac.
    if (owner == null
        || owner.sourcefile == null
        || (owner.classfile != null
            && owner.classfile.getKind() == javax.tools.JavaFileObject.Kind.CLASS)) {
      return null;
    }
    // JavacTrees.getPath(symbol) searches the whole file from its root on each call: asked for
    // every method a summary enters, that is quadratic in a file's size. One walk of each
    // top-level class indexes all its methods instead. No path (e.g. a synthetic member): judged
    // like a library method.
    return methodPaths.computeIfAbsent(owner.outermostClass(), this::indexMethods).get(symbol);
  }

  private Map<MethodSymbol, TreePath> indexMethods(ClassSymbol topLevel) {
    TreePath classPath;
    try {
      classPath = trees.getPath(topLevel);
    } catch (RuntimeException e) {
      return Map.of();
    }
    if (classPath == null) {
      return Map.of();
    }
    Map<MethodSymbol, TreePath> paths = new HashMap<>();
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitMethod(MethodTree node, Void unused) {
        if (symbol(node) instanceof MethodSymbol method) {
          paths.putIfAbsent(method, getCurrentPath());
        }
        return super.visitMethod(node, null);
      }
    }.scan(classPath, null);
    return paths;
  }

  MethodFacts readMethod(TreePath path, MethodSymbol symbol) {
    MethodTree tree = (MethodTree) path.getLeaf();
    CompilationUnitTree unit = path.getCompilationUnit();
    Scope scope = new Scope(unit);
    declareAll(tree.getBody(), scope);
    Node body = lowering.lower(tree.getBody(), unit);
    return new MethodFacts(
        names.ref(symbol),
        JavacNames.location(unit, tree),
        names.methodMarks(symbol),
        names.typeMarks(symbol.owner),
        // Loops and pipelines are read where Error Prone visits them (each once); summaries need
        // only calls and lock regions.
        CallReader.calls(body, new BodyScope().declareAll(body)),
        lockRegions.regions(path, symbol, scope));
  }

  /** Records every local declared in {@code tree} (not in nested classes) with its initialiser. */
  static void declareAll(Tree tree, Scope scope) {
    if (tree == null) {
      return;
    }
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitVariable(VariableTree node, Void unused) {
        if (symbol(node) instanceof VarSymbol v) {
          scope.declared.put(v, node.getInitializer());
        }
        return super.visitVariable(node, null);
      }

      @Override
      public Void visitClass(ClassTree node, Void unused) {
        return null;
      }
    }.scan(tree, null);
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
        LoopReader.read(lowering.lower(leaf, unit), location, methodLocals(path), name -> false);
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

  /** Every local of the method (or initialiser) around {@code path}, with its initialiser. */
  private Map<Var, Node> methodLocals(TreePath path) {
    for (TreePath p = path; p != null; p = p.getParentPath()) {
      if (p.getLeaf() instanceof MethodTree m) {
        return new BodyScope()
            .declareAll(lowering.lower(m.getBody(), path.getCompilationUnit()))
            .declared;
      }
      if (p.getLeaf() instanceof ClassTree) {
        return Map.of();
      }
    }
    return Map.of();
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

  /** The initialiser of a local declared in the method (or lambda) around {@code path}. */
  static ExpressionTree initializerOf(Symbol local, TreePath path) {
    Tree root = null;
    for (TreePath p = path; p != null; p = p.getParentPath()) {
      if (p.getLeaf() instanceof MethodTree || p.getLeaf() instanceof ClassTree) {
        root = p.getLeaf();
        break;
      }
    }
    if (root == null) {
      return null;
    }
    Scope all = new Scope(path.getCompilationUnit());
    declareAll(root instanceof MethodTree m ? m.getBody() : root, all);
    return local instanceof VarSymbol v ? all.declared.get(v) : null;
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
  // Receivers and calls, read once in analysis over the lowered trees

  /** Classifies what {@code expression} is relative to the scope. */
  Receiver receiver(ExpressionTree expression, Scope scope) {
    return Receivers.of(lowering.lower(expression, scope.unit), bodyScope(scope));
  }

  /** The call sites of {@code trees}, receivers relative to {@code scope}. */
  List<CallSite> calls(List<? extends Tree> trees, Scope scope) {
    CallReader reader = CallReader.of(bodyScope(scope));
    for (Tree tree : trees) {
      reader.scan(lowering.lower(tree, scope.unit));
    }
    return reader.calls();
  }

  /** The calls of a method reference that is a task's whole body ({@code pool.submit(this::f)}). */
  List<CallSite> referenceAsBody(MemberReferenceTree ref, Scope scope) {
    CallReader reader = CallReader.of(bodyScope(scope));
    if (lowering.lower(ref, scope.unit) instanceof Node.MethodReference lowered) {
      reader.scanReferenceAsBody(lowered);
    }
    return reader.calls();
  }

  /** The scope {@code scope} states, in the lowered body's variables. */
  private BodyScope bodyScope(Scope scope) {
    BodyScope out = new BodyScope();
    scope.declared.forEach(
        (v, init) ->
            out.declared.put(
                lowering.var(v), init == null ? null : lowering.lower(init, scope.unit)));
    scope.items.forEach(v -> out.items.add(lowering.var(v)));
    out.iterator = lowering.var(scope.iterator);
    out.iterated = lowering.var(scope.iterated);
    out.index = lowering.var(scope.index);
    return out;
  }

  static boolean mentions(Tree tree, Symbol sym) {
    boolean[] found = {false};
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree node, Void unused) {
        if (symbol(node) == sym) {
          found[0] = true;
        }
        return null;
      }

      @Override
      public Void visitMemberSelect(MemberSelectTree node, Void unused) {
        if (symbol(node) == sym) {
          found[0] = true;
        }
        return super.visitMemberSelect(node, null);
      }
    }.scan(tree, null);
    return found[0];
  }

  static boolean isLocal(Symbol sym) {
    return sym instanceof VarSymbol v && v.owner != null && v.owner.kind == Kinds.Kind.MTH;
  }
}
