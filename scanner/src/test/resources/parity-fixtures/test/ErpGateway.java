package test;
import dev.lockstep.annotations.ResourceParallelism;
@ResourceParallelism(value = 2, reason = "the ERP licence allows two sessions")
public class ErpGateway {
  private final Client client = new Client();
  public String submit(String order) throws Exception {
    return client.send(order);
  }
}
