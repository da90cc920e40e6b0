package dev.lockstep.checker;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreeScanner;
import java.util.List;

/**
 * A syntactic test that runs before SerialFanOut lowers a method: whether some block (or switch
 * case) has two statements in a row that each make a call. Without that no run can hold two waits
 * (each wait must be its own statement's), so the method is not lowered or read at all. On the
 * compile benchmark reading every method was most of SerialFanOut's cost; most methods of a library
 * have no two calling statements in a row.
 */
final class TwoCallingStatements {
  private TwoCallingStatements() {}

  static boolean anywhereIn(Tree body) {
    Boolean found =
        new TreeScanner<Boolean, Void>() {
          @Override
          public Boolean visitBlock(BlockTree block, Void unused) {
            return inARow(block.getStatements())
                || Boolean.TRUE.equals(super.visitBlock(block, null));
          }

          @Override
          public Boolean visitCase(CaseTree c, Void unused) {
            return (c.getStatements() != null && inARow(c.getStatements()))
                || Boolean.TRUE.equals(super.visitCase(c, null));
          }

          @Override
          public Boolean reduce(Boolean a, Boolean b) {
            return Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b);
          }
        }.scan(body, null);
    return Boolean.TRUE.equals(found);
  }

  private static boolean inARow(List<? extends StatementTree> statements) {
    boolean previous = false;
    for (StatementTree statement : statements) {
      boolean calls = calls(statement);
      if (previous && calls) {
        return true;
      }
      previous = calls;
    }
    return false;
  }

  private static boolean calls(Tree statement) {
    Boolean found =
        new TreeScanner<Boolean, Void>() {
          @Override
          public Boolean visitMethodInvocation(MethodInvocationTree node, Void unused) {
            return true;
          }

          @Override
          public Boolean visitNewClass(NewClassTree node, Void unused) {
            return true;
          }

          @Override
          public Boolean reduce(Boolean a, Boolean b) {
            return Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b);
          }
        }.scan(statement, null);
    return Boolean.TRUE.equals(found);
  }
}
