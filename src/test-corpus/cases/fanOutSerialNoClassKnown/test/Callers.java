package test;

import java.io.Closeable;
import java.io.IOException;
import java.util.concurrent.Callable;

/** Calls whose receiver's class is not known where they are made. */
class Callers {
  // Interface parameters: any implementation may be passed, the one that waits or another.
  String parameters(Sources.Source users, Sources.Source orders, String id)
      throws IOException, InterruptedException {
    String user = users.read(id);
    String order = orders.read(id);
    return user + order;
  }

  // A concrete method whose override waits, called on parameters.
  String overridden(Sources.Lookup first, Sources.Lookup second, String id)
      throws IOException, InterruptedException {
    String a = first.get(id);
    String b = second.get(id);
    return a + b;
  }

  // A call's result: which class the factory returns is not read.
  String results(String id) throws IOException, InterruptedException {
    String user = users().read(id);
    String order = orders().read(id);
    return user + order;
  }

  // Locals that hold a call's result.
  String locals(String id) throws IOException, InterruptedException {
    Sources.Source users = users();
    Sources.Source orders = (Sources.Source) orders();
    String user = users.read(id);
    String order = orders.read(id);
    return user + order;
  }

  // The JDK's interfaces, implemented in the sources by classes that wait.
  String tasks(Callable<String> first, Callable<String> second) throws Exception {
    String a = first.call();
    String b = second.call();
    return a + b;
  }

  void closeBoth(Closeable first, Object second) throws IOException {
    first.close();
    Closeable other = (Closeable) second;
    other.close();
  }

  private Sources.Source users() {
    return new Sources.Users();
  }

  private Sources.Source orders() {
    return new Sources.Orders();
  }
}
