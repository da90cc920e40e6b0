package acme.pool;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;

/** A connection pool: a checkout parks on a permit, and on the warm-up latch, never on a peer. */
public class Pool {
  private final Semaphore permits = new Semaphore(4);
  private final CountDownLatch warm = new CountDownLatch(1);
  private final Deque<Object> idle = new ArrayDeque<>();

  public Object borrow() throws InterruptedException {
    warm.await();
    permits.acquire();
    synchronized (idle) {
      Object connection = idle.poll();
      return connection != null ? connection : new Object();
    }
  }

  public void release(Object connection) {
    synchronized (idle) {
      idle.push(connection);
    }
    permits.release();
  }

  public void warmUp() {
    warm.countDown();
  }
}
