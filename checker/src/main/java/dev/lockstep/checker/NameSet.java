package dev.lockstep.checker;

import com.sun.tools.javac.util.Name;
import java.util.Set;

/**
 * A few method names, asked of javac's names as they are. Made a string, a {@code Name} of JDK 21's
 * table is decoded afresh each time, and any is loaded from memory; the tests that ask of every
 * call or every node of a compilation compare names of the compilation's table instead, which javac
 * keeps unique (it compares them with {@code ==} itself). Safe to share between compilations and
 * threads.
 */
final class NameSet {
  private final Set<String> strings;

  /** The names in the table last asked about, with that table. */
  private volatile InTable last;

  private static final class InTable {
    final Name.Table table;
    final Name[] names;

    InTable(Name.Table table, Name[] names) {
      this.table = table;
      this.names = names;
    }
  }

  NameSet(Set<String> strings) {
    this.strings = Set.copyOf(strings);
  }

  /** Whether {@code name} is one of the names. */
  boolean contains(Name name) {
    return among(name, in(name.table));
  }

  /**
   * The names in {@code table}, for a walk that asks of many names: {@link #among} then compares
   * without reading each name (a walk's one memory access too many at every call).
   */
  @SuppressWarnings("ReferenceEquality") // one table per compilation
  Name[] in(Name.Table table) {
    InTable known = last;
    if (known == null || known.table != table) {
      known = new InTable(table, strings.stream().map(table::fromString).toArray(Name[]::new));
      last = known;
    }
    return known.names;
  }

  /** Whether {@code name} is one of {@code names} ({@link #in} its table). */
  @SuppressWarnings("ReferenceEquality") // a table's names are unique: javac compares them so
  static boolean among(Name name, Name[] names) {
    for (Name n : names) {
      if (n == name) {
        return true;
      }
    }
    return false;
  }
}
