package dev.lockstep.analysis.body;

import static java.util.Objects.requireNonNull;

import dev.lockstep.analysis.facts.Location;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Where a {@link Node} comes from and what only the front end can tell about it: its position, the
 * front end's own tree (for suggested fixes, which edit that tree's source), its static type, its
 * compile-time constant value and its source text. The last three are computed on first use.
 *
 * <p>Compared by identity: it is what makes two nodes equal only when they are the same node.
 */
public final class Src {
  private final Location at;
  private final Object tree;
  private final Supplier<JType> type;
  private final Supplier<Optional<Object>> constant;
  private final Supplier<String> source;

  public Src(
      Location at,
      Object tree,
      Supplier<JType> type,
      Supplier<Optional<Object>> constant,
      Supplier<String> source) {
    this.at = requireNonNull(at, "at");
    this.tree = requireNonNull(tree, "tree");
    this.type = Lazy.of(type);
    this.constant = Lazy.of(constant);
    this.source = Lazy.of(source);
  }

  /** A statement's origin: no type, no value. */
  public static Src statement(Location at, Object tree, Supplier<String> source) {
    return new Src(at, tree, () -> JType.UNKNOWN, Optional::empty, source);
  }

  /** Where the node is; for a call, where diagnostics point (the method name). */
  public Location at() {
    return at;
  }

  /** The front end's tree this node was lowered from. */
  public Object tree() {
    return tree;
  }

  /** The static type of an expression; {@link JType#UNKNOWN} for statements. */
  public JType type() {
    return type.get();
  }

  /** The compile-time constant value of an expression, if it is one. */
  public Optional<Object> constant() {
    return constant.get();
  }

  /** The node's source text as written. */
  public String source() {
    return source.get();
  }

  @Override
  public String toString() {
    return at.render();
  }
}
