package dev.lockstep.analysis.summary;

import static java.util.Objects.requireNonNull;

import dev.lockstep.analysis.catalogue.Catalogue;
import dev.lockstep.analysis.catalogue.CatalogueEntry;
import dev.lockstep.analysis.catalogue.WaitTag;
import dev.lockstep.analysis.facts.Argument;
import dev.lockstep.analysis.facts.CallSite;
import dev.lockstep.analysis.facts.Mark;
import dev.lockstep.analysis.facts.Marks;
import dev.lockstep.analysis.facts.MethodRef;
import dev.lockstep.analysis.facts.Receiver;
import dev.lockstep.analysis.facts.ReceiverKind;
import java.util.Optional;

/**
 * Judges one call on its own, before any body is followed: is it a wait by itself (catalogue,
 * {@code @Blocking}), never a wait ({@code @NonBlocking}, a catalogue {@code none}, a deferred
 * lambda), or up to its body?
 *
 * <p>Precedence, most decisive first:
 *
 * <ol>
 *   <li>a call inside a lambda that is kept for later ({@link LambdaPolicy}) does not run here;
 *   <li>{@code @NonBlocking} on the method or its type: never a wait, and the body is not followed;
 *   <li>{@code @Blocking} on the method or its type: a wait, whatever the body;
 *   <li>the catalogue's most specific entry; an {@code await} entry counts only when the awaited
 *       work was started in the same scope ({@link #startedInScope(Receiver)});
 *   <li>otherwise the body decides (the summaries follow it when it is in the compilation).
 * </ol>
 *
 * <p>Independently, a call whose target, type or receiver field is a {@code @SerializedResource}
 * (or {@code @ResourceParallelism(1)}) is marked serialized: running callers in parallel would not
 * be faster.
 */
public final class CallJudge {
  private final Catalogue catalogue;

  public CallJudge(Catalogue catalogue) {
    this.catalogue = requireNonNull(catalogue, "catalogue");
  }

  /** What kind of call it is. */
  public enum Kind {
    /** Inside a lambda that does not run in the scope. */
    DEFERRED,
    /** Known not to wait. */
    NOT_A_WAIT,
    /** A wait by itself. */
    WAIT,
    /** Up to the body, if there is one. */
    FOLLOW
  }

  /**
   * The verdict on one call.
   *
   * @param kind what kind of call
   * @param tag for {@link Kind#WAIT}: the cost's kind; for others, the catalogue tag if any
   * @param label for {@link Kind#WAIT}: how diagnostics name the wait
   * @param serialized whether the target is a declared serialized resource
   * @param entry the catalogue entry that decided, if any
   */
  public record Verdict(
      Kind kind,
      Optional<WaitTag> tag,
      String label,
      boolean serialized,
      Optional<CatalogueEntry> entry) {
    public Verdict {
      requireNonNull(kind, "kind");
      requireNonNull(tag, "tag");
      requireNonNull(label, "label");
      requireNonNull(entry, "entry");
    }

    public boolean isWait() {
      return kind == Kind.WAIT;
    }
  }

  public Verdict judge(CallSite call) {
    Marks marks = call.allMarks();
    boolean serialized = isSerialized(marks);
    if (!LambdaPolicy.runsInScope(call)) {
      return new Verdict(Kind.DEFERRED, Optional.empty(), "", serialized, Optional.empty());
    }
    Marks declared = call.targetMarks().plus(call.ownerMarks());
    if (declared.has(Mark.NON_BLOCKING)) {
      return new Verdict(Kind.NOT_A_WAIT, Optional.empty(), "", serialized, Optional.empty());
    }
    if (declared.has(Mark.BLOCKING)) {
      return new Verdict(
          Kind.WAIT,
          Optional.of(WaitTag.LATENCY),
          call.target().displayName(),
          serialized,
          Optional.empty());
    }
    Optional<CatalogueEntry> entry = catalogue.match(call);
    if (entry.isPresent()) {
      CatalogueEntry e = entry.orElseThrow();
      String label = e.labelFor(call.target());
      return switch (e.tag()) {
        case NONE, LOCK ->
            new Verdict(Kind.NOT_A_WAIT, Optional.of(e.tag()), label, serialized, entry);
        case AWAIT ->
            new Verdict(
                startedInScope(call.receiver()) ? Kind.WAIT : Kind.NOT_A_WAIT,
                Optional.of(e.tag()),
                label,
                serialized,
                entry);
        case LATENCY, CHANNEL, PACING ->
            isLocalUrl(call)
                ? new Verdict(Kind.NOT_A_WAIT, Optional.of(e.tag()), label, serialized, entry)
                : new Verdict(Kind.WAIT, Optional.of(e.tag()), label, serialized, entry);
      };
    }
    return new Verdict(Kind.FOLLOW, Optional.empty(), "", serialized, Optional.empty());
  }

  /**
   * Whether an {@code await} call that counts as a wait ({@link #startedInScope}) waits for the
   * reply of a round trip: its receiver was returned by a catalogued asynchronous call ({@code
   * [async]}: {@code client.sendAsync(request, handler).join()}, {@code informer.start()} kept in a
   * local and awaited), possibly through the future's own conversions ({@code
   * toCompletableFuture()}).
   */
  public boolean awaitsReply(CallSite call) {
    return call.receiver().producers().stream().anyMatch(catalogue::startsRoundTrip);
  }

  /**
   * Whether what an {@code await} call waits for was started in the same scope: a receiver created
   * here by a call that starts work ({@code pool.submit(task)}, {@code supplyAsync(...)}, {@code
   * rpc.call(x)}, {@code builder.start()}, {@code new CountDownLatch(1)}), not one retrieved from a
   * collection ({@code futures.get(i)}), reached from the loop's item ({@code job.future()}) or
   * taken from a result object made before the loop ({@code result.partitionResult(p)}, {@link
   * #isResultAccessor}): those were in flight before.
   */
  public static boolean startedInScope(Receiver receiver) {
    if (receiver.kind() != ReceiverKind.FRESH) {
      return false;
    }
    if (receiver.root() == ReceiverKind.LOOP_ITEM || receiver.root() == ReceiverKind.UNKNOWN) {
      return false;
    }
    if (receiver.producerOn().isShared()
        && receiver.producedBy().map(CallJudge::isResultAccessor).orElse(false)) {
      return false; // result.partitionResult(p): started by the call that returned 'result'
    }
    return receiver.producedBy().map(p -> !isRetrieval(p)).orElse(true);
  }

  /**
   * A method of a result object ({@code ListOffsetsResult.partitionResult}, {@code
   * DescribeConfigsResult.values}): the batched call that returned the object started the work; its
   * futures only hand out parts of it.
   */
  static boolean isResultAccessor(MethodRef producer) {
    String owner = producer.simpleOwner();
    return owner.endsWith("Result")
        || owner.endsWith("Results")
        || owner.endsWith("Response")
        || owner.endsWith("Responses");
  }

  /**
   * A URL read that stays on this machine: the URL (or its connection) comes from a classpath
   * lookup ({@code getClass().getResource(name)}), a file ({@code path.toUri().toURL()}) or a
   * {@code jar:}/{@code file:} URL ({@link dev.lockstep.analysis.read.UrlOrigins}).
   */
  static boolean isLocalUrl(CallSite call) {
    return call.receiverOrigin().kind() == Argument.Kind.LOCAL_URL;
  }

  /**
   * A call that hands out something that already exists: a collection or queue accessor, a getter.
   */
  static boolean isRetrieval(MethodRef producer) {
    String owner = producer.owner();
    if (owner.startsWith("java.util.") && !owner.startsWith("java.util.concurrent.")) {
      return true; // collections, iterators, Optional
    }
    if (owner.startsWith("java.util.concurrent.")
        && (owner.contains("Queue")
            || owner.contains("Deque")
            || owner.contains("Map")
            || owner.contains("Set")
            || owner.contains("CopyOnWrite")
            || owner.contains("CompletionService"))) {
      return true; // concurrent collections; a CompletionService hands out completed futures
    }
    return isRetrievalName(producer.name());
  }

  /**
   * Whether a method's name says it hands out what exists ({@code next}, {@code get…}, {@code
   * poll…}, {@code peek…}, {@code take}, {@code remove…}): the part of {@link #isRetrieval} a front
   * end can test on the name alone (the plugin's pre-test does).
   */
  public static boolean isRetrievalName(String name) {
    return name.equals("next")
        || name.startsWith("get")
        || name.startsWith("poll")
        || name.startsWith("peek")
        || name.equals("take")
        || name.startsWith("remove");
  }

  private static boolean isSerialized(Marks marks) {
    return marks.has(Mark.SERIALIZED_RESOURCE)
        || (marks.has(Mark.RESOURCE_PARALLELISM) && marks.parallelism() == 1);
  }
}
