package dev.lockstep.window;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Every item's {@link Outcome} of a collect-all run ({@link BoundedWindow#mapOutcomes}), in input
 * order, and the run's {@link Stats}.
 *
 * <pre>{@code
 * Outcomes<Url, Page> outcomes = BoundedWindow.of(8).mapOutcomes(urls, this::fetch);
 * List<Page> pages = outcomes.values();          // the successes, in input order
 * outcomes.failures().forEach(f -> log(f.item(), f.error()));
 * }</pre>
 *
 * @param <T> the item type
 * @param <R> the result type
 */
public final class Outcomes<T, R> {
  private final List<Outcome<T, R>> all;
  private final Stats stats;

  Outcomes(List<Outcome<T, R>> all, Stats stats) {
    this.all = Collections.unmodifiableList(all);
    this.stats = stats;
  }

  /** One outcome per item, in input order. */
  public List<Outcome<T, R>> all() {
    return all;
  }

  /** The number of items. */
  public int size() {
    return all.size();
  }

  /** The run's statistics. */
  public Stats stats() {
    return stats;
  }

  /** Whether every item succeeded. */
  public boolean allSucceeded() {
    for (Outcome<T, R> o : all) {
      if (!(o instanceof Outcome.Success)) {
        return false;
      }
    }
    return true;
  }

  /** The values of the successful items, in input order (may contain {@code null}). */
  public List<R> values() {
    List<R> values = new ArrayList<>();
    for (Outcome<T, R> o : all) {
      if (o instanceof Outcome.Success<T, R> s) {
        values.add(s.value());
      }
    }
    return Collections.unmodifiableList(values);
  }

  /** The failed items, in input order. */
  public List<Outcome.Failure<T, R>> failures() {
    List<Outcome.Failure<T, R>> failures = new ArrayList<>();
    for (Outcome<T, R> o : all) {
      if (o instanceof Outcome.Failure<T, R> f) {
        failures.add(f);
      }
    }
    return Collections.unmodifiableList(failures);
  }

  /** The cancelled items, in input order. */
  public List<Outcome.Cancelled<T, R>> cancelled() {
    List<Outcome.Cancelled<T, R>> cancelled = new ArrayList<>();
    for (Outcome<T, R> o : all) {
      if (o instanceof Outcome.Cancelled<T, R> c) {
        cancelled.add(c);
      }
    }
    return Collections.unmodifiableList(cancelled);
  }

  @Override
  public String toString() {
    return "Outcomes{" + all.size() + " items, " + stats + "}";
  }
}
