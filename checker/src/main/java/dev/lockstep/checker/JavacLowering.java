package dev.lockstep.checker;

import static dev.lockstep.checker.Trees2.methodSymbol;
import static dev.lockstep.checker.Trees2.symbol;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EmptyStatementTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.tree.YieldTree;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.PackageSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.tree.JCTree;
import com.sun.tools.javac.tree.JCTree.JCCompilationUnit;
import com.sun.tools.javac.tree.TreeInfo;
import dev.lockstep.analysis.body.JType;
import dev.lockstep.analysis.body.Node;
import dev.lockstep.analysis.body.Node.JumpKind;
import dev.lockstep.analysis.body.Node.LoopKind;
import dev.lockstep.analysis.body.Src;
import dev.lockstep.analysis.body.Target;
import dev.lockstep.analysis.body.Var;
import dev.lockstep.analysis.facts.Marks;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Lowers attributed javac trees into the body representation ({@code dev.lockstep.analysis.body}).
 * One instance per compilation: a variable is the same {@link Var} in every body lowered, and a
 * tree is lowered once (asking again returns the same node), so a reading may start from a method,
 * a loop or a lambda and still meet the same nodes.
 *
 * <p>Types, constants, source texts and call targets are computed only when a reading asks.
 */
@SuppressWarnings("ReferenceEquality") // javac trees and symbols are compared by identity
final class JavacLowering {
  private final JavacNames names;
  private final Map<Symbol, Var> vars = new HashMap<>();
  private final IdentityHashMap<Var, VarSymbol> symbols = new IdentityHashMap<>();
  private final IdentityHashMap<Tree, Node> nodes = new IdentityHashMap<>();
  private final IdentityHashMap<Tree, Src> srcs = new IdentityHashMap<>();
  private final IdentityHashMap<Tree, CompilationUnitTree> classUnits = new IdentityHashMap<>();
  private final IdentityHashMap<CompilationUnitTree, CharSequence> contents =
      new IdentityHashMap<>();

  /**
   * The items' type of the call a method reference is an argument of, when that call is made on a
   * {@code Stream} or an {@code Iterable}: {@code Type::m} is applied to those items.
   */
  private final IdentityHashMap<Tree, Type> referenceItems = new IdentityHashMap<>();

  JavacLowering(JavacNames names) {
    this.names = names;
  }

  /** The node lowered from {@code tree} (lowering it and what is under it first if need be). */
  Node lower(Tree tree, CompilationUnitTree unit) {
    return new Lowerer(unit).lower(tree);
  }

  /** The bodies of the methods a local or anonymous class declares, lowered in its file. */
  List<Node> methodsOf(Node.ClassBody body) {
    CompilationUnitTree unit = classUnits.get((Tree) body.src().tree());
    List<Node> bodies = new ArrayList<>();
    if (unit != null && body.src().tree() instanceof ClassTree cls) {
      for (Tree member : cls.getMembers()) {
        // Methods only, as the scanner reads them: not the constructor javac adds to an
        // anonymous class (its super(...) call), nor a local class's constructors.
        if (member instanceof MethodTree m
            && m.getBody() != null
            && !m.getName().contentEquals("<init>")) {
          bodies.add(lower(m.getBody(), unit));
        }
      }
    }
    return bodies;
  }

  /** The variable for {@code symbol}; null for symbols that are not variables. */
  Var var(Symbol symbol) {
    if (!(symbol instanceof VarSymbol v) || v.name.contentEquals("this")) {
      return null;
    }
    return vars.computeIfAbsent(v, s -> newVar(v));
  }

  /** The symbol {@code var} was made for; null for variables this lowering did not make. */
  VarSymbol symbolOf(Var var) {
    return var == null ? null : symbols.get(var);
  }

  private Var newVar(VarSymbol v) {
    boolean field = v.owner instanceof ClassSymbol;
    Var.Kind kind =
        field
            ? Var.Kind.FIELD
            : (v.flags() & Flags.PARAMETER) != 0 ? Var.Kind.PARAMETER : Var.Kind.LOCAL;
    long finals = field ? Flags.FINAL : Flags.FINAL | Flags.EFFECTIVELY_FINAL;
    Var var =
        new Var(
            kind,
            v.name.toString(),
            (v.flags() & Flags.STATIC) != 0,
            // Read on every use: Flow sets EFFECTIVELY_FINAL, maybe after this lowering.
            () -> (v.flags() & finals) != 0,
            () -> jtype(v.type),
            () -> field ? names.marksOf(v) : Marks.NONE);
    symbols.put(var, v);
    return var;
  }

  JType jtype(Type type) {
    return names.jtype(type);
  }

  /** What a call of {@code method} on a {@code receiverType} resolves to. */
  Optional<Target> target(MethodSymbol method, Type receiverType) {
    if (method == null) {
      return Optional.empty();
    }
    return Optional.of(
        new Target(
            names.ref(method),
            jtype(method.owner.type),
            names.matchOwners(method, receiverType),
            method.isStatic(),
            method.isConstructor(),
            (method.flags() & Flags.SYNCHRONIZED) != 0,
            names.methodMarks(method),
            names.typeMarks(method.owner)));
  }

  private static Object constant(Tree tree) {
    Type type = Trees2.type(tree);
    return type == null ? null : type.constValue();
  }

  private static boolean isType(Symbol symbol) {
    return symbol instanceof ClassSymbol || symbol instanceof PackageSymbol;
  }

  /** Lowers the trees of one compilation unit. */
  private final class Lowerer {
    private final CompilationUnitTree unit;

    Lowerer(CompilationUnitTree unit) {
      this.unit = unit;
    }

    Node lower(Tree tree) {
      if (tree == null) {
        return null;
      }
      Node known = nodes.get(tree);
      if (known != null) {
        return known;
      }
      Node node;
      try {
        node = lowerNew(tree);
      } catch (RuntimeException | AssertionError e) {
        // Odd or half-attributed trees: keep what is under them, judge nothing about the tree.
        node = new Node.Other(statementSrc(tree), List.of());
      }
      nodes.put(tree, node);
      return node;
    }

    private List<Node> lowerAll(List<? extends Tree> trees) {
      List<Node> out = new ArrayList<>();
      if (trees != null) {
        for (Tree t : trees) {
          if (t instanceof EmptyStatementTree) {
            continue;
          }
          out.add(lower(t));
        }
      }
      return out;
    }

    private Node.Block block(Tree tree) {
      if (tree == null) {
        return null;
      }
      return lower(tree) instanceof Node.Block b
          ? b
          : new Node.Block(statementSrc(tree), List.of(lower(tree)));
    }

    /** The Src of a tree, made before its node so jumps to it can name it. */
    private Src src(Tree tree, Tree at) {
      if (tree instanceof LabeledStatementTree labeled) {
        return src(labeled.getStatement(), labeled.getStatement());
      }
      return srcs.computeIfAbsent(
          tree,
          t ->
              new Src(
                  JavacNames.location(unit, at),
                  t,
                  () -> jtype(Trees2.type(t)),
                  () -> Optional.ofNullable(constant(t)),
                  () -> source(t)));
    }

    private Src src(Tree tree) {
      return src(tree, tree);
    }

    private Src statementSrc(Tree tree) {
      return src(tree);
    }

    private String source(Tree tree) {
      CharSequence content =
          contents.computeIfAbsent(
              unit,
              u -> {
                try {
                  return u.getSourceFile().getCharContent(true);
                } catch (IOException | RuntimeException e) {
                  return "";
                }
              });
      if (tree instanceof JCTree jc && unit instanceof JCCompilationUnit cu) {
        int start = TreeInfo.getStartPos(jc);
        int end = TreeInfo.getEndPos(jc, cu.endPositions);
        if (start >= 0 && end > start && end <= content.length()) {
          return content.subSequence(start, end).toString();
        }
      }
      return tree.toString();
    }

    private Node lowerNew(Tree tree) {
      return switch (tree) {
        case ParenthesizedTree p -> lower(p.getExpression());
        case LabeledStatementTree l -> lower(l.getStatement());
        case ExpressionStatementTree e -> lower(e.getExpression());
        case TypeCastTree c -> new Node.Cast(src(c), lower(c.getExpression()));
        case IdentifierTree id -> identifier(id);
        case MemberSelectTree s -> select(s);
        case MethodInvocationTree call -> call(call);
        case NewClassTree created -> {
          MethodSymbol ctor = methodSymbol(created);
          yield new Node.New(
              src(created),
              lower(created.getEnclosingExpression()),
              lowerAll(created.getArguments()),
              () -> target(ctor, null),
              created.getClassBody() == null ? null : classBody(created.getClassBody()));
        }
        case LambdaExpressionTree lambda -> {
          List<Var> params = new ArrayList<>();
          for (VariableTree p : lambda.getParameters()) {
            Var v = var(symbol(p));
            if (v != null) {
              params.add(v);
            }
          }
          yield new Node.Lambda(src(lambda), params, lower(lambda.getBody()));
        }
        case MemberReferenceTree ref -> reference(ref);
        case AssignmentTree a ->
            new Node.Assign(src(a), lower(a.getVariable()), lower(a.getExpression()));
        case CompoundAssignmentTree a ->
            new Node.CompoundAssign(
                src(a), lower(a.getVariable()), operator(a.getKind()), lower(a.getExpression()));
        case UnaryTree u -> new Node.Unary(src(u), operator(u.getKind()), lower(u.getExpression()));
        case BinaryTree b ->
            new Node.Binary(
                src(b),
                operator(b.getKind()),
                lower(b.getLeftOperand()),
                lower(b.getRightOperand()));
        case ConditionalExpressionTree c ->
            new Node.Conditional(
                src(c),
                lower(c.getCondition()),
                lower(c.getTrueExpression()),
                lower(c.getFalseExpression()));
        case LiteralTree l -> new Node.Literal(src(l), l.getValue());
        case ArrayAccessTree a ->
            new Node.ArrayAccess(src(a), lower(a.getExpression()), lower(a.getIndex()));
        case NewArrayTree a ->
            new Node.NewArray(
                src(a),
                lowerAll(a.getDimensions()),
                a.getInitializers() == null ? null : lowerAll(a.getInitializers()));
        case BlockTree b -> new Node.Block(src(b), lowerAll(b.getStatements()));
        case VariableTree v -> {
          Var var = var(symbol(v));
          yield var == null
              ? new Node.Other(src(v), lowerAll(List.of(v.getInitializer())))
              : new Node.Local(src(v), var, lower(v.getInitializer()));
        }
        case IfTree i ->
            new Node.If(
                src(i),
                lower(i.getCondition()),
                lower(i.getThenStatement()),
                lower(i.getElseStatement()));
        case ForLoopTree f -> {
          Src src = src(f);
          yield new Node.Loop(
              src,
              LoopKind.FOR,
              lowerAll(f.getInitializer()),
              lower(f.getCondition()),
              lowerAll(f.getUpdate()),
              null,
              null,
              lower(f.getStatement()));
        }
        case EnhancedForLoopTree f -> {
          Src src = src(f);
          Var item = var(symbol(f.getVariable()));
          yield new Node.Loop(
              src,
              LoopKind.FOR_EACH,
              List.of(),
              null,
              List.of(),
              item,
              lower(f.getExpression()),
              lower(f.getStatement()));
        }
        case WhileLoopTree w -> {
          Src src = src(w);
          yield new Node.Loop(
              src,
              LoopKind.WHILE,
              List.of(),
              lower(w.getCondition()),
              List.of(),
              null,
              null,
              lower(w.getStatement()));
        }
        case DoWhileLoopTree d -> {
          Src src = src(d);
          yield new Node.Loop(
              src,
              LoopKind.DO,
              List.of(),
              lower(d.getCondition()),
              List.of(),
              null,
              null,
              lower(d.getStatement()));
        }
        case SwitchTree s -> new Node.Switch(src(s), lower(s.getExpression()), cases(s.getCases()));
        case SwitchExpressionTree s ->
            new Node.Switch(src(s), lower(s.getExpression()), cases(s.getCases()));
        case SynchronizedTree s ->
            new Node.Synchronized(src(s), lower(s.getExpression()), block(s.getBlock()));
        case TryTree t -> {
          List<Node.Catch> catches = new ArrayList<>();
          for (CatchTree c : t.getCatches()) {
            Var param = var(symbol(c.getParameter()));
            if (param != null) {
              catches.add(new Node.Catch(src(c), param, block(c.getBlock())));
            }
          }
          yield new Node.Try(
              src(t),
              lowerAll(t.getResources()),
              block(t.getBlock()),
              catches,
              block(t.getFinallyBlock()));
        }
        case BreakTree b ->
            new Node.Jump(src(b), JumpKind.BREAK, null, jumpTarget(((JCTree.JCBreak) b).target));
        case ContinueTree c ->
            new Node.Jump(
                src(c), JumpKind.CONTINUE, null, jumpTarget(((JCTree.JCContinue) c).target));
        case ReturnTree r -> new Node.Jump(src(r), JumpKind.RETURN, lower(r.getExpression()), null);
        case ThrowTree t -> new Node.Jump(src(t), JumpKind.THROW, lower(t.getExpression()), null);
        case YieldTree y -> new Node.Jump(src(y), JumpKind.YIELD, lower(y.getValue()), null);
        case ClassTree c -> classBody(c);
        case MethodTree m -> lower(m.getBody());
        default -> new Node.Other(src(tree), lowerAll(childrenOf(tree)));
      };
    }

    private Node.ClassBody classBody(ClassTree tree) {
      classUnits.put(tree, unit);
      return new Node.ClassBody(src(tree));
    }

    private Src jumpTarget(JCTree target) {
      return target == null ? null : src(target);
    }

    private List<Node.Case> cases(List<? extends CaseTree> cases) {
      List<Node.Case> out = new ArrayList<>();
      for (CaseTree c : cases) {
        List<Node> labels = new ArrayList<>(lowerAll(c.getExpressions()));
        if (c.getGuard() != null) {
          labels.add(lower(c.getGuard()));
        }
        List<Node> body =
            c.getCaseKind() == CaseTree.CaseKind.RULE
                ? lowerAll(List.of(c.getBody()))
                : lowerAll(c.getStatements());
        out.add(new Node.Case(src(c), labels, body));
      }
      return out;
    }

    private Node identifier(IdentifierTree id) {
      String name = id.getName().toString();
      if (name.equals("this") || name.equals("super")) {
        return new Node.This(src(id), name.equals("super"));
      }
      Symbol sym = symbol(id);
      if (isType(sym)) {
        return new Node.TypeName(src(id), names.typeName(sym.type));
      }
      Var v = var(sym);
      return v == null ? new Node.Other(src(id), List.of()) : new Node.Name(src(id), v);
    }

    private Node select(MemberSelectTree s) {
      String name = s.getIdentifier().toString();
      Symbol sym = symbol(s);
      if (isType(sym)) {
        return new Node.TypeName(
            src(s), sym instanceof ClassSymbol ? names.typeName(sym.type) : "");
      }
      if (name.equals("this") || name.equals("super")) {
        return new Node.This(src(s), name.equals("super"));
      }
      return new Node.Select(src(s), lower(s.getExpression()), name, var(sym));
    }

    private Node call(MethodInvocationTree call) {
      MethodSymbol method = methodSymbol(call.getMethodSelect());
      ExpressionTree select = call.getMethodSelect();
      Src src = src(call, select);
      Node receiver = null;
      String name;
      Type receiverType = null;
      if (select instanceof MemberSelectTree s) {
        receiver = lower(s.getExpression());
        name = s.getIdentifier().toString();
        if (!isType(symbol(Trees2.unwrap(s.getExpression())))) {
          receiverType = Trees2.type(Trees2.unwrap(s.getExpression()));
        }
      } else {
        name = ((IdentifierTree) select).getName().toString();
      }
      Type finalReceiverType = receiverType;
      Type items = itemsOf(receiverType);
      if (items != null) {
        for (ExpressionTree arg : call.getArguments()) {
          if (Trees2.unwrap(arg) instanceof MemberReferenceTree ref) {
            referenceItems.put(ref, items);
          }
        }
      }
      return new Node.Call(
          src,
          receiver,
          name,
          lowerAll(call.getArguments()),
          () -> target(method, finalReceiverType));
    }

    private Node reference(MemberReferenceTree ref) {
      MethodSymbol method = methodSymbol(ref);
      ExpressionTree qualifier = ref.getQualifierExpression();
      boolean typeQualifier = isType(symbol(Trees2.unwrap(qualifier)));
      Type receiverType;
      if (method == null || method.isConstructor() || method.isStatic()) {
        receiverType = null;
      } else if (typeQualifier) {
        receiverType = Trees2.type(qualifier);
      } else {
        receiverType = Trees2.type(Trees2.unwrap(qualifier));
      }
      String name =
          ref.getMode() == MemberReferenceTree.ReferenceMode.NEW ? "new" : ref.getName().toString();
      return new Node.MethodReference(
          src(ref),
          lower(qualifier),
          typeQualifier,
          name,
          () -> {
            // Type::m applied to a stream's or an iterable's items runs their override.
            MethodSymbol override = typeQualifier ? itemsOverride(ref, method) : null;
            return override != null
                ? target(override, referenceItems.get(ref))
                : target(method, receiverType);
          });
    }
  }

  /**
   * The type of a {@code Stream}'s or an {@code Iterable}'s items ({@code ? extends T} read as
   * {@code T}); null for other types and for items of an unknown or {@code ? super} type.
   */
  private Type itemsOf(Type receiver) {
    if (receiver == null || !receiver.hasTag(com.sun.tools.javac.code.TypeTag.CLASS)) {
      return null;
    }
    for (Type t : names.types().closure(receiver)) {
      String owner = t.tsym.getQualifiedName().toString();
      if (owner.equals("java.util.stream.Stream") || owner.equals("java.lang.Iterable")) {
        if (t.getTypeArguments().isEmpty()) {
          return null;
        }
        Type item = t.getTypeArguments().head;
        if (item instanceof Type.WildcardType w) {
          item = w.kind == com.sun.tools.javac.code.BoundKind.EXTENDS ? w.type : null;
        }
        return item;
      }
    }
    return null;
  }

  /**
   * The override an unbound reference {@code Type::m} to an abstract {@code m} runs on the items of
   * the call it is passed to ({@link #referenceItems}): the one the items' class declares or
   * inherits from a superclass, as a call on an item of that static type resolves. Null when the
   * items' type is an interface, a type variable or unknown, or no class of it declares a body.
   */
  private MethodSymbol itemsOverride(MemberReferenceTree ref, MethodSymbol method) {
    Type items = referenceItems.get(ref);
    if (items == null
        || method == null
        || method.isStatic()
        || (method.flags() & Flags.ABSTRACT) == 0
        || !(items.tsym instanceof ClassSymbol origin)
        || origin.isInterface()) {
      return null;
    }
    var types = names.types();
    for (Type c = items;
        c.tsym instanceof ClassSymbol cls && c.hasTag(com.sun.tools.javac.code.TypeTag.CLASS);
        c = types.supertype(c)) {
      for (Symbol member : cls.members().getSymbolsByName(method.name)) {
        if (member instanceof MethodSymbol m
            && (m.flags() & Flags.ABSTRACT) == 0
            && !m.isStatic()
            && m.overrides(method, origin, types, true)) {
          return m;
        }
      }
    }
    return null;
  }

  private static String operator(Tree.Kind kind) {
    return switch (kind) {
      case PREFIX_INCREMENT, POSTFIX_INCREMENT -> "++";
      case PREFIX_DECREMENT, POSTFIX_DECREMENT -> "--";
      case LOGICAL_COMPLEMENT -> "!";
      case UNARY_MINUS, MINUS, MINUS_ASSIGNMENT -> "-";
      case UNARY_PLUS, PLUS, PLUS_ASSIGNMENT -> "+";
      case BITWISE_COMPLEMENT -> "~";
      case MULTIPLY, MULTIPLY_ASSIGNMENT -> "*";
      case DIVIDE, DIVIDE_ASSIGNMENT -> "/";
      case REMAINDER, REMAINDER_ASSIGNMENT -> "%";
      case LEFT_SHIFT, LEFT_SHIFT_ASSIGNMENT -> "<<";
      case RIGHT_SHIFT, RIGHT_SHIFT_ASSIGNMENT -> ">>";
      case UNSIGNED_RIGHT_SHIFT, UNSIGNED_RIGHT_SHIFT_ASSIGNMENT -> ">>>";
      case LESS_THAN -> "<";
      case GREATER_THAN -> ">";
      case LESS_THAN_EQUAL -> "<=";
      case GREATER_THAN_EQUAL -> ">=";
      case EQUAL_TO -> "==";
      case NOT_EQUAL_TO -> "!=";
      case AND, AND_ASSIGNMENT -> "&";
      case XOR, XOR_ASSIGNMENT -> "^";
      case OR, OR_ASSIGNMENT -> "|";
      case CONDITIONAL_AND -> "&&";
      case CONDITIONAL_OR -> "||";
      default -> kind.name();
    };
  }

  /** The direct children of a tree this lowering has no kind for, in source order. */
  private static List<Tree> childrenOf(Tree tree) {
    List<Tree> children = new ArrayList<>();
    // accept() visits the tree itself; every scan() it makes is of a direct child.
    tree.accept(
        new TreeScanner<Void, Void>() {
          @Override
          public Void scan(Tree t, Void unused) {
            if (t != null) {
              children.add(t);
            }
            return null;
          }
        },
        null);
    return children;
  }
}
