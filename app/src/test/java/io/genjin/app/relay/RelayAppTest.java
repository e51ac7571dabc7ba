package io.genjin.app.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.genjin.app.relay.RelayConfiguration.RelayLifecycle;
import io.genjin.app.support.AppTest;
import io.genjin.app.support.Http;
import io.genjin.app.support.MailClient;
import io.genjin.app.support.Seed;
import io.genjin.store.CrmStore;
import io.genjin.store.user.Role;
import io.genjin.tracking.MessageTracking;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The relay in the running app, set up through the API the way a salesperson would (mailbox with its
 * SMTP server, a relay password), then used by a real mail client library over STARTTLS and AUTH,
 * with GreenMail as the provider's server; the tracking module instruments the quotation.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RelayAppTest {
    private static final String REP = "li.lei@ourfactory.com";
    private static final String PROVIDER_PASSWORD = "exmail-app-password";

    @RegisterExtension
    static GreenMailExtension provider = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser(REP, REP, PROVIDER_PASSWORD));

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        AppTest.freshStore(registry);
        registry.add("genjin.linking.internal-domains", () -> "ourfactory.com");
        // The mailbox exists for its SMTP server; no IMAP sync (its host is not a real server).
        registry.add("genjin.mailbox.sync", () -> "false");
    }

    @LocalServerPort
    int port;
    @Autowired
    CrmStore store;
    @Autowired
    RelayLifecycle relay;
    @Autowired
    io.genjin.tracking.Tracking tracking;

    @Test
    void aSalespersonSetsUpTheRelayAndAQuoteSentThroughItIsTrackedDeliveredAndOnTheTimeline() throws Exception {
        Http http = new Http(port);
        var rep = store.users().create("Li Lei", List.of(REP), Role.REP, null, null, "zh-CN");
        String token = store.apiTokens().issue(rep.id(), "laptop").secret();
        Http.Reply mailbox = http.post(token, "/api/users/" + rep.id() + "/mailboxes", Map.of("host", "imap.exmail.test",
                "username", REP, "secret", PROVIDER_PASSWORD, "smtp",
                Map.of("host", "127.0.0.1", "port", provider.getSmtp().getPort(), "security", "NONE")));
        assertThat(mailbox.status()).as(mailbox.body()).isEqualTo(201);
        assertThat(mailbox.json().get("smtp").get("port").asInt()).isEqualTo(provider.getSmtp().getPort());
        String company = http.post(token, "/api/companies", Map.of("name", "Acme Trading GmbH",
                "domains", List.of("acme-trading.de"), "country", "DE")).json().get("id").asString();

        Http.Reply issued = http.post(token, "/api/users/" + rep.id() + "/relay-credentials", Map.of("label", "Foxmail"));
        assertThat(issued.status()).isEqualTo(201);
        String password = issued.json().get("password").asString();
        assertThat(issued.json().get("username").asString()).isEqualTo(REP);
        assertThat(issued.json().get("security").asString()).isEqualTo("STARTTLS");
        assertThat(http.get(token, "/api/users/" + rep.id() + "/relay-credentials").body()).doesNotContain(password);

        send(password, "Quotation for 2k LED panels", "<quote-1@ourfactory.com>");

        assertThat(provider.getReceivedMessages()).singleElement().satisfies(m -> {
            assertThat(m.getHeader("Message-ID")[0]).isEqualTo("<quote-1@ourfactory.com>");
            // The tracking module's own pixel, for this recipient, in the delivered quotation.
            assertThat(GreenMailUtil.getWholeMessage(m).replaceAll("=\r?\n", "")).containsPattern("/t/o/[A-Za-z0-9_.-]+\\.gif");
        });
        MessageTracking tracked = tracking.byMessageId("quote-1@ourfactory.com", 0).orElseThrow();
        assertThat(tracked.quote()).isTrue();
        assertThat(tracked.subject()).isEqualTo("Quotation for 2k LED panels");
        assertThat(tracked.recipients()).extracting(MessageTracking.Recipient::address).contains("hans@acme-trading.de");
        JsonNode timeline = http.get(token, "/api/companies/" + company + "/timeline").json();
        assertThat(timeline.toString()).contains("Quotation for 2k LED panels");
        JsonNode outbound = http.get(token, "/api/users/" + rep.id() + "/outbound").json();
        assertThat(outbound.get(0).get("status").asString()).isEqualTo("SENT");
        assertThat(outbound.get(0).get("origin").asString()).isEqualTo("RELAY");
        JsonNode settings = http.get(token, "/api/users/" + rep.id() + "/relay").json();
        assertThat(settings.get("tracking").asString()).isEqualTo("QUOTES");
        assertThat(settings.get("sendingMailboxes")).hasSize(1);

        String outbox = signedInPage(token, "/outbox?lang=zh-CN");
        assertThat(outbox).contains("已发邮件").contains("Quotation for 2k LED panels").contains("仅报价邮件")
                .contains("没有待发邮件");

        String credential = issued.json().get("credential").get("id").asString();
        assertThat(http.send(token, "DELETE", "/api/users/" + rep.id() + "/relay-credentials/" + credential, null)
                .status()).isEqualTo(204);
        assertThatThrownBy(() -> send(password, "Another quotation", "<quote-2@ourfactory.com>"))
                .isInstanceOf(AuthenticationFailedException.class);
        assertThat(provider.getReceivedMessages()).hasSize(1);
    }

    /** The web UI as a browser sees it: sign in with the token through the form, then open the page. */
    private String signedInPage(String token, String path) throws Exception {
        java.net.http.HttpClient browser = java.net.http.HttpClient.newBuilder()
                .cookieHandler(new java.net.CookieManager()).build();
        String base = "http://127.0.0.1:" + port;
        String form = browser.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/signin")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        java.util.regex.Matcher csrf = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(form);
        assertThat(csrf.find()).isTrue();
        browser.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/signin"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("token=" + token + "&_csrf=" + csrf.group(1)))
                .build(), java.net.http.HttpResponse.BodyHandlers.discarding());
        var page = browser.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + path)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        return page.body();
    }

    /** What Foxmail or Thunderbird do: STARTTLS (the certificate accepted once), AUTH, send. */
    private void send(String password, String subject, String messageId) throws Exception {
        MimeMessage message = MailClient.message(MailClient.session(relay.port()), messageId);
        message.setFrom(new InternetAddress(REP, "Li Lei"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress("hans@acme-trading.de", "Hans Becker"));
        message.setSubject(subject, "UTF-8");
        MimeBodyPart text = new MimeBodyPart();
        text.setText("Dear Hans, our quotation: USD 12.50 per piece, FOB Ningbo.", "UTF-8", "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText("<html><body><p>Dear Hans, our quotation: USD 12.50 per piece, FOB Ningbo.</p></body></html>",
                "UTF-8", "html");
        message.setContent(new MimeMultipart("alternative", text, html));
        Transport.send(message, REP, password);
    }
}
