package dev.lockstep.checker;

import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreeScanner;
import dev.lockstep.analysis.body.Node;
import dev.lockstep.analysis.facts.Pipeline;
import dev.lockstep.analysis.finding.Checks;
import dev.lockstep.analysis.finding.Finding;
import dev.lockstep.analysis.read.PipelineReader;
import dev.lockstep.analysis.rules.PipelineVerdict;
import java.util.Optional;

/**
 * What {@link FakeConcurrency} and {@link OversizedWindow} share: read the pipeline a call sets up
 * ({@link PipelineReader}), let the analysis judge it ({@code EffectiveParallelismRule}), and
 * report the finding when it is the asking check's. Both checks judge the same pipeline the same
 * way; the summaries behind the judgement are computed once per compilation.
 */
final class PipelineMatcher {
  /**
   * {@code -Dlockstep.trace.pipelines=true}: one line on stderr per pipeline read and its verdict,
   * to measure on real code how many pipelines the checks see and why they are clean.
   */
  private static final boolean TRACE = Boolean.getBoolean("lockstep.trace.pipelines");

  private PipelineMatcher() {}

  private static void trace(Pipeline pipeline, PipelineVerdict verdict) {
    String outcome =
        verdict instanceof PipelineVerdict.Clean clean
            ? clean.reason() + " " + clean.detail()
            : "FLAGGED " + ((PipelineVerdict.Flagged) verdict).finding().check();
    System.err.println(
        "[lockstep-pipeline] "
            + pipeline.location().render()
            + " "
            + pipeline.kind()
            + " k="
            + pipeline.windowSource()
            + ":"
            + pipeline.windowText()
            + " -> "
            + outcome);
  }

  /**
   * OversizedWindow's fix: the literal that sizes the window, resized to the bottleneck's
   * parallelism — only when the window is created in the method that feeds it ({@code
   * BoundedWindow.of(8).forEach(...)}, a local pool). A field's pool may feed other pipelines that
   * do not share the bottleneck; the message says what to do, the fix does not guess.
   * FakeConcurrency offers no fix: each of its options (drop the pool, widen the resource, declare
   * the intent) is a design decision.
   */
  private static Optional<SuggestedFix> resize(
      Finding finding, Optional<Node> literal, VisitorState state) {
    if (!finding.check().equals(Checks.OVERSIZED_WINDOW)
        || finding.parallelism().isEmpty()
        || literal.isEmpty()) {
      return Optional.empty();
    }
    Tree tree = (Tree) literal.orElseThrow().src().tree();
    MethodTree method = state.findEnclosing(MethodTree.class);
    if (method == null || !contains(method, tree)) {
      return Optional.empty();
    }
    int p = finding.parallelism().orElseThrow().effective();
    return Optional.of(SuggestedFix.replace(tree, String.valueOf(p)));
  }

  @SuppressWarnings("ReferenceEquality") // the very tree, not an equal one
  private static boolean contains(Tree root, Tree target) {
    boolean[] found = {false};
    new TreeScanner<Void, Void>() {
      @Override
      public Void scan(Tree tree, Void unused) {
        if (tree == target) {
          found[0] = true;
        }
        return found[0] ? null : super.scan(tree, null);
      }
    }.scan(root, null);
    return found[0];
  }

  static Description match(
      BugChecker check,
      String checkName,
      ErrorProneLockstepConfig config,
      MethodInvocationTree tree,
      VisitorState state) {
    if (config.error().isPresent()) {
      return Description.NO_MATCH;
    }
    try {
      LockstepCompilation compilation = config.compilation(state);
      LockstepCompilation.JudgedPipeline judged = compilation.pipelines.get(tree);
      if (judged == null) {
        Optional<PipelineReader.ReadPipeline> read =
            compilation.facts.readPipeline(state.getPath());
        if (read.isEmpty()) {
          return Description.NO_MATCH;
        }
        judged =
            new LockstepCompilation.JudgedPipeline(
                read.orElseThrow(), compilation.parallelism.judge(read.orElseThrow().pipeline()));
        compilation.pipelines.put(tree, judged);
      }
      Pipeline pipeline = judged.read().pipeline();
      PipelineVerdict verdict = judged.verdict();
      if (TRACE && checkName.equals(Checks.FAKE_CONCURRENCY)) {
        trace(pipeline, verdict);
      }
      if (!(verdict instanceof PipelineVerdict.Flagged flagged)
          || !flagged.finding().check().equals(checkName)) {
        return Description.NO_MATCH;
      }
      Finding finding = flagged.finding();
      Description.Builder description = check.buildDescription(tree).setMessage(finding.message());
      resize(finding, judged.read().windowLiteral(), state).ifPresent(description::addFix);
      return description.build();
    } catch (RuntimeException | StackOverflowError e) {
      if (Boolean.getBoolean(SerialAwaitInLoop.STRICT_PROPERTY)) {
        throw e;
      }
      // Never crash javac, never report a finding we are not sure of.
      return Description.NO_MATCH;
    }
  }
}
