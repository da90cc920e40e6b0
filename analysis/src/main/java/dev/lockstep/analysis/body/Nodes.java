package dev.lockstep.analysis.body;

import dev.lockstep.analysis.body.Node.ArrayAccess;
import dev.lockstep.analysis.body.Node.Assign;
import dev.lockstep.analysis.body.Node.Binary;
import dev.lockstep.analysis.body.Node.Block;
import dev.lockstep.analysis.body.Node.Call;
import dev.lockstep.analysis.body.Node.Case;
import dev.lockstep.analysis.body.Node.Cast;
import dev.lockstep.analysis.body.Node.Catch;
import dev.lockstep.analysis.body.Node.ClassBody;
import dev.lockstep.analysis.body.Node.CompoundAssign;
import dev.lockstep.analysis.body.Node.Conditional;
import dev.lockstep.analysis.body.Node.If;
import dev.lockstep.analysis.body.Node.Jump;
import dev.lockstep.analysis.body.Node.Lambda;
import dev.lockstep.analysis.body.Node.Literal;
import dev.lockstep.analysis.body.Node.Local;
import dev.lockstep.analysis.body.Node.Loop;
import dev.lockstep.analysis.body.Node.MethodReference;
import dev.lockstep.analysis.body.Node.Name;
import dev.lockstep.analysis.body.Node.New;
import dev.lockstep.analysis.body.Node.NewArray;
import dev.lockstep.analysis.body.Node.Other;
import dev.lockstep.analysis.body.Node.Select;
import dev.lockstep.analysis.body.Node.Switch;
import dev.lockstep.analysis.body.Node.Synchronized;
import dev.lockstep.analysis.body.Node.This;
import dev.lockstep.analysis.body.Node.Try;
import dev.lockstep.analysis.body.Node.TypeName;
import dev.lockstep.analysis.body.Node.Unary;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Walking lowered bodies. */
public final class Nodes {
  private Nodes() {}

  /** The node's direct children in source order (nulls left out). */
  public static List<Node> children(Node node) {
    List<Node> out = new ArrayList<>();
    switch (node) {
      case Name n -> {}
      case TypeName t -> {}
      case This t -> {}
      case Literal l -> {}
      case ClassBody c -> {}
      case Select s -> out.add(s.base());
      case Call c -> {
        add(out, c.receiver());
        out.addAll(c.args());
      }
      case New n -> {
        add(out, n.outer());
        out.addAll(n.args());
        add(out, n.body());
      }
      case Lambda l -> out.add(l.body());
      case MethodReference r -> out.add(r.qualifier());
      case Assign a -> {
        out.add(a.target());
        out.add(a.value());
      }
      case CompoundAssign a -> {
        out.add(a.target());
        out.add(a.value());
      }
      case Unary u -> out.add(u.operand());
      case Binary b -> {
        out.add(b.left());
        out.add(b.right());
      }
      case Conditional c -> {
        out.add(c.condition());
        out.add(c.then());
        out.add(c.otherwise());
      }
      case Cast c -> out.add(c.expression());
      case ArrayAccess a -> {
        out.add(a.array());
        out.add(a.index());
      }
      case NewArray a -> {
        out.addAll(a.dimensions());
        if (a.initializers() != null) {
          out.addAll(a.initializers());
        }
      }
      case Block b -> out.addAll(b.statements());
      case Local l -> add(out, l.init());
      case If i -> {
        out.add(i.condition());
        out.add(i.then());
        add(out, i.otherwise());
      }
      case Loop l -> {
        // javac's TreeScanner order: a do loop's body before its condition, a for loop's update
        // before its body.
        out.addAll(l.init());
        add(out, l.iterable());
        if (l.kind() != Node.LoopKind.DO) {
          add(out, l.condition());
        }
        out.addAll(l.update());
        out.add(l.body());
        if (l.kind() == Node.LoopKind.DO) {
          add(out, l.condition());
        }
      }
      case Switch s -> {
        out.add(s.selector());
        out.addAll(s.cases());
      }
      case Case c -> {
        out.addAll(c.labels());
        out.addAll(c.body());
      }
      case Synchronized s -> {
        out.add(s.lock());
        out.add(s.body());
      }
      case Try t -> {
        out.addAll(t.resources());
        out.add(t.body());
        out.addAll(t.catches());
        add(out, t.finallyBlock());
      }
      case Catch c -> out.add(c.body());
      case Jump j -> add(out, j.value());
      case Other o -> out.addAll(o.children());
    }
    return out;
  }

  private static void add(List<Node> out, Node node) {
    if (node != null) {
      out.add(node);
    }
  }

  /** The expression under any casts. */
  public static Node unwrap(Node node) {
    Node n = node;
    while (n instanceof Cast c) {
      n = c.expression();
    }
    return n;
  }

  /** The variable {@code node} names (under casts): a local, a parameter or a field; else null. */
  public static Var var(Node node) {
    return switch (unwrap(node)) {
      case Name n -> n.var();
      case Select s -> s.field();
      case null -> null;
      default -> null;
    };
  }

  /**
   * Whether {@code node} or a node under it satisfies {@code test}, not looking inside class
   * bodies.
   */
  public static boolean any(Node node, Predicate<Node> test) {
    if (node == null) {
      return false;
    }
    if (test.test(node)) {
      return true;
    }
    if (node instanceof ClassBody) {
      return false;
    }
    for (Node child : children(node)) {
      if (any(child, test)) {
        return true;
      }
    }
    return false;
  }
}
