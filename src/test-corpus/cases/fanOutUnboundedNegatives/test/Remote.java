package test;

/** One round trip per call, through the fixture's Client, without checked exceptions. */
class Remote {
  private final Client client = new Client();

  String get(String id) {
    try {
      return client.send(id);
    } catch (java.io.IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  static int hash(String id) {
    return id.hashCode() * 31;
  }
}
