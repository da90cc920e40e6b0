package dev.lockstep.checker;

import static com.google.errorprone.BugPattern.LinkType.CUSTOM;
import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.BugPattern.StandardTags;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.bugpatterns.BugChecker;
import dev.lockstep.analysis.facts.FanOut;
import dev.lockstep.analysis.finding.Checks;
import dev.lockstep.analysis.finding.Finding;
import java.util.Optional;
import javax.inject.Inject;

/**
 * Flags a parallel stream or an async task without an executor whose task waits on a round trip in
 * the common ForkJoinPool. Reads the fan-out a call starts ({@link FanOutCheck}); what is reported
 * is the analysis' decision ({@code dev.lockstep.analysis.rules.BlockingOnCommonPoolRule}).
 */
@AutoService(BugChecker.class)
@BugPattern(
    summary = Checks.BLOCKING_ON_COMMON_POOL_SUMMARY,
    link = Checks.BLOCKING_ON_COMMON_POOL_LINK,
    linkType = CUSTOM,
    severity = WARNING,
    tags = StandardTags.PERFORMANCE)
public final class BlockingOnCommonPool extends FanOutCheck {
  private static final long serialVersionUID = 1L;

  /** With the default options; for tools that instantiate checks reflectively. */
  public BlockingOnCommonPool() {
    this(ErrorProneFlags.empty());
  }

  @Inject
  BlockingOnCommonPool(ErrorProneFlags flags) {
    super(Checks.BLOCKING_ON_COMMON_POOL, flags);
  }

  @Override
  Optional<Finding> judge(LockstepCompilation compilation, FanOut fanOut) {
    return compilation.blockingOnCommonPool.judge(fanOut);
  }
}
