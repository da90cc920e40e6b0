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
 * @param onlyWhileUnset whether every write sits under a test that the variable is still {@code
 *     null} ({@code if (eta == null) eta = measure(...)}): set once, then only read — the first
 *     iteration's value, not one iteration's result handed to the next
 */
public record OuterWrite(
    String name,
    boolean field,
    boolean readInBody,
    boolean writtenBeforeRead,
    boolean reductionOnly,
    boolean onlyWhileUnset) {
  public OuterWrite {
    requireNonNull(name, "name");
  }

  public OuterWrite(
      String name,
      boolean field,
      boolean readInBody,
      boolean writtenBeforeRead,
      boolean reductionOnly) {
    this(name, field, readInBody, writtenBeforeRead, reductionOnly, false);
  }
}
