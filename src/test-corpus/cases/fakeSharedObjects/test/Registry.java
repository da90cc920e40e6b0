package test;
final class Registry {
  private static final Registry INSTANCE = new Registry();
  private final Client client = new Client();
  static Registry getInstance() { return INSTANCE; }
  synchronized String lookup(String id) throws Exception { return client.send(id); }
}
