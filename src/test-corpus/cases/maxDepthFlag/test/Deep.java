package test;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
class Deep {
  HttpClient http = HttpClient.newHttpClient();
  void one(HttpRequest r) throws Exception { http.send(r, HttpResponse.BodyHandlers.discarding()); }
  void two(HttpRequest r) throws Exception { one(r); }
  void shallow(List<HttpRequest> rs) throws Exception {
    // BUG: Diagnostic contains: one at Deep.java:13 -> HttpClient.send
    for (HttpRequest r : rs) {
      one(r);
    }
  }
  void deep(List<HttpRequest> rs) throws Exception {
    for (HttpRequest r : rs) {
      two(r);
    }
  }
}


