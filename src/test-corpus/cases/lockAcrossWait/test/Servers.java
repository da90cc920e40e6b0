package test;
import io.grpc.stub.StreamObserver;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
/** Servlets, JAX-RS resources, gRPC services, sharable Netty handlers. */
class PriceServlet extends HttpServlet {
  private final Client client = new Client();
  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws Exception {
    // BUG: Diagnostic contains: PriceServlet.doGet synchronizes on 'this', the one servlet instance (Servers.java:17) and holds it across a round trip (send at Servers.java:18 -> HttpClient.send at Client.java:9), while its callers run concurrently: doGet handles requests (HttpServlet.doGet), one thread each
    synchronized (this) {
      client.send(req.getParameter("id"));
    }
  }
}
@Path("/stock")
class StockResource {
  private static final Object CACHE = new Object();
  private final Client client = new Client();
  @GET
  public String stock(String id) throws Exception {
    // BUG: Diagnostic contains: StockResource.stock synchronizes on the static 'CACHE' (Servers.java:29) and holds it across a round trip (send at Servers.java:30 -> HttpClient.send at Client.java:9), while its callers run concurrently: stock handles requests (@GET), on as many threads as the server has
    synchronized (CACHE) {
      return client.send(id);
    }
  }
}
class FeatureService extends FeatureGrpc.FeatureImplBase {
  private final Client client = new Client();
  @Override
  // BUG: Diagnostic contains: FeatureService.getFeature synchronizes on 'this', the one gRPC service instance (Servers.java:38) and holds it across a round trip (send at Servers.java:40 -> HttpClient.send at Client.java:9), while its callers run concurrently: getFeature serves gRPC calls (an ImplBase override), one thread each
  public synchronized void getFeature(String request, StreamObserver<String> response) {
    try {
      response.onNext(client.send(request));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    response.onCompleted();
  }
}
@ChannelHandler.Sharable
class Relay extends ChannelInboundHandlerAdapter {
  private final Client client = new Client();
  private final Object upstream = new Object();
  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    // BUG: Diagnostic contains: Relay.channelRead synchronizes on 'upstream' of the one @Sharable Netty handler (Servers.java:54) and holds it across a round trip (send at Servers.java:55 -> HttpClient.send at Client.java:9), while its callers run concurrently: channelRead runs on every event loop of a @Sharable handler
    synchronized (upstream) {
      ctx.fireChannelRead(client.send(String.valueOf(msg)));
    }
  }
}
