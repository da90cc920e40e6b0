package dev.lockstep.samples.metadata;

import java.io.IOException;

/**
 * What the route service asks for each request: the route of a topic, as fresh as the upstream's.
 */
public interface RouteCache {
  /** The topic's route, fetched from the metadata upstream: one round trip. */
  String routeFor(String topic) throws IOException, InterruptedException;

  /** How many topics the cache knows. */
  int size();
}
