package dev.lockstep.scanner.frontend;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;

/** Small null-safe syntax helpers. */
final class Exprs {
  private Exprs() {}

  /** Strips parentheses and casts, as the checker's {@code Trees2.unwrap}. */
  static Expression unwrap(Expression expression) {
    Expression e = expression;
    while (true) {
      if (e instanceof EnclosedExpr p) {
        e = p.getInner();
      } else if (e instanceof CastExpr c) {
        e = c.getExpression();
      } else {
        return e;
      }
    }
  }

  /** The source text of a node as written (not pretty-printed). */
  static String source(Node node) {
    return SourceText.source(node);
  }
}
