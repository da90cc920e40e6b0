package test;
import java.util.List;
class Rec {
  Client client = new Client();
  void a(int n) throws Exception { b(n - 1); }
  void b(int n) throws Exception { if (n > 0) { a(n - 1); } client.send("x"); }
  void spin(int n) { if (n > 0) { spin(n - 1); } }
  void run(List<Integer> ns) throws Exception {
    // BUG: Diagnostic contains: a at Rec.java:11 -> b at Rec.java:5 -> send at Rec.java:6
    for (int n : ns) {
      a(n);
    }
    for (int n : ns) {
      spin(n);
    }
  }
}
