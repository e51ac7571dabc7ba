package io.genjin.app.sequence;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.genjin.app.support.AppTest;
import io.genjin.app.support.Http;
import io.genjin.followup.sequence.SequenceRunner;
import io.genjin.gateway.MailIngestion;
import io.genjin.gateway.MailSource;
import io.genjin.gateway.RawMail;
import io.genjin.store.CrmStore;
import io.genjin.store.user.Role;
import io.genjin.store.user.User;
import io.genjin.testing.MutableClock;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Sequences in the running app, driven through the API on a clock the test moves: a step goes out
 * from the owner's mailbox with the unsubscribe headers and lands on the timeline; the recipient
 * unsubscribes in one click without signing in; a reply from a colleague at the customer, arriving
 * through the ingestion pipeline, stops another enrolment through the domain event.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class SequenceAppTest {
    private static final String REP = "li.lei@ourfactory.com";
    /** Monday 2 March 2026, 09:00 in Berlin. */
    private static final Instant MONDAY_MORNING_BERLIN = Instant.parse("2026-03-02T08:00:00Z");
    static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-03-02T01:00:00Z"));

    @RegisterExtension
    static GreenMailExtension provider = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser(REP, REP, "pw"));

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        AppTest.freshStore(registry);
        registry.add("genjin.linking.internal-domains", () -> "ourfactory.com");
        // The mailbox exists for its SMTP server; no IMAP sync (its host is not a real server).
        registry.add("genjin.mailbox.sync", () -> "false");
        registry.add("genjin.sequences.public-url", () -> "https://crm.ourfactory.com");
    }

    @TestConfiguration
    static class Controlled {
        @Bean
        @Primary
        Clock testClock() {
            return CLOCK;
        }

        @Bean
        Random random() {
            return new Random(7);
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    CrmStore store;
    @Autowired
    SequenceRunner runner;
    @Autowired
    MailIngestion ingestion;
    private Http http;
    private String token;
    private User rep;

    @BeforeEach
    void setUp() {
        CLOCK.set(Instant.parse("2026-03-02T01:00:00Z"));
        http = new Http(port);
        rep = store.users().byAddress(REP)
                .orElseGet(() -> store.users().create("Li Lei", List.of(REP), Role.REP, null, null, "zh-CN"));
        token = store.apiTokens().issue(rep.id(), "test").secret();
        if (store.users().byAddress(REP).isPresent() && http.get(token, "/api/users/" + rep.id() + "/mailboxes").json().isEmpty()) {
            assertThat(http.post(token, "/api/users/" + rep.id() + "/mailboxes", Map.of("host", "imap.exmail.test",
                    "username", REP, "secret", "pw", "smtp",
                    Map.of("host", "127.0.0.1", "port", provider.getSmtp().getPort(), "security", "NONE"))).status())
                    .isEqualTo(201);
        }
    }

    @Test
    void aStepGoesOutWithUnsubscribeHeadersAndTheRecipientUnsubscribesInOneClick() throws Exception {
        String company = company("Acme Trading GmbH", "acme-trading.de");
        String hans = contact(company, "Hans Becker", "hans@acme-trading.de");
        String sequence = sequence();
        Http.Reply enrolled = http.post(token, "/api/sequences/" + sequence + "/enrollments",
                Map.of("contactId", hans, "variables", Map.of("product", "2k LED panels")));
        assertThat(enrolled.status()).as(enrolled.body()).isEqualTo(201);
        String enrollment = enrolled.json().get("id").asString();
        assertThat(enrolled.json().get("language").asString()).isEqualTo("de");

        runner.runDue(10);
        assertThat(provider.getReceivedMessages()).as("02:00 in Berlin").isEmpty();
        CLOCK.set(MONDAY_MORNING_BERLIN);
        runner.runDue(10);

        MimeMessage sent = provider.getReceivedMessages()[0];
        assertThat(sent.getSubject()).isEqualTo("Unsere 2k LED panels für Acme Trading GmbH");
        assertThat(sent.getFrom()[0].toString()).contains(REP);
        String listUnsubscribe = sent.getHeader("List-Unsubscribe")[0];
        assertThat(listUnsubscribe).startsWith("<https://crm.ourfactory.com/u/").contains("<mailto:" + REP);
        assertThat(sent.getHeader("List-Unsubscribe-Post")[0]).isEqualTo("List-Unsubscribe=One-Click");
        JsonNode state = http.get(token, "/api/sequences/enrollments/" + enrollment).json();
        assertThat(state.get("nextStep").asInt()).isEqualTo(1);
        assertThat(state.get("sent").get(0).get("outcome").asString()).isEqualTo("SENT");
        assertThat(http.get(token, "/api/companies/" + company + "/timeline").body())
                .contains("Unsere 2k LED panels");

        String path = URI.create(listUnsubscribe.substring(1, listUnsubscribe.indexOf('>'))).getPath();
        HttpResponse<String> page = browser(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Accept-Language", "zh-CN").GET());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("不想再收到此类跟进邮件");
        assertThat(browser(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path + "?lang=en")).GET()).body())
                .contains("Do you want to stop receiving these follow-up emails?");
        assertThat(http.get(token, "/api/sequences/enrollments/" + enrollment).json().get("status").asString())
                .as("opening the link changes nothing").isEqualTo("ACTIVE");

        HttpResponse<String> oneClick = browser(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")));
        assertThat(oneClick.statusCode()).isEqualTo(200);
        JsonNode stopped = http.get(token, "/api/sequences/enrollments/" + enrollment).json();
        assertThat(stopped.get("status").asString()).isEqualTo("STOPPED");
        assertThat(stopped.get("stopReason").asString()).isEqualTo("UNSUBSCRIBED");
        assertThat(browser(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path + "x"))
                .POST(HttpRequest.BodyPublishers.noBody())).statusCode()).as("a forged token").isEqualTo(404);
    }

    @Test
    void aReplyFromAColleagueAtTheCustomerStopsTheSequence() {
        String company = company("Bolt Supplies Ltd", "bolt-supplies.co.uk");
        String buyer = contact(company, "Jane Smith", "jane@bolt-supplies.co.uk");
        String enrollment = http.post(token, "/api/sequences/" + sequence() + "/enrollments",
                Map.of("contactId", buyer, "variables", Map.of("product", "M8 bolts"))).json().get("id").asString();
        CLOCK.set(Instant.parse("2026-03-02T09:30:00Z"));
        runner.runDue(10);
        assertThat(http.get(token, "/api/sequences/enrollments/" + enrollment).json().get("nextStep").asInt()).isEqualTo(1);

        String reply = """
                From: Tom Brown <tom@bolt-supplies.co.uk>
                To: Li Lei <li.lei@ourfactory.com>
                Subject: Re: your offer
                Message-ID: <reply-1@bolt-supplies.co.uk>
                Date: Mon, 02 Mar 2026 11:00:00 +0000

                Thanks, Jane asked me to answer: please send samples.
                """.replace("\n", "\r\n");
        ingestion.ingest(RawMail.of(reply.getBytes(StandardCharsets.UTF_8)),
                new MailSource.Imap("acc", rep.id(), "INBOX", 1, 1, false));

        JsonNode state = http.get(token, "/api/sequences/enrollments/" + enrollment).json();
        assertThat(state.get("status").asString()).isEqualTo("STOPPED");
        assertThat(state.get("stopReason").asString()).isEqualTo("REPLIED");
        CLOCK.set(CLOCK.instant().plus(Duration.ofDays(4)));
        int before = provider.getReceivedMessages().length;
        runner.runDue(10);
        assertThat(provider.getReceivedMessages()).hasSize(before);
    }

    private String sequence() {
        Http.Reply created = http.post(token, "/api/sequences", Map.of("name", "LED follow-up", "defaultLanguage", "en",
                "steps", List.of(
                        Map.of("delay", "PT0S", "variants", List.of(
                                Map.of("language", "en", "subject", "Our {{product}} for {{company.name}}",
                                        "body", "Dear {{contact.firstName}},\n\nhere is our offer.\n\n{{owner.name}}"),
                                Map.of("language", "de", "subject", "Unsere {{product}} für {{company.name}}",
                                        "body", "Sehr geehrter {{contact.name}},\n\nunser Angebot.\n\n{{owner.name}}"))),
                        Map.of("delay", "P3D", "variants", List.of(
                                Map.of("language", "en", "subject", "Following up", "body", "Any questions?")))),
                "window", Map.of("start", "09:00", "end", "17:00")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asString();
    }

    private String company(String name, String domain) {
        return http.post(token, "/api/companies", Map.of("name", name, "domains", List.of(domain),
                "country", domain.endsWith(".de") ? "DE" : "GB")).json().get("id").asString();
    }

    private String contact(String company, String name, String address) {
        Http.Reply r = http.post(token, "/api/companies/" + company + "/contacts",
                Map.of("name", name, "addresses", List.of(address)));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asString();
    }

    private static HttpResponse<String> browser(HttpRequest.Builder request) throws Exception {
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

}
