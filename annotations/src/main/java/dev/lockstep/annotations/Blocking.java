package dev.lockstep.annotations;

import static java.lang.annotation.ElementType.CONSTRUCTOR;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.CLASS;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Declares that calls to this method (constructor, or every method of this type) are
 * <em>waits</em>: their cost is latency — a network round trip, a database, a remote service — not
 * CPU, whatever the body shows.
 *
 * <p>What the checks conclude: a loop over independent items that calls it once per item is a
 * serial await ({@code SerialAwaitInLoop}); a lock held across a call to it is a serialization
 * point ({@code FakeConcurrency}). Use it on your own clients whose waits the checks cannot see
 * (native code, a library without sources, a protocol written by hand). JetBrains' {@code
 * org.jetbrains.annotations.Blocking} means the same.
 *
 * <pre>{@code
 * @Blocking(reason = "one round trip to the pricing service")
 * Price quote(Sku sku) { ... }
 * }</pre>
 *
 * <p>It must not be combined with {@link NonBlocking} on one element.
 */
@Documented
@Retention(CLASS)
@Target({TYPE, METHOD, CONSTRUCTOR})
public @interface Blocking {
  /** What the call waits for; shown in the diagnostics and the docs. */
  String reason() default "";
}
