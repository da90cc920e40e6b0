package dev.lockstep.samples.ingest;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Where events wait until acknowledged, like a message broker's queue with redelivery: {@link
 * #poll} hands out the next event, {@link #ack} removes it for good, {@link #nack} puts it back at
 * the end. An event handed out and neither acked nor nacked is still owed: {@link #unacknowledged}
 * counts it.
 */
public final class Inbox {
  private final Consumer<Event> onAck;

  @GuardedBy("this")
  private final Deque<Event> pending = new ArrayDeque<>();

  @GuardedBy("this")
  private final Map<String, Integer> acks = new LinkedHashMap<>();

  @GuardedBy("this")
  private int handedOut;

  /**
   * An inbox holding {@code events}.
   *
   * @param onAck told of every acknowledgement before it is recorded (a test checks there that the
   *     event really reached every downstream)
   */
  public Inbox(List<Event> events, Consumer<Event> onAck) {
    this.onAck = onAck;
    pending.addAll(events);
  }

  /** The next event to handle, or {@code null} when none is pending. */
  public synchronized Event poll() {
    Event event = pending.poll();
    if (event != null) {
      handedOut++;
    }
    return event;
  }

  /** {@code event} was handled: never deliver it again. */
  public void ack(Event event) {
    onAck.accept(event);
    synchronized (this) {
      handedOut--;
      acks.merge(event.id(), 1, Integer::sum);
    }
  }

  /** {@code event} was not handled: deliver it again later. */
  public synchronized void nack(Event event) {
    handedOut--;
    pending.addLast(event);
  }

  /** How often each event was acknowledged (exactly once each, when all goes well). */
  public synchronized Map<String, Integer> acks() {
    return Map.copyOf(acks);
  }

  /** Events waiting for (re)delivery. */
  public synchronized List<Event> pending() {
    return List.copyOf(pending);
  }

  /** Events handed out and not yet acked or nacked. */
  public synchronized int unacknowledged() {
    return handedOut;
  }
}
