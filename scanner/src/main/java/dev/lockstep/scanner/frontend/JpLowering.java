package dev.lockstep.scanner.frontend;

import com.github.javaparser.ast.ArrayCreationLevel;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.CompactConstructorDeclaration;
import com.github.javaparser.ast.body.ConstructorDeclaration;
import com.github.javaparser.ast.body.InitializerDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.ArrayAccessExpr;
import com.github.javaparser.ast.expr.ArrayCreationExpr;
import com.github.javaparser.ast.expr.ArrayInitializerExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.ClassExpr;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.InstanceOfExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.NullLiteralExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.PatternExpr;
import com.github.javaparser.ast.expr.SuperExpr;
import com.github.javaparser.ast.expr.SwitchExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.TypeExpr;
import com.github.javaparser.ast.expr.TypePatternExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.BreakStmt;
import com.github.javaparser.ast.stmt.CatchClause;
import com.github.javaparser.ast.stmt.ContinueStmt;
import com.github.javaparser.ast.stmt.DoStmt;
import com.github.javaparser.ast.stmt.EmptyStmt;
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
import com.github.javaparser.ast.stmt.SwitchEntry;
import com.github.javaparser.ast.stmt.SwitchStmt;
import com.github.javaparser.ast.stmt.SynchronizedStmt;
import com.github.javaparser.ast.stmt.ThrowStmt;
import com.github.javaparser.ast.stmt.TryStmt;
import com.github.javaparser.ast.stmt.WhileStmt;
import com.github.javaparser.ast.stmt.YieldStmt;
import com.github.javaparser.resolution.declarations.ResolvedMethodDeclaration;
import com.github.javaparser.resolution.declarations.ResolvedMethodLikeDeclaration;
import com.github.javaparser.resolution.declarations.ResolvedReferenceTypeDeclaration;
import com.github.javaparser.resolution.types.ResolvedType;
import dev.lockstep.analysis.body.Node;
import dev.lockstep.analysis.body.Node.Block;
import dev.lockstep.analysis.body.Node.Call;
import dev.lockstep.analysis.body.Node.Case;
import dev.lockstep.analysis.body.Node.Catch;
import dev.lockstep.analysis.body.Node.ClassBody;
import dev.lockstep.analysis.body.Node.Jump;
import dev.lockstep.analysis.body.Node.JumpKind;
import dev.lockstep.analysis.body.Node.Local;
import dev.lockstep.analysis.body.Node.Loop;
import dev.lockstep.analysis.body.Node.LoopKind;
import dev.lockstep.analysis.body.Node.Other;
import dev.lockstep.analysis.body.Node.TypeName;
import dev.lockstep.analysis.body.Src;
import dev.lockstep.analysis.body.Target;
import dev.lockstep.analysis.body.Var;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * Lowers JavaParser bodies into the front-end-neutral {@link Node} tree, binding names the way
 * {@link JavaParserFacts} does ({@link Vars}) and resolving nothing while it lowers: call targets,
 * types and constants are suppliers that ask the symbol solver ({@link JpNames}) on first use.
 *
 * <p>One instance per {@link Vars}: the {@link Var} of a field or local is the same in every body
 * it lowers. Not thread-safe, like the rest of the front end.
 */
@SuppressWarnings("ReferenceEquality") // syntax nodes and symbols by identity, on purpose
final class JpLowering {
  private final JpNames names;
  private final Vars vars;
  private final JpValues values;
  private final JpLoweringNames symbols;

  /** How many trees lowered to {@link Other} because lowering them failed; for tests. */
  int failures;

  JpLowering(JpNames names, Vars vars) {
    this.names = names;
    this.vars = vars;
    this.values = new JpValues(names, vars);
    this.symbols = new JpLoweringNames(names, vars);
  }

  /**
   * A lowered body.
   *
   * @param root the body: a {@link Block} for a method, constructor or initialiser (null for a
   *     method without a body), the {@link Node.Lambda} for a lambda, the node itself for a
   *     statement or expression
   * @param params the parameters of the method, constructor or lambda (empty otherwise)
   */
  record Lowered(
      Node root, List<Var> params, IdentityHashMap<com.github.javaparser.ast.Node, Node> index) {
    Lowered {
      params = List.copyOf(params);
    }

    /**
     * The node lowered from a JavaParser node of the body, or null. Parentheses, expression
     * statements and labelled statements map to the node lowered from what they hold; a declaration
     * of one variable to its {@link Local}.
     */
    Node of(com.github.javaparser.ast.Node tree) {
      return index.get(tree);
    }
  }

  /** The variable a symbol stands for: one instance per symbol for this lowering's lifetime. */
  Var var(Sym sym) {
    return symbols.var(sym);
  }

  /** The variable of {@code sym}, noting where a field the syntax does not bind is named. */
  private Var used(Sym sym, Expression use) {
    Var v = var(sym);
    symbols.used(v, sym, use);
    return v;
  }

  /** Where a field the syntax does not bind ({@code base.workers}) is named in what was lowered. */
  List<Expression> unboundUses(Var field) {
    return symbols.unboundUses(field);
  }

  /** The symbol a variable of this lowering stands for; null for one it did not make. */
  Sym sym(Var var) {
    return symbols.sym(var);
  }

  /**
   * What a resolved method is as a call target.
   *
   * @param receiverType the receiver's type; null when unqualified, static or a constructor
   */
  Optional<Target> target(ResolvedMethodLikeDeclaration method, ResolvedType receiverType) {
    return symbols.target(method, () -> receiverType);
  }

  /**
   * Lowers a method, constructor, initialiser or lambda (or any statement or expression) without
   * resolving anything. Never throws on odd syntax: what it does not model is {@link Other}.
   */
  Lowered lower(com.github.javaparser.ast.Node body) {
    Session s = new Session();
    List<Var> params = new ArrayList<>();
    Node root;
    try {
      root = lower(body, s, params);
    } catch (RuntimeException | StackOverflowError e) {
      failures++;
      // Too deep or too odd to lower: a body that hides nothing, and tells nothing.
      root = new Other(s.src(body), List.of());
    }
    return new Lowered(root, params, s.index);
  }

  private Node lower(com.github.javaparser.ast.Node body, Session s, List<Var> params) {
    Node root;
    switch (body) {
      case CallableDeclaration<?> method -> {
        for (Parameter p : method.getParameters()) {
          params.add(s.declared(p));
        }
        BlockStmt block =
            switch (method) {
              case MethodDeclaration m -> m.getBody().orElse(null);
              case ConstructorDeclaration c -> c.getBody();
              default -> null;
            };
        root = block == null ? null : s.block(block);
      }
      case CompactConstructorDeclaration c -> root = s.block(c.getBody());
      case InitializerDeclaration i -> root = s.block(i.getBody());
      case LambdaExpr lambda -> {
        for (Parameter p : lambda.getParameters()) {
          params.add(s.declared(p));
        }
        root = s.expr(lambda);
      }
      case Statement stmt -> root = s.stmt(stmt);
      case Expression e -> root = s.expr(e);
      default -> root = new Other(s.src(body), List.of());
    }
    return root;
  }

  /** The lowering of one body: its index, and the statements break and continue can leave. */
  private final class Session {
    final IdentityHashMap<com.github.javaparser.ast.Node, Node> index = new IdentityHashMap<>();
    private final IdentityHashMap<com.github.javaparser.ast.Node, Src> srcs =
        new IdentityHashMap<>();
    private Deque<Src> breakable = new ArrayDeque<>();
    private Deque<Src> loops = new ArrayDeque<>();
    private Map<String, Src> labels = new HashMap<>();

    private <T extends Node> T put(com.github.javaparser.ast.Node tree, T node) {
      index.putIfAbsent(tree, node);
      return node;
    }

    Var declared(com.github.javaparser.ast.Node declaration) {
      Sym sym = vars.declaration(declaration);
      return sym == null ? null : var(sym);
    }

    // -- Origins ---------------------------------------------------------------------------------

    /** The one {@link Src} of a tree, made before its children are lowered. */
    Src src(com.github.javaparser.ast.Node tree) {
      Src known = srcs.get(tree);
      if (known != null) {
        return known;
      }
      Supplier<String> source = () -> Exprs.source(tree);
      Src made =
          tree instanceof Expression e && !(tree instanceof PatternExpr)
              ? new Src(
                  e instanceof MethodCallExpr call
                      ? JpNames.callLocation(call)
                      : JpNames.location(e),
                  e,
                  () -> symbols.typeOf(e),
                  () -> constant(e),
                  source)
              : Src.statement(JpNames.location(tree), tree, source);
      srcs.put(tree, made);
      return made;
    }

    private Optional<Object> constant(Expression expression) {
      Expression e = Exprs.unwrap(expression);
      if (e instanceof NullLiteralExpr) {
        return Optional.empty();
      }
      Object literal = JpValues.literal(e);
      if (literal != null) {
        return Optional.of(literal);
      }
      if (!(e instanceof BinaryExpr
          || e instanceof UnaryExpr
          || e instanceof NameExpr
          || e instanceof FieldAccessExpr)) {
        return Optional.empty();
      }
      OptionalInt i = values.intConstant(e);
      if (i.isPresent()) {
        return Optional.of(i.getAsInt());
      }
      OptionalLong l = values.longConstant(e);
      return l.isPresent() ? Optional.of(l.getAsLong()) : Optional.empty();
    }

    // -- Statements ------------------------------------------------------------------------------

    Block block(BlockStmt block) {
      Src src = src(block);
      List<Node> statements = new ArrayList<>();
      for (Statement s : block.getStatements()) {
        into(s, statements);
      }
      return put(block, new Block(src, statements));
    }

    /** Lowers a statement into a list: declarations flattened, empty statements dropped. */
    private void into(Statement s, List<Node> out) {
      if (s instanceof EmptyStmt) {
        return;
      }
      if (s instanceof ExpressionStmt e && e.getExpression() instanceof VariableDeclarationExpr d) {
        List<Local> locals = locals(d);
        if (locals.size() == 1) {
          put(s, locals.get(0));
        }
        out.addAll(locals);
        return;
      }
      out.add(stmt(s));
    }

    private List<Local> locals(VariableDeclarationExpr declaration) {
      List<Local> locals = new ArrayList<>();
      for (VariableDeclarator v : declaration.getVariables()) {
        Src src = src(v);
        Var var = declared(v);
        Node init = v.getInitializer().map(this::expr).orElse(null);
        if (var != null) {
          locals.add(put(v, new Local(src, var, init)));
        }
      }
      if (locals.size() == 1) {
        put(declaration, locals.get(0));
      }
      return locals;
    }

    /** Lowers one statement to one node (an empty statement to an empty block). */
    Node stmt(Statement statement) {
      try {
        return put(statement, lowerStmt(statement));
      } catch (RuntimeException e) {
        failures++;
        return new Other(src(statement), List.of()); // odd syntax: nothing modelled
      }
    }

    private Node lowerStmt(Statement statement) {
      // What has no node of its own: a block is its Block, an expression statement its
      // expression, a labelled statement the statement labelled.
      if (statement instanceof BlockStmt b) {
        return block(b);
      }
      if (statement instanceof ExpressionStmt e
          && !(e.getExpression() instanceof VariableDeclarationExpr)) {
        return expr(e.getExpression());
      }
      if (statement instanceof LabeledStmt l) {
        return labelled(l);
      }
      Src src = src(statement);
      return switch (statement) {
        case ExpressionStmt e ->
            e.getExpression() instanceof VariableDeclarationExpr d
                ? new Other(src, List.copyOf(locals(d)))
                : expr(e.getExpression());
        case EmptyStmt e -> new Block(src, List.of());
        case IfStmt i ->
            new Node.If(
                src,
                expr(i.getCondition()),
                stmt(i.getThenStmt()),
                i.getElseStmt().map(this::stmt).orElse(null));
        case ForStmt f -> {
          List<Node> init = new ArrayList<>();
          for (Expression e : f.getInitialization()) {
            if (e instanceof VariableDeclarationExpr d) {
              init.addAll(locals(d));
            } else {
              init.add(expr(e));
            }
          }
          Node condition = f.getCompare().map(this::expr).orElse(null);
          List<Node> update = f.getUpdate().stream().map(this::expr).toList();
          Node body = loopBody(src, f.getBody(), true);
          yield new Loop(src, LoopKind.FOR, init, condition, update, null, null, body);
        }
        case ForEachStmt f -> {
          Var item = declared(f.getVariable().getVariable(0));
          Node iterable = expr(f.getIterable());
          Node body = loopBody(src, f.getBody(), true);
          yield new Loop(src, LoopKind.FOR_EACH, List.of(), null, List.of(), item, iterable, body);
        }
        case WhileStmt w -> {
          Node condition = expr(w.getCondition());
          Node body = loopBody(src, w.getBody(), true);
          yield new Loop(src, LoopKind.WHILE, List.of(), condition, List.of(), null, null, body);
        }
        case DoStmt d -> {
          Node body = loopBody(src, d.getBody(), true);
          Node condition = expr(d.getCondition());
          yield new Loop(src, LoopKind.DO, List.of(), condition, List.of(), null, null, body);
        }
        case SwitchStmt s -> {
          Node selector = expr(s.getSelector());
          breakable.push(src);
          try {
            yield new Node.Switch(src, selector, cases(s.getEntries()));
          } finally {
            breakable.pop();
          }
        }
        case SynchronizedStmt s ->
            new Node.Synchronized(src, expr(s.getExpression()), block(s.getBody()));
        case TryStmt t -> {
          List<Node> resources = new ArrayList<>();
          for (Expression r : t.getResources()) {
            if (r instanceof VariableDeclarationExpr d) {
              resources.addAll(locals(d));
            } else {
              resources.add(expr(r));
            }
          }
          Block body = block(t.getTryBlock());
          List<Catch> catches = new ArrayList<>();
          for (CatchClause c : t.getCatchClauses()) {
            Src at = src(c);
            Var param = declared(c.getParameter());
            catches.add(put(c, new Catch(at, param, block(c.getBody()))));
          }
          yield new Node.Try(
              src, resources, body, catches, t.getFinallyBlock().map(this::block).orElse(null));
        }
        case ReturnStmt r ->
            new Jump(src, JumpKind.RETURN, r.getExpression().map(this::expr).orElse(null), null);
        case ThrowStmt t -> new Jump(src, JumpKind.THROW, expr(t.getExpression()), null);
        case YieldStmt y -> new Jump(src, JumpKind.YIELD, expr(y.getExpression()), null);
        case BreakStmt b ->
            new Jump(
                src,
                JumpKind.BREAK,
                null,
                b.getLabel().map(l -> labels.get(l.asString())).orElseGet(breakable::peek));
        case ContinueStmt c ->
            new Jump(
                src,
                JumpKind.CONTINUE,
                null,
                c.getLabel().map(l -> labels.get(l.asString())).orElseGet(loops::peek));
        case ExplicitConstructorInvocationStmt c -> {
          Node outer = c.getExpression().map(this::expr).orElse(null);
          List<Node> args = exprs(c.getArguments());
          yield new Call(
              src,
              outer,
              c.isThis() ? "this" : "super",
              args,
              () -> names.resolve(c).flatMap(m -> symbols.target(m, () -> null)));
        }
        case LocalClassDeclarationStmt c -> new ClassBody(src);
        case LocalRecordDeclarationStmt r -> new ClassBody(src);
        default -> new Other(src, children(statement));
      };
    }

    /** {@code label: statement}: the statement, with the label in reach of its jumps. */
    private Node labelled(LabeledStmt l) {
      String label = l.getLabel().asString();
      Src previous = labels.put(label, src(unlabelled(l.getStatement())));
      try {
        return stmt(l.getStatement());
      } finally {
        if (previous == null) {
          labels.remove(label);
        } else {
          labels.put(label, previous);
        }
      }
    }

    /** What a label's jumps target: the statement under any further labels. */
    private com.github.javaparser.ast.Node unlabelled(Statement statement) {
      Statement s = statement;
      while (s instanceof LabeledStmt l) {
        s = l.getStatement();
      }
      return s instanceof ExpressionStmt e ? unparenthesized(e.getExpression()) : s;
    }

    private Node loopBody(Src loop, Statement body, boolean isLoop) {
      breakable.push(loop);
      if (isLoop) {
        loops.push(loop);
      }
      try {
        return stmt(body);
      } finally {
        breakable.pop();
        if (isLoop) {
          loops.pop();
        }
      }
    }

    private List<Case> cases(List<SwitchEntry> entries) {
      List<Case> cases = new ArrayList<>();
      for (SwitchEntry entry : entries) {
        Src src = src(entry);
        List<Node> labelNodes = new ArrayList<>();
        for (Expression label : entry.getLabels()) {
          labelNodes.add(expr(label));
        }
        entry.getGuard().ifPresent(g -> labelNodes.add(expr(g)));
        List<Node> body = new ArrayList<>();
        if (entry.getType() == SwitchEntry.Type.STATEMENT_GROUP) {
          for (Statement s : entry.getStatements()) {
            into(s, body);
          }
        } else if (!entry.getStatements().isEmpty()) {
          body.add(stmt(entry.getStatements().get(0))); // a rule: one expression or statement
        }
        cases.add(put(entry, new Case(src, labelNodes, body)));
      }
      return cases;
    }

    /**
     * Runs {@code lower} where no break, continue or label outside is in reach (a lambda's or a
     * switch expression's body).
     */
    private <T> T isolated(Supplier<T> lower) {
      Deque<Src> savedBreakable = breakable;
      Deque<Src> savedLoops = loops;
      Map<String, Src> savedLabels = labels;
      breakable = new ArrayDeque<>();
      loops = new ArrayDeque<>();
      labels = new HashMap<>();
      try {
        return lower.get();
      } finally {
        breakable = savedBreakable;
        loops = savedLoops;
        labels = savedLabels;
      }
    }

    /** Anything not modelled: its expressions and statements, in source order. */
    private List<Node> children(com.github.javaparser.ast.Node tree) {
      List<Node> out = new ArrayList<>();
      for (com.github.javaparser.ast.Node child : tree.getChildNodes()) {
        if (child instanceof Statement s) {
          into(s, out);
        } else if (child instanceof Expression e) {
          out.add(expr(e));
        }
      }
      return out;
    }

    // -- Expressions -----------------------------------------------------------------------------

    private List<Node> exprs(List<Expression> expressions) {
      List<Node> out = new ArrayList<>();
      for (Expression e : expressions) {
        out.add(expr(e));
      }
      return out;
    }

    private Expression unparenthesized(Expression expression) {
      Expression e = expression;
      while (e instanceof EnclosedExpr p) {
        e = p.getInner();
      }
      return e;
    }

    /** Lowers an expression read as a value. */
    Node expr(Expression expression) {
      try {
        return put(expression, lowerExpr(expression));
      } catch (RuntimeException e) {
        failures++;
        return new Other(src(expression), List.of()); // odd syntax: nothing modelled
      }
    }

    private Node lowerExpr(Expression expression) {
      if (expression instanceof EnclosedExpr p) {
        return expr(p.getInner());
      }
      Src src = src(expression);
      return switch (expression) {
        case CastExpr c -> new Node.Cast(src, expr(c.getExpression()));
        case NameExpr n -> {
          Sym sym = vars.of(n);
          yield sym == null ? new Other(src, List.of()) : new Node.Name(src, used(sym, n));
        }
        case FieldAccessExpr f -> select(src, f);
        case MethodCallExpr c -> call(src, c);
        case ObjectCreationExpr c -> {
          Node outer = c.getScope().map(this::expr).orElse(null);
          List<Node> args = exprs(c.getArguments());
          ClassBody body =
              c.getAnonymousClassBody().isPresent()
                  ? new ClassBody(Src.statement(src.at(), c, () -> Exprs.source(c)))
                  : null;
          yield new Node.New(
              src,
              outer,
              args,
              () -> names.resolve(c).flatMap(m -> symbols.target(m, () -> null)),
              body);
        }
        case ThisExpr t -> new Node.This(src, false);
        case SuperExpr s -> new Node.This(src, true);
        case LambdaExpr l -> {
          List<Var> params = new ArrayList<>();
          for (Parameter p : l.getParameters()) {
            params.add(declared(p));
          }
          Node body =
              isolated(
                  () ->
                      l.getExpressionBody().isPresent()
                          ? expr(l.getExpressionBody().orElseThrow())
                          : stmt(l.getBody()));
          put(l.getBody(), body);
          yield new Node.Lambda(src, params, body);
        }
        case MethodReferenceExpr r -> reference(src, r);
        case AssignExpr a ->
            a.getOperator() == AssignExpr.Operator.ASSIGN
                ? new Node.Assign(src, expr(a.getTarget()), expr(a.getValue()))
                : new Node.CompoundAssign(
                    src,
                    expr(a.getTarget()),
                    a.getOperator().toBinaryOperator().orElseThrow().asString(),
                    expr(a.getValue()));
        case UnaryExpr u ->
            new Node.Unary(src, u.getOperator().asString(), expr(u.getExpression()));
        case BinaryExpr b ->
            new Node.Binary(src, b.getOperator().asString(), expr(b.getLeft()), expr(b.getRight()));
        case ConditionalExpr c ->
            new Node.Conditional(
                src, expr(c.getCondition()), expr(c.getThenExpr()), expr(c.getElseExpr()));
        case NullLiteralExpr n -> new Node.Literal(src, null);
        case ArrayAccessExpr a -> new Node.ArrayAccess(src, expr(a.getName()), expr(a.getIndex()));
        case ArrayCreationExpr a -> {
          List<Node> dimensions = new ArrayList<>();
          for (ArrayCreationLevel level : a.getLevels()) {
            level.getDimension().ifPresent(d -> dimensions.add(expr(d)));
          }
          List<Node> initializers = a.getInitializer().map(i -> exprs(i.getValues())).orElse(null);
          Node.NewArray array = new Node.NewArray(src, dimensions, initializers);
          a.getInitializer().ifPresent(i -> put(i, array));
          yield array;
        }
        case ArrayInitializerExpr i -> new Node.NewArray(src, List.of(), exprs(i.getValues()));
        case InstanceOfExpr i -> {
          List<Node> children = new ArrayList<>();
          children.add(expr(i.getExpression()));
          i.getPattern().ifPresent(p -> children.addAll(bindings(p)));
          yield new Other(src, children);
        }
        case TypePatternExpr t -> pattern(t);
        case PatternExpr p -> new Other(src, List.copyOf(bindings(p)));
        case ClassExpr c -> {
          String written = c.getType().asString();
          String qualified = symbols.qualify(written, c);
          TypeName type = new TypeName(typeSrc(c.getType(), qualified, written), qualified);
          yield new Node.Select(src, put(c.getType(), type), "class", null);
        }
        case TypeExpr t -> qualifier(t);
        case SwitchExpr s ->
            isolated(() -> new Node.Switch(src, expr(s.getSelector()), cases(s.getEntries())));
        case VariableDeclarationExpr d -> new Other(src, List.copyOf(locals(d)));
        default -> {
          Object literal = JpValues.literal(expression);
          yield literal != null
              ? new Node.Literal(src, literal)
              : new Other(src, children(expression));
        }
      };
    }

    /** {@code x instanceof Point(int a, var b)}: a {@link Local} per binding, in source order. */
    private List<Local> bindings(PatternExpr pattern) {
      List<Local> out = new ArrayList<>();
      for (TypePatternExpr t : pattern.findAll(TypePatternExpr.class)) {
        out.add(pattern(t));
      }
      return out;
    }

    private Local pattern(TypePatternExpr t) {
      Local known = index.get(t) instanceof Local l ? l : null;
      return known != null ? known : put(t, new Local(src(t), declared(t), null));
    }

    /** Lowers the qualifier of a call, field access or method reference. */
    private Node qualifier(Expression expression) {
      Expression e = unparenthesized(expression);
      if ((e instanceof NameExpr || e instanceof FieldAccessExpr || e instanceof TypeExpr)
          && vars.looksLikeType(e)) {
        String written = JpLoweringNames.written(e);
        String qualified = symbols.qualify(written, e);
        return put(e, new TypeName(typeSrc(e, qualified, written), qualified));
      }
      if (e instanceof TypeExpr t) {
        // erp::submit: a variable JavaParser parsed as a type.
        Sym sym = vars.of(t);
        return put(t, sym == null ? new Other(src(t), List.of()) : new Node.Name(src(t), var(sym)));
      }
      return expr(e);
    }

    private Src typeSrc(com.github.javaparser.ast.Node tree, String qualified, String written) {
      Src made =
          new Src(
              JpNames.location(tree),
              tree,
              () -> symbols.typeNamed(qualified, written, tree),
              Optional::empty,
              () -> Exprs.source(tree));
      srcs.putIfAbsent(tree, made);
      return made;
    }

    private Node select(Src src, FieldAccessExpr access) {
      Expression scope = access.getScope();
      Node base = qualifier(scope);
      String name = access.getNameAsString();
      Var field = isArrayLength(access) ? null : used(vars.of(access), access);
      return new Node.Select(src, base, name, field);
    }

    /**
     * {@code a.length} through anything but {@code this}, unless the syntax says {@code a} is no
     * array (a variable declared with a type that is not one): the array's length, not a field.
     */
    private boolean isArrayLength(FieldAccessExpr access) {
      if (!access.getNameAsString().equals("length")) {
        return false;
      }
      Expression scope = unparenthesized(access.getScope());
      if (scope instanceof ThisExpr || scope instanceof SuperExpr) {
        return false;
      }
      Sym sym = scope instanceof NameExpr ? vars.of(scope) : null;
      com.github.javaparser.ast.type.Type declared = null;
      if (sym != null && sym.declaration instanceof VariableDeclarator v) {
        declared = v.getType();
      } else if (sym != null && sym.declaration instanceof Parameter p && !p.isVarArgs()) {
        declared = p.getType();
      }
      return declared == null || declared.isArrayType() || declared.isVarType();
    }

    private Node call(Src src, MethodCallExpr call) {
      Expression on = call.getScope().orElse(null);
      Node receiver = on == null ? null : qualifier(on);
      List<Node> args = exprs(call.getArguments());
      return new Call(
          src,
          receiver,
          call.getNameAsString(),
          args,
          () ->
              names.resolve(call).flatMap(m -> symbols.target(m, () -> callReceiverType(call, m))));
    }

    /** As {@code CallReader.visitCall} and {@code add}: the receiver's type, if it has one. */
    private ResolvedType callReceiverType(MethodCallExpr call, ResolvedMethodLikeDeclaration m) {
      Expression on = call.getScope().orElse(null);
      if (on == null
          || JpNames.isConstructor(m)
          || (vars.looksLikeType(on) && JpNames.isStatic(m))) {
        return null;
      }
      return names.type(Exprs.unwrap(on)).orElse(null);
    }

    /**
     * {@code Type::m} the solver could not resolve (it fails on items typed with a type variable of
     * the class, {@code Map<String, W<T>>}): the one method named {@code m} that the type declares,
     * when it declares exactly one, as Java would pick it.
     */
    private Optional<ResolvedMethodLikeDeclaration> onlyDeclared(
        Expression scope, MethodReferenceExpr ref) {
      try {
        String written = JpLoweringNames.written(unparenthesized(scope));
        String qualified = symbols.qualify(written, scope);
        Optional<ResolvedReferenceTypeDeclaration> type = names.typeDeclaration(qualified);
        if (type.isEmpty() && !qualified.contains(".")) {
          String pkg =
              scope
                  .findCompilationUnit()
                  .flatMap(CompilationUnit::getPackageDeclaration)
                  .map(d -> d.getNameAsString() + ".")
                  .orElse("");
          type = names.typeDeclaration(pkg + qualified);
        }
        if (type.isEmpty()) {
          return Optional.empty();
        }
        List<ResolvedMethodDeclaration> named =
            type.orElseThrow().getDeclaredMethods().stream()
                .filter(m -> m.getName().equals(ref.getIdentifier()))
                .toList();
        return named.size() == 1 ? Optional.of(named.get(0)) : Optional.empty();
      } catch (RuntimeException | StackOverflowError e) {
        return Optional.empty();
      }
    }

    private Node reference(Src src, MethodReferenceExpr ref) {
      Expression scope = ref.getScope();
      boolean typeQualifier = vars.looksLikeType(scope);
      Node qualifier = qualifier(scope);
      Supplier<Optional<Target>> target =
          () ->
              names
                  .resolve(ref)
                  .or(() -> typeQualifier ? onlyDeclared(scope, ref) : Optional.empty())
                  .flatMap(
                      m -> {
                        // Type::m applied to a stream's or an iterable's items runs their override.
                        Optional<JpNames.ItemsOverride> override =
                            typeQualifier ? names.itemsOverride(ref, m) : Optional.empty();
                        if (override.isPresent()) {
                          return symbols.target(
                              override.orElseThrow().method(),
                              () -> override.orElseThrow().items());
                        }
                        return symbols.target(
                            m,
                            () ->
                                JpNames.isConstructor(m) || JpNames.isStatic(m)
                                    ? null
                                    : names.type(Exprs.unwrap(scope)).orElse(null));
                      });
      return new Node.MethodReference(src, qualifier, typeQualifier, ref.getIdentifier(), target);
    }
  }
}
