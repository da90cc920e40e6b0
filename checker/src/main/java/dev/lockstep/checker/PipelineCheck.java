package dev.lockstep.checker;

import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.CompilationUnitTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodInvocationTree;

/**
 * What {@link FakeConcurrency} and {@link OversizedWindow} share: they read the same pipelines and
 * report the verdicts that are theirs ({@link PipelineMatcher}); only the name, the summary and the
 * link differ.
 */
abstract class PipelineCheck extends BugChecker
    implements MethodInvocationTreeMatcher, CompilationUnitTreeMatcher {
  private static final long serialVersionUID = 1L;

  private final String name;
  private final transient ErrorProneLockstepConfig config;

  PipelineCheck(String name, ErrorProneFlags flags) {
    this.name = name;
    this.config = ErrorProneLockstepConfig.forParallelism(flags, name);
  }

  @Override
  public final Description matchCompilationUnit(CompilationUnitTree tree, VisitorState state) {
    return LockstepCompilation.reportConfigError(name, config, tree, state);
  }

  @Override
  public final Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
    return PipelineMatcher.match(this, name, config, tree, state);
  }
}
