package test;
import java.util.List;
class Groups {
  Relay relay = new Relay();
  void run(List<String> groups) throws Exception {
    // BUG: Diagnostic contains: loop over 'groups' waits 2× per item (publish at Groups.java:8 -> send at Relay.java:5 -> HttpClient.send at Client.java:9; sync at Groups.java:9 -> helper at Relay.java:8 -> send at Relay.java:11 -> HttpClient.send at Client.java:9): N items cost ≈ 2·N round trips. Independent items can run in a bounded window: BoundedWindow.of(5) cuts that to ≈ 2·⌈N/5⌉.
    for (String group : groups) {
      relay.publish(group);
      relay.sync(group);
    }
  }
}


