package dev.lockstep.analysis.read;

import dev.lockstep.analysis.body.Node.Assign;
import dev.lockstep.analysis.body.Node.Call;
import dev.lockstep.analysis.body.Node.CompoundAssign;
import dev.lockstep.analysis.body.Node.Unary;
import dev.lockstep.analysis.body.Nodes;
import dev.lockstep.analysis.facts.MethodRef;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which methods of the sources keep state: assign a field of any object, or fill a collection or
 * map held in one ({@code seen.add(x)}), themselves or in a method of the sources they call, up to
 * {@value #DEPTH} calls down. On real code the waits in a row that depend on each other do so
 * through state a helper sets, not through the values passed ({@code ensureCoordinatorReady();
 * joinGroupIfNeeded();}), so SerialFanOut asks this of every call.
 *
 * <p>One instance per compilation or scan: answers are kept (a method is lowered once, not once per
 * caller — the compile benchmark showed the unkept walk as most of SerialFanOut's time). Not
 * thread-safe.
 */
public final class FieldWriters {
  /** How many calls deep a field write is looked for. */
  private static final int DEPTH = 3;

  private final Declarations declarations;
  private final Map<MethodRef, Boolean> known = new HashMap<>();

  public FieldWriters(Declarations declarations) {
    this.declarations = declarations;
  }

  /** Whether the method, or one it calls within {@value #DEPTH} calls, assigns a field. */
  public boolean writesFields(MethodRef method) {
    return writes(method, 0, new HashSet<>());
  }

  private boolean writes(MethodRef method, int depth, Set<MethodRef> seen) {
    Boolean answer = known.get(method);
    if (answer != null) {
      return answer;
    }
    if (depth > DEPTH || !seen.add(method)) {
      return false;
    }
    Optional<Declarations.MethodBody> body = declarations.method(method);
    boolean writes =
        body.isPresent()
            && Nodes.any(
                body.orElseThrow().body(),
                n ->
                    switch (n) {
                      case Assign a -> StraightLineReader.assignsField(a.target());
                      case CompoundAssign a -> StraightLineReader.assignsField(a.target());
                      case Unary u -> u.writes() && StraightLineReader.assignsField(u.operand());
                      case Call c ->
                          changesAField(c)
                              || c.resolve()
                                  .filter(t -> !t.isConstructor())
                                  .map(t -> writes(t.ref(), depth + 1, seen))
                                  .orElse(false);
                      default -> false;
                    });
    // A write found is found at any depth; "none" holds only for the whole depth.
    if (writes || depth == 0) {
      known.put(method, writes);
    }
    return writes;
  }

  /**
   * {@code corrupted.add(p)}, {@code this.cache.put(k, v)}: a call on a field holding a collection,
   * map or buffer that says it changes it ({@link StateVerbs}) keeps state as an assignment would.
   * A call on a field holding a client ({@code client.send(x)}) is a request, not state.
   */
  private static boolean changesAField(Call call) {
    if (call.receiver() == null || !StateVerbs.changesState(call.name())) {
      return false;
    }
    var on = Nodes.var(Nodes.unwrap(call.receiver()));
    return on != null && on.isField() && StraightLineReader.container(on);
  }
}
