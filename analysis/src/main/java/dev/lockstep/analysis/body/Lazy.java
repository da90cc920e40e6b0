package dev.lockstep.analysis.body;

import static java.util.Objects.requireNonNull;

import java.util.function.Supplier;

/**
 * A value computed on first use and kept: how the body representation defers name resolution until
 * a reading asks. Not thread-safe; a body is read on one thread.
 */
public final class Lazy<T> implements Supplier<T> {
  private Supplier<T> compute;
  private T value;

  private Lazy(Supplier<T> compute) {
    this.compute = compute;
  }

  /** {@code compute} wrapped to run at most once (a {@code Lazy} is returned as it is). */
  public static <T> Supplier<T> of(Supplier<T> compute) {
    requireNonNull(compute, "compute");
    return compute instanceof Lazy<T> lazy ? lazy : new Lazy<>(compute);
  }

  /** A value known already. */
  public static <T> Supplier<T> value(T value) {
    Lazy<T> lazy = new Lazy<>(null);
    lazy.value = requireNonNull(value, "value");
    return lazy;
  }

  @Override
  public T get() {
    if (compute != null) {
      value = requireNonNull(compute.get(), "a lazy value must not be null");
      compute = null;
    }
    return value;
  }
}
