package dev.lockstep.scanner.lsp;

import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.Statement;
import dev.lockstep.analysis.facts.PipelineCalls;
import dev.lockstep.analysis.finding.Finding;
import dev.lockstep.analysis.finding.FixPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.lsp4j.TextEdit;

/**
 * The rewrite a {@link FixPlan.Rewrite} asks for, as text edits over the editor's document: the
 * checker's {@code LoopRewriter} over JavaParser's tree. The rule offers a rewrite only for an
 * enhanced {@code for} whose body fits a window (no early exit, no outer assignment, signatures
 * that type-check); the body's text moves verbatim into the lambda.
 */
final class WindowRewrite {
  private WindowRewrite() {}

  static Optional<List<TextEdit>> edits(SourceEdits source, Finding finding) {
    if (!(finding.fix() instanceof FixPlan.Rewrite plan)) {
      return Optional.empty();
    }
    var at = finding.location();
    Optional<ForEachStmt> found = source.startingAt(ForEachStmt.class, at.line(), at.column());
    if (found.isEmpty()) {
      return Optional.empty();
    }
    ForEachStmt loop = found.orElseThrow();
    SourceEdits.Named window = source.name(PipelineCalls.BOUNDED_WINDOW);
    String item = loop.getVariableDeclarator().getNameAsString();
    String items = source.source(loop.getIterable());
    Statement body = loop.getBody();
    String lambda;
    if (plan.shape() == FixPlan.Shape.MAP) {
      // The rule chose MAP because the last statement is the collector's results.add(value).
      if (!(body instanceof BlockStmt block)) {
        return Optional.empty();
      }
      var statements = block.getStatements();
      if (statements.isEmpty()
          || !(statements.get(statements.size() - 1) instanceof ExpressionStmt last)
          || !(last.getExpression() instanceof MethodCallExpr add)
          || add.getArguments().size() != 1) {
        return Optional.empty();
      }
      String value = source.source(add.getArgument(0));
      if (statements.size() == 1) {
        lambda = item + " -> " + value;
      } else {
        int from = source.offset(block.getBegin().orElseThrow()) + 1;
        int to = source.offset(last.getBegin().orElseThrow());
        lambda = item + " -> {" + source.text().substring(from, to) + "return " + value + ";\n}";
      }
    } else {
      if (body instanceof BlockStmt) {
        lambda = item + " -> " + source.source(body);
      } else if (body instanceof ExpressionStmt expr) {
        lambda = item + " -> " + source.source(expr.getExpression());
      } else {
        lambda = item + " -> {\n" + source.source(body) + "\n}";
      }
    }
    String call = plan.statement(window.name(), items, lambda);
    List<TextEdit> edits = new ArrayList<>();
    edits.add(new TextEdit(SourceEdits.range(loop), call));
    window.importEdit().ifPresent(edits::add);
    return Optional.of(edits);
  }
}
