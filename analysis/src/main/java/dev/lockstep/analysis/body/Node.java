package dev.lockstep.analysis.body;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One node of a lowered method body. The set is small on purpose: what the readings distinguish
 * (variables, calls, assignments, control flow, locks, lambdas) has a kind of its own; everything
 * else is {@link Other} with its children, so an unmodelled construct hides nothing inside it.
 * Parentheses are dropped by lowering; casts are kept ({@link Cast}) because they change the type.
 *
 * <p>Expressions and statements share the interface: Java nests them both ways (a switch expression
 * holds statements, a lambda an expression or a block).
 */
public sealed interface Node {
  Src src();

  // -- Expressions -------------------------------------------------------------------------------

  /** A variable named on its own: a local, a parameter, or a field through an implicit this. */
  record Name(Src src, Var var) implements Node {
    public Name {
      requireNonNull(var, "var");
    }
  }

  /**
   * A type named as an expression: the qualifier of a static call or field ({@code Thread} in
   * {@code Thread.sleep(1)}), or a class literal's type.
   */
  record TypeName(Src src, String type) implements Node {}

  /** {@code this} or {@code super} (qualified or not). */
  record This(Src src, boolean isSuper) implements Node {}

  /** {@code base.name}: a field through an expression or a type, or an array's {@code length}. */
  record Select(Src src, Node base, String name, Var field) implements Node {}

  /**
   * A method call, or an explicit constructor call ({@code this(...)}, {@code super(...)}, whose
   * name is {@code this} or {@code super}).
   *
   * @param receiver what it is called on as written; null for an unqualified call
   * @param target resolved on first use; empty when the front end cannot resolve it
   */
  record Call(
      Src src, Node receiver, String name, List<Node> args, Supplier<Optional<Target>> target)
      implements Node {
    public Call {
      args = List.copyOf(args);
      target = Lazy.of(target);
    }

    public Optional<Target> resolve() {
      return target.get();
    }
  }

  /**
   * {@code new T(args)}, with the anonymous class body if there is one ({@link ClassBody}: its
   * methods are bodies of their own).
   */
  record New(
      Src src, Node outer, List<Node> args, Supplier<Optional<Target>> target, ClassBody body)
      implements Node {
    public New {
      args = List.copyOf(args);
      target = Lazy.of(target);
    }

    public Optional<Target> resolve() {
      return target.get();
    }
  }

  /** A lambda; {@code body} is an expression or a {@link Block}. */
  record Lambda(Src src, List<Var> params, Node body) implements Node {
    public Lambda {
      params = List.copyOf(params);
    }
  }

  /**
   * A method reference {@code qualifier::name}.
   *
   * @param typeQualifier whether the qualifier is a type ({@code String::length}, {@code Foo::new})
   *     rather than an object
   */
  record MethodReference(
      Src src,
      Node qualifier,
      boolean typeQualifier,
      String name,
      Supplier<Optional<Target>> target)
      implements Node {
    public MethodReference {
      target = Lazy.of(target);
    }

    public Optional<Target> resolve() {
      return target.get();
    }
  }

  /** {@code target = value}. */
  record Assign(Src src, Node target, Node value) implements Node {}

  /** {@code target op= value} ({@code operator} without the {@code =}: {@code +}, {@code <<}). */
  record CompoundAssign(Src src, Node target, String operator, Node value) implements Node {}

  /**
   * A unary operator; {@code ++} and {@code --} (prefix or postfix) write their operand.
   *
   * @param operator {@code ++}, {@code --}, {@code !}, {@code -}, {@code +} or {@code ~}
   */
  record Unary(Src src, String operator, Node operand) implements Node {
    public boolean writes() {
      return operator.equals("++") || operator.equals("--");
    }
  }

  /** A binary operator as written: {@code <}, {@code +}, {@code ==}, {@code &&}, … */
  record Binary(Src src, String operator, Node left, Node right) implements Node {}

  /** {@code condition ? then : otherwise}. */
  record Conditional(Src src, Node condition, Node then, Node otherwise) implements Node {}

  /** {@code (T) expression}: its {@link Src#type()} is {@code T}. */
  record Cast(Src src, Node expression) implements Node {}

  /** A literal; {@code value} is null for {@code null}, a {@code String}, boxed primitive. */
  record Literal(Src src, Object value) implements Node {}

  /** {@code array[index]}. */
  record ArrayAccess(Src src, Node array, Node index) implements Node {}

  /** {@code new T[n]} or {@code new T[] {a, b}} / {@code {a, b}}; initializers null if none. */
  record NewArray(Src src, List<Node> dimensions, List<Node> initializers) implements Node {
    public NewArray {
      dimensions = List.copyOf(dimensions);
      initializers = initializers == null ? null : List.copyOf(initializers);
    }
  }

  // -- Statements --------------------------------------------------------------------------------

  /** A block of statements. */
  record Block(Src src, List<Node> statements) implements Node {
    public Block {
      statements = List.copyOf(statements);
    }
  }

  /**
   * A declaration of a local (also a resource, a pattern variable, or the variable of a classic
   * {@code for}); {@code init} is null when it has none.
   */
  record Local(Src src, Var var, Node init) implements Node {}

  /** {@code if}; {@code otherwise} is null when there is no {@code else}. */
  record If(Src src, Node condition, Node then, Node otherwise) implements Node {}

  /** A statement loop. */
  record Loop(
      Src src,
      LoopKind kind,
      List<Node> init,
      Node condition,
      List<Node> update,
      Var item,
      Node iterable,
      Node body)
      implements Node {
    public Loop {
      requireNonNull(kind, "kind");
      init = List.copyOf(init);
      update = List.copyOf(update);
    }
  }

  /** A {@code switch} statement or expression; each case is a {@link Case}. */
  record Switch(Src src, Node selector, List<Case> cases) implements Node {
    public Switch {
      cases = List.copyOf(cases);
    }
  }

  /** One case of a switch: its labels, and its statements (or one expression). */
  record Case(Src src, List<Node> labels, List<Node> body) implements Node {
    public Case {
      labels = List.copyOf(labels);
      body = List.copyOf(body);
    }
  }

  /** {@code synchronized (lock) body}. */
  record Synchronized(Src src, Node lock, Block body) implements Node {}

  /** {@code try (resources) body catch... finally}; {@code finallyBlock} is null if none. */
  record Try(Src src, List<Node> resources, Block body, List<Catch> catches, Block finallyBlock)
      implements Node {
    public Try {
      resources = List.copyOf(resources);
      catches = List.copyOf(catches);
    }
  }

  /** A {@code catch} clause: it runs only when something failed. */
  record Catch(Src src, Var param, Block body) implements Node {}

  /**
   * {@code break}, {@code continue}, {@code return}, {@code throw} or {@code yield}.
   *
   * @param value the returned, thrown or yielded expression, if any
   * @param target for {@code break} and {@code continue}: the {@link Src} of the statement left or
   *     continued (a loop, a switch, a labelled statement's body); null otherwise
   */
  record Jump(Src src, JumpKind kind, Node value, Src target) implements Node {}

  /** Which loop statement. */
  enum LoopKind {
    /** {@code for (init; condition; update)}. */
    FOR,
    /** {@code for (item : iterable)}. */
    FOR_EACH,
    WHILE,
    DO
  }

  /** Which jump. */
  enum JumpKind {
    BREAK,
    CONTINUE,
    RETURN,
    THROW,
    YIELD
  }

  /** A local or anonymous class: its methods are bodies of their own, read on their own. */
  record ClassBody(Src src) implements Node {}

  /** Anything else (an assert, an instanceof, a labelled statement's label…), with its children. */
  record Other(Src src, List<Node> children) implements Node {
    public Other {
      children = List.copyOf(children);
    }
  }
}
