package dev.lockstep.annotations;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.CLASS;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Declares that at most {@link #value()} callers make progress through this resource at once (a
 * connection pool of that size, a remote quota, a licence limit).
 *
 * <p>What the checks conclude: a pipeline with window {@code k} whose tasks all reach this resource
 * achieves at most {@code min(k, value)} parallelism. With {@code value == 1} that is {@code
 * FakeConcurrency}; with {@code 1 < value < k}, {@code OversizedWindow} suggests sizing the window
 * to {@code value}. With {@code value >= k} the window is fine and nothing is reported.
 *
 * <pre>{@code
 * @ResourceParallelism(value = 4, reason = "the ERP licence allows 4 sessions")
 * final class ErpGateway {
 *   Invoice fetch(String id) { ... }
 * }
 * }</pre>
 *
 * <p>{@code value} must be at least 1 (a compile error otherwise). Use {@link SerializedResource}
 * for 1 if that reads better, but not both on one element.
 */
@Documented
@Retention(CLASS)
@Target({TYPE, METHOD, FIELD})
public @interface ResourceParallelism {
  /** How many callers make progress at once; at least 1. */
  int value();

  /** Why the resource is limited to {@link #value()}; shown in the diagnostics and the docs. */
  String reason() default "";
}
