package test;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
/** Request handlers: the server calls them on many request threads at once. */
@RestController
class Controllers {
  private final Client client = new Client();
  private static final Object ROUTES = new Object();
  @GetMapping("/price")
  // BUG: Diagnostic contains: Controllers.price synchronizes on 'this', the one @RestController instance (Controllers.java:12) and holds it across a round trip (send at Controllers.java:13 -> HttpClient.send at Client.java:9), while its callers run concurrently: price handles requests (@GetMapping), on as many threads as the server has
  public synchronized String price(String id) throws Exception {
    return client.send(id);
  }
  @PostMapping("/route")
  public String route(String id) throws Exception {
    // BUG: Diagnostic contains: Controllers.route synchronizes on the static 'ROUTES' (Controllers.java:18) and holds it across a round trip (send at Controllers.java:19 -> HttpClient.send at Client.java:9), while its callers run concurrently: route handles requests (@PostMapping), on as many threads as the server has
    synchronized (ROUTES) {
      return client.send(id);
    }
  }
  /** A private helper: whether request threads call it is not said here. */
  private synchronized String helper(String id) throws Exception {
    return client.send(id);
  }
}
