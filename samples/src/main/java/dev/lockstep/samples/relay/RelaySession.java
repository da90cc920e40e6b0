package dev.lockstep.samples.relay;

import dev.lockstep.annotations.SerializedResource;
import dev.lockstep.samples.net.Http;
import java.io.IOException;
import java.net.URI;
import java.util.function.Function;

/**
 * A session with the relay. The relay's protocol numbers the messages of a session, so a session
 * sends one message at a time: {@link #publish} holds the session's monitor across the round trip.
 * The annotation says so to readers and to Lockstep.
 */
@SerializedResource(reason = "the relay numbers a session's messages: one publish at a time")
public final class RelaySession {
  private final Http http;
  private final Function<String, URI> relay;
  private long sequence;

  public RelaySession(Http http, Function<String, URI> relay) {
    this.http = http;
    this.relay = relay;
  }

  /** Publishes {@code message} to {@code group} as the session's next message: one round trip. */
  public synchronized void publish(String group, String message)
      throws IOException, InterruptedException {
    sequence++;
    http.post(relay.apply("/publish?group=" + group + "&seq=" + sequence), message);
  }
}
