package test;
import dev.lockstep.annotations.ResourceParallelism;
public class Quota {
  private final Client client = new Client();
  @ResourceParallelism(value = 4, reason = "the partner API allows four calls at once")
  public String fetch(String id) throws Exception {
    return client.send(id);
  }
}
