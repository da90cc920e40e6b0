package dev.lockstep.analysis.facts;

import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntSupplier;

/**
 * Which annotations are {@link Mark}s, by qualified name: Lockstep's five and JetBrains' {@code
 * Blocking}/{@code NonBlocking}. The one table every front end reads annotations through (javac's
 * symbols, JavaParser's syntax, class files in jars), so they cannot disagree on a name.
 */
public final class MarkAnnotations {
  /** Lockstep's annotations' package, with the trailing dot. */
  public static final String LOCKSTEP = "dev.lockstep.annotations.";

  /** JetBrains' annotations' package, with the trailing dot. */
  public static final String JETBRAINS = "org.jetbrains.annotations.";

  private static final Map<String, Mark> MARKS =
      Map.of(
          LOCKSTEP + "Blocking", Mark.BLOCKING,
          LOCKSTEP + "NonBlocking", Mark.NON_BLOCKING,
          LOCKSTEP + "Sequential", Mark.SEQUENTIAL,
          LOCKSTEP + "SerializedResource", Mark.SERIALIZED_RESOURCE,
          LOCKSTEP + "ResourceParallelism", Mark.RESOURCE_PARALLELISM,
          JETBRAINS + "Blocking", Mark.BLOCKING,
          JETBRAINS + "NonBlocking", Mark.NON_BLOCKING);

  private MarkAnnotations() {}

  /** The mark an annotation of this qualified name ({@code a.b.Blocking}) stands for. */
  public static Optional<Mark> mark(String qualifiedName) {
    return Optional.ofNullable(MARKS.get(qualifiedName));
  }

  /**
   * The simple names of the mark annotations of one package ({@link #LOCKSTEP} or {@link
   * #JETBRAINS}, with the dot), for what an on-demand import brings in; empty for other packages.
   */
  public static Set<String> simpleNames(String packagePrefix) {
    Set<String> names = new TreeSet<>();
    for (String qualified : MARKS.keySet()) {
      String simple = qualified.substring(qualified.lastIndexOf('.') + 1);
      if (qualified.equals(packagePrefix + simple)) {
        names.add(simple);
      }
    }
    return names;
  }

  /** Collects the marks of one element's annotations. */
  public static Collector collector() {
    return new Collector();
  }

  /**
   * The marks of one element, annotation by annotation. {@code @SerializedResource} declares
   * parallelism 1; {@code @ResourceParallelism(n)} declares n (values below 1 are invalid use, a
   * compile error, and declare nothing); with several, the lowest wins.
   */
  public static final class Collector {
    private final Set<Mark> marks = EnumSet.noneOf(Mark.class);
    private int parallelism;

    private Collector() {}

    /**
     * Adds one annotation.
     *
     * @param qualifiedName the annotation's qualified name; one that is no mark is ignored
     * @param value the {@code value} of {@code @ResourceParallelism}, asked only for that one (0
     *     when unknown)
     */
    public Collector add(String qualifiedName, IntSupplier value) {
      Mark mark = MARKS.get(qualifiedName);
      if (mark == null) {
        return this;
      }
      marks.add(mark);
      int declared =
          switch (mark) {
            case SERIALIZED_RESOURCE -> 1;
            case RESOURCE_PARALLELISM -> value.getAsInt();
            default -> 0;
          };
      if (declared > 0) {
        parallelism = parallelism == 0 ? declared : Math.min(parallelism, declared);
      }
      return this;
    }

    /** The marks added so far. */
    public Marks marks() {
      return marks.isEmpty() ? Marks.NONE : new Marks(marks, parallelism);
    }
  }
}
