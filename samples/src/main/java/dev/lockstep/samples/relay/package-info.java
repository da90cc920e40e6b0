/**
 * Fake concurrency: a window of 5 whose tasks all queue on one {@code synchronized} session held
 * across the network call ({@link dev.lockstep.samples.relay.WindowOverLock}, {@code
 * FakeConcurrency}), and the three fixes of the fix hierarchy side by side: drop the window ({@link
 * dev.lockstep.samples.relay.PlainLoopPublish}), widen the bottleneck ({@link
 * dev.lockstep.samples.relay.PooledWindowPublish} over a {@link
 * dev.lockstep.samples.relay.SessionPool}), or keep it and say why ({@link
 * dev.lockstep.samples.relay.DocumentedSerialPublish}).
 */
package dev.lockstep.samples.relay;
