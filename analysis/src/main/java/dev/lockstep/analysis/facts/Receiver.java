package dev.lockstep.analysis.facts;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * What a call is made on.
 *
 * @param kind the receiver's kind relative to the scope
 * @param name the variable or field name when the receiver is one ({@code client}, {@code in}),
 *     else empty
 * @param type the receiver expression's erased static type, empty for static calls and constructors
 * @param producedBy for {@link ReceiverKind#FRESH}: the call that created it ({@code
 *     ExecutorService#submit(...)} for {@code pool.submit(task).get()}), empty for {@code new} or
 *     when unknown
 * @param root for {@link ReceiverKind#FRESH}: the kind of the expression the creating chain started
 *     from ({@code FIELD} for {@code pool.submit(task)}, {@code LOOP_ITEM} for {@code
 *     url.openStream()} on the item, {@code FRESH} for {@code new Socket(...)}); else {@code kind}
 */
public record Receiver(
    ReceiverKind kind,
    String name,
    String type,
    Optional<MethodRef> producedBy,
    ReceiverKind root) {
  public Receiver {
    requireNonNull(kind, "kind");
    requireNonNull(name, "name");
    requireNonNull(type, "type");
    requireNonNull(producedBy, "producedBy");
    requireNonNull(root, "root");
  }

  /** A receiver that is not derived from anything else. */
  public static Receiver of(ReceiverKind kind, String name, String type) {
    return new Receiver(kind, name, type, Optional.empty(), kind);
  }

  /** A receiver created in the scope by {@code producedBy} (empty for {@code new}). */
  public static Receiver fresh(String type, Optional<MethodRef> producedBy, ReceiverKind root) {
    return new Receiver(ReceiverKind.FRESH, "", type, producedBy, root);
  }

  public static Receiver none() {
    return of(ReceiverKind.STATIC, "", "");
  }
}
