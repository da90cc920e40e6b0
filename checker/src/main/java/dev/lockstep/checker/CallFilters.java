package dev.lockstep.checker;

import static dev.lockstep.checker.Trees2.symbol;

import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.util.Name;
import dev.lockstep.analysis.catalogue.Catalogue;
import dev.lockstep.analysis.facts.StreamShapes;
import dev.lockstep.analysis.read.FanOutReader;
import dev.lockstep.analysis.read.PipelineReader;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The cheap tests the fan-out and pipeline checks run on every call of a compilation before they
 * lower anything: whether the call may start a fan-out ({@link #mayStartFanOut}) or a pipeline
 * ({@link #mayStartPipeline}), on the method's name and owner, and for a method of the class around
 * the call, whether it may be a helper that starts threads. What they find of a method is kept in
 * one record per method ({@link Known}), and the last method's record is at hand: the four checks
 * ask of each call one after the other, and the probes of their separate maps were about half of
 * the 50 JFR samples these tests took on connect-runtime (memory loads, not work).
 *
 * <p>One instance per compilation. Not thread-safe.
 */
@SuppressWarnings("ReferenceEquality") // javac symbols are compared by identity
final class CallFilters {
  private final JavacNames names;
  private final JavacDeclarations declarations;

  CallFilters(JavacNames names, JavacDeclarations declarations) {
    this.names = names;
    this.declarations = declarations;
  }

  /** What the filters found of one method, each answer asked once. */
  private static final class Known {
    final StartName startName;

    /** {@link #mayStartRequest}'s answer for the catalogue {@link #requestFor}. */
    boolean request;

    /** The catalogue {@link #request} was found with; null: not asked yet. */
    Catalogue requestFor;

    /**
     * Not a helper of a class of the sources that calls a start (a library's method, a constructor,
     * an abstract one, or one of a class none of whose code calls a start).
     */
    boolean notHelper;

    /** Whether its body calls a start ({@link #startsThreads} at depth 1); null: not asked. */
    Boolean callsStart;

    /** {@link #startsThreads} at depth 2; null: not asked. */
    Boolean startsThreads;

    Known(StartName startName) {
      this.startName = startName;
    }
  }

  private final IdentityHashMap<MethodSymbol, Known> known = new IdentityHashMap<>();
  private MethodSymbol lastMethod;
  private Known lastKnown;

  private Known of(MethodSymbol method) {
    if (method == lastMethod) {
      return lastKnown;
    }
    Known k = known.get(method);
    if (k == null) {
      k = new Known(startName(method));
      known.put(method, k);
    }
    lastMethod = method;
    lastKnown = k;
    return k;
  }

  /**
   * Whether the call may start a fan-out, by its name and owner: the cheap filter the fan-out
   * checks run on every call before {@link JavacFacts#readFanOut}.
   */
  boolean mayStartFanOut(MethodInvocationTree call, Catalogue catalogue) {
    if (!(symbol(call.getMethodSelect()) instanceof MethodSymbol method)) {
      return false;
    }
    Known k = of(method);
    boolean byName =
        switch (k.startName) {
          // A stream's step starts no fan-out but a parallel stream's (or a catalogued request).
          case STREAM_STEP -> hasParallelStep(call);
          case PIPELINE_START, FAN_OUT_START -> true;
          case NONE -> false;
        };
    return byName || mayStartRequest(method, k, catalogue);
  }

  /**
   * Whether the call may set up a pipeline: its name and owner ({@link #byName}), or a helper of
   * the class around it ({@link #mayBeHelper}).
   */
  boolean mayStartPipeline(TreePath path, MethodInvocationTree call, MethodSymbol method) {
    Known k = of(method);
    return byName(call, k) || mayBeHelper(path, method, k);
  }

  /**
   * {@link PipelineReader#mayStart} without naming the owner on every call: erasing and naming the
   * declaring type of each call was a quarter of UnboundedFanOut's and BlockingOnCommonPool's cost.
   * Only a candidate's name, or a call of a {@code java.util.stream} type (no other package starts
   * with that name) at the end of a chain with a parallel step, may start a pipeline: the reader
   * reads a stream only then ({@link #hasParallelStep}).
   */
  private static boolean byName(MethodInvocationTree call, Known k) {
    return switch (k.startName) {
      case STREAM_STEP -> hasParallelStep(call);
      case PIPELINE_START -> true;
      case FAN_OUT_START, NONE -> false;
    };
  }

  /**
   * What a method alone tells the filters, before the call's chain or the catalogue is asked. The
   * filters ask of every call of a compilation, and naming the method and its package each time was
   * most of their cost: so it is kept per method.
   */
  private enum StartName {
    /**
     * A method of a {@code java.util.stream} type: a start only on a chain with a parallel step.
     */
    STREAM_STEP,
    /** Named like a pipeline's start ({@link PipelineReader#mayStart}), and a fan-out's. */
    PIPELINE_START,
    /** Named like a fan-out's start only ({@link FanOutReader#mayStart}: an {@code ...Async}). */
    FAN_OUT_START,
    /** Neither, or a {@link #startsNothingByName} method. */
    NONE
  }

  private static StartName startName(MethodSymbol method) {
    String name = method.name.toString();
    if (ofStreamPackage(method)) {
      return StartName.STREAM_STEP;
    }
    if (!FanOutReader.mayStart(name) || startsNothingByName(method)) {
      return StartName.NONE;
    }
    return PipelineReader.mayStart("", name) ? StartName.PIPELINE_START : StartName.FAN_OUT_START;
  }

  /**
   * A method of {@code java.util} or {@code java.lang}, but not a thread's: named like a start
   * ({@code List.forEach}, {@code Map.forEach}, {@code Optional.map}, {@code Collection.stream}),
   * it starts nothing the readers know of. PipelineReader starts a pipeline only on an executor, a
   * thread, a window, a parallel stream or a {@code CompletableFuture}; FanOutReader besides only
   * on a thread, an HTTP client, a body of the sources or a catalogued request (which the fan-out
   * filter asks of every call). On connect-runtime such calls were most of what the filters let
   * through to be lowered and read.
   */
  private static boolean startsNothingByName(MethodSymbol method) {
    Name pkg = ASTHelpers.enclosingPackage(method.owner).map(p -> p.fullname).orElse(null);
    return pkg != null
        && (pkg.contentEquals("java.util")
            || (pkg.contentEquals("java.lang")
                && !method.owner.outermostClass().getSimpleName().contentEquals("Thread")));
  }

  private static boolean ofStreamPackage(MethodSymbol method) {
    return ASTHelpers.enclosingPackage(method.owner)
        .map(p -> p.getQualifiedName().contentEquals(STREAM_PACKAGE))
        .orElse(false);
  }

  /**
   * Whether a call on the chain that ends at {@code call} is named {@code parallel} or {@code
   * parallelStream}: the receivers PipelineReader walks to find a parallel stream, by name, before
   * anything is lowered. A sequential chain's steps (and its lambdas) were most of what the fan-out
   * checks lowered on connect-runtime.
   */
  private static boolean hasParallelStep(MethodInvocationTree call) {
    ExpressionTree current = call;
    for (int guard = 0; guard < PipelineReader.MAX_CHAIN; guard++) {
      if (!(Trees2.unwrap(current) instanceof MethodInvocationTree step)
          || !(step.getMethodSelect() instanceof MemberSelectTree select)) {
        return false;
      }
      if (StreamShapes.PARALLEL.contains(select.getIdentifier().toString())) {
        return true;
      }
      current = select.getExpression();
    }
    return false;
  }

  private static final String STREAM_PACKAGE = "java.util.stream";

  /**
   * Whether the call may be a catalogued request that returns at once: its name is one of the
   * {@code [async]}/{@code [callback]} entries' (a set lookup) and its declaring type is, or
   * extends, one of their owners (the type's supertype names, kept per type). {@code exists},
   * {@code create} and {@code delete} are common names; only those on a ZooKeeper get further.
   */
  private boolean mayStartRequest(MethodSymbol method, Known k, Catalogue catalogue) {
    if (k.requestFor
        != catalogue) { // one catalogue per compilation, unless checks are given others
      String name = method.name.toString();
      boolean request;
      if (!catalogue.mayStartRequest(name)) {
        request = false;
      } else {
        try {
          request =
              !Collections.disjoint(
                  names.closure(method.owner.type), catalogue.requestOwnersOf(name));
        } catch (RuntimeException e) {
          request = true; // javac could not complete a type: let the reader decide
        }
      }
      k.request = request;
      k.requestFor = catalogue;
    }
    return k.request;
  }

  /**
   * Whether the call may be to a helper of the class around it that starts a thread per call
   * ({@code PipelineReader} reads its body): a method of that very class, not abstract, not a
   * constructor, whose body calls a {@code start} or {@code startVirtualThread}, or calls a method
   * of the class that does (the reader follows helpers two calls deep). Only a cheap filter, on
   * names; the shared reader decides. Without the last test every call of a class's own method was
   * lowered and read (FakeConcurrency 0.03 s → 0.21 s on jackson-databind). The reader starts a
   * pipeline through a helper only per item, so a call in no loop and no lambda of its method is
   * none: on connect-runtime the scans for starts were half of PipelineCheck's time.
   */
  private boolean mayBeHelper(TreePath path, MethodSymbol method, Known k) {
    if (k.notHelper) {
      return false;
    }
    // Most calls are of a library's method, never one of the class around them (a source's):
    // told by a flag, not by the walk up to that class. A class known to call no start has none.
    if ((method.owner.flags_field & Flags.FROM_SOURCE) == 0
        || method.isConstructor()
        || (method.flags() & Flags.ABSTRACT) != 0
        || Boolean.FALSE.equals(classCallsStart.get(method.owner))) {
      k.notHelper = true;
      return false;
    }
    boolean perItem = false;
    for (TreePath p = path; p != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      perItem |= Trees2.loopOrLambda(leaf);
      if (leaf instanceof ClassTree c) {
        if (!perItem || !method.owner.equals(symbol(c))) {
          return false;
        }
        // A class none of whose code calls a start has no helper that does: one scan of the
        // class instead of two of each method called (PipelineCheck 0.05 s on jackson-databind).
        if (!classCallsStart.computeIfAbsent(method.owner, o -> CallsNamed.in(c, START_NAMES))) {
          k.notHelper = true;
          return false;
        }
        if (k.startsThreads == null) {
          k.startsThreads = startsThreads(method, 2);
        }
        return k.startsThreads;
      }
    }
    return false;
  }

  private static final NameSet START_NAMES = new NameSet(Set.of("start", "startVirtualThread"));

  /** Per class: whether its tree (nested classes included) calls a {@code start} anywhere. */
  private final Map<Symbol, Boolean> classCallsStart = new HashMap<>();

  /**
   * Whether the method's body calls a {@code start}, or, within {@code depth} bodies, a method of
   * its class does.
   */
  private boolean startsThreads(MethodSymbol method, int depth) {
    TreePath at = declarations.pathOf(method);
    if (at == null || !(at.getLeaf() instanceof MethodTree tree) || tree.getBody() == null) {
      return false;
    }
    Known k = known.computeIfAbsent(method, m -> new Known(startName(m)));
    if (k.callsStart == null) {
      k.callsStart = CallsNamed.in(tree.getBody(), START_NAMES);
    }
    if (k.callsStart || depth <= 1) {
      return k.callsStart;
    }
    for (MethodSymbol callee : ownCallees(tree.getBody(), method.owner)) {
      if (!callee.equals(method) && startsThreads(callee, depth - 1)) {
        return true;
      }
    }
    return false;
  }

  /** The methods of {@code owner} a body calls. */
  private static Set<MethodSymbol> ownCallees(Tree body, Symbol owner) {
    Set<MethodSymbol> callees = new HashSet<>();
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree node, Void unused) {
        if (symbol(node.getMethodSelect()) instanceof MethodSymbol m && m.owner.equals(owner)) {
          callees.add(m);
        }
        return super.visitMethodInvocation(node, null);
      }
    }.scan(body, null);
    return callees;
  }
}
