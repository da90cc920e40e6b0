package test;
import java.io.InputStream;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
class Carried {
  Client client = new Client();
  void paginationCursor(List<String> regions) throws Exception {
    String cursor = "";
    for (String region : regions) {
      Client.Page page = client.page(region + cursor);
      cursor = page.next();
    }
  }
  void paginationWhile() throws Exception {
    String cursor = "";
    while (cursor != null) {
      cursor = client.page(cursor).next();
    }
  }
  void stateThreadedThroughCalls(List<String> steps) throws Exception {
    String state = "init";
    for (String step : steps) {
      state = client.send(state + step);
    }
  }
  void oneStream(List<byte[]> chunks, InputStream in, OutputStream out) throws Exception {
    for (byte[] chunk : chunks) {
      out.write(chunk);
      out.flush();
      in.read(chunk);
    }
  }
  void onePreparedStatement(List<Long> ids, Connection connection) throws Exception {
    try (PreparedStatement ps = connection.prepareStatement("select * from t where id = ?")) {
      for (long id : ids) {
        ps.setLong(1, id);
        ps.executeQuery();
      }
    }
  }
  void oneConnection(List<String> sqls, Connection connection) throws Exception {
    for (String sql : sqls) {
      connection.createStatement().execute(sql);
      connection.commit();
    }
  }
}
