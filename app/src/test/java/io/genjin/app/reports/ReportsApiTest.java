package io.genjin.app.reports;

import static org.assertj.core.api.Assertions.assertThat;

import io.genjin.app.support.AppTest;
import io.genjin.app.support.Http;
import io.genjin.app.support.Seed;
import io.genjin.app.support.Seed.Person;
import io.genjin.gateway.IngestResult;
import io.genjin.gateway.MailSource;
import io.genjin.gateway.RawMail;
import io.genjin.gateway.pipeline.IngestionPipeline;
import io.genjin.reports.store.Rollups;
import io.genjin.store.CrmStore;
import io.genjin.store.events.MessageStored;
import io.genjin.store.events.QuoteSent;
import io.genjin.store.user.Role;
import io.genjin.store.user.Team;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/reports/activity} and {@code /items} over data made through the product's own flows:
 * customers and tasks through the API, mail through the ingestion pipeline. Each figure is checked,
 * and the items behind it count what the figure says; an event delivered twice counts once; a
 * rebuild from the messages gives the same report as the incremental rollups.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "genjin.reports.customer-cache=0s")
@DirtiesContext
class ReportsApiTest {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        AppTest.freshStore(registry);
    }

    @LocalServerPort
    int port;
    @Autowired
    CrmStore store;
    @Autowired
    IngestionPipeline pipeline;
    @Autowired
    io.genjin.store.events.DomainEvents events;
    @Autowired
    Rollups rollups;
    @Autowired
    org.springframework.data.mongodb.core.MongoOperations mongo;

    private Http http;
    private Person manager;
    private Person rep;
    private Person teammate;
    private Person other;
    private String tag;
    private String acme;
    private String beta;
    private String query;
    /** Three days ago at 08:00 UTC (16:00 in Shanghai), inside the custom week asked for. */
    private Instant day0;

    @BeforeEach
    void world() {
        http = new Http(port);
        Seed seed = new Seed(store);
        tag = Long.toString(System.nanoTime(), 36);
        Team team = seed.team("Report team " + tag);
        Team team2 = seed.team("Other team " + tag);
        manager = seed.person("Mia Manager " + tag, Role.MANAGER, team, null);
        rep = seed.person("Ann Rep " + tag, Role.REP, team, manager.user());
        teammate = seed.person("Bob Teammate " + tag, Role.REP, team, manager.user());
        other = seed.person("Olga Other " + tag, Role.REP, team2, null);
        acme = customer(rep, "Acme " + tag, "acme-" + tag + ".example", "A", "DE");
        beta = customer(teammate, "Beta " + tag, "beta-" + tag + ".example", "C", "US");
        LocalDate today = LocalDate.now(ZONE);
        day0 = today.minusDays(3).atStartOfDay(java.time.ZoneOffset.UTC).toInstant().plus(Duration.ofHours(8));
        query = "period=custom&from=" + today.minusDays(6) + "&to=" + today + "&team=" + team.id();
    }

    @Test
    void eachActivityFigureCountsWhatItsItemsList() {
        // Acme writes to Ann twice; Ann answers two hours later; Acme writes again and waits.
        mail("a1", "buyer@acme-" + tag + ".example", rep, day0, "Question", "Do you make LED panels?");
        mail("a2", "buyer@acme-" + tag + ".example", rep, day0.plus(Duration.ofMinutes(30)), "Question again", "Any news?");
        mail("a3", rep, "buyer@acme-" + tag + ".example", day0.plus(Duration.ofHours(2)), "Re: Question", "Yes we do.");
        mail("a4", "buyer@acme-" + tag + ".example", rep, day0.plus(Duration.ofDays(1)), "Order", "We want 100 pcs.");
        // Beta writes to Bob, copied to Ann; Ann writes to Bob (internal); a newsletter reaches Bob.
        mailCc("b1", "buyer@beta-" + tag + ".example", teammate, rep, day0.plus(Duration.ofHours(1)), "Hello", "Catalogue please");
        mail("i1", rep, teammate.user().addresses().get(0), day0.plus(Duration.ofHours(3)), "Beta", "Can you call Beta?");
        mail("n1", "news@somewhere-" + tag + ".example", teammate, day0.plus(Duration.ofHours(4)), "Newsletter", "Offers");
        // Tasks through the API: two due earlier today, one done.
        Instant due = Instant.now().minus(Duration.ofMinutes(5));
        String t1 = http.post(rep.token(), "/api/companies/" + acme + "/tasks",
                Map.of("title", "Call Acme", "dueAt", due.toString())).json().get("id").asString();
        http.post(rep.token(), "/api/companies/" + acme + "/tasks", Map.of("title", "Mail Acme", "dueAt", due.toString()));
        assertThat(http.post(rep.token(), "/api/tasks/" + t1 + "/complete", null).status()).isEqualTo(200);

        JsonNode report = activity(manager, query);
        JsonNode ann = rep(report, rep.id());
        JsonNode bob = rep(report, teammate.id());
        assertThat(ann.get("current").get("sent").get("customer").asInt()).isEqualTo(1);
        assertThat(ann.get("current").get("sent").get("internal").asInt()).isEqualTo(1);
        assertThat(ann.get("current").get("received").get("customer").asInt()).as("three from Acme, one copied from Beta")
                .isEqualTo(4);
        assertThat(ann.get("current").get("customersTouched").asInt()).isEqualTo(2);
        assertThat(ann.get("current").get("newCustomers").asInt()).isEqualTo(1);
        JsonNode fr = ann.get("current").get("firstResponse");
        assertThat(fr.get("answered").asInt()).isEqualTo(1);
        assertThat(fr.get("unanswered").asInt()).isEqualTo(1);
        assertThat(fr.get("medianMinutes").asDouble()).isEqualTo(120.0);
        assertThat(ann.get("current").get("tasks").get("due").asInt()).isEqualTo(2);
        assertThat(ann.get("current").get("tasks").get("done").asInt()).isEqualTo(1);
        assertThat(ann.get("current").get("tasks").get("overdue").asInt()).isEqualTo(1);
        assertThat(bob.get("current").get("received").get("customer").asInt()).isEqualTo(1);
        assertThat(bob.get("current").get("received").get("internal").asInt()).isEqualTo(1);
        assertThat(bob.get("current").get("received").get("otherExternal").asInt()).isEqualTo(1);
        assertThat(bob.get("current").get("firstResponse").get("unanswered").asInt()).isEqualTo(1);
        assertThat(bob.get("current").get("firstResponse").get("medianMinutes").isNull()).isTrue();
        JsonNode total = report.get("total");
        assertThat(total.get("received").get("total").asInt()).isEqualTo(7);
        assertThat(total.get("customersTouched").asInt()).as("Beta counted once for the team").isEqualTo(2);
        assertThat(report.get("daily")).hasSize(7);
        assertThat(report.get("period").get("zone").asString()).isEqualTo("Asia/Shanghai");

        for (String figure : io.genjin.reports.ReportService.ACTIVITY_FIGURES) {
            JsonNode items = http.get(manager.token(), "/api/reports/items?" + query + "&figure=" + figure).json();
            assertThat(items.get("count").asInt()).as(figure).isEqualTo(figure(total, figure));
            assertThat(items.get("items")).as(figure).hasSize(Math.min(100, figure(total, figure)));
            // every item links to a page that exists: a message, a customer, or (a task) its customer
            items.get("items").forEach(i -> assertThat(i.get("url").asString()).as(figure)
                    .matches("/messages/[^/]+|/customers/[^/]+|/tasks"));
        }
        JsonNode unanswered = http.get(manager.token(), "/api/reports/items?" + query + "&rep=" + rep.id()
                + "&figure=firstResponse.unanswered").json();
        assertThat(unanswered.get("items").get(0).get("subject").asString()).isEqualTo("Order");
        assertThat(unanswered.get("items").get(0).get("companyName").asString()).isEqualTo("Acme " + tag);

        // Filters: grade A keeps Acme's mail only (customer mail; internal and other mail has no grade).
        JsonNode gradeA = activity(manager, query + "&grade=A");
        assertThat(gradeA.get("total").get("received").get("total").asInt()).isEqualTo(3);
        assertThat(activity(manager, query + "&country=us").get("total").get("received").get("total").asInt()).isEqualTo(2);
        assertThat(http.get(manager.token(), "/api/reports/items?" + query + "&grade=A&figure=received.total").json()
                .get("count").asInt()).isEqualTo(3);
    }

    @Test
    void funnelCoverageAndRfmFromStageMovesMailAndOrders() {
        // Stage moves through the API: Acme lead -> quoted -> lost; Beta stays a lead.
        assertThat(http.send(rep.token(), "PUT", "/api/companies/" + acme + "/stage", Map.of("stage", "QUOTED")).status())
                .isEqualTo(200);
        assertThat(http.send(rep.token(), "PUT", "/api/companies/" + acme + "/stage", Map.of("stage", "LOST")).status())
                .isEqualTo(200);
        JsonNode funnel = get(manager, "/api/reports/funnel?" + query);
        assertThat(funnel.get("stages")).hasSize(6);
        assertThat(stage(funnel, "lead").get("reached").asInt()).isEqualTo(2);
        assertThat(stage(funnel, "lead").get("conversion").asDouble()).isEqualTo(0.5);
        assertThat(stage(funnel, "inquiry").get("reached").asInt()).as("passed on the way to quoted").isEqualTo(1);
        assertThat(stage(funnel, "quoted").get("reached").asInt()).isEqualTo(1);
        assertThat(stage(funnel, "sample").get("reached").asInt()).isZero();
        assertThat(stage(funnel, "quoted").get("medianDaysInStage").isNull()).isFalse();
        assertThat(stage(funnel, "sample").get("medianDaysInStage").isNull()).isTrue();
        assertThat(items(manager, query + "&figure=funnel.quoted").get("count").asInt()).isEqualTo(1);
        assertThat(items(manager, query + "&figure=funnel.lead").get("count").asInt()).isEqualTo(2);

        // Coverage: Acme (A) heard from and written to three days ago; Gamma (A) silent for 40 days.
        String gamma = customer(rep, "Gamma " + tag, "gamma-" + tag + ".example", "A", "FR");
        mail("c1", "buyer@acme-" + tag + ".example", rep, day0, "Question", "Price?");
        mail("c2", rep, "buyer@acme-" + tag + ".example", day0.plus(Duration.ofHours(1)), "Re: Question", "USD 3.");
        mail("c3", "buyer@gamma-" + tag + ".example", rep, day0.minus(Duration.ofDays(37)), "Old", "Hello");
        JsonNode coverage = get(manager, "/api/reports/coverage?" + query);
        JsonNode ann = rep(coverage, rep.id());
        assertThat(ann.get("abCustomers").asInt()).isEqualTo(2);
        assertThat(ann.get("twoWay").asInt()).isEqualTo(1);
        assertThat(ann.get("coverage").asDouble()).isEqualTo(0.5);
        assertThat(rep(coverage, teammate.id()).get("coverage").isNull()).as("no A or B customers").isTrue();
        assertThat(coverage.get("silent").get("d30").asInt()).isEqualTo(1);
        assertThat(coverage.get("silentCustomers").get(0).get("companyId").asString()).isEqualTo(gamma);
        assertThat(items(manager, query + "&figure=coverage.silent").get("count").asInt()).isEqualTo(1);

        // RFM from orders recorded through the API; a PI only sent and another currency do not count.
        order(acme, "PI-1", "USD", 1000, null);
        order(acme, "PI-2", "USD", 500, null);
        order(beta, "PI-3", "USD", 100, null);
        order(beta, "PI-4", "USD", 9000, "PI_SENT");
        order(gamma, "PI-5", "EUR", 700, null);
        JsonNode rfm = get(manager, "/api/reports/rfm?team=" + teamOf(rep));
        assertThat(rfm.get("segments")).hasSize(8);
        assertThat(rfm.get("currency").asString()).isEqualTo("USD");
        assertThat(rfm.get("ordersInOtherCurrencies").asInt()).as(rfm.toString()).isEqualTo(1);
        int customers = 0;
        double monetary = 0;
        for (JsonNode s : rfm.get("segments")) {
            customers += s.get("customers").asInt();
            monetary += s.get("monetary").asDouble();
            assertThat(items(manager, "team=" + teamOf(rep) + "&figure=rfm." + s.get("segment").asString())
                    .get("count").asInt()).isEqualTo(s.get("customers").asInt());
        }
        assertThat(customers).isEqualTo(2);
        assertThat(monetary).isEqualTo(1600.0);
        assertThat(rfm.get("countries").get(0).get("country").asString()).isEqualTo("DE");
        assertThat(rfm.get("countries").get(0).get("orders").asInt()).isEqualTo(2);
        assertThat(http.get(rep.token(), "/api/reports/rfm?window=0").status()).isEqualTo(400);
    }

    @Test
    void anEventDeliveredTwiceCountsOnce() {
        IngestResult in = mail("d1", "buyer@acme-" + tag + ".example", rep, day0, "Question", "Price?");
        IngestResult out = mail("d2", rep, "buyer@acme-" + tag + ".example", day0.plus(Duration.ofHours(1)), "Quotation",
                "Please find our quotation attached.");
        JsonNode before = activity(manager, query);
        List<String> countsBefore = mailCounts();
        // The day's counts: one mail received from a customer at 08:00 UTC, one sent to it at 09:00
        // (slot = hour x 6 + 3 if sent + counterpart, count in the low 20 bits), both with Acme.
        org.bson.Document day = mongo.findById(rep.id() + "|" + LocalDate.ofInstant(day0, java.time.ZoneOffset.UTC),
                org.bson.Document.class, "report_mail_counts");
        assertThat(day.getList("n", Integer.class)).containsExactly(8 * 6 << 20 | 1, (9 * 6 + 3) << 20 | 1);
        assertThat(day.getString("t")).isEqualTo(acme);
        org.bson.Document perCustomer = mongo.findById(day.getString("_id"), org.bson.Document.class,
                "report_mail_customer_counts");
        assertThat(perCustomer.getList("p", org.bson.Document.class)).singleElement().satisfies(p -> {
            assertThat(p.getList("c", String.class)).containsExactly(acme);
            assertThat(p.getList("n", Integer.class)).containsExactly(8 * 6 << 20 | 1, (9 * 6 + 3) << 20 | 1);
        });
        var message = store.messages().find(out.storedId()).orElseThrow();
        events.publish(new MessageStored(message.messageId(), true, rep.id()));
        events.publish(new MessageStored(store.messages().find(in.storedId()).orElseThrow().messageId(), false, rep.id()));
        events.publish(new QuoteSent(message.messageId(), acme, rep.id(), message.sentAt()));
        events.publish(new QuoteSent(message.messageId(), acme, rep.id(), message.sentAt()));
        JsonNode after = activity(manager, query);
        assertThat(after.get("total").get("quotationsSent").asInt()).isEqualTo(1);
        assertThat(after.get("total").get("sent").get("customer").asInt()).isEqualTo(1);
        assertThat(after.get("total").get("firstResponse").get("answered").asInt()).isEqualTo(1);
        assertThat(withoutAsOf(after)).isEqualTo(withoutAsOf(before));
        assertThat(mailCounts()).as("the day counts, moved only by sides that changed").isEqualTo(countsBefore);
        assertThat(mongo.findById(day.getString("_id"), org.bson.Document.class, "report_mail_counts").get("r"))
                .as("sides recorded again as they were: the counts not even written").isEqualTo(day.get("r"));
    }

    /** This test's users' per-day mail counts ({@code report_mail_counts}), in id order. */
    private List<String> mailCounts() {
        List<String> out = usersDays("report_mail_counts", "report_mail_customer_counts");
        out.sort(null);
        assertThat(out).isNotEmpty();
        return out;
    }

    /**
     * This test's users' documents in these collections of the users' days of mail, as JSON: without the
     * counts' revision, which counts their writes, and with the sides a day keeps in key order (written in
     * any order).
     */
    private List<String> usersDays(String... collections) {
        var byUser = org.springframework.data.mongodb.core.query.Query.query(
                org.springframework.data.mongodb.core.query.Criteria.where("u").in(rep.id(), teammate.id()));
        List<String> out = new ArrayList<>();
        for (String collection : collections) {
            mongo.find(byUser, org.bson.Document.class, collection).forEach(d -> {
                d.remove("r");
                if (d.get("m") instanceof org.bson.Document m) {
                    d.put("m", new org.bson.Document(new java.util.TreeMap<>(m)));
                }
                out.add(collection + " " + d.toJson());
            });
        }
        return out;
    }

    /**
     * A quotation is kept as a document of its own (recording one writes that one small document, however
     * many the day holds, where a user's day of them was rewritten whole), written again when recorded again;
     * quotations kept the way before, one document per user's day, are moved at start and counted as before.
     */
    @Test
    void quotationsAreKeptOneDocumentEachAndThoseKeptPerDayBeforeAreMoved() {
        IngestResult q1 = mail("mq1", rep, "buyer@acme-" + tag + ".example", day0, "Quotation", "Our offer, attached.");
        IngestResult q2 = mail("mq2", rep, "buyer@acme-" + tag + ".example", day0.plus(Duration.ofHours(1)), "Quotation 2",
                "A second offer.");
        var m1 = store.messages().find(q1.storedId()).orElseThrow();
        var m2 = store.messages().find(q2.storedId()).orElseThrow();
        String day = rep.id() + "|" + LocalDate.ofInstant(m1.sentAt(), java.time.ZoneOffset.UTC);
        // Both are quotations the pipeline recognised: each recorded from its QuoteSent in its own document.
        org.bson.Document own = mongo.findById(q1.storedId() + "_" + acme, org.bson.Document.class, "report_quotes");
        assertThat(own).as("the quotation's own document").isNotNull();
        assertThat(own.keySet()).containsExactly("_id", "k", "u", "t", "c", "s", "mid");
        assertThat(own.getString("k")).isEqualTo(day);
        assertThat(own.getString("mid")).isEqualTo(m1.messageId());
        assertThat(activity(manager, query).get("total").get("quotationsSent").asInt()).isEqualTo(2);

        // The second as a store of the version before kept it: inside the document of the user's day.
        mongo.remove(org.springframework.data.mongodb.core.query.Query.query(org.springframework.data.mongodb.core.query.Criteria
                .where("_id").is(q2.storedId() + "_" + acme)), "report_quotes");
        mongo.insert(new org.bson.Document("_id", day).append("u", rep.id()).append("d", day.substring(day.indexOf('|') + 1))
                .append("q", new org.bson.Document(q2.storedId() + "_" + acme, new org.bson.Document("t", java.util.Date.from(m2.sentAt()))
                        .append("c", acme).append("s", q2.storedId()).append("mid", m2.messageId()))), "report_quote_days");
        assertThat(rollups.moveQuoteDays()).isEqualTo(1);
        assertThat(mongo.collectionExists("report_quote_days")).as("moved, then dropped").isFalse();
        assertThat(rollups.moveQuoteDays()).as("nothing left to move").isZero();
        JsonNode total = activity(manager, query).get("total");
        assertThat(total.get("quotationsSent").asInt()).as("the moved one counted, the day read again").isEqualTo(2);
        JsonNode items = items(manager, query + "&figure=quotationsSent");
        assertThat(items.get("count").asInt()).isEqualTo(2);
        assertThat(items.get("items").get(0).get("id").asString()).isEqualTo(q1.storedId());
        assertThat(items.get("items").get(1).get("id").asString()).isEqualTo(q2.storedId());

        events.publish(new QuoteSent(m2.messageId(), acme, rep.id(), m2.sentAt()));
        assertThat(activity(manager, query).get("total").get("quotationsSent").asInt()).as("recorded again: written again").isEqualTo(2);
        assertThat(mongo.count(org.springframework.data.mongodb.core.query.Query.query(
                org.springframework.data.mongodb.core.query.Criteria.where("k").is(day)), "report_quotes")).isEqualTo(2);
    }

    @Test
    void quoteOpensComeFromTrackingAndTheDailyFiguresAddUpToTheTotals() {
        IngestResult q1 = mail("q1", rep, "buyer@acme-" + tag + ".example", day0, "Quotation", "Our offer, attached.");
        IngestResult q2 = mail("q2", rep, "buyer@acme-" + tag + ".example", day0.plus(Duration.ofDays(1)), "Quotation 2",
                "A second offer.");
        mail("q3", rep, "buyer@acme-" + tag + ".example", day0.plus(Duration.ofHours(2)), "Meeting", "See you on Tuesday.");
        mail("q4", "buyer@acme-" + tag + ".example", rep, day0.plus(Duration.ofHours(3)), "Thanks", "Received.");
        var m1 = store.messages().find(q1.storedId()).orElseThrow();
        var m2 = store.messages().find(q2.storedId()).orElseThrow();
        // In one round of events: recorded together, each user's day written once.
        events.publishAll(List.of(new QuoteSent(m1.messageId(), acme, rep.id(), m1.sentAt()),
                new QuoteSent(m2.messageId(), acme, rep.id(), m2.sentAt())));
        // Only the first two were instrumented: one opened by a person (and twice by machines), one by a machine only.
        tracked(m1.messageId(), 3, 1);
        tracked(m2.messageId(), 2, 0);

        JsonNode total = activity(manager, query).get("total");
        assertThat(total.get("quotationsSent").asInt()).isEqualTo(2);
        JsonNode opens = total.get("quoteOpens");
        assertThat(opens.get("quotations").asInt()).isEqualTo(2);
        assertThat(opens.get("humanOpened").asInt()).isEqualTo(1);
        assertThat(opens.get("machineOpens").asLong()).isEqualTo(4);
        assertThat(opens.get("humanOpenRate").asDouble()).isEqualTo(0.5);
        JsonNode opened = items(manager, query + "&figure=quoteOpens.humanOpened");
        assertThat(opened.get("count").asInt()).isEqualTo(1);
        assertThat(opened.get("items").get(0).get("id").asString()).isEqualTo(q1.storedId());

        JsonNode report = activity(manager, query);
        int sent = 0;
        int received = 0;
        int quotations = 0;
        for (JsonNode day : report.get("daily")) {
            sent += day.get("sent").asInt();
            received += day.get("received").asInt();
            quotations += day.get("quotationsSent").asInt();
            LocalDate date = LocalDate.parse(day.get("date").asString());
            if (date.equals(LocalDate.ofInstant(day0, ZONE))) {
                assertThat(day.get("sent").asInt()).as("q1 and q3 on day0 in the team's zone").isEqualTo(2);
                assertThat(day.get("quotationsSent").asInt()).isEqualTo(1);
            }
        }
        assertThat(sent).isEqualTo(report.get("total").get("sent").get("total").asInt()).isEqualTo(3);
        assertThat(received).isEqualTo(report.get("total").get("received").get("total").asInt()).isEqualTo(1);
        assertThat(quotations).isEqualTo(2);
    }

    private void tracked(String messageId, long opens, long humanOpens) {
        mongo.insert(new io.genjin.tracking.message.TrackedMessage(null, messageId, rep.id(), null, acme, true, "Quotation",
                day0, List.of(), List.of(), new io.genjin.tracking.message.Counters(opens, humanOpens, 0, 0, 0, null, null),
                day0));
    }

    @Test
    void aRebuildFromTheMessagesEqualsTheIncrementalRollups() {
        mail("r1", "buyer@acme-" + tag + ".example", rep, day0, "Question", "Price?");
        mail("r2", rep, "buyer@acme-" + tag + ".example", day0.plus(Duration.ofHours(26)), "Re: Question", "USD 3.");
        mailCc("r3", "buyer@beta-" + tag + ".example", teammate, rep, day0.plus(Duration.ofHours(1)), "Hello", "Hi");
        mail("r4", rep, teammate.user().addresses().get(0), day0.plus(Duration.ofHours(3)), "Beta", "Call Beta?");
        JsonNode incremental = activity(manager, query);
        List<String> countsIncremental = mailCounts();
        assertThat(incremental.get("total").get("received").get("total").asInt()).isEqualTo(4);
        assertThat(rollups.rebuildFromStore(store.messages(), store.users().all())).isGreaterThanOrEqualTo(4);
        assertThat(rollups.current()).isTrue();
        assertThat(withoutAsOf(activity(manager, query))).isEqualTo(withoutAsOf(incremental));
        assertThat(mailCounts()).as("the rebuild writes the day counts recording wrote").isEqualTo(countsIncremental);
    }

    @Test
    void mailRecordedTogetherWritesWhatRecordingItOneByOneWrote() {
        // A round of events records its stored mail together (a user's day and a customer once for all
        // of it): the same documents as one by one. Mail in and out for two customers and two users over
        // three days, with an open wait, an answered one and a thread of three mails before the answer.
        List<IngestResult> in = new ArrayList<>();
        in.add(mail("t1", "buyer@acme-" + tag + ".example", rep, day0, "Question", "Price?"));
        in.add(mail("t2", "buyer@acme-" + tag + ".example", rep, day0.plus(Duration.ofHours(1)), "Question 2", "And MOQ?"));
        in.add(mail("t3", "buyer@acme-" + tag + ".example", rep, day0.plus(Duration.ofHours(2)), "Question 3", "Hello?"));
        in.add(mail("t4", rep, "buyer@acme-" + tag + ".example", day0.plus(Duration.ofHours(27)), "Re: Question", "USD 3."));
        in.add(mailCc("t5", "buyer@beta-" + tag + ".example", teammate, rep, day0.plus(Duration.ofHours(30)), "Hi", "Samples?"));
        in.add(mail("t6", "buyer@acme-" + tag + ".example", rep, day0.plus(Duration.ofHours(50)), "Order", "We order."));
        List<String> oneByOne = rollupsOf(List.of(acme, beta));
        assertThat(oneByOne).anyMatch(d -> d.startsWith("report_wait_days")).anyMatch(d -> d.startsWith("report_customer_mail"));
        assertThat(oneByOne).as("a customer's mail is kept by month, its months listed with it")
                .anyMatch(d -> d.startsWith("report_customer_mail {\"_id\": \"c|" + acme + "|") && d.contains("\"e\""))
                .anyMatch(d -> d.startsWith("report_customer_mail {\"_id\": \"c|" + acme + "\", \"b\""));
        assertThat(oneByOne).as("a quiet day keeps its sides in its counts document")
                .anyMatch(d -> d.startsWith("report_mail_counts {\"_id\": \"" + rep.id() + "|") && d.contains("\"m\": {"))
                .noneMatch(d -> d.startsWith("report_mail_sides "));

        forgetRollupsOf(List.of(acme, beta));
        assertThat(rollupsOf(List.of(acme, beta))).isEmpty();
        rollups.record(in.stream().map(r -> store.messages().find(r.storedId()).orElseThrow()).toList(), store.users().all());
        assertThat(rollupsOf(List.of(acme, beta))).isEqualTo(oneByOne);
    }

    @Test
    void aCustomersLaterMailMovesItsWaitsOnFromWhereTheyStoodAndEarlierMailIsWalkedAgainFromItsHistory() {
        String buyer = "buyer@acme-" + tag + ".example";
        IngestResult asked = mail("w1", buyer, rep, day0, "Question", "Price?");
        mail("w2", buyer, rep, day0.plus(Duration.ofHours(1)), "Question 2", "And the MOQ?");
        org.bson.Document head = mongo.findById("c|" + acme, org.bson.Document.class, "report_customer_mail");
        assertThat(head.get("s", org.bson.Document.class)).as("the wait still open, kept with the customer")
                .containsEntry("i", asked.storedId()).containsEntry("n", 2).containsEntry("u", rep.id());

        // Mail after all the customer had is walked on from there: its months are not read. Emptied,
        // the answer still closes the wait of two mails opened by the first, as the whole history says.
        var months = org.springframework.data.mongodb.core.query.Query.query(
                org.springframework.data.mongodb.core.query.Criteria.where("_id").regex("^c\\|" + acme + "\\|"));
        List<org.bson.Document> kept = mongo.find(months, org.bson.Document.class, "report_customer_mail");
        mongo.updateMulti(months, new org.springframework.data.mongodb.core.query.Update().set("e", new org.bson.Document()),
                "report_customer_mail");
        IngestResult answer = mail("w3", rep, buyer, day0.plus(Duration.ofHours(3)), "Re: Question", "USD 3, MOQ 500.");
        org.bson.Document wait = waitOpenedBy(asked.storedId());
        assertThat(wait.getString("am")).isEqualTo(answer.storedId());
        assertThat(wait.getInteger("n")).isEqualTo(2);
        assertThat(wait.getLong("cal")).isEqualTo(3 * 3600L);
        for (org.bson.Document month : kept) {
            var putBack = new org.springframework.data.mongodb.core.query.Update();
            month.get("e", org.bson.Document.class).forEach((id, event) -> putBack.set("e." + id, event));
            mongo.updateFirst(org.springframework.data.mongodb.core.query.Query.query(
                    org.springframework.data.mongodb.core.query.Criteria.where("_id").is(month.getString("_id"))), putBack,
                    "report_customer_mail");
        }
        assertThat(rollupsOf(List.of(acme))).as("as a rebuild from the messages writes them").isEqualTo(rebuiltRollupsOf(List.of(acme)));

        // Mail from before (an old folder synced late): the history is read and walked again. The
        // earlier question opens the wait now, three mails long, and the old opener names none.
        IngestResult earlier = mail("w0", buyer, rep, day0.minus(Duration.ofHours(2)), "First question", "Catalogue?");
        assertThat(waitOpenedBy(asked.storedId())).isNull();
        assertThat(waitOpenedBy(earlier.storedId()).getInteger("n")).isEqualTo(3);
        assertThat(waitOpenedBy(earlier.storedId()).getString("am")).isEqualTo(answer.storedId());
        assertThat(rollupsOf(List.of(acme))).as("as a rebuild from the messages writes them").isEqualTo(rebuiltRollupsOf(List.of(acme)));
    }

    /** The wait opened by this stored mail, from the day documents of waits; null when none is. */
    private org.bson.Document waitOpenedBy(String storedId) {
        for (org.bson.Document day : mongo.findAll(org.bson.Document.class, "report_wait_days")) {
            org.bson.Document waits = day.get("w", org.bson.Document.class);
            if (waits != null && waits.get(storedId) != null) {
                return waits.get(storedId, org.bson.Document.class);
            }
        }
        return null;
    }

    @Test
    void aBusyDayOfMailKeepsEveryDocumentTheReportsWriteSmall() {
        // Three hundred mails from one customer to one rep in one day (a flood into the dropbox, a shared
        // mailbox): each document the reports write for them stays the size of a few mails, where a day
        // or a customer's month kept as one document held all three hundred and was rewritten for each.
        String buyer = "buyer@acme-" + tag + ".example";
        for (int i = 0; i < 300; i++) {
            mail("busy" + i, buyer, rep, day0.plus(Duration.ofMinutes(i)), "Order " + i, "Line " + i + " of the order.");
        }
        List<String> written = rollupsOf(List.of(acme));
        assertThat(written).filteredOn(d -> d.startsWith("report_mail_sides ")).hasSize(300);
        assertThat(written).filteredOn(d -> !d.startsWith("report_customer_mail "))
                .allSatisfy(d -> assertThat(d.length()).as(d.substring(0, 80)).isLessThan(1_500));
        // the customer's month in parts of at most a hundred mails
        List<org.bson.Document> parts = mongo.find(org.springframework.data.mongodb.core.query.Query.query(
                org.springframework.data.mongodb.core.query.Criteria.where("_id").regex("^c\\|" + acme + "\\|")),
                org.bson.Document.class, "report_customer_mail");
        assertThat(parts).hasSize(3).allSatisfy(part -> assertThat(part.get("e", org.bson.Document.class)).hasSize(100));
        assertThat(mongo.findById("c|" + acme, org.bson.Document.class, "report_customer_mail").get("n", org.bson.Document.class))
                .containsValue(300);
        assertThat(rep(activity(manager, query), rep.id()).get("current").get("received").get("customer").asInt()).isEqualTo(300);
        org.bson.Document counts = mongo.findById(rep.id() + "|" + LocalDate.ofInstant(day0, java.time.ZoneOffset.UTC),
                org.bson.Document.class, "report_mail_counts");
        assertThat(counts).as("past 64 sides a day keeps each in a document of its own").containsEntry("x", true)
                .doesNotContainKey("m");
        assertThat(written).as("as a rebuild from the messages writes them").isEqualTo(rebuiltRollupsOf(List.of(acme)));
    }

    @Test
    void aDayKeepingItsSidesInItsCountsIsWrittenAgainWhenItsEventComesAgainAfterACrash() {
        // A quiet day keeps its sides in its counts document, written in one go after the per-customer
        // copy: a crash between the two leaves the copy ahead, and the event delivered again catches up.
        String buyer = "buyer@acme-" + tag + ".example";
        String key = rep.id() + "|" + LocalDate.ofInstant(day0, java.time.ZoneOffset.UTC);
        mail("q1", buyer, rep, day0, "Question", "Price?");
        org.bson.Document countsBefore = mongo.findById(key, org.bson.Document.class, "report_mail_counts");
        assertThat(countsBefore.get("m", org.bson.Document.class)).hasSize(1);
        IngestResult second = mail("q2", rep, buyer, day0.plus(Duration.ofHours(1)), "Re: Question", "USD 3.");
        List<String> whole = rollupsOf(List.of(acme));
        mongo.save(countsBefore, "report_mail_counts");
        assertThat(rollupsOf(List.of(acme))).isNotEqualTo(whole);
        rollups.record(store.messages().find(second.storedId()).orElseThrow(), store.users().all());
        assertThat(rollupsOf(List.of(acme))).isEqualTo(whole).isEqualTo(rebuiltRollupsOf(List.of(acme)));
    }

    @Test
    void aWriteOfTheMailCountsCutShortIsFinishedByTheNextWriteOfItsDayAndCountsOnce() {
        // A busy day (its sides in documents of their own), cut short after its counts were written.
        String buyer = "buyer@acme-" + tag + ".example";
        String key = rep.id() + "|" + LocalDate.ofInstant(day0, java.time.ZoneOffset.UTC);
        for (int i = 0; i < 65; i++) {
            mail("f" + i, buyer, rep, day0.minus(Duration.ofMinutes(i + 1)), "Order " + i, "Line " + i + ".");
        }
        assertThat(mongo.findById(key, org.bson.Document.class, "report_mail_counts")).containsEntry("x", true);
        mail("k1", buyer, rep, day0, "Question", "Price?");
        org.bson.Document copyBefore = mongo.findById(key, org.bson.Document.class, "report_mail_customer_counts");
        IngestResult second = mail("k2", buyer, rep, day0.plus(Duration.ofHours(1)), "Question 2", "And the MOQ?");
        List<String> whole = rollupsOf(List.of(acme));

        // Cut short after the counts went in: the next mail of the day writes the pending side first.
        cutShortAfterCounts(key, second.storedId(), copyBefore);
        assertThat(rollupsOf(List.of(acme))).isNotEqualTo(whole);
        org.bson.Document copyBeforeThird = mongo.findById(key, org.bson.Document.class, "report_mail_customer_counts");
        IngestResult third = mail("k3", rep, buyer, day0.plus(Duration.ofHours(2)), "Re: Question", "USD 3, MOQ 500.");
        assertThat(mongo.findById(key, org.bson.Document.class, "report_mail_counts")).doesNotContainKey("pe");
        List<String> afterThird = rollupsOf(List.of(acme));
        assertThat(afterThird).as("as a rebuild from the messages writes them").isEqualTo(rebuiltRollupsOf(List.of(acme)));

        // Cut short again, and the event delivered again: its side is counted once.
        cutShortAfterCounts(key, third.storedId(), copyBeforeThird);
        rollups.record(store.messages().find(third.storedId()).orElseThrow(), store.users().all());
        assertThat(rollupsOf(List.of(acme))).isEqualTo(afterThird);
        JsonNode ann = rep(activity(manager, query), rep.id());
        assertThat(ann.get("current").get("received").get("customer").asInt()).isEqualTo(67);
        assertThat(ann.get("current").get("sent").get("customer").asInt()).isEqualTo(1);
    }

    /**
     * Leaves a user's day as a crash right after its counts were written would: the message's side
     * counted and pending in the counts, not stored itself, the per-customer copy as it was before.
     */
    private void cutShortAfterCounts(String key, String storedId, org.bson.Document copyBefore) {
        var sideId = org.springframework.data.mongodb.core.query.Query.query(
                org.springframework.data.mongodb.core.query.Criteria.where("_id").is(key + "|" + storedId));
        org.bson.Document side = mongo.findOne(sideId, org.bson.Document.class, "report_mail_sides");
        assertThat(side).isNotNull();
        mongo.remove(sideId, "report_mail_sides");
        org.bson.Document counts = mongo.findById(key, org.bson.Document.class, "report_mail_counts");
        counts.put("pe", List.of(side));
        mongo.save(counts, "report_mail_counts");
        mongo.save(copyBefore, "report_mail_customer_counts");
    }

    @Test
    void twoProcessesRecordingTheSameUsersDaysAtOnceLoseNoSideAndNoCount() throws Exception {
        // Mail for two users over two days, recorded again by two rollups at once, one message at a
        // time each: two processes of the reports' role, each with its own locks, over the same days,
        // which outgrow their counts documents while both write.
        List<io.genjin.store.message.StoredMessage> messages = new ArrayList<>();
        for (int i = 0; i < 160; i++) {
            Instant at = day0.plus(Duration.ofMinutes(9L * i));
            IngestResult r = i % 3 == 0 ? mail("p" + i, rep, "buyer@acme-" + tag + ".example", at, "Offer " + i, "Offer " + i)
                    : mailCc("p" + i, "buyer@beta-" + tag + ".example", teammate, rep, at, "Ask " + i, "Question " + i);
            messages.add(store.messages().find(r.storedId()).orElseThrow());
        }
        List<String> expected = countsAndSides();
        var byUser = org.springframework.data.mongodb.core.query.Query.query(
                org.springframework.data.mongodb.core.query.Criteria.where("u").in(rep.id(), teammate.id()));
        for (String collection : List.of("report_mail_sides", "report_mail_counts", "report_mail_customer_counts")) {
            mongo.remove(byUser, collection);
        }
        Rollups another = new Rollups(mongo, rollups.hours(), java.time.Clock.systemUTC());
        var users = store.users().all();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var a = pool.submit(() -> messages.stream().filter(m -> messages.indexOf(m) % 2 == 0).forEach(m -> rollups.record(m, users)));
            var b = pool.submit(() -> messages.stream().filter(m -> messages.indexOf(m) % 2 == 1).forEach(m -> another.record(m, users)));
            a.get();
            b.get();
        } finally {
            pool.shutdown();
        }
        assertThat(countsAndSides()).isEqualTo(expected);
    }

    /** This test's users' sides and counts, as JSON, without the counts' revision, sorted. */
    private List<String> countsAndSides() {
        List<String> out = usersDays("report_mail_sides", "report_mail_counts", "report_mail_customer_counts");
        out.sort(null);
        assertThat(out).isNotEmpty();
        return out;
    }

    @Test
    void mailMovedToAnotherCustomerAndCustomersMergedLeaveWhatARebuildWrites() {
        // Acme: asked, answered a day later, asked again (still open) in the next month; Beta: one question.
        mail("m1", "buyer@acme-" + tag + ".example", rep, day0.minus(Duration.ofDays(40)), "Question", "Price?");
        mail("m2", rep, "buyer@acme-" + tag + ".example", day0.minus(Duration.ofDays(39)), "Re: Question", "USD 3.");
        IngestResult open = mail("m3", "buyer@acme-" + tag + ".example", rep, day0, "Again", "And the MOQ?");
        mail("m4", "buyer@beta-" + tag + ".example", teammate, day0.plus(Duration.ofHours(2)), "Hello", "Samples?");
        List<String> before = rollupsOf(List.of(acme, beta));

        // The open question was Beta's after all: Acme's wait goes, Beta's first wait starts earlier.
        var moved = http.post(manager.token(), "/api/messages/" + open.storedId() + "/move",
                Map.of("fromCompanyId", acme, "toCompanyId", beta, "reason", "Beta's buyer wrote from Acme's address"));
        assertThat(moved.status()).isEqualTo(200);
        List<String> afterMove = rollupsOf(List.of(acme, beta));
        assertThat(afterMove).isNotEqualTo(before);
        assertThat(afterMove).as("as a rebuild from the messages writes them").isEqualTo(rebuiltRollupsOf(List.of(acme, beta)));

        // Beta folded into Acme: Beta's documents and waits go, Acme has all the mail.
        assertThat(http.post(manager.token(), "/api/companies/" + acme + "/merge", Map.of("loserId", beta)).status())
                .isEqualTo(200);
        List<String> afterMerge = rollupsOf(List.of(acme, beta));
        assertThat(afterMerge).noneMatch(d -> d.contains("c|" + beta)).noneMatch(d -> d.contains("\"c\": \"" + beta + "\""));
        assertThat(afterMerge).as("as a rebuild from the messages writes them").isEqualTo(rebuiltRollupsOf(List.of(acme, beta)));
    }

    private List<String> rebuiltRollupsOf(List<String> companyIds) {
        rollups.rebuildFromStore(store.messages(), store.users().all());
        return rollupsOf(companyIds);
    }

    /**
     * The rollup documents of this test's users and of these customers, as JSON, sorted: the users'
     * days of mail and their counts, the customers' mail and waits, and their entries in the wait days.
     */
    private List<String> rollupsOf(List<String> companyIds) {
        List<String> out = usersDays("report_mail_sides", "report_mail_counts", "report_mail_customer_counts");

        for (org.bson.Document customer : mongo.findAll(org.bson.Document.class, "report_customer_mail")) {
            if (companyIds.stream().anyMatch(c -> customer.getString("_id").startsWith("c|" + c))) {
                // the months a customer has, in any order (a rebuild lists them sorted)
                if (customer.get("b") != null) {
                    customer.put("b", customer.getList("b", String.class).stream().sorted().toList());
                }
                // how many places each month gave out: a mail recorded again takes another (compared apart)
                customer.remove("n");
                if (customer.get("e") != null) {
                    customer.put("e", new org.bson.Document(new java.util.TreeMap<>(customer.get("e", org.bson.Document.class))));
                }
                out.add("report_customer_mail " + customer.toJson());
            }
        }
        for (org.bson.Document day : mongo.findAll(org.bson.Document.class, "report_wait_days")) {
            org.bson.Document waits = day.get("w", org.bson.Document.class);
            if (waits != null) {
                waits.forEach((openId, wait) -> {
                    if (companyIds.contains(((org.bson.Document) wait).getString("c"))) {
                        out.add("report_wait_days " + day.getString("_id") + " " + openId + " " + ((org.bson.Document) wait).toJson());
                    }
                });
            }
        }
        out.sort(null);
        return out;
    }

    private void forgetRollupsOf(List<String> companyIds) {
        var byUser = org.springframework.data.mongodb.core.query.Query.query(
                org.springframework.data.mongodb.core.query.Criteria.where("u").in(rep.id(), teammate.id()));
        for (String collection : List.of("report_mail_sides", "report_mail_counts", "report_mail_customer_counts")) {
            mongo.remove(byUser, collection);
        }

        for (org.bson.Document customer : mongo.findAll(org.bson.Document.class, "report_customer_mail")) {
            if (companyIds.stream().anyMatch(c -> customer.getString("_id").startsWith("c|" + c))) {
                mongo.remove(org.springframework.data.mongodb.core.query.Query.query(
                        org.springframework.data.mongodb.core.query.Criteria.where("_id").is(customer.getString("_id"))),
                        "report_customer_mail");
            }
        }
        for (org.bson.Document day : mongo.findAll(org.bson.Document.class, "report_wait_days")) {
            org.bson.Document waits = day.get("w", org.bson.Document.class);
            if (waits != null) {
                waits.forEach((openId, wait) -> {
                    if (companyIds.contains(((org.bson.Document) wait).getString("c"))) {
                        mongo.updateFirst(org.springframework.data.mongodb.core.query.Query.query(
                                org.springframework.data.mongodb.core.query.Criteria.where("_id").is(day.getString("_id"))),
                                new org.springframework.data.mongodb.core.query.Update().unset("w." + openId), "report_wait_days");
                    }
                });
            }
        }
    }

    @Test
    void keptDaysAnswerAsAPlainRecountAcrossAMonthAndSeeEveryLaterWrite() {
        // Mail every 29 hours around the first of last month (hours of the day vary, so some fall on
        // the next day in Shanghai): customer mail both ways, internal mail, a newsletter.
        LocalDate month = LocalDate.now(ZONE).withDayOfMonth(1).minusMonths(1);
        Instant start = month.minusDays(30).atStartOfDay(java.time.ZoneOffset.UTC).toInstant().plus(Duration.ofHours(5));
        List<String> stored = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Instant at = start.plus(Duration.ofHours(29L * i));
            String acmeBuyer = "buyer@acme-" + tag + ".example";
            IngestResult r = switch (i % 5) {
                case 0 -> mail("k" + i, acmeBuyer, rep, at, "Question " + i, "Price?");
                case 1 -> mail("k" + i, rep, acmeBuyer, at, "Re: Question " + i, "USD " + i);
                case 2 -> mailCc("k" + i, "buyer@beta-" + tag + ".example", teammate, rep, at, "Hello " + i, "Hi");
                case 3 -> mail("k" + i, rep, teammate.user().addresses().get(0), at, "Beta " + i, "Call Beta?");
                default -> mail("k" + i, "news@somewhere-" + tag + ".example", teammate, at, "News " + i, "Offers");
            };
            stored.add(r.storedId());
        }
        String team = teamOf(rep);
        // a custom period that cuts the month (and whose previous period cuts the one before), and the month
        List<String> queries = List.of(
                "period=custom&from=" + month.minusDays(9) + "&to=" + month.plusDays(4) + "&team=" + team,
                "period=month&date=" + month + "&team=" + team);
        List<io.genjin.reports.Period> periods = List.of(
                io.genjin.reports.Period.custom(month.minusDays(9), month.plusDays(4), ZONE),
                io.genjin.reports.Period.containing(io.genjin.reports.Period.Kind.MONTH, month, ZONE));
        for (int q = 0; q < queries.size(); q++) {
            JsonNode first = activity(manager, queries.get(q));
            assertRecount(first, periods.get(q), stored);
            assertThat(withoutAsOf(activity(manager, queries.get(q)))).as("read again from the kept days")
                    .isEqualTo(withoutAsOf(first));
        }
        // Another process's kept days, filled before the writes below.
        Rollups replica = new Rollups(mongo, rollups.hours(), java.time.Clock.systemUTC());
        io.genjin.reports.Period custom = periods.get(0);
        int replicaBefore = sides(replica, custom);
        JsonNode before = activity(manager, queries.get(0));

        // Writes after the cached reads, on a day the period covers whole: a new customer writes (a
        // side, a customer touched, an open wait), and a quotation is recorded for a mail sent earlier.
        String gamma = customer(rep, "Gamma " + tag, "gamma-" + tag + ".example", "B", "FR");
        Instant late = month.minusDays(3).atStartOfDay(java.time.ZoneOffset.UTC).toInstant().plus(Duration.ofHours(3));
        stored.add(mail("late", "buyer@gamma-" + tag + ".example", rep, late, "Late", "Hello?").storedId());
        // k21: Ann to Acme, 14:00 UTC five days before the first of the month
        var quoted = store.messages().find(stored.get(21)).orElseThrow();
        assertThat(custom.contains(quoted.sentAt())).isTrue();
        events.publish(new QuoteSent(quoted.messageId(), acme, rep.id(), quoted.sentAt()));

        JsonNode after = activity(manager, queries.get(0));
        assertRecount(after, custom, stored);
        JsonNode ann = rep(after, rep.id()).get("current");
        JsonNode annBefore = rep(before, rep.id()).get("current");
        assertThat(ann.get("received").get("customer").asInt())
                .isEqualTo(annBefore.get("received").get("customer").asInt() + 1);
        assertThat(ann.get("customersTouched").asInt()).isEqualTo(annBefore.get("customersTouched").asInt() + 1);
        assertThat(ann.get("firstResponse").get("unanswered").asInt())
                .isEqualTo(annBefore.get("firstResponse").get("unanswered").asInt() + 1);
        assertThat(ann.get("quotationsSent").asInt()).isEqualTo(annBefore.get("quotationsSent").asInt() + 1);
        assertThat(sides(replica, custom)).as("a write by another process is seen through the day's version")
                .isEqualTo(replicaBefore + 1);

        // Ann answers Gamma two hours later: the wait, kept by the report above, is now answered.
        stored.add(mail("late-answer", rep, "buyer@gamma-" + tag + ".example", late.plus(Duration.ofHours(2)), "Re: Late",
                "Hello!").storedId());
        JsonNode answered = activity(manager, queries.get(0));
        assertRecount(answered, custom, stored);
        JsonNode annAnswered = rep(answered, rep.id()).get("current").get("firstResponse");
        assertThat(annAnswered.get("answered").asInt()).isEqualTo(ann.get("firstResponse").get("answered").asInt() + 1);
        assertThat(annAnswered.get("unanswered").asInt()).isEqualTo(annBefore.get("firstResponse").get("unanswered").asInt());
        after = answered;

        // A rebuild starts a new generation: what was kept is read again, and the answer is the same.
        rollups.rebuildFromStore(store.messages(), store.users().all());
        assertThat(withoutAsOf(activity(manager, queries.get(0)))).isEqualTo(withoutAsOf(after));
        assertThat(sides(replica, custom)).isEqualTo(replicaBefore + 2);
    }

    /** Every side of the two reps in the period, as a rollups instance reads them (the cut days' sides and the whole days' counts). */
    private int sides(Rollups r, io.genjin.reports.Period period) {
        int[] n = {0};
        r.mail(List.of(rep.id(), teammate.id()), period.start(), period.end(), side -> n[0]++, day -> {
            for (int code : day.codes()) {
                n[0] += Rollups.DayCounts.count(code);
            }
        });
        return n[0];
    }

    /** Each rep's mail figures, this period and the one before, as counted from the stored messages themselves. */
    private void assertRecount(JsonNode report, io.genjin.reports.Period period, List<String> storedIds) {
        Map<String, String> userByAddress = new java.util.HashMap<>();
        store.users().all().forEach(u -> u.addresses().forEach(a -> userByAddress.put(a, u.id())));
        List<io.genjin.reports.activity.MailSide> sides = new ArrayList<>();
        for (String id : new java.util.LinkedHashSet<>(storedIds)) {
            sides.addAll(io.genjin.reports.activity.MailSide.of(store.messages().find(id).orElseThrow(), userByAddress));
        }
        for (var side : List.of("current", "previous")) {
            var counts = io.genjin.reports.activity.MailCounts.perUser(sides,
                    side.equals("current") ? period : period.previous());
            for (Person p : List.of(rep, teammate)) {
                JsonNode figures = rep(report, p.id()).get(side);
                var c = counts.getOrDefault(p.id(), new io.genjin.reports.activity.MailCounts(Map.of(), Map.of(), 0));
                for (var k : io.genjin.reports.activity.MailSide.Counterpart.values()) {
                    String name = switch (k) {
                        case CUSTOMER -> "customer";
                        case OTHER_EXTERNAL -> "otherExternal";
                        case INTERNAL -> "internal";
                    };
                    assertThat(figures.get("sent").get(name).asInt()).as(side + " sent " + name).isEqualTo(c.sentTo(k));
                    assertThat(figures.get("received").get(name).asInt()).as(side + " received " + name)
                            .isEqualTo(c.receivedFrom(k));
                }
                assertThat(figures.get("customersTouched").asInt()).as(side + " customers touched")
                        .isEqualTo(c.customersTouched());
            }
        }
        assertThat(rep(report, rep.id()).get("current").get("sent").get("total").asInt()).as("the fixture reaches the period")
                .isPositive();
    }

    @Test
    void eachRoleSeesItsOwnScopeAndBadParametersAreProblems() {
        mail("s1", "buyer@acme-" + tag + ".example", rep, day0, "Question", "Price?");
        LocalDate today = LocalDate.now(ZONE);
        String mine = "period=custom&from=" + today.minusDays(6) + "&to=" + today;
        JsonNode own = activity(rep, mine);
        assertThat(own.get("reps")).hasSize(1);
        assertThat(own.get("scope").get("rep").asString()).isEqualTo(rep.id());
        assertThat(own.get("total").get("received").get("customer").asInt()).isEqualTo(1);
        assertThat(http.get(rep.token(), "/api/reports/activity?" + mine + "&rep=" + teammate.id()).status()).isEqualTo(403);
        assertThat(http.get(rep.token(), "/api/reports/activity?" + query).status()).isEqualTo(403);
        assertThat(http.get(other.token(), "/api/reports/activity?" + query).status()).isEqualTo(403);
        assertThat(http.get(other.token(), "/api/reports/activity?" + mine + "&rep=" + rep.id()).status()).isEqualTo(403);
        assertThat(activity(manager, mine + "&rep=" + rep.id()).get("reps")).hasSize(1);
        assertThat(http.get(AppTest.ADMIN_TOKEN, "/api/reports/activity?" + query).status()).isEqualTo(200);
        for (String bad : List.of("period=year", "period=custom&from=2026-01-01", "period=custom&from=2026-01-01&to=2027-06-01",
                "date=yesterday", "grade=E", "country=Germany", "stage=asleep")) {
            Http.Reply reply = http.get(rep.token(), "/api/reports/activity?" + bad);
            assertThat(reply.status()).as(bad).isEqualTo(400);
            assertThat(reply.contentType()).as(bad).startsWith("application/problem+json");
        }
        assertThat(http.get(rep.token(), "/api/reports/items?figure=nonsense").status()).isEqualTo(400);
        assertThat(http.get(rep.token(), "/api/reports/items?figure=sent.total&limit=501").status()).isEqualTo(400);
    }

    @Test
    void itemsPageWithACursor() {
        for (int i = 0; i < 5; i++) {
            mail("p" + i, "buyer@acme-" + tag + ".example", rep, day0.plus(Duration.ofMinutes(i)), "Mail " + i, "Hi");
        }
        List<String> seen = new ArrayList<>();
        String after = null;
        do {
            JsonNode page = http.get(manager.token(), "/api/reports/items?" + query + "&figure=received.customer&limit=2"
                    + (after == null ? "" : "&after=" + after)).json();
            assertThat(page.get("count").asInt()).isEqualTo(5);
            page.get("items").forEach(i -> seen.add(i.get("subject").asString()));
            after = page.get("next").isNull() ? null : page.get("next").asString();
        } while (after != null);
        assertThat(seen).containsExactly("Mail 0", "Mail 1", "Mail 2", "Mail 3", "Mail 4");
    }

    // ------------------------------------------------------------------

    private JsonNode get(Person who, String path) {
        Http.Reply reply = http.get(who.token(), path);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json();
    }

    private JsonNode items(Person who, String q) {
        return get(who, "/api/reports/items?" + q);
    }

    private static JsonNode stage(JsonNode funnel, String name) {
        for (JsonNode s : funnel.get("stages")) {
            if (s.get("stage").asString().equals(name)) {
                return s;
            }
        }
        throw new AssertionError(name);
    }

    private String teamOf(Person p) {
        return p.user().teamId();
    }

    private void order(String companyId, String number, String currency, int amount, String status) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("number", number + "-" + tag, "currency", currency,
                "amount", amount, "orderedAt", day0.toString()));
        body.put("status", status == null ? "DEPOSIT_RECEIVED" : status);
        Http.Reply reply = http.post(manager.token(), "/api/companies/" + companyId + "/orders", body);
        assertThat(reply.status()).as(reply.toString()).isIn(200, 201);
    }

    private String customer(Person owner, String name, String domain, String grade, String country) {
        JsonNode company = http.post(owner.token(), "/api/companies", Map.of("name", name, "domains", List.of(domain),
                "grade", grade, "country", country)).json();
        String id = company.get("id").asString();
        assertThat(http.post(owner.token(), "/api/companies/" + id + "/contacts", Map.of("name", "Buyer",
                "addresses", List.of("buyer@" + domain))).status()).isEqualTo(201);
        return id;
    }

    private IngestResult mail(String id, String from, Person to, Instant at, String subject, String body) {
        return ingest(id, from, to.user().addresses().get(0), null, to, at, subject, body);
    }

    private IngestResult mail(String id, Person from, String to, Instant at, String subject, String body) {
        return ingest(id, from.user().addresses().get(0), to, null, from, at, subject, body);
    }

    private IngestResult mailCc(String id, String from, Person to, Person cc, Instant at, String subject, String body) {
        IngestResult first = ingest(id, from, to.user().addresses().get(0), cc.user().addresses().get(0), to, at, subject, body);
        ingest(id, from, to.user().addresses().get(0), cc.user().addresses().get(0), cc, at, subject, body);
        return first;
    }

    private IngestResult ingest(String id, String from, String to, String cc, Person mailbox, Instant at, String subject,
            String body) {
        String raw = """
                Message-ID: <%s-%s@mail.example>
                Date: %s
                From: <%s>
                To: <%s>
                %sSubject: %s
                MIME-Version: 1.0
                Content-Type: text/plain; charset=utf-8
                Content-Transfer-Encoding: 8bit

                %s
                """.formatted(id, tag, DateTimeFormatter.RFC_1123_DATE_TIME.withLocale(Locale.ROOT)
                        .format(ZonedDateTime.ofInstant(at.truncatedTo(ChronoUnit.SECONDS), java.time.ZoneOffset.UTC)),
                from, to, cc == null ? "" : "Cc: <" + cc + ">\n", subject, body);
        IngestResult result = pipeline.ingest(RawMail.of(raw.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8)),
                new MailSource.Import(mailbox.id(), "reports-test"));
        assertThat(result.outcome()).isIn(IngestResult.Outcome.STORED, IngestResult.Outcome.DUPLICATE);
        return result;
    }

    private JsonNode activity(Person who, String q) {
        Http.Reply reply = http.get(who.token(), "/api/reports/activity?" + q);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json();
    }

    private static JsonNode rep(JsonNode report, String userId) {
        for (JsonNode r : report.get("reps")) {
            if (r.get("userId").asString().equals(userId)) {
                return r;
            }
        }
        throw new AssertionError("no rep " + userId + " in " + report);
    }

    private static int figure(JsonNode figures, String path) {
        JsonNode node = figures;
        for (String part : path.split("\\.")) {
            node = node.get(part);
        }
        return node.asInt();
    }

    private static String withoutAsOf(JsonNode report) {
        return report.toString().replaceAll("\"asOf\":\"[^\"]*\"", "");
    }
}
