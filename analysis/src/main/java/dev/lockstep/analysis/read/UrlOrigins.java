package dev.lockstep.analysis.read;

import dev.lockstep.analysis.body.Node;
import dev.lockstep.analysis.body.Node.Call;
import dev.lockstep.analysis.body.Node.Conditional;
import dev.lockstep.analysis.body.Node.Literal;
import dev.lockstep.analysis.body.Node.Name;
import dev.lockstep.analysis.body.Node.New;
import dev.lockstep.analysis.body.Nodes;
import dev.lockstep.analysis.body.Target;
import dev.lockstep.analysis.body.Var;
import dev.lockstep.analysis.facts.Argument;
import dev.lockstep.analysis.facts.MethodRef;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Where a URL comes from, as far as that decides whether reading it is a round trip: a classpath
 * resource, a file or a {@code jar:}/{@code file:} URL stays on this machine ({@link
 * Argument.Kind#LOCAL_URL}); a URL built on one of the method's parameters ({@code new URL(base,
 * name)}) is whatever the caller passes ({@link Argument.Kind#PARAMETER}); a method's result is
 * what that method returns ({@link Argument.Kind#RETURNED}, decided by its summary). Anything else
 * may be remote ({@link Argument.Kind#OTHER}).
 */
public final class UrlOrigins {
  private static final int MAX_DEPTH = 6;

  /** Protocols whose reads stay on this machine. */
  private static final Set<String> LOCAL_PROTOCOLS = Set.of("file", "jar", "jrt");

  /** Calls that hand on the URL they are made on: the origin is the receiver's. */
  private static final Set<String> SAME_RESOURCE =
      Set.of("toURI", "toURL", "openConnection", "normalize", "getURL");

  /**
   * Calls on a {@code java.util} enumeration, iterator or collection that return one of its
   * elements, or a view of them: the element comes from where the collection does ({@code
   * loader.getResources(name)} gives local URLs, and so does each {@code nextElement()}).
   */
  private static final Set<String> ELEMENT_OF =
      Set.of(
          "nextElement",
          "next",
          "get",
          "getFirst",
          "getLast",
          "iterator",
          "asIterator",
          "listIterator");

  private UrlOrigins() {}

  /** Whether a call on {@code owner} reads a URL: its receiver's origin decides the round trip. */
  public static boolean readsUrl(MethodRef target) {
    String owner = target.owner();
    return owner.startsWith("java.net.") && (owner.contains("URL") || owner.contains("URI"));
  }

  /** Where the URL (or URI, or connection) {@code expression} evaluates to comes from. */
  public static Argument of(Node expression, BodyScope scope) {
    return of(expression, scope, 0);
  }

  private static Argument of(Node expression, BodyScope scope, int depth) {
    if (expression == null || depth > MAX_DEPTH) {
      return Argument.OTHER;
    }
    return switch (Nodes.unwrap(expression)) {
      case Name n -> variable(n.var(), scope, depth);
      case Call c -> call(c, scope, depth);
      case New n -> created(n, scope, depth);
      case Conditional c -> {
        Argument then = of(c.then(), scope, depth + 1);
        yield then.equals(of(c.otherwise(), scope, depth + 1)) ? then : Argument.OTHER;
      }
      default -> Argument.OTHER;
    };
  }

  private static Argument variable(Var v, BodyScope scope, int depth) {
    if (v == null) {
      return Argument.OTHER;
    }
    for (int i = 0; i < scope.parameters.size(); i++) {
      if (scope.parameters.get(i) == v) {
        return Argument.parameter(i);
      }
    }
    Node init = scope.declared.get(v);
    if (init == null && !scope.isDeclared(v) && v.isFinal()) {
      init = scope.outer.get(v); // a local of the loop's method, set once before the loop
    }
    if (init != null) {
      return of(init, scope, depth + 1);
    }
    List<Node> values = scope.outerAssigned.get(v);
    if (values != null
        && !values.isEmpty()
        && !scope.isDeclared(v)
        && scope.outer.containsKey(v)
        && scope.outer.get(v) == null) {
      // Declared without a value and set on each branch (resources = a or b): whatever it holds
      // when read, it came from one of these; one origin for all of them is its origin.
      Argument first = of(values.get(0), scope, depth + 1);
      return values.stream().skip(1).allMatch(x -> of(x, scope, depth + 1).equals(first))
          ? first
          : Argument.OTHER;
    }
    return v.kind() == Var.Kind.PARAMETER && !scope.isDeclared(v)
        ? Argument.CALLER
        : Argument.OTHER;
  }

  private static Argument call(Call call, BodyScope scope, int depth) {
    Optional<Target> resolved = call.resolve();
    if (resolved.isEmpty()) {
      return Argument.OTHER;
    }
    MethodRef method = resolved.orElseThrow().ref();
    if (isLocalResource(method)) {
      return Argument.LOCAL_URL;
    }
    if (call.receiver() != null && readsUrl(method) && SAME_RESOURCE.contains(method.name())) {
      return of(call.receiver(), scope, depth + 1);
    }
    if (call.receiver() != null
        && method.owner().startsWith("java.util.")
        && ELEMENT_OF.contains(method.name())) {
      return of(call.receiver(), scope, depth + 1);
    }
    if (method.owner().equals("java.util.Collections")
        && method.name().equals("list")
        && call.args().size() == 1) {
      return of(call.args().get(0), scope, depth + 1);
    }
    return Argument.returnedBy(method);
  }

  /** {@code new URL("jar", "", -1, spec)}, {@code new URL("file:/x")}, {@code new URL(base, n)}. */
  private static Argument created(New created, BodyScope scope, int depth) {
    Optional<Target> resolved = created.resolve();
    if (resolved.isEmpty() || !readsUrl(resolved.orElseThrow().ref())) {
      return Argument.OTHER;
    }
    MethodRef ctor = resolved.orElseThrow().ref();
    if (created.args().isEmpty() || ctor.paramTypes().isEmpty()) {
      return Argument.OTHER;
    }
    Node first = created.args().get(0);
    if (ctor.paramTypes().get(0).equals("java.net.URL")) {
      // new URL(context, spec): the context's origin, unless spec names a protocol of its own
      Optional<String> spec =
          created.args().size() > 1 ? text(created.args().get(1)) : Optional.empty();
      if (spec.isPresent() && protocolOf(spec.orElseThrow()).isPresent()) {
        return local(protocolOf(spec.orElseThrow()).orElseThrow());
      }
      return of(first, scope, depth + 1);
    }
    Optional<String> text = text(first);
    if (text.isEmpty()) {
      return Argument.OTHER;
    }
    String s = text.orElseThrow();
    if (created.args().size() == 1) {
      return protocolOf(s).map(UrlOrigins::local).orElse(Argument.OTHER); // new URL(spec)
    }
    return local(s); // new URL(protocol, host, ...), new URI(scheme, ...)
  }

  private static Argument local(String protocol) {
    return LOCAL_PROTOCOLS.contains(protocol.toLowerCase(Locale.ROOT))
        ? Argument.LOCAL_URL
        : Argument.OTHER;
  }

  /** The scheme of an absolute URL text ({@code jar:file:/x!/} gives {@code jar}). */
  private static Optional<String> protocolOf(String spec) {
    int colon = spec.indexOf(':');
    if (colon <= 1) {
      return Optional.empty();
    }
    String scheme = spec.substring(0, colon);
    return scheme.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '+' || c == '.')
        ? Optional.of(scheme)
        : Optional.empty();
  }

  /** A string literal's text (literals only: both front ends see them alike). */
  private static Optional<String> text(Node node) {
    return Nodes.unwrap(node) instanceof Literal literal && literal.value() instanceof String s
        ? Optional.of(s)
        : Optional.empty();
  }

  /** A classpath lookup ({@code getClass().getResource(name)}) or a file's URL. */
  public static boolean isLocalResource(MethodRef origin) {
    String owner = origin.owner();
    String name = origin.name();
    return ((owner.equals("java.lang.Class") || owner.endsWith("ClassLoader"))
            && (name.startsWith("getResource") || name.startsWith("getSystemResource")))
        || (owner.equals("java.io.File") && (name.equals("toURI") || name.equals("toURL")))
        || (owner.equals("java.nio.file.Path") && name.equals("toUri"));
  }
}
