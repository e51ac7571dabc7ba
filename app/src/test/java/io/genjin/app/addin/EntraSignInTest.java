package io.genjin.app.addin;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.genjin.app.support.AppTest;
import io.genjin.app.support.Http;
import io.genjin.app.support.Seed;
import io.genjin.app.support.Seed.Person;
import io.genjin.store.CrmStore;
import io.genjin.store.user.Role;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The add-in's sign-in by nested app authentication, as the API meets it: Bearer JWTs signed by a test
 * key set that a loopback HTTP server publishes the way Entra ID publishes its keys. Only an access
 * token for Genjin's API, from an allowed tenant's own issuer, unexpired, signed by a published key,
 * for an active Genjin user, signs anyone in.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EntraSignInTest {
    static final String CLIENT_ID = "0b6f3c1e-2a4d-4e8f-9c7a-5d3e1f2a4b6c";
    static final String TENANT = "9e1c7a52-4b3d-4f0e-8a6c-2d5b7e9f1a3c";
    static final String OTHER_TENANT = "3f5a7c9e-1b2d-4e6f-8a0c-4e6a8c0e2a4b";
    static final String AUDIENCE = "api://crm.team.example/" + CLIENT_ID;
    static final RSAKey KEY = key("entra-test-key");
    static final RSAKey STRANGER = key("entra-test-key");
    static HttpServer keys;

    static RSAKey key(String id) {
        try {
            return new RSAKeyGenerator(2048).keyID(id).generate();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) throws Exception {
        AppTest.freshStore(registry);
        keys = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        byte[] published = new JWKSet(KEY.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        keys.createContext("/common/discovery/v2.0/keys", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, published.length);
            exchange.getResponseBody().write(published);
            exchange.close();
        });
        keys.start();
        registry.add("genjin.addin.public-url", () -> "https://crm.team.example");
        registry.add("genjin.addin.entra.client-id", () -> CLIENT_ID);
        registry.add("genjin.addin.entra.tenants", () -> TENANT);
        registry.add("genjin.addin.entra.issuer", () -> issuer("{tid}"));
        registry.add("genjin.addin.entra.jwks-uri", () -> "http://127.0.0.1:" + keys.getAddress().getPort()
                + "/common/discovery/v2.0/keys");
    }

    static String issuer(String tenant) {
        return "http://127.0.0.1:" + keys.getAddress().getPort() + "/" + tenant + "/v2.0";
    }

    @AfterAll
    static void stopKeys() {
        keys.stop(0);
    }

    @LocalServerPort
    int port;
    @Autowired
    CrmStore store;
    private Http http;
    private Person rep;
    private Person leaver;

    @BeforeAll
    void seed() {
        http = new Http(port);
        Seed seed = new Seed(store);
        rep = seed.person("Li Na", Role.REP, null, null);
        leaver = seed.person("Left Rep", Role.REP, null, null);
        store.users().setDeactivated(leaver.id(), store.clock().instant());
    }

    @Test
    void anAccessTokenForGenjinFromAnAllowedTenantSignsInTheUserWithItsAddress() {
        Http.Reply me = http.get(token(c -> { }), "/api/me");
        assertThat(me.status()).as(me.toString()).isEqualTo(200);
        assertThat(me.json().get("id").asString()).isEqualTo(rep.id());
        // The App ID URI as audience (a v1-style request of the same scope) is Genjin's too.
        assertThat(http.get(token(c -> c.audience(AUDIENCE)), "/api/me").status()).isEqualTo(200);
        // upn when preferred_username is missing.
        assertThat(http.get(token(c -> c.claim("preferred_username", null).claim("upn", rep.user().primaryAddress())),
                "/api/me").status()).isEqualTo(200);
    }

    @Test
    void aTokenForAnotherApiIsRefused() {
        assertRefused(token(c -> c.audience("api://other.example/" + UUID.randomUUID())));
        assertRefused(token(c -> c.audience("https://graph.microsoft.com")));
    }

    @Test
    void aTokenFromAnotherIssuerIsRefused() {
        assertRefused(token(c -> c.issuer("https://sts.windows.net/" + TENANT + "/")));
        assertRefused(token(c -> c.issuer(issuer(OTHER_TENANT))));
    }

    @Test
    void aTokenFromATenantNotOnTheListIsRefused() {
        assertRefused(token(c -> c.issuer(issuer(OTHER_TENANT)).claim("tid", OTHER_TENANT)));
    }

    @Test
    void anExpiredTokenIsRefused() {
        Instant issued = Instant.now().minus(Duration.ofHours(2));
        assertRefused(token(c -> c.issueTime(Date.from(issued)).notBeforeTime(Date.from(issued))
                .expirationTime(Date.from(issued.plus(Duration.ofMinutes(60))))));
    }

    @Test
    void anIdTokenIsRefused() {
        // What Entra issues to the add-in itself on sign-in: its own client id as audience, no scope.
        assertRefused(token(c -> c.claim("scp", null).claim("nonce", "n-0S6_WzA2Mj").claim("ver", "2.0")));
    }

    @Test
    void aTokenSignedByAnUnpublishedKeyIsRefused() {
        assertRefused(token(STRANGER, c -> { }));
    }

    @Test
    void aTokenForSomeoneWhoIsNotAGenjinUserOrWasDeactivatedIsRefused() {
        assertRefused(token(c -> c.claim("preferred_username", "stranger@team.example")));
        assertRefused(token(c -> c.claim("preferred_username", leaver.user().primaryAddress())));
    }

    @Test
    void personalTokensStillSignIn() {
        assertThat(http.get(rep.token(), "/api/me").status()).isEqualTo(200);
    }

    private void assertRefused(String token) {
        Http.Reply reply = http.get(token, "/api/addin/card?address=buyer@acme.example");
        assertThat(reply.status()).as(reply.toString()).isEqualTo(401);
        assertThat(reply.contentType()).startsWith("application/problem+json");
    }

    private String token(Consumer<JWTClaimsSet.Builder> change) {
        return token(KEY, change);
    }

    /** An Entra v2.0 access token for Genjin's API as NAA gets it, changed by {@code change}. */
    private String token(RSAKey key, Consumer<JWTClaimsSet.Builder> change) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(issuer(TENANT)).audience(CLIENT_ID)
                .subject("s-" + UUID.randomUUID()).issueTime(Date.from(now)).notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofHours(1)))).claim("tid", TENANT)
                .claim("oid", UUID.randomUUID().toString()).claim("scp", "access_as_user").claim("ver", "2.0")
                .claim("azp", CLIENT_ID).claim("preferred_username", rep.user().primaryAddress().toUpperCase());
        change.accept(claims);
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims.build());
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
