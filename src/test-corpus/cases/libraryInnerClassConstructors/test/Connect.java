package test;
import java.util.List;
import lib.Outer;
class Connect {
  private final Outer outer = new Outer();
  void notAnnotated(List<String> hosts) {
    for (String host : hosts) {
      outer.new Plain(host);
    }
  }
  void nested(List<String> hosts) {
    // BUG: Diagnostic contains: Nested
    for (String host : hosts) {
      new Outer.Nested(host);
    }
  }
  void genericInner(List<String> hosts) {
    // BUG: Diagnostic contains: Typed
    for (String host : hosts) {
      outer.new Typed<Integer>(1, List.of(host));
    }
  }
}
