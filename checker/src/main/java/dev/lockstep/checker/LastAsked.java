package dev.lockstep.checker;

import java.util.function.Supplier;

/**
 * The answer to one question for the last trees asked, compared by identity. Error Prone runs every
 * check's matcher on a tree before it goes on to the next, so when two checks ask the same of each
 * method or call (both fan-out checks' filter, both pipeline checks', the syntactic tests of a
 * method's body), the second takes the first's answer. Not thread-safe: one per compilation.
 */
final class LastAsked<V> {
  private Object first;
  private Object second;
  private V answer;

  /**
   * The answer for {@code first} and {@code second}: {@code ask}'s, unless they were asked last.
   */
  @SuppressWarnings("ReferenceEquality") // the very trees (and catalogue) Error Prone visits
  V get(Object first, Object second, Supplier<V> ask) {
    if (first != this.first || second != this.second || answer == null) {
      answer = ask.get();
      this.first = first;
      this.second = second;
    }
    return answer;
  }
}
