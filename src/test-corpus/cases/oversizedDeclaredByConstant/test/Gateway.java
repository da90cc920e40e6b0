package test;
import dev.lockstep.annotations.ResourceParallelism;
@ResourceParallelism(value = Gateway.SESSIONS, reason = "the licence allows two sessions")
public class Gateway {
  public static final int SESSIONS = Limits.PER_TENANT * 2;
  private final Client client = new Client();
  public String submit(String order) throws Exception {
    return client.send(order);
  }
}
