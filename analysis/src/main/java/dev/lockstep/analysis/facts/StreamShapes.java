package dev.lockstep.analysis.facts;

import java.util.Set;

/**
 * The library shapes both front ends recognise while reading loops: which stream calls run the
 * pipeline's function per element, which stop early, and which factories state the number of items.
 * Kept here, once, so the javac and JavaParser front ends cannot drift apart.
 */
public final class StreamShapes {
  /** Stream steps and terminals whose function runs once per element. */
  public static final Set<String> STEPS =
      Set.of(
          "map",
          "mapToObj",
          "mapToInt",
          "mapToLong",
          "mapToDouble",
          "flatMap",
          "filter",
          "peek",
          "forEach",
          "forEachOrdered",
          "takeWhile",
          "dropWhile",
          "anyMatch",
          "allMatch",
          "noneMatch",
          "reduce");

  /** The calls that make a stream parallel: {@code parallel()}, {@code parallelStream()}. */
  public static final Set<String> PARALLEL = Set.of("parallel", "parallelStream");

  /** Stream calls that may stop before the elements run out. */
  public static final Set<String> SHORT_CIRCUIT =
      Set.of("findFirst", "findAny", "anyMatch", "allMatch", "noneMatch", "limit", "takeWhile");

  /** Factories ({@code owner#name}) whose argument count is the number of items. */
  public static final Set<String> COLLECTION_FACTORIES =
      Set.of(
          "java.util.List#of",
          "java.util.Set#of",
          "java.util.Arrays#asList",
          "java.util.stream.Stream#of");

  private StreamShapes() {}
}
