package test;
import dev.lockstep.window.BoundedWindow;
import java.util.List;
class Reassigning {
  private static final Object LOCK = new Object();
  private final Client client = new Client();
  static String locked(Object lock, Client client, String id) throws Exception {
    lock = new Object(); // from here on, one object per call
    synchronized (lock) {
      return client.send(id);
    }
  }
  void lockReplaced(List<String> ids) throws Exception {
    BoundedWindow.of(5).forEach(ids, id -> locked(LOCK, client, id));
  }
}
