package dev.lockstep.scanner.frontend;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.resolution.declarations.ResolvedMethodLikeDeclaration;
import dev.lockstep.analysis.facts.CallSite;
import dev.lockstep.analysis.facts.LockRegion;
import dev.lockstep.analysis.facts.Mark;
import dev.lockstep.analysis.facts.MethodRef;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A task that hands a shared object to a helper method ({@code locked(LOCK, id)}, {@code
 * publishVia(session, g)}) serializes on it when the helper locks it or calls a lock-holding method
 * on it — the port of the checker's {@code HelperBodies}. The summaries cannot see that: in the
 * helper's own body the object is a parameter, whose sharedness depends on the caller, so its
 * points are dropped. This reads the helper's body once more, one level deep, with its parameters
 * bound to the task's arguments, and keeps the calls and regions made on those parameters — now
 * shared or not as the arguments are.
 *
 * <p>Only helpers declared in the scanned sources whose {@code this} is itself shared by the tasks
 * (a static method, a call on the implicit {@code this}, on a field or a captured variable) are
 * read. A helper marked {@code @Sequential}, a varargs one or one that does not resolve is not.
 */
@SuppressWarnings("ReferenceEquality") // symbols by identity, on purpose
final class JpHelperBodies {
  private final JavaParserFacts facts;
  private final JavaParserConcurrency locks;
  private final JpNames names;
  private final Vars vars;

  JpHelperBodies(JavaParserFacts facts, JavaParserConcurrency locks, JpNames names, Vars vars) {
    this.facts = facts;
    this.locks = locks;
    this.names = names;
    this.vars = vars;
  }

  /**
   * Adds to {@code calls} and {@code regions} what the helpers called in {@code body} do; not those
   * called in lambdas nested in it (they run elsewhere or later, or are out of reach, as in the
   * checker) nor in classes.
   */
  void read(Node body, JpScope scope, List<CallSite> calls, List<LockRegion> regions) {
    JavaParserConcurrency.walk(
        body,
        lambda -> false,
        n -> {
          if (n instanceof MethodCallExpr call) {
            inline(call, scope, calls, regions);
          }
        });
  }

  private void inline(
      MethodCallExpr call, JpScope scope, List<CallSite> calls, List<LockRegion> regions) {
    Optional<ResolvedMethodLikeDeclaration> resolved = names.resolve(call);
    if (resolved.isEmpty()) {
      return;
    }
    ResolvedMethodLikeDeclaration method = resolved.orElseThrow();
    MethodRef ref = names.ref(method);
    if (variadic(method)
        || !helperSharedByTasks(call, method, scope)
        || names.methodMarks(method, ref).has(Mark.SEQUENTIAL)) {
      return;
    }
    if (!(names.body(ref).orElse(null) instanceof MethodDeclaration helper)
        || helper.getBody().isEmpty()
        || helper.getParameters().size() != call.getArguments().size()) {
      return; // a class file, or an abstract method: no body to read
    }
    BlockStmt helperBody = helper.getBody().orElseThrow();
    JpScope bound = new JpScope();
    bound.items.addAll(scope.items);
    bound.declared.putAll(scope.declared);
    Set<String> sharedParams = new HashSet<>();
    for (int i = 0; i < helper.getParameters().size(); i++) {
      Parameter param = helper.getParameter(i);
      Expression arg = call.getArgument(i);
      Sym sym = vars.declaration(param);
      // A parameter the helper assigns holds another object from there on: not the argument.
      if (sym != null && !assigns(helperBody, sym)) {
        bound.declared.put(sym, arg);
        if (facts.receiver(arg, scope).kind().isShared()) {
          sharedParams.add(param.getNameAsString());
        }
      }
    }
    if (sharedParams.isEmpty()) {
      return; // nothing shared goes in: the helper's summary already says all there is
    }
    facts.declareAll(helperBody, bound);
    for (CallSite site : locks.callsIn(List.of(helperBody), bound)) {
      if (sharedParams.contains(site.receiver().name()) && site.receiver().kind().isShared()) {
        calls.add(site);
      }
    }
    for (LockRegion region : locks.regionsIn(helperBody, bound, ref)) {
      if (sharedParams.contains(region.holder().name()) && region.holder().kind().isShared()) {
        regions.add(region);
      }
    }
  }

  private boolean assigns(Node body, Sym param) {
    for (AssignExpr assign : body.findAll(AssignExpr.class)) {
      if (assign.getOperator() == AssignExpr.Operator.ASSIGN
          && vars.of(assign.getTarget()) == param) {
        return true;
      }
    }
    return false;
  }

  private static boolean variadic(ResolvedMethodLikeDeclaration method) {
    try {
      return method.hasVariadicParameter();
    } catch (RuntimeException e) {
      return true; // not known: not read
    }
  }

  /** Whether the helper's {@code this} is one object for all tasks (or it has none). */
  private boolean helperSharedByTasks(
      MethodCallExpr call, ResolvedMethodLikeDeclaration method, JpScope scope) {
    if (JpNames.isStatic(method) || call.getScope().isEmpty()) {
      return true; // no this, or the implicit this, captured by the task
    }
    return facts.receiver(Exprs.unwrap(call.getScope().orElseThrow()), scope).kind().isShared();
  }
}
