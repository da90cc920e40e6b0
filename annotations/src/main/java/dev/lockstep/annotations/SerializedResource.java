package dev.lockstep.annotations;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.CLASS;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Declares that only one caller at a time makes progress through this resource: its parallelism is
 * 1, whatever the code shows (a single connection, a device, a remote API that serializes per
 * account).
 *
 * <p>What the checks conclude: a bounded pipeline whose tasks all reach this resource runs one task
 * at a time, so {@code FakeConcurrency} reports it; a loop that waits on it once per item is
 * <em>not</em> reported by {@code SerialAwaitInLoop}, because running it in parallel would not be
 * faster. On a type it covers every method; on a field, every call made through that field.
 *
 * <pre>{@code
 * @SerializedResource(reason = "the modem accepts one command at a time")
 * final class Modem {
 *   Response send(Command command) { ... }
 * }
 * }</pre>
 *
 * <p>Equivalent to {@code @ResourceParallelism(1)}; the two must not be combined on one element.
 */
@Documented
@Retention(CLASS)
@Target({TYPE, METHOD, FIELD})
public @interface SerializedResource {
  /** Why only one caller makes progress at a time; shown in the diagnostics and the docs. */
  String reason() default "";
}
