package dev.lockstep.samples.ingest;

import dev.lockstep.samples.net.Http;
import java.io.IOException;
import java.net.URI;
import java.util.function.Function;

/** The three services every event goes to: the search index, the audit log, and billing. */
public final class Downstreams {
  private final Http http;
  private final Function<String, URI> index;
  private final Function<String, URI> audit;
  private final Function<String, URI> billing;

  public Downstreams(
      Http http,
      Function<String, URI> index,
      Function<String, URI> audit,
      Function<String, URI> billing) {
    this.http = http;
    this.index = index;
    this.audit = audit;
    this.billing = billing;
  }

  /** Indexes the event for search: one round trip. */
  public void index(Event event) throws IOException, InterruptedException {
    http.post(index.apply("/index?event=" + event.id()), event.payload());
  }

  /** Appends the event to the audit log: one round trip. */
  public void audit(Event event) throws IOException, InterruptedException {
    http.post(audit.apply("/audit?event=" + event.id()), event.payload());
  }

  /** Bills the event: one round trip. */
  public void bill(Event event) throws IOException, InterruptedException {
    http.post(billing.apply("/bill?event=" + event.id()), event.payload());
  }
}
