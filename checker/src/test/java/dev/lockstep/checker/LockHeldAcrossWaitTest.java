package dev.lockstep.checker;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

// The fixtures are laid out for the reader and the line numbers the expected messages name.
@SuppressWarnings("MisformattedTestData")
final class LockHeldAcrossWaitTest {
  private static final String CLIENT = Corpus.fixture("serialAwait/test/Client.java");
  private static final String SERVICE =
      Corpus.fixture("frameworks/org/springframework/stereotype/Service.java");

  private CompilationTestHelper corpus(String name) {
    return Corpus.compilation(LockHeldAcrossWait.class, getClass(), name);
  }

  /**
   * Shared locks (static, a class literal, this or a field of a singleton bean, servlet, gRPC
   * service, sharable Netty handler, @ThreadSafe class or enum) held across a round trip, with
   * concurrent callers (handlers, bean methods, a timed tryLock); also a lock region spanning a
   * try-with-resources statement and a wait three calls down.
   */
  @Test
  void sharedLocksHeldAcrossRoundTrips() {
    corpus("lockAcrossWait").doTest();
  }

  /**
   * The traps: short sections, lazy and double-checked initialisation, lifecycle methods and
   * constructors, per-key and per-connection locks, error paths, read locks, local locks, more than
   * one permit, pauses and awaits, conditional round trips, scheduled methods, intent annotations,
   * suppression, and locks with no concurrent callers in sight.
   */
  @Test
  void tapsThatAreNotSerialisingRequestThreads() {
    corpus("lockAcrossWaitNegatives").expectNoDiagnostics().doTest();
  }

  /**
   * ADR 0017: locks of client-library classes nothing annotates — this, a field, both halves of a
   * ReadWriteLock, a static lock — held across a network round trip (also on one path only, and
   * through the JNDI and commons-pool catalogue entries) by a public method while another public
   * method takes the same lock without one.
   */
  @Test
  void libraryLocksThatOtherPublicMethodsQueueOn() {
    corpus("lockAcrossWaitLibrary").doTest();
  }

  /**
   * ADR 0017's traps: one public taker, every taker waits, double-checked creation through a local
   * copy, setters, set-up and test-only methods, test doubles, URL reads, untimed tryLock,
   * Object.wait, per-key and other objects' locks, error paths, per-request and per-channel
   * objects.
   */
  @Test
  void libraryLockTraps() {
    corpus("lockAcrossWaitLibraryNegatives").expectNoDiagnostics().doTest();
  }

  /**
   * ADR 0020: a lock taken in a private helper that a public method reaches (HBase 2.5.2's master
   * lock, across a shaded protobuf stub's RPC), an unshaded protobuf stub, a helper two calls down
   * and a queue through a private reader, and a Tomcat Realm's request method.
   */
  @Test
  void privateHelpersStubsAndRealms() {
    corpus("lockAcrossWaitHelpers").doTest();
  }

  /**
   * ADR 0020's traps: the double-check that repeats its test under the lock (HBase 2.5.3), a
   * server's own implementation of a generated interface, helpers no public method reaches every
   * time, no other taker that does not wait, and Realm methods that are not request methods.
   */
  @Test
  void helperAndRealmTraps() {
    corpus("lockAcrossWaitHelpersNegatives").expectNoDiagnostics().doTest();
  }

  /** {@code @SuppressWarnings} on the class, and {@code @SerializedResource} on the method. */
  @Test
  void suppressWarningsAndSerializedResourceSilenceIt() {
    CompilationTestHelper.newInstance(LockHeldAcrossWait.class, getClass())
        .addSourceLines("test/Client.java", CLIENT)
        .addSourceLines("org/springframework/stereotype/Service.java", SERVICE)
        .addSourceLines(
            "test/Tokens.java",
            """
            package test;
            import dev.lockstep.annotations.SerializedResource;
            import org.springframework.stereotype.Service;
            @Service
            @SuppressWarnings("LockHeldAcrossWait")
            class Suppressed {
              private final Client client = new Client();
              public synchronized String token() throws Exception {
                return client.send("token");
              }
            }
            @Service
            class Tokens {
              private final Client client = new Client();
              @SerializedResource(reason = "the issuer hands out one token at a time")
              public synchronized String declared() throws Exception {
                return client.send("token");
              }
              // BUG: Diagnostic contains: if one at a time is the contract, declare it with @SerializedResource(reason)
              public synchronized String reported() throws Exception {
                return client.send("token");
              }
            }
            """)
        .doTest();
  }

  /** {@code MaxDepth}: a round trip deeper than the bound is not seen. */
  @Test
  void maxDepthBoundsTheChain() {
    CompilationTestHelper.newInstance(LockHeldAcrossWait.class, getClass())
        .setArgs("-XepOpt:LockHeldAcrossWait:MaxDepth=1")
        .addSourceLines("test/Client.java", CLIENT)
        .addSourceLines("org/springframework/stereotype/Service.java", SERVICE)
        .addSourceLines(
            "test/Deep.java",
            """
            package test;
            import org.springframework.stereotype.Service;
            @Service
            class Deep {
              private final Client client = new Client();
              public synchronized String far() throws Exception {
                return hop(1);
              }
              private String hop(int n) throws Exception {
                return client.send("x" + n);
              }
              // BUG: Diagnostic contains: (send at Deep.java:14 -> HttpClient.send at Client.java:9)
              public synchronized String near() throws Exception {
                return client.send("y");
              }
            }
            """)
        .doTest();
  }
}
