package org.opencity.backend.testing;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Starts the whole backend for the test class, exactly as {@code Main} does, on a free port and
 * a fresh database of its own; injects a {@link TestApp}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(AppExtension.class)
public @interface WithApp {
    /** Start on the demo city (seeded) rather than an empty database. */
    boolean demo() default true;
}
