package dev.lockstep.scanner.frontend;

import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.ConstructorDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.stmt.LocalClassDeclarationStmt;
import com.github.javaparser.ast.stmt.LocalRecordDeclarationStmt;
import com.github.javaparser.resolution.declarations.ResolvedMethodDeclaration;
import com.github.javaparser.resolution.declarations.ResolvedReferenceTypeDeclaration;
import com.github.javaparser.resolution.types.ResolvedReferenceType;
import com.github.javaparser.resolution.types.ResolvedType;
import dev.lockstep.analysis.body.Node;
import dev.lockstep.analysis.body.Target;
import dev.lockstep.analysis.body.Var;
import dev.lockstep.analysis.facts.MethodRef;
import dev.lockstep.analysis.read.Declarations;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The JavaParser answers to {@link Declarations}: declarations found from the syntax ({@link Vars}
 * binds a field to its declarator) and the symbol solver ({@link JpNames#body}), lowered by {@link
 * JpLowering}. What is not in the scanned sources (a class file, a field the syntax does not bind)
 * is not found.
 */
@SuppressWarnings(
    "ReferenceEquality") // one declarator, by identity: JavaParser nodes compare structurally
final class JpDeclarations implements Declarations {
  /** How far up a superclass chain an implementation is looked for. */
  private static final int MAX_SUPERCLASSES = 16;

  private final JpNames names;
  private final JpLowering lowering;
  private final JpValues values;

  JpDeclarations(JpNames names, JpLowering lowering, JpValues values) {
    this.names = names;
    this.lowering = lowering;
    this.values = values;
  }

  /**
   * The declarator of a field of the scanned sources: from the syntax, else by resolving where it
   * is named (another object's field, {@code base.workers}), when those places agree; null
   * otherwise.
   */
  private VariableDeclarator fieldDeclarator(Var field) {
    Sym sym = lowering.sym(field);
    if (sym == null || sym.kind != Sym.Kind.FIELD) {
      return null;
    }
    if (sym.declaration != null) {
      return sym.declaration instanceof VariableDeclarator v ? v : null;
    }
    VariableDeclarator found = null;
    for (Expression use : lowering.unboundUses(field)) {
      VariableDeclarator v = values.fieldDeclarator(use);
      if (v == null || (found != null && v != found)) {
        return null; // not in the sources, or the name stands for more than one field
      }
      found = v;
    }
    return found;
  }

  /** The declarator of a field declared in the scanned sources; null otherwise. */
  private VariableDeclarator declarator(Var field) {
    VariableDeclarator v = fieldDeclarator(field);
    return v != null && v.getParentNode().orElse(null) instanceof FieldDeclaration ? v : null;
  }

  @Override
  public Node fieldInitializer(Var field) {
    VariableDeclarator v = declarator(field);
    Expression init = v == null ? null : v.getInitializer().orElse(null);
    return init == null ? null : lowering.lower(init).root();
  }

  @Override
  public List<Node> methodBodiesBeside(Var field) {
    VariableDeclarator v = declarator(field);
    if (v == null
        || !(v.getParentNode().orElseThrow().getParentNode().orElse(null)
            instanceof TypeDeclaration<?> owner)) {
      return List.of();
    }
    List<Node> bodies = new ArrayList<>();
    for (BodyDeclaration<?> member : owner.getMembers()) {
      // As the checker: methods and constructors, not initialiser blocks.
      if (member instanceof CallableDeclaration<?> callable) {
        Node body = lowering.lower(callable).root();
        if (body != null) {
          bodies.add(body);
        }
      }
    }
    return bodies;
  }

  @Override
  public Optional<MethodBody> method(MethodRef ref) {
    CallableDeclaration<?> decl = names.body(ref).orElse(null);
    boolean hasBody =
        (decl instanceof MethodDeclaration m && m.getBody().isPresent())
            || decl instanceof ConstructorDeclaration;
    if (!hasBody) {
      return Optional.empty();
    }
    JpLowering.Lowered lowered = lowering.lower(decl);
    if (lowered.root() == null) {
      return Optional.empty();
    }
    boolean varArgs =
        !decl.getParameters().isEmpty()
            && decl.getParameter(decl.getParameters().size() - 1).isVarArgs();
    return Optional.of(new MethodBody(lowered.root(), lowered.params(), varArgs));
  }

  @Override
  public List<Node> methodsOf(Node.ClassBody body) {
    List<com.github.javaparser.ast.body.BodyDeclaration<?>> members =
        switch (body.src().tree()) {
          case ObjectCreationExpr created ->
              created.getAnonymousClassBody().map(List::copyOf).orElse(List.of());
          case LocalClassDeclarationStmt local -> local.getClassDeclaration().getMembers();
          case LocalRecordDeclarationStmt local -> local.getRecordDeclaration().getMembers();
          default -> List.of();
        };
    List<Node> bodies = new ArrayList<>();
    for (var member : members) {
      if (member instanceof MethodDeclaration m && m.getBody().isPresent()) {
        bodies.add(lowering.lower(m).root());
      }
    }
    return bodies;
  }

  @Override
  public Optional<Target> taskEntry(Node task) {
    if (!(task.src().tree() instanceof Expression e)) {
      return Optional.empty();
    }
    Optional<ResolvedType> taskType = names.type(Exprs.unwrap(e));
    if (taskType.isEmpty() || !taskType.orElseThrow().isReferenceType()) {
      return Optional.empty();
    }
    Set<ResolvedMethodDeclaration> declared;
    try {
      Optional<ResolvedReferenceTypeDeclaration> cls =
          taskType.orElseThrow().asReferenceType().getTypeDeclaration();
      if (cls.isEmpty()) {
        return Optional.empty();
      }
      declared = cls.orElseThrow().getDeclaredMethods();
    } catch (RuntimeException ex) {
      return Optional.empty();
    }
    for (String name : List.of("run", "call")) {
      for (ResolvedMethodDeclaration m : declared) {
        if (m.getName().equals(name) && m.getNumberOfParams() == 0 && !m.isAbstract()) {
          return lowering.target(m, taskType.orElseThrow());
        }
      }
    }
    return Optional.empty();
  }

  @Override
  public Optional<Target> implementation(Node.New created, String name, List<String> paramTypes) {
    if (!(created.src().tree() instanceof Expression e)) {
      return Optional.empty();
    }
    Optional<ResolvedType> type = names.type(e);
    if (type.isEmpty() || !type.orElseThrow().isReferenceType()) {
      return Optional.empty();
    }
    try {
      // The nearest declaration up the superclass chain; an abstract one there means none runs.
      // Every method of the classes walked gets its ref, so summaries find the overrides that the
      // implementation's calls on this run (Summaries looks them up by ref).
      Optional<ResolvedReferenceTypeDeclaration> cls =
          type.orElseThrow().asReferenceType().getTypeDeclaration();
      for (int depth = 0; cls.isPresent() && depth < MAX_SUPERCLASSES; depth++) {
        ResolvedReferenceTypeDeclaration c = cls.orElseThrow();
        ResolvedMethodDeclaration declared = null;
        for (ResolvedMethodDeclaration m : c.getDeclaredMethods()) {
          MethodRef ref = names.ref(m);
          if (!m.isStatic() && ref.name().equals(name) && ref.paramTypes().equals(paramTypes)) {
            declared = m;
          }
        }
        if (declared != null) {
          return declared.isAbstract()
              ? Optional.empty()
              : lowering.target(declared, type.orElseThrow());
        }
        cls =
            c.isClass()
                ? c.asClass().getSuperClass().flatMap(ResolvedReferenceType::getTypeDeclaration)
                : Optional.empty();
      }
    } catch (RuntimeException ex) {
      return Optional.empty(); // something did not resolve: no implementation known
    }
    return Optional.empty();
  }
}
