package dev.lockstep.checker;

import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.tools.javac.util.JCDiagnostic;
import com.sun.tools.javac.util.Log;
import dev.lockstep.analysis.facts.Pipeline;
import dev.lockstep.analysis.rules.PipelineVerdict;
import java.util.Optional;

/**
 * What {@link FakeConcurrency} and {@link OversizedWindow} share: read the pipeline a call sets up
 * ({@link JavacConcurrency}), let the analysis judge it ({@code EffectiveParallelismRule}), and
 * report the finding when it is the asking check's. Both checks judge the same pipeline the same
 * way; the summaries behind the judgement are computed once per compilation.
 */
final class PipelineMatcher {
  private PipelineMatcher() {}

  /**
   * Reports a configuration error once per compilation, on the first file, as a javac error
   * whatever the check's severity (as {@link SerialAwaitInLoop} does): a flag or catalogue the user
   * wrote must not be silently ignored.
   */
  static Description configError(
      String checkName,
      ErrorProneLockstepConfig config,
      CompilationUnitTree tree,
      VisitorState state) {
    if (config.error().isEmpty()) {
      return Description.NO_MATCH;
    }
    LockstepCompilation compilation = LockstepCompilation.of(state, config.config());
    if (compilation.configErrorReported) {
      return Description.NO_MATCH;
    }
    compilation.configErrorReported = true;
    Log.instance(state.context)
        .error(
            (JCDiagnostic.DiagnosticPosition) tree,
            new JCDiagnostic.Error(
                "compiler",
                "proc.messager",
                "[" + checkName + "] " + config.error().orElseThrow()));
    return Description.NO_MATCH;
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
      LockstepCompilation compilation = LockstepCompilation.of(state, config.config());
      Optional<Pipeline> pipeline = compilation.facts.concurrency().readPipeline(state.getPath());
      if (pipeline.isEmpty()) {
        return Description.NO_MATCH;
      }
      PipelineVerdict verdict = compilation.parallelism.judge(pipeline.orElseThrow());
      if (verdict instanceof PipelineVerdict.Flagged flagged
          && flagged.finding().check().equals(checkName)) {
        return check.buildDescription(tree).setMessage(flagged.finding().message()).build();
      }
      return Description.NO_MATCH;
    } catch (RuntimeException | StackOverflowError e) {
      if (Boolean.getBoolean(SerialAwaitInLoop.STRICT_PROPERTY)) {
        throw e;
      }
      // Never crash javac, never report a finding we are not sure of.
      return Description.NO_MATCH;
    }
  }
}
