package dev.lockstep.analysis.rules;

import static java.util.Objects.requireNonNull;

import dev.lockstep.analysis.body.Lazy;
import dev.lockstep.analysis.catalogue.WaitTag;
import dev.lockstep.analysis.facts.CallSite;
import dev.lockstep.analysis.facts.LockRegion;
import dev.lockstep.analysis.facts.Mark;
import dev.lockstep.analysis.facts.MethodFacts;
import dev.lockstep.analysis.facts.MethodRef;
import dev.lockstep.analysis.facts.MethodRole;
import dev.lockstep.analysis.finding.Checks;
import dev.lockstep.analysis.finding.Cost;
import dev.lockstep.analysis.finding.Finding;
import dev.lockstep.analysis.finding.FixPlan;
import dev.lockstep.analysis.read.HeldLocks.HeldLock;
import dev.lockstep.analysis.read.HeldLocks.Owner;
import dev.lockstep.analysis.summary.Hop;
import dev.lockstep.analysis.summary.Summaries;
import dev.lockstep.analysis.summary.WaitChain;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * {@code LockHeldAcrossWait}: a lock that all callers share is held across a round trip, and the
 * callers run concurrently — every caller waits for one round trip at a time. ADR 0014 has the
 * decisions; in short:
 *
 * <ul>
 *   <li><b>shared</b>: a static lock (a static field, a class literal, a {@code static
 *       synchronized} method), or {@code this} or a field of {@code this} in a class with one
 *       instance for the program ({@link #SINGLETONS}, a servlet, a gRPC service, a {@code
 *       Sharable} Netty handler, an enum, a {@code @ThreadSafe} class). Locals, parameters, fields
 *       of other objects and locks looked up by key are not;
 *   <li><b>concurrent callers</b>: the method is a request entry point (a Spring MVC or JAX-RS
 *       handler, a servlet's {@code doGet}/{@code service}, a gRPC service method, a Netty {@code
 *       channelRead} of a sharable handler), or a public instance method of a request-handling
 *       class, of a singleton bean or of a {@code @ThreadSafe} class, or the lock is taken with a
 *       timed {@code tryLock} (the code expects another holder). Listeners and {@code @Scheduled}
 *       methods are not: their concurrency is configuration the source does not show, and one
 *       thread by default;
 *   <li><b>across a round trip</b>: a call in the region reaches a {@code latency} or {@code
 *       channel} wait every time it runs ({@link TaskRoundTrips}: no pause, no lock wait, nothing
 *       on one path only, nothing only the first time);
 *   <li>never: exclusive-only regions (read locks, semaphores of more than one permit, executors
 *       are not), lazy initialisation, regions in {@code catch} blocks, constructors and lifecycle
 *       methods, a lock field or class declared {@code @SerializedResource}/{@code
 *       ResourceParallelism}, a method or class declared {@code @Sequential}.
 * </ul>
 */
public final class LockHeldAcrossWaitRule {
  /** Request-handler methods: Spring MVC and JAX-RS. */
  static final Set<String> HANDLER_ANNOTATIONS =
      Set.of(
          "RequestMapping",
          "GetMapping",
          "PostMapping",
          "PutMapping",
          "DeleteMapping",
          "PatchMapping",
          "GET",
          "POST",
          "PUT",
          "DELETE",
          "PATCH",
          "HEAD",
          "OPTIONS");

  /** Classes whose public methods request threads call: controllers and JAX-RS resources. */
  static final Set<String> REQUEST_CLASS_ANNOTATIONS =
      Set.of("RestController", "Controller", "Path");

  /** Classes the container makes once and hands to every thread. */
  static final Set<String> SINGLETONS =
      Set.of(
          "Service",
          "Component",
          "Repository",
          "Controller",
          "RestController",
          "Singleton",
          "ApplicationScoped");

  /** A class documented for concurrent callers (JCIP, JSR 305, Error Prone's). */
  static final String THREAD_SAFE = "ThreadSafe";

  /**
   * Methods whose threads are configuration (one by default) or that run once: not evidence of
   * concurrent callers.
   */
  static final Set<String> NOT_REQUEST_THREADS =
      Set.of(
          "Scheduled",
          "KafkaListener",
          "JmsListener",
          "RabbitListener",
          "EventListener",
          "PostConstruct",
          "PreDestroy",
          "Bean");

  /** Lifecycle methods: they run once, before or after the callers. */
  static final Set<String> LIFECYCLE =
      Set.of(
          "start",
          "stop",
          "close",
          "init",
          "initialize",
          "shutdown",
          "destroy",
          "dispose",
          "afterPropertiesSet",
          "<clinit>");

  static final Set<String> SERVLETS =
      Set.of(
          "javax.servlet.Servlet",
          "jakarta.servlet.Servlet",
          "javax.servlet.http.HttpServlet",
          "jakarta.servlet.http.HttpServlet");

  static final Set<String> SERVLET_ENTRIES =
      Set.of("service", "doGet", "doPost", "doPut", "doDelete", "doHead", "doOptions", "doPatch");

  static final Set<String> NETTY_HANDLERS = Set.of("io.netty.channel.ChannelHandler");
  static final Set<String> NETTY_ENTRIES = Set.of("channelRead", "channelRead0");

  private static final Pattern GRPC_BASE = Pattern.compile(".*Grpc\\.\\w+ImplBase");

  private final Summaries summaries;

  public LockHeldAcrossWaitRule(Summaries summaries) {
    this.summaries = requireNonNull(summaries, "summaries");
  }

  /**
   * The findings of one method: one per region that holds a shared lock across a round trip while
   * its callers run concurrently.
   */
  public List<Finding> judge(MethodRole role, MethodFacts facts, List<HeldLock> locks) {
    return judge(role, facts, locks, List::of);
  }

  /**
   * One method of the class being judged, as the front end read it: what {@link #judge} reads of
   * the other methods that take the same lock (ADR 0017).
   *
   * @param role what the method is to its callers
   * @param facts its facts
   * @param locks its lock regions with their lock objects read
   */
  public record Member(MethodRole role, MethodFacts facts, List<HeldLock> locks) {
    public Member {
      requireNonNull(role, "role");
      requireNonNull(facts, "facts");
      locks = List.copyOf(locks);
    }
  }

  /**
   * The findings of one method, reading the other methods of its class ({@code classMethods}, asked
   * only when a region holds a lock of the class across a round trip and nothing else says its
   * callers are concurrent) for the library rule of ADR 0017.
   */
  public List<Finding> judge(
      MethodRole role,
      MethodFacts facts,
      List<HeldLock> locks,
      Supplier<List<Member>> classMethods) {
    if (locks.isEmpty()
        || role.isConstructor()
        || LIFECYCLE.contains(role.name())
        || facts.allMarks().has(Mark.SEQUENTIAL)
        || facts.allMarks().has(Mark.SERIALIZED_RESOURCE)
        || facts.typeMarks().has(Mark.RESOURCE_PARALLELISM)) {
      return List.of();
    }
    List<Finding> findings = new ArrayList<>();
    Supplier<List<Member>> members = Lazy.of(classMethods);
    for (HeldLock lock : locks) {
      judge(role, facts, lock, members).ifPresent(findings::add);
    }
    return findings;
  }

  private Optional<Finding> judge(
      MethodRole role, MethodFacts facts, HeldLock lock, Supplier<List<Member>> members) {
    LockRegion region = lock.region();
    if (!exclusive(region)
        || region.lazyInit()
        || lock.onErrorPath()
        || lock.lockMarks().has(Mark.SERIALIZED_RESOURCE)
        || lock.lockMarks().has(Mark.RESOURCE_PARALLELISM)) {
      return Optional.empty();
    }
    Optional<String> shared = shared(role, lock.owner(), region.lock());
    Optional<String> concurrent =
        shared.isEmpty() ? Optional.empty() : concurrentCallers(role, lock);
    List<WaitChain> chains;
    if (concurrent.isPresent()) {
      chains = TaskRoundTrips.of(summaries, region.calls());
    } else {
      // ADR 0020: a Realm's request methods; ADR 0017: a lock of a library class that its other
      // methods take too.
      Optional<LibraryLock> library =
          realmLock(role, lock).or(() -> libraryLock(role, facts, lock, members));
      if (library.isEmpty()) {
        return Optional.empty();
      }
      shared = Optional.of(library.orElseThrow().shared());
      concurrent = Optional.of(library.orElseThrow().concurrent());
      chains = List.of(library.orElseThrow().chain());
    }
    if (chains.isEmpty()) {
      return Optional.empty();
    }
    WaitChain chain = chains.get(0);
    String message =
        facts.method().simpleOwner()
            + "."
            + facts.method().name()
            + " "
            + taking(region)
            + " "
            + shared.orElseThrow()
            + " ("
            + region.location().render()
            + ") and holds it across a round trip ("
            + chain.render()
            + "), while its callers run concurrently: "
            + concurrent.orElseThrow()
            + ". Every caller waits for one round trip at a time: throughput ≤ 1/RTT however many"
            + " threads call it. Fix, best first: make the round trip outside the lock and"
            + " re-check under it before publishing the result (double-check); lock per key"
            + " instead of once for all; if the resource serves n callers at once, a pool of n"
            + " declared with @ResourceParallelism(n); if one at a time is the contract, declare"
            + " it with @SerializedResource(reason). No automatic fix.";
    return Optional.of(
        new Finding(
            Checks.LOCK_HELD_ACROSS_WAIT,
            region.location(),
            message,
            List.of(chain),
            new Cost(1, OptionalInt.empty(), 1),
            new FixPlan.NoRewrite("no automatic fix")));
  }

  /** Whether one holder at a time: a monitor, a lock, a write lock, a one-permit semaphore. */
  private static boolean exclusive(LockRegion region) {
    return switch (region.kind()) {
      case MONITOR, LOCK, WRITE_LOCK -> true;
      case SEMAPHORE -> region.permits() == 1;
      case READ_LOCK, EXECUTOR -> false;
    };
  }

  /** How the method takes the lock: {@code synchronized on}, {@code locks}. */
  private static String taking(LockRegion region) {
    return switch (region.kind()) {
      case MONITOR -> "synchronizes on";
      case SEMAPHORE -> "takes the one permit of";
      default -> "locks";
    };
  }

  /**
   * The lock object, said so that the message shows why every caller sees the same one; empty when
   * that is not known.
   */
  private static Optional<String> shared(MethodRole role, Owner owner, String lock) {
    return switch (owner) {
      case STATIC -> Optional.of("the static '" + lock + "'");
      case THIS -> singleton(role).map(s -> "'this', the one " + s);
      case OWN_FIELD -> singleton(role).map(s -> "'" + lock + "' of the one " + s);
      case OTHER -> Optional.empty();
    };
  }

  /** Why the class has one instance that every caller shares; empty when it may have many. */
  private static Optional<String> singleton(MethodRole role) {
    for (String a : role.typeAnnotations()) {
      if (SINGLETONS.contains(a)) {
        return Optional.of("@" + a + " instance");
      }
    }
    if (role.isA(SERVLETS)) {
      return Optional.of("servlet instance");
    }
    if (grpcService(role)) {
      return Optional.of("gRPC service instance");
    }
    if (sharableNettyHandler(role)) {
      return Optional.of("@Sharable Netty handler");
    }
    if (role.typeAnnotations().contains(THREAD_SAFE)) {
      return Optional.of("@ThreadSafe object");
    }
    if (role.typeIsEnum()) {
      return Optional.of("enum constant");
    }
    return Optional.empty();
  }

  /** Why callers run at the same time, as the message says it; empty when the source does not. */
  private static Optional<String> concurrentCallers(MethodRole role, HeldLock lock) {
    String name = role.name();
    for (String a : role.annotations()) {
      if (HANDLER_ANNOTATIONS.contains(a)) {
        return Optional.of(
            name + " handles requests (@" + a + "), on as many threads as the server has");
      }
    }
    boolean instance = !role.isStatic() && !role.annotatedWithAny(NOT_REQUEST_THREADS);
    if (instance && role.isA(SERVLETS) && SERVLET_ENTRIES.contains(name)) {
      return Optional.of(name + " handles requests (HttpServlet." + name + "), one thread each");
    }
    if (instance && role.isPublic() && grpcService(role)) {
      return Optional.of(name + " serves gRPC calls (an ImplBase override), one thread each");
    }
    if (instance && sharableNettyHandler(role) && NETTY_ENTRIES.contains(name)) {
      return Optional.of(name + " runs on every event loop of a @Sharable handler");
    }
    if (instance && role.isPublic()) {
      for (String a : role.typeAnnotations()) {
        if (REQUEST_CLASS_ANNOTATIONS.contains(a)) {
          return Optional.of(
              name + " is a public method of a @" + a + ", called by request threads");
        }
      }
      for (String a : role.typeAnnotations()) {
        if (SINGLETONS.contains(a)) {
          return Optional.of(
              name + " is a public method of a @" + a + " bean, which every thread shares");
        }
      }
      if (role.typeAnnotations().contains(THREAD_SAFE)) {
        return Optional.of(name + " is a public method of a class documented @ThreadSafe");
      }
    }
    if (lock.timed()) {
      return Optional.of(
          "the lock is taken with a timed tryLock, so the code expects another holder");
    }
    return Optional.empty();
  }

  /** A gRPC service: it extends the generated {@code FooGrpc.FooImplBase}. */
  private static boolean grpcService(MethodRole role) {
    return role.supertypes().stream().anyMatch(t -> GRPC_BASE.matcher(t).matches());
  }

  private static boolean sharableNettyHandler(MethodRole role) {
    return role.isA(NETTY_HANDLERS) && role.typeAnnotations().contains("Sharable");
  }

  // ---------------------------------------------------------------------------------------------
  // ADR 0017: locks of library classes

  /** Names of methods that run once, or set the object up, rather than serve callers. */
  static final List<String> ONE_SHOT_PREFIXES =
      List.of(
          "start",
          "stop",
          "close",
          "init",
          "initialize",
          "create",
          "open",
          "load",
          "reload",
          "register",
          "unregister",
          "connect",
          "disconnect",
          "reconnect",
          "set",
          "ensure",
          "prepare",
          "discover",
          "shutdown",
          "destroy",
          "dispose");

  /**
   * A round trip reached through a call of one of these (by prefix) is set-up the method triggers
   * ({@code if (!initialized) start()}): it runs until the object is set up, not per caller.
   */
  static final List<String> SET_UP_CALLS =
      List.of("start", "init", "initialize", "open", "connect");

  /** A thread's body and a program's entry: one thread runs each. */
  static final Set<String> ONE_THREAD = Set.of("run", "call", "main", "finalize");

  /** Words that name a test double or a test: their locks are not the product's. */
  private static final List<String> TEST_WORDS =
      List.of("Mock", "Fake", "Stub", "Dummy", "Test", "Tests");

  /** Catalogue labels of waits that read a URL: often a file or a resource in a jar, not a peer. */
  private static final List<String> URL_READS = List.of("URL.", "URLConnection.");

  /**
   * A condition below the method's own call that only asks whether the object waited on exists
   * ({@code if (mss.getStub() == null) return false;} before {@code mss.isMasterRunning()}, HBase):
   * once it exists the wait runs every time, so it does not make the wait rare (ADR 0020).
   */
  private static final Pattern PRESENT = Pattern.compile("[^&|?:!=]+ != null|null != [^&|?:!=]+");

  /**
   * Catalogue labels of file-system calls (HDFS, object stores): under a library class's own lock
   * they keep the file layout in step with the object's state — a WAL writer rolled while readers
   * wait for the new one (HBase {@code AbstractFSWAL.rollWriter}), a snapshot's working directory
   * claimed by the one request that passed the "none running" check ({@code SnapshotManager}).
   * Every such finding on the benchmark was false (ADR 0020); not counted by the library rule.
   */
  private static final List<String> FILE_SYSTEMS = List.of("FileSystem.", "FileContext.");

  /** What the library rule found: the message's parts. */
  private record LibraryLock(String shared, String concurrent, WaitChain chain) {}

  /**
   * ADR 0017: a lock of a class that no annotation declares shared or concurrent, reported when (1)
   * the method is public, serves callers (not a set-up, one-shot, setter or test-only method) and
   * holds the lock, taken without an unlocked null test before it, across a network round trip (a
   * {@code latency} wait that is not a URL read, on some path that may run every time); and (2)
   * another public method of the class that serves callers takes the same lock and makes no round
   * trip under it: its callers queue behind the round trip, which is the cost. The class having two
   * methods that take one lock is the evidence that it expects concurrent callers.
   */
  private Optional<LibraryLock> libraryLock(
      MethodRole role, MethodFacts facts, HeldLock lock, Supplier<List<Member>> members) {
    boolean isPublic = servesCallers(role, facts);
    if (lock.key().isEmpty()
        || lock.doubleChecked()
        || madePerCaller(role)
        || !(isPublic || (role.isPrivate() && servesCallersIfCalled(role, facts)))
        || (role.isStatic() && lock.owner() != Owner.STATIC)) {
      return Optional.empty();
    }
    List<WaitChain> chains = libraryRoundTrips(role, lock.region());
    if (chains.isEmpty()) {
      return Optional.empty();
    }
    // ADR 0020: a private helper is judged by the public method of its class that calls it.
    Optional<Entry> entry = isPublic ? Optional.empty() : entryOf(facts.method(), members.get());
    if (!isPublic && entry.isEmpty()) {
      return Optional.empty();
    }
    for (Member other : members.get()) {
      if (other.facts().method().equals(facts.method())
          || other.locks().isEmpty()
          || other.facts().allMarks().has(Mark.SEQUENTIAL)
          || !queues(other, members.get())) {
        continue;
      }
      for (HeldLock taken : other.locks()) {
        if (taken.key().equals(lock.key())
            && !taken.onErrorPath()
            && networkRoundTrips(taken.region()).isEmpty()
            && other.locks().stream()
                .filter(l -> l.key().equals(lock.key()))
                .allMatch(l -> networkRoundTrips(l.region()).isEmpty())) {
          String what =
              switch (lock.owner()) {
                case THIS -> "'this'";
                case OWN_FIELD -> "'" + lock.region().lock() + "' of this object";
                default -> "the static '" + lock.region().lock() + "'";
              };
          String caller =
              entry
                  .map(
                      e ->
                          role.name()
                              + " is called by the public "
                              + e.member().facts().method().simpleOwner()
                              + "."
                              + e.member().role().name()
                              + " ("
                              + e.call().location().render()
                              + ")")
                  .orElse(role.name() + " is public");
          String concurrent =
              caller
                  + " and "
                  + other.facts().method().simpleOwner()
                  + "."
                  + other.role().name()
                  + " takes the same lock ("
                  + taken.region().location().render()
                  + ") without a round trip: the class expects concurrent callers, and theirs"
                  + " queue behind this one";
          return Optional.of(new LibraryLock(what, concurrent, chains.get(0)));
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The network round trips of a region that the library rule counts: not the wrapped object's
   * same-named method, not set-up, nor on the branch of a set-up call.
   */
  private List<WaitChain> libraryRoundTrips(MethodRole role, LockRegion region) {
    List<WaitChain> all = networkRoundTrips(region);
    // The branch that calls start()/init() sets the object up: so do the round trips beside it.
    List<String> setUpBranches =
        all.stream()
            .filter(LockHeldAcrossWaitRule::throughSetUp)
            .map(c -> c.hops().get(0).condition())
            .toList();
    return all.stream()
        .filter(c -> FILE_SYSTEMS.stream().noneMatch(c.waitHop().name()::startsWith))
        .filter(c -> !delegates(role, c) && !throughSetUp(c))
        .filter(c -> setUpBranches.stream().noneMatch(c.hops().get(0).condition()::startsWith))
        .toList();
  }

  /** How many private methods deep a public method's call of a helper that locks is followed. */
  static final int HELPER_DEPTH = 2;

  /** The public method that reaches a private helper, and its call on the way. */
  private record Entry(Member member, CallSite call) {}

  /**
   * The first public method of the class that serves callers and calls {@code helper} every time it
   * may run (not in a lambda run later, not only the first time), directly or through private
   * methods, {@link #HELPER_DEPTH} calls deep in all; empty when none does.
   */
  private static Optional<Entry> entryOf(MethodRef helper, List<Member> members) {
    Set<MethodRef> frontier = Set.of(helper);
    Set<MethodRef> seen = new HashSet<>(frontier);
    for (int depth = 0; depth < HELPER_DEPTH && !frontier.isEmpty(); depth++) {
      Set<MethodRef> next = new HashSet<>();
      for (Member m : members) {
        for (CallSite call : m.facts().calls()) {
          if (!frontier.contains(call.target())
              || !call.runVia().isEmpty()
              || !call.guard().mayRunEveryTime()) {
            continue;
          }
          if (servesCallers(m.role(), m.facts())) {
            return Optional.of(new Entry(m, call));
          }
          if (m.role().isPrivate()
              && servesCallersIfCalled(m.role(), m.facts())
              && seen.add(m.facts().method())) {
            next.add(m.facts().method());
          }
        }
      }
      frontier = next;
    }
    return Optional.empty();
  }

  /**
   * Whether another method's callers queue on the lock: a public method that serves callers, a
   * package-private one (the package calls it: HBase's {@code releaseMaster}), or a private one
   * that a public method reaches. Not a protected one: a hook for subclasses, whose callers are the
   * class's own methods (HBase's {@code HBaseReplicationEndpoint.getZkw}).
   */
  private static boolean queues(Member other, List<Member> members) {
    MethodRole role = other.role();
    if (!servesCallersIfCalled(role, other.facts()) || role.isProtected()) {
      return false;
    }
    return !role.isPrivate() || entryOf(other.facts().method(), members).isPresent();
  }

  // ---------------------------------------------------------------------------------------------
  // ADR 0020: a Realm's request methods

  /** The servlet container's realm: one per container, or host, or context. */
  static final Set<String> REALMS = Set.of("org.apache.catalina.Realm");

  /** The methods of a realm that the container's authenticators call on each request. */
  static final List<String> REALM_REQUEST_METHODS =
      List.of(
          "authenticate",
          "hasRole",
          "hasResourcePermission",
          "hasUserDataPermission",
          "findSecurityConstraints");

  /**
   * A Tomcat realm's request method holding the realm's own lock across a network round trip: every
   * request that authenticates runs it, on the container's request threads, and the realm is one
   * object of the container (ADR 0020).
   */
  private Optional<LibraryLock> realmLock(MethodRole role, HeldLock lock) {
    if (!role.isA(REALMS)
        || !role.isPublic()
        || role.isStatic()
        || REALM_REQUEST_METHODS.stream().noneMatch(p -> startsWithWord(role.name(), p))
        || lock.key().isEmpty()
        || lock.doubleChecked()) {
      return Optional.empty();
    }
    List<WaitChain> chains = networkRoundTrips(lock.region(), true);
    if (chains.isEmpty()) {
      return Optional.empty();
    }
    String what =
        switch (lock.owner()) {
          case THIS -> "'this', the container's one Realm";
          case OWN_FIELD -> "'" + lock.region().lock() + "' of the container's one Realm";
          default -> "the static '" + lock.region().lock() + "'";
        };
    return Optional.of(
        new LibraryLock(
            what,
            role.name()
                + " is a Realm's request method: the container's authenticators call it on every"
                + " request thread",
            chains.get(0)));
  }

  /**
   * A class the framework makes per request or per channel (a JAX-RS resource not declared
   * {@code @Singleton}, a Netty handler not {@code @Sharable}): its own locks are never shared.
   */
  private static boolean madePerCaller(MethodRole role) {
    return (role.typeAnnotations().contains("Path")
            && !role.typeAnnotations().contains("Singleton"))
        || (role.isA(NETTY_HANDLERS) && !role.typeAnnotations().contains("Sharable"));
  }

  /**
   * A synchronized wrapper: the round trip is the same-named method of the object it wraps ({@code
   * makeObject} calling {@code factory.makeObject()} under the lock, as {@code
   * PoolUtils.synchronizedPoolableFactory} does). Serializing the calls is what the wrapper is for.
   */
  private static boolean delegates(MethodRole role, WaitChain chain) {
    return simpleName(chain.hops().get(0)).equals(role.name());
  }

  /**
   * The round trip is made by a set-up call the method makes ({@link #SET_UP_CALLS}). A round trip
   * on the same branch, or one nested in it (its condition starts with that call's), is set-up too:
   * HBase's {@code TableNamespaceManager} starts its ZooKeeper tracker and writes the default
   * namespaces in one branch that runs until the table is initialised.
   */
  private static boolean throughSetUp(WaitChain chain) {
    String first = simpleName(chain.hops().get(0));
    return SET_UP_CALLS.stream().anyMatch(p -> startsWithWord(first, p));
  }

  private static String simpleName(Hop hop) {
    return hop.name().substring(hop.name().lastIndexOf('.') + 1);
  }

  /** {@code name} is {@code prefix} or starts with it at a word boundary ({@code startServer}). */
  private static boolean startsWithWord(String name, String prefix) {
    return name.equals(prefix)
        || (name.startsWith(prefix)
            && name.length() > prefix.length()
            && !Character.isLowerCase(name.charAt(prefix.length())));
  }

  /** A public method that serves callers: not set-up, one-shot, a setter, or for tests only. */
  private static boolean servesCallers(MethodRole role, MethodFacts facts) {
    return role.isPublic() && servesCallersIfCalled(role, facts);
  }

  /**
   * A method that serves its callers, whatever its visibility: not set-up, one-shot, a setter, or
   * for tests only.
   */
  private static boolean servesCallersIfCalled(MethodRole role, MethodFacts facts) {
    String name = role.name();
    return !role.isConstructor()
        && !oneShot(name)
        && !name.contains("ForTest")
        && !role.annotations().contains("VisibleForTesting")
        && !role.annotatedWithAny(NOT_REQUEST_THREADS)
        && !testDouble(facts.method().simpleOwner());
  }

  /** {@code MockRegistry}, {@code FakeClock}, {@code RegistryStub}, {@code TestServer}. */
  static boolean testDouble(String simpleOwner) {
    String name = simpleOwner.substring(simpleOwner.lastIndexOf('.') + 1);
    for (String word : TEST_WORDS) {
      if (name.endsWith(word)
          || (name.startsWith(word)
              && (name.length() == word.length()
                  || Character.isUpperCase(name.charAt(word.length()))))) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@code start}, {@code startServer}, {@code setConf}: not {@code settle} or {@code openness}.
   */
  static boolean oneShot(String name) {
    if (ONE_THREAD.contains(name)) {
      return true;
    }
    return ONE_SHOT_PREFIXES.stream().anyMatch(p -> startsWithWord(name, p));
  }

  /**
   * The network round trips a region may make every time it runs: a {@code latency} wait, or the
   * reply of one, through calls not deferred and not run only the first time. The region's own call
   * may be on one path only (a refresh when the cached value is stale counts: the method shows when
   * it runs), the calls below it may not (a condition in another class's body, such as "not
   * connected yet", is state the caller does not see), but for a test that the object waited on
   * exists ({@link #PRESENT}). A URL read does not count: often a file or a resource in a jar.
   */
  private List<WaitChain> networkRoundTrips(LockRegion region) {
    return networkRoundTrips(region, false);
  }

  /**
   * As {@link #networkRoundTrips(LockRegion)}; with {@code onAnyPathBelow} the calls below the
   * region's own may be under any condition too (a Realm's request method: which directory request
   * it makes depends on the realm's configuration, that it makes one does not).
   */
  private List<WaitChain> networkRoundTrips(LockRegion region, boolean onAnyPathBelow) {
    List<WaitChain> chains = new ArrayList<>();
    for (CallSite call : region.calls()) {
      if (!call.runVia().isEmpty() || !call.guard().mayRunEveryTime()) {
        continue;
      }
      summaries
          .evaluate(call)
          .waitChain()
          .filter(c -> c.tag() == WaitTag.LATENCY || c.reply())
          .filter(c -> URL_READS.stream().noneMatch(c.waitHop().name()::startsWith))
          .filter(
              c ->
                  onAnyPathBelow
                      || c.hops().stream()
                          .skip(1)
                          .noneMatch(
                              h -> h.conditional() && !PRESENT.matcher(h.condition()).matches()))
          .ifPresent(chains::add);
    }
    return chains;
  }
}
