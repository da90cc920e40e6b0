package test;
import dev.lockstep.annotations.SerializedResource;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.stereotype.Service;
/** Shared locks with no concurrent callers in sight, and objects made per request or channel. */
final class Unshared {
  private static final Object LOCK = new Object();
  private static final ReentrantLock GATE = new ReentrantLock();
  private final Client client = new Client();
  /** A static lock, but nothing says the callers are concurrent. */
  static synchronized String util(Client client, String id) throws Exception {
    return client.send(id);
  }
  String plain(String id) throws Exception {
    synchronized (LOCK) {
      return client.send(id);
    }
  }
  /** tryLock() without a timeout: a busy lock is skipped, never queued on. */
  String skip(String id) throws Exception {
    if (GATE.tryLock()) {
      try {
        return client.send(id);
      } finally {
        GATE.unlock();
      }
    }
    return null;
  }
}
/** A JAX-RS resource is made per request: its own monitor is not shared. */
@Path("/orders")
class OrderResource {
  private final Client client = new Client();
  @GET
  public synchronized String order(String id) throws Exception {
    return client.send(id);
  }
}
/** A Netty handler that is not @Sharable: one per channel. */
class PerChannel extends ChannelInboundHandlerAdapter {
  private final Client client = new Client();
  @Override
  public synchronized void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    ctx.fireChannelRead(client.send(String.valueOf(msg)));
  }
}
/** One at a time is the contract of the whole service. */
@Service
@SerializedResource(reason = "the mainframe session serves one request at a time")
class Mainframe {
  private final Client client = new Client();
  public synchronized String call(String id) throws Exception {
    return client.send(id);
  }
}
