package dev.quorumchaos.glue;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A step as a user would write it. {@code ./chaos steps} prints it beside the step's phrasing,
 * and a test checks it matches that phrasing, so the listing cannot drift from the glue.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Example {
    String value();
}
