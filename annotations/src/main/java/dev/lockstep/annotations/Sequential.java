package dev.lockstep.annotations;

import static java.lang.annotation.ElementType.CONSTRUCTOR;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.CLASS;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Declares that serial execution in this method (constructor, or every member of this type) is
 * intended, and says why.
 *
 * <p>What the checks conclude: a loop in it that waits once per item is not reported ({@code
 * SerialAwaitInLoop}), and a pipeline whose task is this method is not reported as fake concurrency
 * ({@code FakeConcurrency}, {@code OversizedWindow}). Unlike {@code @SuppressWarnings}, the reason
 * is required and ends up in the generated documentation, so the next reader learns why.
 *
 * <pre>{@code
 * @Sequential(reason = "the partner API bans us above one request at a time")
 * void pushAll(List<Order> orders) {
 *   for (Order order : orders) {
 *     partner.push(order);
 *   }
 * }
 * }</pre>
 *
 * <p>A blank reason is a compile error.
 */
@Documented
@Retention(CLASS)
@Target({TYPE, METHOD, CONSTRUCTOR})
public @interface Sequential {
  /** Why serial execution is intended; required and not blank. */
  String reason();
}
