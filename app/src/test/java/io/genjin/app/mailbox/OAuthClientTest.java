package io.genjin.app.mailbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.genjin.app.support.FakeAuthorizationServer;
import io.genjin.store.mailbox.TokenRefresher;
import io.genjin.store.outbound.OutboundGuard;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OAuthClientTest {
    private static final Instant NOW = Instant.parse("2026-12-02T08:00:00Z");
    private final List<String> refreshedTokens = new ArrayList<>();
    private final FakeAuthorizationServer server = new FakeAuthorizationServer("client-1", "secret-1", "rep@contoso.test",
            600, refreshedTokens::add);
    private final OutboundGuard loopbackAllowed = new OutboundGuard(List.of("127.0.0.1/32"), OutboundGuard.Resolver.SYSTEM);

    @AfterEach
    void stop() {
        server.close();
    }

    private MailboxOAuthProperties.Provider microsoft(String authorize, String token) {
        return new MailboxOAuthProperties.Provider("client-1", "secret-1", authorize, token, null, "organizations", false,
                null, null, null, null, null, null);
    }

    private OAuthClient client(OutboundGuard guard, String authorize, String token) {
        return new OAuthClient(new MailboxOAuthProperties(null, java.time.Duration.ofMinutes(10), microsoft(authorize, token),
                new MailboxOAuthProperties.Provider(null, null, null, null, null, "organizations", false, null, null, null,
                        null, null, null)), guard, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static Map<String, String> query(URI uri) {
        return Arrays.stream(uri.getRawQuery().split("&")).map(p -> p.split("=", 2)).collect(Collectors.toMap(
                p -> p[0], p -> URLDecoder.decode(p[1], StandardCharsets.UTF_8)));
    }

    @Test
    void aProviderWithoutAClientIdIsOff() {
        OAuthClient client = client(loopbackAllowed, server.url("/authorize"), server.url("/token"));
        assertThat(client.enabledProviders()).containsExactly("microsoft");
        assertThat(client.provider("google")).isEmpty();
        assertThat(client.authorizeOrigins()).containsExactly(server.url("").replaceAll("/$", ""));
    }

    @Test
    void theCodeIsExchangedWithItsPkceVerifierAndRefreshedWithTheRotatedToken() {
        OAuthClient client = client(loopbackAllowed, server.url("/authorize"), server.url("/token"));
        OAuthProvider provider = client.provider("microsoft").orElseThrow();
        String redirect = "http://127.0.0.1:1/settings/mailboxes/oauth/callback";
        server.register(redirect);
        String verifier = OAuthClient.randomToken();
        URI authorize = client.authorizeUri(provider, redirect, "state-1", verifier, "rep@contoso.test");
        Map<String, String> q = query(authorize);
        assertThat(q).containsEntry("code_challenge_method", "S256").containsEntry("state", "state-1")
                .containsEntry("login_hint", "rep@contoso.test").doesNotContainKey("code_verifier");
        assertThat(q.get("scope")).contains("offline_access", "https://outlook.office.com/IMAP.AccessAsUser.All",
                "https://outlook.office.com/SMTP.Send");

        String code = codeFrom(authorize);
        OAuthClient.SignedIn signedIn = client.exchange(provider, code, verifier, redirect);
        assertThat(signedIn.email()).isEqualTo("rep@contoso.test");
        assertThat(signedIn.tokens().expiresAt()).isEqualTo(NOW.plusSeconds(600));
        assertThat(server.problems()).isEmpty();

        TokenRefresher.Refreshed refreshed = client.refresh("microsoft", signedIn.tokens().refreshToken());
        assertThat(refreshedTokens).containsExactly(refreshed.accessToken());
        assertThat(refreshed.refreshToken()).isNotEqualTo(signedIn.tokens().refreshToken());
        // The old refresh token was rotated away: the provider says the grant is dead.
        assertThatThrownBy(() -> client.refresh("microsoft", signedIn.tokens().refreshToken()))
                .isInstanceOf(TokenRefresher.Refused.class).hasMessageContaining("invalid_grant");
    }

    @Test
    void aWrongVerifierGetsNoTokens() {
        OAuthClient client = client(loopbackAllowed, server.url("/authorize"), server.url("/token"));
        OAuthProvider provider = client.provider("microsoft").orElseThrow();
        String redirect = "http://127.0.0.1:1/cb";
        server.register(redirect);
        String code = codeFrom(client.authorizeUri(provider, redirect, "s", OAuthClient.randomToken(), null));
        assertThatThrownBy(() -> client.exchange(provider, code, OAuthClient.randomToken(), redirect))
                .isInstanceOf(TokenRefresher.Refused.class);
    }

    @Test
    void aServerErrorIsTransientNotARefusal() {
        OAuthClient client = client(loopbackAllowed, server.url("/authorize"), server.url("/nothing-here"));
        assertThatThrownBy(() -> client.refresh("microsoft", "refresh-x"))
                .isInstanceOf(IllegalStateException.class).isNotInstanceOf(TokenRefresher.Refused.class)
                .hasMessageContaining("HTTP 404");
    }

    @Test
    void theTokenEndpointIsCheckedByTheOutboundGuardAndMustUseHttpsOffLoopback() {
        OAuthClient strict = client(OutboundGuard.strict(), server.url("/authorize"), server.url("/token"));
        assertThatThrownBy(() -> strict.refresh("microsoft", "r")).isInstanceOf(OutboundGuard.Refused.class);
        OutboundGuard publicName = new OutboundGuard(List.of(), host -> List.of(InetAddress.getByName("203.0.113.7")));
        OAuthClient plain = client(publicName, "https://login.example/authorize", "http://login.example/token");
        assertThatThrownBy(() -> plain.refresh("microsoft", "r")).hasMessageContaining("must use https");
    }

    @Test
    void twentyOneVianetTenantsSignInAndReadMailInChina() {
        OAuthProvider china = OAuthProvider.microsoft(new MailboxOAuthProperties.Provider("c", null, null, null, null,
                "contoso.partner.onmschina.cn", true, null, null, null, null, null, null));
        assertThat(china.authorizeUri().toString())
                .isEqualTo("https://login.partner.microsoftonline.cn/contoso.partner.onmschina.cn/oauth2/v2.0/authorize");
        assertThat(china.tokenUri().getHost()).isEqualTo("login.partner.microsoftonline.cn");
        assertThat(china.scopes()).contains("https://partner.outlook.cn/IMAP.AccessAsUser.All");
        assertThat(china.imapHost()).isEqualTo("partner.outlook.cn");
        OAuthProvider global = OAuthProvider.microsoft(new MailboxOAuthProperties.Provider("c", null, null, null, null,
                null, false, null, null, null, null, null, null));
        assertThat(global.tokenUri().toString()).isEqualTo("https://login.microsoftonline.com/organizations/oauth2/v2.0/token");
        assertThat(global.imapHost()).isEqualTo("outlook.office365.com");
    }

    @Test
    void anIdTokenWithoutAnAddressGivesNone() {
        assertThat(OAuthClient.emailOf(null)).isNull();
        assertThat(OAuthClient.emailOf("garbage")).isNull();
        String claims = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"preferred_username\":\"li@contoso.cn\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(OAuthClient.emailOf("x." + claims + ".")).isEqualTo("li@contoso.cn");
    }

    /** What the browser would do: follow the authorize endpoint's redirect and read the code off it. */
    private static String codeFrom(URI authorize) {
        try {
            var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(authorize).build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding());
            String location = response.headers().firstValue("Location").orElseThrow();
            return query(URI.create(location)).get("code");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
