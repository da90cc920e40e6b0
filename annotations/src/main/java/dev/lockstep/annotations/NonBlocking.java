package dev.lockstep.annotations;

import static java.lang.annotation.ElementType.CONSTRUCTOR;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.CLASS;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Declares that calls to this method (constructor, or every method of this type) never wait, and
 * overrides what the checks would infer from the body or the catalogue.
 *
 * <p>What the checks conclude: the call costs no latency; loops calling it are not serial awaits
 * and locks held across it are not serialization points. Use it where a call that looks like a wait
 * is not one (an in-memory fake, a client already answered from a local cache). JetBrains' {@code
 * org.jetbrains.annotations.NonBlocking} means the same.
 *
 * <pre>{@code
 * @NonBlocking
 * final class InMemoryPriceClient implements PriceClient { ... }
 * }</pre>
 *
 * <p>It must not be combined with {@link Blocking} on one element.
 */
@Documented
@Retention(CLASS)
@Target({TYPE, METHOD, CONSTRUCTOR})
public @interface NonBlocking {}
