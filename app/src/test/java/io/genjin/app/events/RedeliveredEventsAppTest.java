package io.genjin.app.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.genjin.app.support.AppTest;
import io.genjin.app.support.Seed;
import io.genjin.app.support.Seed.Customer;
import io.genjin.app.support.Seed.Person;
import io.genjin.gateway.MailIngestion;
import io.genjin.gateway.MailSource;
import io.genjin.gateway.RawMail;
import io.genjin.store.CrmStore;
import io.genjin.store.Ids;
import io.genjin.store.customer.MoveCustomerToStage;
import io.genjin.store.customer.Stage;
import io.genjin.store.events.CustomerShowedIntent;
import io.genjin.store.events.DomainEvents;
import io.genjin.store.events.SampleShipped;
import io.genjin.store.events.outbox.Outbox;
import io.genjin.store.task.Priority;
import io.genjin.store.task.Task;
import io.genjin.store.task.TaskStatus;
import io.genjin.store.task.TaskType;
import io.genjin.store.user.Role;
import io.genjin.store.user.Team;
import io.genjin.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every listener of every role is idempotent: the events of two customers' mail, stage moves,
 * samples and a tracked intent are handled once as they happen; then every event is handed to every
 * consumer a second time, the customers in the opposite order, and the store (tasks, notifications,
 * facts, report rollups, timelines, sequences) is the same as after the first time.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class RedeliveredEventsAppTest {
    static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-03-02T09:00:00Z"));
    private static final DateTimeFormatter MAIL_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
    /** The outbox itself, the leases, and the search index's own bookkeeping are not what listeners write. */
    /**
     * Not outcomes: the outbox's own, the lock, and the reports' day versions, which count the writes of a
     * day's rollups (a redelivered event writes the same rollups again and raises them, which only makes a
     * process read that day's documents once more).
     */
    private static final Set<String> NOT_OUTCOMES = Set.of(Outbox.EVENTS, Outbox.CURSORS, "shedLock", "report_day_versions");

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        AppTest.freshStore(registry);
    }

    @TestConfiguration
    static class ControlledClock {
        @Bean
        @Primary
        MutableClock testClock() {
            return CLOCK;
        }
    }

    @Autowired
    CrmStore store;
    @Autowired
    MailIngestion ingestion;
    @Autowired
    DomainEvents events;
    @Autowired
    MoveCustomerToStage moveToStage;
    @Autowired
    Outbox outbox;
    @Autowired
    List<EventConsumer> consumers;
    @Autowired
    MongoTemplate mongo;

    @Test
    void everyEventDeliveredTwiceOutOfOrderAcrossCustomersShouldLeaveTheSameOutcomeAsOnce() {
        assertThat(consumers).extracting(EventConsumer::name).contains("followup", "sequences", "reports", "search");
        Seed seed = new Seed(store);
        Team team = seed.team("Export " + Ids.newId());
        Person manager = seed.person("Wang Manager", Role.MANAGER, team, null);
        Person rep = seed.person("Li Rep", Role.REP, team, manager.user());
        List<Customer> customers = List.of(seed.customer("Acme Trading", "acme-" + Ids.newId() + ".de", rep.user()),
                seed.customer("Beta Imports", "beta-" + Ids.newId() + ".fr", rep.user()));
        for (Customer customer : customers) {
            String quote = mail(rep, customer, true, "Quotation LED panels", "Please find attached our quotation.", null);
            CLOCK.advance(Duration.ofHours(3));
            mail(rep, customer, false, "Re: Quotation LED panels", "Could you send a price list and your catalogue?", quote);
            moveToStage.move(store.companies().find(customer.id()).orElseThrow(), Stage.QUOTED, null, rep.id());
            events.publish(new SampleShipped(Ids.newId(), customer.id(), "5 pcs", LocalDate.of(2026, 3, 20), rep.id(),
                    CLOCK.instant()));
            Task high = store.tasks().insert(new Task(Ids.newId(), customer.id(), "客户意向度高,请立即联系", null,
                    TaskType.CALL, Priority.HIGH, CLOCK.instant().plus(Duration.ofHours(2)), rep.id(), TaskStatus.OPEN,
                    "tracking-intent", "tracking-intent:" + Ids.newId(), null, null, null, null, CLOCK.instant(), null));
            events.publish(new CustomerShowedIntent("<m-" + Ids.newId() + ">", customer.id(), "buyer@example.com",
                    rep.id(), high.id(), CustomerShowedIntent.Signal.REPEATED_OPENS, null, CLOCK.instant()));
            CLOCK.advance(Duration.ofHours(1));
        }
        Map<String, List<Document>> once = outcome();
        assertThat(once.get("tasks")).as("the rules raised tasks").hasSizeGreaterThan(4);
        assertThat(once.keySet()).contains("notifications");

        List<Outbox.Stored> all = outbox.read(1, outbox.head());
        Map<String, List<Object>> byCustomer = new LinkedHashMap<>();
        all.forEach(s -> byCustomer.computeIfAbsent(String.valueOf(s.key()), k -> new ArrayList<>()).add(s.event()));
        List<String> keys = new ArrayList<>(byCustomer.keySet());
        Collections.reverse(keys);
        for (String key : keys) {
            for (Object event : byCustomer.get(key)) {
                consumers.forEach(c -> c.on(event));
            }
        }

        assertThat(all).hasSizeGreaterThan(15);
        Map<String, List<Document>> twice = outcome();
        assertThat(twice.keySet()).isEqualTo(once.keySet());
        once.forEach((collection, documents) ->
                assertThat(twice.get(collection)).as(collection).containsExactlyElementsOf(documents));
    }

    /**
     * The documents mail ingestion wrote without the mapping ({@code StoredRecords}: messages, timeline
     * entries) and the records it reads without it (contacts, customers), against this application's own
     * mapping: each stored document reads as the same record both ways, and each record writes as the
     * same document both ways.
     */
    @Test
    void whatIngestionWritesAndReadsWithoutTheMappingIsWhatTheApplicationsMappingWritesAndReads() {
        Seed seed = new Seed(store);
        Team team = seed.team("Mapping " + Ids.newId());
        Person rep = seed.person("Zhao Rep", Role.REP, team, null);
        Customer customer = seed.customer("Gamma GmbH", "gamma-" + Ids.newId() + ".de", rep.user());
        String quote = mail(rep, customer, true, "报价 PI-2026-0042", "Please find our quotation.", null);
        CLOCK.advance(Duration.ofHours(2));
        mail(rep, customer, false, "Re: 报价 PI-2026-0042", "Thanks, what is the lead time for 500 pcs?", quote);

        Map<String, Class<? extends Record>> types = Map.of("messages", io.genjin.store.message.StoredMessage.class,
                "activities", io.genjin.store.timeline.Activity.class, "contacts", io.genjin.store.customer.Contact.class,
                "companies", io.genjin.store.customer.Company.class);
        types.forEach((collection, type) -> {
            List<Document> stored = mongo.getCollection(collection).find().into(new ArrayList<>());
            assertThat(stored).as(collection).isNotEmpty();
            for (Document d : stored) {
                Record byMapping = mongo.getConverter().read(type, d);
                assertThat(io.genjin.store.StoredRecords.read(type, d)).as(collection).isEqualTo(byMapping);
                if (type != io.genjin.store.customer.Company.class) { // versioned: written by the mapping only
                    Document written = new Document();
                    mongo.getConverter().write(byMapping, written);
                    assertThat(io.genjin.store.StoredRecords.write(byMapping).toJson()).as(collection).isEqualTo(written.toJson());
                }
            }
        });
    }

    /** Every collection's documents in {@code _id} order, but for the outbox's own. */
    private Map<String, List<Document>> outcome() {
        Map<String, List<Document>> out = new TreeMap<>();
        for (String name : mongo.getCollectionNames()) {
            if (NOT_OUTCOMES.contains(name)) {
                continue;
            }
            List<Document> documents = new ArrayList<>();
            mongo.getCollection(name).find().sort(new Document("_id", 1)).into(documents);
            out.put(name, documents);
        }
        return out;
    }

    private String mail(Person rep, Customer customer, boolean outbound, String subject, String text, String inReplyTo) {
        String id = (outbound ? "out-" : "in-") + Ids.newId() + "@example.com";
        String us = "Li Rep <" + rep.user().primaryAddress() + ">";
        String them = "Hans <" + customer.contact().addresses().get(0) + ">";
        String message = "From: " + (outbound ? us : them) + "\nTo: " + (outbound ? them : us) + "\nSubject: " + subject
                + "\nMessage-ID: <" + id + ">\n" + (inReplyTo == null ? "" : "In-Reply-To: <" + inReplyTo + ">\n")
                + "Date: " + MAIL_DATE.format(CLOCK.instant()) + "\n\n" + text + "\n";
        var result = ingestion.ingest(RawMail.of(message.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8)),
                new MailSource.Import(rep.id(), "test"));
        assertThat(result.outcome().name()).as(result.toString()).isEqualTo("STORED");
        return id;
    }
}
