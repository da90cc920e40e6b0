package dev.lockstep.scanner.frontend;

import static com.google.common.truth.Truth.assertThat;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.resolution.TypeSolver;
import com.github.javaparser.resolution.declarations.ResolvedReferenceTypeDeclaration;
import com.github.javaparser.resolution.model.SymbolReference;
import com.github.javaparser.symbolsolver.JavaSymbolSolver;
import com.github.javaparser.symbolsolver.resolution.typesolvers.CombinedTypeSolver;
import com.github.javaparser.symbolsolver.resolution.typesolvers.ReflectionTypeSolver;
import dev.lockstep.analysis.body.Node;
import dev.lockstep.analysis.body.Node.Block;
import dev.lockstep.analysis.body.Node.Call;
import dev.lockstep.analysis.body.Node.Case;
import dev.lockstep.analysis.body.Node.Jump;
import dev.lockstep.analysis.body.Node.JumpKind;
import dev.lockstep.analysis.body.Node.Lambda;
import dev.lockstep.analysis.body.Node.Literal;
import dev.lockstep.analysis.body.Node.Local;
import dev.lockstep.analysis.body.Node.Loop;
import dev.lockstep.analysis.body.Node.LoopKind;
import dev.lockstep.analysis.body.Node.Name;
import dev.lockstep.analysis.body.Node.New;
import dev.lockstep.analysis.body.Node.Select;
import dev.lockstep.analysis.body.Node.This;
import dev.lockstep.analysis.body.Node.TypeName;
import dev.lockstep.analysis.body.Nodes;
import dev.lockstep.analysis.body.Target;
import dev.lockstep.analysis.body.Var;
import dev.lockstep.analysis.catalogue.Catalogue;
import dev.lockstep.analysis.facts.Location;
import dev.lockstep.analysis.facts.MethodRef;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** Lowering JavaParser bodies into the shared representation. */
final class JpLoweringTest {

  /** A type solver that counts what it is asked: lowering must ask nothing. */
  private static final class CountingSolver implements TypeSolver {
    private final TypeSolver delegate;
    private TypeSolver parent;
    int asked;

    CountingSolver(TypeSolver delegate) {
      this.delegate = delegate;
      delegate.setParent(this);
    }

    @Override
    public TypeSolver getParent() {
      return parent;
    }

    @Override
    public void setParent(TypeSolver parent) {
      this.parent = parent;
    }

    @Override
    public SymbolReference<ResolvedReferenceTypeDeclaration> tryToSolveType(String name) {
      asked++;
      return delegate.tryToSolveType(name);
    }

    @Override
    public SymbolReference<ResolvedReferenceTypeDeclaration> tryToSolveTypeInModule(
        String module, String name) {
      asked++;
      return delegate.tryToSolveTypeInModule(module, name);
    }
  }

  /** Sources parsed and resolved as the scanner does, with one lowering. */
  private static final class Fixture {
    final CompilationUnit unit;
    final CountingSolver solver;
    final JpNames names;
    final JpLowering lowering;

    Fixture(String source) {
      ParseResult<CompilationUnit> result =
          FrontEnd.parseText(new JavaParser(FrontEnd.configuration()), source);
      assertThat(result.getProblems()).isEmpty();
      unit = result.getResult().orElseThrow();
      unit.setData(JpNames.DISPLAY_PATH, "A.java");
      CombinedTypeSolver combined = new CombinedTypeSolver();
      combined.add(new SourceTypeSolver(List.of(unit)));
      combined.add(new ReflectionTypeSolver(true));
      solver = new CountingSolver(combined);
      unit.setData(
          com.github.javaparser.ast.Node.SYMBOL_RESOLVER_KEY, new JavaSymbolSolver(solver));
      names = new JpNames(solver);
      lowering = new JavaParserFacts(names, Catalogue.empty()).lowering();
    }

    MethodDeclaration method(String name) {
      return unit.findAll(MethodDeclaration.class).stream()
          .filter(m -> m.getNameAsString().equals(name))
          .findFirst()
          .orElseThrow();
    }

    JpLowering.Lowered lower(String method) {
      return lowering.lower(method(method));
    }

    Block body(String method) {
      return (Block) lower(method).root();
    }
  }

  private static Fixture fixture(String members) {
    return new Fixture(
        "package p;\nimport java.util.List;\nclass A extends Base {\n"
            + members
            + "\n}\n"
            + "class Base { Object LOG; void m() {} }\n");
  }

  /** Every node under {@code root} (not inside class bodies), in pre-order. */
  private static List<Node> all(Node root) {
    List<Node> out = new ArrayList<>();
    Nodes.any(
        root,
        n -> {
          out.add(n);
          return false;
        });
    return out;
  }

  private static <T extends Node> List<T> all(Node root, Class<T> kind) {
    return all(root).stream().filter(kind::isInstance).map(kind::cast).toList();
  }

  private static <T extends Node> T only(Node root, Class<T> kind, Predicate<T> test) {
    List<T> found = all(root, kind).stream().filter(test).toList();
    assertThat(found).hasSize(1);
    return found.get(0);
  }

  private static Call call(Node root, String name) {
    return only(root, Call.class, c -> c.name().equals(name));
  }

  // -----------------------------------------------------------------------------------------------

  @Test
  void aLocalIsOneVarFromDeclarationToUse() {
    Fixture f =
        fixture("void f() { int a = 1; int c = 0; c++; g(a, c); }\nvoid g(int x, int y) {}");
    Block body = f.body("f");

    Local a = (Local) body.statements().get(0);
    Call g = call(body, "g");
    assertThat(((Name) g.args().get(0)).var()).isSameInstanceAs(a.var());
    assertThat(a.var().kind()).isEqualTo(Var.Kind.LOCAL);
    assertThat(a.var().name()).isEqualTo("a");
    assertThat(a.var().isFinal()).isTrue(); // effectively final
    assertThat(((Local) body.statements().get(1)).var().isFinal()).isFalse(); // c++
    assertThat(((Literal) a.init()).value()).isEqualTo(1);
  }

  @Test
  void aFieldIsOneVarAcrossBodies() {
    Fixture f =
        fixture(
            """
            int count; static final int LIMIT = 3;
            void f() { count = LIMIT; }
            void g() { this.count++; }""");
    Node.Assign assign = (Node.Assign) f.body("f").statements().get(0);
    Node.Unary increment = (Node.Unary) f.body("g").statements().get(0);

    Var count = ((Name) assign.target()).var();
    assertThat(((Select) increment.operand()).field()).isSameInstanceAs(count);
    assertThat(((Select) increment.operand()).base()).isInstanceOf(This.class);
    assertThat(count.kind()).isEqualTo(Var.Kind.FIELD);
    assertThat(count.isStatic()).isFalse();
    assertThat(((Name) assign.value()).var().isConstant()).isTrue();
  }

  @Test
  void aCallHasItsReceiverNameArgumentsAndResolvedTarget() {
    Fixture f = fixture("void f(List<String> items) { items.add(\"x\"); }");
    JpLowering.Lowered lowered = f.lower("f");

    Call add = call(lowered.root(), "add");
    assertThat(((Name) add.receiver()).var()).isSameInstanceAs(lowered.params().get(0));
    assertThat(lowered.params().get(0).kind()).isEqualTo(Var.Kind.PARAMETER);
    assertThat(((Literal) add.args().get(0)).value()).isEqualTo("x");
    assertThat(add.src().at()).isEqualTo(new Location("A.java", 4, 35));

    Target target = add.resolve().orElseThrow();
    assertThat(target.ref())
        .isEqualTo(new MethodRef("java.util.List", "add", List.of("java.lang.Object")));
    assertThat(target.matchOwners()).contains("java.util.Collection");
    assertThat(target.isStatic()).isFalse();
    assertThat(target.owner().name()).isEqualTo("java.util.List");
  }

  @Test
  void nothingResolvesWhileLowering() {
    Fixture f =
        fixture(
            """
            void f(List<String> items) throws Exception {
              for (String s : items) { Thread.sleep(s.length()); new StringBuilder(s); }
              items.forEach(String::length);
            }""");
    JpLowering.Lowered lowered = f.lower("f");

    assertThat(f.names.resolveCalls).isEqualTo(0);
    assertThat(f.solver.asked).isEqualTo(0);

    Call sleep = call(lowered.root(), "sleep");
    assertThat(sleep.resolve()).isPresent();
    assertThat(sleep.receiver().src().type().name()).isEqualTo("java.lang.Thread");
    assertThat(f.names.resolveCalls).isEqualTo(1);
    assertThat(f.solver.asked).isGreaterThan(0);
  }

  @Test
  void aStaticCallIsOnATypeName() {
    Fixture f =
        fixture("void f() throws Exception { Thread.sleep(1); List.of(); java.util.Set.of(); }");
    Block body = f.body("f");

    TypeName thread = (TypeName) call(body, "sleep").receiver();
    assertThat(thread.type()).isEqualTo("Thread");
    assertThat(((TypeName) ((Call) body.statements().get(1)).receiver()).type())
        .isEqualTo("java.util.List");
    assertThat(((TypeName) ((Call) body.statements().get(2)).receiver()).type())
        .isEqualTo("java.util.Set");
    assertThat(call(body, "sleep").resolve().orElseThrow().isStatic()).isTrue();
  }

  @Test
  void superAndThisCalls() {
    Fixture f = fixture("void f() { super.m(); this.m(); m(); }\nvoid m() {}");
    Block body = f.body("f");

    Call onSuper = (Call) body.statements().get(0);
    Call onThis = (Call) body.statements().get(1);
    Call bare = (Call) body.statements().get(2);
    assertThat(((This) onSuper.receiver()).isSuper()).isTrue();
    assertThat(((This) onThis.receiver()).isSuper()).isFalse();
    assertThat(bare.receiver()).isNull();
    assertThat(onSuper.resolve().orElseThrow().ref().owner()).isEqualTo("p.Base");
    assertThat(onThis.resolve().orElseThrow().ref().owner()).isEqualTo("p.A");
  }

  @Test
  void breakAndContinueTargetTheStatementTheyLeave() {
    Fixture f =
        fixture(
            """
            void f(List<String> items, int n) {
              outer:
              for (int i = 0; i < n; i++) {
                for (String s : items) {
                  if (s.isEmpty()) continue;
                  if (s.length() > 3) break outer;
                  if (s.length() > 5) continue outer;
                  switch (s) { case "a": break; case "b": continue; default: }
                  break;
                }
              }
              block: { if (n > 1) break block; }
            }""");
    Block body = f.body("f");

    Loop outer = (Loop) body.statements().get(0);
    Loop inner = (Loop) ((Block) outer.body()).statements().get(0);
    Node.Switch sw = only(body, Node.Switch.class, s -> true);
    Block labelled = (Block) body.statements().get(1);
    List<Jump> jumps = all(body, Jump.class);
    assertThat(jumps).hasSize(7);
    assertThat(jumps.get(0).kind()).isEqualTo(JumpKind.CONTINUE);
    assertThat(jumps.get(0).target()).isSameInstanceAs(inner.src());
    assertThat(jumps.get(1).kind()).isEqualTo(JumpKind.BREAK);
    assertThat(jumps.get(1).target()).isSameInstanceAs(outer.src());
    assertThat(jumps.get(2).target()).isSameInstanceAs(outer.src());
    assertThat(jumps.get(3).target()).isSameInstanceAs(sw.src());
    assertThat(jumps.get(4).kind()).isEqualTo(JumpKind.CONTINUE); // out of the switch
    assertThat(jumps.get(4).target()).isSameInstanceAs(inner.src());
    assertThat(jumps.get(5).target()).isSameInstanceAs(inner.src());
    assertThat(jumps.get(6).target()).isSameInstanceAs(labelled.src());
  }

  @Test
  void aForEachLoopHasItsItemAndIterable() {
    Fixture f = fixture("void f(List<String> items) { for (String s : items) { s.trim(); } }");
    JpLowering.Lowered lowered = f.lower("f");

    Loop loop = (Loop) ((Block) lowered.root()).statements().get(0);
    assertThat(loop.kind()).isEqualTo(LoopKind.FOR_EACH);
    assertThat(loop.item().name()).isEqualTo("s");
    assertThat(loop.item().kind()).isEqualTo(Var.Kind.LOCAL);
    assertThat(((Name) loop.iterable()).var()).isSameInstanceAs(lowered.params().get(0));
    assertThat(((Name) call(loop.body(), "trim").receiver()).var()).isSameInstanceAs(loop.item());
    assertThat(loop.item().type().name()).isEqualTo("java.lang.String");
  }

  @Test
  void aClassicForLoopAndTheIndex() {
    Fixture f = fixture("void f(int[] xs) { for (int i = 0, j = 1; i < xs.length; i++) {} }");
    JpLowering.Lowered lowered = f.lower("f");

    ForStmt jp = f.method("f").findFirst(ForStmt.class).orElseThrow();
    Loop loop = (Loop) lowered.of(jp);
    assertThat(loop).isSameInstanceAs(((Block) lowered.root()).statements().get(0));
    assertThat(loop.kind()).isEqualTo(LoopKind.FOR);
    assertThat(loop.init()).hasSize(2);
    Node.Binary condition = (Node.Binary) loop.condition();
    assertThat(condition.operator()).isEqualTo("<");
    assertThat(((Name) condition.left()).var())
        .isSameInstanceAs(((Local) loop.init().get(0)).var());
    Select length = (Select) condition.right();
    assertThat(length.name()).isEqualTo("length");
    assertThat(length.field()).isNull();
    assertThat(((Node.Unary) loop.update().get(0)).operator()).isEqualTo("++");
  }

  @Test
  void aLambdaHasItsParameters() {
    Fixture f =
        fixture("void f(List<String> items) { items.forEach(x -> System.out.println(x)); }");
    Block body = f.body("f");

    Lambda lambda = (Lambda) call(body, "forEach").args().get(0);
    assertThat(lambda.params()).hasSize(1);
    Var x = lambda.params().get(0);
    assertThat(x.kind()).isEqualTo(Var.Kind.PARAMETER);
    Call println = (Call) lambda.body();
    assertThat(((Name) println.args().get(0)).var()).isSameInstanceAs(x);
    Select out = (Select) println.receiver();
    assertThat(out.name()).isEqualTo("out");
    assertThat(((TypeName) out.base()).type()).isEqualTo("System");
  }

  @Test
  void synchronizedTryCatchFinally() {
    Fixture f =
        fixture(
            """
            int count;
            void f(Object lock) throws Exception {
              synchronized (lock) { count += 2; }
              try (var r = new java.io.StringReader("x")) { r.read(); }
              catch (java.io.IOException e) { throw new RuntimeException(e); }
              finally { count = 0; }
            }""");
    JpLowering.Lowered lowered = f.lower("f");
    Block body = (Block) lowered.root();

    Node.Synchronized sync = (Node.Synchronized) body.statements().get(0);
    assertThat(((Name) sync.lock()).var()).isSameInstanceAs(lowered.params().get(0));
    Node.CompoundAssign add = (Node.CompoundAssign) sync.body().statements().get(0);
    assertThat(add.operator()).isEqualTo("+");

    Node.Try t = (Node.Try) body.statements().get(1);
    Local resource = (Local) t.resources().get(0);
    assertThat(resource.init()).isInstanceOf(New.class);
    assertThat(((Name) call(t.body(), "read").receiver()).var()).isSameInstanceAs(resource.var());
    Node.Catch c = t.catches().get(0);
    assertThat(c.param().name()).isEqualTo("e");
    assertThat(c.param().kind()).isEqualTo(Var.Kind.LOCAL);
    Jump thrown = (Jump) c.body().statements().get(0);
    assertThat(thrown.kind()).isEqualTo(JumpKind.THROW);
    assertThat(((Name) ((New) thrown.value()).args().get(0)).var()).isSameInstanceAs(c.param());
    assertThat(t.finallyBlock().statements()).hasSize(1);
  }

  @Test
  void aSwitchExpressionHasCasesAndYields() {
    Fixture f =
        fixture(
            "int f(int a) { int k = switch (a) { case 1, 2 -> 10; default -> { yield 20; } };"
                + " return k; }");
    Block body = f.body("f");

    Local k = (Local) body.statements().get(0);
    Node.Switch sw = (Node.Switch) k.init();
    Case first = sw.cases().get(0);
    Case second = sw.cases().get(1);
    assertThat(first.labels()).hasSize(2);
    assertThat(first.body()).hasSize(1);
    assertThat(((Literal) first.body().get(0)).value()).isEqualTo(10);
    assertThat(second.labels()).isEmpty();
    Jump yield = (Jump) ((Block) second.body().get(0)).statements().get(0);
    assertThat(yield.kind()).isEqualTo(JumpKind.YIELD);
    assertThat(((Jump) body.statements().get(1)).kind()).isEqualTo(JumpKind.RETURN);
  }

  @Test
  void aDeclarationOfTwoIsTwoLocals() {
    Fixture f = fixture("void f() { int a = 1, b = 2; ; }");
    Block body = f.body("f");

    assertThat(body.statements()).hasSize(2);
    assertThat(((Local) body.statements().get(0)).var().name()).isEqualTo("a");
    assertThat(((Local) body.statements().get(1)).var().name()).isEqualTo("b");
  }

  @Test
  void anAnonymousClassIsANewWithABodyAndALocalClassABody() {
    Fixture f =
        fixture(
            "void f() { Runnable r = new Runnable() { public void run() { f(); } };"
                + " class L {} new Object(); }");
    Block body = f.body("f");

    New anonymous = (New) ((Local) body.statements().get(0)).init();
    assertThat(anonymous.body()).isInstanceOf(Node.ClassBody.class);
    assertThat(body.statements().get(1)).isInstanceOf(Node.ClassBody.class);
    assertThat(((New) body.statements().get(2)).body()).isNull();
    assertThat(all(body, Call.class)).isEmpty(); // the anonymous class's f() is not this body's
    assertThat(anonymous.resolve().orElseThrow().isConstructor()).isTrue();
  }

  @Test
  void anExplicitConstructorCallIsACallNamedThis() {
    Fixture f = fixture("A() { this(1); }\nA(int x) { super(); }");
    com.github.javaparser.ast.body.ConstructorDeclaration first =
        f.unit.findAll(com.github.javaparser.ast.body.ConstructorDeclaration.class).get(0);
    Block body = (Block) f.lowering.lower(first).root();

    Call self = (Call) body.statements().get(0);
    assertThat(self.name()).isEqualTo("this");
    assertThat(self.receiver()).isNull();
    Target target = self.resolve().orElseThrow();
    assertThat(target.isConstructor()).isTrue();
    assertThat(target.ref()).isEqualTo(new MethodRef("p.A", MethodRef.CONSTRUCTOR, List.of("int")));
  }

  @Test
  void anInheritedFieldReadIsAFieldNotAType() {
    Fixture f = fixture("Object f() { return LOG; }");
    Jump ret = (Jump) f.body("f").statements().get(0);

    Var log = ((Name) ret.value()).var();
    assertThat(log.kind()).isEqualTo(Var.Kind.FIELD);
    assertThat(log.name()).isEqualTo("LOG");
  }

  @Test
  void castsStayParenthesesGoAndInstanceofBindsALocal() {
    Fixture f =
        fixture(
            "int f(Object o) { if (o instanceof String s) { return s.length(); }"
                + " return ((String) (o)).length(); }");
    Block body = f.body("f");

    Node.If test = (Node.If) body.statements().get(0);
    Node.Other instanceOf = (Node.Other) test.condition();
    Local s = (Local) instanceOf.children().get(1);
    Call inIf = (Call) ((Jump) ((Block) test.then()).statements().get(0)).value();
    assertThat(((Name) inIf.receiver()).var()).isSameInstanceAs(s.var());

    Call after = (Call) ((Jump) body.statements().get(1)).value();
    Node.Cast cast = (Node.Cast) after.receiver();
    assertThat(cast.expression()).isInstanceOf(Name.class);
    assertThat(cast.src().type().name()).isEqualTo("java.lang.String");
    assertThat(cast.src().type().isA("java.lang.CharSequence")).isTrue();
  }

  @Test
  void literalsAndConstants() {
    Fixture f =
        fixture(
            """
            static final int SIZE = 4;
            void f() { g(1L, 'c', 2.5f, 3.0, true, null, \"""
              hi
              \""", SIZE * 2); }
            void g(Object... xs) {}""");
    Call g = call(f.body("f"), "g");

    List<Object> values = new ArrayList<>();
    for (Node arg : g.args().subList(0, 7)) {
      values.add(((Literal) arg).value());
    }
    assertThat(values).containsExactly(1L, 'c', 2.5f, 3.0, true, null, "hi\n").inOrder();
    assertThat(g.args().get(7).src().constant()).hasValue(8);
    assertThat(g.args().get(7).src().source()).isEqualTo("SIZE * 2");
  }

  @Test
  void methodReferencesKeepTheirQualifier() {
    Fixture f =
        fixture(
            """
            void f(List<String> items, java.util.concurrent.ExecutorService erp) {
              items.forEach(String::length);
              items.forEach(this::use);
              Runnable r = erp::shutdown;
              java.util.function.Supplier<A> s = A::new;
            }
            void use(String s) {}""");
    JpLowering.Lowered lowered = f.lower("f");
    List<Node.MethodReference> refs = all(lowered.root(), Node.MethodReference.class);

    assertThat(refs).hasSize(4);
    assertThat(refs.get(0).typeQualifier()).isTrue();
    assertThat(((TypeName) refs.get(0).qualifier()).type()).isEqualTo("String");
    assertThat(refs.get(0).resolve().orElseThrow().ref().owner()).isEqualTo("java.lang.String");
    assertThat(refs.get(1).typeQualifier()).isFalse();
    assertThat(refs.get(1).qualifier()).isInstanceOf(This.class);
    assertThat(refs.get(2).typeQualifier()).isFalse();
    assertThat(((Name) refs.get(2).qualifier()).var()).isSameInstanceAs(lowered.params().get(1));
    assertThat(refs.get(3).name()).isEqualTo("new");
    assertThat(refs.get(3).typeQualifier()).isTrue();
    assertThat(((TypeName) refs.get(3).qualifier()).type()).isEqualTo("p.A");
  }

  @Test
  void namesThatLookLikeTypes() {
    Fixture f =
        fixture(
            """
            static final int SIZE = 2;
            void f() { int n = A.SIZE; LOG.hashCode(); }""");
    Block body = f.body("f");

    Select size = (Select) ((Local) body.statements().get(0)).init();
    assertThat(((TypeName) size.base()).type()).isEqualTo("p.A");
    assertThat(size.field().name()).isEqualTo("SIZE");
    assertThat(size.field().isConstant()).isTrue();
    // An instance call through an inherited field the syntax took for a type: the receiver
    // stays a type name; the resolved target (not static) tells it is a field.
    Call hash = (Call) body.statements().get(1);
    assertThat(((TypeName) hash.receiver()).type()).isEqualTo("LOG");
    assertThat(hash.receiver().src().source()).isEqualTo("LOG");
    assertThat(hash.resolve().orElseThrow().isStatic()).isFalse();
  }

  @Test
  void theIndexMapsWrappersToWhatTheyHold() {
    Fixture f = fixture("void f(int n) { loop: while (n > 0) { g((n)); } }\nvoid g(int x) {}");
    JpLowering.Lowered lowered = f.lower("f");
    MethodDeclaration jp = f.method("f");

    Loop loop = (Loop) ((Block) lowered.root()).statements().get(0);
    assertThat(lowered.of(jp.findFirst(com.github.javaparser.ast.stmt.LabeledStmt.class).get()))
        .isSameInstanceAs(loop);
    Call g = call(loop.body(), "g");
    assertThat(lowered.of(jp.findFirst(com.github.javaparser.ast.stmt.ExpressionStmt.class).get()))
        .isSameInstanceAs(g);
    assertThat(lowered.of(jp.findFirst(com.github.javaparser.ast.expr.EnclosedExpr.class).get()))
        .isSameInstanceAs(g.args().get(0));
    assertThat(g.args().get(0)).isInstanceOf(Name.class);
    assertThat(loop.src().tree())
        .isSameInstanceAs(jp.findFirst(com.github.javaparser.ast.stmt.WhileStmt.class).get());
  }

  /**
   * Every body of the parity corpus, the samples and the scanner's own sources lowers without an
   * exception and without a resolution into a well-formed tree that indexes every statement and
   * call; the corpus's targets, types and constants then answer without throwing.
   */
  @Test
  void everyBodyOfTheCorporaLowersWithoutResolving() throws java.io.IOException {
    List<CompilationUnit> corpus = parseAll("../src/test-corpus", "../samples/src/main/java");
    List<CompilationUnit> own = parseAll("src/main/java");
    List<CompilationUnit> units = new ArrayList<>(corpus);
    units.addAll(own);
    CombinedTypeSolver combined = new CombinedTypeSolver();
    combined.add(new SourceTypeSolver(units));
    combined.add(new ReflectionTypeSolver(true));
    CountingSolver solver = new CountingSolver(combined);
    JavaSymbolSolver symbolSolver = new JavaSymbolSolver(solver);
    units.forEach(u -> u.setData(com.github.javaparser.ast.Node.SYMBOL_RESOLVER_KEY, symbolSolver));
    JpNames names = new JpNames(solver);
    JpLowering lowering = new JavaParserFacts(names, Catalogue.empty()).lowering();

    List<Node> corpusRoots = new ArrayList<>();
    int bodies = 0;
    for (CompilationUnit unit : units) {
      for (com.github.javaparser.ast.Node body : bodiesOf(unit)) {
        JpLowering.Lowered lowered = lowering.lower(body);
        bodies++;
        if (lowered.root() == null) {
          continue;
        }
        assertWellFormed(lowered.root());
        for (com.github.javaparser.ast.Node tree : ownTrees(body)) {
          boolean declaresSeveral =
              tree instanceof com.github.javaparser.ast.stmt.ExpressionStmt e
                  && e.getExpression()
                      instanceof com.github.javaparser.ast.expr.VariableDeclarationExpr d
                  && d.getVariables().size() > 1;
          if (!declaresSeveral && !(tree instanceof com.github.javaparser.ast.stmt.EmptyStmt)) {
            assertThat(lowered.of(tree)).isNotNull();
          }
        }
        if (corpus.contains(unit)) {
          corpusRoots.add(lowered.root());
        }
      }
    }
    assertThat(bodies).isGreaterThan(500);
    assertThat(lowering.failures).isEqualTo(0);
    assertThat(names.resolveCalls).isEqualTo(0);
    assertThat(solver.asked).isEqualTo(0);

    int resolved = 0;
    for (Node root : corpusRoots) {
      for (Node n : all(root)) {
        n.src().type().closure();
        n.src().constant();
        n.src().source();
        resolved +=
            switch (n) {
              case Call c -> c.resolve().isPresent() ? 1 : 0;
              case New c -> c.resolve().isPresent() ? 1 : 0;
              case Node.MethodReference r -> r.resolve().isPresent() ? 1 : 0;
              default -> 0;
            };
      }
    }
    assertThat(resolved).isGreaterThan(100);
  }

  private static List<CompilationUnit> parseAll(String... roots) throws java.io.IOException {
    List<CompilationUnit> units = new ArrayList<>();
    JavaParser parser = new JavaParser(FrontEnd.configuration());
    for (String root : roots) {
      List<java.nio.file.Path> files;
      try (var walk = java.nio.file.Files.walk(java.nio.file.Path.of(root))) {
        files = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
      }
      for (java.nio.file.Path file : files) {
        ParseResult<CompilationUnit> result =
            FrontEnd.parseText(parser, java.nio.file.Files.readString(file));
        result.getResult().filter(u -> result.isSuccessful()).ifPresent(units::add);
      }
    }
    assertThat(units).isNotEmpty();
    return units;
  }

  private static List<com.github.javaparser.ast.Node> bodiesOf(CompilationUnit unit) {
    List<com.github.javaparser.ast.Node> bodies = new ArrayList<>();
    bodies.addAll(unit.findAll(com.github.javaparser.ast.body.CallableDeclaration.class));
    bodies.addAll(unit.findAll(com.github.javaparser.ast.body.InitializerDeclaration.class));
    return bodies;
  }

  /** The statements and calls of a body, not those of classes declared in it. */
  private static List<com.github.javaparser.ast.Node> ownTrees(
      com.github.javaparser.ast.Node body) {
    List<com.github.javaparser.ast.Node> out = new ArrayList<>();
    java.util.ArrayDeque<com.github.javaparser.ast.Node> work = new java.util.ArrayDeque<>();
    body.getChildNodes().forEach(work::push);
    while (!work.isEmpty()) {
      com.github.javaparser.ast.Node n = work.pop();
      if (n instanceof com.github.javaparser.ast.body.BodyDeclaration<?>
          || n instanceof com.github.javaparser.ast.stmt.LocalClassDeclarationStmt
          || n instanceof com.github.javaparser.ast.stmt.LocalRecordDeclarationStmt) {
        continue;
      }
      if (n instanceof com.github.javaparser.ast.stmt.Statement
          || n instanceof com.github.javaparser.ast.expr.MethodCallExpr) {
        out.add(n);
      }
      n.getChildNodes().forEach(work::push);
    }
    return out;
  }

  private static void assertWellFormed(Node root) {
    java.util.ArrayDeque<Node> work = new java.util.ArrayDeque<>();
    work.push(root);
    while (!work.isEmpty()) {
      Node n = work.pop();
      assertThat(n.src()).isNotNull();
      assertThat(n.src().tree()).isNotNull();
      for (Node child : Nodes.children(n)) {
        assertThat(child).isNotNull();
        work.push(child);
      }
    }
  }
}
