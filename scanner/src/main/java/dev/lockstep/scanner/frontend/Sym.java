package dev.lockstep.scanner.frontend;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.Expression;

/**
 * A variable (or type) a name refers to, found from the syntax: the stand-in for javac's {@code
 * VarSymbol}. Compared by identity: one instance per declaration (per field name for fields whose
 * declaration is not in the scanned sources).
 */
final class Sym {
  enum Kind {
    /** A local variable, catch parameter, resource or pattern variable. */
    LOCAL,
    /** A parameter of a method, constructor or lambda. */
    PARAM,
    FIELD,
    /** The name is a type ({@code Thread} in {@code Thread.sleep(1)}). */
    TYPE
  }

  final Kind kind;
  final String name;

  /** The declaring node ({@code VariableDeclarator}, {@code Parameter}, pattern), if known. */
  final Node declaration;

  /** Whether a field is {@code static final} (a constant). */
  final boolean constant;

  Sym(Kind kind, String name, Node declaration, boolean constant) {
    this.kind = kind;
    this.name = name;
    this.declaration = declaration;
    this.constant = constant;
  }

  boolean isLocalOrParam() {
    return kind == Kind.LOCAL || kind == Kind.PARAM;
  }

  /** The initialiser of a local, or null. */
  Expression initializer() {
    return declaration instanceof com.github.javaparser.ast.body.VariableDeclarator v
        ? v.getInitializer().orElse(null)
        : null;
  }

  @Override
  public String toString() {
    return kind + " " + name;
  }
}
