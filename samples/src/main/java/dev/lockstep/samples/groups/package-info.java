/**
 * The push-token loop: for each active group, publish a message to a relay and then sync a local
 * cache, failures collected per group. {@link dev.lockstep.samples.groups.SerialGroupPush} waits
 * two round trips per group ({@code SerialAwaitInLoop}); {@link
 * dev.lockstep.samples.groups.WindowedGroupPush} runs the groups in a bounded window of 5.
 */
package dev.lockstep.samples.groups;
