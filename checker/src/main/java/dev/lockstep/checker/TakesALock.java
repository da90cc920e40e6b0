package dev.lockstep.checker;

import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreeScanner;
import dev.lockstep.analysis.facts.LockCalls;

/**
 * A syntactic test that runs before LockHeldAcrossWait reads a method: whether its body has a
 * {@code synchronized} block or a call named like one that takes a lock ({@code lock()}, {@code
 * acquire()}, a timed {@code tryLock}). Without either the method holds no lock but its own
 * monitor, and most methods are read no further.
 */
final class TakesALock {
  private TakesALock() {}

  static boolean anywhereIn(Tree body) {
    Boolean found =
        new TreeScanner<Boolean, Void>() {
          @Override
          public Boolean visitSynchronized(SynchronizedTree node, Void unused) {
            return true;
          }

          @Override
          public Boolean visitMethodInvocation(MethodInvocationTree node, Void unused) {
            if (node.getMethodSelect() instanceof MemberSelectTree select) {
              String name = select.getIdentifier().toString();
              if (LockCalls.ACQUIRES.contains(name) || LockCalls.TIMED_ACQUIRES.contains(name)) {
                return true;
              }
            }
            return super.visitMethodInvocation(node, null);
          }

          @Override
          public Boolean reduce(Boolean a, Boolean b) {
            return Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b);
          }
        }.scan(body, null);
    return Boolean.TRUE.equals(found);
  }
}
