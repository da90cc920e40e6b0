package dev.lockstep.checker;

import static com.google.errorprone.util.ASTHelpers.enclosingPackage;
import static java.util.stream.Collectors.toUnmodifiableSet;

import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.ModuleSymbol;
import com.sun.tools.javac.code.Symbol.TypeSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.Types;
import com.sun.tools.javac.tree.JCTree;
import com.sun.tools.javac.tree.JCTree.JCMemberReference;
import com.sun.tools.javac.tree.JCTree.JCMethodInvocation;
import com.sun.tools.javac.tree.JCTree.JCNewClass;
import com.sun.tools.javac.tree.JCTree.JCVariableDecl;
import com.sun.tools.javac.tree.TreeScanner;
import dev.lockstep.analysis.catalogue.Catalogue;
import dev.lockstep.analysis.catalogue.CatalogueEntry;
import dev.lockstep.analysis.catalogue.GeneratedStubs;
import dev.lockstep.analysis.catalogue.WaitTag;
import dev.lockstep.analysis.facts.Mark;
import dev.lockstep.analysis.facts.MethodRef;
import dev.lockstep.analysis.summary.CallJudge;
import dev.lockstep.analysis.summary.Summaries;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Name;

/**
 * The test a check runs before it lowers and reads a tree: whether a call in it <em>may</em> wait
 * with one of the tags the check counts. SerialFanOut asks whether some run of statements has two
 * that each may wait with a round trip or an await ({@link #twoInARow}): a run can only hold two
 * waits when that holds. SerialAwaitInLoop asks whether some call of a loop may wait with a round
 * trip, an await or a channel wait ({@link #anyCall}): a loop without one has no chain to report.
 * The summaries ask whether a method of the sources may wait with any tag a verdict waits with
 * within a budget ({@link #mayWaitWithin}): a body that cannot is not lowered for its chains (ADR
 * 0029). On the compile benchmark, lowering and reading every method with two calls in a row, and
 * every loop, was most of those checks' cost, and in a library nearly none of them can wait.
 *
 * <p>"May wait" over-approximates what the summaries find, on symbols alone. A call may wait when
 * it did not resolve; when it is a method that carries {@code @Blocking}; when the catalogue names
 * its method for its owner or receiver (or a supertype of either) with a counted tag (named only
 * with others, a lock or a pause, it never waits here; named as an await, only on what the scope
 * may have started: {@link #mayAwaitWorkStartedHere}); when it is an abstract JDK method that code
 * may implement (not one of a collection, concurrent ones included, a string, a stream, a buffer, a
 * lock or an annotation) on a receiver whose class the summaries may take from its allocation (a
 * field its class assigns a {@code new}, a local made with {@code new}, a {@code new}); and when it
 * is a library method the summaries find a counted wait in (they read its class file, as they will
 * when they judge the call), or a method of the sources whose body, lambdas and local classes
 * included, makes a call that may wait, as many bodies down as the summaries follow a call. The
 * bodies asked are its own and, when it can be overridden or is abstract, those of its overrides in
 * classes of the sources ({@link SourceOverrides}) — but only on {@code this} or an allocated
 * receiver: on a parameter or a call's result the summaries run the method the call resolves to and
 * no other body (ADR 0012), so an abstract method there has nothing to wait in. A concrete JDK
 * method the catalogue does not name never waits. The scanner reads every method and every loop;
 * {@code ParityTest} holds both front ends to the same findings.
 *
 * <p>One instance per compilation, configuration (the catalogue is the configuration's) and set of
 * counted tags; the answers for methods are kept. Not thread-safe.
 */
@SuppressWarnings("ReferenceEquality") // javac symbols are compared by identity
final class StatementsThatMayWait {
  private final JavacFacts facts;
  private final Catalogue catalogue;
  private final Types types;
  private final Map<String, Set<String>> catalogueOwners = new HashMap<>();
  private final Set<String> allCatalogueOwners;
  private final Map<String, Set<String>> roundTripOwners = new HashMap<>();
  private final Map<String, Set<String>> awaitOwners = new HashMap<>();
  private final IdentityHashMap<TypeSymbol, Set<String>> supertypes = new IdentityHashMap<>();
  private final SourceOverrides overrides;
  private final LibraryAnswers library;
  private final Set<WaitTag> tags;
  private final Set<WaitTag> roundTrips;
  private final Set<WaitTag> awaits;
  private final int maxDepth;

  /**
   * The test of the same compilation for a superset of these tags ({@link #answerNoFrom}), or null:
   * a method that cannot wait with any of its tags cannot wait with these.
   */
  private StatementsThatMayWait wider;

  /**
   * @param tags the waits that count: a call named in the catalogue only with other tags never
   *     waits, and a library method counts only when the summaries find one of these in it
   * @param library whether a library method may wait: the summaries' answer ({@link
   *     Summaries#mayWait}, read through the class files) or a kept one
   * @param maxDepth how many bodies down the summaries follow a call (the configuration's)
   */
  StatementsThatMayWait(
      JavacFacts facts,
      Types types,
      SourceOverrides overrides,
      Catalogue catalogue,
      LibraryAnswers library,
      Set<WaitTag> tags,
      int maxDepth) {
    this.facts = facts;
    this.library = library;
    this.tags = Set.copyOf(tags);
    this.roundTrips = tags.stream().filter(t -> t != WaitTag.AWAIT).collect(toUnmodifiableSet());
    this.awaits = tags.contains(WaitTag.AWAIT) ? Set.of(WaitTag.AWAIT) : Set.of();
    this.maxDepth = maxDepth;
    this.types = types;
    this.overrides = overrides;
    this.catalogue = catalogue;
    this.allCatalogueOwners =
        catalogue.entries().stream().map(CatalogueEntry::owner).collect(toUnmodifiableSet());
  }

  /**
   * Whether a library method may wait with one of {@code tags}: {@link Summaries#mayWait}, or the
   * answer an earlier build with the same class path kept (ADR 0027).
   */
  @FunctionalInterface
  interface LibraryAnswers {
    boolean mayWait(MethodRef method, Set<WaitTag> tags);
  }

  /**
   * Takes {@code wider}'s "no" for a method of the sources before reading its body: its tags
   * include these, so a body that cannot wait with any of them cannot wait with these (a call that
   * may wait with fewer tags may with more: the catalogue's entries, the library summaries and the
   * bodies followed only add). SerialFanOut's test counts round trips and awaits,
   * SerialAwaitInLoop's channels too; both read nearly every method of a library that never waits,
   * and each read them all on jackson-databind. Now the wider test reads a body once and both keep
   * its answer.
   */
  void answerNoFrom(StatementsThatMayWait wider) {
    if (!wider.tags.containsAll(tags) || wider.maxDepth != maxDepth || wider == this) {
      throw new IllegalArgumentException("not a wider test: " + wider.tags + " for " + tags);
    }
    this.wider = wider;
  }

  /** How many methods' calls this test decided itself, not taking the wider test's; for tests. */
  int decided() {
    return decided;
  }

  private int decided;

  /** How many bodies of the sources this test has read; for tests. */
  int bodiesRead() {
    return bodiesRead;
  }

  private int bodiesRead;

  /**
   * What this test found of one method, every answer it keeps in one place: each call asks of its
   * method, and a map per answer cost a probe each (memory loads, most of what is left of this
   * test's cost per call) and a resize each as they grew.
   */
  private static final class Known {
    /** {@link #decisionOf}'s answer; null: not decided yet. */
    Decision decision;

    /** Whether the library method may wait with the counted tags; null: not asked. */
    Boolean libraryMayWait;

    /** What its body's calls may do ({@link #waitsWithin}); null: the body was not read. */
    Calls calls;

    /** The fewest levels within which it was found to wait. */
    int waitsWithin = Integer.MAX_VALUE;

    /** The most levels within which it was found not to wait; 0: none. */
    int noWaitWithin;
  }

  private final IdentityHashMap<MethodSymbol, Known> known = new IdentityHashMap<>();

  private Known known(MethodSymbol method) {
    Known k = known.get(method);
    if (k == null) {
      k = new Known();
      known.put(method, k);
    }
    return k;
  }

  /**
   * Whether some run of {@code body} (as {@link BodySyntax#runs} finds them) has two statements
   * that each may wait. A walk without symbols first finds the runs with two statements that make a
   * call; only those statements are asked, each until its first call that may wait, and only until
   * a run has two. A statement that makes no call ({@code int n = 2;}) does not end a run, so the
   * waits around it may form a group. What remains of the test's cost is the first answer for each
   * method of the sources that a statement asked reaches ({@link #waitsWithin}).
   */
  boolean twoInARow(Tree body) {
    forgetLocals(); // a walk asks only of the locals it declares
    BodySyntax syntax = facts.bodySyntax(body);
    if (syntax.runs().isEmpty()) {
      return false;
    }
    for (VariableTree declared : syntax.declarations()) {
      noteLocal(declared); // so that the statements asked know which locals were allocated
    }
    for (List<StatementTree> calling : syntax.runs()) {
      int waiting = 0;
      for (StatementTree statement : calling) {
        if (mayWait(statement) && ++waiting == 2) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Whether some call of {@code tree} (its lambdas and local classes included) may wait. The walk
   * stops at the first that may.
   */
  boolean anyCall(Tree tree) {
    forgetLocals();
    return mayWait(tree);
  }

  private boolean mayWait(Tree tree) {
    return new AnyScanner().find(tree);
  }

  /**
   * Visits every call of a tree (method calls, {@code new}, method references) in source order,
   * noting locals as they are declared ({@link #locals}), and stops at the first that may wait.
   * javac's own scanner, as {@link BodySyntax}'s walk.
   */
  private class AnyScanner extends TreeScanner {
    private boolean found;

    final boolean find(Tree tree) {
      if (tree instanceof JCTree jc) {
        scan(jc);
      }
      return found;
    }

    @Override
    public final void scan(JCTree tree) {
      if (!found && tree != null) {
        tree.accept(this);
      }
    }

    @Override
    public final void visitVarDef(JCVariableDecl node) {
      noteLocal(node);
      super.visitVarDef(node);
    }

    @Override
    public final void visitApply(JCMethodInvocation node) {
      call(node);
      super.visitApply(node);
    }

    @Override
    public final void visitNewClass(JCNewClass node) {
      call(node);
      super.visitNewClass(node);
    }

    @Override
    public final void visitReference(JCMemberReference node) {
      call(node);
      super.visitReference(node);
    }

    private void call(Tree call) {
      found = found || mayWaitHere(call);
    }

    /** Whether one call may wait; {@link #callMayWait} unless a subclass asks less. */
    boolean mayWaitHere(Tree call) {
      return callMayWait(call);
    }
  }

  /** Whether one call may wait: by itself, or in a body of the sources it may run. */
  private boolean callMayWait(Tree call) {
    Answer answer = target(call);
    if (waits(answer, call)) {
      return true;
    }
    for (MethodSymbol method : answer.bodies()) {
      try {
        if (waitsWithin(method, maxDepth)) {
          return true;
        }
      } catch (StackOverflowError | RuntimeException e) {
        return true; // a body too deep to scan: "may wait"
      }
    }
    return false;
  }

  /** Notes a local's initialiser ({@link #locals}). */
  private void noteLocal(VariableTree node) {
    VarSymbol v = ASTHelpers.getSymbol(node);
    if (v != null
        && (v.getKind() == ElementKind.LOCAL_VARIABLE
            || v.getKind() == ElementKind.RESOURCE_VARIABLE)) {
      locals.put(v, node.getInitializer());
    }
  }

  /**
   * What the calls of a tree may do: wait by themselves ({@code mayWait}), or run these bodies of
   * the sources.
   */
  private record Calls(boolean mayWait, List<MethodSymbol> bodies) {}

  private static final Calls NO_CALLS = new Calls(false, List.of());

  /** A body that may wait by itself, or one not in the sources' trees (anything). */
  private static final Calls WAITS = new Calls(true, List.of());

  /**
   * The scan stops at the first call that may wait by itself: then the body may wait within any
   * number of levels, and the bodies its calls run are never asked.
   */
  private Calls callsIn(Tree tree) {
    Set<MethodSymbol> bodies = new LinkedHashSet<>();
    AnyScanner scanner =
        new AnyScanner() {
          @Override
          boolean mayWaitHere(Tree call) {
            Answer answer = target(call);
            bodies.addAll(answer.bodies());
            return waits(answer, call);
          }
        };
    return scanner.find(tree) ? WAITS : new Calls(false, List.copyOf(bodies));
  }

  /**
   * Which bodies the summaries may run for a call, as far as its receiver tells (ADR 0012): an
   * override only on {@code this} (a body that runs as a subclass) or on an object whose class they
   * read from its allocation (a field, a local, a {@code new}); on a parameter or a call's result,
   * the method the call resolves to and nothing else.
   */
  private enum Receiver {
    /** {@code this}, written or not: a body that runs as a subclass runs its override. */
    THIS,
    /**
     * A local, a field some value its class assigns it makes with {@code new}, or a {@code new}:
     * the class it was allocated with may override.
     */
    ALLOCATED,
    /**
     * A parameter, a call's result, a field no {@code new} is assigned to (or a static one that is
     * not final), anything else: only the method the call resolves to.
     */
    RESOLVED
  }

  /**
   * The initialiser of each local seen in this walk (null: none): the summaries take a local's
   * class from its allocation only when it is a {@code new} (or a {@code ?:} of them), and count an
   * await on it only when its value was started in the scope ({@link #mayBeStartedHere}).
   * Declarations are scanned before the calls that use them; a local not seen counts as allocated
   * and as started here. Emptied when a walk starts: a compilation's every local would otherwise
   * pile up here.
   */
  private IdentityHashMap<VarSymbol, ExpressionTree> locals = new IdentityHashMap<>();

  /**
   * Empties {@link #locals}. {@code clear} sweeps the whole table, which a walk through many bodies
   * grows large: sweeping it before every method's walk cost jackson-databind's pre-test a
   * twentieth of its time. A large map is dropped instead.
   */
  private void forgetLocals() {
    if (locals.size() > 32) {
      locals = new IdentityHashMap<>();
    } else {
      locals.clear();
    }
  }

  private static boolean allocates(ExpressionTree initializer) {
    ExpressionTree value = Trees2.unwrap(initializer);
    if (value instanceof ConditionalExpressionTree c) {
      return allocates(c.getTrueExpression()) && allocates(c.getFalseExpression());
    }
    return value instanceof NewClassTree created && created.getClassBody() == null;
  }

  private Receiver receiverOf(MethodInvocationTree call) {
    if (!(call.getMethodSelect() instanceof MemberSelectTree select)) {
      return Receiver.THIS; // a bare name: a method of this class (or a static one)
    }
    ExpressionTree on = Trees2.unwrap(select.getExpression());
    if (on instanceof NewClassTree) {
      return Receiver.ALLOCATED;
    }
    if ((on instanceof IdentifierTree id && isThis(id.getName()))
        || (on instanceof MemberSelectTree outer && isThis(outer.getIdentifier()))) {
      return Receiver.THIS; // this, super, Outer.this
    }
    if (on instanceof IdentifierTree || on instanceof MemberSelectTree) {
      Symbol symbol = ASTHelpers.getSymbol(on);
      if (symbol instanceof VarSymbol variable) {
        return switch (variable.getKind()) {
          case LOCAL_VARIABLE, RESOURCE_VARIABLE ->
              locals.containsKey(variable) && !allocates(locals.get(variable))
                  ? Receiver.RESOLVED
                  : Receiver.ALLOCATED;
          case FIELD ->
              facts.mayBeAllocated(variable) // its assignments may all be news
                  ? Receiver.ALLOCATED
                  : Receiver.RESOLVED;
          case ENUM_CONSTANT -> Receiver.ALLOCATED;
          default -> Receiver.RESOLVED; // a parameter, a pattern's or a loop's variable
        };
      }
      if (symbol instanceof ClassSymbol) {
        return Receiver.RESOLVED; // a static call on a type
      }
      return Receiver.ALLOCATED; // did not resolve: anything
    }
    return Receiver.RESOLVED; // a call's result, an array element, a conditional: no class known
  }

  private static boolean isThis(Name name) {
    return name.contentEquals("this") || name.contentEquals("super");
  }

  /**
   * Whether a call may wait by itself, and the bodies of the sources it may run: its own, and, when
   * it can be overridden or is abstract and the receiver lets the summaries pick another class's
   * body, those of its overrides in the sources.
   *
   * <p>Decided once per method ({@link Decision}); the receiver is looked at only when the answer
   * depends on it. Most methods have no override in the sources and no catalogue entry of their
   * name, and then it does not: keyed by (method, receiver's class, receiver's kind), and with the
   * kind found for every call, the decisions were three fifths of SerialFanOut's pre-test on
   * jackson-databind, a field receiver's kind (a walk of its class) a sixth.
   */
  private Answer target(Tree call) {
    Symbol symbol = ASTHelpers.getSymbol(call);
    if (!(symbol instanceof MethodSymbol method) || !(method.owner instanceof ClassSymbol owner)) {
      return UNRESOLVED; // anything
    }
    Decision decision = decisionOf(method, owner);
    if (decision.byReceiverType()) {
      return byReceiverType(call, method, owner, receiverType(call));
    }
    // The decision asked the catalogue of the owner's supertypes: a receiver of the owner's own
    // class (most calls) has the same, and its supertypes were asked of every call before.
    Type receiver = receiverType(call);
    if (receiver != null && receiver.tsym != owner && mayBeNamed(method, receiver)) {
      return byReceiverType(call, method, owner, receiver);
    }
    return decision.kindMatters() ? decision.on(receiverKind(call)) : decision.resolved();
  }

  /**
   * What a call of a method may do, for each kind of receiver ({@link Receiver}), when the
   * catalogue names it neither by the method's owner nor by the receiver's type. Or, {@code
   * byReceiverType}, nothing yet: the catalogue may name it by its owner, and what it says depends
   * on the receiver's type too. {@code byLibrary}: a library method the summaries find a counted
   * wait in, the one answer that depends on the tags counted.
   */
  private record Decision(
      boolean byReceiverType,
      boolean byLibrary,
      boolean kindMatters,
      Answer resolved,
      Answer onThis,
      Answer allocated) {
    static final Decision BY_RECEIVER_TYPE = new Decision(true, false, false, null, null, null);

    static final Decision BY_LIBRARY =
        new Decision(false, true, false, MAY_WAIT, MAY_WAIT, MAY_WAIT);

    static Decision always(Answer answer) {
      return of(answer, answer, answer);
    }

    static Decision of(Answer resolved, Answer onThis, Answer allocated) {
      boolean kindMatters = !resolved.equals(onThis) || !resolved.equals(allocated);
      return new Decision(false, false, kindMatters, resolved, onThis, allocated);
    }

    Answer on(Receiver kind) {
      return switch (kind) {
        case RESOLVED -> resolved;
        case THIS -> onThis;
        case ALLOCATED -> allocated;
      };
    }
  }

  private Decision decisionOf(MethodSymbol method, ClassSymbol owner) {
    Known k = known(method);
    if (k.decision == null) {
      k.decision = decision(method, owner);
    }
    return k.decision;
  }

  private Decision decision(MethodSymbol method, ClassSymbol owner) {
    if (wider != null) {
      // Whether the catalogue may name the call does not depend on the tags, nor does anything
      // else a decision asks but a library method's answer. SerialFanOut's test asks of the
      // calls in the statements, the loop test of those in the bodies they run: each decided
      // every method, and only a library's "may wait" with more tags needs asking again.
      Decision known = wider.decisionOf(method, owner);
      if (!known.byLibrary()) {
        return known;
      }
    }
    decided++;
    if (markedBlocking(method, owner)) {
      return Decision.always(MAY_WAIT);
    }
    if (mayBeNamed(method, owner.type)
        || owner.getSimpleName().contentEquals(GeneratedStubs.BLOCKING_INTERFACE)) {
      return Decision.BY_RECEIVER_TYPE;
    }
    return runs(method, owner);
  }

  /**
   * Whether an entry of the method's name may match on this type (or a supertype). The name's
   * entries are asked only of a class with a catalogue owner among its supertypes: building them
   * for every name of the sources was a tenth of the decisions on jackson-databind.
   */
  private boolean mayBeNamed(MethodSymbol method, Type type) {
    Set<String> named = namedSupertypes(type);
    if (named != null && named.isEmpty()) {
      return false; // nearly every class
    }
    Set<String> owners = catalogueOwners(method);
    return !owners.isEmpty() && reaches(type, owners);
  }

  /** The owners of the catalogue's entries that may match a method of this name, any tag. */
  private Set<String> catalogueOwners(MethodSymbol method) {
    return catalogueOwners.computeIfAbsent(method.name.toString(), catalogue::ownersOf);
  }

  /** A call of a method the catalogue may name: decided per receiver type and kind. */
  private Answer byReceiverType(Tree call, MethodSymbol method, ClassSymbol owner, Type receiver) {
    Receiver on = receiverKind(call);
    Asked asked = new Asked(method, receiver == null ? null : receiver.tsym, on);
    Answer answer = answers.get(asked);
    if (answer == null) {
      Set<MethodSymbol> runs = new LinkedHashSet<>();
      May may = decide(method, owner, receiver, on, runs);
      answer = new Answer(may, List.copyOf(runs));
      answers.put(asked, answer);
    }
    return answer;
  }

  /** The type whose supertypes the catalogue's entries are matched against. */
  private static Type receiverType(Tree call) {
    return switch (call) {
      case MethodInvocationTree invocation -> ASTHelpers.getReceiverType(invocation);
      case MemberReferenceTree reference -> ASTHelpers.getType(reference.getQualifierExpression());
      default -> ASTHelpers.getType(call); // a new
    };
  }

  private Receiver receiverKind(Tree call) {
    if (call instanceof MethodInvocationTree invocation) {
      return receiverOf(invocation);
    }
    // What runs a method reference is not read here: any class may.
    return call instanceof MemberReferenceTree ? Receiver.ALLOCATED : Receiver.RESOLVED;
  }

  /** A call as {@link #byReceiverType} decides it. */
  private record Asked(MethodSymbol method, TypeSymbol receiver, Receiver on) {}

  /** Whether such a call may wait by itself, and the bodies of the sources it may run. */
  private record Answer(May may, List<MethodSymbol> bodies) {}

  /** Whether a call, as {@link #target} answered, may wait by itself. */
  private boolean waits(Answer answer, Tree call) {
    return switch (answer.may()) {
      case YES -> true;
      case NO -> false;
      case IF_STARTED_HERE -> mayAwaitWorkStartedHere(call);
    };
  }

  /** Whether a call may wait by itself. */
  private enum May {
    NO,
    YES,
    /**
     * An await the catalogue names ({@code future.join()}, {@code latch.await()}): a wait only when
     * what it awaits may have been started where the summaries judge it.
     */
    IF_STARTED_HERE
  }

  /** A call that did not resolve: it may do anything. */
  private static final Answer UNRESOLVED = new Answer(May.YES, List.of());

  /** A call that may wait by itself. */
  private static final Answer MAY_WAIT = UNRESOLVED;

  private final Map<Asked, Answer> answers = new HashMap<>();

  private May decide(
      MethodSymbol method,
      ClassSymbol owner,
      Type receiver,
      Receiver on,
      Set<MethodSymbol> bodies) {
    if (markedBlocking(method, owner)) {
      return May.YES;
    }
    switch (catalogued(method, owner, receiver)) {
      case COUNTED -> {
        return May.YES;
      }
      case AWAITED -> {
        return May.IF_STARTED_HERE;
      }
      case NOT_COUNTED -> {
        return May.NO; // a lock, a pause or none: the catalogue decides, not a body
      }
      case NOT_NAMED -> {}
    }
    Answer answer = runs(method, owner).on(on);
    bodies.addAll(answer.bodies());
    return answer.may();
  }

  /** The summaries read the mark before the catalogue. */
  private boolean markedBlocking(MethodSymbol method, ClassSymbol owner) {
    return facts.names().marksOf(method).has(Mark.BLOCKING)
        || facts.names().typeMarks(owner).has(Mark.BLOCKING);
  }

  private static final Answer NO_WAIT = new Answer(May.NO, List.of());

  /**
   * For a call the catalogue does not name, on each kind of receiver: whether it may wait by itself
   * (a JDK interface's method on an allocated object, a library method whose class file waits), and
   * the bodies of the sources it may run. Worked out once for the three kinds: only the overrides
   * depend on the kind.
   */
  private Decision runs(MethodSymbol method, ClassSymbol owner) {
    boolean isAbstract = (method.flags() & (Flags.ABSTRACT | Flags.DEFAULT)) != 0;
    if (jdk(owner)) {
      // The catalogue models the JDK: a concrete JDK method it does not name never waits. An
      // abstract one may run a method of the sources (Callable.call on a task of the sources),
      // but not one of a collection, a string or a stream: nobody implements those to wait; and
      // only when the receiver lets the summaries pick the class (never on a parameter): on an
      // allocated object the class may be a library's, whose body is not asked here.
      if (!(isAbstract || owner.isInterface()) || !runsCode(owner)) {
        return Decision.always(NO_WAIT);
      }
      return Decision.of(NO_WAIT, new Answer(May.NO, overrides.of(method, owner)), MAY_WAIT);
    }
    List<MethodSymbol> own = List.of();
    if (facts.pathOf(method) == null) {
      // A library method: the summaries read its class file (an abstract one, the only
      // implementation in its jar), as they will when they judge the call.
      Known k = known(method);
      if (k.libraryMayWait == null) {
        k.libraryMayWait = library.mayWait(facts.names().ref(method), tags);
      }
      if (k.libraryMayWait) {
        return Decision.BY_LIBRARY;
      }
    } else if (!isAbstract) {
      own = List.of(method);
    }
    Answer resolved = new Answer(May.NO, own);
    if (!isAbstract && !overridable(method, owner)) {
      return Decision.always(resolved);
    }
    Set<MethodSymbol> any = new LinkedHashSet<>(own);
    any.addAll(overrides.of(method, owner));
    Answer overridden = new Answer(May.NO, List.copyOf(any));
    return Decision.of(resolved, overridden, overridden);
  }

  // ---------------------------------------------------------------------------------------------
  // Bodies of the sources: within the summaries' depth, each method's body scanned once

  /**
   * Whether a method of the sources may wait within {@code levels} bodies, its own the first
   * ({@link #waitsWithin}); also when its body is too deep to scan.
   */
  boolean mayWaitWithin(MethodSymbol method, int levels) {
    try {
      return waitsWithin(method, levels);
    } catch (StackOverflowError | RuntimeException e) {
      return true;
    }
  }

  /**
   * Whether a method of the sources may wait within {@code levels} bodies, its own the first: its
   * body makes a call that may wait by itself, or one of the bodies its calls may run does within
   * one level fewer. The summaries follow a call {@code maxDepth} bodies down and no further
   * ({@link Summaries}), so a wait deeper than that is one they never find: asking without a bound
   * made every method of a large cycle "may wait" once anything in it did (jackson-databind's
   * serializers and deserializers) and lowered them all for nothing. The levels fall at every call,
   * so cycles end; answers are kept per method as the fewest levels found to wait and the most
   * found not to, so each method is decided at most once per level.
   */
  private boolean waitsWithin(MethodSymbol method, int levels) {
    if (levels < 1) {
      return false;
    }
    Known k = known(method);
    if (k.waitsWithin <= levels) {
      return true;
    }
    if (k.noWaitWithin >= levels) {
      return false;
    }
    if (wider != null && !wider.waitsWithin(method, levels)) {
      k.noWaitWithin = Math.max(k.noWaitWithin, levels);
      return false;
    }
    Calls calls = k.calls;
    if (calls == null) {
      TreePath path = facts.pathOf(method);
      if (path == null || !(path.getLeaf() instanceof MethodTree tree)) {
        calls = WAITS; // a body not in the sources' trees: anything
      } else {
        // An abstract (or native) method runs no body of its own: the summaries read none, and
        // its overrides are among those the caller asked about.
        calls = tree.getBody() == null ? NO_CALLS : callsIn(tree.getBody());
      }
      k.calls = calls;
      bodiesRead++;
    }
    boolean found = calls.mayWait();
    for (int i = 0; !found && i < calls.bodies().size(); i++) {
      found = waitsWithin(calls.bodies().get(i), levels - 1);
    }
    if (found) {
      k.waitsWithin = Math.min(k.waitsWithin, levels);
    } else {
      k.noWaitWithin = Math.max(k.noWaitWithin, levels);
    }
    return found;
  }

  /** What the catalogue says of a call, as far as the counted tags go. */
  private enum Named {
    /** Not named: its body decides. */
    NOT_NAMED,
    /** Named with a counted round trip (latency, a channel): it may wait. */
    COUNTED,
    /** Named as an await only, and awaits count: it may wait on what was started where it runs. */
    AWAITED,
    /** Named, and only with tags not counted (a lock, a pause): it never waits here. */
    NOT_COUNTED
  }

  /**
   * Whether a catalogue entry may match the call, and with what: entries of its name whose owner is
   * the receiver's type, the method's owner, or a supertype of either (the catalogue matches
   * supertypes too). A call the catalogue matches is never followed into a body.
   */
  private Named catalogued(MethodSymbol method, ClassSymbol owner, Type receiver) {
    String name = method.name.toString();
    Set<String> owners = catalogueOwners(method);
    if (owners.isEmpty() || !matches(owners, method, owner, receiver)) {
      return Named.NOT_NAMED;
    }
    Set<String> trips =
        roundTripOwners.computeIfAbsent(name, n -> catalogue.ownersOf(n, roundTrips));
    if (!trips.isEmpty() && matches(trips, method, owner, receiver)) {
      return Named.COUNTED;
    }
    Set<String> awaited = awaitOwners.computeIfAbsent(name, n -> catalogue.ownersOf(n, awaits));
    return !awaited.isEmpty() && matches(awaited, method, owner, receiver)
        ? Named.AWAITED
        : Named.NOT_COUNTED;
  }

  /**
   * Whether what an await awaits may have been started where the summaries judge the call: they
   * count an await only on a receiver made in their scope ({@code CallJudge.startedInScope}: made
   * by a call or a {@code new}, or a local holding one), never on a field, a parameter, {@code
   * this} or a field of one of those ({@code Receivers}). Caffeine's {@code Async.isReady(future)}
   * joins its parameter after {@code isDone()}: asked as "may wait", it made a third of its methods
   * pass this test for nothing. Anything else (a local, a call's result, an array element, a method
   * reference's items) may be.
   */
  private boolean mayAwaitWorkStartedHere(Tree call) {
    if (!(call instanceof MethodInvocationTree invocation)) {
      return true; // a method reference: it awaits the items it is handed
    }
    if (!(invocation.getMethodSelect() instanceof MemberSelectTree select)) {
      return false; // this: a future awaiting itself
    }
    return mayBeStartedHere(select.getExpression(), 0);
  }

  private boolean mayBeStartedHere(ExpressionTree receiver, int depth) {
    ExpressionTree on = Trees2.unwrap(receiver);
    if (depth > MAX_RECEIVER_DEPTH) {
      return true;
    }
    if (on instanceof MethodInvocationTree producer) {
      return !retrieves(producer); // futures.get(i), getFuture(): handed out, started elsewhere
    }
    if (on instanceof IdentifierTree id) {
      if (isThis(id.getName())) {
        return false;
      }
      Symbol symbol = ASTHelpers.getSymbol(id);
      if (symbol instanceof VarSymbol v && locals.containsKey(v)) {
        // What the local was made with; declared without a value (assigned later), the summaries
        // take it as unknown (Receivers) and count no await on it.
        ExpressionTree value = locals.get(v);
        return value != null && mayBeStartedHere(value, depth + 1);
      }
      return !(symbol instanceof VarSymbol v && storedElsewhere(v))
          && !(symbol instanceof TypeSymbol);
    }
    if (on instanceof MemberSelectTree select) {
      Symbol symbol = ASTHelpers.getSymbol(select);
      if (symbol instanceof TypeSymbol || symbol instanceof Symbol.PackageSymbol) {
        return false;
      }
      ExpressionTree base = Trees2.unwrap(select.getExpression());
      if ((base instanceof IdentifierTree id && isThis(id.getName()))
          || (base instanceof MemberSelectTree outer && isThis(outer.getIdentifier()))
          || ASTHelpers.getSymbol(base) instanceof TypeSymbol) {
        return false; // this.f, Outer.this.f, Type.f: a field
      }
      return mayBeStartedHere(base, depth + 1); // a field of something made here is made here
    }
    return true;
  }

  /** As deep as {@code Receivers} follows a receiver. */
  private static final int MAX_RECEIVER_DEPTH = 8;

  /**
   * A call the summaries take to hand out what exists ({@link CallJudge#isRetrievalName}: the name
   * part of their test): an await on its result waits for work started elsewhere.
   */
  private static boolean retrieves(MethodInvocationTree call) {
    // The selector's symbol: getSymbol(call) throws on a call that did not resolve.
    Symbol method = ASTHelpers.getSymbol(call.getMethodSelect());
    return method != null && CallJudge.isRetrievalName(method.getSimpleName().toString());
  }

  /** A field or a parameter: a value the scope did not make. */
  private static boolean storedElsewhere(VarSymbol v) {
    return switch (v.getKind()) {
      case FIELD, ENUM_CONSTANT, PARAMETER -> true;
      default -> false;
    };
  }

  /**
   * Whether an entry of one of {@code owners} may match: the owner's or the receiver's supertypes,
   * or a name the catalogue's own match adds ({@link JavacNames#matchOwners}: a protobuf-generated
   * {@code BlockingInterface} is known by its service's name).
   */
  private boolean matches(
      Set<String> owners, MethodSymbol method, ClassSymbol owner, Type receiver) {
    if (reaches(owner.type, owners) || (receiver != null && reaches(receiver, owners))) {
      return true;
    }
    // The supertypes cover every other name the catalogue's match adds; asking it of every call
    // (its overridden methods) cost SerialFanOut 0.06 s on jackson-databind.
    if (!owner.getSimpleName().contentEquals(GeneratedStubs.BLOCKING_INTERFACE)) {
      return false;
    }
    try {
      return !Collections.disjoint(facts.names().matchOwners(method, receiver), owners);
    } catch (RuntimeException e) {
      return true; // javac could not complete a type: anything
    }
  }

  /**
   * Whether a type is one of {@code owners} (owners of catalogue entries) or a subtype of one.
   * Every call asks, and with the catalogue's {@code *} entries, of nearly every name: so each
   * class's supertypes among all the catalogue's owners are kept (for nearly every class, none).
   */
  private boolean reaches(Type type, Set<String> owners) {
    Set<String> named = namedSupertypes(type);
    return named == null || (!named.isEmpty() && !Collections.disjoint(named, owners));
  }

  /** A type's supertypes (itself included) that own catalogue entries; null: incomplete. */
  private Set<String> namedSupertypes(Type type) {
    if (type.tsym == null) {
      return null;
    }
    Set<String> named = namedSupertypes.get(type.tsym);
    if (named == null) {
      try {
        // Compared as javac's names, not strings: a class's every supertype's name made a string
        // was most of this test's cost.
        Set<String> found = new HashSet<>();
        for (Type t : types.closure(type.tsym.type)) {
          com.sun.tools.javac.util.Name name = t.tsym.getQualifiedName();
          if (ownerNames(name.table).contains(name)) {
            found.add(name.toString());
          }
        }
        named = found.isEmpty() ? Set.of() : Set.copyOf(found);
      } catch (RuntimeException e) {
        return null; // incomplete: asked again
      }
      namedSupertypes.put(type.tsym, named);
    }
    return named;
  }

  /** The catalogue's owners in the compilation's name table (its names are unique there). */
  private Set<com.sun.tools.javac.util.Name> ownerNames(com.sun.tools.javac.util.Name.Table table) {
    if (ownerNames == null) {
      ownerNames = new HashSet<>();
      for (String owner : allCatalogueOwners) {
        ownerNames.add(table.fromString(owner));
      }
    }
    return ownerNames;
  }

  private Set<com.sun.tools.javac.util.Name> ownerNames;

  private final IdentityHashMap<TypeSymbol, Set<String>> namedSupertypes = new IdentityHashMap<>();

  /**
   * The qualified names of a type and its supertypes, kept per class (every call on a type asks);
   * null when javac cannot complete them.
   */
  private Set<String> supertypeNames(Type type) {
    if (type.tsym == null) {
      return null;
    }
    return supertypes.computeIfAbsent(
        type.tsym,
        s -> {
          try {
            Set<String> names = new HashSet<>();
            for (Type t : types.closure(s.type)) {
              names.add(t.tsym.getQualifiedName().toString());
            }
            return names;
          } catch (RuntimeException e) {
            return null; // not kept: computeIfAbsent stores no null, and asks again
          }
        });
  }

  private static boolean overridable(MethodSymbol method, ClassSymbol owner) {
    return !method.isConstructor()
        && (method.flags() & (Flags.STATIC | Flags.PRIVATE | Flags.FINAL)) == 0
        && (owner.flags() & Flags.FINAL) == 0
        && !owner.isAnonymous();
  }

  /** Packages of data types: collections, strings, streams, dates, numbers, buffers, locks. */
  private static final Set<String> DATA_PACKAGES =
      Set.of(
          "java.lang",
          "java.lang.annotation",
          "java.nio",
          "java.util.concurrent.locks",
          "java.util",
          "java.util.stream",
          "java.util.regex",
          "java.time",
          "java.text",
          "java.math",
          "java.lang.reflect",
          "java.lang.invoke");

  /** Whether an abstract method of a JDK type may be implemented by code that waits. */
  private boolean runsCode(ClassSymbol owner) {
    if (owner.isAnnotationType()) {
      return false; // an annotation's element: a value
    }
    String name = owner.getQualifiedName().toString();
    String pkg = enclosingPackage(owner).map(p -> p.getQualifiedName().toString()).orElse("");
    if (DATA_PACKAGES.contains(pkg)) {
      return name.equals("java.lang.Runnable") || name.equals("java.lang.AutoCloseable");
    }
    // A concurrent map or queue is a collection too (its blocking calls are catalogued).
    Set<String> names = supertypeNames(owner.type);
    return names == null || Collections.disjoint(names, DATA_TYPES); // incomplete: anything
  }

  /** Collections outside the data packages ({@code ConcurrentMap}, {@code BlockingQueue}). */
  private static final Set<String> DATA_TYPES = Set.of("java.util.Map", "java.util.Collection");

  /** A class of the JDK: in a system module, or in a {@code java.*} package (only the JDK's). */
  private static boolean jdk(ClassSymbol owner) {
    String name = owner.getQualifiedName().toString();
    if (name.startsWith("java.")) {
      return true;
    }
    ModuleSymbol module = enclosingPackage(owner).map(p -> p.modle).orElse(null);
    if (module == null || module.isUnnamed() || module.isNoModule()) {
      return false;
    }
    String moduleName = module.getQualifiedName().toString();
    return moduleName.startsWith("java.") || moduleName.startsWith("jdk.");
  }
}
