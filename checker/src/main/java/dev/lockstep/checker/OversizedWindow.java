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
 * Flags pipelines whose window {@code k} is larger than the parallelism {@code p > 1} of a
 * serialization point every task reaches ({@code @ResourceParallelism(p)}, a {@code Semaphore(p)},
 * an executor of {@code p} threads waited on): {@code k − p} workers wait at any time.
 *
 * <p>This class only reads javac trees into facts (through {@link JavacFacts} and the shared
 * readers {@code PipelineReader} and {@code LockRegionReader}); what is shared, what serializes and
 * what is intended is decided by {@link EffectiveParallelismRule}. The check never crashes javac:
 * any {@link RuntimeException} in the analysis means "no finding" (set the system property {@code
 * lockstep.strict} to rethrow, as the tests do).
 */
@AutoService(BugChecker.class)
@BugPattern(
    summary = Checks.OVERSIZED_WINDOW_SUMMARY,
    link = Checks.OVERSIZED_WINDOW_LINK,
    linkType = CUSTOM,
    severity = WARNING,
    tags = StandardTags.PERFORMANCE)
public final class OversizedWindow extends PipelineCheck {
  private static final long serialVersionUID = 1L;

  /** With the default options; for tools that instantiate checks reflectively. */
  public OversizedWindow() {
    this(ErrorProneFlags.empty());
  }

  @Inject
  OversizedWindow(ErrorProneFlags flags) {
    super(Checks.OVERSIZED_WINDOW, flags);
  }
}
