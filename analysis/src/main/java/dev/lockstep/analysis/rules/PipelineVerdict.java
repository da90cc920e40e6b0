package dev.lockstep.analysis.rules;

import static java.util.Objects.requireNonNull;

import dev.lockstep.analysis.finding.Finding;

/** The effective-parallelism rule's decision about one pipeline. */
public sealed interface PipelineVerdict {
  /** The pipeline's tasks serialize: {@code FakeConcurrency} or {@code OversizedWindow}. */
  record Flagged(Finding finding) implements PipelineVerdict {
    public Flagged {
      requireNonNull(finding, "finding");
    }
  }

  /** The pipeline is fine, or the analysis cannot tell; {@code detail} says why in words. */
  record Clean(Reason reason, String detail) implements PipelineVerdict {
    public Clean {
      requireNonNull(reason, "reason");
      requireNonNull(detail, "detail");
    }
  }

  /** Why a pipeline is not reported. */
  enum Reason {
    /** {@code @Sequential} on the enclosing method or type, or on the task's method. */
    SEQUENTIAL,
    /** {@code k = 1}: a single-thread executor confines the tasks; that is not a pretence. */
    CONFINED,
    /** No task reaches a lock every task shares, held across a wait. */
    NO_SERIALIZATION_POINT,
    /** The bottleneck admits at least {@code k} tasks. */
    WIDE_ENOUGH,
    /** The bottleneck admits more than one task and {@code k} is not known. */
    UNKNOWN_WINDOW
  }
}
