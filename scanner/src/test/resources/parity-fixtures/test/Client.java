package test;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
public class Client {
  private final HttpClient http = HttpClient.newHttpClient();
  public String send(String id) throws java.io.IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create("http://x/" + id)).build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }
  public java.util.concurrent.CompletableFuture<String> sendAsync(String id) {
    return http.sendAsync(HttpRequest.newBuilder(URI.create("http://x/" + id)).build(),
        HttpResponse.BodyHandlers.ofString()).thenApply(HttpResponse::body);
  }
}
