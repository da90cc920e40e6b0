package dev.lockstep.checker;

import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.CompilationUnitTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodInvocationTree;
import dev.lockstep.analysis.facts.FanOut;
import dev.lockstep.analysis.finding.Finding;
import java.util.Optional;

/**
 * What {@link UnboundedFanOut} and {@link BlockingOnCommonPool} share: both read the work a call
 * starts ({@link JavacFacts#readFanOut}, once per call for both) and report what their rule
 * decides.
 */
abstract class FanOutCheck extends BugChecker
    implements MethodInvocationTreeMatcher, CompilationUnitTreeMatcher {
  private static final long serialVersionUID = 1L;

  private final String name;
  private final transient ErrorProneLockstepConfig config;

  FanOutCheck(String name, ErrorProneFlags flags) {
    this.name = name;
    this.config = ErrorProneLockstepConfig.forFanOut(flags, name);
  }

  /** The rule's finding on the fan-out, if it has one. */
  abstract Optional<Finding> judge(LockstepCompilation compilation, FanOut fanOut);

  @Override
  public final Description matchCompilationUnit(CompilationUnitTree tree, VisitorState state) {
    return LockstepCompilation.reportConfigError(name, config, tree, state);
  }

  @Override
  public final Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
    if (config.error().isPresent()) {
      return Description.NO_MATCH;
    }
    try {
      LockstepCompilation compilation = config.compilation(state);
      if (!compilation.facts.mayStartFanOut(tree, compilation.config.catalogue())) {
        return Description.NO_MATCH; // most calls: not kept, so the map stays small
      }
      Optional<FanOut> read = compilation.fanOuts.get(tree);
      if (read == null) {
        read = compilation.facts.readFanOut(state.getPath(), compilation.config.catalogue());
        compilation.fanOuts.put(tree, read);
      }
      if (read.isEmpty()) {
        return Description.NO_MATCH;
      }
      Optional<Finding> finding = judge(compilation, read.orElseThrow());
      if (finding.isEmpty()) {
        return Description.NO_MATCH;
      }
      return buildDescription(tree).setMessage(finding.orElseThrow().message()).build();
    } catch (RuntimeException | StackOverflowError e) {
      if (Boolean.getBoolean(SerialAwaitInLoop.STRICT_PROPERTY)) {
        throw e;
      }
      return Description.NO_MATCH; // never crash javac, never report a finding we are not sure of
    }
  }
}
