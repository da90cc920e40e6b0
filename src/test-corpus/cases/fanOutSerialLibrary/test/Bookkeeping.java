package test;

import acme.ledger.LedgerClient;

class Bookkeeping {
  private final LedgerClient ledger = new LedgerClient("http://ledger");
  private final LedgerClient audit = new LedgerClient("http://audit");

  // Two round trips in the library's class file, to two clients, one after the other.
  void book(String entry) throws Exception {
    // BUG: Diagnostic contains: [SerialFanOut] 2 independent round trips in a row (record at Bookkeeping.java:12 -> record at Bookkeeping.java:13)
    ledger.record(entry);
    audit.record(entry);
  }

  // The library's local work: nothing waits.
  String labels(String entry) {
    String a = ledger.format(entry);
    String b = audit.format(entry);
    return a + b;
  }
}
