package dev.lockstep.samples.ingest;

/** An event to ingest. */
public record Event(String id, String payload) {}
