package io.genjin.app.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * An OAuth 2.0 authorization server on 127.0.0.1 for tests, strict where a real one is: the
 * authorize endpoint approves at once and sends the browser back with a code (only to the redirect
 * URI registered here, S256 PKCE only); the token endpoint checks the client secret, the code's
 * redirect URI and PKCE verifier, issues access tokens that expire after {@code accessSeconds},
 * rotates refresh tokens, and answers {@code invalid_grant} for a used, unknown or revoked one.
 * Access tokens issued by a refresh are announced to {@code onRefreshed} (the mail server's
 * check); the ones from the code exchange are not, so a mail server accepts only refreshed tokens.
 */
public final class FakeAuthorizationServer implements AutoCloseable {
    private final HttpServer server;
    private final String clientId;
    private final String clientSecret;
    private final String email;
    private final int accessSeconds;
    private final Consumer<String> onRefreshed;
    private final Map<String, String[]> codes = new ConcurrentHashMap<>();
    private final Map<String, Boolean> refreshTokens = new ConcurrentHashMap<>();
    private final AtomicInteger counter = new AtomicInteger();
    private final AtomicInteger refreshes = new AtomicInteger();
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private volatile String registeredRedirectUri;
    private volatile boolean revoked;
    private volatile String lastRedirect;

    public FakeAuthorizationServer(String clientId, String clientSecret, String email, int accessSeconds,
            Consumer<String> onRefreshed) {
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.email = email;
        this.accessSeconds = accessSeconds;
        this.onRefreshed = onRefreshed;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/authorize", this::authorize);
        server.createContext("/token", this::token);
        server.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Only this redirect URI is accepted (the app's callback, known once the app has its port). */
    public void register(String redirectUri) {
        this.registeredRedirectUri = redirectUri;
    }

    /** The user withdrew Genjin's access: every refresh token is dead from now on. */
    public void revokeAll() {
        revoked = true;
    }

    public void allowAgain() {
        revoked = false;
    }

    /** Where the last sign-in sent the browser back to (the callback with its code and state). */
    public String lastRedirect() {
        return lastRedirect;
    }

    public int refreshes() {
        return refreshes.get();
    }

    /** What a real server would have refused (wrong secret, PKCE mismatch, …); empty when all was right. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    private void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> q = parse(exchange.getRequestURI().getRawQuery());
        String redirect = q.get("redirect_uri");
        if (!clientId.equals(q.get("client_id")) || redirect == null || !redirect.equals(registeredRedirectUri)
                || !"code".equals(q.get("response_type")) || !"S256".equals(q.get("code_challenge_method"))
                || q.get("code_challenge") == null || q.get("state") == null) {
            problems.add("bad authorize request " + q);
            send(exchange, 400, "text/plain", "bad request");
            return;
        }
        String code = "code-" + counter.incrementAndGet();
        codes.put(code, new String[] {q.get("code_challenge"), redirect});
        lastRedirect = redirect + "?code=" + code + "&state=" + URLEncoder.encode(q.get("state"), StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Location", lastRedirect);
        send(exchange, 302, "text/plain", "");
    }

    private void token(HttpExchange exchange) throws IOException {
        Map<String, String> form = parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        if (!"POST".equals(exchange.getRequestMethod()) || !clientId.equals(form.get("client_id"))
                || !clientSecret.equals(form.get("client_secret"))) {
            problems.add("bad client " + form.get("client_id"));
            error(exchange, 401, "invalid_client");
            return;
        }
        if ("authorization_code".equals(form.get("grant_type"))) {
            String[] issued = codes.remove(String.valueOf(form.get("code")));
            if (issued == null || !issued[1].equals(form.get("redirect_uri"))
                    || !issued[0].equals(challenge(String.valueOf(form.get("code_verifier"))))) {
                problems.add("bad code exchange " + form.keySet());
                error(exchange, 400, "invalid_grant");
                return;
            }
            tokens(exchange, false);
        } else if ("refresh_token".equals(form.get("grant_type"))) {
            Boolean live = refreshTokens.remove(String.valueOf(form.get("refresh_token")));
            if (live == null || revoked) {
                error(exchange, 400, "invalid_grant");
                return;
            }
            refreshes.incrementAndGet();
            tokens(exchange, true);
        } else {
            error(exchange, 400, "unsupported_grant_type");
        }
    }

    private void tokens(HttpExchange exchange, boolean refreshed) throws IOException {
        int n = counter.incrementAndGet();
        String access = "access-" + n;
        String refresh = "refresh-" + n;
        refreshTokens.put(refresh, true);
        if (refreshed) {
            onRefreshed.accept(access);
        }
        String claims = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("{\"email\":\"" + email + "\",\"sub\":\"42\"}").getBytes(StandardCharsets.UTF_8));
        send(exchange, 200, "application/json", "{\"token_type\":\"Bearer\",\"access_token\":\"" + access
                + "\",\"expires_in\":" + accessSeconds + ",\"refresh_token\":\"" + refresh
                + "\",\"id_token\":\"eyJhbGciOiJub25lIn0." + claims + ".\"}");
    }

    private static void error(HttpExchange exchange, int status, String error) throws IOException {
        send(exchange, status, "application/json", "{\"error\":\"" + error + "\",\"error_description\":\"test server says "
                + error + "\"}");
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    private static String challenge(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> parse(String query) {
        Map<String, String> out = new LinkedHashMap<>();
        if (query == null || query.isBlank()) {
            return out;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            out.put(key, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    public URI base() {
        return URI.create(url("/"));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
