package test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Enumeration;
import java.util.Hashtable;
import java.util.Iterator;
import java.util.List;
import java.util.Vector;

/** Loops over items written with a cursor: an Enumeration, an iterator in the for header, do/while. */
class Cursors {
  private final HttpClient client = HttpClient.newHttpClient();

  String send(String id) throws Exception {
    return client
        .send(
            HttpRequest.newBuilder(URI.create("https://example.org/" + id)).build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  void enumerationFor(Hashtable<String, String> table) throws Exception {
    // BUG: Diagnostic contains: loop over 'table' waits once per item (send at Cursors.java:28
    for (Enumeration<String> e = table.keys(); e.hasMoreElements(); ) {
      send(e.nextElement());
    }
  }

  void enumerationWhile(Vector<String> ids) throws Exception {
    Enumeration<String> e = ids.elements();
    // BUG: Diagnostic contains: loop over 'ids' waits once per item (send at Cursors.java:37
    while (e.hasMoreElements()) {
      String id = e.nextElement();
      send(id);
    }
  }

  void iteratorInForHeader(List<String> ids) throws Exception {
    // BUG: Diagnostic contains: loop over 'ids' waits once per item (send at Cursors.java:45
    for (Iterator<String> it = ids.iterator(); it.hasNext(); ) {
      String id = it.next();
      send(id);
    }
  }

  void doWhile(List<String> ids) throws Exception {
    Iterator<String> it = ids.iterator();
    if (!it.hasNext()) {
      return;
    }
    // BUG: Diagnostic contains: loop over 'ids' waits once per item (send at Cursors.java:57
    do {
      String id = it.next();
      send(id);
    } while (it.hasNext());
  }

  void forEachRemaining(List<String> ids) {
    Iterator<String> it = ids.iterator();
    // BUG: Diagnostic contains: loop over 'it' waits once per item
    it.forEachRemaining(
        id -> {
          try {
            send(id);
          } catch (Exception ex) {
            throw new IllegalStateException(ex);
          }
        });
  }

  // A stream chain over several lines: both front ends report it where it starts.
  void streamOverLines(List<String> ids) {
    // BUG: Diagnostic contains: stream over 'ids' waits once per item
    ids.stream()
        .map(
            id -> {
              try {
                return send(id);
              } catch (Exception ex) {
                throw new IllegalStateException(ex);
              }
            })
        .forEach(System.out::println);
  }

  // Not loops over items: a do/while paging with a cursor it carries; a for loop with no cursor.
  void paging(String first) throws Exception {
    String next = first;
    do {
      next = send(next);
    } while (next != null);
  }

  void retries(String id) throws Exception {
    for (int attempt = 0; attempt < 3; attempt = attempt + 1) {
      if (send(id) != null) {
        return;
      }
    }
  }

  // A cursor whose items each come with the previous one's state: carried.
  void carried(Iterator<String> it) throws Exception {
    String token = "";
    while (it.hasNext()) {
      token = send(it.next() + token);
    }
  }
}
