package test;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.ReentrantLock;
import jakarta.inject.Singleton;
import org.springframework.stereotype.Component;
import org.springframework.stereotype.Repository;
import org.springframework.stereotype.Service;
/** Singleton beans: every thread that uses the bean calls its public methods. */
@Service
class TokenService {
  private final Client client = new Client();
  private String token;
  // BUG: Diagnostic contains: TokenService.token synchronizes on 'this', the one @Service instance (Beans.java:14) and holds it across a round trip (send at Beans.java:15 -> HttpClient.send at Client.java:9), while its callers run concurrently: token is a public method of a @Service bean, which every thread shares
  public synchronized String token() throws Exception {
    token = client.send("token");
    return token;
  }
}
@Repository
class Registry {
  private final Client client = new Client();
  public String lookup(String id) throws Exception {
    // BUG: Diagnostic contains: Registry.lookup synchronizes on the static 'Registry.class' (Beans.java:24) and holds it across a round trip (send at Beans.java:25 -> HttpClient.send at Client.java:9), while its callers run concurrently: lookup is a public method of a @Repository bean, which every thread shares
    synchronized (Registry.class) {
      return client.send(id);
    }
  }
}
@Service
class Metadata {
  private final Client client = new Client();
  private final ReentrantLock lock = new ReentrantLock();
  public String refresh(String topic) throws Exception {
    // BUG: Diagnostic contains: Metadata.refresh locks 'lock' of the one @Service instance (Beans.java:35) and holds it across a round trip (send at Beans.java:37 -> HttpClient.send at Client.java:9), while its callers run concurrently: refresh is a public method of a @Service bean, which every thread shares
    lock.lock();
    try {
      return client.send(topic);
    } finally {
      lock.unlock();
    }
  }
}
@Component
class Quota {
  private final Client client = new Client();
  private final Semaphore permit = new Semaphore(1);
  public String reserve(String id) throws Exception {
    // BUG: Diagnostic contains: Quota.reserve takes the one permit of 'permit' of the one @Component instance (Beans.java:49) and holds it across a round trip (ask at Beans.java:51 -> fetch at Beans.java:57 -> send at Beans.java:60 -> HttpClient.send at Client.java:9), while its callers run concurrently: reserve is a public method of a @Component bean, which every thread shares
    permit.acquire();
    try {
      return ask(id);
    } finally {
      permit.release();
    }
  }
  private String ask(String id) throws Exception {
    return fetch(id);
  }
  private String fetch(String id) throws Exception {
    return client.send(id);
  }
}
@Singleton
class Session {
  private final Client client = new Client();
  private final Object mutex = new Object();
  public String call(String id) throws Exception {
    // BUG: Diagnostic contains: Session.call synchronizes on 'mutex' of the one @Singleton instance (Beans.java:69) and holds it across a round trip (send at Beans.java:70 -> HttpClient.send at Client.java:9), while its callers run concurrently: call is a public method of a @Singleton bean, which every thread shares
    synchronized (this.mutex) {
      return client.send(id);
    }
  }
}
