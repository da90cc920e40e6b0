package dev.lockstep.analysis.read;

import dev.lockstep.analysis.body.Node;
import dev.lockstep.analysis.body.Node.Block;
import dev.lockstep.analysis.body.Node.Call;
import dev.lockstep.analysis.body.Node.Local;
import dev.lockstep.analysis.body.Node.Loop;
import dev.lockstep.analysis.body.Node.Name;
import dev.lockstep.analysis.body.Node.New;
import dev.lockstep.analysis.body.Node.Select;
import dev.lockstep.analysis.body.Nodes;
import dev.lockstep.analysis.body.Var;
import dev.lockstep.analysis.facts.FixFacts;
import dev.lockstep.analysis.rules.SharedMutation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * What the body of an enhanced {@code for} does that decides whether it can become {@code
 * BoundedWindow.of(k).forEach(items, item -> body)} or {@code results.addAll(map(...))}: the
 * collector list a {@code map} rewrite returns, a mutable local a lambda cannot capture, and a
 * shared collection the window's lanes would race on. Whether the rewrite type-checks (the items'
 * type, checked exceptions) is the front end's to say.
 *
 * @param collector the list the body's last statement appends its result to, when that is the
 *     body's only use of the list, the list is a local created empty before the loop in the same
 *     block, and nothing else happens to it until the loop
 * @param capturesMutableLocal whether the body reads a local declared outside it that is not
 *     (effectively) final
 * @param forEachRace why the body run on several lanes would race, if it would
 * @param mapRace the same, the collector's append left out (a {@code map} rewrite returns it)
 */
@SuppressWarnings("ReferenceEquality") // nodes are compared by identity on purpose
public record FixFit(
    Optional<String> collector,
    boolean capturesMutableLocal,
    Optional<String> forEachRace,
    Optional<String> mapRace) {
  private static final Set<String> FRESH_LISTS =
      Set.of("java.util.ArrayList", "java.util.LinkedList");

  /**
   * Reads the loop.
   *
   * @param enclosing the block whose statement the loop is, null when it is not a block's
   * @param scope the iteration's scope: its locals and its item
   */
  public static FixFit read(Loop loop, Block enclosing, BodyScope scope) {
    Optional<Call> collector = collector(loop, enclosing);
    return new FixFit(
        collector.map(c -> Nodes.var(c.receiver()).name()),
        capturesMutableLocal(loop.body(), scope),
        sharedMutation(loop.body(), scope, null),
        sharedMutation(loop.body(), scope, collector.orElse(null)));
  }

  /**
   * The facts of the rewrite, with what the front end says of the window: whether it is on the
   * classpath, and why {@code forEach} or {@code map} would not type-check ({@code blocker} gets
   * {@code "forEach"} or {@code "map"}; asked only when the body itself would not race).
   */
  public FixFacts facts(
      boolean windowOnClasspath, boolean leavesLoop, Function<String, Optional<String>> blocker) {
    if (!windowOnClasspath) {
      Optional<String> missing = Optional.of("BoundedWindow is not on the classpath");
      return new FixFacts(false, leavesLoop, capturesMutableLocal, collector, missing, missing);
    }
    return new FixFacts(
        true,
        leavesLoop,
        capturesMutableLocal,
        collector,
        forEachRace.or(() -> blocker.apply("forEach")),
        mapRace.or(() -> blocker.apply("map")));
  }

  private static Optional<Call> collector(Loop loop, Block enclosing) {
    if (!(loop.body() instanceof Block block) || block.statements().isEmpty()) {
      return Optional.empty();
    }
    if (!(block.statements().get(block.statements().size() - 1) instanceof Call add)
        || add.args().size() != 1
        || !add.name().equals("add")
        || add.receiver() == null
        || !(Nodes.unwrap(add.receiver()) instanceof Name listName)
        || listName.var().isField()
        || enclosing == null) {
      return Optional.empty();
    }
    Var list = listName.var();
    if (uses(loop.body(), list) != 1) {
      return Optional.empty();
    }
    // Declared empty in the same block, untouched until the loop. Types last: in the scanner they
    // cost a resolution.
    boolean declared = false;
    for (Node s : enclosing.statements()) {
      if (s == loop) {
        return declared && list.type().isA("java.util.List") ? Optional.of(add) : Optional.empty();
      }
      if (s instanceof Local local && local.var() == list) {
        if (!(local.init() instanceof New created)
            || !created.args().isEmpty()
            || created.body() != null
            || !FRESH_LISTS.contains(created.src().type().name())) {
          return Optional.empty();
        }
        declared = true;
      } else if (declared && uses(s, list) > 0) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  private static void mutators(Node node, Call skip, List<Call> out) {
    if (node == skip || node instanceof Node.ClassBody) {
      return;
    }
    if (node instanceof Call call
        && SharedMutation.isMutator(call.name())
        && call.receiver() != null) {
      out.add(call);
    }
    for (Node child : Nodes.children(node)) {
      mutators(child, skip, out);
    }
  }

  private static int uses(Node node, Var var) {
    int[] count = {0};
    Nodes.any(
        node,
        n -> {
          if (n instanceof Name name && name.var() == var) {
            count[0]++;
          }
          return false;
        });
    return count[0];
  }

  private static boolean capturesMutableLocal(Node body, BodyScope scope) {
    return Nodes.any(
        body,
        n ->
            n instanceof Name name
                && !name.var().isField()
                && !scope.isDeclared(name.var())
                && !scope.items.contains(name.var())
                && !name.var().isFinal());
  }

  /**
   * The first call in the body (in pre-order) that changes a shared collection or builder that is
   * not thread-safe; {@code skip} leaves out the collector's append.
   */
  private static Optional<String> sharedMutation(Node body, BodyScope scope, Call skip) {
    List<Call> mutators = new ArrayList<>();
    mutators(body, skip, mutators);
    for (Call call : mutators) {
      Node on = Nodes.unwrap(call.receiver());
      Var target = on instanceof Name || on instanceof Select ? Nodes.var(on) : null;
      if (target == null || scope.isDeclared(target) || scope.items.contains(target)) {
        continue;
      }
      String type = target.type().name();
      Optional<String> blocker =
          SharedMutation.blocker(
              target.name(), type.isEmpty() ? Optional.empty() : Optional.of(type));
      if (blocker.isPresent()) {
        return blocker;
      }
    }
    return Optional.empty();
  }
}
