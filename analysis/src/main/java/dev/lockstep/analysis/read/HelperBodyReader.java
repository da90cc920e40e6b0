package dev.lockstep.analysis.read;

import dev.lockstep.analysis.body.Node;
import dev.lockstep.analysis.body.Node.Assign;
import dev.lockstep.analysis.body.Node.Call;
import dev.lockstep.analysis.body.Node.ClassBody;
import dev.lockstep.analysis.body.Node.Lambda;
import dev.lockstep.analysis.body.Nodes;
import dev.lockstep.analysis.body.Target;
import dev.lockstep.analysis.body.Var;
import dev.lockstep.analysis.facts.CallSite;
import dev.lockstep.analysis.facts.LockRegion;
import dev.lockstep.analysis.facts.Mark;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A task that hands a shared object to a helper method ({@code locked(LOCK, id)}, {@code
 * publishVia(session, g)}) serializes on it when the helper locks it or calls a lock-holding method
 * on it. The summaries cannot see that: in the helper's own body the object is a parameter, whose
 * sharedness depends on the caller, so its points are dropped. This reads the helper's body once
 * more, one level deep, with its parameters bound to the task's arguments, and keeps the calls and
 * regions made on those parameters — now shared or not as the arguments are.
 *
 * <p>Only helpers whose {@code this} is itself shared by the tasks (a static method, a call on the
 * implicit {@code this}, on a field or a captured variable) are read: {@code this} inside the
 * helper keeps its meaning. A helper marked {@code @Sequential} is not read (serial on purpose).
 * The chain then names the call inside the helper ({@code s.publish (Helpers.java:12)}), not the
 * call of the helper.
 */
@SuppressWarnings("ReferenceEquality") // variables are compared by identity on purpose
public final class HelperBodyReader {
  private final Declarations declarations;
  private final LockRegionReader lockRegions;

  public HelperBodyReader(Declarations declarations, LockRegionReader lockRegions) {
    this.declarations = declarations;
    this.lockRegions = lockRegions;
  }

  /** Adds to {@code calls} and {@code locks} what the helpers called in {@code body} do. */
  public void read(Node body, BodyScope scope, List<CallSite> calls, List<LockRegion> locks) {
    if (body == null || body instanceof Lambda || body instanceof ClassBody) {
      return; // a lambda runs elsewhere or later; its own helpers are out of reach
    }
    if (body instanceof Call call) {
      inline(call, scope, calls, locks);
    }
    for (Node child : Nodes.children(body)) {
      read(child, scope, calls, locks);
    }
  }

  private void inline(Call call, BodyScope scope, List<CallSite> calls, List<LockRegion> locks) {
    Optional<Target> resolved = call.resolve();
    if (resolved.isEmpty()) {
      return;
    }
    Target method = resolved.orElseThrow();
    if (method.isConstructor()
        || !helperSharedByTasks(call, method, scope)
        || method.methodMarks().has(Mark.SEQUENTIAL)) {
      return;
    }
    Optional<Declarations.MethodBody> found = declarations.method(method.ref());
    if (found.isEmpty()
        || found.orElseThrow().varArgs()
        || found.orElseThrow().params().size() != call.args().size()) {
      return; // a class file: no body to read
    }
    Node helper = found.orElseThrow().body();
    List<Var> params = found.orElseThrow().params();
    BodyScope bound = new BodyScope();
    bound.items.addAll(scope.items);
    bound.declared.putAll(scope.declared);
    Set<String> sharedParams = new HashSet<>();
    for (int i = 0; i < params.size(); i++) {
      Var param = params.get(i);
      Node arg = call.args().get(i);
      // A parameter the helper assigns holds another object from there on: not the argument.
      if (!assigns(helper, param)) {
        bound.declared.put(param, arg);
        if (Receivers.of(arg, scope).kind().isShared()) {
          sharedParams.add(param.name());
        }
      }
    }
    if (sharedParams.isEmpty()) {
      return; // nothing shared goes in: the helper's summary already says all there is
    }
    bound.declareAll(helper);
    for (CallSite site : CallReader.calls(helper, bound)) {
      if (sharedParams.contains(site.receiver().name()) && site.receiver().kind().isShared()) {
        calls.add(site);
      }
    }
    for (LockRegion region : lockRegions.regionsIn(helper, helper, bound, method.ref())) {
      if (sharedParams.contains(region.holder().name()) && region.holder().kind().isShared()) {
        locks.add(region);
      }
    }
  }

  private static boolean assigns(Node body, Var param) {
    return Nodes.any(body, n -> n instanceof Assign a && Nodes.var(a.target()) == param);
  }

  /** Whether the helper's {@code this} is one object for all tasks (or it has none). */
  private static boolean helperSharedByTasks(Call call, Target method, BodyScope scope) {
    if (method.isStatic() || call.receiver() == null) {
      return true; // no this, or the implicit this, captured by the task
    }
    return Receivers.of(Nodes.unwrap(call.receiver()), scope).kind().isShared();
  }
}
