package acme.ledger;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** A client in a jar: its round trip is in its class file, not in the caller's sources. */
public class LedgerClient {
  private final HttpClient http = HttpClient.newHttpClient();
  private final String base;

  public LedgerClient(String base) {
    this.base = base;
  }

  public String record(String entry) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/" + entry)).build();
    return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
  }

  /** Local work only. */
  public String format(String entry) {
    return base + ":" + entry.trim();
  }
}
