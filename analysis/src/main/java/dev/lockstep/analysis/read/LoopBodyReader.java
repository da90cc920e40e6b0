package dev.lockstep.analysis.read;

import dev.lockstep.analysis.body.Node;
import dev.lockstep.analysis.body.Node.Assign;
import dev.lockstep.analysis.body.Node.Binary;
import dev.lockstep.analysis.body.Node.Block;
import dev.lockstep.analysis.body.Node.Call;
import dev.lockstep.analysis.body.Node.ClassBody;
import dev.lockstep.analysis.body.Node.CompoundAssign;
import dev.lockstep.analysis.body.Node.If;
import dev.lockstep.analysis.body.Node.Jump;
import dev.lockstep.analysis.body.Node.Lambda;
import dev.lockstep.analysis.body.Node.Name;
import dev.lockstep.analysis.body.Node.Select;
import dev.lockstep.analysis.body.Node.This;
import dev.lockstep.analysis.body.Node.Unary;
import dev.lockstep.analysis.body.Nodes;
import dev.lockstep.analysis.body.Src;
import dev.lockstep.analysis.body.Var;
import dev.lockstep.analysis.facts.Exit;
import dev.lockstep.analysis.facts.OuterWrite;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads what a loop body does to variables declared outside it ({@link OuterWrite}), and how it
 * leaves the loop ({@link Exit}). Keeps an ancestor stack to tell whether a {@code break} or {@code
 * continue} leaves the body.
 */
@SuppressWarnings("ReferenceEquality") // nodes are compared by identity on purpose
public final class LoopBodyReader {
  /** Calls that change the object they are called on, by name. */
  private static final Pattern MUTATORS =
      Pattern.compile(
          "(add|put|remove|clear|set|increment|decrement|getAnd|append|offer|push|poll|pop|merge"
              + "|compute|replace|retain|insert|delete|reset|accumulate)");

  private final List<Exit> exits = new ArrayList<>();
  private boolean leavesLoop;
  private final BodyScope scope;
  private final boolean statementLoop;
  private final Deque<Node> ancestors = new ArrayDeque<>();
  private final Map<Var, Access> accesses = new LinkedHashMap<>();
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
    boolean onlyWhileUnset = true;
    boolean mutated;

    Access(String name, boolean field) {
      this.name = name;
      this.field = field;
    }
  }

  /**
   * @param statementLoop whether the loop is a loop statement; in a {@code forEach} or stream body
   *     a {@code return} only ends one item, like {@code continue}
   */
  public LoopBodyReader(BodyScope scope, boolean statementLoop) {
    this.scope = scope;
    this.statementLoop = statementLoop;
  }

  /** Reads one body of the loop (a loop has several when it is a stream of steps). */
  public void read(Node body) {
    bodyRoot = body;
    topLevel.clear();
    if (body instanceof Block block) {
      topLevel.addAll(block.statements());
    } else {
      topLevel.add(body);
    }
    scan(body);
  }

  public List<Exit> exits() {
    return exits;
  }

  /** Whether a {@code break}, {@code continue} or {@code return} leaves the body. */
  public boolean leavesLoop() {
    return leavesLoop;
  }

  public List<OuterWrite> outerWrites() {
    List<OuterWrite> writes = new ArrayList<>();
    for (Access a : accesses.values()) {
      if (a.written) {
        writes.add(
            new OuterWrite(
                a.name,
                a.field,
                a.read,
                a.firstIsTopLevelWrite,
                a.reductionOnly,
                a.onlyWhileUnset));
      }
    }
    return writes;
  }

  /**
   * The variables declared outside the loop that the body changes: assigns, or calls a mutator on
   * ({@code buf.add(x)}, {@code seen.put(k, v)}, {@code count.incrementAndGet()}). A condition that
   * reads one of them depends on earlier iterations.
   */
  public Set<Var> changed() {
    Set<Var> changed = Collections.newSetFromMap(new IdentityHashMap<>());
    accesses.forEach(
        (v, a) -> {
          if (a.written || a.mutated) {
            changed.add(v);
          }
        });
    return changed;
  }

  private void scan(Node node) {
    if (node == null) {
      return;
    }
    ancestors.push(node);
    try {
      visit(node);
    } finally {
      ancestors.pop();
    }
  }

  private void visit(Node node) {
    switch (node) {
      case ClassBody c -> {}
      case Lambda l -> {
        // Exits in a lambda leave the lambda, not the loop; but its field writes still count.
        boolean saved = inLambda;
        inLambda = true;
        try {
          scan(l.body());
        } finally {
          inLambda = saved;
        }
      }
      case Assign a -> assign(a);
      case CompoundAssign a -> {
        scan(a.value());
        write(a.target(), true, a);
      }
      case Unary u -> {
        if (u.writes()) {
          write(u.operand(), true, u);
        } else {
          scan(u.operand());
        }
      }
      case Name n -> read(n.var());
      case Select s -> {
        if (Nodes.unwrap(s.base()) instanceof This) {
          read(s.field());
        } else {
          scan(s.base());
        }
      }
      case Jump j -> jump(j);
      case Call call -> {
        if (call.receiver() != null && MUTATORS.matcher(call.name()).lookingAt()) {
          Access a = access(Nodes.var(Nodes.unwrap(call.receiver())));
          if (a != null) {
            a.mutated = true;
          }
        }
        Nodes.children(node).forEach(this::scan);
      }
      default -> Nodes.children(node).forEach(this::scan);
    }
  }

  private void assign(Assign node) {
    Var target = Nodes.var(node.target());
    // total = total + x is a reduction when 'total' appears nowhere else on the right.
    boolean reduction =
        Nodes.unwrap(node.value()) instanceof Binary bin
            && target != null
            && Nodes.var(bin.left()) == target
            && !mentions(bin.right(), target);
    scan(reduction ? ((Binary) Nodes.unwrap(node.value())).right() : node.value());
    write(node.target(), reduction, node);
    // A field target's qualifier is still read (this.x = ...).
    if (Nodes.unwrap(node.target()) instanceof Select select) {
      scan(select.base());
    }
  }

  private void jump(Jump node) {
    switch (node.kind()) {
      case BREAK -> {
        if (!inLambda && leaves(node.target())) {
          leavesLoop = true;
          exits.add(new Exit(Exit.Kind.BREAK, node.src().at()));
        }
      }
      case CONTINUE -> {
        if (!inLambda && leaves(node.target())) {
          leavesLoop = true; // a 'continue' of this loop: fine for the loop, not for a lambda
        }
      }
      case RETURN -> {
        scan(node.value());
        if (!inLambda && statementLoop) { // in a forEach body a return is a 'continue'
          leavesLoop = true;
          exits.add(new Exit(Exit.Kind.RETURN, node.src().at()));
        }
      }
      default -> scan(node.value());
    }
  }

  /** Whether a break/continue target lies outside the body (it leaves the loop body). */
  private boolean leaves(Src target) {
    if (target == null) {
      return true;
    }
    for (Node n : ancestors) {
      if (n == bodyRoot) {
        return true; // reached the body without passing the target: it is the loop or beyond
      }
      if (n.src() == target) {
        return false;
      }
    }
    return true;
  }

  private Access access(Var v) {
    if (v == null || scope.isDeclared(v) || scope.items.contains(v)) {
      return null;
    }
    if (v.isConstant()) {
      return null;
    }
    return accesses.computeIfAbsent(
        v, s -> new Access(v.isField() ? "this." + v.name() : v.name(), v.isField()));
  }

  private void write(Node variable, boolean reduction, Node whole) {
    Var v = Nodes.var(variable);
    Access a = access(v);
    if (a == null) {
      return;
    }
    a.written = true;
    if (!underNullTest(v)) {
      a.onlyWhileUnset = false;
    }
    if (!reduction) {
      a.reductionOnly = false;
    }
    if (!a.seen) {
      a.seen = true;
      a.firstIsTopLevelWrite = !reduction && topLevel.contains(whole);
    }
  }

  private void read(Var v) {
    Access a = access(v);
    if (a != null) {
      a.read = true;
      a.reductionOnly = false;
      a.seen = true;
    }
  }

  /** Whether an enclosing {@code if} runs this branch only while {@code v} is {@code null}. */
  private boolean underNullTest(Var v) {
    Node child = null;
    for (Node n : ancestors) { // innermost first
      if (n instanceof If branch && child != null) {
        Node c = Nodes.unwrap(branch.condition());
        if (c instanceof Binary b
            && (isNull(b.left()) || isNull(b.right()))
            && (Nodes.var(b.left()) == v || Nodes.var(b.right()) == v)) {
          boolean inThen = child == branch.then();
          if ((b.operator().equals("==") && inThen) || (b.operator().equals("!=") && !inThen)) {
            return true;
          }
        }
      }
      if (n == bodyRoot) {
        return false;
      }
      child = n;
    }
    return false;
  }

  private static boolean isNull(Node node) {
    return Nodes.unwrap(node) instanceof Node.Literal l && l.value() == null;
  }

  private static boolean mentions(Node node, Var var) {
    return Nodes.any(
        node,
        n ->
            (n instanceof Name name && name.var() == var)
                || (n instanceof Select s && s.field() == var));
  }
}
