package dev.lockstep.analysis.facts;

import java.util.EnumSet;
import java.util.Set;

/**
 * The intent annotations on one element, with the declared parallelism of {@code
 * ResourceParallelism} ({@code 0} when absent; {@code 1} for {@code SerializedResource}).
 */
public record Marks(Set<Mark> marks, int parallelism) {
  public static final Marks NONE = new Marks(Set.of(), 0);

  public Marks {
    marks = marks.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(marks));
  }

  public static Marks of(Mark... marks) {
    Set<Mark> set = EnumSet.noneOf(Mark.class);
    set.addAll(java.util.Arrays.asList(marks));
    return new Marks(set, set.contains(Mark.SERIALIZED_RESOURCE) ? 1 : 0);
  }

  public boolean has(Mark mark) {
    return marks.contains(mark);
  }

  public boolean isEmpty() {
    return marks.isEmpty();
  }

  /** Both sets of marks; the lower declared parallelism wins. */
  public Marks plus(Marks other) {
    if (other.isEmpty()) {
      return this;
    }
    if (isEmpty()) {
      return other;
    }
    Set<Mark> set = EnumSet.noneOf(Mark.class);
    set.addAll(marks);
    set.addAll(other.marks);
    int p =
        parallelism == 0
            ? other.parallelism
            : other.parallelism == 0 ? parallelism : Math.min(parallelism, other.parallelism);
    return new Marks(set, p);
  }
}
