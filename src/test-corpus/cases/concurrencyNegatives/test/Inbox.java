package test;
import java.util.ArrayDeque;
import java.util.Deque;
public class Inbox {
  private final Deque<String> queue = new ArrayDeque<>();
  private int acked;
  public synchronized String poll() { return queue.poll(); }
  public synchronized void ack(String id) { acked++; }
  public synchronized void nack(String id) { queue.addLast(id); }
}
