package dev.lockstep.checker;

import static dev.lockstep.checker.Trees2.methodSymbol;
import static dev.lockstep.checker.Trees2.symbol;
import static dev.lockstep.checker.Trees2.unwrap;

import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.api.JavacTrees;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import dev.lockstep.analysis.facts.CallSite;
import dev.lockstep.analysis.facts.LockRegion;
import dev.lockstep.analysis.facts.Mark;
import dev.lockstep.analysis.facts.ReceiverKind;
import java.util.HashSet;
import java.util.List;
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
final class HelperBodies {
  private final JavacFacts facts;
  private final JavacNames names;
  private final JavacTrees trees;
  private final JavacLockRegions lockRegions;

  HelperBodies(JavacFacts facts, JavacNames names, JavacTrees trees, JavacLockRegions lockRegions) {
    this.facts = facts;
    this.names = names;
    this.trees = trees;
    this.lockRegions = lockRegions;
  }

  /** Adds to {@code calls} and {@code locks} what the helpers called in {@code body} do. */
  void read(Tree body, Scope scope, List<CallSite> calls, List<LockRegion> locks) {
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree node, Void unused) {
        inline(node, scope, calls, locks);
        return super.visitMethodInvocation(node, null);
      }

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree node, Void unused) {
        return null; // runs elsewhere or later; its own helpers are out of reach
      }

      @Override
      public Void visitClass(ClassTree node, Void unused) {
        return null;
      }
    }.scan(body, null);
  }

  private void inline(
      MethodInvocationTree call, Scope scope, List<CallSite> calls, List<LockRegion> locks) {
    MethodSymbol method = methodSymbol(call.getMethodSelect());
    if (method == null
        || method.isConstructor()
        || method.isVarArgs()
        || !helperSharedByTasks(call, method, scope)
        || names.methodMarks(method).has(Mark.SEQUENTIAL)) {
      return;
    }
    TreePath helperPath;
    try {
      helperPath = trees.getPath(method);
    } catch (RuntimeException e) {
      return; // a class file: no body to read
    }
    if (helperPath == null
        || !(helperPath.getLeaf() instanceof MethodTree helper)
        || helper.getBody() == null
        || helper.getParameters().size() != call.getArguments().size()) {
      return;
    }
    // The arguments were lowered in the caller's file by facts.receiver below; the body is read
    // in the helper's.
    Scope bound = new Scope(helperPath.getCompilationUnit());
    bound.items.addAll(scope.items);
    bound.declared.putAll(scope.declared);
    Set<String> sharedParams = new HashSet<>();
    for (int i = 0; i < helper.getParameters().size(); i++) {
      VariableTree param = helper.getParameters().get(i);
      ExpressionTree arg = call.getArguments().get(i);
      // A parameter the helper assigns holds another object from there on: not the argument.
      if (symbol(param) instanceof VarSymbol v && !assigns(helper.getBody(), v)) {
        bound.declared.put(v, arg);
        if (facts.receiver(arg, scope).kind().isShared()) {
          sharedParams.add(param.getName().toString());
        }
      }
    }
    if (sharedParams.isEmpty()) {
      return; // nothing shared goes in: the helper's summary already says all there is
    }
    JavacFacts.declareAll(helper.getBody(), bound);
    for (CallSite site : facts.calls(List.of(helper.getBody()), bound)) {
      if (sharedParams.contains(site.receiver().name()) && site.receiver().kind().isShared()) {
        calls.add(site);
      }
    }
    for (LockRegion region :
        lockRegions.regionsIn(helper.getBody(), helperPath, bound, names.ref(method))) {
      if (sharedParams.contains(region.holder().name()) && region.holder().kind().isShared()) {
        locks.add(region);
      }
    }
  }

  @SuppressWarnings("ReferenceEquality") // javac symbols are compared by identity
  private static boolean assigns(Tree body, VarSymbol param) {
    boolean[] found = {false};
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitAssignment(AssignmentTree node, Void unused) {
        found[0] |= symbol(unwrap(node.getVariable())) == param;
        return super.visitAssignment(node, null);
      }
    }.scan(body, null);
    return found[0];
  }

  /** Whether the helper's {@code this} is one object for all tasks (or it has none). */
  private boolean helperSharedByTasks(MethodInvocationTree call, MethodSymbol method, Scope scope) {
    if (method.isStatic()) {
      return true;
    }
    ExpressionTree select = call.getMethodSelect();
    if (select instanceof IdentifierTree) {
      return true; // the implicit this, captured by the task
    }
    if (select instanceof MemberSelectTree s) {
      ReceiverKind kind = facts.receiver(unwrap(s.getExpression()), scope).kind();
      return kind.isShared();
    }
    return false;
  }
}
