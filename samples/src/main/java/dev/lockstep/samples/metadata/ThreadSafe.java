package dev.lockstep.samples.metadata;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The class is meant to be shared by concurrent callers. The samples' own, as many projects have
 * one (JCIP's {@code net.jcip.annotations.ThreadSafe}, JSR 305's {@code
 * javax.annotation.concurrent.ThreadSafe}): {@code LockHeldAcrossWait} reads any annotation of this
 * simple name as "callers are concurrent".
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface ThreadSafe {}
