package dev.lockstep.scanner.frontend;

import com.github.javaparser.Range;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Makes a parsed tree smaller without changing what it says (ADR 0024). Measured on java.base's
 * trees (0.94 GB live for 1.31 M lines): 14 M {@code ArrayList}s were a third of the heap, two per
 * node always empty: a node's orphan comments, which the scanner does not attribute, and its
 * observers, which only printers register.
 *
 * <p>So, after parsing, the empty lists of every node become one shared list that refuses to grow
 * (a node that is given an orphan comment or an observer throws instead of sharing it: the scanner
 * gives none). Sharing equal ranges and positions too was tried: 6 % fewer ranges and 4 % fewer
 * positions, for two hash lookups and a new range per node; not kept.
 */
final class SlimTrees {
  private SlimTrees() {}

  /** An empty list shared by every node; any attempt to add to it throws. */
  @SuppressWarnings("serial") // never serialised
  private static final class NoElements<E> extends ArrayList<E> {
    NoElements() {
      super(0);
    }

    @Override
    public boolean add(E e) {
      throw new UnsupportedOperationException("a shared empty list of a slimmed tree");
    }

    @Override
    public void add(int index, E element) {
      throw new UnsupportedOperationException("a shared empty list of a slimmed tree");
    }

    @Override
    public boolean addAll(Collection<? extends E> c) {
      if (c.isEmpty()) {
        return false;
      }
      throw new UnsupportedOperationException("a shared empty list of a slimmed tree");
    }

    @Override
    public boolean addAll(int index, Collection<? extends E> c) {
      if (c.isEmpty()) {
        return false;
      }
      throw new UnsupportedOperationException("a shared empty list of a slimmed tree");
    }
  }

  private static final ArrayList<Object> NONE = new NoElements<>();

  private static final VarHandle ORPHAN_COMMENTS = handle("orphanComments");
  private static final VarHandle OBSERVERS = handle("observers");

  private static VarHandle handle(String field) {
    try {
      return MethodHandles.privateLookupIn(Node.class, MethodHandles.lookup())
          .findVarHandle(Node.class, field, ArrayList.class);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null; // a JavaParser without the field: those lists stay (SlimTreesTest says so)
    }
  }

  /** Whether this JavaParser's nodes have the two lists this class shares. */
  static boolean sharesLists() {
    return ORPHAN_COMMENTS != null && OBSERVERS != null;
  }

  /**
   * Drops each node's tokens (keeping its range, as {@link FrontEnd} parses) and shares its empty
   * lists.
   */
  static void slim(CompilationUnit unit) {
    unit.walk(
        node -> {
          Range range = node.getRange().orElse(null);
          node.setTokenRange(null);
          node.setRange(range);
          share(node, ORPHAN_COMMENTS);
          share(node, OBSERVERS);
        });
  }

  private static void share(Node node, VarHandle field) {
    if (field != null && ((List<?>) field.get(node)).isEmpty()) {
      field.set(node, NONE);
    }
  }
}
