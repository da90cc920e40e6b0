package dev.lockstep.analysis.read;

import dev.lockstep.analysis.body.Node;
import dev.lockstep.analysis.body.Node.Assign;
import dev.lockstep.analysis.body.Node.ClassBody;
import dev.lockstep.analysis.body.Node.Select;
import dev.lockstep.analysis.body.Nodes;
import dev.lockstep.analysis.body.Var;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * What the source says an expression holds, for the concurrency readers ({@link Windows}, {@link
 * LockCallReader}, {@link LockRegionReader}): compile-time {@code int} constants, where a variable
 * gets its value, whether a lock object is static, and the text diagnostics quote. Fails soft: what
 * it cannot tell is empty, null or false.
 */
public final class Values {
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  private final Declarations declarations;
  private final IdentityHashMap<Node, Map<Var, Node>> locals = new IdentityHashMap<>();
  private final Map<Var, Optional<Node>> fields = new HashMap<>();

  public Values(Declarations declarations) {
    this.declarations = declarations;
  }

  public Declarations declarations() {
    return declarations;
  }

  /** The value of an {@code int} compile-time constant, else empty. */
  public static OptionalInt intConstant(Node expr) {
    return Nodes.unwrap(expr).src().constant().orElse(null) instanceof Integer n
        ? OptionalInt.of(n)
        : OptionalInt.empty();
  }

  /** Every local of a method body with its initialiser ({@link BodyScope#declareAll}), kept. */
  public Map<Var, Node> locals(Node methodBody) {
    if (methodBody == null) {
      return Map.of();
    }
    return locals.computeIfAbsent(methodBody, b -> new BodyScope().declareAll(b).declared);
  }

  /**
   * Where a variable gets its value: a local's initialiser (in {@code methodBody}, the body of the
   * method around the expression); a field's initialiser, or its one assignment in the class's
   * methods (a constructor, {@code start()}, {@code init()}). Null when the source does not say.
   */
  public Node initializer(Var v, Node methodBody) {
    if (!v.isField()) {
      return locals(methodBody).get(v);
    }
    return fields.computeIfAbsent(v, f -> Optional.ofNullable(fieldValue(f))).orElse(null);
  }

  private Node fieldValue(Var field) {
    Node init = declarations.fieldInitializer(field);
    if (init != null) {
      return init;
    }
    // Any method, not only constructors: a pool created once in start() or init() is the only
    // executor the field ever holds.
    List<Node> assigned = assignments(field);
    return assigned.size() == 1 ? assigned.get(0) : null;
  }

  /**
   * Whether the class gives the field more than one value: its initialiser and assignments, or
   * several assignments. Which of them a use sees is then the class's choice, not the caller's.
   */
  public boolean setInSeveralPlaces(Var field) {
    if (!field.isField()) {
      return false;
    }
    int values = assignments(field).size();
    return values + (declarations.fieldInitializer(field) == null ? 0 : 1) > 1;
  }

  private List<Node> assignments(Var field) {
    List<Node> assigned = new ArrayList<>();
    for (Node body : declarations.methodBodiesBeside(field)) {
      Nodes.any(
          body,
          n -> {
            if (n instanceof Assign a && Nodes.var(a.target()) == field) {
              assigned.add(a.value());
            }
            return false;
          });
    }
    return assigned;
  }

  /**
   * Whether {@code node} or a node under it satisfies {@code test}, also in the methods of the
   * local and anonymous classes under it ({@link Nodes#any} stops at class bodies).
   */
  public boolean anyDeep(Node node, Predicate<Node> test) {
    return Nodes.any(
        node,
        n ->
            test.test(n)
                || (n instanceof ClassBody body
                    && declarations.methodsOf(body).stream().anyMatch(m -> anyDeep(m, test))));
  }

  /** Whether the object is the same for the whole program: a static field or a class literal. */
  public static boolean isStaticObject(Node expr) {
    Node e = Nodes.unwrap(expr);
    if (e instanceof Select select && select.name().equals("class")) {
      return true;
    }
    Var v = Nodes.var(e);
    return v != null && v.isField() && v.isStatic();
  }

  /** The expression as diagnostics quote it: one line, without {@code this.}, at most 40 chars. */
  public static String quote(Node expr) {
    String text = oneLine(expr);
    if (text.startsWith("this.")) {
      text = text.substring("this.".length());
    }
    return text.length() <= 40 ? text : text.substring(0, 37) + "...";
  }

  /** The expression's source text (under casts) on one line. */
  static String oneLine(Node expr) {
    return WHITESPACE.matcher(Nodes.unwrap(expr).src().source()).replaceAll(" ");
  }
}
