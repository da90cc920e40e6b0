package dev.lockstep.analysis.rules;

import static java.util.Objects.requireNonNull;

import dev.lockstep.analysis.facts.LockRegion;
import dev.lockstep.analysis.facts.Mark;
import dev.lockstep.analysis.facts.MethodFacts;
import dev.lockstep.analysis.facts.MethodRole;
import dev.lockstep.analysis.finding.Checks;
import dev.lockstep.analysis.finding.Cost;
import dev.lockstep.analysis.finding.Finding;
import dev.lockstep.analysis.finding.FixPlan;
import dev.lockstep.analysis.read.HeldLocks.HeldLock;
import dev.lockstep.analysis.read.HeldLocks.Owner;
import dev.lockstep.analysis.summary.Summaries;
import dev.lockstep.analysis.summary.WaitChain;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
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
    if (locks.isEmpty()
        || role.isConstructor()
        || LIFECYCLE.contains(role.name())
        || facts.allMarks().has(Mark.SEQUENTIAL)
        || facts.allMarks().has(Mark.SERIALIZED_RESOURCE)
        || facts.typeMarks().has(Mark.RESOURCE_PARALLELISM)) {
      return List.of();
    }
    List<Finding> findings = new ArrayList<>();
    for (HeldLock lock : locks) {
      judge(role, facts, lock).ifPresent(findings::add);
    }
    return findings;
  }

  private Optional<Finding> judge(MethodRole role, MethodFacts facts, HeldLock lock) {
    LockRegion region = lock.region();
    if (!exclusive(region)
        || region.lazyInit()
        || lock.onErrorPath()
        || lock.lockMarks().has(Mark.SERIALIZED_RESOURCE)
        || lock.lockMarks().has(Mark.RESOURCE_PARALLELISM)) {
      return Optional.empty();
    }
    Optional<String> shared = shared(role, lock.owner(), region.lock());
    if (shared.isEmpty()) {
      return Optional.empty();
    }
    Optional<String> concurrent = concurrentCallers(role, lock);
    if (concurrent.isEmpty()) {
      return Optional.empty();
    }
    List<WaitChain> chains = TaskRoundTrips.of(summaries, region.calls());
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
}
