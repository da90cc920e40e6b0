package test;
import dev.lockstep.annotations.SerializedResource;
public class Legacy {
  private final Client client = new Client();
  @SerializedResource(reason = "the mainframe session takes one call at a time")
  public String call(String id) throws Exception {
    return client.send(id);
  }
}
