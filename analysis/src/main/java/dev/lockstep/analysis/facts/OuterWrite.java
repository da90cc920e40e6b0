package dev.lockstep.analysis.facts;

import static java.util.Objects.requireNonNull;

/**
 * A variable declared outside a loop (a local or a field) that the loop body assigns.
 *
 * @param name the variable's name ({@code cursor}, {@code this.state})
 * @param field whether it is a field
 * @param readInBody whether the body reads it anywhere other than as the target of a reduction
 * @param writtenBeforeRead whether the first access in each iteration is an unconditional plain
 *     assignment in the body's top-level statements, so no iteration sees the previous one's value
 * @param reductionOnly whether every access is a reduction: {@code total += x}, {@code n++}, {@code
 *     total = total + x}. Reductions do not make iterations depend on each other.
 */
public record OuterWrite(
    String name,
    boolean field,
    boolean readInBody,
    boolean writtenBeforeRead,
    boolean reductionOnly) {
  public OuterWrite {
    requireNonNull(name, "name");
  }
}
