package io.genjin.app.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import io.genjin.app.gateway.smtp.SmtpDropboxConfiguration;
import io.genjin.app.support.AppTest;
import io.genjin.gateway.MailIngestion;
import io.genjin.tracking.TrackHits;
import io.genjin.tracking.Tracking;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@code --roles=tracking}: the pixel, link and unsubscribe endpoints and health, and nothing else. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "roles=tracking")
class TrackingRoleTest {

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        AppTest.freshStore(registry);
    }

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;

    @Test
    void aTrackingOnlyProcessAnswersThePixelAndHealthButServesNoApiNoUiAndRunsNoMailTransport() {
        Pixel pixel = new Pixel(port);
        var gif = pixel.get("/t/o/anything.gif", Map.of());
        assertThat(gif.statusCode()).isEqualTo(200);
        assertThat(gif.body()).hasSize(43);
        assertThat(pixel.get("/t/c/anything", Map.of()).statusCode()).isEqualTo(404);
        assertThat(pixel.get("/actuator/health", Map.of()).statusCode()).isEqualTo(200);
        for (String path : new String[] {"/api/me", "/api/companies", "/customers", "/signin", "/v3/api-docs",
                "/actuator/prometheus", "/actuator/env"}) {
            var reply = pixel.get(path, Map.of("Authorization", "Bearer " + AppTest.ADMIN_TOKEN));
            assertThat(reply.statusCode()).as(path).isEqualTo(404);
        }
        assertThat(pixel.send("POST", "/api/tracking/instrument", Map.of("Authorization", "Bearer " + AppTest.ADMIN_TOKEN))
                .statusCode()).isEqualTo(404);

        // Recipients' unsubscribe links point at the public side too: the page answers here.
        var unsubscribe = pixel.get("/u/not-a-valid-token?lang=en", Map.of());
        assertThat(unsubscribe.statusCode()).isEqualTo(404);
        assertThat(new String(unsubscribe.body(), java.nio.charset.StandardCharsets.UTF_8)).contains("This unsubscribe link is not valid");
        assertThat(context.getBeanNamesForType(io.genjin.gateway.relay.OutboundSender.class)).as("no relay, no sending").isEmpty();

        assertThat(context.getBeanNamesForType(TrackHits.class)).hasSize(1);
        assertThat(context.getBeanNamesForType(Tracking.class)).hasSize(1);
        assertThat(context.getBeanNamesForType(SmtpDropboxConfiguration.DropboxLifecycle.class)).as("no SMTP dropbox").isEmpty();
        assertThat(context.getBeanNamesForType(MailIngestion.class)).as("no ingestion, no IMAP sync").isEmpty();
        assertThat(context.getBeanNamesForType(io.genjin.gateway.imap.MailboxSync.class)).isEmpty();
        assertThat(context.getBeanNamesForType(SecurityFilterChain.class)).containsExactly("trackingOnly");
        assertThat(context.containsBean("adminBootstrap")).isFalse();
    }
}
