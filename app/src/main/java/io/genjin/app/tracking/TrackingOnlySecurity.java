package io.genjin.app.tracking;

import io.genjin.app.roles.ConditionalOnMissingRole;
import io.genjin.app.roles.Roles;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Without the {@code api} role there is no API, no UI and no user to sign in: nothing but the pixel
 * and link endpoints (answered before this chain by their own filter) and health. Replaces Spring
 * Boot's default sign-in page with a stateless chain; any other path answers 404 as on any server.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@ConditionalOnMissingRole(Roles.API)
class TrackingOnlySecurity {

    @Bean
    SecurityFilterChain trackingOnly(HttpSecurity http) throws Exception {
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll());
        return http.build();
    }
}
