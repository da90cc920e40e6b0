package dev.lockstep.analysis.body;

import static java.util.Objects.requireNonNull;

import dev.lockstep.analysis.facts.Marks;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * A variable: a local, a parameter (of a method or a lambda), or a field. One instance per
 * declaration, shared by every use, so variables compare by identity the way javac's symbols do.
 * Front ends keep the instance for a declaration in a map of their own (javac's symbol, the
 * JavaParser declaration).
 */
public final class Var {
  /** Where the variable lives. */
  public enum Kind {
    /** A local variable, catch parameter, resource or pattern variable. */
    LOCAL,
    /** A parameter of a method, constructor or lambda. */
    PARAMETER,
    FIELD
  }

  private final Kind kind;
  private final String name;
  private final boolean isStatic;
  private final BooleanSupplier isFinal;
  private final Supplier<JType> type;
  private final Supplier<Marks> marks;

  /**
   * @param isFinal for a field, declared {@code final}; for a local or parameter, final or
   *     effectively final
   * @param type the declared type, computed on first use
   * @param marks the intent annotations on a field, computed on first use ({@link Marks#NONE} for
   *     locals)
   */
  public Var(
      Kind kind,
      String name,
      boolean isStatic,
      boolean isFinal,
      Supplier<JType> type,
      Supplier<Marks> marks) {
    this(kind, name, isStatic, () -> isFinal, type, marks);
  }

  /**
   * A variable whose finality the front end answers on every use, not once: javac marks a local
   * effectively final only when its class's flow analysis runs, which may come after a check of
   * another class has read the body (through a summary).
   */
  public Var(
      Kind kind,
      String name,
      boolean isStatic,
      BooleanSupplier isFinal,
      Supplier<JType> type,
      Supplier<Marks> marks) {
    this.kind = requireNonNull(kind, "kind");
    this.name = requireNonNull(name, "name");
    this.isStatic = isStatic;
    this.isFinal = requireNonNull(isFinal, "isFinal");
    this.type = Lazy.of(type);
    this.marks = Lazy.of(marks);
  }

  public Kind kind() {
    return kind;
  }

  public String name() {
    return name;
  }

  public boolean isStatic() {
    return isStatic;
  }

  public boolean isFinal() {
    return isFinal.getAsBoolean();
  }

  public boolean isField() {
    return kind == Kind.FIELD;
  }

  /** A {@code static final} field: one value for the whole program. */
  public boolean isConstant() {
    return kind == Kind.FIELD && isStatic && isFinal();
  }

  public JType type() {
    return type.get();
  }

  public Marks marks() {
    return marks.get();
  }

  @Override
  public String toString() {
    return kind + " " + name;
  }
}
