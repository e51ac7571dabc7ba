package io.genjin.app.security;

import static org.springframework.security.web.header.writers.frameoptions.XFrameOptionsHeaderWriter.XFrameOptionsMode.DENY;
import static org.springframework.security.web.header.writers.frameoptions.XFrameOptionsHeaderWriter.XFrameOptionsMode.SAMEORIGIN;

import io.genjin.app.addin.AddinPagePolicy;
import io.genjin.app.addin.AddinProperties;
import io.genjin.app.roles.ConditionalOnRole;
import io.genjin.app.roles.Roles;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.header.writers.frameoptions.XFrameOptionsHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Two doors. The API ({@code /api/**}, the actuator) takes Bearer tokens (personal tokens, and the
 * Outlook add-in's Entra access tokens when they are configured), keeps no session and
 * answers problem details. The web UI signs in with the same token through a form, then uses a
 * session cookie with CSRF protection. Which role may call what is listed here, in one place;
 * which customers a user may see is decided by {@code VisibleCustomers}.
 */
@Configuration(proxyBeanMethods = false)
// Command-line tools (genjin import) start the application without a web server, and so without HTTP security.
@ConditionalOnWebApplication
@ConditionalOnRole(Roles.API)
public class SecurityConfiguration {
    /** Documents our own pages frame: a mail's HTML, and the weekly report mail's preview. */
    private static final RequestMatcher MAIL_FRAME = new org.springframework.security.web.util.matcher.OrRequestMatcher(
            PathPatternRequestMatcher.withDefaults().matcher("/messages/*/body"),
            PathPatternRequestMatcher.withDefaults().matcher("/reports/weekly/mail"));
    private static final RequestMatcher NOT_ADDIN = new NegatedRequestMatcher(AddinPagePolicy.PAGES);


    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, TokenAuthenticator tokens,
            org.springframework.beans.factory.ObjectProvider<BearerSignIn> otherTokens) throws Exception {
        var unauthorized = ProblemResponses.unauthorized();
        http.securityMatcher("/api/**", "/actuator/**", "/v3/api-docs/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(new BearerTokenFilter(tokens, unauthorized, otherTokens.orderedStream().toList()),
                        AnonymousAuthenticationFilter.class)
                .exceptionHandling(e -> e.authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(ProblemResponses.forbidden()))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                        .requestMatchers("/v3/api-docs/**").permitAll()
                        .requestMatchers("/actuator/**").hasRole("ADMIN")
                        .requestMatchers(HttpMethod.POST, "/api/users", "/api/teams").hasRole("ADMIN")
                        .requestMatchers(HttpMethod.POST, "/api/users/*/deactivate", "/api/users/*/reactivate",
                                "/api/users/*/hand-over").hasRole("ADMIN")
                        .requestMatchers(HttpMethod.PATCH, "/api/users/*", "/api/teams/*").hasRole("ADMIN")
                        .requestMatchers(HttpMethod.PUT, "/api/companies/*/owner").hasAnyRole("MANAGER", "ADMIN")
                        .requestMatchers(HttpMethod.POST, "/api/companies/*/merge").hasAnyRole("MANAGER", "ADMIN")
                        .requestMatchers("/api/conflicts", "/api/conflicts/**", "/api/duplicates").hasAnyRole("MANAGER", "ADMIN")
                        .requestMatchers("/api/ingestion/**").hasRole("ADMIN")
                        .requestMatchers("/api/linking/settings").hasRole("ADMIN")
                        .requestMatchers(HttpMethod.GET, "/api/linking/rules").hasAnyRole("MANAGER", "ADMIN")
                        .requestMatchers(HttpMethod.GET, "/api/followup/rules").hasAnyRole("MANAGER", "ADMIN")
                        .requestMatchers(HttpMethod.POST, "/api/followup/scan").hasRole("ADMIN")
                        .requestMatchers(HttpMethod.POST, "/api/health/recompute").hasRole("ADMIN")
                        .requestMatchers("/api/health/policies/**").hasAnyRole("MANAGER", "ADMIN")
                        .requestMatchers("/api/notifications/deliveries").hasAnyRole("MANAGER", "ADMIN")
                        .requestMatchers("/api/**").authenticated()
                        .anyRequest().denyAll());
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain web(HttpSecurity http, TokenAuthenticator tokens,
            org.springframework.beans.factory.ObjectProvider<io.genjin.app.mailbox.OAuthClient> mailboxOAuth,
            AddinProperties addin) throws Exception {
        // "Sign in with Microsoft/Google" is a form whose answer redirects to the provider: form-action covers it.
        String signInProviders = mailboxOAuth.stream().flatMap(o -> o.authorizeOrigins().stream())
                .map(origin -> " " + origin).collect(java.util.stream.Collectors.joining());
        http.authenticationProvider(tokens)
                .addFilterBefore(new CurrentUser(tokens), AuthorizationFilter.class)
                // RFC 8058 one-click unsubscribe: mail providers POST to the link without a session or a
                // CSRF token; the signed token in the path is the only credential it needs.
                .csrf(csrf -> csrf.ignoringRequestMatchers("/u/**"))
                .headers(h -> h
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(NOT_ADDIN, new ContentSecurityPolicyHeaderWriter(
                                "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                                        + "frame-ancestors 'none'; form-action 'self'" + signInProviders)))
                        // The Outlook add-in's pages are framed by Outlook on the web: their own policy names it.
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(AddinPagePolicy.PAGES,
                                new ContentSecurityPolicyHeaderWriter(AddinPagePolicy.contentSecurityPolicy(addin))))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
                        // A mail's HTML is shown in a sandboxed frame of the mail view: that one document may be
                        // framed by our own pages (it sends its own frame-ancestors 'self'); every other page never,
                        // except the add-in's (X-Frame-Options cannot name Outlook, so they send none).
                        .frameOptions(f -> f.disable())
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(MAIL_FRAME, new XFrameOptionsHeaderWriter(SAMEORIGIN)))
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
                                new AndRequestMatcher(new NegatedRequestMatcher(MAIL_FRAME), NOT_ADDIN),
                                new XFrameOptionsHeaderWriter(DENY))))
                .formLogin(form -> form.loginPage("/signin").usernameParameter("token").passwordParameter("token")
                        .defaultSuccessUrl("/customers", false).failureUrl("/signin?error").permitAll())
                .logout(logout -> logout.logoutUrl("/signout").logoutSuccessUrl("/signin?signedOut").permitAll())
                .authorizeHttpRequests(auth -> auth
                        // The Outlook add-in's pages and scripts load before anyone signs in (the pane then
                        // signs in itself); its sign-in dialog is a page like any other.
                        .requestMatchers("/addin/signin").authenticated()
                        .requestMatchers("/addin/**").permitAll()
                        // Office reads the scripts allowed to call out from event handlers here (docs/outlook-addin.md).
                        .requestMatchers("/.well-known/microsoft-officeaddins-allowed.json").permitAll()
                        .requestMatchers("/css/**", "/js/**", "/favicon.ico", "/favicon.svg", "/error", "/swagger-ui/**",
                                "/swagger-ui.html", "/u/**").permitAll()
                        .anyRequest().authenticated());
        return http.build();
    }
}
