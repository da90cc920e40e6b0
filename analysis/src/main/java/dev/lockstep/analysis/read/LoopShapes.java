package dev.lockstep.analysis.read;

import dev.lockstep.analysis.body.Node;
import dev.lockstep.analysis.body.Node.Binary;
import dev.lockstep.analysis.body.Node.Call;
import dev.lockstep.analysis.body.Node.Lambda;
import dev.lockstep.analysis.body.Node.Local;
import dev.lockstep.analysis.body.Node.Loop;
import dev.lockstep.analysis.body.Node.MethodReference;
import dev.lockstep.analysis.body.Node.NewArray;
import dev.lockstep.analysis.body.Node.Select;
import dev.lockstep.analysis.body.Nodes;
import dev.lockstep.analysis.body.Target;
import dev.lockstep.analysis.body.Var;
import dev.lockstep.analysis.facts.Exit;
import dev.lockstep.analysis.facts.LoopKind;
import dev.lockstep.analysis.facts.MethodRef;
import dev.lockstep.analysis.facts.StreamShapes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which loops are loops over items, and over what: the statement loops ({@code for (x : xs)},
 * {@code for (i < xs.size())}, {@code while (it.hasNext())}) and the ones written as calls ({@code
 * items.forEach(...)}, {@code map.forEach(...)}, a sequential stream).
 */
final class LoopShapes {
  private static final int MAX_CHAIN = 64;

  /** The names of {@link StreamShapes#COLLECTION_FACTORIES}: {@code of}, {@code asList}. */
  private static final Set<String> FACTORY_NAMES =
      StreamShapes.COLLECTION_FACTORIES.stream()
          .map(key -> key.substring(key.indexOf('#') + 1))
          .collect(Collectors.toUnmodifiableSet());

  private LoopShapes() {}

  /** A loop written as a call: its shape, what it iterates and its bodies (lambdas, references). */
  record CallLoop(LoopKind kind, Node iterated, List<Node> bodies) {}

  /** Whether a lambda passed to {@code consumer} runs once per item of a loop. */
  static boolean isLoopConsumer(MethodRef consumer) {
    return (consumer.name().equals("forEach")
            && (consumer.owner().equals("java.lang.Iterable")
                || consumer.owner().startsWith("java.util.")))
        || (consumer.name().equals("forEachRemaining") && consumer.owner().startsWith("java.util."))
        || consumer.owner().startsWith("java.util.stream.");
  }

  /** {@code for (int i = 0; i < xs.size(); i++)}: returns {@code xs}, records {@code i}. */
  static Node indexedTarget(Loop loop, BodyScope scope) {
    if (loop.init().size() != 1
        || !(loop.init().get(0) instanceof Local init)
        || loop.update().size() != 1
        || !(loop.condition() instanceof Binary cond)
        || !cond.operator().equals("<")
        || Nodes.var(cond.left()) != init.var()) {
      return null;
    }
    Node bound = Nodes.unwrap(cond.right());
    Node target = null;
    if (bound instanceof Call size
        && size.args().isEmpty()
        && size.receiver() != null
        && size.name().equals("size")) {
      target = size.receiver();
    } else if (bound instanceof Select length
        && length.name().equals("length")
        && length.base().src().type().isArray()) {
      target = length.base();
    }
    if (target == null) {
      return null;
    }
    scope.index = init.var();
    scope.iterated = Nodes.var(target);
    return target;
  }

  /** Iterator-like types: the test that an item is left, the call that takes it. */
  private record Cursor(String type, String hasNext, String next) {}

  private static final List<Cursor> CURSORS =
      List.of(
          new Cursor("java.util.Iterator", "hasNext", "next"),
          new Cursor("java.util.Enumeration", "hasMoreElements", "nextElement"));

  /** Calls that hand out a cursor over their receiver's items. */
  private static final Set<String> CURSOR_FACTORIES =
      Set.of("iterator", "listIterator", "keys", "elements");

  /**
   * {@code while (it.hasNext())}, {@code for (Iterator<T> it = xs.iterator(); it.hasNext();)}, a
   * {@code do ... while (it.hasNext())}, and the same over an {@code Enumeration} ({@code
   * hasMoreElements}/{@code nextElement}): returns what the cursor goes over ({@code items} for
   * {@code items.iterator()}, {@code table} for {@code table.keys()}), records the cursor and the
   * item variables.
   */
  static Node iteratorTarget(Loop loop, BodyScope scope, Map<Var, Node> methodLocals) {
    if (!(Nodes.unwrap(loop.condition()) instanceof Call hasNext)
        || hasNext.receiver() == null
        || Nodes.var(hasNext.receiver()) == null) {
      return null;
    }
    Var it = Nodes.var(hasNext.receiver());
    Cursor cursor = null;
    for (Cursor c : CURSORS) {
      if (hasNext.name().equals(c.hasNext()) && it.type().isA(c.type())) {
        cursor = c;
      }
    }
    if (cursor == null) {
      return null;
    }
    scope.iterator = it;
    for (Map.Entry<Var, Node> local : scope.declared.entrySet()) {
      if (isNextOn(local.getValue(), it, cursor.next())) {
        scope.items.add(local.getKey());
      }
    }
    Node init = methodLocals.get(it);
    for (Node declared : loop.init()) {
      if (declared instanceof Local l && l.var() == it) {
        init = l.init(); // for (Iterator<T> it = xs.iterator(); it.hasNext();)
      }
    }
    if (init != null
        && Nodes.unwrap(init) instanceof Call iterator
        && CURSOR_FACTORIES.contains(iterator.name())
        && iterator.receiver() != null) {
      return iterator.receiver();
    }
    return hasNext.receiver();
  }

  private static boolean isNextOn(Node init, Var iterator, String next) {
    return init != null
        && Nodes.unwrap(init) instanceof Call call
        && call.name().equals(next)
        && call.receiver() != null
        && Nodes.var(call.receiver()) == iterator;
  }

  /** A {@code forEach} or sequential stream pipeline ending at {@code call}, read as a loop. */
  static Optional<CallLoop> callLoop(Call call, List<Exit> exits) {
    Optional<Target> resolved = call.resolve();
    if (resolved.isEmpty() || call.receiver() == null) {
      return Optional.empty();
    }
    Target method = resolved.orElseThrow();
    if (method.name().equals("forEach") && call.args().size() == 1) {
      var receiverType = call.receiver().src().type();
      if (receiverType.isA("java.util.stream.BaseStream")) {
        return streamLoop(call, exits);
      }
      Node body = Nodes.unwrap(call.args().get(0));
      if (!(body instanceof Lambda || body instanceof MethodReference)) {
        return Optional.empty();
      }
      if (receiverType.isA("java.util.Map")) {
        return Optional.of(new CallLoop(LoopKind.MAP_FOR_EACH, call.receiver(), List.of(body)));
      }
      if (receiverType.isA("java.lang.Iterable")) {
        return Optional.of(
            new CallLoop(LoopKind.ITERABLE_FOR_EACH, call.receiver(), List.of(body)));
      }
      return Optional.empty();
    }
    if (method.name().equals("forEachRemaining")
        && call.args().size() == 1
        && call.receiver().src().type().isA("java.util.Iterator")) {
      Node body = Nodes.unwrap(call.args().get(0));
      if (body instanceof Lambda || body instanceof MethodReference) {
        // it.forEachRemaining(x -> ...): a loop over what the iterator goes over
        return Optional.of(
            new CallLoop(LoopKind.ITERABLE_FOR_EACH, call.receiver(), List.of(body)));
      }
      return Optional.empty();
    }
    if (method.owner().name().startsWith("java.util.stream.")) {
      return streamLoop(call, exits);
    }
    return Optional.empty();
  }

  /**
   * Walks a stream chain from its terminal call down to its source: {@code items.stream()} or
   * {@code Arrays.stream(xs)}. Parallel streams and other sources (files, generators) are not loops
   * over items.
   */
  private static Optional<CallLoop> streamLoop(Call terminal, List<Exit> exits) {
    List<Node> bodies = new ArrayList<>();
    Node current = terminal;
    for (int guard = 0; guard < MAX_CHAIN; guard++) {
      if (!(Nodes.unwrap(current) instanceof Call call) || call.receiver() == null) {
        return Optional.empty();
      }
      Optional<Target> resolved = call.resolve();
      if (resolved.isEmpty()) {
        return Optional.empty();
      }
      Target method = resolved.orElseThrow();
      String name = method.name();
      String owner = method.owner().name();
      if (owner.startsWith("java.util.stream.")) {
        if (name.equals("parallel")) {
          return Optional.empty();
        }
        if (name.equals("stream") && owner.equals("java.util.stream.StreamSupport")) {
          return Optional.empty();
        }
        if (StreamShapes.SHORT_CIRCUIT.contains(name)) {
          exits.add(new Exit(Exit.Kind.SHORT_CIRCUIT, call.src().at()));
        }
        if (StreamShapes.STEPS.contains(name)) {
          for (Node arg : call.args()) {
            Node body = Nodes.unwrap(arg);
            if (body instanceof Lambda || body instanceof MethodReference) {
              bodies.add(body);
            }
          }
        }
        if (name.equals("of") && owner.equals("java.util.stream.Stream")) {
          return found(bodies, call);
        }
        current = call.receiver();
        continue;
      }
      if (name.equals("stream")
          && call.args().isEmpty()
          && method.owner().isA("java.util.Collection")) {
        return found(bodies, call.receiver());
      }
      if (name.equals("stream") && owner.equals("java.util.Arrays") && call.args().size() == 1) {
        return found(bodies, call.args().get(0));
      }
      return Optional.empty();
    }
    return Optional.empty();
  }

  private static Optional<CallLoop> found(List<Node> bodies, Node iterated) {
    return bodies.isEmpty()
        ? Optional.empty()
        : Optional.of(new CallLoop(LoopKind.SEQUENTIAL_STREAM, iterated, bodies));
  }

  /** How many items the loop has, when the source states it. */
  static OptionalInt knownSize(Node iterated, Map<Var, Node> methodLocals) {
    if (iterated == null) {
      return OptionalInt.empty();
    }
    Node expr = Nodes.unwrap(iterated);
    Var v = Nodes.var(expr);
    if (v != null && !v.isField() && v.isFinal() && methodLocals.get(v) != null) {
      expr = Nodes.unwrap(methodLocals.get(v));
    }
    if (expr instanceof NewArray array && array.initializers() != null) {
      return OptionalInt.of(array.initializers().size());
    }
    // By name first: the scanner resolves only calls that can be a factory.
    if (expr instanceof Call call
        && FACTORY_NAMES.contains(call.name())
        && call.resolve().isPresent()) {
      MethodRef m = call.resolve().orElseThrow().ref();
      if (StreamShapes.COLLECTION_FACTORIES.contains(m.owner() + "#" + m.name())) {
        if (call.args().size() == 1 && call.args().get(0).src().type().isArray()) {
          return OptionalInt.empty();
        }
        return OptionalInt.of(call.args().size());
      }
    }
    return OptionalInt.empty();
  }
}
