package dev.lockstep.analysis.facts;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Set;

/**
 * One call (or constructor call, or method reference) read off a method body or a loop body.
 *
 * @param target the resolved method
 * @param matchOwners every type the catalogue may know the call by: the declaring type, the types
 *     declaring a method it overrides, and the receiver's static type with all its supertypes. A
 *     call on {@code HttpsURLConnection} or a {@code Jedis} subclass matches entries for the base
 *     types through it.
 * @param receiver what the call is made on, relative to the scope the site was read in
 * @param location the call's position
 * @param targetMarks intent annotations on the target method
 * @param ownerMarks intent annotations on the target's declaring type (and its enclosing types)
 * @param receiverMarks intent annotations on the field the call is made through, if any
 * @param runVia for a call inside a lambda or method reference: the methods the enclosing lambdas
 *     were passed to, outermost first ({@link #STORED} when a lambda is not passed to a call);
 *     empty when the call runs directly in the scope. The analysis decides which of them run the
 *     lambda synchronously ({@code Iterable.forEach}) and which defer it ({@code
 *     ExecutorService.submit}).
 * @param inNestedLoop whether the call sits in a loop nested inside the scope's loop; such calls
 *     belong to the inner loop's finding
 * @param targetSynchronized whether the target is a {@code synchronized} method (for library
 *     methods, the class file's {@code ACC_SYNCHRONIZED}): it holds its receiver's monitor
 * @param guard the condition the call runs under in its body ({@link Guard#ALWAYS} if none)
 * @param arguments what each argument is, for the callee's parameter guards (empty when unread)
 * @param receiverParameter the index of the enclosing method's parameter the call is made on, or
 *     {@code -1}
 * @param dispatch what the call may run, one per class its receiver is allocated with in the
 *     sources ({@code loader = n > 1 ? new ParallelLoader(n) : new Loader()}); empty when unknown
 * @param receiverOrigin for a call on a URL, URI or URL connection: where that URL comes from
 *     ({@link Argument.Kind#LOCAL_URL}, a parameter, a method's result); else {@link
 *     Argument#OTHER}
 * @param receiverHandedTo for a call on a local made with {@code new} in the scope: the calls the
 *     scope passes that local to (a callback that a future's {@code get()} then waits on)
 */
public record CallSite(
    MethodRef target,
    Set<String> matchOwners,
    Receiver receiver,
    Location location,
    Marks targetMarks,
    Marks ownerMarks,
    Marks receiverMarks,
    List<MethodRef> runVia,
    boolean inNestedLoop,
    boolean targetSynchronized,
    Guard guard,
    List<Argument> arguments,
    int receiverParameter,
    List<Dispatch> dispatch,
    Argument receiverOrigin,
    List<Handoff> receiverHandedTo) {
  /** In {@link #runVia()}: the lambda was stored (assigned, returned), not passed to a call. */
  public static final MethodRef STORED = MethodRef.of("", "<stored>");

  public CallSite {
    requireNonNull(target, "target");
    matchOwners = Set.copyOf(matchOwners);
    requireNonNull(receiver, "receiver");
    requireNonNull(location, "location");
    requireNonNull(targetMarks, "targetMarks");
    requireNonNull(ownerMarks, "ownerMarks");
    requireNonNull(receiverMarks, "receiverMarks");
    runVia = List.copyOf(runVia);
    requireNonNull(guard, "guard");
    arguments = List.copyOf(arguments);
    dispatch = List.copyOf(dispatch);
    requireNonNull(receiverOrigin, "receiverOrigin");
    receiverHandedTo = List.copyOf(receiverHandedTo);
  }

  /** A call site that runs whenever its body does, its arguments unread. */
  public CallSite(
      MethodRef target,
      Set<String> matchOwners,
      Receiver receiver,
      Location location,
      Marks targetMarks,
      Marks ownerMarks,
      Marks receiverMarks,
      List<MethodRef> runVia,
      boolean inNestedLoop,
      boolean targetSynchronized) {
    this(
        target,
        matchOwners,
        receiver,
        location,
        targetMarks,
        ownerMarks,
        receiverMarks,
        runVia,
        inNestedLoop,
        targetSynchronized,
        Guard.ALWAYS,
        List.of(),
        -1,
        List.of(),
        Argument.OTHER,
        List.of());
  }

  /** A call site whose target is not known to be {@code synchronized}. */
  public CallSite(
      MethodRef target,
      Set<String> matchOwners,
      Receiver receiver,
      Location location,
      Marks targetMarks,
      Marks ownerMarks,
      Marks receiverMarks,
      List<MethodRef> runVia,
      boolean inNestedLoop) {
    this(
        target,
        matchOwners,
        receiver,
        location,
        targetMarks,
        ownerMarks,
        receiverMarks,
        runVia,
        inNestedLoop,
        false);
  }

  /** A direct call with no annotations; handy for hand-built facts. */
  public static CallSite simple(MethodRef target, Receiver receiver, Location location) {
    return new CallSite(
        target,
        Set.of(target.owner()),
        receiver,
        location,
        Marks.NONE,
        Marks.NONE,
        Marks.NONE,
        List.of(),
        false);
  }

  /** All intent marks that apply to this call: method, declaring type and receiver field. */
  public Marks allMarks() {
    return targetMarks.plus(ownerMarks).plus(receiverMarks);
  }

  public CallSite withMarks(Marks target, Marks owner, Marks receiverField) {
    Copy c = new Copy(this);
    c.targetMarks = target;
    c.ownerMarks = owner;
    c.receiverMarks = receiverField;
    return c.build();
  }

  public CallSite withMatchOwners(Set<String> owners) {
    Copy c = new Copy(this);
    c.matchOwners = owners;
    return c.build();
  }

  public CallSite withRunVia(List<MethodRef> via) {
    Copy c = new Copy(this);
    c.runVia = via;
    return c.build();
  }

  public CallSite withTargetSynchronized(boolean synchronizedTarget) {
    Copy c = new Copy(this);
    c.targetSynchronized = synchronizedTarget;
    return c.build();
  }

  public CallSite withGuard(Guard newGuard) {
    Copy c = new Copy(this);
    c.guard = newGuard;
    return c.build();
  }

  /** A field-by-field copy for the {@code with…} methods: a record has no {@code with}. */
  private static final class Copy {
    final MethodRef target;
    Set<String> matchOwners;
    final Receiver receiver;
    final Location location;
    Marks targetMarks;
    Marks ownerMarks;
    Marks receiverMarks;
    List<MethodRef> runVia;
    final boolean inNestedLoop;
    boolean targetSynchronized;
    Guard guard;
    final List<Argument> arguments;
    final int receiverParameter;
    final List<Dispatch> dispatch;
    final Argument receiverOrigin;
    final List<Handoff> receiverHandedTo;

    Copy(CallSite s) {
      target = s.target;
      matchOwners = s.matchOwners;
      receiver = s.receiver;
      location = s.location;
      targetMarks = s.targetMarks;
      ownerMarks = s.ownerMarks;
      receiverMarks = s.receiverMarks;
      runVia = s.runVia;
      inNestedLoop = s.inNestedLoop;
      targetSynchronized = s.targetSynchronized;
      guard = s.guard;
      arguments = s.arguments;
      receiverParameter = s.receiverParameter;
      dispatch = s.dispatch;
      receiverOrigin = s.receiverOrigin;
      receiverHandedTo = s.receiverHandedTo;
    }

    CallSite build() {
      return new CallSite(
          target,
          matchOwners,
          receiver,
          location,
          targetMarks,
          ownerMarks,
          receiverMarks,
          runVia,
          inNestedLoop,
          targetSynchronized,
          guard,
          arguments,
          receiverParameter,
          dispatch,
          receiverOrigin,
          receiverHandedTo);
    }
  }
}
