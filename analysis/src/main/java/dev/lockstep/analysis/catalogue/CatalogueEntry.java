package dev.lockstep.analysis.catalogue;

import static java.util.Objects.requireNonNull;

import dev.lockstep.analysis.facts.MethodRef;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One line of the catalogue.
 *
 * @param owner the type that declares (or inherits) the method; matched against every type in
 *     {@link dev.lockstep.analysis.facts.CallSite#matchOwners()}
 * @param exactReceiver written {@code =owner}: matches only when the receiver's static type is
 *     exactly {@code owner} ({@code =java.io.InputStream} catches {@code socket.getInputStream()
 *     .read()} but not a {@code ByteArrayInputStream})
 * @param name the method name, {@code <init>} for constructors, {@code prefix*} for a family, or
 *     {@code *} for every method except those of {@code Object}
 * @param params the erased parameter types, or empty for {@code *} (any)
 * @param tag the kind of cost
 * @param label how diagnostics name the call ({@code HttpClient.send})
 * @param source where the entry was read ({@code waits.tsv:12})
 * @param batch the client's call that does the work of many of these in one round trip ({@code
 *     Consumer.committed(Set)}), written {@code [batch: ...]} after the label; empty if none
 * @param unlessChained written {@code [unless: inBackground,async]}: the entry does not match when
 *     the call's receiver was built by a chain through a method of one of these names ({@code
 *     client.getData().inBackground(cb).forPath(p)} is not a wait, {@code
 *     client.getData().forPath(p)} is)
 * @param async written {@code [async]}: the call starts a round trip and returns a future of its
 *     reply at once ({@code HttpClient.sendAsync}); an await of that future in the same scope waits
 *     for the round trip ({@link dev.lockstep.analysis.summary.WaitChain#reply()})
 * @param callback written {@code [callback]}: the call starts a round trip and returns at once, and
 *     the reply comes to a callback argument ({@code zk.getData(path, false, cb, ctx)},
 *     BookKeeper's {@code bookieClient.readEntry(..., cb, ctx, flags)}); there is no future to
 *     await, so it is never a wait, but one started per item of an unbounded collection is an
 *     unbounded fan-out as a future per item is (ADR 0025)
 */
public record CatalogueEntry(
    String owner,
    boolean exactReceiver,
    String name,
    Optional<List<String>> params,
    WaitTag tag,
    String label,
    String source,
    Optional<String> batch,
    Set<String> unlessChained,
    boolean async,
    boolean callback,
    int serverParam) {
  private static final Set<String> OBJECT_METHODS =
      Set.of("equals", "hashCode", "toString", "getClass", "notify", "notifyAll", "wait", "clone");

  public CatalogueEntry {
    requireNonNull(owner, "owner");
    requireNonNull(name, "name");
    params = params.map(List::copyOf);
    requireNonNull(tag, "tag");
    requireNonNull(label, "label");
    requireNonNull(source, "source");
    requireNonNull(batch, "batch");
    unlessChained = Set.copyOf(unlessChained);
  }

  public CatalogueEntry(
      String owner,
      boolean exactReceiver,
      String name,
      Optional<List<String>> params,
      WaitTag tag,
      String label,
      String source) {
    this(
        owner,
        exactReceiver,
        name,
        params,
        tag,
        label,
        source,
        Optional.empty(),
        Set.of(),
        false,
        false,
        0);
  }

  /**
   * How specific the entry is: an exact name with parameters beats an exact name with {@code *},
   * beats a {@code prefix*} family, beats {@code *}.
   */
  int specificity() {
    if (name.equals("*")) {
      return 0;
    }
    if (name.endsWith("*")) {
      return 1;
    }
    return params.isPresent() ? 3 : 2;
  }

  boolean matchesName(MethodRef target) {
    return matchesName(target.name());
  }

  boolean matchesName(String method) {
    if (name.equals("*")) {
      return !method.equals(MethodRef.CONSTRUCTOR) && !OBJECT_METHODS.contains(method);
    }
    if (name.endsWith("*")) {
      return method.startsWith(name.substring(0, name.length() - 1));
    }
    return name.equals(method);
  }

  /** Whether the receiver's chain ({@code producers}) went through a call that rules this out. */
  boolean ruledOutBy(List<MethodRef> producers) {
    return !unlessChained.isEmpty()
        && producers.stream().anyMatch(p -> unlessChained.contains(p.name()));
  }

  boolean matchesParams(MethodRef target) {
    return params.map(p -> p.equals(target.paramTypes())).orElse(true);
  }

  /** The label for a call matched by this entry: families name the actual method. */
  public String labelFor(MethodRef target) {
    return name.endsWith("*") ? label + "." + target.name() : label;
  }
}
