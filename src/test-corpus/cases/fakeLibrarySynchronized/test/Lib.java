package test;
import dev.lockstep.window.BoundedWindow;
import java.util.Hashtable;
import java.util.List;
class Lib {
  private final Hashtable<String, String> table = new Hashtable<>();
  void run(List<String> ids) throws Exception {
    // BUG: Diagnostic contains: each task reaches Hashtable.get (synchronized, on the shared 'table', Lib.java:9) which holds the monitor while it waits
    BoundedWindow.of(5).forEach(ids, id -> table.get(id));
  }
}
