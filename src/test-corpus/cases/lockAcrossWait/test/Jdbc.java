package test;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.stereotype.Repository;
/** A lock region that spans a try-with-resources statement. */
@Repository
class Jdbc {
  private static final Lock SCHEMA = new ReentrantLock();
  private Connection connection;
  public int tables() throws Exception {
    // BUG: Diagnostic contains: Jdbc.tables locks the static 'SCHEMA' (Jdbc.java:15) and holds it across a round trip (Statement.executeQuery at Jdbc.java:17), while its callers run concurrently: tables is a public method of a @Repository bean, which every thread shares
    SCHEMA.lock();
    try (Statement st = connection.createStatement()) {
      ResultSet rs = st.executeQuery("select count(*) from tables");
      return rs.getInt(1);
    } finally {
      SCHEMA.unlock();
    }
  }
}
