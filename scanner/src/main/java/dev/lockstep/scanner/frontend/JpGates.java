package dev.lockstep.scanner.frontend;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.Statement;
import dev.lockstep.analysis.facts.LockRegion;
import dev.lockstep.analysis.facts.MethodRef;
import dev.lockstep.analysis.facts.Pipeline;
import dev.lockstep.analysis.facts.TaskGates;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A shared {@code Semaphore(n)} that bounds a pipeline's tasks more tightly than its executor does:
 * the window is then {@code n} — the port of the checker's {@code JavacWindows.gate}. Two shapes:
 * the submitting loop acquires a permit before each submission and the task releases it; or the
 * task acquires it in its own body while the executor's size is not known (virtual threads, a
 * cached pool, a non-constant size). A task's own semaphore under a pool of known size stays what
 * it was: a serialization point of {@code n} (an oversized pool).
 */
@SuppressWarnings("ReferenceEquality") // syntax nodes by identity, on purpose
final class JpGates {
  private final JavaParserConcurrency locks;

  JpGates(JavaParserConcurrency locks) {
    this.locks = locks;
  }

  /**
   * The gate's window, when a semaphore gates the tasks handed over by {@code call}; {@code
   * regions} are the tasks' lock regions, those of the task bodies held by {@code taskHolder}.
   */
  Optional<JpWindows.Window> gate(
      JpWindows.Window window,
      MethodCallExpr call,
      List<? extends Node> tasks,
      List<LockRegion> regions,
      MethodRef taskHolder) {
    OptionalInt k =
        window.source() == Pipeline.WindowSource.CONSTANT ? window.k() : OptionalInt.empty();
    Optional<JpWindows.Window> gate = submitterGate(call, tasks);
    if (gate.isPresent() && (k.isEmpty() || gate.orElseThrow().k().getAsInt() < k.getAsInt())) {
      return gate;
    }
    return TaskGates.taskGate(window.source(), regions, taskHolder)
        .map(
            r ->
                new JpWindows.Window(
                    Pipeline.WindowSource.CONSTANT, OptionalInt.of(r.permits()), r.lock()));
  }

  /**
   * {@code gate.acquire(); pool.execute(() -> { try { ... } finally { gate.release(); } });}: the
   * statement before the submission in its block takes a permit of a semaphore of known size, and
   * every task gives it back.
   */
  private Optional<JpWindows.Window> submitterGate(
      MethodCallExpr call, List<? extends Node> tasks) {
    Node p = call;
    while (p.getParentNode().isPresent()
        && !(p.getParentNode().orElseThrow() instanceof BlockStmt)
        && !(p instanceof Statement)) {
      p = p.getParentNode().orElseThrow();
    }
    if (!(p instanceof Statement submission)
        || !(p.getParentNode().orElse(null) instanceof BlockStmt block)) {
      return Optional.empty();
    }
    List<Statement> statements = block.getStatements();
    int at = -1;
    for (int i = 0; i < statements.size(); i++) {
      if (statements.get(i) == submission) {
        at = i;
      }
    }
    for (int i = at - 1; i >= 0; i--) {
      if (statements.get(i) instanceof ExpressionStmt e
          && Exprs.unwrap(e.getExpression()) instanceof MethodCallExpr acquiring) {
        Optional<JavaParserConcurrency.Acquire> acquired = locks.acquire(acquiring, false);
        if (acquired.isPresent()) {
          JavaParserConcurrency.Acquire a = acquired.orElseThrow();
          if (a.kind() != LockRegion.Kind.SEMAPHORE || a.permits() < 1) {
            return Optional.empty();
          }
          for (Node task : tasks) {
            if (!locks.releasesAnywhere(task, a.lockSym(), a.lockText())) {
              return Optional.empty();
            }
          }
          return Optional.of(
              new JpWindows.Window(
                  Pipeline.WindowSource.CONSTANT, OptionalInt.of(a.permits()), a.lockText()));
        }
      }
    }
    return Optional.empty();
  }
}
