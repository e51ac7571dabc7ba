package io.genjin.app.mailbox;

import io.genjin.store.mailbox.TokenRefresher;
import io.genjin.store.outbound.OutboundGuard;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The client side of the OAuth 2.0 authorization-code grant (RFC 6749 §4.1) with PKCE (RFC 7636,
 * S256) for signing mailboxes in, and the refresh of their access tokens (§6). Every call to a token
 * endpoint is checked by the outbound guard first and follows no redirect.
 *
 * <p>Why this and not Spring Security's OAuth2 client: tokens here belong to a mailbox, not to the
 * signed-in web user, and are needed by the sync threads with no request or session around them;
 * they must be sealed with the mailbox key beside the account in MongoDB (the library ships
 * in-memory and JDBC stores only); and Genjin's own form sign-in must stay as it is. What would be
 * left of the library is one form POST and its JSON answer, which this class does in plain JDK code.
 */
public final class OAuthClient implements TokenRefresher {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Map<String, OAuthProvider> providers;
    private final OutboundGuard guard;
    private final Clock clock;
    private final HttpClient http;

    public OAuthClient(MailboxOAuthProperties properties, OutboundGuard guard, Clock clock) {
        Map<String, OAuthProvider> enabled = new LinkedHashMap<>();
        if (properties.microsoft() != null && properties.microsoft().enabled()) {
            enabled.put(OAuthProvider.MICROSOFT, OAuthProvider.microsoft(properties.microsoft()));
        }
        if (properties.google() != null && properties.google().enabled()) {
            enabled.put(OAuthProvider.GOOGLE, OAuthProvider.google(properties.google()));
        }
        this.providers = Map.copyOf(enabled);
        this.guard = guard;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(15))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public Optional<OAuthProvider> provider(String name) {
        return Optional.ofNullable(providers.get(name));
    }

    public List<String> enabledProviders() {
        return List.copyOf(providers.keySet());
    }

    /** Where the sign-in forms lead (scheme, host and port of each authorize endpoint), for the pages' CSP form-action. */
    public List<String> authorizeOrigins() {
        return providers.values().stream().map(p -> p.authorizeUri())
                .map(u -> u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort()))
                .distinct().toList();
    }

    /** A PKCE verifier (43 characters of base64url, 256 bits) or an opaque state value. */
    public static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String challengeOf(String verifier) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }

    /** Where to send the browser: the provider's authorize endpoint with this sign-in's state and PKCE challenge. */
    public URI authorizeUri(OAuthProvider provider, String redirectUri, String state, String verifier, String loginHint) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", provider.clientId());
        query.put("redirect_uri", redirectUri);
        query.put("scope", String.join(" ", provider.scopes()));
        query.put("state", state);
        query.put("code_challenge", challengeOf(verifier));
        query.put("code_challenge_method", "S256");
        if (loginHint != null && !loginHint.isBlank()) {
            query.put("login_hint", loginHint.trim());
        }
        query.putAll(provider.extraAuthorizeParameters());
        String base = provider.authorizeUri().toString();
        return URI.create(base + (base.contains("?") ? "&" : "?") + form(query));
    }

    /** What the token endpoint gave for an authorization code, and whose mailbox it is when it said so. */
    public record SignedIn(Refreshed tokens, String email) {
    }

    /** Trades the code from the callback for tokens (RFC 6749 §4.1.3, with the PKCE verifier). */
    public SignedIn exchange(OAuthProvider provider, String code, String verifier, String redirectUri) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", redirectUri);
        form.put("code_verifier", verifier);
        JsonNode answer = post(provider, form);
        return new SignedIn(tokens(answer), emailOf(answer.path("id_token").asString("")));
    }

    @Override
    public Refreshed refresh(String providerName, String refreshToken) {
        OAuthProvider provider = provider(providerName).orElseThrow(() -> new IllegalStateException(
                "OAuth provider " + providerName + " is not configured (genjin.mailbox.oauth." + providerName + ")"));
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", refreshToken);
        form.put("scope", String.join(" ", provider.scopes()));
        return tokens(post(provider, form));
    }

    private Refreshed tokens(JsonNode answer) {
        String access = answer.path("access_token").asString("");
        if (access.isBlank()) {
            throw new IllegalStateException("the token endpoint answered without an access token");
        }
        long expiresIn = answer.path("expires_in").asLong(3600);
        String refresh = answer.path("refresh_token").asString("");
        return new Refreshed(access, clock.instant().plusSeconds(expiresIn), refresh.isBlank() ? null : refresh);
    }

    private JsonNode post(OAuthProvider provider, Map<String, String> fields) {
        URI endpoint = provider.tokenUri();
        requireSafe(endpoint);
        Map<String, String> form = new LinkedHashMap<>(fields);
        form.put("client_id", provider.clientId());
        if (provider.clientSecret() != null && !provider.clientSecret().isBlank()) {
            form.put("client_secret", provider.clientSecret());
        }
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form(form))).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("token endpoint " + endpoint.getHost() + " unreachable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling the token endpoint", e);
        }
        JsonNode body = parse(response.body());
        if (response.statusCode() == 200) {
            return body;
        }
        String error = body.path("error").asString("");
        String description = body.path("error_description").asString("");
        String why = (error.isBlank() ? "HTTP " + response.statusCode() : error)
                + (description.isBlank() ? "" : ": " + description.lines().findFirst().orElse(""));
        // RFC 6749 §5.2: invalid_grant means the grant itself is dead (revoked, expired, the password
        // changed); trying again cannot help. Anything else may be our configuration or the server's day.
        if ("invalid_grant".equals(error)) {
            throw new Refused(why);
        }
        throw new IllegalStateException("token endpoint refused: " + why);
    }

    /** HTTPS only, except loopback for tests and local identity servers; and only where the guard allows. */
    private void requireSafe(URI endpoint) {
        List<InetAddress> addresses = guard.check(endpoint);
        boolean loopback = !addresses.isEmpty() && addresses.stream().allMatch(InetAddress::isLoopbackAddress);
        if (!"https".equalsIgnoreCase(endpoint.getScheme()) && !loopback) {
            throw new IllegalStateException("token endpoint must use https: " + endpoint);
        }
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (RuntimeException e) {
            return JSON.createObjectNode();
        }
    }

    /**
     * The address in the ID token the token endpoint returned beside the access token. Its signature
     * is not checked: the token came straight from the token endpoint over a connection we opened
     * (OpenID Connect Core §3.1.3.7: TLS server validation may stand in for it there).
     */
    static String emailOf(String idToken) {
        String[] parts = idToken == null ? new String[0] : idToken.split("\\.");
        if (parts.length < 2) {
            return null;
        }
        try {
            JsonNode claims = JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
            String email = claims.path("email").asString("");
            if (email.isBlank()) {
                email = claims.path("preferred_username").asString("");
            }
            return email.contains("@") ? email.trim() : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
