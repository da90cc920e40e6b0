/**
 * Benchmarks: the bounded window against its peers, and what Lockstep's checks cost a build. They
 * run on demand, never in the default test command.
 */
package dev.lockstep.benchmarks;
