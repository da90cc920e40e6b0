package dev.lockstep.checker;

import com.sun.tools.javac.util.Name;
import java.util.Set;

/**
 * A few method names, asked of javac's names as they are. A {@code Name} made a string is decoded
 * afresh each time; the tests that ask of every call or every node in a compilation compare names
 * of the compilation's table instead, which javac keeps unique (it compares them with {@code ==}
 * itself). Safe to share between compilations and threads.
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
  @SuppressWarnings("ReferenceEquality") // a table's names are unique: javac compares them so
  boolean contains(Name name) {
    InTable known = last;
    if (known == null || known.table != name.table) {
      known =
          new InTable(
              name.table, strings.stream().map(name.table::fromString).toArray(Name[]::new));
      last = known;
    }
    for (Name n : known.names) {
      if (n == name) {
        return true;
      }
    }
    return false;
  }

  /** The names as strings. */
  Set<String> strings() {
    return strings;
  }
}
