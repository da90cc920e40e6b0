package dev.lockstep.classfiles;

import static java.util.Objects.requireNonNull;

import dev.lockstep.analysis.catalogue.WaitTag;
import dev.lockstep.analysis.facts.MethodRef;
import java.util.Set;

/**
 * A question a front end asks of a library method before it lowers code that calls it: may a call
 * of {@code method} wait with one of {@code tags}, its chain followed {@code depth} calls down? The
 * answer depends only on library bodies, the catalogue and the depth, so it is kept with the
 * library facts of the class path (ADR 0019, {@link ClassFileFacts#mayWait}).
 */
public record MayWaitQuestion(MethodRef method, Set<WaitTag> tags, int depth) {
  public MayWaitQuestion {
    requireNonNull(method, "method");
    tags = Set.copyOf(tags);
  }
}
