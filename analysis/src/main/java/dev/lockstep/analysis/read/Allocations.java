package dev.lockstep.analysis.read;

import dev.lockstep.analysis.body.Node;
import dev.lockstep.analysis.body.Node.Assign;
import dev.lockstep.analysis.body.Node.Conditional;
import dev.lockstep.analysis.body.Node.New;
import dev.lockstep.analysis.body.Nodes;
import dev.lockstep.analysis.body.Target;
import dev.lockstep.analysis.body.Var;
import dev.lockstep.analysis.facts.Dispatch;
import dev.lockstep.analysis.facts.MethodRef;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The classes a variable may hold at run time, read from every place the class assigns it: a final
 * local's initialiser, or a field's initialiser and its assignments in the methods beside it. Known
 * only when every value assigned is a {@code new} (or a {@code ?:} of them): {@code loader = n > 1
 * ? new ParallelLoader(n) : new Loader()} may hold either, and a call on it may run either class's
 * method.
 */
@SuppressWarnings("ReferenceEquality") // variables compare by identity
final class Allocations {
  private final Map<Var, Node> locals;
  private final Declarations declarations;
  private final IdentityHashMap<Var, List<New>> known = new IdentityHashMap<>();

  Allocations(Map<Var, Node> locals, Declarations declarations) {
    this.locals = locals;
    this.declarations = declarations;
  }

  /** The {@code new}s that make what {@code v} holds; empty when some value assigned is not one. */
  List<New> of(Var v) {
    List<New> cached = known.get(v);
    if (cached == null) {
      cached = read(v);
      known.put(v, cached);
    }
    return cached;
  }

  /**
   * What a call of {@code method} on {@code v} may run, one per class {@code v} is allocated with;
   * empty when a value assigned is not a {@code new}, or its class does not resolve.
   */
  List<Dispatch> dispatch(Var v, MethodRef method) {
    if (declarations == null) {
      return List.of();
    }
    List<Dispatch> runs = new ArrayList<>();
    for (New created : of(v)) {
      Optional<Dispatch> d = dispatch(created, method);
      if (d.isEmpty()) {
        return List.of();
      }
      if (!runs.contains(d.orElseThrow())) {
        runs.add(d.orElseThrow());
      }
    }
    return List.copyOf(runs);
  }

  /** What a call of {@code method} on the object {@code created} makes runs. */
  Optional<Dispatch> dispatch(New created, MethodRef method) {
    Optional<Target> constructor = created.resolve();
    if (declarations == null || created.body() != null || constructor.isEmpty()) {
      return Optional.empty();
    }
    MethodRef runs =
        declarations
            .implementation(created, method.name(), method.paramTypes())
            .map(Target::ref)
            .orElse(method);
    return Optional.of(new Dispatch(runs, constructor.orElseThrow().ref().owner()));
  }

  private List<New> read(Var v) {
    List<Node> values = new ArrayList<>();
    if (v.isField()) {
      if (declarations == null
          || (!v.isFinal() && v.isStatic())
          || !declarations.mayBeAllocated(v)) {
        return List.of(); // not lowering every method beside a field never allocated
      }
      Node init = declarations.fieldInitializer(v);
      if (init != null) {
        values.add(init);
      }
      for (Node body : declarations.methodBodiesBeside(v)) {
        Nodes.any(
            body,
            n -> {
              if (n instanceof Assign a && Nodes.var(a.target()) == v) {
                values.add(a.value());
              }
              return false;
            });
      }
    } else if (v.isFinal() && locals.get(v) != null) {
      values.add(locals.get(v));
    }
    List<New> made = new ArrayList<>();
    for (Node value : values) {
      if (!allocated(value, made)) {
        return List.of();
      }
    }
    return List.copyOf(made);
  }

  private static boolean allocated(Node value, List<New> made) {
    Node v = Nodes.unwrap(value);
    if (v instanceof Conditional c) {
      return allocated(c.then(), made) && allocated(c.otherwise(), made);
    }
    if (v instanceof New created && created.body() == null) {
      made.add(created);
      return true;
    }
    return false;
  }
}
