package dev.lockstep.analysis.finding;

import java.util.OptionalInt;

/**
 * The cost model of a serial await: each item costs {@code waitsPerItem} round trips one after the
 * other, so {@code N} items cost {@code waitsPerItem·N}; a window of {@code k} overlaps {@code k}
 * items, so they cost {@code waitsPerItem·⌈N/k⌉}.
 *
 * @param waitsPerItem waits one iteration makes one after the other
 * @param items {@code N} when known
 * @param window {@code k}
 */
public record Cost(int waitsPerItem, OptionalInt items, int window) {
  public Cost {
    if (waitsPerItem < 1 || window < 1) {
      throw new IllegalArgumentException("waits and window must be >= 1");
    }
  }

  /** Round trips one after the other, when {@code N} is known. */
  public OptionalInt serialRoundTrips() {
    return items.isPresent()
        ? OptionalInt.of(waitsPerItem * items.getAsInt())
        : OptionalInt.empty();
  }

  /** Round trips with a window of {@code k}, when {@code N} is known. */
  public OptionalInt windowedRoundTrips() {
    return items.isPresent()
        ? OptionalInt.of(waitsPerItem * ceilDiv(items.getAsInt(), window))
        : OptionalInt.empty();
  }

  static int ceilDiv(int n, int k) {
    return (n + k - 1) / k;
  }

  /** {@code N items cost ≈ 2·N round trips}, or {@code 50 items cost ≈ 100 round trips}. */
  public String renderSerial() {
    if (items.isPresent()) {
      int n = items.getAsInt();
      return n
          + (n == 1 ? " item costs ≈ " : " items cost ≈ ")
          + serialRoundTrips().getAsInt()
          + " round trips";
    }
    return "N items cost ≈ " + factor() + "N round trips";
  }

  /** {@code ≈ 2·⌈N/5⌉}, or {@code ≈ 2·⌈50/5⌉ = 20}. */
  public String renderWindowed() {
    String n = items.isPresent() ? String.valueOf(items.getAsInt()) : "N";
    String formula = "≈ " + factor() + "⌈" + n + "/" + window + "⌉";
    return items.isPresent() ? formula + " = " + windowedRoundTrips().getAsInt() : formula;
  }

  private String factor() {
    return waitsPerItem == 1 ? "" : waitsPerItem + "·";
  }
}
