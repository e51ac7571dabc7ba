package io.genjin.app.addin;

import io.genjin.app.security.BearerSignIn;
import io.genjin.app.security.SignedIn;
import io.genjin.store.CrmStore;
import io.genjin.store.user.User;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * The Outlook add-in's sign-in by nested app authentication: an access token Microsoft Entra ID issued
 * for Genjin's API, checked as an OAuth2 resource server does (Spring Security's JWT support):
 * signature by the published keys (RS256), not expired, issued by the token's own tenant
 * ({@code https://login.microsoftonline.com/{tid}/v2.0}, 21Vianet's host when {@code china}) with that
 * tenant on the allow-list, for Genjin's audience, and an access token (it carries the delegated
 * scope {@code scp}: an ID token has none). Its user is the Genjin user with the token's address
 * ({@code preferred_username}, else {@code upn}, else {@code email}); a deactivated one is refused.
 * Every refusal is logged with its reason, never with the token.
 */
final class EntraAccessTokens implements BearerSignIn {
    private static final Logger log = LoggerFactory.getLogger(EntraAccessTokens.class);
    private final boolean enabled;
    private final CrmStore store;
    private final JwtDecoder decoder;

    EntraAccessTokens(AddinProperties properties, CrmStore store) {
        this.store = store;
        AddinProperties.Entra entra = properties.entra();
        this.enabled = entra.enabled();
        if (!enabled) {
            this.decoder = null;
            return;
        }
        String host = properties.china() ? "https://login.partner.microsoftonline.cn" : "https://login.microsoftonline.com";
        String issuer = blank(entra.issuer()) ? host + "/{tid}/v2.0" : entra.issuer();
        URI jwks = entra.jwksUri() != null ? entra.jwksUri() : URI.create(host + "/common/discovery/v2.0/keys");
        String audience = properties.audience();
        String scope = properties.scope();
        // Keys are fetched once and cached (again on an unknown key id); a slow key endpoint must not hold requests long.
        org.springframework.http.client.SimpleClientHttpRequestFactory http = new org.springframework.http.client.SimpleClientHttpRequestFactory();
        http.setConnectTimeout(java.time.Duration.ofSeconds(5));
        http.setReadTimeout(java.time.Duration.ofSeconds(10));
        NimbusJwtDecoder nimbus = NimbusJwtDecoder.withJwkSetUri(jwks.toString())
                .restOperations(new org.springframework.web.client.RestTemplate(http)).build();
        nimbus.setJwtValidator(new DelegatingOAuth2TokenValidator<>(List.of(new JwtTimestampValidator(),
                new Rules(issuer, Set.copyOf(entra.tenants()), Set.of(audience, entra.clientId()),
                        scope.substring(scope.lastIndexOf('/') + 1)))));
        this.decoder = nimbus;
        log.info("Outlook add-in sign-in: Entra access tokens for {} from tenants {}, keys at {}", audience, entra.tenants(),
                jwks);
    }

    @Override
    public boolean recognises(String token) {
        // A compact JWS: three base64url parts, a JSON header. Personal tokens are one opaque string.
        return enabled && token.startsWith("eyJ") && token.chars().filter(c -> c == '.').count() == 2;
    }

    @Override
    public Optional<SignedIn> signIn(String token) {
        Jwt jwt;
        try {
            jwt = decoder.decode(token);
        } catch (JwtException e) {
            log.info("Entra token refused: {}", e.getMessage());
            return Optional.empty();
        }
        String address = address(jwt);
        if (address == null) {
            log.info("Entra token refused: no address claim (tenant {}, oid {})", jwt.getClaimAsString("tid"),
                    jwt.getClaimAsString("oid"));
            return Optional.empty();
        }
        Optional<User> user = store.users().byAddress(address);
        if (user.isEmpty() || !user.get().active()) {
            log.info("Entra token refused: {} is {} in Genjin", address, user.isEmpty() ? "no user" : "deactivated");
            return Optional.empty();
        }
        return user.map(SignedIn::of);
    }

    private static String address(Jwt jwt) {
        for (String claim : List.of("preferred_username", "upn", "email")) {
            String value = jwt.getClaimAsString(claim);
            if (value != null && value.contains("@")) {
                return value.trim().toLowerCase(Locale.ROOT);
            }
        }
        return null;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** Tenant, issuer, audience and the access-token check, each failure named. */
    private record Rules(String issuerTemplate, Set<String> tenants, Set<String> audiences, String scopeName)
            implements OAuth2TokenValidator<Jwt> {

        @Override
        public OAuth2TokenValidatorResult validate(Jwt jwt) {
            List<OAuth2Error> errors = new ArrayList<>();
            String tid = jwt.getClaimAsString("tid");
            if (tid == null || !tenants.contains(tid)) {
                errors.add(error("tenant " + tid + " is not allowed (genjin.addin.entra.tenants)"));
            } else {
                String expected = issuerTemplate.replace("{tid}", tid);
                String issuer = jwt.getClaimAsString("iss");
                if (!expected.equals(issuer)) {
                    errors.add(error("issuer " + issuer + " is not " + expected));
                }
            }
            Collection<String> aud = jwt.getAudience() == null ? List.of() : jwt.getAudience();
            if (aud.stream().noneMatch(audiences::contains)) {
                errors.add(error("audience " + aud + " is not Genjin's"));
            }
            if (jwt.getExpiresAt() == null) {
                errors.add(error("no expiry"));
            }
            String scp = jwt.getClaimAsString("scp");
            if (scp == null || !List.of(scp.split(" ")).contains(scopeName)) {
                errors.add(error(scp == null ? "not an access token (no scp: an ID token?)" : "scope " + scp + " lacks " + scopeName));
            }
            return errors.isEmpty() ? OAuth2TokenValidatorResult.success() : OAuth2TokenValidatorResult.failure(errors);
        }

        private static OAuth2Error error(String description) {
            return new OAuth2Error("invalid_token", description, null);
        }
    }
}
