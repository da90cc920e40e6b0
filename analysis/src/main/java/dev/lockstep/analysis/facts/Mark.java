package dev.lockstep.analysis.facts;

/**
 * The intent annotations a front end reads off an element: Lockstep's own ({@code
 * dev.lockstep.annotations}) and their JetBrains equivalents ({@code
 * org.jetbrains.annotations.Blocking}/{@code NonBlocking}).
 */
public enum Mark {
  /** {@code @Blocking}: calls are waits whatever the body shows. */
  BLOCKING,
  /** {@code @NonBlocking}: calls are never waits; wins over the catalogue and the body. */
  NON_BLOCKING,
  /** {@code @Sequential(reason)}: serial execution in here is intended. */
  SEQUENTIAL,
  /** {@code @SerializedResource}: one caller at a time makes progress. */
  SERIALIZED_RESOURCE,
  /** {@code @ResourceParallelism(n)}: at most n callers make progress; see {@link Marks}. */
  RESOURCE_PARALLELISM;

  /** The annotation's simple name as users write it. */
  public String annotationName() {
    return switch (this) {
      case BLOCKING -> "@Blocking";
      case NON_BLOCKING -> "@NonBlocking";
      case SEQUENTIAL -> "@Sequential";
      case SERIALIZED_RESOURCE -> "@SerializedResource";
      case RESOURCE_PARALLELISM -> "@ResourceParallelism";
    };
  }
}
