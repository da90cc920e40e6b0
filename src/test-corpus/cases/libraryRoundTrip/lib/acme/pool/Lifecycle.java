package acme.pool;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.ReentrantLock;

/** A component's start: a lock, and a latch its worker counts down once it runs. */
public class Lifecycle {
  private final ReentrantLock lock = new ReentrantLock();
  private final CountDownLatch started = new CountDownLatch(1);

  public void start() throws InterruptedException {
    lock.lock();
    try {
      new Thread(started::countDown).start();
      started.await();
    } finally {
      lock.unlock();
    }
  }
}
