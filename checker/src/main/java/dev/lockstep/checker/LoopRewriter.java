package dev.lockstep.checker;

import com.google.errorprone.VisitorState;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.fixes.SuggestedFixes;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.tools.javac.tree.JCTree;
import dev.lockstep.analysis.facts.PipelineCalls;
import dev.lockstep.analysis.finding.FixPlan;
import java.util.List;
import java.util.Optional;

/**
 * Edits the source as a {@link FixPlan.Rewrite} says. Only enhanced {@code for} loops the rule
 * cleared (no early exit, no outer assignment, fitting signatures) get here; the body's text is
 * moved verbatim into the lambda, comments included.
 */
final class LoopRewriter {
  private LoopRewriter() {}

  static Optional<SuggestedFix> rewrite(
      EnhancedForLoopTree loop, FixPlan.Rewrite plan, FixReader reader, VisitorState state) {
    SuggestedFix.Builder fix = SuggestedFix.builder();
    String window = SuggestedFixes.qualifyType(state, fix, PipelineCalls.BOUNDED_WINDOW);
    String item = loop.getVariable().getName().toString();
    String items = reader.source(loop.getExpression());
    StatementTree body = loop.getStatement();
    String lambda;
    if (plan.shape() == FixPlan.Shape.MAP) {
      if (!(body instanceof BlockTree block)) {
        return Optional.empty();
      }
      // The rule chose MAP because the last statement is the collector's results.add(value).
      List<? extends StatementTree> statements = block.getStatements();
      if (statements.isEmpty()
          || !(statements.get(statements.size() - 1) instanceof ExpressionStatementTree last)
          || !(last.getExpression() instanceof MethodInvocationTree add)
          || add.getArguments().size() != 1) {
        return Optional.empty();
      }
      String value = reader.source(add.getArguments().get(0));
      if (statements.size() == 1) {
        lambda = item + " -> " + value;
      } else {
        String before =
            state
                .getSourceCode()
                .subSequence(
                    ((JCTree) block).getStartPosition() + 1,
                    ((JCTree) statements.get(statements.size() - 1)).getStartPosition())
                .toString();
        lambda = item + " -> {" + before + "return " + value + ";\n}";
      }
    } else {
      if (body instanceof BlockTree) {
        lambda = item + " -> " + reader.source(body);
      } else if (body instanceof ExpressionStatementTree expr) {
        lambda = item + " -> " + reader.source(expr.getExpression());
      } else {
        lambda = item + " -> {\n" + reader.source(body) + "\n}";
      }
    }
    String call = plan.statement(window, items, lambda);
    Tree target = loop;
    fix.replace(target, call);
    return Optional.of(fix.build());
  }
}
