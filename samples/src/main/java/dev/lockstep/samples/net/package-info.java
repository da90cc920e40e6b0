/**
 * Real latency for the samples: HTTP servers on loopback that answer each request after a fixed
 * round trip, and count what they served, so a run can show its achieved parallelism.
 */
package dev.lockstep.samples.net;
