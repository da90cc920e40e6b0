package dev.lockstep.analysis.read;

import dev.lockstep.analysis.body.Node;
import dev.lockstep.analysis.body.Node.Assign;
import dev.lockstep.analysis.body.Node.Catch;
import dev.lockstep.analysis.body.Node.ClassBody;
import dev.lockstep.analysis.body.Node.Lambda;
import dev.lockstep.analysis.body.Node.Local;
import dev.lockstep.analysis.body.Node.Loop;
import dev.lockstep.analysis.body.Nodes;
import dev.lockstep.analysis.body.Var;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The scope receivers are classified against: one loop iteration, or one method body.
 *
 * <p>Variables compare by identity, so plain hash maps key them by declaration. {@code declared}
 * maps every local declared inside the scope to its initialiser (null when it has none: parameters
 * of its lambdas, catch parameters, loop variables); {@code items} are the loop's item variables;
 * {@code iterator} is a {@code while (it.hasNext())} loop's iterator; {@code iterated} and {@code
 * index} are an indexed loop's list or array and counter.
 */
public final class BodyScope {
  public final Map<Var, Node> declared = new HashMap<>();
  public final Set<Var> items = new HashSet<>();

  /**
   * For a loop iteration: the initialisers of the method's locals declared outside the loop. Only
   * the readers that follow a value back to where it is made read it ({@link UrlOrigins}: {@code
   * resources = loader.getResources(name)} before {@code while (resources.hasMoreElements())}).
   */
  public Map<Var, Node> outer = Map.of();

  /**
   * The values assigned to each local declared in the scope ({@code x = ...}, not its initialiser):
   * a local declared without one and set on both branches of an {@code if} has no single value, but
   * may have one origin ({@link UrlOrigins}).
   */
  public final Map<Var, List<Node>> assigned = new HashMap<>();

  /** For a loop iteration: {@link #assigned} of the enclosing method. */
  public Map<Var, List<Node>> outerAssigned = Map.of();

  /** The method's parameters in order, when the scope is a method body (for parameter guards). */
  public List<Var> parameters = List.of();

  public Var iterator;
  public Var iterated;
  public Var index;

  /** This scope with the method's parameters, in order. */
  public BodyScope withParameters(List<Var> params) {
    this.parameters = List.copyOf(params);
    return this;
  }

  public boolean isDeclared(Var var) {
    return var != null && declared.containsKey(var);
  }

  /** Records every local declared in {@code node} (not in class bodies) with its initialiser. */
  public BodyScope declareAll(Node node) {
    if (node == null) {
      return this;
    }
    switch (node) {
      case ClassBody c -> {
        return this;
      }
      case Local l -> declared.put(l.var(), l.init());
      case Assign a -> {
        Var target = Nodes.var(Nodes.unwrap(a.target()));
        if (target != null && target.kind() == Var.Kind.LOCAL) {
          assigned.computeIfAbsent(target, v -> new ArrayList<>()).add(a.value());
        }
      }
      case Lambda l -> l.params().forEach(p -> declared.put(p, null));
      case Catch c -> declared.put(c.param(), null);
      case Loop l -> {
        if (l.item() != null) {
          declared.put(l.item(), null);
        }
      }
      default -> {}
    }
    for (Node child : Nodes.children(node)) {
      declareAll(child);
    }
    return this;
  }
}
