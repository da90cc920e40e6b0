package dev.lockstep.scanner.frontend;

import com.github.javaparser.Position;
import com.github.javaparser.Range;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Makes a parsed tree smaller without changing what it says (ADR 0024). Measured on java.base's
 * trees (0.94 GB live for 1.31 M lines): 14 M {@code ArrayList}s were a third of the heap, two per
 * node always empty (a node's orphan comments, which the scanner does not attribute, and its
 * observers, which only printers register); and every node has its own {@link Range} of two own
 * {@link Position}s, though a name and the expression around it, or a statement and its expression,
 * span the same text.
 *
 * <p>So, after parsing: the empty lists of every node become one shared list that refuses to grow
 * (a node that is given an orphan comment or an observer throws instead of sharing it: the scanner
 * gives none), and equal ranges and positions within a file are one object each (both are immutable
 * values, compared with {@code equals}).
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
   * Drops each node's tokens (keeping its range, as {@link FrontEnd} parses), shares equal ranges
   * and positions, and shares the empty lists.
   */
  static void slim(CompilationUnit unit) {
    Map<Range, Range> ranges = new HashMap<>();
    Map<Position, Position> positions = new HashMap<>();
    unit.walk(
        node -> {
          Range range = node.getRange().orElse(null);
          node.setTokenRange(null);
          if (range != null) {
            Range shared = ranges.get(range);
            if (shared == null) {
              shared =
                  new Range(
                      positions.computeIfAbsent(range.begin, p -> p),
                      positions.computeIfAbsent(range.end, p -> p));
              ranges.put(shared, shared);
            }
            range = shared;
          }
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
