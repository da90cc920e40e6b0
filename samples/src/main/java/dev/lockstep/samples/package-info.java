/**
 * Lockstep's samples: each bug in a bad and a fixed variant, run against real loopback HTTP servers
 * to measure what the fix buys. One sub-package per story.
 */
package dev.lockstep.samples;
