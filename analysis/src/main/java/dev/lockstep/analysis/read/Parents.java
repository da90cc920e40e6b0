package dev.lockstep.analysis.read;

import dev.lockstep.analysis.body.Node;
import dev.lockstep.analysis.body.Node.Block;
import dev.lockstep.analysis.body.Node.Case;
import dev.lockstep.analysis.body.Node.If;
import dev.lockstep.analysis.body.Node.Loop;
import dev.lockstep.analysis.body.Node.Try;
import dev.lockstep.analysis.body.Nodes;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;

/**
 * The parent of every node of one lowered method body, for readings that look outwards from a node
 * (the loops and lambdas around a call, the statement and block it is in). Built once per body.
 */
@SuppressWarnings("ReferenceEquality") // nodes are compared by identity on purpose
public final class Parents {
  private final Node root;
  private final IdentityHashMap<Node, Node> parents = new IdentityHashMap<>();

  public Parents(Node root) {
    this.root = root;
    Deque<Node> todo = new ArrayDeque<>();
    if (root != null) {
      todo.push(root);
    }
    while (!todo.isEmpty()) {
      Node n = todo.pop();
      for (Node child : Nodes.children(n)) {
        parents.put(child, n);
        todo.push(child);
      }
    }
  }

  /** The method body. */
  public Node root() {
    return root;
  }

  /** The node's parent; null for the body itself and for nodes not in it. */
  public Node parent(Node node) {
    return parents.get(node);
  }

  /** A statement of a block. */
  public record InBlock(Block block, int index) {}

  /**
   * The statement {@code node} is part of, when that statement sits in a block: the innermost
   * statement around it, which must be one of a block's statements (not the branch of an {@code if}
   * without braces, a loop's body, a {@code case}'s statements).
   */
  public Optional<InBlock> statementOf(Node node) {
    Node n = node;
    for (Node p = parent(n); p != null; n = p, p = parent(p)) {
      if (p instanceof Block block) {
        List<Node> statements = block.statements();
        for (int i = 0; i < statements.size(); i++) {
          if (statements.get(i) == n) {
            return Optional.of(new InBlock(block, i));
          }
        }
        return Optional.empty();
      }
      if (isStatementOf(n, p)) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** Whether {@code n} is a statement of {@code p}, which is not a block. */
  private static boolean isStatementOf(Node n, Node p) {
    return switch (p) {
      case If i -> n == i.then() || n == i.otherwise();
      case Loop l -> n == l.body() || containsNode(l.init(), n) || containsNode(l.update(), n);
      case Case c -> containsNode(c.body(), n);
      case Try t -> containsNode(t.resources(), n);
      default -> false;
    };
  }

  private static boolean containsNode(List<Node> nodes, Node n) {
    for (Node m : nodes) {
      if (m == n) {
        return true;
      }
    }
    return false;
  }
}
