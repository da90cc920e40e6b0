package dev.lockstep.scanner.frontend;

import com.github.javaparser.Range;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.ImportDeclaration;
import com.github.javaparser.ast.Modifier;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.nodeTypes.NodeWithAnnotations;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.type.PrimitiveType;
import com.github.javaparser.ast.type.Type;
import com.github.javaparser.ast.type.VoidType;
import java.util.Locale;
import java.util.Optional;

/**
 * The getters and setters Lombok generates, declared in the parsed tree so that the symbol solver
 * resolves calls of them. javac sees them (Lombok runs as an annotation processor); JavaParser does
 * not, so a loop that reads {@code adapter.getKey()} lost the whole call around it — and the wait
 * inside ({@code store.getOrComputeIfAbsent(adapter.getKey(), k -> adapter.start())}).
 *
 * <p>Only {@code @Getter}, {@code @Setter}, {@code @Data} and {@code @Value}, on a class or a
 * field, in a file that imports Lombok. A method the class declares itself wins; {@code
 * AccessLevel.NONE} declares nothing; static fields are left alone. The methods carry the field's
 * position, so a chain through one points at the annotated field.
 */
final class LombokAccessors {
  private LombokAccessors() {}

  /** Declares the accessors Lombok would generate in {@code unit}'s classes. */
  static void declare(CompilationUnit unit) {
    if (!importsLombok(unit)) {
      return;
    }
    for (ClassOrInterfaceDeclaration type : unit.findAll(ClassOrInterfaceDeclaration.class)) {
      if (type.isInterface()) {
        continue;
      }
      boolean classGetters = has(type, "Getter") || has(type, "Data") || has(type, "Value");
      boolean classSetters = has(type, "Setter") || has(type, "Data");
      for (FieldDeclaration field : type.getFields()) {
        declareFor(type, field, classGetters, classSetters);
      }
    }
  }

  private static void declareFor(
      ClassOrInterfaceDeclaration type,
      FieldDeclaration field,
      boolean classGetters,
      boolean classSetters) {
    if (field.isStatic()) {
      return;
    }
    boolean getter = !none(field, "Getter") && (classGetters || has(field, "Getter"));
    boolean setter =
        !none(field, "Setter") && !field.isFinal() && (classSetters || has(field, "Setter"));
    for (VariableDeclarator variable : field.getVariables()) {
      Optional<Range> at = field.getRange();
      if (getter) {
        String name = getterName(variable);
        if (type.getMethodsBySignature(name).isEmpty()) {
          MethodDeclaration m =
              new MethodDeclaration(
                  new NodeList<>(Modifier.publicModifier()), variable.getType().clone(), name);
          m.setBody(
              new BlockStmt(
                  new NodeList<>(
                      new ReturnStmt(
                          new FieldAccessExpr(new ThisExpr(), variable.getNameAsString())))));
          type.addMember(positioned(m, at));
        }
      }
      if (setter) {
        String name = "set" + capitalised(variable.getNameAsString());
        Type t = variable.getType();
        if (type.getMethodsBySignature(name, t.asString()).isEmpty()) {
          MethodDeclaration m =
              new MethodDeclaration(
                  new NodeList<>(Modifier.publicModifier()), new VoidType(), name);
          m.addParameter(new Parameter(t.clone(), variable.getNameAsString()));
          m.setBody(
              new BlockStmt(
                  new NodeList<>(
                      new ExpressionStmt(
                          new AssignExpr(
                              new FieldAccessExpr(new ThisExpr(), variable.getNameAsString()),
                              new NameExpr(variable.getNameAsString()),
                              AssignExpr.Operator.ASSIGN)))));
          type.addMember(positioned(m, at));
        }
      }
    }
  }

  /** {@code getKey}; {@code isReady} for a {@code boolean ready} or {@code boolean isReady}. */
  static String getterName(VariableDeclarator variable) {
    String name = variable.getNameAsString();
    boolean primitiveBoolean =
        variable.getType() instanceof PrimitiveType p
            && p.getType() == PrimitiveType.Primitive.BOOLEAN;
    if (!primitiveBoolean) {
      return "get" + capitalised(name);
    }
    if (name.length() > 2 && name.startsWith("is") && Character.isUpperCase(name.charAt(2))) {
      return name;
    }
    return "is" + capitalised(name);
  }

  private static String capitalised(String name) {
    return name.isEmpty()
        ? name
        : name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
  }

  /** The method, and every node in it, at the field's position. */
  private static MethodDeclaration positioned(MethodDeclaration m, Optional<Range> at) {
    at.ifPresent(range -> m.walk(Node.TreeTraversal.PREORDER, n -> n.setRange(range)));
    return m;
  }

  private static boolean importsLombok(CompilationUnit unit) {
    for (ImportDeclaration i : unit.getImports()) {
      if (i.getNameAsString().equals("lombok") || i.getNameAsString().startsWith("lombok.")) {
        return true;
      }
    }
    return false;
  }

  private static boolean has(NodeWithAnnotations<?> node, String simpleName) {
    return annotation(node, simpleName).isPresent();
  }

  /** {@code @Getter(AccessLevel.NONE)}: Lombok generates nothing for the field. */
  private static boolean none(NodeWithAnnotations<?> node, String simpleName) {
    return annotation(node, simpleName).map(a -> a.toString().contains("NONE")).orElse(false);
  }

  private static Optional<AnnotationExpr> annotation(
      NodeWithAnnotations<?> node, String simpleName) {
    for (AnnotationExpr a : node.getAnnotations()) {
      String name = a.getNameAsString();
      if (name.equals(simpleName) || name.equals("lombok." + simpleName)) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }
}
