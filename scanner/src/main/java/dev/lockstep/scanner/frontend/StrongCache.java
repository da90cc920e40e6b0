package dev.lockstep.scanner.frontend;

import com.github.javaparser.resolution.cache.Cache;
import com.github.javaparser.resolution.cache.CacheStats;
import com.github.javaparser.symbolsolver.cache.DefaultCacheStats;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A cache that keeps what it is given for the whole scan.
 *
 * <p>JavaParser's default type cache is a {@code WeakHashMap} keyed by the type names it is asked
 * for; those names are mostly built afresh per lookup, so entries vanish at the next collection and
 * every lookup goes back to the type solvers (for the JDK: a failed class load per miss). A scan
 * asks for the same few thousand names again and again; keeping them is cheap.
 *
 * <p>Every key asked for is told to a listener, hit or miss: the incremental cache charges type
 * lookups to the file that made them ({@link Reads}), and a hit must count as much as a miss.
 *
 * <p>Not thread-safe: one scan resolves on one thread.
 */
final class StrongCache<K, V> implements Cache<K, V> {
  private final Map<K, V> values = new HashMap<>();
  private final Consumer<K> asked;
  private long hits;
  private long misses;

  StrongCache() {
    this(key -> {});
  }

  /**
   * @param asked told every key {@link #get} is asked for
   */
  StrongCache(Consumer<K> asked) {
    this.asked = asked;
  }

  @Override
  public void put(K key, V value) {
    values.put(key, value);
  }

  @Override
  public Optional<V> get(K key) {
    asked.accept(key);
    V value = values.get(key);
    if (value == null) {
      misses++;
    } else {
      hits++;
    }
    return Optional.ofNullable(value);
  }

  @Override
  public void remove(K key) {
    values.remove(key);
  }

  @Override
  public void removeAll() {
    values.clear();
  }

  @Override
  public boolean contains(K key) {
    return values.containsKey(key);
  }

  @Override
  public long size() {
    return values.size();
  }

  @Override
  public boolean isEmpty() {
    return values.isEmpty();
  }

  @Override
  public CacheStats stats() {
    return new DefaultCacheStats(hits, misses, 0, 0, 0, 0);
  }
}
