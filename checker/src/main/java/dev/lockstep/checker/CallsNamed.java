package dev.lockstep.checker;

import com.sun.source.tree.Tree;
import com.sun.tools.javac.tree.JCTree;
import com.sun.tools.javac.tree.JCTree.JCFieldAccess;
import com.sun.tools.javac.tree.JCTree.JCIdent;
import com.sun.tools.javac.tree.JCTree.JCMethodInvocation;
import com.sun.tools.javac.tree.JCTree.JCSynchronized;
import com.sun.tools.javac.tree.TreeScanner;
import com.sun.tools.javac.util.Name;
import java.util.Set;

/**
 * Whether a tree makes a call of one of some names, by syntax alone: the cheap tests a check runs
 * on a whole method or class before it reads anything. javac's own scanner, which stops at the
 * first hit: the public {@code TreeScanner} boxes and reduces a result at every node, and these
 * walks of every class and every method were a tenth of Lockstep's time on connect-runtime.
 */
final class CallsNamed extends TreeScanner {
  private final Set<String> names;
  private final boolean qualifiedOnly;
  private final boolean orSynchronized;
  private boolean found;

  private CallsNamed(Set<String> names, boolean qualifiedOnly, boolean orSynchronized) {
    this.names = names;
    this.qualifiedOnly = qualifiedOnly;
    this.orSynchronized = orSynchronized;
  }

  /** Whether {@code tree} calls a method of one of {@code names}, on a receiver or not. */
  static boolean in(Tree tree, Set<String> names) {
    return new CallsNamed(names, false, false).find(tree);
  }

  /**
   * Whether {@code tree} has a {@code synchronized} block, or calls a method of one of {@code
   * names} on a receiver ({@code lock.lock()}, not {@code lock()}).
   */
  static boolean synchronizedOrOnAReceiverIn(Tree tree, Set<String> names) {
    return new CallsNamed(names, true, true).find(tree);
  }

  private boolean find(Tree tree) {
    if (tree instanceof JCTree jc) {
      scan(jc);
    }
    return found;
  }

  @Override
  public void scan(JCTree tree) {
    if (!found && tree != null) {
      tree.accept(this);
    }
  }

  @Override
  public void visitApply(JCMethodInvocation call) {
    Name name =
        call.meth instanceof JCFieldAccess select
            ? select.name
            : !qualifiedOnly && call.meth instanceof JCIdent id ? id.name : null;
    if (name != null && names.contains(name.toString())) {
      found = true;
      return;
    }
    super.visitApply(call);
  }

  @Override
  public void visitSynchronized(JCSynchronized block) {
    if (orSynchronized) {
      found = true;
      return;
    }
    super.visitSynchronized(block);
  }
}
