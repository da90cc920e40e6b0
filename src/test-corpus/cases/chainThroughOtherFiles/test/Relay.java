package test;
class Relay {
  private final Client client = new Client();
  void publish(String group) throws Exception {
    client.send("publish/" + group);
  }
  void sync(String group) throws Exception {
    helper(group);
  }
  private void helper(String group) throws Exception {
    client.send("sync/" + group);
  }
}
