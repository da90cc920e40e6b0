package test;

import java.util.List;

/** A reference to an interface method whose items' class the code does not state. */
class Dispatched {
  interface Lifecycle {
    void start();
  }

  static class Remote implements Lifecycle {
    private final test.Remote remote = new test.Remote();

    @Override
    public void start() {
      remote.get("x");
    }
  }

  static class Local implements Lifecycle {
    @Override
    public void start() {}
  }

  // The items are any Lifecycle: one class waits, another does not; which runs is not known here.
  void startAll(List<Lifecycle> all) {
    all.parallelStream().forEach(Lifecycle::start);
  }

  // Items of a class whose method does not wait.
  void startLocal(List<Local> locals) {
    locals.parallelStream().forEach(Lifecycle::start);
  }
}
