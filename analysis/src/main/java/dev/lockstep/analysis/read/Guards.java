package dev.lockstep.analysis.read;

import dev.lockstep.analysis.body.Node;
import dev.lockstep.analysis.body.Node.Binary;
import dev.lockstep.analysis.body.Node.Block;
import dev.lockstep.analysis.body.Node.Call;
import dev.lockstep.analysis.body.Node.If;
import dev.lockstep.analysis.body.Node.Jump;
import dev.lockstep.analysis.body.Node.Literal;
import dev.lockstep.analysis.body.Node.Name;
import dev.lockstep.analysis.body.Node.New;
import dev.lockstep.analysis.body.Node.Select;
import dev.lockstep.analysis.body.Node.This;
import dev.lockstep.analysis.body.Node.Unary;
import dev.lockstep.analysis.body.Nodes;
import dev.lockstep.analysis.body.Var;
import dev.lockstep.analysis.facts.Argument;
import dev.lockstep.analysis.facts.Guard;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The conditions around the node being read, innermost last, and what they make of a call there
 * ({@link Guard}). {@link CallReader} pushes a condition when it enters a branch, and for the rest
 * of a block after an early exit ({@code if (cached != null) return cached;}: what follows runs
 * only when {@code cached == null}).
 *
 * <p>What counts as "the first time only" ({@link Guard.Kind#FIRST_TIME}): the call runs only while
 * a field is {@code null}, a field's map or set does not hold the key yet, or a local read from
 * such a field's map is {@code null} — state that one run fills in for the next. Conditions on a
 * boolean parameter alone are {@link Guard.Kind#PARAMETER}; everything else is a {@link
 * Guard.Kind#CONDITION}.
 */
@SuppressWarnings("ReferenceEquality") // variables compare by identity
final class Guards {
  /** Lookups that say whether a key is already held. */
  private static final Set<String> MEMBERSHIP =
      Set.of("containsKey", "contains", "containsValue", "isPresent", "exists");

  /** Lookups whose {@code null} means "not there yet". */
  private static final Set<String> LOOKUPS =
      Set.of("get", "getIfPresent", "peek", "find", "lookup", "getIfCached");

  /**
   * One condition: the call runs when {@code condition} evaluates to {@code holds}; {@code label}
   * names it when its source does not (a switch case), else empty.
   */
  record Cond(Node condition, boolean holds, String label) {}

  private final List<Cond> stack = new ArrayList<>();
  private final BodyScope scope;

  Guards(BodyScope scope) {
    this.scope = scope;
  }

  void push(Node condition, boolean holds) {
    stack.add(new Cond(condition, holds, ""));
  }

  /** A switch case: the call runs when {@code selector} matches {@code labels}. */
  void pushCase(Node selector, List<Node> labels) {
    String text =
        labels.isEmpty()
            ? "default"
            : labels.stream().map(l -> l.src().source().strip()).collect(Collectors.joining(", "));
    stack.add(new Cond(selector, true, selector.src().source().strip() + " is " + text));
  }

  void pop() {
    stack.remove(stack.size() - 1);
  }

  /** How many conditions are open; to pop back to after a block. */
  int depth() {
    return stack.size();
  }

  void popTo(int depth) {
    while (stack.size() > depth) {
      pop();
    }
  }

  /** The guard of a call made here. */
  Guard current() {
    if (stack.isEmpty()) {
      return Guard.ALWAYS;
    }
    for (Cond c : stack) {
      if (c.label().isEmpty() && absentState(c.condition(), c.holds())) {
        return Guard.firstTime(text(c));
      }
    }
    if (stack.size() == 1 && stack.get(0).label().isEmpty()) {
      Cond only = stack.get(0);
      Node tested = Nodes.unwrap(only.condition());
      boolean holds = only.holds();
      while (tested instanceof Unary u && u.operator().equals("!")) {
        tested = Nodes.unwrap(u.operand());
        holds = !holds;
      }
      int index = parameterIndex(tested);
      if (index >= 0) {
        return Guard.onParameter(text(only), index, holds);
      }
      return Guard.oneSide(text(only), only.condition().src().at(), only.holds());
    }
    return Guard.condition(stack.stream().map(Guards::text).collect(Collectors.joining(" && ")));
  }

  /** What an argument is, for the callee's parameter guards. */
  Argument argument(Node arg) {
    Node a = Nodes.unwrap(arg);
    if (a instanceof Literal literal && literal.value() instanceof Boolean b) {
      return b ? Argument.TRUE : Argument.FALSE;
    }
    Var v = Nodes.var(a);
    if (v != null && v.isConstant() && a.src().constant().orElse(null) instanceof Boolean b) {
      return b ? Argument.TRUE : Argument.FALSE;
    }
    int index = parameterIndex(a);
    if (index >= 0) {
      return Argument.parameter(index);
    }
    // What a call returns, or a URL's origin ({@code new URL(base, name)}, {@code jarBaseUrl(u)}),
    // also through a local initialised with one.
    Node made =
        v != null && !v.isField() && scope.declared.get(v) != null ? scope.declared.get(v) : a;
    if (Nodes.unwrap(made) instanceof Call || Nodes.unwrap(made) instanceof New) {
      Argument origin = UrlOrigins.of(made, scope);
      if (origin.kind() != Argument.Kind.OTHER) {
        return origin;
      }
    }
    if (v != null
        && (v.isField() || (!scope.isDeclared(v) && !scope.items.contains(v)))
        && !v.isConstant()) {
      return Argument.shared(v.name());
    }
    return Argument.OTHER;
  }

  /** The variables the open conditions read (for a loop: state the body may change). */
  Set<Var> readByConditions() {
    Set<Var> read = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Cond c : stack) {
      Nodes.any(
          c.condition(),
          n -> {
            Var v = Nodes.var(n);
            if (v != null) {
              read.add(v);
            }
            return false;
          });
    }
    return read;
  }

  /** The index of the method parameter {@code node} names, or {@code -1}. */
  int parameterOf(Node node) {
    return parameterIndex(Nodes.unwrap(node));
  }

  private int parameterIndex(Node node) {
    return node instanceof Name name && name.var() != null
        ? indexOf(scope.parameters, name.var())
        : -1;
  }

  private static int indexOf(List<Var> vars, Var var) {
    for (int i = 0; i < vars.size(); i++) {
      if (vars.get(i) == var) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Whether the branch taken when {@code condition} is {@code holds} is the one where some state is
   * still missing: {@code field == null}, {@code !field.containsKey(k)}, {@code cached == null}
   * with {@code cached = field.get(k)}.
   */
  private boolean absentState(Node condition, boolean holds) {
    Node c = Nodes.unwrap(condition);
    while (c instanceof Unary u && u.operator().equals("!")) {
      c = Nodes.unwrap(u.operand());
      holds = !holds;
    }
    if (c instanceof Binary b && (b.operator().equals("==") || b.operator().equals("!="))) {
      Node other = isNull(b.right()) ? b.left() : isNull(b.left()) ? b.right() : null;
      boolean runsWhenNull = b.operator().equals("==") == holds;
      return other != null && runsWhenNull && persistent(other);
    }
    if (!holds && c instanceof Call call && MEMBERSHIP.contains(call.name())) {
      return call.receiver() != null && isField(call.receiver());
    }
    return false;
  }

  private static boolean isNull(Node node) {
    return Nodes.unwrap(node) instanceof Literal l && l.value() == null;
  }

  /**
   * A field that can be set later, or a local read from a field's map ({@code Foo cached =
   * cache.get(key)}). A final field is set once, by the constructor: a test of it is the object's
   * configuration ({@code if (transformer != null)}), not state that fills up.
   */
  private boolean persistent(Node node) {
    if (isField(node)) {
      Var field = Nodes.var(Nodes.unwrap(node));
      return field == null || !field.isFinal();
    }
    Var v = Nodes.var(Nodes.unwrap(node));
    if (v == null || v.isField()) {
      return false;
    }
    Node init = scope.declared.get(v);
    return Nodes.unwrap(init) instanceof Call call
        && LOOKUPS.contains(call.name())
        && call.receiver() != null
        && isField(call.receiver());
  }

  private static boolean isField(Node node) {
    Node n = Nodes.unwrap(node);
    if (n instanceof Select s && !(Nodes.unwrap(s.base()) instanceof This)) {
      return false; // other.field: another object's state
    }
    Var v = Nodes.var(n);
    return v != null && v.isField();
  }

  /** Whether {@code statement} always leaves the block it is in. */
  static boolean exits(Node statement) {
    Node s = Nodes.unwrap(statement);
    if (s instanceof Jump) {
      return true;
    }
    if (s instanceof Block block) {
      return !block.statements().isEmpty()
          && exits(block.statements().get(block.statements().size() - 1));
    }
    if (s instanceof If i) {
      return i.otherwise() != null && exits(i.then()) && exits(i.otherwise());
    }
    return false;
  }

  /** Factories of an empty value: what a "nothing to do" exit returns. */
  private static final Set<String> EMPTY_VALUES =
      Set.of("emptyMap", "emptyList", "emptySet", "emptyIterator", "empty", "of");

  /**
   * Whether {@code exit} is a "nothing to do" exit: its condition only says a parameter is {@code
   * null} or empty ({@code if (ids.isEmpty()) return Collections.emptyMap();}) and it returns
   * nothing, a literal or an empty value. Like a precondition that throws, it does not make what
   * follows conditional: a caller passes something to work on.
   */
  boolean nothingToDo(If exit) {
    return emptinessTest(Nodes.unwrap(exit.condition())) && returnsNothing(exit.then());
  }

  private boolean emptinessTest(Node condition) {
    if (condition instanceof Binary b && b.operator().equals("||")) {
      return emptinessTest(Nodes.unwrap(b.left())) && emptinessTest(Nodes.unwrap(b.right()));
    }
    if (condition instanceof Binary b && b.operator().equals("==")) {
      return (isParameterOrItsSize(b.left()) && isNullOrZero(b.right()))
          || (isParameterOrItsSize(b.right()) && isNullOrZero(b.left()));
    }
    return condition instanceof Call c
        && c.name().equals("isEmpty")
        && c.args().isEmpty()
        && c.receiver() != null
        && parameterIndex(Nodes.unwrap(c.receiver())) >= 0;
  }

  private boolean isParameterOrItsSize(Node node) {
    Node n = Nodes.unwrap(node);
    if (n instanceof Call c
        && (c.name().equals("size") || c.name().equals("length"))
        && c.args().isEmpty()
        && c.receiver() != null) {
      n = Nodes.unwrap(c.receiver());
    } else if (n instanceof Select s && s.name().equals("length")) {
      n = Nodes.unwrap(s.base());
    }
    return parameterIndex(n) >= 0;
  }

  private static boolean isNullOrZero(Node node) {
    return Nodes.unwrap(node) instanceof Literal l
        && (l.value() == null || Integer.valueOf(0).equals(l.value()));
  }

  private static boolean returnsNothing(Node statement) {
    Node s = Nodes.unwrap(statement);
    if (s instanceof Block block) {
      return block.statements().size() == 1 && returnsNothing(block.statements().get(0));
    }
    if (!(s instanceof Jump j) || j.kind() != Node.JumpKind.RETURN) {
      return false;
    }
    Node value = j.value() == null ? null : Nodes.unwrap(j.value());
    return value == null
        || value instanceof Literal
        || (value instanceof Call c && c.args().isEmpty() && EMPTY_VALUES.contains(c.name()));
  }

  /**
   * Whether {@code statement} always ends by throwing: a precondition ({@code if (id == null) throw
   * ...}). What follows it runs whenever the call succeeds: no condition.
   */
  static boolean throwsOnly(Node statement) {
    Node s = Nodes.unwrap(statement);
    if (s instanceof Jump j) {
      return j.kind() == Node.JumpKind.THROW;
    }
    if (s instanceof Block block) {
      return !block.statements().isEmpty()
          && throwsOnly(block.statements().get(block.statements().size() - 1));
    }
    return false;
  }

  private static String text(Cond c) {
    if (!c.label().isEmpty()) {
      return c.label();
    }
    String source = c.condition().src().source().strip();
    if (c.holds()) {
      return source;
    }
    // The false side, as a reader would write it: !done for done, done for !done, a != b for a ==
    // b.
    Node condition = Nodes.unwrap(c.condition());
    if (condition instanceof Unary u && u.operator().equals("!")) {
      return u.operand().src().source().strip();
    }
    if (condition instanceof Binary b && (b.operator().equals("==") || b.operator().equals("!="))) {
      return b.left().src().source().strip()
          + (b.operator().equals("==") ? " != " : " == ")
          + b.right().src().source().strip();
    }
    boolean simple = source.matches("[\\w.()]*");
    return simple ? "!" + source : "!(" + source + ")";
  }
}
