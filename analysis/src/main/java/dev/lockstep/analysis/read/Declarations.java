package dev.lockstep.analysis.read;

import dev.lockstep.analysis.body.Node;
import dev.lockstep.analysis.body.Target;
import dev.lockstep.analysis.body.Var;
import dev.lockstep.analysis.facts.MethodRef;
import java.util.List;
import java.util.Optional;

/**
 * What only a front end can find for the concurrency readers: declarations outside the body being
 * read — a field's initialiser and the methods beside it, a helper method's body, the method a task
 * object runs. Everything returned is lowered ({@link Node}s); what is not in the sources (a class
 * file) is null or empty.
 */
public interface Declarations {
  /** A field's initialiser, lowered; null when it has none or is not declared in the sources. */
  Node fieldInitializer(Var field);

  /**
   * The bodies of the methods declared by the class that declares {@code field} (not those of the
   * classes nested in it), lowered; empty when that class is not in the sources.
   */
  List<Node> methodBodiesBeside(Var field);

  /**
   * False only when no value the sources assign {@code field} (its initialiser, an assignment in
   * any code of its class) makes an object: then no value it holds is a {@code new}, and the
   * readers need not lower the methods beside it to find out. A front end that cannot tell cheaply
   * says true.
   */
  default boolean mayBeAllocated(Var field) {
    return true;
  }

  /** A method declared in the sources with a body: that body and its parameters, lowered. */
  Optional<MethodBody> method(MethodRef method);

  /**
   * The bodies of the methods a local or anonymous class declares, lowered: what the readings that
   * look inside such a class (a task's {@code release()} in an anonymous {@code Runnable}) read.
   */
  List<Node> methodsOf(Node.ClassBody body);

  /**
   * The concrete {@code run()} or {@code call()} without parameters that the class of {@code
   * task}'s static type declares itself: what an executor runs when it is handed {@code task}.
   */
  Optional<Target> taskEntry(Node task);

  /**
   * The concrete method named {@code name} with these erased parameter types that an object of the
   * class {@code created} instantiates runs: its own declaration, else the nearest superclass's;
   * empty when neither the class nor a superclass declares one.
   */
  Optional<Target> implementation(Node.New created, String name, List<String> paramTypes);

  /**
   * A method's lowered body.
   *
   * @param varArgs whether its last parameter is a varargs parameter
   */
  record MethodBody(Node body, List<Var> params, boolean varArgs) {
    public MethodBody {
      params = List.copyOf(params);
    }
  }
}
