package dev.lockstep.scanner.frontend;

import com.github.javaparser.ast.Modifier;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.EnumDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.RecordDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.TypeExpr;
import com.github.javaparser.ast.expr.TypePatternExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.nodeTypes.NodeWithStatements;
import com.github.javaparser.ast.stmt.CatchClause;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.TryStmt;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Finds what a simple name refers to from the syntax alone, walking out through the enclosing
 * blocks, loops, lambdas, catch clauses, methods and types: javac's symbol binding for variables,
 * without a symbol-solver call per name. Shadowing follows Java's scoping: the nearest declaration
 * before the use wins.
 */
@SuppressWarnings("ReferenceEquality") // syntax nodes and symbols by identity, on purpose
final class Vars {
  private final IdentityHashMap<Node, Sym> byDeclaration = new IdentityHashMap<>();
  private final Map<String, Sym> undeclaredFields = new HashMap<>();
  private final Map<String, Sym> typeNames = new HashMap<>();

  /**
   * The pattern variables of each method or lambda asked about, the first of each name: one walk
   * per scope, not one per name looked up (a 10 000-statement method made it quadratic: 90 s).
   */
  private final IdentityHashMap<Node, Map<String, TypePatternExpr>> patterns =
      new IdentityHashMap<>();

  /** What an expression names: a variable, a field, a type; null for anything else. */
  Sym of(Expression expression) {
    Expression e = Exprs.unwrap(expression);
    if (e instanceof NameExpr name) {
      return lookup(name, name.getNameAsString());
    }
    if (e instanceof FieldAccessExpr access) {
      if (access.getScope() instanceof ThisExpr) {
        Sym field = fieldIn(access, access.getNameAsString());
        return field != null ? field : undeclaredField(access.getNameAsString());
      }
      if (looksLikeType(access)) {
        return type(access.toString());
      }
      return undeclaredField(access.getNameAsString());
    }
    if (e instanceof TypeExpr type) {
      Sym variable = variableNamedBy(type);
      return variable != null ? variable : type(type.getType().asString());
    }
    return null;
  }

  /**
   * The variable a method reference's qualifier names: JavaParser parses {@code erp::submit} with a
   * type for {@code erp}, where javac binds the name to the field (or local) in scope first.
   */
  private Sym variableNamedBy(TypeExpr qualifier) {
    if (!(qualifier.getParentNode().orElse(null)
            instanceof com.github.javaparser.ast.expr.MethodReferenceExpr)
        || !(qualifier.getType()
            instanceof com.github.javaparser.ast.type.ClassOrInterfaceType simple)
        || simple.getScope().isPresent()
        || simple.getTypeArguments().isPresent()) {
      return null;
    }
    Sym sym = lookup(qualifier, simple.getNameAsString());
    return sym.kind == Sym.Kind.TYPE || sym.declaration == null ? null : sym;
  }

  /** Whether {@code a.b.C} is a (qualified) type name rather than a field access. */
  boolean looksLikeType(Expression expression) {
    Expression e = Exprs.unwrap(expression);
    if (e instanceof TypeExpr type) {
      return variableNamedBy(type) == null;
    }
    if (e instanceof NameExpr name) {
      Sym s = lookup(name, name.getNameAsString());
      return s != null && s.kind == Sym.Kind.TYPE;
    }
    if (e instanceof FieldAccessExpr access) {
      boolean upper = Character.isUpperCase(access.getNameAsString().charAt(0));
      Expression scope = access.getScope();
      if (scope instanceof NameExpr n && lookup(n, n.getNameAsString()) == null) {
        return upper;
      }
      if (scope instanceof NameExpr n) {
        Sym s = lookup(n, n.getNameAsString());
        // a package segment (java.sql.DriverManager) or an outer type (Outer.Inner)
        return upper && (s.kind == Sym.Kind.TYPE || isPackageLike(n));
      }
      return upper && (looksLikeType(scope) || isPackageChain(scope));
    }
    return false;
  }

  private boolean isPackageLike(NameExpr n) {
    String s = n.getNameAsString();
    return Character.isLowerCase(s.charAt(0))
        && lookup(n, s).kind == Sym.Kind.FIELD
        && lookup(n, s).declaration == null;
  }

  private boolean isPackageChain(Expression e) {
    if (e instanceof NameExpr n) {
      return isPackageLike(n);
    }
    return e instanceof FieldAccessExpr f
        && Character.isLowerCase(f.getNameAsString().charAt(0))
        && isPackageChain(f.getScope());
  }

  private Sym type(String name) {
    return typeNames.computeIfAbsent(name, n -> new Sym(Sym.Kind.TYPE, n, null, false));
  }

  private Sym undeclaredField(String name) {
    return undeclaredFields.computeIfAbsent(name, n -> new Sym(Sym.Kind.FIELD, n, null, false));
  }

  private Sym declared(Node declaration, Sym.Kind kind, String name, boolean constant) {
    return byDeclaration.computeIfAbsent(declaration, d -> new Sym(kind, name, d, constant));
  }

  /** The symbol of a declaration node: a local declarator, a parameter, a pattern variable. */
  Sym declaration(Node declaration) {
    return switch (declaration) {
      case VariableDeclarator v ->
          v.getParentNode().orElse(null) instanceof FieldDeclaration field
              ? fieldIn(field, v.getNameAsString())
              : declared(v, Sym.Kind.LOCAL, v.getNameAsString(), false);
      case Parameter p ->
          declared(
              p,
              p.getParentNode().orElse(null) instanceof CatchClause
                  ? Sym.Kind.LOCAL
                  : Sym.Kind.PARAM,
              p.getNameAsString(),
              false);
      case TypePatternExpr t -> declared(t, Sym.Kind.LOCAL, t.getNameAsString(), false);
      default -> null;
    };
  }

  /** The symbol {@code name} means at {@code use}. */
  Sym lookup(Node use, String name) {
    Node child = use;
    for (Node p = use.getParentNode().orElse(null);
        p != null;
        child = p, p = p.getParentNode().orElse(null)) {
      Sym found = declaredIn(p, child, name);
      if (found != null) {
        return found;
      }
    }
    if (!name.isEmpty() && Character.isUpperCase(name.charAt(0))) {
      return type(name);
    }
    return undeclaredField(name);
  }

  private Sym declaredIn(Node p, Node child, String name) {
    return switch (p) {
      case NodeWithStatements<?> block -> {
        Sym s = null;
        for (Statement stmt : block.getStatements()) {
          if (stmt == child) {
            break;
          }
          Sym d = localIn(stmt, name);
          if (d != null) {
            s = d; // the last one before the use wins
          }
        }
        yield s;
      }
      case ForStmt f -> {
        for (Expression init : f.getInitialization()) {
          Sym d = localIn(init, name);
          if (d != null) {
            yield d;
          }
        }
        yield null;
      }
      case ForEachStmt f -> {
        if (child == f.getIterable()) {
          yield null;
        }
        yield localIn(f.getVariable(), name);
      }
      case LambdaExpr lambda -> {
        for (Parameter param : lambda.getParameters()) {
          if (param.getNameAsString().equals(name)) {
            yield declared(param, Sym.Kind.PARAM, name, false);
          }
        }
        yield patternIn(lambda.getBody(), name);
      }
      case CatchClause c -> {
        yield c.getParameter().getNameAsString().equals(name)
            ? declared(c.getParameter(), Sym.Kind.LOCAL, name, false)
            : null;
      }
      case TryStmt t -> {
        for (Expression resource : t.getResources()) {
          if (resource == child) {
            break;
          }
          Sym d = localIn(resource, name);
          if (d != null) {
            yield d;
          }
        }
        yield null;
      }
      case CallableDeclaration<?> method -> {
        for (Parameter param : method.getParameters()) {
          if (param.getNameAsString().equals(name)) {
            yield declared(param, Sym.Kind.PARAM, name, false);
          }
        }
        yield patternIn(method, name);
      }
      case RecordDeclaration record -> {
        Sym f = fieldOf(record, name);
        if (f != null) {
          yield f;
        }
        for (Parameter component : record.getParameters()) {
          if (component.getNameAsString().equals(name)) {
            yield declared(component, Sym.Kind.FIELD, name, false);
          }
        }
        yield null;
      }
      case TypeDeclaration<?> type -> {
        yield fieldOf(type, name);
      }
      case ObjectCreationExpr created -> {
        if (created.getAnonymousClassBody().isPresent()
            && created.getAnonymousClassBody().orElseThrow().contains(child)) {
          for (var member : created.getAnonymousClassBody().orElseThrow()) {
            if (member instanceof FieldDeclaration field) {
              Sym f = fieldIn(field, name);
              if (f != null) {
                yield f;
              }
            }
          }
        }
        yield null;
      }
      default -> null;
    };
  }

  private Sym fieldOf(TypeDeclaration<?> type, String name) {
    for (FieldDeclaration field : type.getFields()) {
      Sym f = fieldIn(field, name);
      if (f != null) {
        return f;
      }
    }
    if (type instanceof EnumDeclaration e) {
      for (var constant : e.getEntries()) {
        if (constant.getNameAsString().equals(name)) {
          return declared(constant, Sym.Kind.FIELD, name, true);
        }
      }
    }
    return null;
  }

  private Sym fieldIn(FieldDeclaration field, String name) {
    for (VariableDeclarator v : field.getVariables()) {
      if (v.getNameAsString().equals(name)) {
        boolean staticFinal =
            field.hasModifier(Modifier.Keyword.STATIC) && field.hasModifier(Modifier.Keyword.FINAL);
        boolean inInterface =
            field.getParentNode().orElse(null)
                    instanceof com.github.javaparser.ast.body.ClassOrInterfaceDeclaration c
                && c.isInterface();
        boolean constant = staticFinal || inInterface;
        return declared(v, Sym.Kind.FIELD, name, constant);
      }
    }
    return null;
  }

  /** A field declared in a type around {@code use}. */
  private Sym fieldIn(Node use, String name) {
    for (Node p = use; p != null; p = p.getParentNode().orElse(null)) {
      if (p instanceof TypeDeclaration<?> t) {
        Sym f = fieldOf(t, name);
        if (f != null) {
          return f;
        }
      }
    }
    return null;
  }

  private Sym localIn(Node stmt, String name) {
    Node n = stmt instanceof ExpressionStmt e ? e.getExpression() : stmt;
    if (n instanceof VariableDeclarationExpr decl) {
      for (VariableDeclarator v : decl.getVariables()) {
        if (v.getNameAsString().equals(name)) {
          return declared(v, Sym.Kind.LOCAL, name, false);
        }
      }
    }
    return null;
  }

  /** Pattern variables ({@code x instanceof Foo f}), scoped loosely to the whole method. */
  private Sym patternIn(Node scope, String name) {
    TypePatternExpr pattern =
        patterns
            .computeIfAbsent(
                scope,
                s -> {
                  Map<String, TypePatternExpr> byName = new HashMap<>();
                  for (TypePatternExpr p : s.findAll(TypePatternExpr.class)) {
                    byName.putIfAbsent(p.getNameAsString(), p);
                  }
                  return byName.isEmpty() ? Map.of() : byName;
                })
            .get(name);
    return pattern == null ? null : declared(pattern, Sym.Kind.LOCAL, name, false);
  }
}
