package dev.lockstep.checker;

import com.sun.source.tree.Tree;
import com.sun.tools.javac.tree.JCTree;
import com.sun.tools.javac.tree.JCTree.JCFieldAccess;
import com.sun.tools.javac.tree.JCTree.JCIdent;
import com.sun.tools.javac.tree.JCTree.JCMethodInvocation;
import com.sun.tools.javac.tree.TreeScanner;
import com.sun.tools.javac.util.Name;

/**
 * Whether a tree makes a call of one of some names, by syntax alone: the cheap tests a check runs
 * on a whole method or class before it reads anything. javac's own scanner, which stops at the
 * first hit: the public {@code TreeScanner} boxes and reduces a result at every node, and these
 * walks of every class and every method were a tenth of Lockstep's time on connect-runtime.
 */
final class CallsNamed extends TreeScanner {
  private final NameSet names;
  private boolean found;

  private CallsNamed(NameSet names) {
    this.names = names;
  }

  /** Whether {@code tree} calls a method of one of {@code names}, on a receiver or not. */
  static boolean in(Tree tree, NameSet names) {
    CallsNamed calls = new CallsNamed(names);
    if (tree instanceof JCTree jc) {
      calls.scan(jc);
    }
    return calls.found;
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
            : call.meth instanceof JCIdent id ? id.name : null;
    if (name != null && names.contains(name)) {
      found = true;
      return;
    }
    super.visitApply(call);
  }
}
