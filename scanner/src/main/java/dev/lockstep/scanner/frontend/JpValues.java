package dev.lockstep.scanner.frontend;

import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.BooleanLiteralExpr;
import com.github.javaparser.ast.expr.CharLiteralExpr;
import com.github.javaparser.ast.expr.DoubleLiteralExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.LongLiteralExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.TextBlockLiteralExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.resolution.declarations.ResolvedValueDeclaration;
import com.github.javaparser.symbolsolver.javaparsermodel.JavaParserFacade;
import com.github.javaparser.symbolsolver.javaparsermodel.declarations.JavaParserFieldDeclaration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Compile-time {@code int} and {@code long} constants, folded as javac folds them (the lowering's
 * {@code Src.constant}, {@code @ResourceParallelism(Pool.SIZE)}), and the text diagnostics quote of
 * an annotation's value. Fails soft: what it cannot tell is empty.
 */
@SuppressWarnings("ReferenceEquality") // syntax nodes and symbols by identity, on purpose
final class JpValues {
  private final Vars vars;
  private final JpNames names;
  private final JavaParserFacade facade;

  JpValues(JpNames names, Vars vars) {
    this.vars = vars;
    this.names = names;
    this.facade = JavaParserFacade.get(names.solver());
  }

  // ---------------------------------------------------------------------------------------------
  // Variables

  /**
   * The declarator of the field an expression names: from the syntax when the field is declared
   * around it, else from the symbol solver ({@code Other.LOCK}, {@code other.pool}); null when it
   * names no field of the scanned sources.
   */
  VariableDeclarator fieldDeclarator(Expression expression) {
    Expression e = Exprs.unwrap(expression);
    Sym sym = vars.of(e);
    if (sym != null && sym.isLocalOrParam()) {
      return null;
    }
    // (Other.SIZE looks like a type to the syntax; the solver tells.)
    if (sym != null
        && sym.kind == Sym.Kind.FIELD
        && sym.declaration instanceof VariableDeclarator v) {
      return v;
    }
    return solvedField(e)
        .filter(d -> d instanceof JavaParserFieldDeclaration)
        .map(d -> ((JavaParserFieldDeclaration) d).getVariableDeclarator())
        .orElse(null);
  }

  private Optional<ResolvedValueDeclaration> solvedField(Expression e) {
    if (!(e instanceof NameExpr || e instanceof FieldAccessExpr)) {
      return Optional.empty();
    }
    return names.reads.chargedTo(e, () -> solveField(e));
  }

  private Optional<ResolvedValueDeclaration> solveField(Expression e) {
    try {
      var ref = e instanceof NameExpr name ? facade.solve(name) : facade.solve((FieldAccessExpr) e);
      if (ref.isSolved() && ref.getCorrespondingDeclaration().isField()) {
        return Optional.of(ref.getCorrespondingDeclaration());
      }
    } catch (RuntimeException | StackOverflowError ex) {
      // unresolvable: not known to be a field
    }
    return Optional.empty();
  }

  private static boolean inInterface(FieldDeclaration f) {
    return f.getParentNode().orElse(null)
            instanceof com.github.javaparser.ast.body.ClassOrInterfaceDeclaration c
        && c.isInterface();
  }

  // ---------------------------------------------------------------------------------------------
  // Constants

  /** The value of an {@code int} compile-time constant expression, as javac folds it. */
  OptionalInt intConstant(Expression expression) {
    Long value = constant(expression, 0, false);
    return value != null && value == value.intValue()
        ? OptionalInt.of(value.intValue())
        : OptionalInt.empty();
  }

  /**
   * The value of an {@code int} or {@code long} compile-time constant expression ({@code 0L}, a
   * {@code static final long}).
   */
  OptionalLong longConstant(Expression expression) {
    Long value = constant(expression, 0, true);
    return value != null ? OptionalLong.of(value) : OptionalLong.empty();
  }

  /** With {@code longs}, literals of type long count; without, the expression must be an int. */
  private Long constant(Expression expression, int depth, boolean longs) {
    if (expression == null || depth > 8) {
      return null;
    }
    Expression e = Exprs.unwrap(expression);
    switch (e) {
      case IntegerLiteralExpr literal -> {
        try {
          return literal.asNumber().longValue();
        } catch (RuntimeException ex) {
          return null;
        }
      }
      case LongLiteralExpr literal -> {
        try {
          return longs ? literal.asNumber().longValue() : null;
        } catch (RuntimeException ex) {
          return null;
        }
      }
      case UnaryExpr unary -> {
        Long v = constant(unary.getExpression(), depth + 1, longs);
        return v == null
            ? null
            : switch (unary.getOperator()) {
              case MINUS -> -v;
              case PLUS -> v;
              default -> null;
            };
      }
      case BinaryExpr binary -> {
        Long l = constant(binary.getLeft(), depth + 1, longs);
        Long r = constant(binary.getRight(), depth + 1, longs);
        if (l == null || r == null) {
          return null;
        }
        return switch (binary.getOperator()) {
          case PLUS -> l + r;
          case MINUS -> l - r;
          case MULTIPLY -> l * r;
          case DIVIDE -> r == 0 ? null : l / r;
          case REMAINDER -> r == 0 ? null : l % r;
          default -> null;
        };
      }
      case NameExpr n -> {
        return constantVariable(e, depth, longs);
      }
      case FieldAccessExpr f -> {
        return constantVariable(e, depth, longs);
      }
      default -> {
        return null;
      }
    }
  }

  /** A constant variable: {@code final}, initialised with a constant expression. */
  private Long constantVariable(Expression e, int depth, boolean longs) {
    Sym sym = vars.of(e);
    VariableDeclarator v = null;
    boolean isFinal = false;
    if (sym != null && sym.isLocalOrParam()) {
      if (sym.declaration instanceof VariableDeclarator local
          && local.getParentNode().orElse(null) instanceof VariableDeclarationExpr decl) {
        v = local;
        isFinal = decl.isFinal();
      }
    } else {
      v = fieldDeclarator(e);
      if (v != null && v.getParentNode().orElse(null) instanceof FieldDeclaration f) {
        isFinal = f.isFinal() || inInterface(f);
      }
    }
    if (v == null || !isFinal || v.getInitializer().isEmpty()) {
      return null;
    }
    return constant(v.getInitializer().orElseThrow(), depth + 1, longs);
  }

  // ---------------------------------------------------------------------------------------------
  // Text and positions

  /** The expression as diagnostics quote it: one line, without {@code this.}, at most 40 chars. */
  static String source(Expression expression) {
    String text = Exprs.source(Exprs.unwrap(expression)).replaceAll("\\s+", " ");
    if (text.startsWith("this.")) {
      text = text.substring("this.".length());
    }
    return text.length() <= 40 ? text : text.substring(0, 37) + "...";
  }

  /** A literal's value: boxed as javac's constant, a text block as its string; else null. */
  static Object literal(Expression e) {
    try {
      return switch (e) {
        case IntegerLiteralExpr i -> i.asNumber();
        case LongLiteralExpr l -> l.asNumber();
        case BooleanLiteralExpr b -> b.getValue();
        case CharLiteralExpr c -> c.asChar();
        case TextBlockLiteralExpr t -> t.asString();
        case StringLiteralExpr s -> s.asString();
        case DoubleLiteralExpr d -> {
          String text = d.getValue().replace("_", "");
          char last = Character.toLowerCase(text.charAt(text.length() - 1));
          yield last == 'f' ? (Object) Float.parseFloat(text) : (Object) Double.parseDouble(text);
        }
        default -> null;
      };
    } catch (RuntimeException ex) {
      return null;
    }
  }
}
