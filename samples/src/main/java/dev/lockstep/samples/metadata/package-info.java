/**
 * A lock shared by request threads held across a round trip: a route service whose 8 request
 * threads all ask one route cache, which refreshes a topic's route from the metadata upstream under
 * its monitor ({@link dev.lockstep.samples.metadata.LockedRouteCache}, {@code LockHeldAcrossWait}),
 * and the fix: the round trip outside the lock, the answer published under it after a re-check
 * ({@link dev.lockstep.samples.metadata.RecheckedRouteCache}).
 */
package dev.lockstep.samples.metadata;
