package io.genjin.app.roles;

import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Settings of libraries that cannot carry {@link ConditionalOnRole}: without the {@code api} role the
 * OpenAPI document and Swagger UI are off and the actuator exposes health only (a public tracking
 * replica shows nothing else). Checks the role list at start, so a typo stops the process at once.
 */
public class RolesEnvironment implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Roles roles = Roles.of(environment);
        if (roles.has(Roles.API)) {
            return;
        }
        Map<String, Object> off = new HashMap<>();
        off.put("springdoc.api-docs.enabled", "false");
        off.put("springdoc.swagger-ui.enabled", "false");
        off.put("management.endpoints.web.exposure.include", "health");
        environment.getPropertySources().addFirst(new MapPropertySource("genjin-roles", off));
    }
}
