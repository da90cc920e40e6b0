package acme.rpc;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;

/** Writes the request to a socket, then parks until the reader thread completes the reply. */
public class RpcClient implements Client {
  private final Socket socket;
  private final OutputStream out;
  private volatile CountDownLatch pending = new CountDownLatch(0);
  private volatile String reply;

  public RpcClient(String host, int port) throws IOException {
    socket = new Socket(host, port);
    out = socket.getOutputStream();
    Thread reader = new Thread(this::readReplies, "rpc-reader");
    reader.setDaemon(true);
    reader.start();
  }

  @Override
  public String call(String request) throws IOException, InterruptedException {
    if (request.isEmpty()) {
      throw new IllegalArgumentException("empty request");
    }
    CountDownLatch latch = new CountDownLatch(1);
    pending = latch;
    out.write(request.getBytes(StandardCharsets.UTF_8));
    out.flush();
    latch.await();
    return reply;
  }

  private void readReplies() {
    try (InputStream in = socket.getInputStream()) {
      byte[] buffer = new byte[4096];
      for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
        reply = new String(buffer, 0, n, StandardCharsets.UTF_8);
        pending.countDown();
      }
    } catch (IOException e) {
      pending.countDown(); // the connection closed: nobody waits forever
    }
  }
}
