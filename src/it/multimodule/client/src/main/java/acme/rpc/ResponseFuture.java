package acme.rpc;

import java.util.concurrent.CountDownLatch;

/** A reply not yet read: the reader thread completes it, the caller parks until then. */
public final class ResponseFuture {
  private final CountDownLatch done = new CountDownLatch(1);
  private volatile String value;

  public String get() throws InterruptedException {
    done.await();
    return value;
  }

  void complete(String reply) {
    value = reply;
    done.countDown();
  }
}
