package dev.lockstep.analysis.read;

import dev.lockstep.analysis.body.Node;
import dev.lockstep.analysis.body.Node.Call;
import dev.lockstep.analysis.body.Node.ClassBody;
import dev.lockstep.analysis.body.Node.Jump;
import dev.lockstep.analysis.body.Node.JumpKind;
import dev.lockstep.analysis.body.Node.Lambda;
import dev.lockstep.analysis.body.Node.MethodReference;
import dev.lockstep.analysis.body.Node.Name;
import dev.lockstep.analysis.body.Nodes;
import dev.lockstep.analysis.body.Var;
import dev.lockstep.analysis.facts.Argument;
import dev.lockstep.analysis.facts.Location;
import dev.lockstep.analysis.facts.LockRegion;
import dev.lockstep.analysis.facts.Marks;
import dev.lockstep.analysis.facts.MethodFacts;
import dev.lockstep.analysis.facts.MethodRef;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads one method body into what its callers' summaries need ({@link MethodFacts}): its calls,
 * what it returns, and which parameters it only calls methods on. Both front ends build method
 * facts here, so a new fact about bodies is written once.
 */
@SuppressWarnings("ReferenceEquality") // variables and nodes compare by identity
public final class MethodReader {
  private MethodReader() {}

  /**
   * The facts of one method.
   *
   * @param body the lowered body
   * @param scope its locals and parameters
   * @param lockRegions the regions holding a lock, read by the front end's lock reader
   */
  public static MethodFacts read(
      MethodRef method,
      Location at,
      Marks methodMarks,
      Marks typeMarks,
      Node body,
      BodyScope scope,
      List<LockRegion> lockRegions) {
    return new MethodFacts(
        method,
        at,
        methodMarks,
        typeMarks,
        CallReader.calls(body, scope),
        lockRegions,
        returns(body, scope),
        confinedParameters(body, scope));
  }

  /** What each {@code return} of the body (not of its lambdas) returns, in body order. */
  static List<Argument> returns(Node body, BodyScope scope) {
    List<Argument> out = new ArrayList<>();
    collectReturns(body, scope, out);
    return out;
  }

  private static void collectReturns(Node node, BodyScope scope, List<Argument> out) {
    if (node == null || node instanceof Lambda || node instanceof ClassBody) {
      return;
    }
    if (node instanceof Jump j && j.kind() == JumpKind.RETURN && j.value() != null) {
      out.add(UrlOrigins.of(j.value(), scope));
      return;
    }
    for (Node child : Nodes.children(node)) {
      collectReturns(child, scope, out);
    }
  }

  /**
   * The parameters the body uses only to call methods on, outside lambdas ({@code
   * callback.onCompletion(e, null)}): the method neither keeps them, nor hands them on, nor lets
   * another thread see them. Whatever the method does to such a parameter is done when it returns.
   * None when the body has a local or anonymous class, whose methods may capture a parameter.
   */
  static Set<Integer> confinedParameters(Node body, BodyScope scope) {
    if (scope.parameters.isEmpty() || Nodes.any(body, n -> n instanceof ClassBody)) {
      return Set.of();
    }
    Set<Node> receivers = Collections.newSetFromMap(new IdentityHashMap<>());
    List<Name> uses = new ArrayList<>();
    collectUses(body, false, receivers, uses);
    Set<Integer> confined = new TreeSet<>();
    for (int i = 0; i < scope.parameters.size(); i++) {
      Var p = scope.parameters.get(i);
      boolean onlyCalledOn = true;
      for (Name use : uses) {
        if (use.var() == p && !receivers.contains(use)) {
          onlyCalledOn = false;
          break;
        }
      }
      if (onlyCalledOn) {
        confined.add(i);
      }
    }
    return confined;
  }

  private static void collectUses(
      Node node, boolean inLambda, Set<Node> receivers, List<Name> uses) {
    if (node == null) {
      return;
    }
    if (node instanceof Name n) {
      uses.add(n);
      return;
    }
    boolean nested = inLambda || node instanceof Lambda || node instanceof MethodReference;
    if (!nested && node instanceof Call c && c.receiver() != null) {
      Node on = Nodes.unwrap(c.receiver());
      if (on instanceof Name) {
        receivers.add(on);
      }
    }
    for (Node child : Nodes.children(node)) {
      collectUses(child, nested, receivers, uses);
    }
  }
}
