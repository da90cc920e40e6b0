package dev.lockstep.scanner.frontend;

import static java.util.Objects.requireNonNull;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import dev.lockstep.analysis.body.Node;
import dev.lockstep.analysis.facts.Pipeline;
import dev.lockstep.analysis.facts.PipelineCalls;
import dev.lockstep.analysis.facts.StreamShapes;
import dev.lockstep.analysis.read.PipelineReader;
import dev.lockstep.analysis.rules.EffectiveParallelismRule;
import dev.lockstep.analysis.rules.PipelineVerdict;
import dev.lockstep.analysis.summary.SerialPoint;
import dev.lockstep.analysis.summary.Summaries;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * {@code FakeConcurrency} and {@code OversizedWindow} in the scanner: reads every pipeline of a
 * file (syntactic candidates first, then the shared {@link PipelineReader}), lets {@link
 * EffectiveParallelismRule} judge it — the rule the checker runs, so the messages are the checker's
 * — and keeps what {@code lockstep doc} shows of each pipeline: its window and the parallelism its
 * tasks actually get.
 */
public final class PipelineScan {
  /**
   * One pipeline as the analysis sees it.
   *
   * @param pipeline the facts
   * @param window {@code k}, when known
   * @param effective {@code min(k, parallelism of every serialization point a task reaches)}; empty
   *     when neither {@code k} nor a bottleneck is known
   * @param bottleneck what limits it ({@code RelaySession.publish}), empty when nothing does
   * @param verdict the rule's decision, with the finding when it reports one
   * @param member the enclosing member ({@code test.Groups#publishAll})
   */
  public record Analysed(
      Pipeline pipeline,
      OptionalInt window,
      OptionalInt effective,
      String bottleneck,
      PipelineVerdict verdict,
      String member) {
    public Analysed {
      requireNonNull(pipeline, "pipeline");
      requireNonNull(window, "window");
      requireNonNull(effective, "effective");
      requireNonNull(bottleneck, "bottleneck");
      requireNonNull(verdict, "verdict");
      requireNonNull(member, "member");
    }
  }

  private final JavaParserFacts facts;
  private final JpNames names;
  private final Summaries summaries;
  private final EffectiveParallelismRule rule;
  private final List<Analysed> analysed = new ArrayList<>();
  private Boolean windowResolves;

  PipelineScan(JavaParserFacts facts, JpNames names, Summaries summaries, int cores) {
    this.facts = facts;
    this.names = names;
    this.summaries = summaries;
    this.rule = new EffectiveParallelismRule(summaries, cores);
  }

  /** The findings of one file's pipelines; remembers every pipeline for {@link #analysed()}. */
  List<FrontEnd.ScanFinding> scan(CompilationUnit unit) {
    List<FrontEnd.ScanFinding> findings = new ArrayList<>();
    for (MethodCallExpr call : candidates(unit)) {
      Optional<Pipeline> read = read(call);
      if (read.isEmpty()) {
        continue;
      }
      Pipeline pipeline = read.orElseThrow();
      PipelineVerdict verdict = rule.judge(pipeline);
      String member = FrontEnd.member(call);
      if (verdict instanceof PipelineVerdict.Flagged flagged
          && JavaParserFacts.suppressed(call, flagged.finding().check())) {
        verdict =
            new PipelineVerdict.Clean(
                PipelineVerdict.Reason.SEQUENTIAL,
                "@SuppressWarnings(\"" + flagged.finding().check() + "\")");
      }
      analysed.add(numbers(pipeline, verdict, member));
      if (verdict instanceof PipelineVerdict.Flagged flagged) {
        findings.add(new FrontEnd.ScanFinding(flagged.finding(), member, FrontEnd.snippet(call)));
      }
    }
    return findings;
  }

  /**
   * The calls the checker's matchers could read as a pipeline: one named like a hand-over, or one
   * whose chain says {@code parallel}/{@code parallelStream}. Syntax only, so that only these cost
   * a resolution, but for one question: {@code map}, {@code forEach} and {@code stream} are
   * everywhere, and are window operations only when {@code BoundedWindow} resolves at all.
   */
  List<MethodCallExpr> candidates(com.github.javaparser.ast.Node root) {
    if (windowResolves == null) {
      windowResolves = names.typeExists(PipelineCalls.BOUNDED_WINDOW);
    }
    List<MethodCallExpr> found = new ArrayList<>();
    Set<String> helpers = null;
    for (MethodCallExpr call : root.findAll(MethodCallExpr.class)) {
      String name = call.getNameAsString();
      boolean windowOp = PipelineCalls.WINDOW_OPS.contains(name);
      boolean handOver = PipelineCalls.CANDIDATES.contains(name) && !windowOp;
      if (handOver || (windowResolves && windowOp) || saysParallel(call)) {
        found.add(call);
        continue;
      }
      if (onThisOrStatic(call)) {
        if (helpers == null) {
          helpers = threadStartingMethods(root);
        }
        if (helpers.contains(name)) {
          found.add(call); // a helper that may start a thread per call (PipelineReader decides)
        }
      }
    }
    return found;
  }

  /** {@code m(x)}, {@code this.m(x)}, {@code Type.m(x)}: a call a helper of this class may take. */
  private static boolean onThisOrStatic(MethodCallExpr call) {
    Optional<Expression> scope = call.getScope();
    return scope.isEmpty()
        || (scope.get() instanceof ThisExpr t && t.getTypeName().isEmpty())
        || (scope.get() instanceof NameExpr n
            && !n.getNameAsString().isEmpty()
            && Character.isUpperCase(n.getNameAsString().charAt(0)));
  }

  /**
   * The names of the methods declared in the file whose body starts a thread ({@code start}, {@code
   * startVirtualThread}), or calls one that does: the helpers {@link PipelineReader} follows two
   * calls deep. Names only, a superset; syntax only, so that only calls to these cost a resolution.
   */
  private static Set<String> threadStartingMethods(com.github.javaparser.ast.Node root) {
    Map<String, Set<String>> calledBy = new HashMap<>();
    Set<String> starting = new HashSet<>();
    for (MethodDeclaration m : root.findAll(MethodDeclaration.class)) {
      if (m.getBody().isEmpty()) {
        continue;
      }
      for (MethodCallExpr c : m.getBody().orElseThrow().findAll(MethodCallExpr.class)) {
        String called = c.getNameAsString();
        if (called.equals("start") || called.equals("startVirtualThread")) {
          starting.add(m.getNameAsString());
        } else if (onThisOrStatic(c)) {
          calledBy.computeIfAbsent(called, k -> new HashSet<>()).add(m.getNameAsString());
        }
      }
    }
    Set<String> helpers = new HashSet<>(starting);
    for (String s : starting) {
      helpers.addAll(calledBy.getOrDefault(s, Set.of()));
    }
    return helpers;
  }

  private static boolean saysParallel(MethodCallExpr call) {
    for (Expression e = call;
        e instanceof MethodCallExpr c;
        e = c.getScope().map(Exprs::unwrap).orElse(null)) {
      if (StreamShapes.PARALLEL.contains(c.getNameAsString())) {
        return true;
      }
    }
    return false;
  }

  /**
   * The pipeline {@code call} sets up, read by the shared {@link PipelineReader} in the lowering of
   * the method around it; empty in an initialiser or a field, as in the checker.
   */
  private Optional<Pipeline> read(MethodCallExpr call) {
    CallableDeclaration<?> enclosing = JpNames.enclosingMethod(call);
    if (enclosing == null) {
      return Optional.empty();
    }
    JpLowering.Lowered method = facts.lowered(enclosing);
    if (!(method.of(call) instanceof Node.Call lowered) || method.root() == null) {
      return Optional.empty();
    }
    PipelineReader reader = facts.pipelines();
    return reader
        .read(lowered, () -> names.enclosing(enclosing, method.root()))
        .map(PipelineReader.ReadPipeline::pipeline);
  }

  private Analysed numbers(Pipeline pipeline, PipelineVerdict verdict, String member) {
    OptionalInt k = rule.window(pipeline);
    if (verdict instanceof PipelineVerdict.Flagged flagged
        && flagged.finding().parallelism().isPresent()) {
      var p = flagged.finding().parallelism().orElseThrow();
      return new Analysed(
          pipeline, k, OptionalInt.of(p.effective()), p.bottleneck(), verdict, member);
    }
    // Clean (intended, wide enough, no bottleneck): the same points the rule looked at.
    Optional<SerialPoint> limiting =
        summaries.taskPoints(pipeline.taskCalls(), pipeline.taskLocks()).stream()
            .min(java.util.Comparator.comparingInt(SerialPoint::parallelism));
    OptionalInt effective;
    if (limiting.isEmpty()) {
      effective = k;
    } else {
      int p = limiting.orElseThrow().parallelism();
      effective = OptionalInt.of(k.isPresent() ? Math.min(k.getAsInt(), p) : p);
    }
    return new Analysed(
        pipeline, k, effective, limiting.map(SerialPoint::holder).orElse(""), verdict, member);
  }

  /** Every pipeline read so far, in file order. */
  List<Analysed> analysed() {
    return List.copyOf(analysed);
  }
}
