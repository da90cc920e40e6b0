package dev.lockstep.samples.net;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** The samples' HTTP calls: one blocking round trip each, a non-2xx answer is an IOException. */
public final class Http {
  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  /** Posts {@code body} to {@code uri} and waits for the answer: one round trip. */
  public String post(URI uri, String body) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(body)).build();
    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new IOException(uri + " answered " + response.statusCode() + ": " + response.body());
    }
    return response.body();
  }
}
