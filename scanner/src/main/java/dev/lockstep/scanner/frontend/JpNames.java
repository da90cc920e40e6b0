package dev.lockstep.scanner.frontend;

import com.github.javaparser.Position;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.DataKey;
import com.github.javaparser.ast.ImportDeclaration;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.ConstructorDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NormalAnnotationExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.SingleMemberAnnotationExpr;
import com.github.javaparser.ast.nodeTypes.NodeWithAnnotations;
import com.github.javaparser.resolution.TypeSolver;
import com.github.javaparser.resolution.declarations.ResolvedConstructorDeclaration;
import com.github.javaparser.resolution.declarations.ResolvedMethodDeclaration;
import com.github.javaparser.resolution.declarations.ResolvedMethodLikeDeclaration;
import com.github.javaparser.resolution.declarations.ResolvedReferenceTypeDeclaration;
import com.github.javaparser.resolution.declarations.ResolvedTypeParameterDeclaration;
import com.github.javaparser.resolution.types.ResolvedReferenceType;
import com.github.javaparser.resolution.types.ResolvedType;
import com.github.javaparser.symbolsolver.javaparsermodel.JavaParserFacade;
import dev.lockstep.analysis.catalogue.GeneratedStubs;
import dev.lockstep.analysis.facts.Location;
import dev.lockstep.analysis.facts.MarkAnnotations;
import dev.lockstep.analysis.facts.Marks;
import dev.lockstep.analysis.facts.MethodRef;
import dev.lockstep.analysis.read.PipelineReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How the JavaParser front end spells things for the analysis, exactly as the checker's {@code
 * JavacNames} does: methods as {@link MethodRef} (erased, canonical parameter types), types as
 * canonical names, positions as {@link Location}, Lockstep and JetBrains annotations as {@link
 * Marks}.
 *
 * <p>Every symbol-solver call goes through here, is memoised, and fails soft: a call, type or
 * ancestor that does not resolve is {@code empty}, never an exception, so an unresolvable type
 * costs a finding, never a wrong one. Annotations are read from the syntax and the file's imports,
 * so Lockstep's and JetBrains' annotations count even when their jars are not on the classpath.
 */
final class JpNames {
  /** The file name findings show for a compilation unit (relative to the working directory). */
  static final DataKey<String> DISPLAY_PATH = new DataKey<>() {};

  private final TypeSolver solver;
  private final TypeSolver userTypes;
  private final JavaParserFacade facade;
  private final IdentityHashMap<Node, Optional<ResolvedMethodLikeDeclaration>> resolved =
      new IdentityHashMap<>();
  private final IdentityHashMap<Node, Optional<ResolvedType>> types = new IdentityHashMap<>();
  private final Map<String, Set<String>> closures = new HashMap<>();
  private final Map<MethodRef, CallableDeclaration<?>> bodies = new HashMap<>();
  private final Map<MethodRef, Marks> methodMarks = new HashMap<>();
  private final Map<String, Marks> typeMarks = new HashMap<>();
  private final IdentityHashMap<CompilationUnit, Map<String, String>> imports =
      new IdentityHashMap<>();
  int resolveCalls;
  int unresolved;

  /**
   * Strict mode ({@link FrontEnd.Options#strict()}): readers that swallow whole computations
   * rethrow what is not a resolution failure. Here because every reader holds the names.
   */
  boolean strict;

  /** Charges the solver's lookups to the file whose code needs them (the incremental cache). */
  Reads reads = Reads.none();

  // What --classpath class files carry (annotations, ACC_SYNCHRONIZED), for declarations without
  // source.
  private ClassFiles libraries = new ClassFiles(List.of());
  private ClassFileMarks classFileMarks = new ClassFileMarks(libraries);
  private JpValues constants;

  JpNames(TypeSolver solver) {
    this(solver, solver);
  }

  /**
   * @param solver every type the scan may resolve
   * @param userTypes the ones the user's code has: its sources, the JDK, {@code --classpath}
   */
  JpNames(TypeSolver solver, TypeSolver userTypes) {
    this.solver = solver;
    this.userTypes = userTypes;
    this.facade = JavaParserFacade.get(solver);
  }

  /**
   * Reads the intent annotations and modifiers of library types and methods from these class-file
   * roots.
   */
  void readClassFileMarks(List<java.nio.file.Path> classpath) {
    libraries = new ClassFiles(classpath);
    classFileMarks = new ClassFileMarks(libraries);
  }

  TypeSolver solver() {
    return solver;
  }

  // ---------------------------------------------------------------------------------------------
  // Resolution (memoised, fail-soft)

  /** The method a call, constructor call or method reference invokes, if it resolves. */
  Optional<ResolvedMethodLikeDeclaration> resolve(Node call) {
    Optional<ResolvedMethodLikeDeclaration> known = resolved.get(call);
    if (known != null) {
      return known;
    }
    resolveCalls++;
    Optional<ResolvedMethodLikeDeclaration> result = reads.chargedTo(call, () -> solve(call));
    if (result.isEmpty()) {
      unresolved++;
    }
    resolved.put(call, result);
    return result;
  }

  private Optional<ResolvedMethodLikeDeclaration> solve(Node call) {
    Optional<ResolvedMethodLikeDeclaration> result = Optional.empty();
    try {
      var ref =
          switch (call) {
            case MethodCallExpr c -> facade.solve(c);
            case com.github.javaparser.ast.expr.ObjectCreationExpr c -> facade.solve(c);
            case com.github.javaparser.ast.expr.MethodReferenceExpr c -> facade.solve(c);
            case com.github.javaparser.ast.stmt.ExplicitConstructorInvocationStmt c ->
                facade.solve(c);
            default -> null;
          };
      if (ref != null && ref.isSolved()) {
        result = Optional.of(ref.getCorrespondingDeclaration());
      }
    } catch (RuntimeException | StackOverflowError e) {
      // Unresolvable (missing jar, unsupported construct, solver bug): judged as unknown.
    }
    return result;
  }

  /** The static type of an expression, if it resolves. */
  Optional<ResolvedType> type(Node expression) {
    Optional<ResolvedType> known = types.get(expression);
    if (known != null) {
      return known;
    }
    Optional<ResolvedType> result =
        reads.chargedTo(
            expression,
            () -> {
              try {
                return Optional.of(facade.getType(expression));
              } catch (RuntimeException | StackOverflowError e) {
                return Optional.<ResolvedType>empty();
              }
            });
    types.put(expression, result);
    return result;
  }

  /** Whether a type of this canonical name resolves (sources, JDK, classpath). */
  boolean typeExists(String name) {
    try {
      return solver.tryToSolveType(name).isSolved();
    } catch (RuntimeException e) {
      return false;
    }
  }

  /**
   * Whether a type of this canonical name is the user's own (sources, JDK, classpath), not only
   * known to the scanner by name ({@link WindowApiTypeSolver}).
   */
  boolean typeOnUserClasspath(String name) {
    try {
      return userTypes.tryToSolveType(name).isSolved();
    } catch (RuntimeException e) {
      return false;
    }
  }

  Optional<ResolvedReferenceTypeDeclaration> typeDeclaration(String name) {
    try {
      var ref = solver.tryToSolveType(name);
      return ref.isSolved() ? Optional.of(ref.getCorrespondingDeclaration()) : Optional.empty();
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Names

  static boolean isStatic(ResolvedMethodLikeDeclaration method) {
    return method instanceof ResolvedMethodDeclaration m && safeIsStatic(m);
  }

  private static boolean safeIsStatic(ResolvedMethodDeclaration m) {
    try {
      return m.isStatic();
    } catch (RuntimeException e) {
      return false;
    }
  }

  static boolean isConstructor(ResolvedMethodLikeDeclaration method) {
    return method instanceof ResolvedConstructorDeclaration;
  }

  String ownerName(ResolvedMethodLikeDeclaration method) {
    return typeName(method.declaringType());
  }

  /** The method's ref; remembers its body so {@link #body(MethodRef)} can find it again. */
  MethodRef ref(ResolvedMethodLikeDeclaration method) {
    String name = isConstructor(method) ? MethodRef.CONSTRUCTOR : method.getName();
    MethodRef ref = new MethodRef(ownerName(method), name, paramTypes(method));
    if (!bodies.containsKey(ref)) {
      Optional<Node> ast = ast(method);
      if (ast.isPresent() && ast.orElseThrow() instanceof CallableDeclaration<?> decl) {
        bodies.put(ref, decl);
      }
    }
    return ref;
  }

  /** The erased parameter types, by canonical name ({@code ?} for one that does not resolve). */
  private List<String> paramTypes(ResolvedMethodLikeDeclaration method) {
    List<String> params = new ArrayList<>();
    for (int i = 0; i < method.getNumberOfParams(); i++) {
      String p;
      try {
        p = typeName(method.getParam(i).getType());
      } catch (RuntimeException e) {
        p = "?";
      }
      params.add(p);
    }
    return params;
  }

  /** Whether the method is {@code synchronized}, wherever it is declared. */
  boolean isSynchronized(ResolvedMethodLikeDeclaration method, MethodRef ref) {
    return LibraryModifiers.isSynchronized(method, ref, libraries);
  }

  /** The method's ref, resolved from its declaration; empty when it does not resolve. */
  Optional<MethodRef> refOf(CallableDeclaration<?> decl) {
    return reads.chargedTo(decl, () -> resolvedRef(decl));
  }

  private Optional<MethodRef> resolvedRef(CallableDeclaration<?> decl) {
    try {
      ResolvedMethodLikeDeclaration resolved =
          decl instanceof MethodDeclaration m
              ? m.resolve()
              : ((ConstructorDeclaration) decl).resolve();
      return Optional.of(ref(resolved));
    } catch (RuntimeException | StackOverflowError e) {
      return Optional.empty(); // the enclosing method does not resolve: nothing to read
    }
  }

  /**
   * The method around a call, as the concurrency readers take it: its lowered body, its ref and the
   * marks on it and its types; null when its declaration does not resolve.
   */
  PipelineReader.Enclosing enclosing(
      CallableDeclaration<?> decl, dev.lockstep.analysis.body.Node body) {
    return refOf(decl)
        .map(
            ref ->
                new PipelineReader.Enclosing(
                    body, ref, marksOf(decl).plus(enclosingTypeMarks(decl))))
        .orElse(null);
  }

  /** The method or constructor whose body holds {@code node}; null in initialisers and fields. */
  static CallableDeclaration<?> enclosingMethod(Node node) {
    for (Node p = node; p != null; p = p.getParentNode().orElse(null)) {
      if (p instanceof CallableDeclaration<?> c) {
        return c;
      }
      if (p instanceof TypeDeclaration<?>
          || (p instanceof BodyDeclaration<?>
              && p.getParentNode().orElse(null) instanceof ObjectCreationExpr)) {
        return null;
      }
    }
    return null;
  }

  /** The declaration (with its body, if any) of a method declared in the scanned sources. */
  Optional<CallableDeclaration<?>> body(MethodRef ref) {
    reads.lookedUp(ref.owner()); // the asker depends on the owner's file, remembered body or not
    return Optional.ofNullable(bodies.get(ref));
  }

  private static Optional<Node> ast(ResolvedMethodLikeDeclaration method) {
    try {
      return method.toAst();
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The canonical name of a type declaration; local and anonymous ones get a stable stand-in. */
  static String typeName(ResolvedReferenceTypeDeclaration type) {
    try {
      return type.getQualifiedName();
    } catch (RuntimeException e) {
      return type.getName();
    }
  }

  /** The erased type's canonical name, as javac's {@code JavacNames.typeName} spells it. */
  String typeName(ResolvedType type) {
    if (type == null) {
      return "";
    }
    try {
      if (type.isArray()) {
        return typeName(type.asArrayType().getComponentType()) + "[]";
      }
      if (type.isPrimitive() || type.isVoid()) {
        return type.describe();
      }
      if (type.isReferenceType()) {
        return type.asReferenceType().getQualifiedName();
      }
      if (type.isTypeVariable()) {
        ResolvedTypeParameterDeclaration param = type.asTypeParameter();
        for (ResolvedTypeParameterDeclaration.Bound bound : param.getBounds()) {
          if (bound.isExtends()) {
            return typeName(bound.getType());
          }
        }
        return "java.lang.Object";
      }
      if (type.isWildcard()) {
        return type.asWildcard().isExtends()
            ? typeName(type.asWildcard().getBoundedType())
            : "java.lang.Object";
      }
      if (type.isNull()) {
        return "<nulltype>";
      }
      return type.erasure().describe();
    } catch (RuntimeException e) {
      return "";
    }
  }

  /** The type and all its supertypes, by canonical name; what resolves of them. */
  Set<String> closure(ResolvedType type) {
    if (type == null || !type.isReferenceType()) {
      return Set.of();
    }
    ResolvedReferenceType ref = type.asReferenceType();
    String key = ref.getQualifiedName();
    // Whoever asks depends on the type, cached answer or not; its ancestors are read on behalf of
    // the file that declares it, so that file's edges carry them to every asker.
    reads.lookedUp(key);
    Set<String> known = closures.get(key);
    if (known != null) {
      return known;
    }
    Set<String> frozen = reads.chargedToDeclarer(key, () -> ancestors(ref));
    closures.put(key, frozen);
    return frozen;
  }

  private static Set<String> ancestors(ResolvedReferenceType ref) {
    String key = ref.getQualifiedName();
    Set<String> names = new LinkedHashSet<>();
    names.add(key);
    try {
      ref.getTypeDeclaration()
          .ifPresent(
              decl -> {
                for (ResolvedReferenceType ancestor : decl.getAllAncestors()) {
                  names.add(ancestor.getQualifiedName());
                }
              });
    } catch (RuntimeException | StackOverflowError e) {
      // Some ancestor does not resolve: keep what did.
    }
    names.add("java.lang.Object");
    return Set.copyOf(names);
  }

  Set<String> closure(ResolvedReferenceTypeDeclaration decl) {
    try {
      return closure(new com.github.javaparser.resolution.model.typesystem.ReferenceTypeImpl(decl));
    } catch (RuntimeException e) {
      return Set.of(typeName(decl));
    }
  }

  /** Every type the catalogue may know a call by: declaring, overridden and receiver types. */
  Set<String> matchOwners(ResolvedMethodLikeDeclaration method, ResolvedType receiverType) {
    Set<String> owners = new LinkedHashSet<>();
    owners.add(ownerName(method));
    if (receiverType != null && receiverType.isReferenceType()) {
      owners.addAll(closure(receiverType));
    } else {
      owners.addAll(closure(method.declaringType()));
    }
    // A protobuf-generated BlockingInterface: known by the name the catalogue lists it under.
    boolean interfaceReceiver;
    try {
      interfaceReceiver =
          (receiverType != null && receiverType.isReferenceType())
              ? receiverType
                  .asReferenceType()
                  .getTypeDeclaration()
                  .map(d -> d.isInterface())
                  .orElse(false)
              : method.declaringType().isInterface();
    } catch (RuntimeException e) {
      interfaceReceiver = false;
    }
    GeneratedStubs.knownAs(
            ownerName(method),
            interfaceReceiver,
            service -> typeDeclaration(service).map(this::closure).orElse(Set.of()))
        .ifPresent(owners::add);
    return owners;
  }

  // ---------------------------------------------------------------------------------------------
  // Marks

  /** Marks on the method and on the methods in the sources it overrides. */
  Marks methodMarks(ResolvedMethodLikeDeclaration method, MethodRef ref) {
    Marks known = methodMarks.get(ref);
    if (known != null) {
      return known;
    }
    Marks result =
        ast(method)
            .map(this::marksOf)
            .orElseGet(() -> classFileMarks.methodMarks(method, ref.paramTypes()));
    if (!isConstructor(method) && !isStatic(method)) {
      try {
        for (ResolvedReferenceType ancestor : method.declaringType().getAllAncestors()) {
          var decl = ancestor.getTypeDeclaration();
          if (decl.isEmpty()) {
            continue;
          }
          for (ResolvedMethodDeclaration sup : decl.orElseThrow().getDeclaredMethods()) {
            if (sup.getName().equals(method.getName())
                && sup.getNumberOfParams() == method.getNumberOfParams()
                && sameParams(sup, ref)) {
              result =
                  result.plus(
                      ast(sup)
                          .map(this::marksOf)
                          .orElseGet(() -> classFileMarks.methodMarks(sup, paramTypes(sup))));
            }
          }
        }
      } catch (RuntimeException | StackOverflowError e) {
        // An ancestor that does not resolve contributes nothing.
      }
    }
    methodMarks.put(ref, result);
    return result;
  }

  /** What a reference to an abstract method runs on the items it is applied to. */
  record ItemsOverride(ResolvedMethodDeclaration method, ResolvedType items) {}

  /** The types whose calls apply a function to their items: its first type argument. */
  private static final Set<String> ITEMS_OWNERS =
      Set.of("java.util.stream.Stream", "java.lang.Iterable");

  /**
   * The method an unbound reference {@code Type::m} to an abstract {@code m} runs when it is an
   * argument of a call on a {@code Stream} or an {@code Iterable} ({@code
   * sources.values().parallelStream().forEach(LifecycleAware::start)}): the override that the
   * items' class declares or inherits from a superclass, as a call on an item of that static type
   * would resolve. Empty when the items' type is an interface, a type variable or unknown, or no
   * class of it declares a body.
   */
  @SuppressWarnings("ReferenceEquality") // the argument that is this very reference
  Optional<ItemsOverride> itemsOverride(
      com.github.javaparser.ast.expr.MethodReferenceExpr ref, ResolvedMethodLikeDeclaration m) {
    if (!(m instanceof ResolvedMethodDeclaration abs) || !abs.isAbstract() || abs.isStatic()) {
      return Optional.empty();
    }
    if (!(ref.getParentNode().orElse(null) instanceof MethodCallExpr call)
        || call.getScope().isEmpty()
        || call.getArguments().stream().noneMatch(a -> a == ref)) {
      return Optional.empty();
    }
    try {
      Optional<ResolvedType> on = type(Exprs.unwrap(call.getScope().orElseThrow()));
      if (on.isEmpty() || !on.orElseThrow().isReferenceType()) {
        return Optional.empty();
      }
      ResolvedReferenceType receiver = on.orElseThrow().asReferenceType();
      List<ResolvedReferenceType> types = new ArrayList<>();
      types.add(receiver);
      types.addAll(receiver.getAllAncestors());
      ResolvedType items = null;
      for (ResolvedReferenceType t : types) {
        if (ITEMS_OWNERS.contains(t.getQualifiedName())) {
          items = t.typeParametersValues().isEmpty() ? null : t.typeParametersValues().get(0);
          break;
        }
      }
      if (items != null && items.isWildcard()) {
        items = items.asWildcard().isExtends() ? items.asWildcard().getBoundedType() : null;
      }
      if (items == null || !items.isReferenceType()) {
        return Optional.empty();
      }
      MethodRef wanted = ref(abs);
      ResolvedReferenceTypeDeclaration cls =
          items.asReferenceType().getTypeDeclaration().orElse(null);
      while (cls != null && cls.isClass()) {
        for (ResolvedMethodDeclaration md : cls.getDeclaredMethods()) {
          if (md.getName().equals(abs.getName())
              && !md.isAbstract()
              && !md.isStatic()
              && md.getNumberOfParams() == abs.getNumberOfParams()
              && sameParams(md, wanted)) {
            return Optional.of(new ItemsOverride(md, items));
          }
        }
        cls =
            cls.asClass()
                .getSuperClass()
                .flatMap(ResolvedReferenceType::getTypeDeclaration)
                .orElse(null);
      }
    } catch (RuntimeException | StackOverflowError e) {
      // Something does not resolve: the reference runs what it names.
    }
    return Optional.empty();
  }

  private boolean sameParams(ResolvedMethodDeclaration sup, MethodRef ref) {
    for (int i = 0; i < sup.getNumberOfParams(); i++) {
      String p = typeName(sup.getParam(i).getType());
      // A generic parameter erases to its bound in the supertype, to the argument in the subtype.
      if (!p.equals(ref.paramTypes().get(i)) && !p.equals("java.lang.Object")) {
        return false;
      }
    }
    return true;
  }

  /** Marks on the type and every type enclosing it. */
  Marks typeMarks(ResolvedReferenceTypeDeclaration type) {
    String key = typeName(type);
    Marks known = typeMarks.get(key);
    if (known != null) {
      return known;
    }
    Marks result = Marks.NONE;
    Optional<Node> ast;
    try {
      ast = type.toAst();
    } catch (RuntimeException e) {
      ast = Optional.empty();
    }
    if (ast.isPresent()) {
      result = enclosingTypeMarks(ast.orElseThrow());
    } else {
      result = classFileMarks.typeMarks(type);
    }
    typeMarks.put(key, result);
    return result;
  }

  /** Marks on {@code node} if it is a type, and on every type around it. */
  Marks enclosingTypeMarks(Node node) {
    Marks result = Marks.NONE;
    for (Node n = node; n != null; n = n.getParentNode().orElse(null)) {
      if (n instanceof TypeDeclaration<?> t) {
        result = result.plus(marksOf(t));
      }
    }
    return result;
  }

  /** The Lockstep and JetBrains intent annotations directly on one declaration. */
  Marks marksOf(Node node) {
    if (!(node instanceof NodeWithAnnotations<?> annotated)) {
      return Marks.NONE;
    }
    MarkAnnotations.Collector collector = MarkAnnotations.collector();
    for (AnnotationExpr annotation : annotated.getAnnotations()) {
      collector.add(
          qualified(annotation),
          () -> intValue(annotation).orElseGet(() -> constantValue(annotation)));
    }
    return collector.marks();
  }

  /**
   * {@code @ResourceParallelism(value = Pool.SIZE)}: the constant javac folds the value to, or 0.
   * (FakeConcurrency/OversizedWindow: a resource sized by a constant is as declared as a literal.)
   */
  private int constantValue(AnnotationExpr annotation) {
    Expression value = valueOf(annotation);
    if (value == null) {
      return 0;
    }
    if (constants == null) {
      constants = new JpValues(this, new Vars());
    }
    return constants.intConstant(value).orElse(0);
  }

  /** {@code @ResourceParallelism(4)} or {@code (value = 4, ...)}: the literal value. */
  static Optional<Integer> intValue(AnnotationExpr annotation) {
    Expression value = valueOf(annotation);
    if (value instanceof IntegerLiteralExpr literal) {
      try {
        return Optional.of(literal.asNumber().intValue());
      } catch (RuntimeException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** The {@code value} element of an annotation as written, or null. */
  static Expression valueOf(AnnotationExpr annotation) {
    Expression value = null;
    if (annotation instanceof SingleMemberAnnotationExpr single) {
      value = single.getMemberValue();
    } else if (annotation instanceof NormalAnnotationExpr normal) {
      for (var pair : normal.getPairs()) {
        if (pair.getNameAsString().equals("value")) {
          value = pair.getValue();
        }
      }
    }
    return value;
  }

  /**
   * The annotation's qualified name from the syntax: written qualified, imported by name, imported
   * on demand from Lockstep's or JetBrains' package, or declared in the file's own package.
   */
  String qualified(AnnotationExpr annotation) {
    String name = annotation.getNameAsString();
    if (name.contains(".")) {
      return name;
    }
    CompilationUnit unit = annotation.findCompilationUnit().orElse(null);
    if (unit == null) {
      return name;
    }
    Map<String, String> byName = imports.computeIfAbsent(unit, JpNames::importsOf);
    String imported = byName.get(name);
    if (imported != null) {
      return imported;
    }
    String pkg = unit.getPackageDeclaration().map(p -> p.getNameAsString() + ".").orElse("");
    return pkg + name;
  }

  private static Map<String, String> importsOf(CompilationUnit unit) {
    Map<String, String> byName = new HashMap<>();
    List<String> onDemand = new ArrayList<>();
    for (ImportDeclaration i : unit.getImports()) {
      if (i.isStatic()) {
        continue;
      }
      String q = i.getNameAsString();
      if (i.isAsterisk()) {
        onDemand.add(q + ".");
      } else {
        byName.put(q.substring(q.lastIndexOf('.') + 1), q);
      }
    }
    for (String pkg : onDemand) {
      for (String simple : MarkAnnotations.simpleNames(pkg)) {
        byName.putIfAbsent(simple, pkg + simple);
      }
    }
    return byName;
  }

  // ---------------------------------------------------------------------------------------------
  // Positions

  static String fileOf(Node node) {
    return node.findCompilationUnit()
        .map(u -> u.containsData(DISPLAY_PATH) ? u.getData(DISPLAY_PATH) : null)
        .orElse("<unknown>");
  }

  /** Where a node starts. */
  static Location location(Node node) {
    return at(node, node.getBegin());
  }

  static Location at(Node node, Optional<Position> position) {
    String file = fileOf(node);
    return position
        .map(p -> new Location(file, p.line, p.column))
        .orElseGet(() -> new Location(file, 0, 0));
  }

  /**
   * Where javac puts a call: at the {@code .} before the method name ({@code a.b()}), or at the
   * name when unqualified.
   */
  static Location callLocation(MethodCallExpr call) {
    Optional<Position> name = call.getName().getBegin();
    Optional<Position> scopeEnd = call.getScope().flatMap(Node::getEnd);
    if (name.isPresent() && scopeEnd.isPresent()) {
      Optional<Position> dot =
          SourceText.of(call)
              .flatMap(t -> t.lastSignificant(scopeEnd.orElseThrow(), name.orElseThrow(), '.'));
      if (dot.isPresent()) {
        return at(call, dot);
      }
    }
    return at(call, name);
  }
}
