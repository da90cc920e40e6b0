package dev.lockstep.analysis.facts;

/**
 * What a call is made on, relative to a scope (one loop iteration, or one method body). The rules
 * use it to tell a future started in this iteration from one started before the loop, and a stream
 * opened per item from one stream shared by all iterations.
 */
public enum ReceiverKind {
  /** {@code this}, {@code super}, or an implicit {@code this}. */
  THIS,
  /** A field, of this object or any other. */
  FIELD,
  /** A static method: there is no receiver. */
  STATIC,
  /** A parameter of the enclosing method. */
  PARAMETER,
  /** A local variable declared outside the scope (before the loop). */
  LOCAL,
  /** The loop's item, or something reached from it ({@code item.x}, {@code list.get(i)}). */
  LOOP_ITEM,
  /**
   * Created inside the scope: {@code new X()}, a call's result, or a local declared inside the
   * scope and initialised with one of those. {@link Receiver#producedBy()} names the creating call.
   */
  FRESH,
  /** The front end could not tell. Rules treat it as neither shared nor started here. */
  UNKNOWN;

  /** Whether every iteration (or every call of the method) sees the same object. */
  public boolean isShared() {
    return switch (this) {
      case THIS, FIELD, STATIC, PARAMETER, LOCAL -> true;
      case LOOP_ITEM, FRESH, UNKNOWN -> false;
    };
  }
}
