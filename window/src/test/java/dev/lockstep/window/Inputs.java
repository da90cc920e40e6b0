package dev.lockstep.window;

import java.util.Iterator;

/** Inputs that misbehave, for the tests of a failing input. */
final class Inputs {
  private Inputs() {}

  /**
   * The items 0, 1, 2, … up to {@code size} (exclusive), whose iterator throws an {@link
   * IllegalStateException} with {@code message} when asked for item {@code throwAt}.
   */
  static Iterable<Integer> throwingAt(int throwAt, int size, String message) {
    return () ->
        new Iterator<>() {
          int next;

          @Override
          public boolean hasNext() {
            return next < size;
          }

          @Override
          public Integer next() {
            if (next == throwAt) {
              throw new IllegalStateException(message);
            }
            return next++;
          }
        };
  }
}
