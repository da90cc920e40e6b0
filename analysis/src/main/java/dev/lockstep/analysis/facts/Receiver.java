package dev.lockstep.analysis.facts;

import static java.util.Objects.requireNonNull;

import java.util.List;
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
 * @param producerOn for {@link ReceiverKind#FRESH}: the kind of what the creating call was made on
 *     ({@code LOCAL} for {@code result.partitionResult(p)} with {@code result} from before the
 *     loop, {@code FRESH} for {@code admin.listOffsets(x).partitionResult(p)}); else {@code root}
 * @param producers for {@link ReceiverKind#FRESH}: the calls of the creating chain, first first
 *     ({@code Object#getClass()}, {@code Class#getResource(String)} for {@code
 *     getClass().getResource(name).openStream()}); else empty
 */
public record Receiver(
    ReceiverKind kind,
    String name,
    String type,
    Optional<MethodRef> producedBy,
    ReceiverKind root,
    ReceiverKind producerOn,
    List<MethodRef> producers) {
  public Receiver {
    requireNonNull(kind, "kind");
    requireNonNull(name, "name");
    requireNonNull(type, "type");
    requireNonNull(producedBy, "producedBy");
    requireNonNull(root, "root");
    requireNonNull(producerOn, "producerOn");
    producers = List.copyOf(producers);
  }

  public Receiver(
      ReceiverKind kind,
      String name,
      String type,
      Optional<MethodRef> producedBy,
      ReceiverKind root) {
    this(kind, name, type, producedBy, root, root, producedBy.stream().toList());
  }

  /** This receiver under another name (a local initialised with it, a field of it). */
  public Receiver named(ReceiverKind newKind, String newName, String newType) {
    return new Receiver(newKind, newName, newType, producedBy, root, producerOn, producers);
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
