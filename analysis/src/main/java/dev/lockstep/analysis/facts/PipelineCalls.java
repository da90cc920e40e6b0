package dev.lockstep.analysis.facts;

import java.util.Set;

/**
 * The method names that can set up a {@link Pipeline}, by which both front ends pick the calls
 * worth resolving: kept here, once, so the javac and JavaParser front ends cannot drift apart.
 */
public final class PipelineCalls {
  /** {@code BoundedWindow}'s operations that run a function per item in the window. */
  public static final Set<String> WINDOW_OPS =
      Set.of("map", "forEach", "mapOutcomes", "stream", "mapAsync", "all");

  /**
   * Every name of a call that may hand tasks over: executors ({@code submit}, {@code execute},
   * {@code invokeAll}, {@code invokeAny}), {@code CompletableFuture} ({@code supplyAsync}, {@code
   * runAsync}), the window's operations, and a thread per item ({@code startVirtualThread}, a
   * builder's {@code start}). A name is a candidate only; its owner decides.
   */
  public static final Set<String> CANDIDATES =
      Set.of(
          "submit",
          "execute",
          "invokeAll",
          "invokeAny",
          "supplyAsync",
          "runAsync",
          "map",
          "forEach",
          "mapOutcomes",
          "stream",
          "mapAsync",
          "all",
          "startVirtualThread",
          "start");

  private PipelineCalls() {}
}
