package dev.lockstep.samples.relay;

import dev.lockstep.annotations.ResourceParallelism;
import dev.lockstep.samples.net.Http;
import java.io.IOException;
import java.net.URI;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Function;

/**
 * Fix (b), widen the bottleneck: {@code size} sessions, each still one publish at a time, so {@code
 * size} publishes make progress at once. The annotation declares it, so Lockstep checks windows
 * against it: a window wider than the pool would be an {@code OversizedWindow}.
 */
@ResourceParallelism(value = 5, reason = "five relay sessions, each one publish at a time")
public final class SessionPool {
  /** The pool's size, the parallelism declared above. */
  public static final int SIZE = 5;

  private final BlockingQueue<RelaySession> idle = new ArrayBlockingQueue<>(SIZE);

  public SessionPool(Http http, Function<String, URI> relay) {
    for (int i = 0; i < SIZE; i++) {
      idle.add(new RelaySession(http, relay));
    }
  }

  /** Publishes through an idle session, waiting for one if all are busy. */
  public void publish(String group, String message) throws IOException, InterruptedException {
    RelaySession session = idle.take();
    try {
      session.publish(group, message);
    } finally {
      idle.add(session);
    }
  }
}
