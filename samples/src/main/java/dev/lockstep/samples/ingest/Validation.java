package dev.lockstep.samples.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** The CPU part of ingesting: checks an event before anything leaves the process. */
final class Validation {
  private Validation() {}

  /** Throws if {@code event} must not be ingested; otherwise returns its payload's digest. */
  static byte[] validate(Event event) {
    if (event.id().isBlank() || event.payload().isEmpty()) {
      throw new IllegalArgumentException("invalid event " + event);
    }
    try {
      return MessageDigest.getInstance("SHA-256").digest(event.payload().getBytes(UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
