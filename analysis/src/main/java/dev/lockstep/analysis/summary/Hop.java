package dev.lockstep.analysis.summary;

import static java.util.Objects.requireNonNull;

import dev.lockstep.analysis.facts.Location;

/**
 * One step of a witness chain: the called method as diagnostics name it ({@code publish}, {@code
 * HttpClient.send}) and where the call is.
 */
public record Hop(String name, Location location) {
  public Hop {
    requireNonNull(name, "name");
    requireNonNull(location, "location");
  }

  /** {@code publish at Relay.java:20}. */
  public String render() {
    return location.line() > 0 ? name + " at " + location.render() : name;
  }
}
