package dev.lockstep.analysis.read;

import dev.lockstep.analysis.body.Node;
import dev.lockstep.analysis.body.Node.Assign;
import dev.lockstep.analysis.body.Node.Call;
import dev.lockstep.analysis.body.Node.CompoundAssign;
import dev.lockstep.analysis.body.Node.Unary;
import dev.lockstep.analysis.body.Nodes;
import dev.lockstep.analysis.body.Var;
import dev.lockstep.analysis.facts.MethodRef;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which methods of the sources keep state: assign a field of any object, fill a collection or map
 * held in one ({@code seen.add(x)}), or remove something through a field or a parameter ({@code
 * zk.delete(path)}, {@code ZKUtil.deleteRecursive(zk, path)}), themselves or in a method of the
 * sources they call, up to {@value #DEPTH} calls down. On real code the waits in a row that depend
 * on each other do so through state a helper sets, not through the values passed ({@code
 * ensureCoordinatorReady(); joinGroupIfNeeded();}), so SerialFanOut asks this of every call.
 *
 * <p>One instance per compilation or scan: answers are kept (a method is lowered once, not once per
 * caller — the compile benchmark showed the unkept walk as most of SerialFanOut's time). Not
 * thread-safe.
 */
public final class FieldWriters {
  /** How many calls deep a field write is looked for. */
  private static final int DEPTH = 3;

  /**
   * First words of names that say a call takes something away ({@code delete}, {@code
   * deleteRecursive}, {@code removeNode}). Not {@code format} ({@code String.format} builds text)
   * and not the request verbs ({@code send}, {@code post}): a request through a client field is not
   * state (the ingest story sends through one).
   */
  private static final Set<String> REMOVING =
      Set.of("delete", "remove", "drop", "truncate", "purge", "wipe", "erase");

  private static final Pattern FIRST_WORD = Pattern.compile("^([a-z]+)(?:[A-Z0-9_].*)?$");

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
                              || removesThroughShared(c)
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

  /**
   * {@code zk.delete(path)}, {@code ZKUtil.deleteRecursive(zk, path)}, {@code
   * layout.deleteLayout()} on a parameter: a call whose name says it takes something away, made on
   * or handed a field or a parameter, changes what a later call through the same object lists or
   * reads — BookKeeper's {@code validateAndNukeExistingCluster} formats (deletes the ledger znodes
   * through the factory's {@code zk}), then lists what is left. On a local, or handed only locals
   * and constants, it is the method's own business.
   */
  private static boolean removesThroughShared(Call call) {
    var word = FIRST_WORD.matcher(call.name());
    if (!word.matches() || !REMOVING.contains(word.group(1))) {
      return false;
    }
    return (call.receiver() != null && shared(call.receiver()))
        || call.args().stream().anyMatch(FieldWriters::shared);
  }

  /** A field other than a constant, or a parameter: an object the caller or others see too. */
  private static boolean shared(Node node) {
    Var v = Nodes.var(Nodes.unwrap(node));
    return v != null && ((v.isField() && !v.isConstant()) || v.kind() == Var.Kind.PARAMETER);
  }
}
