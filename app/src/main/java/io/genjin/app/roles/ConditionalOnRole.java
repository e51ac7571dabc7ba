package io.genjin.app.roles;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Conditional;

/**
 * Creates the annotated configuration, component or bean only when this process has at least one of
 * the named roles ({@link Roles}). Put it on the one {@code @Configuration} (or controller) that
 * wires a feature, e.g. {@code @ConditionalOnRole("tracking")}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Documented
@Conditional(OnRoleCondition.class)
public @interface ConditionalOnRole {
    /** Any of these roles enables it. */
    String[] value();
}
