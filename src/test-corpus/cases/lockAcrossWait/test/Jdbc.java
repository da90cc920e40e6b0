package test;
import java.sql.Connection;
import java.sql.DriverManager;
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
    // BUG: Diagnostic contains: Jdbc.tables locks the static 'SCHEMA' (Jdbc.java:16) and holds it across a round trip (Statement.executeQuery at Jdbc.java:18), while its callers run concurrently: tables is a public method of a @Repository bean, which every thread shares
    SCHEMA.lock();
    try (Statement st = connection.createStatement()) {
      ResultSet rs = st.executeQuery("select count(*) from tables");
      return rs.getInt(1);
    } finally {
      SCHEMA.unlock();
    }
  }
  public void migrate(String url) throws Exception {
    // BUG: Diagnostic contains: Jdbc.migrate locks the static 'SCHEMA' (Jdbc.java:26) and holds it across a round trip (DriverManager.getConnection at Jdbc.java:27), while its callers run concurrently: migrate is a public method of a @Repository bean, which every thread shares
    SCHEMA.lock();
    try (Connection c = DriverManager.getConnection(url)) {
      c.setAutoCommit(false);
    } finally {
      SCHEMA.unlock();
    }
  }
}
