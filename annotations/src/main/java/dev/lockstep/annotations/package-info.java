/**
 * Lockstep's annotations: declare how parallel a resource really is, which calls wait, and where
 * serial execution is intended.
 *
 * <p>They are documentation first ({@code @Documented}, shown in Javadoc) and facts for the checks
 * second. Every annotation has {@code CLASS} retention: the checks read them from source and from
 * the class files of libraries compiled earlier, and nothing reads them at run time, so {@code
 * RUNTIME} would only cost reflection metadata. The jar has no dependencies and Java 8 bytecode;
 * use it as a {@code compile} (or {@code provided}) dependency.
 *
 * <table>
 *   <caption>What each annotation tells the checks</caption>
 *   <tr><th>annotation</th><th>the checks conclude</th></tr>
 *   <tr><td>{@link dev.lockstep.annotations.SerializedResource}</td>
 *       <td>one caller at a time makes progress: parallelism 1</td></tr>
 *   <tr><td>{@link dev.lockstep.annotations.ResourceParallelism}</td>
 *       <td>at most {@code value} callers make progress at once</td></tr>
 *   <tr><td>{@link dev.lockstep.annotations.Blocking}</td>
 *       <td>calls are waits (latency), whatever the body shows</td></tr>
 *   <tr><td>{@link dev.lockstep.annotations.NonBlocking}</td>
 *       <td>calls are never waits</td></tr>
 *   <tr><td>{@link dev.lockstep.annotations.Sequential}</td>
 *       <td>serial execution here is intended</td></tr>
 * </table>
 *
 * <p>Misuse (a parallelism below 1, a blank reason, contradictory annotations on one element) is a
 * compile error reported by the {@code LockstepAnnotationMisuse} check.
 */
package dev.lockstep.annotations;
