package io.genjin.app.roles;

import java.util.Map;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Evaluates {@link ConditionalOnRole} and {@link ConditionalOnMissingRole} against {@code genjin.roles}. */
class OnRoleCondition implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Roles roles = Roles.of(context.getEnvironment());
        Map<String, Object> on = metadata.getAnnotationAttributes(ConditionalOnRole.class.getName());
        if (on != null && !roles.hasAny((String[]) on.get("value"))) {
            return false;
        }
        Map<String, Object> missing = metadata.getAnnotationAttributes(ConditionalOnMissingRole.class.getName());
        return missing == null || !roles.hasAny((String[]) missing.get("value"));
    }
}
