package dev.lockstep.scanner.frontend;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.ConstructorDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.ArrayAccessExpr;
import com.github.javaparser.ast.expr.ArrayCreationExpr;
import com.github.javaparser.ast.expr.ArrayInitializerExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.SuperExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.TypePatternExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.BreakStmt;
import com.github.javaparser.ast.stmt.CatchClause;
import com.github.javaparser.ast.stmt.ContinueStmt;
import com.github.javaparser.ast.stmt.DoStmt;
import com.github.javaparser.ast.stmt.ExplicitConstructorInvocationStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.LabeledStmt;
import com.github.javaparser.ast.stmt.LocalClassDeclarationStmt;
import com.github.javaparser.ast.stmt.LocalRecordDeclarationStmt;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.SwitchStmt;
import com.github.javaparser.ast.stmt.WhileStmt;
import com.github.javaparser.resolution.declarations.ResolvedMethodLikeDeclaration;
import com.github.javaparser.resolution.types.ResolvedType;
import dev.lockstep.analysis.catalogue.Catalogue;
import dev.lockstep.analysis.catalogue.CatalogueEntry;
import dev.lockstep.analysis.catalogue.WaitTag;
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
import dev.lockstep.analysis.rules.SharedMutation;
import dev.lockstep.analysis.summary.FactsSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
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
  private final Catalogue catalogue;
  private final Map<MethodRef, Optional<MethodFacts>> methods = new HashMap<>();
  private Boolean windowOnClasspath;
  private final JavaParserConcurrency concurrency;
  private JpLowering lowering;

  JavaParserFacts(JpNames names, Catalogue catalogue) {
    this.names = names;
    this.catalogue = catalogue;
    this.concurrency = new JavaParserConcurrency(this, names, vars);
  }

  /** The lock regions' and pipelines' reader (FakeConcurrency, OversizedWindow). */
  JavaParserConcurrency concurrency() {
    return concurrency;
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
    Optional<MethodFacts> known = methods.get(method);
    if (known != null) {
      return known;
    }
    Optional<MethodFacts> facts = Optional.empty();
    Optional<CallableDeclaration<?>> decl = names.body(method);
    if (decl.isPresent()) {
      try {
        facts = readMethod(decl.orElseThrow(), method);
      } catch (RuntimeException | StackOverflowError e) {
        facts = Optional.empty(); // an odd body: judged like a library method
      }
    }
    methods.put(method, facts);
    return facts;
  }

  private Optional<MethodFacts> readMethod(CallableDeclaration<?> decl, MethodRef ref) {
    BlockStmt body;
    if (decl instanceof MethodDeclaration m && m.getBody().isPresent() && !m.isAbstract()) {
      body = m.getBody().orElseThrow();
    } else if (decl instanceof ConstructorDeclaration c) {
      body = c.getBody();
    } else {
      return Optional.empty();
    }
    JpScope scope = new JpScope();
    declareAll(body, scope);
    CallReader reader = new CallReader(scope, false);
    reader.scan(body);
    return Optional.of(
        new MethodFacts(
            ref,
            JpNames.at(decl, decl.getName().getBegin()),
            names.marksOf(decl),
            names.enclosingTypeMarks(decl),
            reader.calls,
            List.of(),
            concurrency.regions(decl, body, ref, scope),
            List.of()));
  }

  /** Records every local declared in {@code tree} (not in nested classes) with its initialiser. */
  void declareAll(Node tree, JpScope scope) {
    walk(
        tree,
        n -> {
          Sym s =
              switch (n) {
                case VariableDeclarator v ->
                    v.getParentNode().orElse(null) instanceof VariableDeclarationExpr
                        ? vars.declaration(v)
                        : null;
                case Parameter p -> vars.declaration(p);
                case TypePatternExpr t -> vars.declaration(t);
                default -> null;
              };
          if (s != null) {
            scope.declared.put(s, s.initializer());
          }
        });
  }

  /** Visits {@code tree} and its descendants, not entering class bodies. */
  private static void walk(Node tree, Consumer<Node> visit) {
    Deque<Node> work = new ArrayDeque<>();
    work.push(tree);
    while (!work.isEmpty()) {
      Node n = work.pop();
      visit.accept(n);
      for (Node child : n.getChildNodes()) {
        if (isClassBody(child)) {
          continue;
        }
        work.push(child);
      }
    }
  }

  private static boolean isClassBody(Node n) {
    return n instanceof TypeDeclaration<?>
        || n instanceof LocalClassDeclarationStmt
        || n instanceof LocalRecordDeclarationStmt
        || (n instanceof com.github.javaparser.ast.body.BodyDeclaration<?>
            && n.getParentNode().orElse(null) instanceof ObjectCreationExpr);
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
    if (call.getNameAsString().equals("forEach") && call.getArguments().size() == 1) {
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
    JpScope scope = new JpScope();
    LoopKind kind;
    Expression iterated;
    List<Node> bodies = new ArrayList<>();
    String itemName = "";
    List<Exit> extraExits = new ArrayList<>();
    Location location = JpNames.location(leaf);

    switch (leaf) {
      case ForEachStmt loop -> {
        declareAll(leaf, scope);
        kind = LoopKind.ENHANCED_FOR;
        iterated = loop.getIterable();
        bodies.add(loop.getBody());
        VariableDeclarator v = loop.getVariable().getVariable(0);
        scope.items.add(vars.declaration(v));
        itemName = v.getNameAsString();
      }
      case ForStmt loop -> {
        declareAll(leaf, scope);
        iterated = indexedTarget(loop, scope);
        kind = iterated == null ? LoopKind.OTHER : LoopKind.INDEXED_FOR;
        bodies.add(loop.getBody());
        if (scope.index != null) {
          itemName = scope.index.name;
        }
      }
      case WhileStmt loop -> {
        declareAll(leaf, scope);
        iterated = iteratorTarget(loop, scope);
        kind = iterated == null ? LoopKind.OTHER : LoopKind.ITERATOR_WHILE;
        bodies.add(loop.getBody());
        itemName = scope.items.stream().findFirst().map(v -> v.name).orElse("");
      }
      case MethodCallExpr call -> {
        Optional<MethodCallExpr> terminal = streamTerminal(call);
        if (terminal.isEmpty()) {
          return Optional.empty();
        }
        leaf = terminal.orElseThrow();
        location = JpNames.location(leaf);
        declareAll(leaf, scope);
        Optional<LambdaLoop> lambdaLoop = lambdaLoop((MethodCallExpr) leaf, extraExits);
        if (lambdaLoop.isEmpty()) {
          return Optional.empty();
        }
        LambdaLoop l = lambdaLoop.orElseThrow();
        kind = l.kind;
        iterated = l.iterated;
        for (Node body : l.bodies) {
          bodies.add(body);
          if (body instanceof LambdaExpr lambda) {
            for (Parameter param : lambda.getParameters()) {
              scope.items.add(vars.declaration(param));
              if (itemName.isEmpty()) {
                itemName = param.getNameAsString();
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
              false));
    }

    CallReader calls = new CallReader(scope, true);
    BodyReader body = new BodyReader(scope, leaf);
    for (Node b : bodies) {
      if (b instanceof LambdaExpr lambda) {
        calls.scan(lambda.getBody()); // the lambda is the iteration: no deferral
        body.read(lambda.getBody());
      } else if (b instanceof MethodReferenceExpr ref) {
        calls.memberReferenceAsBody(ref);
      } else {
        calls.scan(b);
        body.read(b);
      }
    }
    List<Exit> exits = new ArrayList<>(body.exits);
    exits.addAll(extraExits);

    String iteratedText = iterated == null ? "" : Exprs.source(iterated);
    FixFacts fix =
        kind == LoopKind.ENHANCED_FOR ? fixFacts((ForEachStmt) leaf, scope, body) : FixFacts.NONE;
    LoopFact fact =
        new LoopFact(
            kind,
            location,
            shorten(iteratedText),
            itemName,
            knownSize(iterated),
            calls.calls,
            body.outerWrites(),
            exits,
            enclosingMarks(leaf),
            fix);
    return Optional.of(new LoopRead(fact, calls.mayHideCleanReason));
  }

  private static String shorten(String text) {
    String oneLine = text.replaceAll("\\s+", " ");
    return oneLine.length() <= 60 ? oneLine : oneLine.substring(0, 57) + "...";
  }

  /** {@code for (int i = 0; i < xs.size(); i++)}: returns {@code xs}, records {@code i}. */
  private Expression indexedTarget(ForStmt loop, JpScope scope) {
    if (loop.getInitialization().size() != 1
        || !(loop.getInitialization().get(0) instanceof VariableDeclarationExpr init)
        || init.getVariables().size() != 1
        || loop.getUpdate().size() != 1
        || loop.getCompare().isEmpty()
        || !(loop.getCompare().orElseThrow() instanceof BinaryExpr cond)
        || cond.getOperator() != BinaryExpr.Operator.LESS) {
      return null;
    }
    Sym index = vars.declaration(init.getVariable(0));
    if (vars.of(cond.getLeft()) != index) {
      return null;
    }
    Expression bound = Exprs.unwrap(cond.getRight());
    Expression target = null;
    if (bound instanceof MethodCallExpr size
        && size.getArguments().isEmpty()
        && size.getScope().isPresent()
        && size.getNameAsString().equals("size")) {
      target = size.getScope().orElseThrow();
    } else if (bound instanceof FieldAccessExpr length
        && length.getNameAsString().equals("length")
        && names.type(length.getScope()).map(ResolvedType::isArray).orElse(false)) {
      target = length.getScope();
    }
    if (target == null) {
      return null;
    }
    scope.index = index;
    scope.iterated = vars.of(target);
    return target;
  }

  /** {@code while (it.hasNext())} with {@code it} a local iterator: returns what it iterates. */
  private Expression iteratorTarget(WhileStmt loop, JpScope scope) {
    if (!(Exprs.unwrap(loop.getCondition()) instanceof MethodCallExpr hasNext)
        || !hasNext.getNameAsString().equals("hasNext")
        || hasNext.getScope().isEmpty()) {
      return null;
    }
    Expression on = hasNext.getScope().orElseThrow();
    Sym it = vars.of(on);
    if (it == null
        || !it.isLocalOrParam()
        || !names
            .type(Exprs.unwrap(on))
            .map(names::closure)
            .orElse(Set.of())
            .contains("java.util.Iterator")) {
      return null;
    }
    scope.iterator = it;
    for (Map.Entry<Sym, Expression> local : scope.declared.entrySet()) {
      if (isNextOn(local.getValue(), it)) {
        scope.items.add(local.getKey());
      }
    }
    Expression init = it.initializer();
    if (init instanceof MethodCallExpr iterator
        && iterator.getNameAsString().equals("iterator")
        && iterator.getScope().isPresent()) {
      return iterator.getScope().orElseThrow();
    }
    return on;
  }

  private boolean isNextOn(Expression init, Sym iterator) {
    return init != null
        && Exprs.unwrap(init) instanceof MethodCallExpr next
        && next.getNameAsString().equals("next")
        && next.getScope().isPresent()
        && vars.of(next.getScope().orElseThrow()) == iterator;
  }

  /**
   * The call the checker would match for this candidate: the call itself for {@code forEach}, or
   * the last stream call of the chain (its {@code isStreamTerminal}).
   */
  private Optional<MethodCallExpr> streamTerminal(MethodCallExpr candidate) {
    if (candidate.getNameAsString().equals("forEach")) {
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

  /** A forEach or sequential stream pipeline at {@code call}, read as a loop. */
  private record LambdaLoop(LoopKind kind, Expression iterated, List<Node> bodies) {}

  private Optional<LambdaLoop> lambdaLoop(MethodCallExpr call, List<Exit> exits) {
    Optional<ResolvedMethodLikeDeclaration> resolved = names.resolve(call);
    if (resolved.isEmpty() || call.getScope().isEmpty()) {
      return Optional.empty();
    }
    ResolvedMethodLikeDeclaration method = resolved.orElseThrow();
    String owner = names.ownerName(method);
    String name = method.getName();
    Expression on = call.getScope().orElseThrow();
    if (name.equals("forEach") && call.getArguments().size() == 1) {
      Set<String> receiverTypes = names.type(Exprs.unwrap(on)).map(names::closure).orElse(Set.of());
      if (receiverTypes.contains("java.util.stream.BaseStream")) {
        return streamLoop(call, exits);
      }
      Node body = Exprs.unwrap(call.getArgument(0));
      if (!(body instanceof LambdaExpr || body instanceof MethodReferenceExpr)) {
        return Optional.empty();
      }
      if (receiverTypes.contains("java.util.Map")) {
        return Optional.of(new LambdaLoop(LoopKind.MAP_FOR_EACH, on, List.of(body)));
      }
      if (receiverTypes.contains("java.lang.Iterable")) {
        return Optional.of(new LambdaLoop(LoopKind.ITERABLE_FOR_EACH, on, List.of(body)));
      }
      return Optional.empty();
    }
    if (owner.startsWith("java.util.stream.")) {
      return streamLoop(call, exits);
    }
    return Optional.empty();
  }

  /** Walks a stream chain from its terminal call down to its source. */
  private Optional<LambdaLoop> streamLoop(MethodCallExpr terminal, List<Exit> exits) {
    List<Node> bodies = new ArrayList<>();
    Expression current = terminal;
    for (int guard = 0; guard < 64; guard++) {
      if (!(Exprs.unwrap(current) instanceof MethodCallExpr call) || call.getScope().isEmpty()) {
        return Optional.empty();
      }
      Optional<ResolvedMethodLikeDeclaration> resolved = names.resolve(call);
      if (resolved.isEmpty()) {
        return Optional.empty();
      }
      ResolvedMethodLikeDeclaration method = resolved.orElseThrow();
      String name = method.getName();
      String owner = names.ownerName(method);
      if (owner.startsWith("java.util.stream.")) {
        if (name.equals("parallel")) {
          return Optional.empty();
        }
        if (name.equals("stream") && owner.equals("java.util.stream.StreamSupport")) {
          return Optional.empty();
        }
        if (StreamShapes.SHORT_CIRCUIT.contains(name)) {
          exits.add(new Exit(Exit.Kind.SHORT_CIRCUIT, true, JpNames.callLocation(call)));
        }
        if (StreamShapes.STEPS.contains(name)) {
          for (Expression arg : call.getArguments()) {
            Node body = Exprs.unwrap(arg);
            if (body instanceof LambdaExpr || body instanceof MethodReferenceExpr) {
              bodies.add(body);
            }
          }
        }
        if (name.equals("of") && owner.equals("java.util.stream.Stream")) {
          return bodies.isEmpty()
              ? Optional.empty()
              : Optional.of(new LambdaLoop(LoopKind.SEQUENTIAL_STREAM, call, bodies));
        }
        current = call.getScope().orElseThrow();
        continue;
      }
      if (name.equals("stream")
          && call.getArguments().isEmpty()
          && names.closure(method.declaringType()).contains("java.util.Collection")) {
        return bodies.isEmpty()
            ? Optional.empty()
            : Optional.of(
                new LambdaLoop(LoopKind.SEQUENTIAL_STREAM, call.getScope().orElseThrow(), bodies));
      }
      if (name.equals("stream")
          && owner.equals("java.util.Arrays")
          && call.getArguments().size() == 1) {
        return bodies.isEmpty()
            ? Optional.empty()
            : Optional.of(new LambdaLoop(LoopKind.SEQUENTIAL_STREAM, call.getArgument(0), bodies));
      }
      return Optional.empty();
    }
    return Optional.empty();
  }

  private OptionalInt knownSize(Expression iterated) {
    if (iterated == null) {
      return OptionalInt.empty();
    }
    Expression expr = Exprs.unwrap(iterated);
    Sym s = vars.of(expr);
    if (s != null && s.kind == Sym.Kind.LOCAL && vars.isEffectivelyFinal(s)) {
      Expression init = s.initializer();
      if (init != null) {
        expr = Exprs.unwrap(init);
      }
    }
    if (expr instanceof ArrayCreationExpr array && array.getInitializer().isPresent()) {
      return OptionalInt.of(array.getInitializer().orElseThrow().getValues().size());
    }
    if (expr instanceof ArrayInitializerExpr init) {
      return OptionalInt.of(init.getValues().size());
    }
    if (expr instanceof MethodCallExpr call
        && (call.getNameAsString().equals("of") || call.getNameAsString().equals("asList"))) {
      Optional<ResolvedMethodLikeDeclaration> m = names.resolve(call);
      if (m.isPresent()
          && StreamShapes.COLLECTION_FACTORIES.contains(
              names.ownerName(m.orElseThrow()) + "#" + m.orElseThrow().getName())) {
        if (call.getArguments().size() == 1
            && names.type(call.getArgument(0)).map(ResolvedType::isArray).orElse(false)) {
          return OptionalInt.empty();
        }
        return OptionalInt.of(call.getArguments().size());
      }
    }
    return OptionalInt.empty();
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
  // Receivers

  /** Classifies what {@code expression} is relative to the scope. */
  Receiver receiver(Expression expression, JpScope scope) {
    Expression expr = Exprs.unwrap(expression);
    String typeName = names.type(expr).map(names::typeName).orElse("");
    return receiver(expr, scope, 0, typeName);
  }

  private Receiver receiver(Expression expression, JpScope scope, int depth, String typeName) {
    Expression expr = Exprs.unwrap(expression);
    if (depth > 8) {
      return Receiver.of(ReceiverKind.UNKNOWN, "", typeName);
    }
    if (expr instanceof com.github.javaparser.ast.expr.TypeExpr t && !vars.looksLikeType(t)) {
      Sym named = vars.of(t); // the field or local in erp::submit
      return variable(named, named.name, typeName, scope, depth);
    }
    return switch (expr) {
      case ThisExpr t -> Receiver.of(ReceiverKind.THIS, "this", typeName);
      case SuperExpr s -> Receiver.of(ReceiverKind.THIS, "super", typeName);
      case NameExpr id -> variable(vars.of(id), id.getNameAsString(), typeName, scope, depth);
      case FieldAccessExpr select -> {
        if (vars.looksLikeType(select)) {
          yield Receiver.of(ReceiverKind.STATIC, "", typeName);
        }
        String name = select.getNameAsString();
        Expression base = Exprs.unwrap(select.getScope());
        if (base instanceof ThisExpr || vars.looksLikeType(base)) {
          yield Receiver.of(ReceiverKind.FIELD, name, typeName);
        }
        Receiver owner = receiver(base, scope, depth + 1, "");
        yield switch (owner.kind()) {
          case LOOP_ITEM, FRESH, UNKNOWN ->
              new Receiver(owner.kind(), name, typeName, owner.producedBy(), owner.root());
          default -> Receiver.of(ReceiverKind.FIELD, name, typeName);
        };
      }
      case MethodCallExpr call -> {
        Optional<ResolvedMethodLikeDeclaration> resolved = names.resolve(call);
        if (resolved.isEmpty()) {
          yield Receiver.of(ReceiverKind.UNKNOWN, "", typeName);
        }
        ResolvedMethodLikeDeclaration method = resolved.orElseThrow();
        Expression on = call.getScope().orElse(null);
        Sym onSym = on == null ? null : vars.of(on);
        if (onSym != null && onSym == scope.iterator && method.getName().equals("next")) {
          yield Receiver.of(ReceiverKind.LOOP_ITEM, "", typeName);
        }
        if (onSym != null
            && onSym == scope.iterated
            && method.getName().equals("get")
            && call.getArguments().size() == 1
            && vars.of(call.getArgument(0)) == scope.index) {
          yield Receiver.of(ReceiverKind.LOOP_ITEM, "", typeName);
        }
        ReceiverKind root;
        if (on == null) {
          root = JpNames.isStatic(method) ? ReceiverKind.STATIC : ReceiverKind.THIS;
        } else {
          Receiver r = receiver(on, scope, depth + 1, "");
          root = r.kind() == ReceiverKind.FRESH ? r.root() : r.kind();
        }
        yield Receiver.fresh(typeName, Optional.of(names.ref(method)), root);
      }
      case ObjectCreationExpr created -> {
        Optional<ResolvedMethodLikeDeclaration> ctor = names.resolve(created);
        yield Receiver.fresh(typeName, ctor.map(names::ref), ReceiverKind.FRESH);
      }
      case ArrayAccessExpr access -> {
        if (scope.iterated != null
            && vars.of(access.getName()) == scope.iterated
            && vars.of(access.getIndex()) == scope.index) {
          yield Receiver.of(ReceiverKind.LOOP_ITEM, "", typeName);
        }
        Receiver array = receiver(access.getName(), scope, depth + 1, "");
        yield new Receiver(array.kind(), "", typeName, array.producedBy(), array.root());
      }
      default -> Receiver.of(ReceiverKind.UNKNOWN, "", typeName);
    };
  }

  private Receiver variable(Sym sym, String name, String typeName, JpScope scope, int depth) {
    if (sym == null) {
      return Receiver.of(ReceiverKind.UNKNOWN, name, typeName);
    }
    if (sym.kind == Sym.Kind.TYPE) {
      return Receiver.of(ReceiverKind.STATIC, "", typeName);
    }
    if (scope.items.contains(sym)) {
      return Receiver.of(ReceiverKind.LOOP_ITEM, name, typeName);
    }
    if (sym.kind == Sym.Kind.FIELD) {
      return Receiver.of(ReceiverKind.FIELD, name, typeName);
    }
    if (scope.isDeclared(sym)) {
      Expression init = scope.declared.get(sym);
      if (init == null) {
        return Receiver.of(ReceiverKind.UNKNOWN, name, typeName);
      }
      Receiver r = receiver(init, scope, depth + 1, "");
      return new Receiver(r.kind(), name, typeName, r.producedBy(), r.root());
    }
    if (sym.kind == Sym.Kind.PARAM) {
      return Receiver.of(ReceiverKind.PARAMETER, name, typeName);
    }
    return Receiver.of(ReceiverKind.LOCAL, name, typeName);
  }

  // ---------------------------------------------------------------------------------------------
  // Calls

  /**
   * Reads call sites, as the checker's {@code CallReader}: calls in loops nested in a loop body are
   * marked, lambdas record the call they were passed to, local and anonymous classes are skipped.
   */
  final class CallReader {
    final List<CallSite> calls = new ArrayList<>();

    /** Whether an unresolved call's name matches a pacing or channel entry of the catalogue. */
    boolean mayHideCleanReason;

    private final JpScope scope;
    private final boolean loop;
    private final Deque<MethodRef> via = new ArrayDeque<>();
    private final IdentityHashMap<Node, MethodRef> consumers = new IdentityHashMap<>();
    private int nested;

    CallReader(JpScope scope, boolean loop) {
      this.scope = scope;
      this.loop = loop;
    }

    void scan(Node node) {
      if (node == null) {
        return;
      }
      switch (node) {
        case MethodCallExpr call -> visitCall(call);
        case ObjectCreationExpr created -> visitNew(created);
        case ExplicitConstructorInvocationStmt ctor -> visitConstructorCall(ctor);
        case LambdaExpr lambda -> visitLambda(lambda);
        case MethodReferenceExpr ref -> visitMemberReference(ref);
        case TypeDeclaration<?> t -> {}
        // As JavacFacts: a catch block runs only when something failed, not per item.
        case CatchClause c -> {}
        case LocalClassDeclarationStmt t -> {}
        case LocalRecordDeclarationStmt t -> {}
        case ForStmt f -> nestedLoop(() -> children(f));
        case WhileStmt w -> nestedLoop(() -> children(w));
        case DoStmt d -> nestedLoop(() -> children(d));
        case ForEachStmt f -> {
          scan(f.getIterable()); // evaluated once per outer iteration
          nestedLoop(
              () -> {
                scan(f.getVariable());
                scan(f.getBody());
              });
        }
        default -> children(node);
      }
    }

    private void children(Node node) {
      for (Node child : node.getChildNodes()) {
        scan(child);
      }
    }

    private void nestedLoop(Runnable body) {
      nested += loop ? 1 : 0;
      try {
        body.run();
      } finally {
        nested -= loop ? 1 : 0;
      }
    }

    private void unresolved(String name) {
      if (!mayHideCleanReason && loop && nested == 0 && via.isEmpty()) {
        for (CatalogueEntry e : catalogue.entries()) {
          if ((e.tag() == WaitTag.PACING || e.tag() == WaitTag.CHANNEL)
              && (e.name().equals(name)
                  || e.name().equals("*")
                  || (e.name().endsWith("*")
                      && name.startsWith(e.name().substring(0, e.name().length() - 1))))) {
            mayHideCleanReason = true;
            return;
          }
        }
      }
    }

    private void add(
        ResolvedMethodLikeDeclaration method, Expression on, Location at, List<MethodRef> runVia) {
      Receiver receiver;
      ResolvedType receiverType = null;
      Marks receiverMarks = Marks.NONE;
      MethodRef ref = names.ref(method);
      if (JpNames.isConstructor(method)) {
        receiver = Receiver.none();
      } else if (on == null) {
        receiver =
            JpNames.isStatic(method)
                ? Receiver.none()
                : Receiver.of(ReceiverKind.THIS, "this", ref.owner());
      } else {
        receiver = receiver(on, scope);
        receiverType = names.type(Exprs.unwrap(on)).orElse(null);
        Sym onSym = vars.of(on);
        if (onSym != null
            && onSym.kind == Sym.Kind.FIELD
            && onSym.declaration instanceof VariableDeclarator v
            && v.getParentNode().orElse(null) instanceof FieldDeclaration field) {
          receiverMarks = names.marksOf(field);
        } else if (onSym != null && onSym.kind == Sym.Kind.TYPE) {
          // An instance call through a name that looked like a type: an inherited field.
          receiver = Receiver.of(ReceiverKind.FIELD, onSym.name, receiver.type());
        }
      }
      calls.add(
          new CallSite(
              ref,
              names.matchOwners(method, receiverType),
              receiver,
              at,
              names.methodMarks(method, ref),
              names.typeMarks(method.declaringType()),
              receiverMarks,
              runVia,
              loop && nested > 0,
              names.isSynchronized(method, ref)));
    }

    private List<MethodRef> runVia() {
      List<MethodRef> list = new ArrayList<>(via);
      Collections.reverse(list); // the deque holds the innermost first
      return list;
    }

    private void noteLambdaArguments(ResolvedMethodLikeDeclaration method, List<Expression> args) {
      MethodRef ref = names.ref(method);
      for (Expression arg : args) {
        Expression a = Exprs.unwrap(arg);
        if (a instanceof LambdaExpr || a instanceof MethodReferenceExpr) {
          consumers.put(a, ref);
        }
      }
    }

    private void visitCall(MethodCallExpr call) {
      Optional<ResolvedMethodLikeDeclaration> resolved = names.resolve(call);
      if (resolved.isPresent()) {
        ResolvedMethodLikeDeclaration method = resolved.orElseThrow();
        Expression on = call.getScope().orElse(null);
        if (on != null && vars.looksLikeType(on) && JpNames.isStatic(method)) {
          on = null; // Type.staticMethod()
        }
        add(method, on, JpNames.callLocation(call), runVia());
        noteLambdaArguments(method, call.getArguments());
      } else {
        unresolved(call.getNameAsString());
      }
      call.getScope().ifPresent(this::scan);
      call.getArguments().forEach(this::scan);
    }

    private void visitNew(ObjectCreationExpr created) {
      Optional<ResolvedMethodLikeDeclaration> ctor = names.resolve(created);
      if (ctor.isPresent()) {
        add(ctor.orElseThrow(), null, JpNames.location(created), runVia());
        noteLambdaArguments(ctor.orElseThrow(), created.getArguments());
      } else {
        unresolved(MethodRef.CONSTRUCTOR);
      }
      created.getScope().ifPresent(this::scan);
      created.getArguments().forEach(this::scan);
      // not the anonymous class body: its methods have their own facts
    }

    private void visitConstructorCall(ExplicitConstructorInvocationStmt call) {
      Optional<ResolvedMethodLikeDeclaration> ctor = names.resolve(call);
      if (ctor.isPresent()) {
        add(ctor.orElseThrow(), null, JpNames.location(call), runVia());
        noteLambdaArguments(ctor.orElseThrow(), call.getArguments());
      }
      call.getExpression().ifPresent(this::scan);
      call.getArguments().forEach(this::scan);
    }

    private void visitLambda(LambdaExpr node) {
      MethodRef consumer = consumers.getOrDefault(node, CallSite.STORED);
      boolean innerLoop = loop && isLoopConsumer(consumer);
      via.push(consumer);
      nested += innerLoop ? 1 : 0;
      try {
        scan(node.getBody());
      } finally {
        nested -= innerLoop ? 1 : 0;
        via.pop();
      }
    }

    private void visitMemberReference(MethodReferenceExpr node) {
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
      scan(node.getScope());
    }

    /** A method reference that is itself a loop's body ({@code items.forEach(this::send)}). */
    void memberReferenceAsBody(MethodReferenceExpr node) {
      referenced(node);
      scan(node.getScope());
    }

    private void referenced(MethodReferenceExpr node) {
      Optional<ResolvedMethodLikeDeclaration> resolved = names.resolve(node);
      if (resolved.isEmpty()) {
        return;
      }
      ResolvedMethodLikeDeclaration method = resolved.orElseThrow();
      Expression qualifier = node.getScope();
      boolean typeQualifier = vars.looksLikeType(qualifier);
      if (JpNames.isConstructor(method) || JpNames.isStatic(method)) {
        add(method, null, JpNames.location(node), runVia());
      } else if (typeQualifier) {
        // Type::instanceMethod: the receiver is the function's argument.
        MethodRef ref = names.ref(method);
        ResolvedType qualifierType = names.type(qualifier).orElse(null);
        calls.add(
            new CallSite(
                ref,
                names.matchOwners(method, qualifierType),
                Receiver.of(ReceiverKind.UNKNOWN, "", names.typeName(qualifierType)),
                JpNames.location(node),
                names.methodMarks(method, ref),
                names.typeMarks(method.declaringType()),
                Marks.NONE,
                runVia(),
                loop && nested > 0));
      } else {
        add(method, qualifier, JpNames.location(node), runVia());
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

  /** Reads what a loop body does to variables declared outside it, and how it leaves the loop. */
  final class BodyReader {
    final List<Exit> exits = new ArrayList<>();
    boolean leavesLoop;
    private final JpScope scope;
    private final Node loopTree;
    private final Map<Sym, Access> accesses = new LinkedHashMap<>();
    private final Set<Node> topLevel = Collections.newSetFromMap(new IdentityHashMap<>());
    private Node bodyRoot;
    private boolean inLambda;

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

    BodyReader(JpScope scope, Node loopTree) {
      this.scope = scope;
      this.loopTree = loopTree;
    }

    void read(Node body) {
      bodyRoot = body;
      topLevel.clear();
      if (body instanceof BlockStmt block) {
        for (Statement s : block.getStatements()) {
          if (s instanceof ExpressionStmt e) {
            topLevel.add(e.getExpression());
          }
        }
      } else if (body instanceof ExpressionStmt e) {
        topLevel.add(e.getExpression());
      } else if (body instanceof Expression e) {
        topLevel.add(e);
      }
      scan(body);
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

    void scan(Node node) {
      if (node == null) {
        return;
      }
      switch (node) {
        case TypeDeclaration<?> t -> {}
        case LocalClassDeclarationStmt t -> {}
        case LocalRecordDeclarationStmt t -> {}
        case ObjectCreationExpr created -> {
          created.getScope().ifPresent(this::scan);
          created.getArguments().forEach(this::scan);
        }
        case LambdaExpr lambda -> {
          // Exits in a lambda leave the lambda, not the loop; but its field writes still count.
          boolean saved = inLambda;
          inLambda = true;
          try {
            scan(lambda.getBody());
          } finally {
            inLambda = saved;
          }
        }
        case AssignExpr assign -> visitAssign(assign);
        case UnaryExpr unary -> visitUnary(unary);
        case NameExpr name -> read(vars.of(name));
        case FieldAccessExpr select -> {
          if (select.getScope() instanceof ThisExpr) {
            read(vars.of(select));
          } else {
            scan(select.getScope());
          }
        }
        case BreakStmt b -> {
          if (!inLambda && leaves(b, b.getLabel().map(l -> l.asString()).orElse(null), true)) {
            leavesLoop = true;
            exits.add(exit(Exit.Kind.BREAK, b, null));
          }
        }
        case ContinueStmt c -> {
          if (!inLambda && leaves(c, c.getLabel().map(l -> l.asString()).orElse(null), false)) {
            leavesLoop = true;
          }
        }
        case ReturnStmt r -> {
          r.getExpression().ifPresent(this::scan);
          if (!inLambda && !isLambdaLoop()) {
            leavesLoop = true;
            exits.add(exit(Exit.Kind.RETURN, r, r.getExpression().orElse(null)));
          }
        }
        default -> {
          for (Node child : node.getChildNodes()) {
            scan(child);
          }
        }
      }
    }

    private Access access(Sym sym) {
      if (sym == null
          || sym.kind == Sym.Kind.TYPE
          || scope.isDeclared(sym)
          || scope.items.contains(sym)) {
        return null;
      }
      boolean field = sym.kind == Sym.Kind.FIELD;
      if (field && sym.constant) {
        return null; // constants
      }
      return accesses.computeIfAbsent(
          sym, s -> new Access(field ? "this." + s.name : s.name, field));
    }

    private void write(Expression variable, boolean reduction, Node whole) {
      Access a = access(vars.of(variable));
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

    private void visitAssign(AssignExpr node) {
      if (node.getOperator() != AssignExpr.Operator.ASSIGN) {
        scan(node.getValue());
        write(node.getTarget(), true, node);
        return;
      }
      Sym target = vars.of(node.getTarget());
      // total = total + x is a reduction when 'total' appears nowhere else on the right.
      Expression value = Exprs.unwrap(node.getValue());
      boolean reduction =
          value instanceof BinaryExpr bin
              && target != null
              && vars.of(bin.getLeft()) == target
              && !mentions(bin.getRight(), target);
      scan(reduction ? ((BinaryExpr) value).getRight() : node.getValue());
      write(node.getTarget(), reduction, node);
      if (node.getTarget() instanceof FieldAccessExpr select) {
        scan(select.getScope()); // a field target's qualifier is still read
      }
    }

    private void visitUnary(UnaryExpr node) {
      switch (node.getOperator()) {
        case PREFIX_INCREMENT, PREFIX_DECREMENT, POSTFIX_INCREMENT, POSTFIX_DECREMENT ->
            write(node.getExpression(), true, node);
        default -> scan(node.getExpression());
      }
    }

    private void read(Sym sym) {
      Access a = access(sym);
      if (a != null) {
        a.read = true;
        a.reductionOnly = false;
        a.seen = true;
      }
    }

    private boolean isLambdaLoop() {
      return !(loopTree instanceof ForEachStmt
          || loopTree instanceof ForStmt
          || loopTree instanceof WhileStmt);
    }

    /** Whether a break/continue's target lies outside the body (it leaves the loop body). */
    private boolean leaves(Node jump, String label, boolean isBreak) {
      for (Node t = jump.getParentNode().orElse(null);
          t != null;
          t = t.getParentNode().orElse(null)) {
        boolean target =
            label != null
                ? t instanceof LabeledStmt l && l.getLabel().asString().equals(label)
                : t instanceof ForStmt
                    || t instanceof ForEachStmt
                    || t instanceof WhileStmt
                    || t instanceof DoStmt
                    || (isBreak && t instanceof SwitchStmt);
        if (t == bodyRoot) {
          return true; // reached the body without passing the target (as the checker decides)
        }
        if (target) {
          return false;
        }
      }
      return true;
    }

    private Exit exit(Exit.Kind kind, Node at, Expression value) {
      boolean depends = value != null && dependsOnResult(value);
      for (Node t = at.getParentNode().orElse(null);
          t != null;
          t = t.getParentNode().orElse(null)) {
        switch (t) {
          case IfStmt i -> depends |= dependsOnResult(i.getCondition());
          case ConditionalExpr c -> depends |= dependsOnResult(c.getCondition());
          case SwitchStmt s -> depends |= dependsOnResult(s.getSelector());
          case WhileStmt w -> depends |= dependsOnResult(w.getCondition());
          case CatchClause c -> depends = true; // leaving from a catch: a retry loop
          default -> {}
        }
        if (t == bodyRoot) {
          break;
        }
      }
      return new Exit(kind, depends, JpNames.location(at));
    }

    /** An expression involving a call, or a variable this iteration computed. */
    private boolean dependsOnResult(Expression expr) {
      boolean[] found = {false};
      new Object() {
        void scan(Node n) {
          if (found[0]) {
            return;
          }
          switch (n) {
            case MethodCallExpr c -> found[0] = true;
            case ObjectCreationExpr c -> {}
            case NameExpr id -> {
              Sym s = vars.of(id);
              if (scope.isDeclared(s) && !scope.items.contains(s)) {
                found[0] = true;
              }
            }
            default -> n.getChildNodes().forEach(this::scan);
          }
        }
      }.scan(expr);
      return found[0];
    }
  }

  private boolean mentions(Node tree, Sym sym) {
    for (NameExpr name : tree.findAll(NameExpr.class)) {
      if (vars.of(name) == sym) {
        return true;
      }
    }
    for (FieldAccessExpr select : tree.findAll(FieldAccessExpr.class)) {
      if (select.getScope() instanceof ThisExpr && vars.of(select) == sym) {
        return true;
      }
    }
    return false;
  }

  // ---------------------------------------------------------------------------------------------
  // Fix facts (the scanner never rewrites, but the message says whether the checker would)

  private FixFacts fixFacts(ForEachStmt loop, JpScope scope, BodyReader body) {
    if (windowOnClasspath == null) {
      windowOnClasspath = names.typeExists(BOUNDED_WINDOW);
    }
    Optional<String> collector = collector(loop);
    boolean captures = capturesMutableLocal(loop.getBody(), scope);
    if (!windowOnClasspath) {
      return new FixFacts(
          false,
          body.leavesLoop,
          captures,
          collector,
          Optional.of("BoundedWindow is not on the classpath"),
          Optional.of("BoundedWindow is not on the classpath"));
    }
    WindowFit fit = new WindowFit(names, loop);
    Optional<String> forEachRace = sharedMutation(loop, scope, false);
    Optional<String> mapRace = sharedMutation(loop, scope, collector.isPresent());
    return new FixFacts(
        true,
        body.leavesLoop,
        captures,
        collector,
        forEachRace.or(() -> fit.blocker("forEach", false)),
        mapRace.or(() -> fit.blocker("map", true)));
  }

  /**
   * The first call in the body that changes a shared, non-thread-safe collection or builder, as the
   * checker's {@code FixReader.sharedMutation} finds it (same order: the tree's pre-order); {@code
   * skipCollector} leaves out the last statement, the list append a {@code map} rewrite turns into
   * its result.
   */
  private Optional<String> sharedMutation(ForEachStmt loop, JpScope scope, boolean skipCollector) {
    Statement skip =
        skipCollector && loop.getBody() instanceof BlockStmt block
            ? block.getStatements().getLast().orElse(null)
            : null;
    for (MethodCallExpr call : loop.getBody().findAll(MethodCallExpr.class)) {
      if ((skip != null && skip.isAncestorOf(call))
          || !SharedMutation.isMutator(call.getNameAsString())
          || call.getScope().isEmpty()) {
        continue;
      }
      Expression on = Exprs.unwrap(call.getScope().orElseThrow());
      Sym target = null;
      if (on instanceof NameExpr id) {
        target = vars.of(id);
      } else if (on instanceof FieldAccessExpr select && select.getScope() instanceof ThisExpr) {
        target = vars.of(select);
      }
      if (target == null || scope.isDeclared(target) || scope.items.contains(target)) {
        continue;
      }
      Optional<String> blocker = SharedMutation.blocker(target.name, declaredType(target));
      if (blocker.isPresent()) {
        return blocker;
      }
    }
    return Optional.empty();
  }

  /** The erased canonical name of the type a variable is declared with, if it resolves. */
  private Optional<String> declaredType(Sym sym) {
    com.github.javaparser.ast.type.Type type = null;
    if (sym.declaration instanceof VariableDeclarator v) {
      type = v.getType();
    } else if (sym.declaration instanceof Parameter p) {
      type = p.getType();
    }
    if (type == null) {
      return Optional.empty();
    }
    try {
      String name = names.typeName(type.resolve());
      return name.isEmpty() ? Optional.empty() : Optional.of(name);
    } catch (RuntimeException | StackOverflowError e) {
      return Optional.empty(); // unresolvable: the shared rule counts it as not thread-safe
    }
  }

  /** The body's last statement appends to a fresh local list nothing else touches. */
  private Optional<String> collector(ForEachStmt loop) {
    if (!(loop.getBody() instanceof BlockStmt block) || block.getStatements().isEmpty()) {
      return Optional.empty();
    }
    Statement last = block.getStatements().getLast().orElseThrow();
    if (!(last instanceof ExpressionStmt stmt)
        || !(stmt.getExpression() instanceof MethodCallExpr add)
        || add.getArguments().size() != 1
        || !add.getNameAsString().equals("add")
        || add.getScope().isEmpty()
        || !(Exprs.unwrap(add.getScope().orElseThrow()) instanceof NameExpr listId)) {
      return Optional.empty();
    }
    Sym list = vars.of(listId);
    if (list == null || list.kind != Sym.Kind.LOCAL) {
      return Optional.empty();
    }
    long uses =
        loop.getBody().findAll(NameExpr.class).stream().filter(n -> vars.of(n) == list).count();
    if (uses != 1) {
      return Optional.empty();
    }
    if (!(loop.getParentNode().orElse(null) instanceof BlockStmt enclosing)) {
      return Optional.empty();
    }
    boolean declared = false;
    for (Statement s : enclosing.getStatements()) {
      if (s == loop) {
        return declared ? Optional.of(list.name) : Optional.empty();
      }
      if (s instanceof ExpressionStmt e
          && e.getExpression() instanceof VariableDeclarationExpr v
          && v.getVariables().stream().anyMatch(d -> vars.declaration(d) == list)) {
        Expression init = list.initializer();
        if (!(init instanceof ObjectCreationExpr created)
            || !created.getArguments().isEmpty()
            || created.getAnonymousClassBody().isPresent()
            || !(created.getType().getNameAsString().equals("ArrayList")
                || created.getType().getNameAsString().equals("LinkedList"))) {
          return Optional.empty();
        }
        declared = true;
      } else if (declared && mentions(s, list)) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  private boolean capturesMutableLocal(Node body, JpScope scope) {
    for (NameExpr id : body.findAll(NameExpr.class)) {
      Sym s = vars.of(id);
      if (s != null
          && s.isLocalOrParam()
          && !scope.isDeclared(s)
          && !scope.items.contains(s)
          && !vars.isEffectivelyFinal(s)) {
        return true;
      }
    }
    return false;
  }
}
