package test;
import com.google.common.util.concurrent.RateLimiter;
import dev.lockstep.annotations.Sequential;
import dev.lockstep.annotations.SerializedResource;
import java.util.List;
class Paced {
  Client client = new Client();
  RateLimiter limiter = RateLimiter.create(5);
  @SerializedResource(reason = "one modem") Client modem = new Client();
  void sleeps(List<String> ids) throws Exception {
    for (String id : ids) {
      client.send(id);
      Thread.sleep(100);
    }
  }
  void rateLimited(List<String> ids) throws Exception {
    for (String id : ids) {
      limiter.acquire();
      client.send(id);
    }
  }
  @Sequential(reason = "the partner bans parallel calls")
  void intended(List<String> ids) throws Exception {
    for (String id : ids) {
      client.send(id);
    }
  }
  void serializedField(List<String> ids) throws Exception {
    for (String id : ids) {
      modem.send(id);
    }
  }
  void serializedType(List<String> ids) throws Exception {
    for (String id : ids) {
      new Device().command(id);
    }
  }
  @SuppressWarnings("SerialAwaitInLoop")
  void suppressed(List<String> ids) throws Exception {
    for (String id : ids) {
      client.send(id);
    }
  }
}
@SerializedResource(reason = "one device")
class Device {
  void command(String c) throws Exception { new Client().send(c); }
}
@Sequential(reason = "a migration tool, run once")
class Migration {
  void run(List<String> ids) throws Exception {
    for (String id : ids) {
      new Client().send(id);
    }
  }
}
