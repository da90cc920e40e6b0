/**
 * An ingest daemon: it validates each event (CPU, stays synchronous) and fans it out to three
 * downstream endpoints, acknowledging it only after all three accepted it. {@link
 * dev.lockstep.samples.ingest.SerialIngest} sends the three one after the other; {@link
 * dev.lockstep.samples.ingest.FanOutIngest} sends them at once, and leaves a failed or cancelled
 * event un-acknowledged for redelivery.
 */
package dev.lockstep.samples.ingest;
