package io.genjin.app.addin;

import static org.assertj.core.api.Assertions.assertThat;

import io.genjin.app.gateway.smtp.SmtpDropboxConfiguration.DropboxLifecycle;
import io.genjin.app.support.AppTest;
import io.genjin.app.support.Http;
import io.genjin.app.support.MailClient;
import io.genjin.app.support.Seed;
import io.genjin.app.support.Seed.Customer;
import io.genjin.app.support.Seed.Person;
import io.genjin.followup.sequence.Sequence;
import io.genjin.followup.sequence.SequenceStore;
import io.genjin.store.CrmStore;
import io.genjin.store.Ids;
import io.genjin.store.user.Role;
import io.genjin.store.user.Team;
import io.genjin.tracking.Tracking;
import jakarta.mail.Address;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The add-in's API the way the task pane meets it: over HTTP with a rep's token, against the whole
 * app, with mail arriving through the SMTP dropbox as a BCC would. rep1 and rep2 are teammates; each
 * sees only their own customers (and the public pool).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AddinApiTest {

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        AppTest.freshStore(registry);
        registry.add("genjin.addin.public-url", () -> "https://crm.team.example");
        registry.add("genjin.addin.price-lists[0].name", () -> "LED price list 2027");
        registry.add("genjin.addin.price-lists[0].url", () -> "https://files.team.example/led-2027.pdf");
    }

    @LocalServerPort
    int port;
    @Autowired
    CrmStore store;
    @Autowired
    Tracking tracking;
    @Autowired
    SequenceStore sequences;
    @Autowired
    MongoOperations mongo;
    @Autowired
    DropboxLifecycle dropbox;

    private Http http;
    private Person rep1;
    private Person rep2;
    private Customer acme;
    private Customer globex;

    @BeforeAll
    void seed() {
        http = new Http(port);
        Seed seed = new Seed(store);
        Team team = seed.team("Export team");
        Person manager = seed.person("Team Manager", Role.MANAGER, team, null);
        rep1 = seed.person("Rep One", Role.REP, team, manager.user());
        rep2 = seed.person("Rep Two", Role.REP, team, manager.user());
        acme = seed.customer("Acme Lighting", "acme-addin.com", rep1.user());
        globex = seed.customer("Globex Secret Buyer", "globex-addin.com", rep2.user());
    }

    @Test
    void theCardShowsTheRepsOwnCustomerAndNeverNamesATeammatesCustomer() {
        String query = "/api/addin/card?address=Buyer@Acme-Addin.com&address=buyer@globex-addin.com"
                + "&address=someone.else@globex-addin.com&address=friend@gmail.com&address=sales@initech-lamps.com"
                + "&address=" + rep2.user().primaryAddress();
        Http.Reply reply = http.get(rep1.token(), query);

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        JsonNode customers = reply.json().get("customers");
        assertThat(customers).hasSize(1);
        JsonNode card = customers.get(0);
        assertThat(card.get("companyId").asString()).isEqualTo(acme.id());
        assertThat(card.get("name").asString()).isEqualTo("Acme Lighting");
        assertThat(card.get("mine").asBoolean()).isTrue();
        assertThat(card.get("publicPool").asBoolean()).isFalse();
        assertThat(card.get("owner").get("id").asString()).isEqualTo(rep1.id());
        assertThat(card.get("contacts").get(0).get("address").asString()).isEqualTo("buyer@acme-addin.com");
        assertThat(card.get("openTasks").get(0).get("title").asString()).isEqualTo("Send the quote");
        JsonNode timeline = card.get("timeline");
        assertThat(timeline.size()).isBetween(1, 5);
        for (int i = 1; i < timeline.size(); i++) {
            assertThat(java.time.Instant.parse(timeline.get(i - 1).get("at").asString()))
                    .isAfterOrEqualTo(java.time.Instant.parse(timeline.get(i).get("at").asString()));
        }
        assertThat(card.get("quoteOpens").get("human").asLong()).isZero();
        assertThat(card.get("url").asString()).isEqualTo("https://crm.team.example/customers/" + acme.id());

        Map<String, JsonNode> unknown = byAddress(reply.json().get("unknown"));
        assertThat(unknown).containsOnlyKeys("buyer@globex-addin.com", "someone.else@globex-addin.com", "friend@gmail.com",
                "sales@initech-lamps.com");
        assertThat(unknown.get("buyer@globex-addin.com").get("taken").asBoolean()).isTrue();
        assertThat(unknown.get("buyer@globex-addin.com").get("guess").isNull()).isTrue();
        assertThat(unknown.get("someone.else@globex-addin.com").get("taken").asBoolean()).isTrue();
        assertThat(unknown.get("friend@gmail.com").get("freeMail").asBoolean()).isTrue();
        assertThat(unknown.get("friend@gmail.com").get("guess").isNull()).isTrue();
        JsonNode guess = unknown.get("sales@initech-lamps.com").get("guess");
        assertThat(guess.get("companyId").isNull()).isTrue();
        assertThat(guess.get("domain").asString()).isEqualTo("initech-lamps.com");
        assertThat(guess.get("companyName").asString()).isNotBlank();
        assertThat(reply.body()).doesNotContain("Globex Secret Buyer").doesNotContain(globex.id());

        // The teammate sees it the other way round.
        JsonNode theirs = http.get(rep2.token(), query).json();
        assertThat(theirs.get("customers").get(0).get("companyId").asString()).isEqualTo(globex.id());
        assertThat(byAddress(theirs.get("unknown")).get("buyer@acme-addin.com").get("taken").asBoolean()).isTrue();
    }

    @Test
    void anUnknownColleagueOfAKnownCustomerIsGuessedAsThatCustomer() {
        JsonNode guess = http.get(rep1.token(), "/api/addin/card?address=new.buyer@acme-addin.com").json()
                .get("unknown").get(0).get("guess");
        assertThat(guess.get("companyId").asString()).isEqualTo(acme.id());
        assertThat(guess.get("companyName").asString()).isEqualTo("Acme Lighting");
    }

    @Test
    void theCardAsksForOneToFiftyAddresses() {
        Http.Reply none = http.get(rep1.token(), "/api/addin/card");
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.contentType()).startsWith("application/problem+json");
        StringBuilder many = new StringBuilder("/api/addin/card?address=a0@x-addin.com");
        for (int i = 1; i <= 50; i++) {
            many.append("&address=a").append(i).append("@x-addin.com");
        }
        assertThat(http.get(rep1.token(), many.toString()).status()).isEqualTo(400);
    }

    @Test
    void aMessageLoggedFromOutlookAndBccedToTheDropboxIsStoredOnce() throws Exception {
        String id = "quote-bcc-" + Ids.newId() + "@team.example";
        MimeMessage sent = mail(id, rep1.user().primaryAddress(), "buyer@acme-addin.com", "Quotation LED-300", null);
        bcc(sent, rep1.user().primaryAddress());

        Http.Reply logged = http.post(rep1.token(), "/api/addin/messages",
                Map.of("internetMessageId", "<" + id + ">", "eml", eml(sent)));

        assertThat(logged.status()).as(logged.toString()).isEqualTo(200);
        assertThat(logged.json().get("status").asString()).isEqualTo("ALREADY_STORED");
        assertThat(logged.json().get("messageId").asString()).isEqualTo(id);
        assertThat(logged.json().get("companyId").asString()).isEqualTo(acme.id());
        assertThat(storedCopies(id)).isEqualTo(1);
    }

    @Test
    void aMessageLoggedFromItsFieldsFirstIsNotStoredAgainWhenItsBccArrives() throws Exception {
        String id = "reply-" + Ids.newId() + "@acme-addin.com";
        Http.Reply logged = http.post(rep1.token(), "/api/addin/messages", Map.of("internetMessageId", "<" + id + ">",
                "subject", "回复: 报价 LED-300", "from", Map.of("address", "buyer@acme-addin.com", "name", "Buyer of Acme"),
                "to", List.of(Map.of("address", rep1.user().primaryAddress(), "name", "Rep One")),
                "sentAt", "2026-11-30T08:00:00Z", "text", "Thanks, the price is fine. 价格可以。", "direction", "INBOUND"));

        assertThat(logged.status()).as(logged.toString()).isEqualTo(201);
        assertThat(logged.json().get("status").asString()).isEqualTo("STORED");
        assertThat(logged.json().get("companyId").asString()).isEqualTo(acme.id());
        assertThat(store.messages().byMessageId(id).orElseThrow().subject()).isEqualTo("回复: 报价 LED-300");

        bcc(mail(id, "buyer@acme-addin.com", rep1.user().primaryAddress(), "回复: 报价 LED-300", null),
                rep1.user().primaryAddress());
        assertThat(storedCopies(id)).isEqualTo(1);
        Http.Reply again = http.post(rep1.token(), "/api/addin/messages", Map.of("internetMessageId", "<" + id + ">",
                "from", Map.of("address", "buyer@acme-addin.com"), "text", "same"));
        assertThat(again.json().get("status").asString()).isEqualTo("ALREADY_STORED");
    }

    @Test
    void aLoggedMessageOnATeammatesCustomerDoesNotNameIt() throws Exception {
        String id = "globex-" + Ids.newId() + "@globex-addin.com";
        Http.Reply logged = http.post(rep1.token(), "/api/addin/messages", Map.of("internetMessageId", id,
                "eml", eml(mail(id, "buyer@globex-addin.com", rep1.user().primaryAddress(), "RFQ", null))));
        assertThat(logged.status()).as(logged.toString()).isEqualTo(201);
        assertThat(logged.json().get("companyId").isNull()).isTrue();
    }

    @Test
    void aQuotationTrackedInComposeIsLinkedWhenItsSentCopyArrivesAndAForgedHeaderIsNot() throws Exception {
        Http.Reply tracked = http.post(rep1.token(), "/api/addin/compose/track", Map.of("subject", "Quotation LED-300",
                "html", "<p>Our offer: <a href=\"https://acme-addin.com/catalogue\">catalogue</a></p>",
                "to", List.of("buyer@acme-addin.com"), "cc", List.of()));
        assertThat(tracked.status()).as(tracked.toString()).isEqualTo(201);
        JsonNode answer = tracked.json();
        String trackingId = answer.get("trackingId").asString();
        assertThat(answer.get("header").get("name").asString()).isEqualTo("X-Genjin-Track");
        String header = answer.get("header").get("value").asString();
        assertThat(answer.get("html").asString()).contains("/t/o/").contains("/t/c/");

        String id = "tracked-" + Ids.newId() + "@team.example";
        MimeMessage sent = mail(id, rep1.user().primaryAddress(), "buyer@acme-addin.com", "Quotation LED-300",
                answer.get("html").asString());
        sent.setHeader("X-Genjin-Track", header);
        bcc(sent, rep1.user().primaryAddress());

        assertThat(storedCopies(id)).isEqualTo(1);
        assertThat(tracking.byMessageId(id, 0)).get().extracting(m -> m.trackedId()).isEqualTo(trackingId);
        Http.Reply view = http.get(rep1.token(), "/api/tracking/messages/" + trackingId);
        assertThat(view.json().get("messageId").asString()).isEqualTo(id);
        assertThat(view.json().get("companyId").asString()).isEqualTo(acme.id());

        // A header made up by hand: the message is logged, its tracking is not.
        String forgedId = "forged-" + Ids.newId() + "@team.example";
        MimeMessage forged = mail(forgedId, rep1.user().primaryAddress(), "buyer@acme-addin.com", "Quotation", null);
        forged.setHeader("X-Genjin-Track", trackingId + ".k1.AAAAAAAAAAAAAAAAAAAAAA");
        Http.Reply logged = http.post(rep1.token(), "/api/addin/messages", Map.of("internetMessageId", forgedId, "eml", eml(forged)));
        assertThat(logged.json().get("status").asString()).isEqualTo("STORED");
        assertThat(tracking.byMessageId(forgedId, 0)).isEmpty();

        // The genuine header copied onto another message does not move the tracking.
        String copyId = "copy-" + Ids.newId() + "@team.example";
        MimeMessage copy = mail(copyId, rep1.user().primaryAddress(), "buyer@acme-addin.com", "Quotation", null);
        copy.setHeader("X-Genjin-Track", header);
        http.post(rep1.token(), "/api/addin/messages", Map.of("internetMessageId", copyId, "eml", eml(copy)));
        assertThat(storedCopies(copyId)).isEqualTo(1);
        assertThat(tracking.message(trackingId, 0).orElseThrow().messageId()).isEqualTo(id);
    }

    @Test
    void composeTrackingFollowsTheInstrumentRules() {
        Http.Reply hidden = http.post(rep2.token(), "/api/addin/compose/track", Map.of("html", "<p>offer</p>",
                "to", List.of("buyer@acme-addin.com"), "companyId", acme.id()));
        assertThat(hidden.status()).isEqualTo(404);
        Http.Reply noRecipients = http.post(rep1.token(), "/api/addin/compose/track", Map.of("html", "<p>offer</p>"));
        assertThat(noRecipients.status()).isEqualTo(400);
        // Without a companyId, a teammate's customer's contact does not attach the quote to that customer.
        Http.Reply theirs = http.post(rep2.token(), "/api/addin/compose/track", Map.of("html", "<p>offer</p>",
                "to", List.of("buyer@acme-addin.com")));
        assertThat(theirs.status()).isEqualTo(201);
        assertThat(theirs.json().get("companyId").isNull()).isTrue();
    }

    @Test
    void theSendCheckRemindsToTrackAQuotationToAKnownCustomerOnly() {
        Map<String, Object> quote = Map.of("to", List.of("buyer@acme-addin.com"), "cc", List.of(),
                "subject", "Quotation for LED panels", "text", "Please find attached our quotation.", "tracked", false);
        JsonNode remind = http.post(rep1.token(), "/api/addin/compose/check", quote).json();
        assertThat(remind.get("remind").asBoolean()).isTrue();
        assertThat(remind.get("reason").asString()).isEqualTo("QUOTATION_UNTRACKED");
        assertThat(remind.get("customerName").asString()).isEqualTo("Acme Lighting");

        assertThat(check(rep1, Map.of("to", List.of("buyer@acme-addin.com"), "subject", "Quotation",
                "text", "Please find attached our quotation.", "tracked", true))).isFalse();
        assertThat(check(rep1, Map.of("to", List.of("buyer@acme-addin.com"), "subject", "Lunch on Friday?",
                "text", "Shall we meet at noon?", "tracked", false))).isFalse();
        assertThat(check(rep1, Map.of("to", List.of("friend@gmail.com"), "subject", "Quotation",
                "text", "Please find attached our quotation.", "tracked", false))).isFalse();
        // A link to a configured price list is a quotation cue of its own.
        assertThat(check(rep1, Map.of("to", List.of("buyer@acme-addin.com"), "subject", "Hello",
                "text", "See https://files.team.example/led-2027.pdf", "tracked", false))).isTrue();
        // A teammate's customer is not the caller's to be reminded about.
        assertThat(check(rep2, quote)).isFalse();
    }

    @Test
    void snippetsAreTheTeamsTemplatesRenderedForTheCustomerAndThePriceLists() {
        sequences.sequences().save(new Sequence(Ids.newId(), "LED follow-up", rep1.id(), "en",
                List.of(new Sequence.Step(Duration.ofDays(1), List.of(new Sequence.Variant("en", "Our offer for {{company.name}}",
                        "Dear {{contact.firstName}},\nour offer <3.\n{{owner.name}}")))), null, false, store.clock().instant()));

        Http.Reply reply = http.get(rep1.token(), "/api/addin/snippets?companyId=" + acme.id());

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        List<JsonNode> snippets = StreamSupport.stream(reply.json().spliterator(), false).toList();
        JsonNode template = snippets.stream().filter(s -> s.get("kind").asString().equals("TEMPLATE")).findFirst().orElseThrow();
        assertThat(template.get("name").asString()).contains("Our offer for Acme Lighting");
        assertThat(template.get("html").asString()).isEqualTo("Dear Buyer,<br>our offer &lt;3.<br>Rep One");
        JsonNode priceList = snippets.stream().filter(s -> s.get("kind").asString().equals("PRICE_LIST")).findFirst().orElseThrow();
        assertThat(priceList.get("name").asString()).isEqualTo("LED price list 2027");
        assertThat(priceList.get("html").asString()).contains("href=\"https://files.team.example/led-2027.pdf\"");

        assertThat(http.get(rep2.token(), "/api/addin/snippets?companyId=" + acme.id()).status()).isEqualTo(404);
        assertThat(http.get(rep2.token(), "/api/addin/snippets").status()).isEqualTo(200);
    }

    private boolean check(Person who, Map<String, Object> body) {
        Http.Reply reply = http.post(who.token(), "/api/addin/compose/check", body);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json().get("remind").asBoolean();
    }

    private long storedCopies(String messageId) {
        return mongo.count(Query.query(Criteria.where("messageId").is(messageId)), "messages");
    }

    private static Map<String, JsonNode> byAddress(JsonNode unknown) {
        Map<String, JsonNode> map = new java.util.LinkedHashMap<>();
        unknown.forEach(u -> map.put(u.get("address").asString(), u));
        return map;
    }

    private MimeMessage mail(String id, String from, String to, String subject, String html) throws Exception {
        MimeMessage m = MailClient.message(Session.getInstance(new Properties()), "<" + id + ">");
        m.setFrom(new InternetAddress(from));
        m.setRecipients(MimeMessage.RecipientType.TO, to);
        m.setSubject(subject, "UTF-8");
        if (html != null) {
            m.setContent(html, "text/html; charset=UTF-8");
        } else {
            m.setText("Please find our quotation attached. 请查收报价。", "UTF-8");
        }
        m.setSentDate(new java.util.Date());
        m.saveChanges();
        return m;
    }

    private static String eml(MimeMessage m) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.writeTo(out);
        return Base64.getEncoder().encodeToString(out.toByteArray());
    }

    /** The rep puts the dropbox in Bcc: their client sends the message to it from their own address. */
    private void bcc(MimeMessage m, String envelopeFrom) throws Exception {
        Properties p = new Properties();
        p.put("mail.smtp.host", "127.0.0.1");
        p.put("mail.smtp.port", Integer.toString(dropbox.port()));
        p.put("mail.smtp.from", envelopeFrom);
        p.put("mail.smtp.connectiontimeout", "10000");
        p.put("mail.smtp.timeout", "30000");
        // As read, with its own Message-ID: sending must not give it a new one.
        MimeMessage copy = new MimeMessage(Session.getInstance(p), new java.io.ByteArrayInputStream(Base64.getDecoder().decode(eml(m)))) {
            @Override
            protected void updateMessageID() {
            }
        };
        Transport.send(copy, new Address[] {new InternetAddress("bcc@crm.local")});
    }
}
