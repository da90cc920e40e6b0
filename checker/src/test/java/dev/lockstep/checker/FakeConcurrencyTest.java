package dev.lockstep.checker;

import static dev.lockstep.checker.ConcurrencyFixtures.CLIENT;
import static dev.lockstep.checker.ConcurrencyFixtures.RELAY;
import static dev.lockstep.checker.ConcurrencyFixtures.WINDOW;
import static dev.lockstep.checker.ConcurrencyFixtures.addSourceLines;
import static dev.lockstep.checker.ConcurrencyFixtures.addUnchangedSourceLines;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

// The fixtures are laid out for the reader and the line numbers the expected messages name.
@SuppressWarnings("MisformattedTestData")
final class FakeConcurrencyTest {
  private final CompilationTestHelper helper =
      addSourceLines(
          CompilationTestHelper.newInstance(FakeConcurrency.class, getClass()),
          CLIENT,
          WINDOW,
          RELAY);

  // ---------------------------------------------------------------------------------------------
  // Pipelines

  @Test
  void boundedWindowOverSynchronizedSession() {
    helper
        .addSourceLines(
            "test/Groups.java",
            """
            package test;
            import dev.lockstep.window.BoundedWindow;
            import java.util.List;
            class Groups {
              private final RelaySession session = new RelaySession();
              void publishAll(List<String> groups, String message) throws Exception {
                // BUG: Diagnostic contains: [FakeConcurrency] 5 workers, effective parallelism 1: each task reaches RelaySession.publish (synchronized on the shared 'session', RelaySession.java:10) which holds the monitor across HttpClient.send (RelaySession.java:14). Chain: publishAll (Groups.java:8) -> session.publish (Groups.java:8). Fix: remove the window and loop (same speed, less overhead), or widen the bottleneck (a pool of sessions, declared with @ResourceParallelism(n)), or keep it and say why with @Sequential(reason=…).
                BoundedWindow.of(5).forEach(groups, group -> session.publish(group, message));
              }
              void configured(List<String> groups) throws Exception {
                BoundedWindow window = BoundedWindow.of(3).unordered();
                // BUG: Diagnostic contains: 3 workers, effective parallelism 1
                window.map(groups, group -> { session.publish(group, "m"); return group; });
              }
            }
            """)
        .doTest();
  }

  @Test
  void executors() {
    helper
        .addSourceLines(
            "test/Pools.java",
            """
            package test;
            import java.util.List;
            import java.util.concurrent.Callable;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.LinkedBlockingQueue;
            import java.util.concurrent.ThreadPoolExecutor;
            import java.util.concurrent.TimeUnit;
            class Pools {
              private static final Object LOCK = new Object();
              private final Client client = new Client();
              private final ExecutorService fieldPool = Executors.newFixedThreadPool(6);
              private final ExecutorService sized;
              private final ThreadPoolExecutor bounded =
                  new ThreadPoolExecutor(2, 12, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
              Pools(int threads) {
                this.sized = Executors.newFixedThreadPool(threads);
              }
              void send(String id) {
                synchronized (LOCK) {
                  try { client.send(id); } catch (Exception e) { }
                }
              }
              void local(List<String> ids) {
                ExecutorService pool = Executors.newFixedThreadPool(4);
                for (String id : ids) {
                  // BUG: Diagnostic contains: 4 workers, effective parallelism 1: each task reaches Pools.send (synchronized on the static 'LOCK', Pools.java:20) which holds the monitor across HttpClient.send (Client.java:9). Chain: local (Pools.java:28) -> send (Pools.java:28). Fix: remove the pool and loop (same speed, less overhead), or widen the bottleneck (one lock per resource instead of the static 'LOCK', declared with @ResourceParallelism(n))
                  pool.submit(() -> send(id));
                }
              }
              void field(List<String> ids) {
                // BUG: Diagnostic contains: 6 workers, effective parallelism 1
                ids.forEach(id -> fieldPool.execute(() -> send(id)));
              }
              void constructorAssigned(List<String> ids) {
                // BUG: Diagnostic contains: 'threads' (not a constant) workers, effective parallelism 1
                ids.stream().map(id -> sized.submit(() -> { send(id); return id; })).toList();
              }
              void threadPoolExecutorMaximum(List<String> ids) {
                for (String id : ids) {
                  // BUG: Diagnostic contains: 12 workers, effective parallelism 1
                  bounded.submit(() -> { send(id); return null; });
                }
              }
              void invokeAll(List<String> ids) throws Exception {
                List<Callable<String>> tasks =
                    ids.stream().map(id -> (Callable<String>) () -> { send(id); return id; }).toList();
                // BUG: Diagnostic contains: 6 workers, effective parallelism 1
                fieldPool.invokeAll(tasks);
              }
              void invokeAnyAdded(List<String> ids) throws Exception {
                List<Callable<String>> tasks = new java.util.ArrayList<>();
                for (String id : ids) {
                  tasks.add(() -> { send(id); return id; });
                }
                // BUG: Diagnostic contains: 6 workers, effective parallelism 1
                fieldPool.invokeAny(tasks);
              }
              void unbounded(List<String> ids) {
                ExecutorService pool = Executors.newCachedThreadPool();
                for (String id : ids) {
                  // BUG: Diagnostic contains: unbounded workers, effective parallelism 1
                  pool.execute(() -> send(id));
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void futuresAndParallelStreams() {
    helper
        .addSourceLines(
            "test/Async.java",
            """
            package test;
            import java.util.List;
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Async {
              private final RelaySession session = new RelaySession();
              private final ExecutorService pool = Executors.newFixedThreadPool(10);
              void publish(String group) {
                try {
                  session.publish(group, "m");
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              }
              void withExecutor(List<String> groups) {
                List<CompletableFuture<Void>> all =
                    // BUG: Diagnostic contains: 10 workers, effective parallelism 1: each task reaches RelaySession.publish (synchronized on the shared 'session', RelaySession.java:10) which holds the monitor across HttpClient.send (RelaySession.java:14). Chain: withExecutor (Async.java:19) -> publish (Async.java:19) -> session.publish (Async.java:11). Fix: remove the async tasks and loop
                    groups.stream().map(g -> CompletableFuture.runAsync(() -> publish(g), pool)).toList();
                CompletableFuture.allOf(all.toArray(new CompletableFuture<?>[0])).join();
              }
              void commonPool(List<String> groups) {
                for (String g : groups) {
                  // BUG: Diagnostic contains: 7 workers (common pool: cores − 1, cores = 8), effective parallelism 1
                  CompletableFuture.supplyAsync(() -> { publish(g); return g; });
                }
              }
              void parallelStream(List<String> groups) {
                // BUG: Diagnostic contains: 8 workers (≈ cores, cores = 8), effective parallelism 1
                groups.parallelStream().map(g -> { publish(g); return g; }).toList();
              }
              void parallel(List<String> groups) {
                // BUG: Diagnostic contains: Fix: remove the parallel stream and loop
                groups.stream().parallel().forEach(this::publish);
              }
            }
            """)
        .doTest();
  }

  // ---------------------------------------------------------------------------------------------
  // Serialization points

  @Test
  void locksSemaphoresAndExecutors() {
    helper
        .addSourceLines(
            "test/Points.java",
            """
            package test;
            import dev.lockstep.window.BoundedWindow;
            import java.util.List;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.Semaphore;
            import java.util.concurrent.locks.ReentrantLock;
            import java.util.concurrent.locks.ReentrantReadWriteLock;
            class Points {
              private final Client client = new Client();
              private final ReentrantLock lock = new ReentrantLock();
              private final ReentrantReadWriteLock rw = new ReentrantReadWriteLock();
              private final Semaphore one = new Semaphore(1);
              private final ExecutorService single = Executors.newSingleThreadExecutor();
              void locked(List<String> ids) throws Exception {
                // BUG: Diagnostic contains: 5 workers, effective parallelism 1: each task reaches Points.locked (locks the shared 'lock', Points.java:18) which holds the lock across HttpClient.send (Client.java:9). Chain: locked (Points.java:17). Fix: remove the window and loop (same speed, less overhead), or widen the bottleneck (finer-grained locks, one per key, declared with @ResourceParallelism(n))
                BoundedWindow.of(5).forEach(ids, id -> {
                  lock.lock();
                  try {
                    client.send(id);
                  } finally {
                    lock.unlock();
                  }
                });
              }
              void writeLocked(List<String> ids) throws Exception {
                // BUG: Diagnostic contains: (locks the shared 'rw' write lock, Points.java:29)
                BoundedWindow.of(5).forEach(ids, id -> {
                  rw.writeLock().lock();
                  try {
                    client.send(id);
                  } finally {
                    rw.writeLock().unlock();
                  }
                });
              }
              void semaphoreOfOne(List<String> ids) throws Exception {
                // BUG: Diagnostic contains: (acquires the shared 'one' semaphore of 1 permit, Points.java:40) which holds a permit across HttpClient.send (Client.java:9)
                BoundedWindow.of(5).forEach(ids, id -> {
                  one.acquire();
                  try {
                    client.send(id);
                  } finally {
                    one.release();
                  }
                });
              }
              void singleThreadExecutor(List<String> ids) throws Exception {
                // BUG: Diagnostic contains: (hands work to the shared 'single' executor of 1 thread, Points.java:50) and waits for it with Future.get (Points.java:50)
                BoundedWindow.of(5).forEach(ids, id -> single.submit(() -> client.send(id)).get());
              }
            }
            """)
        .doTest();
  }

  @Test
  void sharedObjects() {
    helper
        .addSourceLines(
            "test/Registry.java",
            """
            package test;
            final class Registry {
              private static final Registry INSTANCE = new Registry();
              private final Client client = new Client();
              static Registry getInstance() { return INSTANCE; }
              synchronized String lookup(String id) throws Exception { return client.send(id); }
            }
            """)
        .addSourceLines(
            "test/Service.java",
            """
            package test;
            import dev.lockstep.annotations.SerializedResource;
            import dev.lockstep.window.BoundedWindow;
            import java.util.List;
            class Service {
              private final Client client = new Client();
              @SerializedResource(reason = "the legacy gateway takes one call at a time")
              private final Client legacy = new Client();
              void viaThis(String id) throws Exception {
                synchronized (this) {
                  client.send(id);
                }
              }
              void thisOfSharedService(List<String> ids) throws Exception {
                // BUG: Diagnostic contains: each task reaches Service.viaThis (synchronized on the shared Service instance, Service.java:10) which holds the monitor across HttpClient.send (Client.java:9). Chain: thisOfSharedService (Service.java:16) -> viaThis (Service.java:16)
                BoundedWindow.of(5).forEach(ids, this::viaThis);
              }
              void capturedLocal(List<String> ids) throws Exception {
                Object lock = new Object();
                // BUG: Diagnostic contains: each task reaches Service.capturedLocal (synchronized on the shared 'lock', Service.java:22)
                BoundedWindow.of(5).forEach(ids, id -> {
                  synchronized (lock) {
                    client.send(id);
                  }
                });
              }
              void singleton(List<String> ids) throws Exception {
                // BUG: Diagnostic contains: each task reaches Registry.lookup (synchronized on the shared Registry instance, Registry.java:6) which holds the monitor across HttpClient.send (Client.java:9). Chain: singleton (Service.java:29) -> lookup (Service.java:29)
                BoundedWindow.of(5).forEach(ids, id -> Registry.getInstance().lookup(id));
              }
              void declaredField(List<String> ids) throws Exception {
                // BUG: Diagnostic contains: each task reaches 'legacy' (declared @SerializedResource, Service.java:33) which waits on HttpClient.send (Client.java:9). Chain: declaredField (Service.java:33) -> legacy.send (Service.java:33)
                BoundedWindow.of(5).forEach(ids, id -> legacy.send(id));
              }
            }
            """)
        .doTest();
  }

  @Test
  void librarySynchronizedMethodThatWaits(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws java.io.IOException {
    // Hashtable.get is synchronized in its class file; a user catalogue makes it a wait here.
    java.nio.file.Path catalogue = dir.resolve("waits.tsv");
    java.nio.file.Files.writeString(
        catalogue, "java.util.Hashtable  get  *  latency  Hashtable.get\n");
    addSourceLines(CompilationTestHelper.newInstance(FakeConcurrency.class, getClass()), WINDOW)
        .addSourceLines(
            "test/Lib.java",
            """
            package test;
            import dev.lockstep.window.BoundedWindow;
            import java.util.Hashtable;
            import java.util.List;
            class Lib {
              private final Hashtable<String, String> table = new Hashtable<>();
              void run(List<String> ids) throws Exception {
                // BUG: Diagnostic contains: each task reaches Hashtable.get (synchronized, on the shared 'table', Lib.java:9) which holds the monitor while it waits
                BoundedWindow.of(5).forEach(ids, id -> table.get(id));
              }
            }
            """)
        .setArgs("-XepOpt:Lockstep:CatalogueFile=" + catalogue)
        .doTest();
  }

  @Test
  void timedTryLockSerializes() {
    helper
        .addSourceLines(
            "test/Timed.java",
            """
            package test;
            import dev.lockstep.window.BoundedWindow;
            import java.util.List;
            import java.util.concurrent.TimeUnit;
            import java.util.concurrent.locks.ReentrantLock;
            class Timed {
              private final Client client = new Client();
              private final ReentrantLock lock = new ReentrantLock();
              void branch(List<String> ids) throws Exception {
                // BUG: Diagnostic contains: 5 workers, effective parallelism 1: each task reaches Timed.branch (locks the shared 'lock', Timed.java:12) which holds the lock across HttpClient.send (Client.java:9). Chain: branch (Timed.java:11)
                BoundedWindow.of(5).forEach(ids, id -> {
                  if (lock.tryLock(1, TimeUnit.SECONDS)) {
                    try {
                      client.send(id);
                    } finally {
                      lock.unlock();
                    }
                  }
                });
              }
              void guard(String id) throws Exception {
                if (!lock.tryLock(1, TimeUnit.SECONDS)) {
                  throw new IllegalStateException("busy");
                }
                try {
                  client.send(id);
                } finally {
                  lock.unlock();
                }
              }
              void guarded(List<String> ids) throws Exception {
                // BUG: Diagnostic contains: each task reaches Timed.guard (locks the shared 'lock', Timed.java:22) which holds the lock across HttpClient.send (Client.java:9). Chain: guarded (Timed.java:33) -> guard (Timed.java:33)
                BoundedWindow.of(5).forEach(ids, this::guard);
              }
            }
            """)
        .doTest();
  }

  @Test
  void untimedTryLockSkipsInsteadOfQueueing() {
    helper
        .addSourceLines(
            "test/Skip.java",
            """
            package test;
            import dev.lockstep.window.BoundedWindow;
            import java.util.List;
            import java.util.concurrent.Semaphore;
            import java.util.concurrent.locks.ReentrantLock;
            class Skip {
              private final Client client = new Client();
              private final ReentrantLock lock = new ReentrantLock();
              private final Semaphore one = new Semaphore(1);
              void refreshIfIdle(List<String> ids) throws Exception {
                // A busy lock means another task refreshes: this one moves on, nobody queues.
                BoundedWindow.of(5).forEach(ids, id -> {
                  if (lock.tryLock()) {
                    try {
                      client.send(id);
                    } finally {
                      lock.unlock();
                    }
                  }
                  if (one.tryAcquire()) {
                    try {
                      client.send(id);
                    } finally {
                      one.release();
                    }
                  }
                });
              }
            }
            """)
        .doTest();
  }

  @Test
  void zeroTimeoutTryLockSkipsInsteadOfQueueing() {
    helper
        .addSourceLines(
            "test/NoWait.java",
            """
            package test;
            import dev.lockstep.window.BoundedWindow;
            import java.util.List;
            import java.util.concurrent.Semaphore;
            import java.util.concurrent.TimeUnit;
            import java.util.concurrent.locks.ReentrantLock;
            class NoWait {
              private static final long NO_WAIT = 0L;
              private final Client client = new Client();
              private final ReentrantLock lock = new ReentrantLock(true);
              private final Semaphore one = new Semaphore(1, true);
              void refreshIfIdle(List<String> ids) throws Exception {
                // A zero timeout returns at once (honouring fairness): a busy lock is skipped.
                BoundedWindow.of(5).forEach(ids, id -> {
                  if (lock.tryLock(0, TimeUnit.SECONDS)) {
                    try {
                      client.send(id);
                    } finally {
                      lock.unlock();
                    }
                  }
                  if (!one.tryAcquire(1, NO_WAIT, TimeUnit.SECONDS)) {
                    return;
                  }
                  try {
                    client.send(id);
                  } finally {
                    one.release();
                  }
                });
              }
            }
            """)
        .doTest();
  }

  @Test
  void helperThatReassignsItsParameter() {
    helper
        .addSourceLines(
            "test/Reassigning.java",
            """
            package test;
            import dev.lockstep.window.BoundedWindow;
            import java.util.List;
            class Reassigning {
              private static final Object LOCK = new Object();
              private final Client client = new Client();
              static String locked(Object lock, Client client, String id) throws Exception {
                lock = new Object(); // from here on, one object per call
                synchronized (lock) {
                  return client.send(id);
                }
              }
              void lockReplaced(List<String> ids) throws Exception {
                BoundedWindow.of(5).forEach(ids, id -> locked(LOCK, client, id));
              }
            }
            """)
        .doTest();
  }

  @Test
  void sharedObjectsPassedToHelpers() {
    helper
        .addSourceLines(
            "test/Helpers.java",
            """
            package test;
            final class Helpers {
              private Helpers() {}
              static String locked(Object lock, Client client, String id) throws Exception {
                synchronized (lock) {
                  return client.send(id);
                }
              }
              static void publishVia(RelaySession session, String group) throws Exception {
                session.publish(group, "m");
              }
            }
            """)
        .addSourceLines(
            "test/Passing.java",
            """
            package test;
            import dev.lockstep.window.BoundedWindow;
            import java.util.List;
            class Passing {
              private static final Object LOCK = new Object();
              private final Client client = new Client();
              private final RelaySession session = new RelaySession();
              void lockPassed(List<String> ids) throws Exception {
                // BUG: Diagnostic contains: 5 workers, effective parallelism 1: each task reaches Helpers.locked (synchronized on the shared 'lock', Helpers.java:5) which holds the monitor across HttpClient.send (Client.java:9). Chain: lockPassed (Passing.java:10)
                BoundedWindow.of(5).forEach(ids, id -> Helpers.locked(LOCK, client, id));
              }
              void servicePassed(List<String> groups) throws Exception {
                // BUG: Diagnostic contains: each task reaches RelaySession.publish (synchronized on the shared 'session', RelaySession.java:10) which holds the monitor across HttpClient.send (RelaySession.java:14). Chain: servicePassed (Passing.java:14) -> session.publish (Helpers.java:10)
                BoundedWindow.of(5).forEach(groups, g -> Helpers.publishVia(session, g));
              }
              void perTaskLockPassed(List<String> ids) throws Exception {
                BoundedWindow.of(5).forEach(ids, id -> Helpers.locked(new Object(), client, id));
              }
              void perItemLockPassed(List<Object> locks) throws Exception {
                BoundedWindow.of(5).forEach(locks, l -> Helpers.locked(l, client, "x"));
              }
              void perTaskServicePassed(List<String> groups) throws Exception {
                BoundedWindow.of(5).forEach(groups, g -> Helpers.publishVia(new RelaySession(), g));
              }
            }
            """)
        .doTest();
  }

  @Test
  void lockRegionsInLambdasOfOrdinaryMethods() {
    helper
        .addSourceLines(
            "test/Retrying.java",
            """
            package test;
            import dev.lockstep.window.BoundedWindow;
            import java.util.List;
            import java.util.concurrent.Callable;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Retrying {
              private final Client client = new Client();
              private final ExecutorService background = Executors.newCachedThreadPool();
              static <T> T retry(Callable<T> call) throws Exception {
                return call.call();
              }
              String send(String id) throws Exception {
                return retry(() -> {
                  synchronized (this) {
                    return client.send(id);
                  }
                });
              }
              void later(String id) {
                background.execute(() -> {
                  synchronized (this) {
                    try { client.send(id); } catch (Exception e) { }
                  }
                });
              }
              void run(List<String> ids) throws Exception {
                // BUG: Diagnostic contains: each task reaches Retrying.send (synchronized on the shared Retrying instance, Retrying.java:15) which holds the monitor across HttpClient.send (Client.java:9). Chain: run (Retrying.java:29) -> send (Retrying.java:29)
                BoundedWindow.of(5).forEach(ids, this::send);
              }
              void deferred(List<String> ids) throws Exception {
                // The lock is taken by the background task, not by the window's.
                BoundedWindow.of(5).forEach(ids, this::later);
              }
            }
            """)
        .doTest();
  }

  @Test
  void semaphoreGatedPipelines() {
    helper
        .addSourceLines(
            "test/Gated.java",
            """
            package test;
            import java.util.List;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.Semaphore;
            class Gated {
              private final RelaySession session = new RelaySession();
              private final Client client = new Client();
              private final Semaphore gate = new Semaphore(8);
              void virtualThreads(List<String> groups) {
                try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
                  for (String g : groups) {
                    // BUG: Diagnostic contains: 8 workers (gated by semaphore 'gate'), effective parallelism 1: each task reaches RelaySession.publish (synchronized on the shared 'session', RelaySession.java:10)
                    threads.submit(() -> {
                      gate.acquire();
                      try {
                        session.publish(g, "m");
                      } finally {
                        gate.release();
                      }
                      return g;
                    });
                  }
                }
              }
              void gateOnly(List<String> ids) {
                try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
                  for (String id : ids) {
                    threads.submit(() -> {
                      gate.acquire();
                      try {
                        return client.send(id);
                      } finally {
                        gate.release();
                      }
                    });
                  }
                }
              }
              void threadPerItem(List<String> groups) {
                for (String g : groups) {
                  // BUG: Diagnostic contains: 8 workers (gated by semaphore 'gate'), effective parallelism 1: each task reaches RelaySession.publish (synchronized on the shared 'session', RelaySession.java:10) which holds the monitor across HttpClient.send (RelaySession.java:14). Chain: threadPerItem (Gated.java:43) -> session.publish (Gated.java:47)
                  Thread.ofVirtual().start(() -> {
                    try {
                      gate.acquire();
                      try {
                        session.publish(g, "m");
                      } finally {
                        gate.release();
                      }
                    } catch (Exception e) {
                      throw new IllegalStateException(e);
                    }
                  });
                }
              }
              void ungatedThreads(List<String> groups) {
                for (String g : groups) {
                  // BUG: Diagnostic contains: unbounded workers, effective parallelism 1
                  Thread.startVirtualThread(() -> {
                    try { session.publish(g, "m"); } catch (Exception e) { }
                  });
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void parallelStreamCollect() {
    helper
        .addSourceLines(
            "test/Collecting.java",
            """
            package test;
            import java.util.List;
            import java.util.stream.Collectors;
            class Collecting {
              private final RelaySession session = new RelaySession();
              String publish(String g) {
                try {
                  session.publish(g, "m");
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
                return g;
              }
              List<String> run(List<String> groups) {
                // BUG: Diagnostic contains: 8 workers (≈ cores, cores = 8), effective parallelism 1: each task reaches RelaySession.publish (synchronized on the shared 'session', RelaySession.java:10) which holds the monitor across HttpClient.send (RelaySession.java:14). Chain: run (Collecting.java:16) -> publish (Collecting.java:16) -> session.publish (Collecting.java:8)
                return groups.parallelStream().map(this::publish).collect(Collectors.toList());
              }
            }
            """)
        .doTest();
  }

  @Test
  void declaredOnTheMethodAndMonitorField() {
    helper
        .addSourceLines(
            "test/Legacy.java",
            """
            package test;
            import dev.lockstep.annotations.SerializedResource;
            public class Legacy {
              private final Client client = new Client();
              @SerializedResource(reason = "the mainframe session takes one call at a time")
              public String call(String id) throws Exception {
                return client.send(id);
              }
            }
            """)
        .addSourceLines(
            "test/Users.java",
            """
            package test;
            import dev.lockstep.window.BoundedWindow;
            import java.util.List;
            class Users {
              private final Legacy legacy = new Legacy();
              private final Object mutex = new Object();
              private final Client client = new Client();
              void declaredMethod(List<String> ids) throws Exception {
                // BUG: Diagnostic contains: 5 workers, effective parallelism 1: each task reaches Legacy.call (declared @SerializedResource, Users.java:10) which waits on HttpClient.send (Client.java:9). Chain: declaredMethod (Users.java:10) -> legacy.call (Users.java:10). Fix: remove the window and loop (same speed, less overhead), or widen the bottleneck (a pool of legacies, declared
                BoundedWindow.of(5).forEach(ids, legacy::call);
              }
              void monitorField(List<String> ids) throws Exception {
                // BUG: Diagnostic contains: each task reaches Users.monitorField (synchronized on the shared 'mutex', Users.java:15) which holds the monitor across HttpClient.send (Client.java:9). Chain: monitorField (Users.java:14). Fix: remove the window and loop (same speed, less overhead), or widen the bottleneck (a pool of mutexes, declared
                BoundedWindow.of(5).forEach(ids, id -> {
                  synchronized (mutex) {
                    client.send(id);
                  }
                });
              }
            }
            """)
        .doTest();
  }

  @Test
  void executorFieldsAssignedOnceOutsideTheConstructor() {
    helper
        .addSourceLines(
            "test/Service.java",
            """
            package test;
            import java.util.List;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Service {
              private final RelaySession session = new RelaySession();
              private ExecutorService started;
              private ExecutorService swapped;
              void start() {
                started = Executors.newFixedThreadPool(4);
                swapped = Executors.newFixedThreadPool(4);
              }
              void resize() {
                swapped = Executors.newSingleThreadExecutor();
              }
              void publishAll(List<String> groups) {
                for (String g : groups) {
                  // BUG: Diagnostic contains: 4 workers, effective parallelism 1: each task reaches RelaySession.publish (synchronized on the shared 'session', RelaySession.java:10)
                  started.submit(() -> { session.publish(g, "m"); return g; });
                }
              }
              void publishAllSwapped(List<String> groups) {
                for (String g : groups) {
                  // Two assignments: which executor runs the tasks is not known.
                  swapped.submit(() -> { session.publish(g, "m"); return g; });
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void offersNoAutomaticFix() {
    // Removing the pool, widening the resource and declaring the intent are design decisions.
    addUnchangedSourceLines(
            BugCheckerRefactoringTestHelper.newInstance(FakeConcurrency.class, getClass()),
            CLIENT,
            WINDOW,
            RELAY)
        .addInputLines(
            "test/Groups.java",
            """
            package test;
            import dev.lockstep.window.BoundedWindow;
            import java.util.List;
            class Groups {
              private final RelaySession session = new RelaySession();
              void publishAll(List<String> groups) throws Exception {
                BoundedWindow.of(5).forEach(groups, g -> session.publish(g, "m"));
              }
            }
            """)
        .expectUnchanged()
        .doTest();
  }

  // ---------------------------------------------------------------------------------------------
  // What must not be a finding (shared with OversizedWindow's test)

  @Test
  void negatives() {
    ConcurrencyFixtures.negatives(helper);
  }

  @Test
  void suppressionAndIntent() {
    helper
        .addSourceLines(
            "test/Intent.java",
            """
            package test;
            import dev.lockstep.annotations.Sequential;
            import dev.lockstep.window.BoundedWindow;
            import java.util.List;
            class Intent {
              private final RelaySession session = new RelaySession();
              @SuppressWarnings("FakeConcurrency")
              void suppressed(List<String> groups) throws Exception {
                BoundedWindow.of(5).forEach(groups, g -> session.publish(g, "m"));
              }
              @Sequential(reason = "the relay bans parallel publishers; the window is for timeouts")
              void sequential(List<String> groups) throws Exception {
                BoundedWindow.of(5).forEach(groups, g -> session.publish(g, "m"));
              }
              @Sequential(reason = "one at a time on purpose")
              void publishOne(String g) throws Exception {
                session.publish(g, "m");
              }
              void sequentialTask(List<String> groups) throws Exception {
                BoundedWindow.of(5).forEach(groups, this::publishOne);
              }
            }
            """)
        .doTest();
  }

  // ---------------------------------------------------------------------------------------------
  // Flags

  @Test
  void coresFlag() {
    helper
        .addSourceLines(
            "test/Cores.java",
            """
            package test;
            import java.util.List;
            class Cores {
              private final RelaySession session = new RelaySession();
              void run(List<String> groups) {
                // BUG: Diagnostic contains: 16 workers (≈ cores, cores = 16), effective parallelism 1
                groups.parallelStream().forEach(g -> {
                  try { session.publish(g, "m"); } catch (Exception e) { }
                });
              }
            }
            """)
        .setArgs("-XepOpt:FakeConcurrency:Cores=16")
        .doTest();
  }

  /**
   * A lock whose wait is two bodies below it (publish, post, then Client.send); {@code comment}
   * stands above the window, on line 12. The two depth tests share it: only the flag differs.
   */
  private static String depth(String comment) {
    return """
        package test;
        import dev.lockstep.window.BoundedWindow;
        import java.util.List;
        class Depth {
          private final Client client = new Client();
          synchronized void publish(String g) throws Exception {
            post(g);
          }
          private void post(String g) throws Exception {
            client.send(g);
          }
          void run(List<String> groups) throws Exception {
            %s
            BoundedWindow.of(5).forEach(groups, this::publish);
          }
        }
        """
        .formatted(comment);
  }

  @Test
  void maxDepthFlag() {
    helper
        .addSourceLines(
            "test/Depth.java", depth("// The wait is two bodies below the lock: out of reach."))
        .setArgs("-XepOpt:FakeConcurrency:MaxDepth=1")
        .doTest();
  }

  @Test
  void maxDepthDefaultReachesIt() {
    helper
        .addSourceLines(
            "test/Depth.java",
            depth(
                "// BUG: Diagnostic contains: each task reaches Depth.publish (synchronized on the"
                    + " shared Depth instance, Depth.java:6) which holds the monitor across"
                    + " HttpClient.send (Client.java:9)"))
        .doTest();
  }

  @Test
  void badFlagIsOneError() {
    CompilationTestHelper.newInstance(FakeConcurrency.class, getClass())
        .expectResult(com.sun.tools.javac.main.Main.Result.ERROR)
        .addSourceLines(
            "test/Bad.java",
            """
            // BUG: Diagnostic contains: -XepOpt:FakeConcurrency:Cores must be at least 1, got 0
            package test;
            class Bad {}
            """)
        .setArgs("-XepOpt:FakeConcurrency:Cores=0")
        .doTest();
  }
}
