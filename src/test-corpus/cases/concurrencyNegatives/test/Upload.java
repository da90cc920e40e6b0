package test;
class Upload implements Runnable {
  private final String id;
  private final Client client = new Client();
  Upload(String id) { this.id = id; }
  @Override
  public synchronized void run() {
    try { client.send(id); } catch (Exception e) { }
  }
}
