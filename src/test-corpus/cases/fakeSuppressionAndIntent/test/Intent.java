package test;
import dev.lockstep.annotations.Sequential;
import dev.lockstep.window.BoundedWindow;
import java.util.List;
class Intent {
  private final RelaySession session = new RelaySession();
  @SuppressWarnings("FakeConcurrency")
  void suppressed(List<String> groups) throws Exception {
    BoundedWindow.of(5).forEach(groups, g -> session.publish(g, "m"));
  }
  @Sequential(reason = "the relay bans parallel publishers; the window is for timeouts")
  void sequential(List<String> groups) throws Exception {
    BoundedWindow.of(5).forEach(groups, g -> session.publish(g, "m"));
  }
  @Sequential(reason = "one at a time on purpose")
  void publishOne(String g) throws Exception {
    session.publish(g, "m");
  }
  void sequentialTask(List<String> groups) throws Exception {
    BoundedWindow.of(5).forEach(groups, this::publishOne);
  }
}
