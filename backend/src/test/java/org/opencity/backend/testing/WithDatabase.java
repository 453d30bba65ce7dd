package org.opencity.backend.testing;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gives the test class its own migrated PostgreSQL database, injected as a {@link TestDatabase}
 * parameter (constructor, lifecycle or test method) and dropped after the class.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(DatabaseExtension.class)
public @interface WithDatabase {
    /** Seed the demo city into it. */
    boolean demo() default false;
}
