package io.genjin.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.genjin.app.GenjinApplication;
import io.genjin.app.support.AppTest;
import io.genjin.app.support.Http;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Two API replicas on one store, as behind a balancer with no sticky sessions: this one runs the
 * embedded store, the second connects to it with a MongoDB URI. One browser (one cookie jar, which
 * sends the session cookie to both, as cookies ignore the port) signs in on one replica and is served
 * by the other; signing out, or revoking the token it signed in with, on one replica ends the session
 * on both.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "genjin.dropbox.enabled=false")
class SessionsAcrossReplicasTest {
    private static final String KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        AppTest.freshStore(registry);
    }

    @LocalServerPort
    int port;
    @Autowired
    MongoConnectionDetails mongo;
    ConfigurableApplicationContext second;
    int secondPort;

    @BeforeEach
    void startSecondReplica() {
        second = new SpringApplicationBuilder(GenjinApplication.class).run("--server.port=0", "--genjin.roles=api",
                "--genjin.store.mongodb-uri=" + mongo.getConnectionString().getConnectionString(),
                "--genjin.admin-token=" + AppTest.ADMIN_TOKEN, "--genjin.dropbox.enabled=false",
                "--genjin.tracking.key=" + KEY, "--genjin.mailbox.secret-key=" + KEY);
        secondPort = ((WebServerApplicationContext) second).getWebServer().getPort();
    }

    @AfterEach
    void stopSecondReplica() {
        second.close();
    }

    @Test
    void aSessionOpenedOnOneReplicaServesOnTheOtherAndSigningOutThereEndsItOnBoth() {
        Browser browser = new Browser();
        browser.signIn(port, AppTest.ADMIN_TOKEN);
        assertThat(browser.get(secondPort, "/customers").statusCode()).as("the other replica knows the session").isEqualTo(200);
        assertThat(browser.get(port, "/customers").statusCode()).isEqualTo(200);

        String csrf = browser.csrf(secondPort, "/customers");
        HttpResponse<String> out = browser.post(secondPort, "/signout", "_csrf=" + csrf);
        assertThat(out.headers().firstValue("Location").orElse("")).contains("/signin?signedOut");

        HttpResponse<String> after = browser.get(port, "/customers");
        assertThat(after.statusCode()).as("signed out on the first replica too").isEqualTo(302);
        assertThat(after.headers().firstValue("Location").orElse("")).contains("/signin");
    }

    @Test
    void revokingTheSignInTokenOnOneReplicaEndsTheWebSessionAndTheApiTokenOnTheOther() {
        Http api = new Http(port);
        String me = api.get(AppTest.ADMIN_TOKEN, "/api/me").json().get("id").asString();
        Http.Reply issued = api.post(AppTest.ADMIN_TOKEN, "/api/users/" + me + "/tokens", Map.of("label", "browser"));
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        String secret = issued.json().get("secret").asString();
        String tokenId = issued.json().get("id").asString();

        Browser browser = new Browser();
        browser.signIn(secondPort, secret);
        assertThat(browser.get(port, "/customers").statusCode()).isEqualTo(200);
        assertThat(new Http(secondPort).get(secret, "/api/me").status()).isEqualTo(200);

        assertThat(api.send(AppTest.ADMIN_TOKEN, "DELETE", "/api/users/" + me + "/tokens/" + tokenId, null).status())
                .isEqualTo(200);

        assertThat(new Http(secondPort).get(secret, "/api/me").status()).as("the token on the other replica").isEqualTo(401);
        HttpResponse<String> page = browser.get(secondPort, "/customers");
        assertThat(page.statusCode()).as("the session it opened, on the other replica").isEqualTo(302);
        assertThat(page.headers().firstValue("Location").orElse("")).contains("/signin");
        assertThat(browser.get(port, "/customers").statusCode()).as("and on this one").isEqualTo(302);
        assertThat(new Http(port).get(AppTest.ADMIN_TOKEN, "/api/me").status()).as("other tokens still work").isEqualTo(200);
    }

    /** One cookie jar for both replicas, no redirects followed. */
    private static final class Browser {
        private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();

        void signIn(int port, String token) {
            String csrf = csrf(port, "/signin");
            HttpResponse<String> in = post(port, "/signin",
                    "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8) + "&_csrf=" + csrf);
            assertThat(in.statusCode()).isEqualTo(302);
            assertThat(in.headers().firstValue("Location").orElse("")).doesNotContain("error");
        }

        String csrf(int port, String page) {
            Matcher m = CSRF.matcher(get(port, page).body());
            assertThat(m.find()).as("a CSRF token on " + page).isTrue();
            return m.group(1);
        }

        HttpResponse<String> get(int port, String path) {
            return send(HttpRequest.newBuilder(uri(port, path)).GET());
        }

        HttpResponse<String> post(int port, String path, String form) {
            return send(HttpRequest.newBuilder(uri(port, path)).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)));
        }

        private static URI uri(int port, String path) {
            return URI.create("http://127.0.0.1:" + port + path);
        }

        private HttpResponse<String> send(HttpRequest.Builder request) {
            try {
                return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
