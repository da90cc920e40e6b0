package test;
import dev.lockstep.annotations.SerializedResource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
@SerializedResource(reason = "the relay accepts one publisher per session")
public class RelaySession {
  private final HttpClient http = HttpClient.newHttpClient();
  public synchronized void publish(String group, String message) throws Exception {
    post(group + ":" + message);
  }
  private void post(String body) throws Exception {
    http.send(HttpRequest.newBuilder(URI.create("http://relay/" + body)).build(),
        HttpResponse.BodyHandlers.discarding());
  }
}
