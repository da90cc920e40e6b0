package dev.lockstep.scanner.frontend;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.stmt.CatchClause;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.LocalClassDeclarationStmt;
import com.github.javaparser.ast.stmt.LocalRecordDeclarationStmt;
import com.github.javaparser.ast.stmt.ThrowStmt;
import com.github.javaparser.ast.stmt.TryStmt;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import com.github.javaparser.ast.type.UnionType;
import com.github.javaparser.resolution.declarations.ResolvedMethodDeclaration;
import com.github.javaparser.resolution.declarations.ResolvedMethodLikeDeclaration;
import com.github.javaparser.resolution.declarations.ResolvedReferenceTypeDeclaration;
import com.github.javaparser.resolution.logic.FunctionalInterfaceLogic;
import com.github.javaparser.resolution.model.typesystem.ReferenceTypeImpl;
import com.github.javaparser.resolution.types.ResolvedReferenceType;
import com.github.javaparser.resolution.types.ResolvedType;
import dev.lockstep.analysis.facts.PipelineCalls;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Whether {@code BoundedWindow.of(k).<name>(items, item -> body)} fits one enhanced {@code for}
 * loop, decided as the checker's {@code FixReader.blocker} decides it and worded the same: the
 * items' type, the loop variable against the element type, the function type's exceptions against
 * what the body throws, and what the window's method throws against what the enclosing method
 * declares or catches. Types are compared erased, by canonical name.
 *
 * <p>Only used when {@code BoundedWindow} resolves, so scans of code without the window pay
 * nothing. What does not resolve is taken to fit: the scanner then claims the rewrite the checker
 * might refuse, in the message only (the scanner never edits code).
 */
final class WindowFit {
  private static final String THROWABLE = "java.lang.Throwable";

  private final JpNames names;
  private final ForEachStmt loop;
  private List<ResolvedType> bodyThrows;

  WindowFit(JpNames names, ForEachStmt loop) {
    this.names = names;
    this.loop = loop;
  }

  /**
   * Why {@code BoundedWindow.<name>} would not fit, if it would not; {@code map} needs a result.
   */
  Optional<String> blocker(String name, boolean needsResult) {
    Optional<ResolvedReferenceTypeDeclaration> found =
        names.typeDeclaration(PipelineCalls.BOUNDED_WINDOW);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    try {
      return blocker(found.orElseThrow(), name, needsResult);
    } catch (RuntimeException | StackOverflowError e) {
      if (names.strict && !StrictBodies.resolutionFailure(e)) {
        throw e;
      }
      return Optional.empty(); // something did not resolve: taken to fit
    }
  }

  private Optional<String> blocker(
      ResolvedReferenceTypeDeclaration window, String name, boolean needsResult) {
    if (find(window, PipelineCalls.WINDOW_FACTORY, 1, true) == null) {
      return Optional.of("BoundedWindow has no static of(int)");
    }
    ResolvedMethodDeclaration method = find(window, name, 2, false);
    if (method == null) {
      return Optional.of("BoundedWindow has no " + name + "(items, function)");
    }
    Optional<ResolvedType> items = names.type(loop.getIterable());
    if (items.isEmpty()) {
      return Optional.empty();
    }
    ResolvedType itemsType = items.orElseThrow();
    String param = names.typeName(method.getParam(0).getType());
    if (!itemsType.isReferenceType() || !names.closure(itemsType).contains(param)) {
      return Optional.of("BoundedWindow." + name + " does not take " + simpleName(itemsType));
    }
    if (!loop.getVariable().getVariables().get(0).getType().isVarType()) {
      String element = elementType(itemsType);
      String variable =
          names.typeName(loop.getVariable().getVariables().get(0).getType().resolve());
      if (element == null || !element.equals(variable)) {
        return Optional.of("the loop variable's type differs from the items' element type");
      }
    }
    ResolvedType fn = method.getParam(1).getType();
    var descriptor = FunctionalInterfaceLogic.getFunctionalMethod(fn);
    if (descriptor.isEmpty()) {
      return Optional.of("BoundedWindow." + name + " does not take a function");
    }
    ResolvedMethodDeclaration function = descriptor.orElseThrow().getDeclaration();
    if (needsResult && function.getReturnType().isVoid()) {
      return Optional.of("BoundedWindow.map's function returns nothing");
    }
    if (needsResult && !names.closure(method.getReturnType()).contains("java.util.Collection")) {
      return Optional.of("BoundedWindow.map does not return a collection");
    }
    List<ResolvedType> thrownByBody = bodyThrows();
    for (ResolvedType thrown : thrownByBody) {
      if (!coveredBy(thrown, function.getSpecifiedExceptions())) {
        return Optional.of(
            "the body throws "
                + simpleName(thrown)
                + ", which BoundedWindow."
                + name
                + "'s function type does not allow");
      }
    }
    for (ResolvedType thrown : method.getSpecifiedExceptions()) {
      // `<E extends Exception> ... throws E`, E the function's own exception: javac infers E as
      // the least upper bound of what the body throws (JLS 18.4).
      if (thrown.isTypeVariable() && isTypeArgumentOf(thrown, fn)) {
        if (thrownByBody.isEmpty()) {
          continue; // E is inferred as RuntimeException
        }
        String inferred = leastUpperBound(thrownByBody);
        if (inferred != null && handled(names.closure(refType(inferred)))) {
          continue;
        }
        return Optional.of(
            "BoundedWindow."
                + name
                + " would throw "
                + (inferred == null ? "Exception" : simple(inferred))
                + " (what the body throws, as one type), which the enclosing method neither"
                + " declares nor catches");
      }
      if (isChecked(thrown) && !handled(names.closure(thrown))) {
        return Optional.of(
            "BoundedWindow."
                + name
                + " throws "
                + simpleName(thrown)
                + ", which the enclosing method neither declares nor catches");
      }
    }
    return Optional.empty();
  }

  private static ResolvedMethodDeclaration find(
      ResolvedReferenceTypeDeclaration cls, String name, int params, boolean isStatic) {
    for (ResolvedMethodDeclaration m : cls.getDeclaredMethods()) {
      if (m.getName().equals(name)
          && m.getNumberOfParams() == params
          && m.isStatic() == isStatic
          && m.accessSpecifier() == com.github.javaparser.ast.AccessSpecifier.PUBLIC) {
        return m;
      }
    }
    return null;
  }

  /** The erased element type of an array or {@code Iterable}, as javac's upper bound gives it. */
  private String elementType(ResolvedType items) {
    if (items.isArray()) {
      return names.typeName(items.asArrayType().getComponentType());
    }
    ResolvedReferenceType ref = items.asReferenceType();
    List<ResolvedReferenceType> candidates = new ArrayList<>();
    candidates.add(ref);
    candidates.addAll(ref.getAllAncestors());
    for (ResolvedReferenceType t : candidates) {
      if (t.getQualifiedName().equals("java.lang.Iterable")) {
        List<ResolvedType> args = t.typeParametersValues();
        if (args.isEmpty() || ref.isRawType()) {
          return null;
        }
        ResolvedType arg = args.get(0);
        if (arg.isWildcard() && !arg.asWildcard().isExtends()) {
          return "java.lang.Object";
        }
        return names.typeName(arg);
      }
    }
    return null;
  }

  private static boolean isTypeArgumentOf(ResolvedType typeVariable, ResolvedType fn) {
    String variable = typeVariable.asTypeParameter().getName();
    return fn.isReferenceType()
        && fn.asReferenceType().typeParametersValues().stream()
            .anyMatch(a -> a.isTypeVariable() && a.asTypeParameter().getName().equals(variable));
  }

  private boolean isChecked(ResolvedType t) {
    Set<String> closure = names.closure(bound(t));
    return closure.contains(THROWABLE)
        && !closure.contains("java.lang.RuntimeException")
        && !closure.contains("java.lang.Error");
  }

  /** A type variable stands for its bound, as javac's {@code coveredBy} reads it. */
  private ResolvedType bound(ResolvedType t) {
    if (t.isTypeVariable()) {
      for (var b : t.asTypeParameter().getBounds()) {
        if (b.isExtends()) {
          return b.getType();
        }
      }
    }
    return t;
  }

  private boolean coveredBy(ResolvedType thrown, List<ResolvedType> allowed) {
    Set<String> closure = names.closure(thrown);
    for (ResolvedType a : allowed) {
      if (closure.contains(names.typeName(bound(a)))) {
        return true;
      }
    }
    return false;
  }

  /**
   * javac's {@code lub} for exception classes: the nearest superclass of the first that every other
   * one extends (exceptions are classes, so no interface can be nearer).
   */
  private String leastUpperBound(List<ResolvedType> types) {
    ResolvedReferenceTypeDeclaration cls =
        types.get(0).asReferenceType().getTypeDeclaration().orElse(null);
    while (cls != null) {
      String candidate = cls.getQualifiedName();
      if (types.stream().allMatch(t -> names.closure(t).contains(candidate))) {
        return candidate;
      }
      cls =
          cls.isClass()
              ? cls.asClass()
                  .getSuperClass()
                  .flatMap(ResolvedReferenceType::getTypeDeclaration)
                  .orElse(null)
              : null;
    }
    return null;
  }

  private ResolvedType refType(String name) {
    return names.typeDeclaration(name).<ResolvedType>map(ReferenceTypeImpl::new).orElse(null);
  }

  /** The erased simple name, {@code String[]} for an array (the checker words it the same). */
  private static String simpleName(ResolvedType t) {
    if (t.isArray()) {
      return simpleName(t.asArrayType().getComponentType()) + "[]";
    }
    return simple(t.isReferenceType() ? t.asReferenceType().getQualifiedName() : t.describe());
  }

  private static String simple(String qualified) {
    return qualified.substring(qualified.lastIndexOf('.') + 1);
  }

  /** Declared by the enclosing method, or caught by a try around the loop inside it. */
  @SuppressWarnings("ReferenceEquality") // AST nodes are compared by identity on purpose
  private boolean handled(Set<String> thrownClosure) {
    Node child = loop;
    for (Node p = loop.getParentNode().orElse(null);
        p != null;
        p = p.getParentNode().orElse(null)) {
      if (p instanceof TryStmt t && t.getTryBlock() == child) {
        for (CatchClause c : t.getCatchClauses()) {
          for (var type : c.getParameter().getType().findAll(ClassOrInterfaceType.class)) {
            if (thrownClosure.stream().anyMatch(q -> q.endsWith("." + type.getNameAsString()))) {
              return true;
            }
          }
        }
      }
      if (p instanceof CallableDeclaration<?> m) {
        for (var type : m.getThrownExceptions()) {
          String simple = simple(type.asString());
          if (thrownClosure.stream().anyMatch(q -> q.endsWith("." + simple))) {
            return true;
          }
        }
        return false;
      }
      if (p instanceof LambdaExpr || p instanceof TypeDeclaration<?>) {
        return false;
      }
      child = p;
    }
    return false;
  }

  /** Checked exceptions the body can throw that no try inside it catches, in source order. */
  private List<ResolvedType> bodyThrows() {
    if (bodyThrows == null) {
      bodyThrows = new ArrayList<>();
      scan(loop.getBody(), new ArrayDeque<>());
    }
    return bodyThrows;
  }

  private void scan(Node node, Deque<List<ResolvedType>> caught) {
    if (node instanceof LambdaExpr
        || node instanceof LocalClassDeclarationStmt
        || node instanceof LocalRecordDeclarationStmt) {
      return; // their bodies run elsewhere
    }
    if (node instanceof MethodCallExpr call) {
      thrownBy(names.resolve(call), caught);
    } else if (node instanceof ObjectCreationExpr created) {
      thrownBy(names.resolve(created), caught);
      created.getArguments().forEach(a -> scan(a, caught)); // as the checker: arguments only
      return;
    } else if (node instanceof ThrowStmt t) {
      names.type(t.getExpression()).ifPresent(type -> thrown(type, caught));
    } else if (node instanceof TryStmt t) {
      List<ResolvedType> level = new ArrayList<>();
      for (CatchClause c : t.getCatchClauses()) {
        var type = c.getParameter().getType();
        List<com.github.javaparser.ast.type.Type> alternatives =
            type instanceof UnionType union ? new ArrayList<>(union.getElements()) : List.of(type);
        for (var alternative : alternatives) {
          try {
            level.add(alternative.resolve());
          } catch (RuntimeException e) {
            // an unresolved catch type catches nothing we can name
          }
        }
      }
      caught.push(level);
      try {
        if (!t.getResources().isEmpty()) {
          // close() may throw; conservatively any exception, as the checker counts it
          ResolvedType exception = refType("java.lang.Exception");
          if (exception != null) {
            thrown(exception, caught);
          }
        }
        t.getResources().forEach(r -> scan(r, caught));
        scan(t.getTryBlock(), caught);
      } finally {
        caught.pop();
      }
      t.getCatchClauses().forEach(c -> scan(c, caught));
      t.getFinallyBlock().ifPresent(f -> scan(f, caught));
      return;
    }
    for (Node child : node.getChildNodes()) {
      scan(child, caught);
    }
  }

  private void thrownBy(
      Optional<ResolvedMethodLikeDeclaration> method, Deque<List<ResolvedType>> caught) {
    if (method.isEmpty()) {
      return;
    }
    try {
      for (ResolvedType t : method.orElseThrow().getSpecifiedExceptions()) {
        thrown(bound(t), caught);
      }
    } catch (RuntimeException e) {
      // exceptions that do not resolve are not counted
    }
  }

  private void thrown(ResolvedType t, Deque<List<ResolvedType>> caught) {
    if (t == null || !isChecked(t)) {
      return;
    }
    for (List<ResolvedType> level : caught) {
      if (coveredBy(t, level)) {
        return;
      }
    }
    bodyThrows.add(t);
  }
}
