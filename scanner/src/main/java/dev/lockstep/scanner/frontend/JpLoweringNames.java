package dev.lockstep.scanner.frontend;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.ImportDeclaration;
import com.github.javaparser.ast.Modifier;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.EnumConstantDeclaration;
import com.github.javaparser.ast.body.EnumDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.TypeExpr;
import com.github.javaparser.ast.expr.TypePatternExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import com.github.javaparser.resolution.declarations.ResolvedMethodLikeDeclaration;
import com.github.javaparser.resolution.declarations.ResolvedReferenceTypeDeclaration;
import com.github.javaparser.resolution.types.ResolvedType;
import dev.lockstep.analysis.body.JType;
import dev.lockstep.analysis.body.Lazy;
import dev.lockstep.analysis.body.Target;
import dev.lockstep.analysis.body.Var;
import dev.lockstep.analysis.facts.Marks;
import dev.lockstep.analysis.facts.MethodRef;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The symbol side of {@link JpLowering}: {@link Var}s for the scanner's {@link Sym}s, {@link
 * JType}s for JavaParser's resolved types, {@link Target}s for resolved calls, and the names of
 * types written as expressions. Everything that asks the symbol solver does so inside a supplier,
 * so lowering a body resolves nothing.
 */
@SuppressWarnings("ReferenceEquality") // syntax nodes and symbols by identity, on purpose
final class JpLoweringNames {
  private static final int MAX_UNBOUND_USES = 16;
  private static final Set<String> ARRAY_SUPERTYPES =
      Set.of("java.lang.Object", "java.lang.Cloneable", "java.io.Serializable");

  private final JpNames names;
  private final Vars vars;
  private final IdentityHashMap<Sym, Var> bySym = new IdentityHashMap<>();
  private final IdentityHashMap<Var, Sym> byVar = new IdentityHashMap<>();
  // Where a field the syntax does not bind (another object's, base.workers) is named; a few at
  // most.
  private final IdentityHashMap<Var, List<Expression>> unboundUses = new IdentityHashMap<>();

  /** Per method (or type, for initialisers): the locals and parameters assigned in it. */
  private final IdentityHashMap<Node, Set<Sym>> assigned = new IdentityHashMap<>();

  private final IdentityHashMap<CompilationUnit, Map<String, String>> imports =
      new IdentityHashMap<>();

  JpLoweringNames(JpNames names, Vars vars) {
    this.names = names;
    this.vars = vars;
  }

  // ---------------------------------------------------------------------------------------------
  // Variables

  /** The one {@link Var} of a symbol. */
  Var var(Sym sym) {
    Var known = bySym.get(sym);
    if (known != null) {
      return known;
    }
    Var created = create(sym);
    bySym.put(sym, created);
    byVar.put(created, sym);
    return created;
  }

  /** Notes that {@code use} names {@code var}, when the syntax does not say which field it is. */
  void used(Var var, Sym sym, Expression use) {
    if (sym != null && sym.kind == Sym.Kind.FIELD && sym.declaration == null) {
      List<Expression> uses = unboundUses.computeIfAbsent(var, v -> new ArrayList<>());
      // Bodies are lowered again when read again: each place once.
      if (uses.size() <= MAX_UNBOUND_USES && uses.stream().noneMatch(u -> u == use)) {
        uses.add(use);
      }
    }
  }

  /**
   * The places that name a field the syntax does not bind; empty when there are none or more than
   * are worth resolving.
   */
  List<Expression> unboundUses(Var var) {
    List<Expression> uses = unboundUses.getOrDefault(var, List.of());
    return uses.size() > MAX_UNBOUND_USES ? List.of() : uses;
  }

  /** The symbol a {@link Var} stands for; null for one this instance did not make. */
  Sym sym(Var var) {
    return byVar.get(var);
  }

  private Var create(Sym sym) {
    Node decl = sym.declaration;
    return switch (sym.kind) {
      case LOCAL, PARAM ->
          new Var(
              sym.kind == Sym.Kind.LOCAL ? Var.Kind.LOCAL : Var.Kind.PARAMETER,
              sym.name,
              false,
              effectivelyFinal(sym),
              () -> declaredType(decl),
              () -> Marks.NONE);
      case FIELD ->
          new Var(
              Var.Kind.FIELD,
              sym.name,
              fieldIsStatic(decl),
              fieldIsFinal(decl),
              () -> declaredType(decl),
              () -> fieldMarks(decl));
      // A name that looked like a type where a value is read: an inherited or statically
      // imported field, or a constant through a type (Outer.SIZE). The scanner's readers skip
      // such names like constants, so the Var is one.
      case TYPE ->
          new Var(
              Var.Kind.FIELD,
              sym.name.substring(sym.name.lastIndexOf('.') + 1),
              true,
              true,
              () -> JType.UNKNOWN,
              () -> Marks.NONE);
    };
  }

  private static boolean fieldIsStatic(Node decl) {
    if (decl == null) {
      return false;
    }
    return switch (decl) {
      case VariableDeclarator v ->
          v.getParentNode().orElse(null) instanceof FieldDeclaration f
              && (f.hasModifier(Modifier.Keyword.STATIC) || inInterface(f));
      case EnumConstantDeclaration e -> true;
      default -> false;
    };
  }

  private static boolean fieldIsFinal(Node decl) {
    if (decl == null) {
      return false;
    }
    return switch (decl) {
      case VariableDeclarator v ->
          v.getParentNode().orElse(null) instanceof FieldDeclaration f
              && (f.hasModifier(Modifier.Keyword.FINAL) || inInterface(f));
      case EnumConstantDeclaration e -> true;
      case Parameter recordComponent -> true;
      default -> false;
    };
  }

  private static boolean inInterface(FieldDeclaration f) {
    return f.getParentNode().orElse(null) instanceof ClassOrInterfaceDeclaration c
        && c.isInterface();
  }

  private Marks fieldMarks(Node decl) {
    if (decl == null) {
      return Marks.NONE;
    }
    return switch (decl) {
      case VariableDeclarator v ->
          v.getParentNode().orElse(null) instanceof FieldDeclaration f
              ? names.marksOf(f)
              : Marks.NONE;
      case EnumConstantDeclaration e -> names.marksOf(e);
      case Parameter recordComponent -> names.marksOf(recordComponent);
      default -> Marks.NONE;
    };
  }

  /**
   * Whether a local or parameter is final or never assigned (effectively final), with one walk per
   * method for all its variables.
   */
  private boolean effectivelyFinal(Sym sym) {
    Node decl = sym.declaration;
    if (decl == null) {
      return false;
    }
    if (decl instanceof Parameter p && p.isFinal()) {
      return true;
    }
    if (decl.getParentNode().orElse(null) instanceof VariableDeclarationExpr v && v.isFinal()) {
      return true;
    }
    Node scope = decl;
    while (scope != null
        && !(scope instanceof CallableDeclaration<?>)
        && !(scope instanceof TypeDeclaration<?>)) {
      scope = scope.getParentNode().orElse(null);
    }
    if (scope == null) {
      return false;
    }
    return !assigned.computeIfAbsent(scope, this::assignedIn).contains(sym);
  }

  private Set<Sym> assignedIn(Node scope) {
    Set<Sym> written = Collections.newSetFromMap(new IdentityHashMap<>());
    for (AssignExpr assign : scope.findAll(AssignExpr.class)) {
      if (assign.getTarget() instanceof NameExpr n) {
        written.add(vars.lookup(n, n.getNameAsString()));
      }
    }
    for (UnaryExpr unary : scope.findAll(UnaryExpr.class)) {
      if ((unary.getOperator() == UnaryExpr.Operator.PREFIX_INCREMENT
              || unary.getOperator() == UnaryExpr.Operator.PREFIX_DECREMENT
              || unary.getOperator() == UnaryExpr.Operator.POSTFIX_INCREMENT
              || unary.getOperator() == UnaryExpr.Operator.POSTFIX_DECREMENT)
          && unary.getExpression() instanceof NameExpr n) {
        written.add(vars.lookup(n, n.getNameAsString()));
      }
    }
    return written;
  }

  /** The declared type of a variable (resolved; a lambda parameter's as inferred). */
  private JType declaredType(Node decl) {
    if (decl == null) {
      return JType.UNKNOWN;
    }
    return names.reads.chargedTo(decl, () -> resolvedType(decl));
  }

  private JType resolvedType(Node decl) {
    try {
      return switch (decl) {
        case VariableDeclarator v -> type(v.resolve().getType());
        case Parameter p -> type(p.resolve().getType());
        case TypePatternExpr t -> type(t.getType().resolve());
        case EnumConstantDeclaration e ->
            e.getParentNode().orElse(null) instanceof EnumDeclaration owner
                ? type(owner.resolve())
                : JType.UNKNOWN;
        default -> JType.UNKNOWN;
      };
    } catch (RuntimeException | StackOverflowError e) {
      return JType.UNKNOWN;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Types

  /**
   * The static type of an expression; resolves when asked. A lambda or method reference the solver
   * cannot type directly under a cast has the cast's type, its target type as javac gives it
   * ({@code (Callable<String>) () -> work(id)} in a {@code map}).
   */
  JType typeOf(Node expression) {
    Optional<ResolvedType> type = names.type(expression);
    if (type.isEmpty()
        && (expression instanceof LambdaExpr || expression instanceof MethodReferenceExpr)
        && expression.getParentNode().orElse(null) instanceof CastExpr cast) {
      type = names.type(cast);
    }
    return type.map(this::type).orElse(JType.UNKNOWN);
  }

  /** A resolved type, spelled as {@link JpNames#typeName(ResolvedType)} does. */
  JType type(ResolvedType type) {
    String name = names.typeName(type);
    if (name.isEmpty()) {
      return JType.UNKNOWN;
    }
    boolean array = safe(type::isArray);
    return new Known(name, array, () -> closure(type, name, array));
  }

  JType type(ResolvedReferenceTypeDeclaration decl) {
    String name = JpNames.typeName(decl);
    return new Known(name, false, () -> names.closure(decl));
  }

  private Set<String> closure(ResolvedType type, String name, boolean array) {
    if (array) {
      Set<String> all = new java.util.HashSet<>(ARRAY_SUPERTYPES);
      all.add(name);
      return all;
    }
    if (safe(type::isReferenceType)) {
      return names.closure(type);
    }
    if (safe(type::isTypeVariable) || safe(type::isWildcard)) {
      // Erased to its bound, as the name is.
      return names.typeDeclaration(name).map(names::closure).orElse(Set.of(name));
    }
    return Set.of(name);
  }

  private static boolean safe(Supplier<Boolean> test) {
    try {
      return test.get();
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** A type whose name is known; its closure is computed on first use. */
  private static final class Known implements JType {
    private final String name;
    private final boolean array;
    private final Supplier<Set<String>> closure;

    Known(String name, boolean array, Supplier<Set<String>> closure) {
      this.name = name;
      this.array = array;
      this.closure =
          Lazy.of(
              () -> {
                try {
                  return Set.copyOf(closure.get());
                } catch (RuntimeException | StackOverflowError e) {
                  return Set.of(name);
                }
              });
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public Set<String> closure() {
      return closure.get();
    }

    @Override
    public boolean isArray() {
      return array;
    }

    @Override
    public String toString() {
      return name;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Types written as expressions

  /** How a type is written: {@code Thread}, {@code java.util.List}, {@code Outer.Inner}. */
  static String written(Expression type) {
    return switch (type) {
      case NameExpr n -> n.getNameAsString();
      case FieldAccessExpr f -> written(f.getScope()) + "." + f.getNameAsString();
      case TypeExpr t ->
          t.getType() instanceof ClassOrInterfaceType c
              ? c.getNameWithScope()
              : t.getType().asString();
      default -> type.toString();
    };
  }

  /**
   * The canonical name of a type written at {@code at}, from the syntax alone: a name written
   * qualified (starting with a package), a type declared in the file, or one imported by name;
   * otherwise the name as written.
   */
  String qualify(String written, Node at) {
    int dot = written.indexOf('.');
    String first = dot < 0 ? written : written.substring(0, dot);
    String rest = dot < 0 ? "" : written.substring(dot);
    if (first.isEmpty() || !Character.isUpperCase(first.charAt(0))) {
      return written;
    }
    for (Node p = at; p != null; p = p.getParentNode().orElse(null)) {
      if (p instanceof TypeDeclaration<?> t) {
        if (t.getNameAsString().equals(first)) {
          return t.getFullyQualifiedName().map(q -> q + rest).orElse(written);
        }
        for (var member : t.getMembers()) {
          if (member instanceof TypeDeclaration<?> inner && inner.getNameAsString().equals(first)) {
            return inner.getFullyQualifiedName().map(q -> q + rest).orElse(written);
          }
        }
      }
    }
    CompilationUnit unit = at.findCompilationUnit().orElse(null);
    if (unit == null) {
      return written;
    }
    for (TypeDeclaration<?> t : unit.getTypes()) {
      if (t.getNameAsString().equals(first)) {
        return t.getFullyQualifiedName().map(q -> q + rest).orElse(written);
      }
    }
    String imported = imports.computeIfAbsent(unit, JpLoweringNames::importsOf).get(first);
    return imported != null ? imported + rest : written;
  }

  private static Map<String, String> importsOf(CompilationUnit unit) {
    Map<String, String> byName = new HashMap<>();
    for (ImportDeclaration i : unit.getImports()) {
      if (!i.isStatic() && !i.isAsterisk()) {
        String q = i.getNameAsString();
        byName.put(q.substring(q.lastIndexOf('.') + 1), q);
      }
    }
    return byName;
  }

  /**
   * The type a type name denotes, when a reading asks: the name as qualified, else the file's
   * package, {@code java.lang} and the on-demand imports, as Java looks a simple name up.
   */
  JType typeNamed(String qualified, String written, Node at) {
    List<String> candidates = new ArrayList<>();
    candidates.add(qualified);
    if (qualified.equals(written)) {
      CompilationUnit unit = at.findCompilationUnit().orElse(null);
      String pkg =
          unit == null
              ? ""
              : unit.getPackageDeclaration().map(p -> p.getNameAsString() + ".").orElse("");
      candidates.add(pkg + written);
      candidates.add("java.lang." + written);
      if (unit != null) {
        for (ImportDeclaration i : unit.getImports()) {
          if (!i.isStatic() && i.isAsterisk()) {
            candidates.add(i.getNameAsString() + "." + written);
          }
        }
      }
    }
    for (String candidate : candidates) {
      Optional<ResolvedReferenceTypeDeclaration> decl = names.typeDeclaration(candidate);
      if (decl.isPresent()) {
        return type(decl.orElseThrow());
      }
    }
    return JType.UNKNOWN;
  }

  // ---------------------------------------------------------------------------------------------
  // Targets

  /**
   * What a call resolves to, as {@code JavaParserFacts.CallReader.add} reads it.
   *
   * @param receiverType the receiver's type for {@link JpNames#matchOwners}; null when the call is
   *     unqualified, static or a constructor
   */
  Optional<Target> target(
      ResolvedMethodLikeDeclaration method, Supplier<ResolvedType> receiverType) {
    try {
      MethodRef ref = names.ref(method);
      ResolvedReferenceTypeDeclaration owner = method.declaringType();
      return Optional.of(
          new Target(
              ref,
              type(owner),
              names.matchOwners(method, receiverType.get()),
              JpNames.isStatic(method),
              JpNames.isConstructor(method),
              names.isSynchronized(method, ref),
              names.methodMarks(method, ref),
              names.typeMarks(owner)));
    } catch (RuntimeException | StackOverflowError e) {
      return Optional.empty(); // an odd declaration: judged as unresolved
    }
  }
}
