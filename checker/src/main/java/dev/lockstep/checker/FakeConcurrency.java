package dev.lockstep.checker;

import static com.google.errorprone.BugPattern.LinkType.CUSTOM;
import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.BugPattern.StandardTags;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.bugpatterns.BugChecker;
import dev.lockstep.analysis.finding.Checks;
import dev.lockstep.analysis.rules.EffectiveParallelismRule;
import javax.inject.Inject;

/**
 * Flags pipelines (an executor, {@code BoundedWindow}, a parallel stream, async futures) whose
 * every task reaches one serialization point shared by all tasks — a lock held across a wait, a
 * {@code @SerializedResource} — so that {@code k} workers make progress one at a time: effective
 * parallelism 1.
 *
 * <p>This class only reads javac trees into facts (through {@link JavacFacts} and the shared
 * readers {@code PipelineReader} and {@code LockRegionReader}); what is shared, what serializes and
 * what is intended is decided by {@link EffectiveParallelismRule}. The check never crashes javac:
 * any {@link RuntimeException} in the analysis means "no finding" (set the system property {@code
 * lockstep.strict} to rethrow, as the tests do).
 */
@AutoService(BugChecker.class)
@BugPattern(
    summary = Checks.FAKE_CONCURRENCY_SUMMARY,
    link = Checks.FAKE_CONCURRENCY_LINK,
    linkType = CUSTOM,
    severity = WARNING,
    tags = StandardTags.PERFORMANCE)
public final class FakeConcurrency extends PipelineCheck {
  private static final long serialVersionUID = 1L;

  /** With the default options; for tools that instantiate checks reflectively. */
  public FakeConcurrency() {
    this(ErrorProneFlags.empty());
  }

  @Inject
  FakeConcurrency(ErrorProneFlags flags) {
    super(Checks.FAKE_CONCURRENCY, flags);
  }
}
