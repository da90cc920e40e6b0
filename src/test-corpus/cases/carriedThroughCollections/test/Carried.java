package test;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
/** State carried from one iteration to the next through a collection or a variable. */
class Carried {
  private final Client client = new Client();

  void flush(List<String> batch) throws Exception {
    client.send(String.join(",", batch));
  }

  // One wait per 800 items, not per item.
  void thresholdBatch(List<String> items) throws Exception {
    List<String> buf = new ArrayList<>();
    for (String item : items) {
      buf.add(item);
      if (buf.size() >= 800) {
        flush(buf);
        buf.clear();
      }
    }
    flush(buf);
  }

  // De-duplication: whether an item waits depends on the items before it.
  void deduplicated(List<String> keys) throws Exception {
    Set<String> seen = new HashSet<>();
    for (String key : keys) {
      if (!seen.contains(key)) {
        client.send(key);
        seen.add(key);
      }
    }
  }

  // A counter: every 100th item waits.
  void everyHundredth(List<String> items) throws Exception {
    int n = 0;
    for (String item : items) {
      n++;
      if (n % 100 == 0) {
        client.send(item);
      }
    }
  }

  // Written on the first iteration only, then read: not carried; the send is per item.
  void firstIterationWrite(List<String> items) throws Exception {
    Long start = null;
    // BUG: Diagnostic contains: waits once per item (send at Carried.java:57
    for (String item : items) {
      if (start == null) {
        start = System.nanoTime();
      }
      client.send(item + (System.nanoTime() - start));
    }
  }

  // A variable handed from one iteration to the next is still carried.
  void cursor(List<String> items) throws Exception {
    String previous = "";
    for (String item : items) {
      previous = client.send(previous + item);
    }
  }
}
