package dev.lockstep.checker;

import static dev.lockstep.checker.Trees2.methodSymbol;
import static dev.lockstep.checker.Trees2.symbol;
import static dev.lockstep.checker.Trees2.type;
import static dev.lockstep.checker.Trees2.unwrap;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
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
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.tree.JCTree;
import dev.lockstep.analysis.facts.CallSite;
import dev.lockstep.analysis.facts.Exit;
import dev.lockstep.analysis.facts.FixFacts;
import dev.lockstep.analysis.facts.Location;
import dev.lockstep.analysis.facts.LoopFact;
import dev.lockstep.analysis.facts.LoopKind;
import dev.lockstep.analysis.facts.Marks;
import dev.lockstep.analysis.facts.MethodFacts;
import dev.lockstep.analysis.facts.MethodRef;
import dev.lockstep.analysis.facts.OuterWrite;
import dev.lockstep.analysis.facts.Receiver;
import dev.lockstep.analysis.facts.ReceiverKind;
import dev.lockstep.analysis.facts.StreamShapes;
import dev.lockstep.analysis.summary.FactsSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

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

  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  private final JavacNames names;
  private final JavacTrees trees;
  private final Map<MethodRef, Optional<MethodFacts>> methods = new HashMap<>();
  // Per top-level class, the path of every method declared in it (nested and local classes too).
  private final Map<ClassSymbol, Map<MethodSymbol, TreePath>> methodPaths = new HashMap<>();
  private final JavacLockRegions lockRegions;
  private final JavacPipelines pipelines;

  JavacFacts(JavacNames names, JavacTrees trees) {
    this.names = names;
    this.trees = trees;
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
    Scope scope = new Scope();
    declareAll(tree.getBody(), scope);
    CallReader reader = new CallReader(unit, scope, false);
    reader.scan(tree.getBody(), null);
    return new MethodFacts(
        names.ref(symbol),
        JavacNames.location(unit, tree),
        names.methodMarks(symbol),
        names.typeMarks(symbol.owner),
        reader.calls,
        // Loops are read on demand, where Error Prone visits them (each once); summaries need
        // calls and lock regions. Pipelines are read where the checks visit them.
        List.of(),
        lockRegions.regions(path, symbol, scope),
        List.of());
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
    Scope scope = new Scope();
    declareAll(leaf, scope);
    LoopKind kind;
    ExpressionTree iterated;
    List<Tree> bodies = new ArrayList<>();
    String itemName = "";
    List<Exit> extraExits = new ArrayList<>();
    Location location = JavacNames.location(unit, ((JCTree) leaf).getStartPosition());

    switch (leaf) {
      case EnhancedForLoopTree loop -> {
        kind = LoopKind.ENHANCED_FOR;
        iterated = loop.getExpression();
        bodies.add(loop.getStatement());
        if (symbol(loop.getVariable()) instanceof VarSymbol item) {
          scope.items.add(item);
          itemName = item.name.toString();
        }
      }
      case ForLoopTree loop -> {
        iterated = indexedTarget(loop, scope);
        kind = iterated == null ? LoopKind.OTHER : LoopKind.INDEXED_FOR;
        bodies.add(loop.getStatement());
        if (scope.index != null) {
          itemName = scope.index.name.toString();
        }
      }
      case WhileLoopTree loop -> {
        iterated = iteratorTarget(loop, path, scope);
        kind = iterated == null ? LoopKind.OTHER : LoopKind.ITERATOR_WHILE;
        bodies.add(loop.getStatement());
        itemName = scope.items.stream().findFirst().map(v -> v.name.toString()).orElse("");
      }
      case MethodInvocationTree call -> {
        Optional<LambdaLoop> lambdaLoop = lambdaLoop(call, extraExits, unit);
        if (lambdaLoop.isEmpty()) {
          return Optional.empty();
        }
        LambdaLoop l = lambdaLoop.orElseThrow();
        kind = l.kind;
        iterated = l.iterated;
        for (Tree body : l.bodies) {
          bodies.add(body);
          if (body instanceof LambdaExpressionTree lambda) {
            for (VariableTree param : lambda.getParameters()) {
              if (symbol(param) instanceof VarSymbol v) {
                scope.items.add(v);
                if (itemName.isEmpty()) {
                  itemName = v.name.toString();
                }
              }
            }
          }
        }
      }
      default -> {
        return Optional.empty();
      }
    }
    if (kind == LoopKind.OTHER) {
      return Optional.of(
          new LoopRead(
              new LoopFact(
                  kind,
                  location,
                  "",
                  itemName,
                  OptionalInt.empty(),
                  List.of(),
                  List.of(),
                  List.of(),
                  Marks.NONE,
                  FixFacts.NONE),
              bodies,
              null));
    }

    CallReader calls = new CallReader(unit, scope, true);
    BodyReader body = new BodyReader(unit, scope, leaf);
    for (Tree b : bodies) {
      if (b instanceof LambdaExpressionTree lambda) {
        calls.scan(lambda.getBody(), null); // the lambda is the iteration: no deferral
        body.read(lambda.getBody());
      } else if (b instanceof MemberReferenceTree ref) {
        calls.visitMemberReferenceAsBody(ref);
      } else {
        calls.scan(b, null);
        body.read(b);
      }
    }
    List<Exit> exits = new ArrayList<>(body.exits);
    exits.addAll(extraExits);

    String iteratedText = iterated == null ? "" : fixes.source(iterated);
    FixFacts fix =
        kind == LoopKind.ENHANCED_FOR
            ? fixes.read(path, (EnhancedForLoopTree) leaf, scope, body)
            : FixFacts.NONE;
    LoopFact fact =
        new LoopFact(
            kind,
            location,
            shorten(iteratedText),
            itemName,
            knownSize(iterated, path),
            calls.calls,
            body.outerWrites(),
            exits,
            enclosingMarks(path),
            fix);
    return Optional.of(new LoopRead(fact, bodies, iterated));
  }

  private static String shorten(String text) {
    String oneLine = WHITESPACE.matcher(text).replaceAll(" ");
    return oneLine.length() <= 60 ? oneLine : oneLine.substring(0, 57) + "...";
  }

  /** {@code for (int i = 0; i < xs.size(); i++)}: returns {@code xs}, records {@code i}. */
  private static ExpressionTree indexedTarget(ForLoopTree loop, Scope scope) {
    if (loop.getInitializer().size() != 1
        || !(loop.getInitializer().get(0) instanceof VariableTree init)
        || !(symbol(init) instanceof VarSymbol index)
        || loop.getUpdate().size() != 1
        || !(loop.getCondition() instanceof BinaryTree cond)
        || cond.getKind() != Tree.Kind.LESS_THAN
        || symbol(unwrap(cond.getLeftOperand())) != index) {
      return null;
    }
    ExpressionTree bound = unwrap(cond.getRightOperand());
    ExpressionTree target = null;
    if (bound instanceof MethodInvocationTree size
        && size.getArguments().isEmpty()
        && size.getMethodSelect() instanceof MemberSelectTree select
        && select.getIdentifier().contentEquals("size")) {
      target = select.getExpression();
    } else if (bound instanceof MemberSelectTree length
        && length.getIdentifier().contentEquals("length")
        && type(length.getExpression()) instanceof Type.ArrayType) {
      target = length.getExpression();
    }
    if (target == null) {
      return null;
    }
    scope.index = index;
    scope.iterated = symbol(unwrap(target));
    return target;
  }

  /**
   * {@code while (it.hasNext())} with {@code it} a local iterator: returns what it iterates ({@code
   * items} for {@code items.iterator()}), records the iterator and the item variables.
   */
  private ExpressionTree iteratorTarget(WhileLoopTree loop, TreePath path, Scope scope) {
    if (!(unwrap(loop.getCondition()) instanceof MethodInvocationTree hasNext)
        || !(hasNext.getMethodSelect() instanceof MemberSelectTree select)
        || !select.getIdentifier().contentEquals("hasNext")
        || !(symbol(unwrap(select.getExpression())) instanceof VarSymbol it)
        || !names.closure(it.type).contains("java.util.Iterator")) {
      return null;
    }
    scope.iterator = it;
    for (Map.Entry<VarSymbol, ExpressionTree> local : scope.declared.entrySet()) {
      if (isNextOn(local.getValue(), it)) {
        scope.items.add(local.getKey());
      }
    }
    ExpressionTree init = initializerOf(it, path);
    if (init instanceof MethodInvocationTree iterator
        && iterator.getMethodSelect() instanceof MemberSelectTree s
        && s.getIdentifier().contentEquals("iterator")) {
      return s.getExpression();
    }
    return select.getExpression();
  }

  private static boolean isNextOn(ExpressionTree init, Symbol iterator) {
    return init != null
        && unwrap(init) instanceof MethodInvocationTree next
        && next.getMethodSelect() instanceof MemberSelectTree s
        && s.getIdentifier().contentEquals("next")
        && symbol(unwrap(s.getExpression())) == iterator;
  }

  /** A forEach or sequential stream pipeline at {@code call}, read as a loop. */
  private record LambdaLoop(LoopKind kind, ExpressionTree iterated, List<Tree> bodies) {}

  private Optional<LambdaLoop> lambdaLoop(
      MethodInvocationTree call, List<Exit> exits, CompilationUnitTree unit) {
    MethodSymbol method = methodSymbol(call.getMethodSelect());
    if (method == null || !(call.getMethodSelect() instanceof MemberSelectTree select)) {
      return Optional.empty();
    }
    String owner = names.typeName(method.owner.type);
    String name = method.name.toString();
    if (name.equals("forEach") && call.getArguments().size() == 1) {
      Set<String> receiverTypes = names.closure(type(select.getExpression()));
      if (receiverTypes.contains("java.util.stream.BaseStream")) {
        return streamLoop(call, exits, unit);
      }
      Tree body = unwrap(call.getArguments().get(0));
      if (!(body instanceof LambdaExpressionTree || body instanceof MemberReferenceTree)) {
        return Optional.empty();
      }
      if (receiverTypes.contains("java.util.Map")) {
        return Optional.of(
            new LambdaLoop(LoopKind.MAP_FOR_EACH, select.getExpression(), List.of(body)));
      }
      if (receiverTypes.contains("java.lang.Iterable")) {
        return Optional.of(
            new LambdaLoop(LoopKind.ITERABLE_FOR_EACH, select.getExpression(), List.of(body)));
      }
      return Optional.empty();
    }
    if (owner.startsWith("java.util.stream.")) {
      return streamLoop(call, exits, unit);
    }
    return Optional.empty();
  }

  /**
   * Walks a stream chain from its terminal call down to its source: {@code items.stream()} or
   * {@code Arrays.stream(xs)}. Parallel streams and other sources (files, generators) are not loops
   * over items.
   */
  private Optional<LambdaLoop> streamLoop(
      MethodInvocationTree terminal, List<Exit> exits, CompilationUnitTree unit) {
    List<Tree> bodies = new ArrayList<>();
    ExpressionTree current = terminal;
    for (int guard = 0; guard < 64; guard++) {
      if (!(unwrap(current) instanceof MethodInvocationTree call)
          || !(call.getMethodSelect() instanceof MemberSelectTree select)) {
        return Optional.empty();
      }
      MethodSymbol method = methodSymbol(select);
      if (method == null) {
        return Optional.empty();
      }
      String name = method.name.toString();
      String owner = names.typeName(method.owner.type);
      if (owner.startsWith("java.util.stream.")) {
        if (name.equals("parallel")) {
          return Optional.empty();
        }
        if (name.equals("stream") && owner.equals("java.util.stream.StreamSupport")) {
          return Optional.empty();
        }
        if (StreamShapes.SHORT_CIRCUIT.contains(name)) {
          exits.add(new Exit(Exit.Kind.SHORT_CIRCUIT, true, JavacNames.location(unit, select)));
        }
        if (StreamShapes.STEPS.contains(name)) {
          for (ExpressionTree arg : call.getArguments()) {
            Tree body = unwrap(arg);
            if (body instanceof LambdaExpressionTree || body instanceof MemberReferenceTree) {
              bodies.add(body);
            }
          }
        }
        if (name.equals("of") && owner.equals("java.util.stream.Stream")) {
          return bodies.isEmpty()
              ? Optional.empty()
              : Optional.of(new LambdaLoop(LoopKind.SEQUENTIAL_STREAM, call, bodies));
        }
        current = select.getExpression();
        continue;
      }
      if (name.equals("stream")
          && call.getArguments().isEmpty()
          && names.closure(method.owner.type).contains("java.util.Collection")) {
        return bodies.isEmpty()
            ? Optional.empty()
            : Optional.of(
                new LambdaLoop(LoopKind.SEQUENTIAL_STREAM, select.getExpression(), bodies));
      }
      if (name.equals("stream")
          && owner.equals("java.util.Arrays")
          && call.getArguments().size() == 1) {
        return bodies.isEmpty()
            ? Optional.empty()
            : Optional.of(
                new LambdaLoop(LoopKind.SEQUENTIAL_STREAM, call.getArguments().get(0), bodies));
      }
      return Optional.empty();
    }
    return Optional.empty();
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

  private OptionalInt knownSize(ExpressionTree iterated, TreePath path) {
    if (iterated == null) {
      return OptionalInt.empty();
    }
    ExpressionTree expr = unwrap(iterated);
    if (symbol(expr) instanceof VarSymbol v
        && v.owner instanceof MethodSymbol
        && (v.flags() & (Flags.FINAL | Flags.EFFECTIVELY_FINAL)) != 0) {
      ExpressionTree init = initializerOf(v, path);
      if (init != null) {
        expr = unwrap(init);
      }
    }
    if (expr instanceof NewArrayTree array && array.getInitializers() != null) {
      return OptionalInt.of(array.getInitializers().size());
    }
    MethodSymbol m =
        expr instanceof MethodInvocationTree c ? methodSymbol(c.getMethodSelect()) : null;
    if (m != null && expr instanceof MethodInvocationTree call) {
      String key = names.typeName(m.owner.type) + "#" + m.name;
      if (StreamShapes.COLLECTION_FACTORIES.contains(key)) {
        if (call.getArguments().size() == 1
            && type(call.getArguments().get(0)) instanceof Type.ArrayType) {
          return OptionalInt.empty();
        }
        return OptionalInt.of(call.getArguments().size());
      }
    }
    return OptionalInt.empty();
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
    Scope all = new Scope();
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
  // Receivers

  /** Classifies what {@code expr} is relative to the scope. */
  Receiver receiver(ExpressionTree expression, Scope scope) {
    return receiver(expression, scope, 0);
  }

  private Receiver receiver(ExpressionTree expression, Scope scope, int depth) {
    ExpressionTree expr = unwrap(expression);
    String typeName = names.typeName(type(expr));
    if (depth > 8) {
      return Receiver.of(ReceiverKind.UNKNOWN, "", typeName);
    }
    Symbol sym = symbol(expr);
    return switch (expr) {
      case IdentifierTree id -> {
        String name = id.getName().toString();
        if (name.equals("this") || name.equals("super")) {
          yield Receiver.of(ReceiverKind.THIS, name, typeName);
        }
        yield variable(sym, name, typeName, scope, depth);
      }
      case MemberSelectTree select -> {
        if (sym instanceof ClassSymbol) {
          yield Receiver.of(ReceiverKind.STATIC, "", typeName);
        }
        String name = select.getIdentifier().toString();
        if (name.equals("this")) {
          yield Receiver.of(ReceiverKind.THIS, name, typeName);
        }
        Symbol base = symbol(unwrap(select.getExpression()));
        if (base instanceof ClassSymbol || isThis(select.getExpression())) {
          yield Receiver.of(ReceiverKind.FIELD, name, typeName);
        }
        Receiver owner = receiver(select.getExpression(), scope, depth + 1);
        yield switch (owner.kind()) {
          case LOOP_ITEM, FRESH, UNKNOWN ->
              new Receiver(owner.kind(), name, typeName, owner.producedBy(), owner.root());
          default -> Receiver.of(ReceiverKind.FIELD, name, typeName);
        };
      }
      case MethodInvocationTree call -> {
        MethodSymbol method = methodSymbol(call.getMethodSelect());
        if (method == null) {
          yield Receiver.of(ReceiverKind.UNKNOWN, "", typeName);
        }
        ExpressionTree on =
            call.getMethodSelect() instanceof MemberSelectTree s ? s.getExpression() : null;
        Symbol onSym = on == null ? null : symbol(unwrap(on));
        if (onSym != null && onSym == scope.iterator && method.name.contentEquals("next")) {
          yield Receiver.of(ReceiverKind.LOOP_ITEM, "", typeName);
        }
        if (onSym != null
            && onSym == scope.iterated
            && method.name.contentEquals("get")
            && call.getArguments().size() == 1
            && symbol(unwrap(call.getArguments().get(0))) == scope.index) {
          yield Receiver.of(ReceiverKind.LOOP_ITEM, "", typeName);
        }
        ReceiverKind root;
        if (on == null) {
          root = method.isStatic() ? ReceiverKind.STATIC : ReceiverKind.THIS;
        } else {
          Receiver r = receiver(on, scope, depth + 1);
          root = r.kind() == ReceiverKind.FRESH ? r.root() : r.kind();
        }
        yield Receiver.fresh(typeName, Optional.of(names.ref(method)), root);
      }
      case NewClassTree created -> {
        MethodSymbol ctor = methodSymbol(created);
        yield Receiver.fresh(
            typeName,
            ctor == null ? Optional.empty() : Optional.of(names.ref(ctor)),
            ReceiverKind.FRESH);
      }
      case ArrayAccessTree access -> {
        if (scope.iterated != null
            && symbol(unwrap(access.getExpression())) == scope.iterated
            && symbol(unwrap(access.getIndex())) == scope.index) {
          yield Receiver.of(ReceiverKind.LOOP_ITEM, "", typeName);
        }
        Receiver array = receiver(access.getExpression(), scope, depth + 1);
        yield new Receiver(array.kind(), "", typeName, array.producedBy(), array.root());
      }
      default -> {
        yield Receiver.of(ReceiverKind.UNKNOWN, "", typeName);
      }
    };
  }

  private static boolean isThis(ExpressionTree expr) {
    return unwrap(expr) instanceof IdentifierTree id && id.getName().contentEquals("this");
  }

  private Receiver variable(Symbol sym, String name, String typeName, Scope scope, int depth) {
    if (!(sym instanceof VarSymbol v)) {
      return sym instanceof ClassSymbol
          ? Receiver.of(ReceiverKind.STATIC, "", typeName)
          : Receiver.of(ReceiverKind.UNKNOWN, name, typeName);
    }
    if (scope.items.contains(v)) {
      return Receiver.of(ReceiverKind.LOOP_ITEM, name, typeName);
    }
    if (v.owner instanceof ClassSymbol) {
      return Receiver.of(ReceiverKind.FIELD, name, typeName);
    }
    if (scope.declared.containsKey(v)) {
      ExpressionTree init = scope.declared.get(v);
      if (init == null) {
        return Receiver.of(ReceiverKind.UNKNOWN, name, typeName);
      }
      Receiver r = receiver(init, scope, depth + 1);
      return new Receiver(r.kind(), name, typeName, r.producedBy(), r.root());
    }
    if ((v.flags() & Flags.PARAMETER) != 0) {
      return Receiver.of(ReceiverKind.PARAMETER, name, typeName);
    }
    return Receiver.of(ReceiverKind.LOCAL, name, typeName);
  }

  // ---------------------------------------------------------------------------------------------
  // Calls

  /**
   * Reads call sites. In a loop body ({@code loop == true}) calls inside loops nested in the body
   * are marked as such; lambdas record which call they were passed to ({@link CallSite#runVia()}).
   * Local and anonymous class bodies are skipped: their methods have their own facts.
   */
  final class CallReader extends TreeScanner<Void, Void> {
    final List<CallSite> calls = new ArrayList<>();
    private final CompilationUnitTree unit;
    private final Scope scope;
    private final boolean loop;
    private final Deque<MethodRef> via = new ArrayDeque<>();
    private final IdentityHashMap<Tree, MethodRef> consumers = new IdentityHashMap<>();
    private int nested;

    CallReader(CompilationUnitTree unit, Scope scope, boolean loop) {
      this.unit = unit;
      this.scope = scope;
      this.loop = loop;
    }

    private void add(MethodSymbol method, ExpressionTree on, Tree at, List<MethodRef> runVia) {
      Receiver receiver;
      Type receiverType = null;
      Marks receiverMarks = Marks.NONE;
      if (method.isConstructor()) {
        receiver = Receiver.none();
      } else if (on == null) {
        receiver =
            method.isStatic()
                ? Receiver.none()
                : Receiver.of(ReceiverKind.THIS, "this", names.typeName(method.owner.type));
      } else {
        receiver = receiver(on, scope);
        receiverType = type(unwrap(on));
        Symbol onSym = symbol(unwrap(on));
        if (onSym instanceof VarSymbol field && field.owner instanceof ClassSymbol) {
          receiverMarks = names.marksOf(field);
        }
      }
      calls.add(
          new CallSite(
              names.ref(method),
              names.matchOwners(method, receiverType),
              receiver,
              JavacNames.location(unit, at),
              names.methodMarks(method),
              names.typeMarks(method.owner),
              receiverMarks,
              runVia,
              loop && nested > 0,
              (method.flags() & Flags.SYNCHRONIZED) != 0));
    }

    private List<MethodRef> runVia() {
      List<MethodRef> list = new ArrayList<>(via);
      java.util.Collections.reverse(list); // the deque holds the innermost first
      return list;
    }

    private void noteLambdaArguments(MethodSymbol method, List<? extends ExpressionTree> args) {
      MethodRef ref = names.ref(method);
      for (ExpressionTree arg : args) {
        Tree a = unwrap(arg);
        if (a instanceof LambdaExpressionTree || a instanceof MemberReferenceTree) {
          consumers.put(a, ref);
        }
      }
    }

    @Override
    public Void visitMethodInvocation(MethodInvocationTree node, Void unused) {
      MethodSymbol method = methodSymbol(node.getMethodSelect());
      if (method != null) {
        ExpressionTree on =
            node.getMethodSelect() instanceof MemberSelectTree s ? s.getExpression() : null;
        if (on != null && symbol(unwrap(on)) instanceof ClassSymbol) {
          on = null; // Type.staticMethod()
        }
        add(method, on, node.getMethodSelect(), runVia());
        noteLambdaArguments(method, node.getArguments());
      }
      return super.visitMethodInvocation(node, null);
    }

    @Override
    public Void visitCatch(CatchTree node, Void unused) {
      // A catch block runs only when something failed: its calls (reading the server's error
      // line, closing a broken connection) are not what each item costs. The scanner skips them
      // too.
      return null;
    }

    @Override
    public Void visitNewClass(NewClassTree node, Void unused) {
      MethodSymbol ctor = methodSymbol(node);
      if (ctor != null) {
        add(ctor, null, node, runVia());
        noteLambdaArguments(ctor, node.getArguments());
      }
      scan(node.getEnclosingExpression(), null);
      scan(node.getArguments(), null);
      return null; // not the anonymous class body: its methods have their own facts
    }

    @Override
    public Void visitClass(ClassTree node, Void unused) {
      return null;
    }

    @Override
    public Void visitLambdaExpression(LambdaExpressionTree node, Void unused) {
      MethodRef consumer = consumers.getOrDefault(node, CallSite.STORED);
      boolean innerLoop = loop && isLoopConsumer(consumer);
      via.push(consumer);
      nested += innerLoop ? 1 : 0;
      try {
        scan(node.getBody(), null);
      } finally {
        nested -= innerLoop ? 1 : 0;
        via.pop();
      }
      return null;
    }

    @Override
    public Void visitMemberReference(MemberReferenceTree node, Void unused) {
      MethodRef consumer = consumers.getOrDefault(node, CallSite.STORED);
      boolean innerLoop = loop && isLoopConsumer(consumer);
      via.push(consumer);
      nested += innerLoop ? 1 : 0;
      try {
        referenced(node);
      } finally {
        nested -= innerLoop ? 1 : 0;
        via.pop();
      }
      return super.visitMemberReference(node, null);
    }

    /** A method reference that is itself a loop's body ({@code items.forEach(this::send)}). */
    void visitMemberReferenceAsBody(MemberReferenceTree node) {
      referenced(node);
      scan(node.getQualifierExpression(), null);
    }

    private void referenced(MemberReferenceTree node) {
      MethodSymbol method = methodSymbol(node);
      if (method == null) {
        return;
      }
      ExpressionTree qualifier = node.getQualifierExpression();
      boolean typeQualifier = symbol(unwrap(qualifier)) instanceof ClassSymbol;
      if (method.isConstructor() || method.isStatic()) {
        add(method, null, node, runVia());
      } else if (typeQualifier) {
        // Type::instanceMethod: the receiver is the function's argument.
        calls.add(
            new CallSite(
                names.ref(method),
                names.matchOwners(method, type(qualifier)),
                Receiver.of(ReceiverKind.UNKNOWN, "", names.typeName(type(qualifier))),
                JavacNames.location(unit, node),
                names.methodMarks(method),
                names.typeMarks(method.owner),
                Marks.NONE,
                runVia(),
                loop && nested > 0));
      } else {
        add(method, qualifier, node, runVia());
      }
    }

    @Override
    public Void visitForLoop(ForLoopTree node, Void unused) {
      return nestedLoop(() -> super.visitForLoop(node, null));
    }

    @Override
    public Void visitEnhancedForLoop(EnhancedForLoopTree node, Void unused) {
      scan(node.getExpression(), null); // evaluated once per outer iteration
      return nestedLoop(
          () -> {
            scan(node.getVariable(), null);
            return scan(node.getStatement(), null);
          });
    }

    @Override
    public Void visitWhileLoop(WhileLoopTree node, Void unused) {
      return nestedLoop(() -> super.visitWhileLoop(node, null));
    }

    @Override
    public Void visitDoWhileLoop(DoWhileLoopTree node, Void unused) {
      return nestedLoop(() -> super.visitDoWhileLoop(node, null));
    }

    private Void nestedLoop(java.util.function.Supplier<Void> body) {
      nested += loop ? 1 : 0;
      try {
        return body.get();
      } finally {
        nested -= loop ? 1 : 0;
      }
    }
  }

  private static boolean isLoopConsumer(MethodRef consumer) {
    return (consumer.name().equals("forEach")
            && (consumer.owner().equals("java.lang.Iterable")
                || consumer.owner().startsWith("java.util.")))
        || consumer.owner().startsWith("java.util.stream.");
  }

  // ---------------------------------------------------------------------------------------------
  // Writes and exits

  /**
   * Reads what a loop body does to variables declared outside it, and how it leaves the loop. Keeps
   * an ancestor stack to judge what an exit depends on.
   */
  final class BodyReader extends TreeScanner<Void, Void> {
    final List<Exit> exits = new ArrayList<>();
    boolean leavesLoop;
    private final CompilationUnitTree unit;
    private final Scope scope;
    private final Tree loopTree;
    private final Deque<Tree> ancestors = new ArrayDeque<>();
    private final Map<Symbol, Access> accesses = new LinkedHashMap<>();
    private final Set<Tree> topLevel = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    private Tree bodyRoot;

    /** What the body does with one outside variable. */
    private static final class Access {
      final String name;
      final boolean field;
      boolean read;
      boolean reductionOnly = true;
      boolean written;
      boolean firstIsTopLevelWrite;
      boolean seen;

      Access(String name, boolean field) {
        this.name = name;
        this.field = field;
      }
    }

    BodyReader(CompilationUnitTree unit, Scope scope, Tree loopTree) {
      this.unit = unit;
      this.scope = scope;
      this.loopTree = loopTree;
    }

    void read(Tree body) {
      bodyRoot = body;
      topLevel.clear();
      if (body instanceof BlockTree block) {
        for (StatementTree s : block.getStatements()) {
          if (s instanceof ExpressionStatementTree e) {
            topLevel.add(e.getExpression());
          }
        }
      } else if (body instanceof ExpressionStatementTree e) {
        topLevel.add(e.getExpression());
      } else if (body instanceof ExpressionTree e) {
        topLevel.add(e);
      }
      scan(body, null);
    }

    List<OuterWrite> outerWrites() {
      List<OuterWrite> writes = new ArrayList<>();
      for (Access a : accesses.values()) {
        if (a.written) {
          writes.add(
              new OuterWrite(a.name, a.field, a.read, a.firstIsTopLevelWrite, a.reductionOnly));
        }
      }
      return writes;
    }

    @Override
    public Void scan(Tree tree, Void unused) {
      if (tree == null) {
        return null;
      }
      ancestors.push(tree);
      try {
        return super.scan(tree, null);
      } finally {
        ancestors.pop();
      }
    }

    @Override
    public Void visitClass(ClassTree node, Void unused) {
      return null;
    }

    @Override
    public Void visitLambdaExpression(LambdaExpressionTree node, Void unused) {
      // Exits in a lambda leave the lambda, not the loop; but its field writes still count.
      boolean saved = inLambda;
      inLambda = true;
      try {
        return super.visitLambdaExpression(node, null);
      } finally {
        inLambda = saved;
      }
    }

    private boolean inLambda;

    private Access access(Symbol sym) {
      if (!(sym instanceof VarSymbol v) || scope.isDeclared(v) || scope.items.contains(v)) {
        return null;
      }
      boolean field = v.owner instanceof ClassSymbol;
      if (field && (v.flags() & Flags.STATIC) != 0 && (v.flags() & Flags.FINAL) != 0) {
        return null; // constants
      }
      if (!field && !(v.owner instanceof MethodSymbol)) {
        return null;
      }
      return accesses.computeIfAbsent(
          v, s -> new Access(field ? "this." + v.name : v.name.toString(), field));
    }

    private void write(ExpressionTree variable, boolean reduction, Tree whole) {
      Access a = access(symbol(unwrap(variable)));
      if (a == null) {
        return;
      }
      a.written = true;
      if (!reduction) {
        a.reductionOnly = false;
      }
      if (!a.seen) {
        a.seen = true;
        a.firstIsTopLevelWrite = !reduction && topLevel.contains(whole);
      }
    }

    @Override
    public Void visitAssignment(AssignmentTree node, Void unused) {
      Symbol target = symbol(unwrap(node.getVariable()));
      // total = total + x is a reduction when 'total' appears nowhere else on the right.
      boolean reduction =
          unwrap(node.getExpression()) instanceof BinaryTree bin
              && target != null
              && symbol(unwrap(bin.getLeftOperand())) == target
              && !mentions(bin.getRightOperand(), target);
      scan(
          node.getExpression() instanceof BinaryTree bin && reduction
              ? bin.getRightOperand()
              : node.getExpression(),
          null);
      write(node.getVariable(), reduction, node);
      // A field target's qualifier is still read (this.x = ...).
      if (node.getVariable() instanceof MemberSelectTree select) {
        scan(select.getExpression(), null);
      }
      return null;
    }

    @Override
    public Void visitCompoundAssignment(CompoundAssignmentTree node, Void unused) {
      scan(node.getExpression(), null);
      write(node.getVariable(), true, node);
      return null;
    }

    @Override
    public Void visitUnary(UnaryTree node, Void unused) {
      return switch (node.getKind()) {
        case PREFIX_INCREMENT, PREFIX_DECREMENT, POSTFIX_INCREMENT, POSTFIX_DECREMENT -> {
          write(node.getExpression(), true, node);
          yield null;
        }
        default -> super.visitUnary(node, null);
      };
    }

    @Override
    public Void visitIdentifier(IdentifierTree node, Void unused) {
      read(symbol(node));
      return null;
    }

    @Override
    public Void visitMemberSelect(MemberSelectTree node, Void unused) {
      if (isThis(node.getExpression())) {
        read(symbol(node));
        return null;
      }
      return super.visitMemberSelect(node, null);
    }

    private void read(Symbol sym) {
      Access a = access(sym);
      if (a != null) {
        a.read = true;
        a.reductionOnly = false;
        a.seen = true;
      }
    }

    @Override
    public Void visitBreak(BreakTree node, Void unused) {
      if (!inLambda && leaves(((JCTree.JCBreak) node).target)) {
        leavesLoop = true;
        exits.add(exit(Exit.Kind.BREAK, node, null));
      }
      return null;
    }

    @Override
    public Void visitContinue(ContinueTree node, Void unused) {
      if (!inLambda && leaves(((JCTree.JCContinue) node).target)) {
        leavesLoop = true; // a 'continue' of this loop: fine for the loop, not for a lambda
      }
      return null;
    }

    @Override
    public Void visitReturn(ReturnTree node, Void unused) {
      super.visitReturn(node, null);
      if (inLambda || isLambdaLoop()) {
        return null; // leaves a lambda; in a forEach body that is a 'continue'
      }
      leavesLoop = true;
      exits.add(exit(Exit.Kind.RETURN, node, node.getExpression()));
      return null;
    }

    private boolean isLambdaLoop() {
      return !(loopTree instanceof EnhancedForLoopTree
          || loopTree instanceof ForLoopTree
          || loopTree instanceof WhileLoopTree);
    }

    /** Whether a break/continue target lies outside the body (it leaves the loop body). */
    private boolean leaves(JCTree target) {
      if (target == null) {
        return true;
      }
      for (Tree t : ancestors) {
        if (t == bodyRoot) {
          return true; // reached the body without passing the target: it is the loop or beyond
        }
        if (t == target) {
          return false;
        }
      }
      return true;
    }

    private Exit exit(Exit.Kind kind, Tree at, ExpressionTree value) {
      boolean depends = value != null && dependsOnResult(value);
      Tree child = null;
      for (Tree t : ancestors) {
        if (child != null) {
          switch (t) {
            case IfTree i -> depends |= dependsOnResult(i.getCondition());
            case ConditionalExpressionTree c -> depends |= dependsOnResult(c.getCondition());
            case SwitchTree s -> depends |= dependsOnResult(s.getExpression());
            case WhileLoopTree w -> depends |= dependsOnResult(w.getCondition());
            case CatchTree c -> depends = true; // leaving from a catch: a retry loop
            default -> {}
          }
        }
        if (t == bodyRoot) {
          break;
        }
        child = t;
      }
      return new Exit(kind, depends, JavacNames.location(unit, at));
    }

    /** An expression involving a call, or a variable this iteration computed. */
    private boolean dependsOnResult(ExpressionTree expr) {
      boolean[] found = {false};
      new TreeScanner<Void, Void>() {
        @Override
        public Void visitMethodInvocation(MethodInvocationTree node, Void unused) {
          found[0] = true;
          return null;
        }

        @Override
        public Void visitNewClass(NewClassTree node, Void unused) {
          return null;
        }

        @Override
        public Void visitIdentifier(IdentifierTree node, Void unused) {
          Symbol s = symbol(node);
          if (scope.isDeclared(s) && !scope.items.contains(s)) {
            found[0] = true;
          }
          return null;
        }
      }.scan(expr, null);
      return found[0];
    }
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
