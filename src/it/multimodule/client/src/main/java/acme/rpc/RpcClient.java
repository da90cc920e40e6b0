package acme.rpc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The project's own RPC layer: a request is written to the socket, and the caller parks on its
 * response future until the reader thread reads the reply off the same socket.
 */
public final class RpcClient implements Api {
  private final Socket socket;
  private final OutputStream out;
  private final AtomicLong ids = new AtomicLong();
  private final Map<Long, ResponseFuture> pending = new ConcurrentHashMap<>();

  public RpcClient(String host, int port) throws IOException {
    socket = new Socket(host, port);
    out = socket.getOutputStream();
    Thread reader = new Thread(this::readReplies, "rpc-reader");
    reader.setDaemon(true);
    reader.start();
  }

  @Override
  public String call(String request) throws IOException, InterruptedException {
    long id = ids.incrementAndGet();
    ResponseFuture reply = new ResponseFuture();
    pending.put(id, reply);
    out.write((id + " " + request + "\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
    return reply.get();
  }

  private void readReplies() {
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        int space = line.indexOf(' ');
        ResponseFuture reply = pending.remove(Long.parseLong(line.substring(0, space)));
        if (reply != null) {
          reply.complete(line.substring(space + 1));
        }
      }
    } catch (IOException e) {
      // the connection closed: callers still parked see no reply
    }
  }
}
