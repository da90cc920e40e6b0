package dev.lockstep.analysis.summary;

import static java.util.Objects.requireNonNull;

import dev.lockstep.analysis.catalogue.WaitTag;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A witness that something waits: the calls from the start (a loop body, a method body) to the wait
 * itself, the last hop. Its length is the number of hops.
 *
 * @param channelParameter for a {@link WaitTag#CHANNEL} wait made on a parameter of the chain's
 *     first method ({@code in.read(buf)} in {@code readFully(in, buf)}): that parameter's index,
 *     for the caller to tell whether every call passes the same stream; else {@code -1}
 * @param sharedChannel the variable the caller passes as that stream when every run passes the same
 *     one ({@code fd}); else empty
 * @param urlParameter for a read of a URL that the chain's first method gets from one of its
 *     parameters ({@code parse(URL u)}, {@code new URL(base, name)}): that parameter's index, for
 *     the caller to tell whether it passes a local URL; {@link #CALLERS_URL} when it comes from a
 *     parameter of the method around a loop; else {@code -1}
 * @param batch the client's call that does the work of many such waits in one round trip (from the
 *     catalogue entry of the wait), or empty
 * @param reply for an {@link WaitTag#AWAIT} wait: whether what it awaits is the reply of a round
 *     trip started in the same scope by a catalogued asynchronous call ({@code
 *     client.sendAsync(request, handler).join()}, an {@code [async]} entry): the thread waits for
 *     that round trip as if it had made it itself
 */
public record WaitChain(
    List<Hop> hops,
    WaitTag tag,
    int channelParameter,
    String sharedChannel,
    int urlParameter,
    String batch,
    boolean reply) {
  /** {@link #urlParameter()} of a URL that the method around a loop got from its callers. */
  public static final int CALLERS_URL = Integer.MAX_VALUE;

  public WaitChain {
    hops = List.copyOf(hops);
    if (hops.isEmpty()) {
      throw new IllegalArgumentException("a chain has at least the wait itself");
    }
    requireNonNull(tag, "tag");
    requireNonNull(sharedChannel, "sharedChannel");
    requireNonNull(batch, "batch");
  }

  public WaitChain(List<Hop> hops, WaitTag tag) {
    this(hops, tag, -1, "", -1, "", false);
  }

  public static WaitChain direct(Hop wait, WaitTag tag) {
    return new WaitChain(List.of(wait), tag);
  }

  /** This chain reached through one more call. */
  public WaitChain after(Hop call) {
    return after(call, -1, "", -1);
  }

  /**
   * This chain reached through one more call, with what that call passes as the channel and as the
   * URL read.
   */
  public WaitChain after(Hop call, int channelParameter, String sharedChannel, int urlParameter) {
    List<Hop> all = new ArrayList<>(hops.size() + 1);
    all.add(call);
    all.addAll(hops);
    return new WaitChain(all, tag, channelParameter, sharedChannel, urlParameter, batch, reply);
  }

  /** The same chain with the channel it is made on. */
  public WaitChain onChannel(int parameter) {
    return new WaitChain(hops, tag, parameter, sharedChannel, urlParameter, batch, reply);
  }

  /** The same chain reading a URL that the method got from its parameter {@code parameter}. */
  public WaitChain onUrlParameter(int parameter) {
    return new WaitChain(hops, tag, channelParameter, sharedChannel, parameter, batch, reply);
  }

  /** The same chain, its wait doable in batches by {@code call}. */
  public WaitChain withBatch(String call) {
    return new WaitChain(hops, tag, channelParameter, sharedChannel, urlParameter, call, reply);
  }

  /** The same chain, awaiting the reply of a round trip it started ({@link #reply()}). */
  public WaitChain asReply() {
    return new WaitChain(hops, tag, channelParameter, sharedChannel, urlParameter, batch, true);
  }

  /** Whether the wait is a round trip: a {@code latency} or {@code channel} call, or a reply. */
  public boolean roundTrip() {
    return tag == WaitTag.LATENCY || tag == WaitTag.CHANNEL || reply;
  }

  /** The same chain with its first hop's condition dropped: that call runs every time. */
  public WaitChain firstHopAlways() {
    List<Hop> all = new ArrayList<>(hops);
    Hop first = all.get(0);
    all.set(0, new Hop(first.name(), first.location(), ""));
    return new WaitChain(all, tag, channelParameter, sharedChannel, urlParameter, batch, reply);
  }

  public int length() {
    return hops.size();
  }

  /** Whether some hop runs only under a condition: the wait may not happen every time. */
  public boolean conditional() {
    return hops.stream().anyMatch(Hop::conditional);
  }

  public Hop waitHop() {
    return hops.get(hops.size() - 1);
  }

  /** {@code publish at Relay.java:20 -> HttpClient.send at Relay.java:41}. */
  public String render() {
    return hops.stream().map(Hop::render).collect(Collectors.joining(" -> "));
  }
}
