package test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A reference to an interface method, applied to items whose class makes a round trip. */
class Sources {
  interface Lifecycle {
    void start();
  }

  static class Source implements Lifecycle {
    private final Remote remote = new Remote();
    private final String id;

    Source(String id) {
      this.id = id;
    }

    @Override
    public void start() {
      remote.get(id);
    }
  }

  static class NamedSource extends Source {
    NamedSource(String id) {
      super(id);
    }
  }

  private final Map<String, Source> sources = new ConcurrentHashMap<>();

  // Lifecycle::start on a Source runs Source.start, as source.start() would.
  void startAll() {
    // BUG: Diagnostic contains: [BlockingOnCommonPool] parallel stream runs its tasks on the common ForkJoinPool, and each waits on a round trip (start at Sources.java:38 -> get at Sources.java:23 -> send at Remote.java:9 -> HttpClient.send at Client.java:9)
    sources.values().parallelStream().forEach(Lifecycle::start);
  }

  // The override is inherited from a superclass.
  void startNamed(List<NamedSource> named) {
    // BUG: Diagnostic contains: [BlockingOnCommonPool] parallel stream runs its tasks on the common ForkJoinPool
    named.parallelStream().forEach(Lifecycle::start);
  }

  // Items typed with a type variable of the class: Box::start is the one start that Box declares.
  static class Boxes<T> {
    static class Box<T> {
      private final Remote remote = new Remote();

      void start() {
        remote.get("box");
      }
    }

    private final Map<String, Box<T>> boxes = new ConcurrentHashMap<>();

    void startAll() {
      // BUG: Diagnostic contains: [BlockingOnCommonPool] parallel stream runs its tasks on the common ForkJoinPool, and each waits on a round trip (start at Sources.java:61 -> get at Sources.java:53
      boxes.values().parallelStream().forEach(Box::start);
    }
  }
}
