package test;
import dev.lockstep.annotations.ResourceParallelism;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
@ResourceParallelism(value = SessionPool.SIZE, reason = "five sessions")
public class SessionPool {
  public static final int SIZE = 5;
  private final BlockingQueue<RelaySession> sessions = new ArrayBlockingQueue<>(SIZE);
  public void publish(String group, String message) throws Exception {
    RelaySession session = sessions.take();
    try {
      session.publish(group, message);
    } finally {
      sessions.put(session);
    }
  }
}
