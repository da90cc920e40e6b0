package test;

import java.util.List;

/**
 * Tasks whose run() is inherited from an abstract base: a call on this inside run() runs the
 * override of the class the task was made with.
 */
class Uploads {
  private final Client client = new Client();

  abstract class TaskRunner implements Runnable {
    final String path;

    TaskRunner(String path) {
      this.path = path;
    }

    @Override
    public void run() {
      try {
        runTask();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }

    protected abstract void runTask() throws Exception;
  }

  // Sends on both sides of a test of a final field: the object's configuration, set once, not a
  // lazily filled field; every run sends.
  final class PutTaskRunner extends TaskRunner {
    private final String prefix;

    PutTaskRunner(String path) {
      super(path);
      this.prefix = path.endsWith(".pom") ? "poms/" : null;
    }

    @Override
    protected void runTask() throws Exception {
      if (prefix != null) {
        client.send(prefix + path);
      } else {
        client.send(path);
      }
    }
  }

  // Sends only on one side of its test: a path the items may never take.
  final class MaybeTaskRunner extends TaskRunner {
    MaybeTaskRunner(String path) {
      super(path);
    }

    @Override
    protected void runTask() throws Exception {
      if (path.endsWith(".pom")) {
        client.send(path);
      } else {
        System.out.println(path);
      }
    }
  }

  final class PrintTaskRunner extends TaskRunner {
    PrintTaskRunner(String path) {
      super(path);
    }

    @Override
    protected void runTask() {
      System.out.println(path);
    }
  }

  void putAll(List<String> paths) {
    // BUG: Diagnostic contains: waits once per item (TaskRunner.run at Uploads.java:82 -> PutTaskRunner.runTask at Uploads.java:22 -> send at Uploads.java:44
    for (String path : paths) {
      Runnable task = new PutTaskRunner(path);
      task.run();
    }
  }

  void putAllTypedAsTheClass(List<String> paths) {
    // BUG: Diagnostic contains: waits once per item
    for (String path : paths) {
      PutTaskRunner task = new PutTaskRunner(path);
      task.run();
    }
  }

  void putAllFresh(List<String> paths) {
    // BUG: Diagnostic contains: waits once per item
    for (String path : paths) {
      new PutTaskRunner(path).run();
    }
  }

  void maybeAll(List<String> paths) {
    for (String path : paths) {
      Runnable task = new MaybeTaskRunner(path);
      task.run();
    }
  }

  void printAll(List<String> paths) {
    for (String path : paths) {
      Runnable task = new PrintTaskRunner(path);
      task.run();
    }
  }

  void printAllTypedAsTheClass(List<String> paths) {
    for (String path : paths) {
      new PrintTaskRunner(path).run();
    }
  }

  // The class is not known: the base's run() may run either override. Not reported.
  void runAll(List<TaskRunner> tasks) {
    for (TaskRunner task : tasks) {
      task.run();
    }
  }
}
