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
 * Flags a task, future or thread that waits, started per item with nothing bounding how many run at
 * once. Reads the fan-out a call starts ({@link FanOutCheck}); what is reported is the analysis'
 * decision ({@code dev.lockstep.analysis.rules.UnboundedFanOutRule}).
 */
@AutoService(BugChecker.class)
@BugPattern(
    summary = Checks.UNBOUNDED_FAN_OUT_SUMMARY,
    link = Checks.UNBOUNDED_FAN_OUT_LINK,
    linkType = CUSTOM,
    severity = WARNING,
    tags = StandardTags.PERFORMANCE)
public final class UnboundedFanOut extends FanOutCheck {
  private static final long serialVersionUID = 1L;

  /** With the default options; for tools that instantiate checks reflectively. */
  public UnboundedFanOut() {
    this(ErrorProneFlags.empty());
  }

  @Inject
  UnboundedFanOut(ErrorProneFlags flags) {
    super(Checks.UNBOUNDED_FAN_OUT, flags);
  }

  @Override
  Optional<Finding> judge(LockstepCompilation compilation, FanOut fanOut) {
    return compilation.unboundedFanOut.judge(fanOut);
  }
}
