package dev.lockstep.samples.metadata;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The route service: an HTTP server on 127.0.0.1 with a fixed pool of request threads, each request
 * answered with {@link RouteCache#routeFor} of its topic. The request threads are the concurrent
 * callers the cache's lock is shared by.
 */
public final class RouteServer implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService requestThreads;
  private final RouteCache cache;

  private RouteServer(RouteCache cache, int threads) throws IOException {
    this.cache = cache;
    this.requestThreads = Executors.newFixedThreadPool(threads);
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(requestThreads);
    server.createContext("/route", this::handle);
    server.start();
  }

  /** Starts a route service answering from {@code cache} on {@code threads} request threads. */
  public static RouteServer start(RouteCache cache, int threads) throws IOException {
    return new RouteServer(cache, threads);
  }

  /** The address that asks for {@code topic}'s route. */
  public URI uri(String topic) {
    return URI.create(
        "http://127.0.0.1:" + server.getAddress().getPort() + "/route?topic=" + topic);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      exchange.getRequestBody().readAllBytes();
      String query = exchange.getRequestURI().getQuery();
      String topic = query == null ? "" : query.substring(query.indexOf('=') + 1);
      int status = 200;
      byte[] body;
      try {
        body = cache.routeFor(topic).getBytes(UTF_8);
      } catch (IOException e) {
        status = 502;
        body = String.valueOf(e.getMessage()).getBytes(UTF_8);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt(); // the server is closing
        return;
      }
      exchange.sendResponseHeaders(status, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    requestThreads.shutdownNow();
  }
}
