package dev.lockstep.analysis.read;

import dev.lockstep.analysis.body.Node;
import dev.lockstep.analysis.body.Node.ArrayAccess;
import dev.lockstep.analysis.body.Node.Assign;
import dev.lockstep.analysis.body.Node.Block;
import dev.lockstep.analysis.body.Node.Call;
import dev.lockstep.analysis.body.Node.Catch;
import dev.lockstep.analysis.body.Node.ClassBody;
import dev.lockstep.analysis.body.Node.CompoundAssign;
import dev.lockstep.analysis.body.Node.Jump;
import dev.lockstep.analysis.body.Node.JumpKind;
import dev.lockstep.analysis.body.Node.Lambda;
import dev.lockstep.analysis.body.Node.Local;
import dev.lockstep.analysis.body.Node.Loop;
import dev.lockstep.analysis.body.Node.MethodReference;
import dev.lockstep.analysis.body.Node.Name;
import dev.lockstep.analysis.body.Node.New;
import dev.lockstep.analysis.body.Node.Synchronized;
import dev.lockstep.analysis.body.Node.This;
import dev.lockstep.analysis.body.Node.Try;
import dev.lockstep.analysis.body.Node.TypeName;
import dev.lockstep.analysis.body.Node.Unary;
import dev.lockstep.analysis.body.Nodes;
import dev.lockstep.analysis.body.Var;
import dev.lockstep.analysis.facts.CallSite;
import dev.lockstep.analysis.facts.Location;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The straight-line runs of a method body, for {@code SerialFanOut}: the statements of each block
 * that follow one another with no branch, loop, {@code try} or lock between them, each with its
 * calls and what it reads, writes and hands to shared objects. Whether two waits of a run depend on
 * each other is the rule's decision; this only reads.
 *
 * <p>Not read: lambda and local class bodies (they run elsewhere, later, or per item), {@code
 * catch} and {@code finally} blocks (error paths and clean-up), {@code synchronized} blocks (the
 * lock may be what orders them) and blocks of loops over items (one iteration of those is {@code
 * SerialAwaitInLoop}'s: a window over the items is its fix). Blocks of other loops ({@code for (int
 * i = 0; i < n; i++)}, {@code while (running)}) are read: one iteration's body is straight-line
 * code too.
 */
@SuppressWarnings("ReferenceEquality") // nodes and variables are compared by identity on purpose
public final class StraightLineReader {
  /**
   * One statement of a run.
   *
   * @param statement the statement
   * @param calls its call sites in body order, with receivers relative to the method
   * @param callNodes each call's node, by its location (the rule relates a site to its receiver and
   *     arguments)
   * @param reads the variables it reads
   * @param writes the locals it may change: declared, assigned, called with a name that says so
   *     ({@link StateVerbs}), or a container (a collection, map, array, builder) called on or
   *     handed to a call
   * @param sinks the expressions whose values it hands to something that outlives the statement and
   *     is not a local: assigned to a field or an array in one, passed to a call on a field, on
   *     {@code this}, on a parameter
   */
  public record Step(
      Node statement,
      List<CallSite> calls,
      Map<Location, Node> callNodes,
      Set<Var> reads,
      Set<Var> writes,
      List<Node> sinks) {}

  /** Statements one after the other in one block, with no control flow between them. */
  public record Run(List<Step> steps) {
    public Run {
      steps = List.copyOf(steps);
    }
  }

  private final BodyScope scope;
  private final Map<Var, Node> methodLocals;
  private final List<Run> runs = new ArrayList<>();

  private StraightLineReader(BodyScope scope) {
    this.scope = scope;
    this.methodLocals = scope.declared;
  }

  /**
   * The runs of {@code body} with at least two statements that call something.
   *
   * @param scope the method's scope: its locals ({@link BodyScope#declareAll}) and parameters
   */
  public static List<Run> read(Node body, BodyScope scope) {
    if (statements(body) > MAX_STATEMENTS) {
      return List.of(); // generated code: not worth a resolution per call (see MAX_STATEMENTS)
    }
    StraightLineReader reader = new StraightLineReader(scope);
    reader.visit(body);
    return List.copyOf(reader.runs);
  }

  /**
   * Bodies with more statements are not read: a method that long is generated (a parser table, a
   * grown test fixture), and reading it resolves every call in it — in the scanner each resolution
   * walks the whole method, so the scan's fuzz test took minutes on a 10 000-statement method.
   */
  static final int MAX_STATEMENTS = 2_000;

  private static int statements(Node body) {
    int[] count = {0};
    Nodes.any(
        body,
        n -> {
          if (n instanceof Block b) {
            count[0] += b.statements().size();
          }
          return count[0] > MAX_STATEMENTS;
        });
    return count[0];
  }

  private void visit(Node node) {
    switch (node) {
      case null -> {}
      case Lambda l -> {}
      case ClassBody c -> {}
      case Catch c -> {}
      case Synchronized s -> {}
      case Try t -> visit(t.body()); // not its catch and finally blocks
      case Loop l -> {
        if (!overItems(l)) {
          visit(l.body());
        }
      }
      case Block block -> {
        block(block);
        block.statements().forEach(this::visit);
      }
      default -> Nodes.children(node).forEach(this::visit);
    }
  }

  /** Whether the loop goes over the items of something: SerialAwaitInLoop's, not this reading's. */
  private boolean overItems(Loop loop) {
    return switch (loop.kind()) {
      case FOR_EACH -> true;
      case FOR -> LoopShapes.indexedTarget(loop, new BodyScope().declareAll(loop)) != null;
      case WHILE ->
          LoopShapes.iteratorTarget(loop, new BodyScope().declareAll(loop), methodLocals) != null;
      case DO -> false;
    };
  }

  private void block(Block block) {
    List<Node> run = new ArrayList<>();
    for (Node statement : block.statements()) {
      Node s = Nodes.unwrap(statement);
      if (simple(s)) {
        run.add(s);
        if (s instanceof Jump) {
          close(run);
        }
      } else {
        close(run);
      }
    }
    close(run);
  }

  /**
   * Keeps the run if two of its statements call something. Its steps are read (each call resolved)
   * only when two statements could: most runs have at most one call, and in the scanner a
   * resolution is most of what reading a step costs.
   */
  private void close(List<Node> run) {
    if (run.stream().filter(StraightLineReader::mayCall).count() >= 2) {
      List<Step> steps = run.stream().map(this::step).toList();
      if (steps.stream().filter(s -> !s.calls().isEmpty()).count() >= 2) {
        runs.add(new Run(steps));
      }
    }
    run.clear();
  }

  /**
   * Whether {@link CallReader} could find a call site in the statement: a call, {@code new} or
   * method reference anywhere in it. (Its sites are the ones of these that resolve.)
   */
  private static boolean mayCall(Node statement) {
    return Nodes.any(
        statement, n -> n instanceof Call || n instanceof New || n instanceof MethodReference);
  }

  /** A statement with no control flow of its own: a declaration, an expression, a return. */
  private static boolean simple(Node statement) {
    return switch (statement) {
      case Local l -> true;
      case Call c -> true;
      case New n -> true;
      case Assign a -> true;
      case CompoundAssign a -> true;
      case Unary u -> u.writes();
      case Jump j -> j.kind() == JumpKind.RETURN;
      default -> false;
    };
  }

  private Step step(Node statement) {
    List<CallSite> calls = CallReader.calls(statement, scope);
    Map<Location, Node> callNodes = new HashMap<>();
    Set<Var> reads = new HashSet<>();
    Set<Var> writes = new HashSet<>();
    List<Node> sinks = new ArrayList<>();
    effects(statement, callNodes, reads, writes, sinks);
    return new Step(statement, calls, callNodes, reads, writes, sinks);
  }

  private static void effects(
      Node node, Map<Location, Node> callNodes, Set<Var> reads, Set<Var> writes, List<Node> sinks) {
    switch (node) {
      case null -> {
        return;
      }
      case ClassBody c -> {
        return;
      }
      case Name n -> reads.add(n.var());
      case Local l -> writes.add(l.var());
      case Assign a -> target(a.target(), a.value(), writes, sinks);
      case CompoundAssign a -> target(a.target(), a.value(), writes, sinks);
      case Unary u -> {
        if (u.writes()) {
          target(u.operand(), null, writes, sinks);
        }
      }
      case Call call -> {
        callNodes.put(call.src().at(), call);
        Var on = call.receiver() == null ? null : Nodes.var(call.receiver());
        if (on != null && !on.isField() && on.kind() == Var.Kind.LOCAL) {
          if (StateVerbs.changesState(call.name()) || container(on)) {
            writes.add(on); // list.add(x), builder.append(x), order.setUser(x)
          }
        } else if (sharedReceiver(call)) {
          sinks.addAll(call.args());
        }
        for (Node arg : call.args()) {
          Var passed = Nodes.var(arg);
          if (passed != null && passed.kind() == Var.Kind.LOCAL && container(passed)) {
            writes.add(passed); // fill(list)
          }
        }
      }
      case New created -> callNodes.put(created.src().at(), created);
      default -> {}
    }
    for (Node child : Nodes.children(node)) {
      effects(child, callNodes, reads, writes, sinks);
    }
  }

  /** A variable whose object a call can fill: a collection, map, array, buffer or builder. */
  static boolean container(Var v) {
    var type = v.type();
    return type.isArray()
        || type.isA("java.util.Collection")
        || type.isA("java.util.Map")
        || type.isA("java.lang.Appendable")
        || type.isA("java.nio.Buffer")
        || type.isA("java.io.OutputStream")
        || type.isA("java.util.concurrent.atomic.AtomicReference");
  }

  /** An assignment's target: a local it writes, or a field or array whose new value is a sink. */
  private static void target(Node target, Node value, Set<Var> writes, List<Node> sinks) {
    Node t = Nodes.unwrap(target);
    if (t instanceof ArrayAccess access) {
      t = Nodes.unwrap(access.array());
    }
    Var v = Nodes.var(t);
    if (v != null && !v.isField()) {
      writes.add(v);
    } else if (value != null) {
      sinks.add(value);
    } else {
      sinks.add(target);
    }
  }

  /**
   * A call on something that outlives the statement and is not a local: a field, {@code this}, a
   * parameter, the implicit {@code this}. Loggers and print streams only print.
   */
  private static boolean sharedReceiver(Call call) {
    Node on = call.receiver() == null ? null : Nodes.unwrap(call.receiver());
    if (on instanceof TypeName) {
      return false; // a static call: a function of its arguments, as far as this reading goes
    }
    if (on == null || on instanceof This) {
      return call.resolve().map(t -> !t.isStatic()).orElse(true);
    }
    Var v = Nodes.var(on);
    if (v == null) {
      return false; // a call's result: something fresh
    }
    String type = v.type().name();
    return !(type.endsWith("Logger")
        || type.endsWith(".Log")
        || type.equals("java.io.PrintStream"));
  }

  /** Whether {@code target} (an assignment's left side) is a field or an element of one. */
  static boolean assignsField(Node target) {
    Node t = Nodes.unwrap(target);
    if (t instanceof ArrayAccess access) {
      t = Nodes.unwrap(access.array());
    }
    Var v = Nodes.var(t);
    return v != null && v.isField();
  }
}
