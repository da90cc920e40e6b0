package dev.lockstep.analysis.facts;

/** The shapes of loop a front end reports. Only loops over items are candidates for a window. */
public enum LoopKind {
  /** {@code for (T item : items)} over an {@code Iterable} or an array. */
  ENHANCED_FOR,
  /** {@code for (int i = 0; i < items.size(); i++)} over a list or an array. */
  INDEXED_FOR,
  /**
   * {@code while (it.hasNext()) { T item = it.next(); ... }}, also as {@code for (Iterator<T> it =
   * ...; it.hasNext();)}, {@code do ... while}, and over an {@code Enumeration}.
   */
  ITERATOR_WHILE,
  /** {@code items.forEach(item -> ...)} on an {@code Iterable}. */
  ITERABLE_FOR_EACH,
  /** {@code map.forEach((k, v) -> ...)}. */
  MAP_FOR_EACH,
  /** A sequential stream whose {@code map}/{@code forEach}/{@code peek}/... steps are the body. */
  SEQUENTIAL_STREAM,
  /** Any other loop ({@code while (running)}, {@code for (;;)}, a counted retry loop). */
  OTHER;

  /** Whether the loop goes over a collection of items, one iteration per item. */
  public boolean isOverItems() {
    return this != OTHER;
  }
}
