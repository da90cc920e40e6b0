package test;
final class Helpers {
  private Helpers() {}
  static String locked(Object lock, Client client, String id) throws Exception {
    synchronized (lock) {
      return client.send(id);
    }
  }
  static void publishVia(RelaySession session, String group) throws Exception {
    session.publish(group, "m");
  }
}
