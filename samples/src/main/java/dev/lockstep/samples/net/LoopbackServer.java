package dev.lockstep.samples.net;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An HTTP server on 127.0.0.1 that answers every request after {@code rtt}, standing in for a
 * remote service one round trip away. Each request is handled on its own virtual thread, so
 * concurrent requests overlap exactly as they would against a real remote server.
 *
 * <p>It counts what it served: requests, the peak number in flight, and the busy time (the sum of
 * every request's time in the server). {@code busy / wall} is the parallelism a client achieved,
 * whatever client it was. A request whose query contains a {@link #failOn failing key} gets a 500.
 * A server started with a limit ({@link #start(String, Duration, int)}) answers a request that
 * finds the limit already in flight at once with 429 Too Many Requests, as a rate-limited service
 * does.
 */
public final class LoopbackServer implements AutoCloseable {
  private final String name;
  private final Duration rtt;
  private final HttpServer server;
  private final ExecutorService handlers = Executors.newVirtualThreadPerTaskExecutor();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger peakInFlight = new AtomicInteger();
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong busyNanos = new AtomicLong();
  private final AtomicLong rejected = new AtomicLong();
  private final int maxInFlight;
  private final Set<String> failing = ConcurrentHashMap.newKeySet();
  private final List<String> received = new CopyOnWriteArrayList<>();

  static {
    // The JDK server writes headers and body separately; with Nagle's algorithm on, the client's
    // delayed ACK adds milliseconds to every small response, which would blur the round trip.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private LoopbackServer(String name, Duration rtt, int maxInFlight) throws IOException {
    this.name = name;
    this.rtt = rtt;
    this.maxInFlight = maxInFlight;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(handlers);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Starts a server named {@code name} (for messages) that answers after {@code rtt}. */
  public static LoopbackServer start(String name, Duration rtt) throws IOException {
    return new LoopbackServer(name, rtt, Integer.MAX_VALUE);
  }

  /**
   * Starts a server that serves at most {@code maxInFlight} requests at once and answers any more
   * with 429 at once.
   */
  public static LoopbackServer start(String name, Duration rtt, int maxInFlight)
      throws IOException {
    return new LoopbackServer(name, rtt, maxInFlight);
  }

  /** How many requests found the limit in flight and were answered 429, since the last reset. */
  public long rejected() {
    return rejected.get();
  }

  /** The server's address for {@code pathAndQuery}, e.g. {@code "/publish?group=g1"}. */
  public URI uri(String pathAndQuery) {
    return URI.create(
        "http://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery.replace(' ', '+'));
  }

  /** From now on, requests whose query contains {@code key} fail with HTTP 500. */
  public void failOn(String key) {
    failing.add(key);
  }

  /** Requests whose query contains {@code key} succeed again. */
  public void recover(String key) {
    failing.remove(key);
  }

  /** The round trip each request takes. */
  public Duration rtt() {
    return rtt;
  }

  /** What the server served since it started or was last {@link #reset}. */
  public Served served() {
    return new Served(requests.get(), peakInFlight.get(), Duration.ofNanos(busyNanos.get()));
  }

  /** The path and query of every request answered with success, in the order they finished. */
  public List<String> received() {
    return List.copyOf(received);
  }

  /** Forgets what was served, for the next measured run. */
  public void reset() {
    requests.set(0);
    peakInFlight.set(0);
    busyNanos.set(0);
    rejected.set(0);
    received.clear();
  }

  /** What a server served: requests, the most at once, and the sum of their times in the server. */
  public record Served(long requests, int peakInFlight, Duration busy) {
    /** The parallelism clients achieved against this server over {@code wall}. */
    public double achievedParallelism(Duration wall) {
      return wall.isZero() ? 0 : (double) busy.toNanos() / wall.toNanos();
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String target = exchange.getRequestURI().toString();
      if (inFlight.incrementAndGet() > maxInFlight) {
        inFlight.decrementAndGet();
        rejected.incrementAndGet();
        exchange.getRequestBody().readAllBytes();
        byte[] busy = (name + " busy ").concat(target).getBytes(UTF_8);
        exchange.sendResponseHeaders(429, busy.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(busy);
        }
        return;
      }
      boolean fail;
      // The request counts as in flight while the server works on it, and no longer once it
      // answers: the client may send its next request before this thread runs again.
      long start = System.nanoTime();
      peakInFlight.accumulateAndGet(inFlight.get(), Math::max);
      try {
        exchange.getRequestBody().readAllBytes();
        Thread.sleep(rtt);
        String query = exchange.getRequestURI().getQuery();
        fail = query != null && failing.stream().anyMatch(query::contains);
        if (!fail) {
          received.add(target);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt(); // the server is closing: answer nothing
        return;
      } finally {
        inFlight.decrementAndGet();
        requests.incrementAndGet();
        busyNanos.addAndGet(System.nanoTime() - start);
      }
      byte[] body = (fail ? name + " failed " : name + " ok ").concat(target).getBytes(UTF_8);
      exchange.sendResponseHeaders(fail ? 500 : 200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    handlers.shutdownNow();
  }

  @Override
  public String toString() {
    return name + " at " + uri("/") + " (rtt " + rtt.toMillis() + " ms)";
  }
}
