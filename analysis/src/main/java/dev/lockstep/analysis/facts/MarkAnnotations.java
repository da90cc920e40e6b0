package dev.lockstep.analysis.facts;

import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntSupplier;

/**
 * Which annotations are {@link Mark}s, by qualified name: Lockstep's five, JetBrains' {@code
 * Blocking}/{@code NonBlocking}, and the declarative clients' (MyBatis mappers, OpenFeign). The one
 * table every front end reads annotations through (javac's symbols, JavaParser's syntax, class
 * files in jars), so they cannot disagree on a name.
 */
public final class MarkAnnotations {
  /** Lockstep's annotations' package, with the trailing dot. */
  public static final String LOCKSTEP = "dev.lockstep.annotations.";

  /** JetBrains' annotations' package, with the trailing dot. */
  public static final String JETBRAINS = "org.jetbrains.annotations.";

  /** MyBatis' mapper annotations' package, with the trailing dot. */
  public static final String MYBATIS = "org.apache.ibatis.annotations.";

  private static final Map<String, Mark> MARKS =
      Map.ofEntries(
          Map.entry(LOCKSTEP + "Blocking", Mark.BLOCKING),
          Map.entry(LOCKSTEP + "NonBlocking", Mark.NON_BLOCKING),
          Map.entry(LOCKSTEP + "Sequential", Mark.SEQUENTIAL),
          Map.entry(LOCKSTEP + "SerializedResource", Mark.SERIALIZED_RESOURCE),
          Map.entry(LOCKSTEP + "ResourceParallelism", Mark.RESOURCE_PARALLELISM),
          Map.entry(JETBRAINS + "Blocking", Mark.BLOCKING),
          Map.entry(JETBRAINS + "NonBlocking", Mark.NON_BLOCKING),
          // Declarative clients: interfaces with no implementation in the code, whose methods are
          // round trips by declaration (ADR 0009). They always block: a MyBatis mapper runs its
          // statement, an OpenFeign client sends its request, before they return. Clients that
          // may return a future or a reactive type (Spring @HttpExchange, JAX-RS proxies) are not
          // here: whether they wait depends on the method's return type.
          Map.entry(MYBATIS + "Mapper", Mark.BLOCKING),
          Map.entry(MYBATIS + "Select", Mark.BLOCKING),
          Map.entry(MYBATIS + "Insert", Mark.BLOCKING),
          Map.entry(MYBATIS + "Update", Mark.BLOCKING),
          Map.entry(MYBATIS + "Delete", Mark.BLOCKING),
          Map.entry(MYBATIS + "SelectProvider", Mark.BLOCKING),
          Map.entry(MYBATIS + "InsertProvider", Mark.BLOCKING),
          Map.entry(MYBATIS + "UpdateProvider", Mark.BLOCKING),
          Map.entry(MYBATIS + "DeleteProvider", Mark.BLOCKING),
          Map.entry("org.springframework.cloud.openfeign.FeignClient", Mark.BLOCKING),
          Map.entry("feign.RequestLine", Mark.BLOCKING));

  private MarkAnnotations() {}

  /** The mark an annotation of this qualified name ({@code a.b.Blocking}) stands for. */
  public static Optional<Mark> mark(String qualifiedName) {
    return Optional.ofNullable(MARKS.get(qualifiedName));
  }

  /**
   * The simple names of the mark annotations of one package ({@link #LOCKSTEP}, {@link #JETBRAINS},
   * {@link #MYBATIS}, with the dot), for what an on-demand import brings in; empty for others.
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
