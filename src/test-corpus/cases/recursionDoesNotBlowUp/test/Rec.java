package test;
import java.util.List;
class Rec {
  Client client = new Client();
  void a(int n) throws Exception { if (n > 0) { b(n - 1); } }
  void b(int n) throws Exception { if (n > 0) { a(n - 1); } else { client.send("x"); } }
  void spin(int n) { if (n > 0) { spin(n - 1); } }
  void run(List<Integer> ns) throws Exception {
    // BUG: Diagnostic contains: a at Rec.java:11 -> b at Rec.java:5 (if n > 0) -> send at Rec.java:6 (if !(n > 0))
    for (int n : ns) {
      a(n);
    }
    for (int n : ns) {
      spin(n);
    }
  }
}
