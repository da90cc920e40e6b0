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
import dev.lockstep.analysis.body.JType;
import dev.lockstep.analysis.facts.PipelineCalls;
import dev.lockstep.analysis.read.WindowTypeFit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * JavaParser's answers to {@link WindowTypeFit}'s type questions for one enhanced {@code for} loop:
 * the real {@code map}/{@code forEach} signatures, the items' and the loop variable's types, what
 * the body throws and what the enclosing method declares or catches. The decision is the analysis',
 * the same as the checker's.
 *
 * <p>Only used when {@code BoundedWindow} resolves, so scans of code without the window pay
 * nothing. What does not resolve is taken to fit: the scanner then claims the rewrite the checker
 * might refuse, in the message only (the scanner never edits code).
 */
final class WindowFit implements WindowTypeFit.Types {
  private final JpNames names;
  private final ForEachStmt loop;
  private final ResolvedReferenceTypeDeclaration window;
  private List<JType> bodyThrows;

  private WindowFit(JpNames names, ForEachStmt loop, ResolvedReferenceTypeDeclaration window) {
    this.names = names;
    this.loop = loop;
    this.window = window;
  }

  /**
   * Why {@code BoundedWindow.<name>} would not fit {@code loop}, if it would not; {@code map} needs
   * a result.
   */
  static Optional<String> blocker(
      JpNames names, ForEachStmt loop, String name, boolean needsResult) {
    Optional<ResolvedReferenceTypeDeclaration> found =
        names.typeDeclaration(PipelineCalls.BOUNDED_WINDOW);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    try {
      return WindowTypeFit.blocker(
          new WindowFit(names, loop, found.orElseThrow()), name, needsResult);
    } catch (RuntimeException | StackOverflowError e) {
      if (names.strict && !StrictBodies.resolutionFailure(e)) {
        throw e;
      }
      return Optional.empty(); // something did not resolve: taken to fit
    }
  }

  @Override
  public boolean hasFactory() {
    return find(window, PipelineCalls.WINDOW_FACTORY, 1, true) != null;
  }

  @Override
  public Optional<WindowTypeFit.WindowMethod> method(String name) {
    ResolvedMethodDeclaration method = find(window, name, 2, false);
    if (method == null) {
      return Optional.empty();
    }
    ResolvedType fn = method.getParam(1).getType();
    Optional<WindowTypeFit.FunctionType> function =
        FunctionalInterfaceLogic.getFunctionalMethod(fn)
            .map(
                d ->
                    new WindowTypeFit.FunctionType(
                        d.getDeclaration().getReturnType().isVoid(),
                        d.getDeclaration().getSpecifiedExceptions().stream()
                            .map(t -> names.typeName(bound(t)))
                            .toList()));
    List<WindowTypeFit.Declared> thrown = new ArrayList<>();
    for (ResolvedType t : method.getSpecifiedExceptions()) {
      thrown.add(
          new WindowTypeFit.Declared(jtype(t), t.isTypeVariable() && isTypeArgumentOf(t, fn)));
    }
    return Optional.of(
        new WindowTypeFit.WindowMethod(
            names.typeName(method.getParam(0).getType()),
            function,
            names.closure(method.getReturnType()),
            thrown));
  }

  @Override
  public Optional<JType> items() {
    return names.type(loop.getIterable()).map(this::jtype);
  }

  @Override
  public boolean variableFitsElement() {
    var type = loop.getVariable().getVariables().get(0).getType();
    if (type.isVarType()) {
      return true;
    }
    String element = names.type(loop.getIterable()).map(this::elementType).orElse(null);
    return element != null && element.equals(names.typeName(type.resolve()));
  }

  @Override
  public Optional<JType> type(String name) {
    return names.typeDeclaration(name).map(d -> jtype(new ReferenceTypeImpl(d)));
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

  /** A type variable stands for its bound, as javac's erasure reads it. */
  private static ResolvedType bound(ResolvedType t) {
    if (t.isTypeVariable()) {
      for (var b : t.asTypeParameter().getBounds()) {
        if (b.isExtends()) {
          return b.getType();
        }
      }
    }
    return t;
  }

  private JType jtype(ResolvedType type) {
    ResolvedType t = bound(type);
    return JType.of(names.typeName(t), names.closure(t), t.isArray());
  }

  /** Declared by the enclosing method, or caught by a try around the loop inside it. */
  @Override
  @SuppressWarnings("ReferenceEquality") // AST nodes are compared by identity on purpose
  public boolean handled(JType thrown) {
    Node child = loop;
    for (Node p = loop.getParentNode().orElse(null);
        p != null;
        p = p.getParentNode().orElse(null)) {
      if (p instanceof TryStmt t && t.getTryBlock() == child) {
        for (CatchClause c : t.getCatchClauses()) {
          for (var type : c.getParameter().getType().findAll(ClassOrInterfaceType.class)) {
            if (namesSimply(thrown, type.getNameAsString())) {
              return true;
            }
          }
        }
      }
      if (p instanceof CallableDeclaration<?> m) {
        for (var type : m.getThrownExceptions()) {
          String written = type.asString();
          if (namesSimply(thrown, written.substring(written.lastIndexOf('.') + 1))) {
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

  /** Whether a type {@code thrown} is (or extends) is written {@code simple} in source. */
  private static boolean namesSimply(JType thrown, String simple) {
    return thrown.closure().stream().anyMatch(q -> q.endsWith("." + simple));
  }

  /** Checked exceptions the body can throw that no try inside it catches, in source order. */
  @Override
  public List<JType> bodyThrows() {
    if (bodyThrows == null) {
      bodyThrows = new ArrayList<>();
      scan(loop.getBody(), new ArrayDeque<>());
    }
    return bodyThrows;
  }

  private void scan(Node node, Deque<List<String>> caught) {
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
      names.type(t.getExpression()).ifPresent(type -> thrown(jtype(type), caught));
    } else if (node instanceof TryStmt t) {
      List<String> level = new ArrayList<>();
      for (CatchClause c : t.getCatchClauses()) {
        var type = c.getParameter().getType();
        List<com.github.javaparser.ast.type.Type> alternatives =
            type instanceof UnionType union ? new ArrayList<>(union.getElements()) : List.of(type);
        for (var alternative : alternatives) {
          try {
            level.add(names.typeName(bound(alternative.resolve())));
          } catch (RuntimeException e) {
            // an unresolved catch type catches nothing we can name
          }
        }
      }
      caught.push(level);
      try {
        if (!t.getResources().isEmpty()) {
          // close() may throw; conservatively any exception, as the checker counts it
          type("java.lang.Exception").ifPresent(exception -> thrown(exception, caught));
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
      Optional<ResolvedMethodLikeDeclaration> method, Deque<List<String>> caught) {
    if (method.isEmpty()) {
      return;
    }
    try {
      for (ResolvedType t : method.orElseThrow().getSpecifiedExceptions()) {
        thrown(jtype(t), caught);
      }
    } catch (RuntimeException e) {
      // exceptions that do not resolve are not counted
    }
  }

  private void thrown(JType t, Deque<List<String>> caught) {
    if (!WindowTypeFit.isChecked(t)) {
      return;
    }
    for (List<String> level : caught) {
      if (WindowTypeFit.coveredBy(t, level)) {
        return;
      }
    }
    bodyThrows.add(t);
  }
}
