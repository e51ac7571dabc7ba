package io.genjin.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.genjin.app.support.AppTest;
import io.genjin.app.support.Seed;
import io.genjin.app.support.Seed.Person;
import io.genjin.store.CrmStore;
import io.genjin.store.user.Role;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The sign-in page for a session whose user was deactivated since it signed in. Such a session can
 * reach the page still holding its user: sessions are documents in the store, and the live badge's
 * event stream, opened before the deactivation, writes its copy back when it ends. The page is then
 * served signed out with its own message and the deactivation note, not sent to itself (which lost
 * the "wrong token" message of a refused sign-in).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SignInPageTest {
    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        AppTest.freshStore(registry);
    }

    @LocalServerPort
    int port;
    @Autowired
    CrmStore store;

    @Test
    void aSessionStillHoldingADeactivatedUserGetsTheSignInPageWithItsMessageAndIsSignedOut() {
        Person rep = new Seed(store).person("Gone Rep", Role.REP, null, null);
        PageClient pages = PageClient.signedIn("http://127.0.0.1:" + port, rep.token());
        assertThat(pages.get("/customers").statusCode()).isEqualTo(200);

        store.users().setDeactivated(rep.id(), Instant.now());
        HttpResponse<byte[]> refused = pages.get("/signin?error");

        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(new String(refused.body(), StandardCharsets.UTF_8)).contains("id=\"signin-error\"")
                .contains("id=\"signin-deactivated\"");
        HttpResponse<byte[]> next = pages.get("/customers");
        assertThat(next.statusCode()).isEqualTo(302);
        assertThat(next.headers().firstValue("Location").orElse("")).endsWith("/signin");
    }
}
