package io.genjin.followup.sequence;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.genjin.followup.sequence.SequenceMailer.Outcome;
import io.genjin.store.CrmStore;
import io.genjin.store.Ids;
import io.genjin.store.customer.Company;
import io.genjin.store.customer.Contact;
import io.genjin.store.user.Role;
import io.genjin.store.user.User;
import io.genjin.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Sequences over a fresh in-memory store, a clock the test moves, a seeded Random, and a mailer that
 * records what it is asked to send and answers what the test says. Rep Li Lei owns Acme (Germany).
 */
final class SequenceFixture implements AutoCloseable {
    /** Monday 2 March 2026, 02:00 in Berlin (CET, UTC+1): before the window. */
    static final Instant MONDAY_0200_BERLIN = Instant.parse("2026-03-02T01:00:00Z");
    final MongoServer server = new MongoServer(new MemoryBackend());
    final MongoClient client;
    final MutableClock clock = new MutableClock(MONDAY_0200_BERLIN);
    final CrmStore crm;
    final SequenceStore store;
    final SequenceSettings settings;
    final SequenceRunner runner;
    final SequenceStops stops;
    final EnrollContact enroll;
    final List<SequenceMailer.Mail> sent = new CopyOnWriteArrayList<>();
    volatile Outcome answer = new Outcome(Outcome.Kind.SENT, "250 ok");
    final User li;
    final Company acme;
    final Contact hans;

    SequenceFixture() {
        this(SequenceSettings.defaults("https://crm.example.com", new byte[32]));
    }

    SequenceFixture(SequenceSettings settings) {
        this.settings = settings;
        server.bind("127.0.0.1", 0);
        client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
        MongoTemplate mongo = new MongoTemplate(client, "genjin");
        crm = CrmStore.over(mongo, clock, CrmStore.Backend.EMBEDDED);
        store = SequenceStore.over(mongo, clock, new Random(42), settings);
        runner = new SequenceRunner(crm, store, mail -> {
            sent.add(mail);
            return answer;
        }, settings, clock);
        stops = new SequenceStops(crm, store, settings, clock);
        enroll = new EnrollContact(crm, store, clock);
        li = crm.users().create("Li Lei", List.of("lilei@team.example"), Role.REP, "t1", null, "zh-CN");
        acme = company("Acme Trading GmbH", "acme-trading.de", "DE");
        hans = contact(acme, "Hans Becker", "hans@acme-trading.de");
    }

    static SequenceSettings settings(int mailboxCap, int domainCap, Duration minGap, Duration maxGap) {
        SequenceSettings d = SequenceSettings.defaults("https://crm.example.com", new byte[32]);
        return new SequenceSettings(d.publicUrl(), new byte[32], d.hostname(), mailboxCap, domainCap, minGap, maxGap,
                d.capZone(), d.defaultZone(), d.defaultPostpone(), d.lease());
    }

    Company company(String name, String domain, String country) {
        Company c = Company.create(Ids.newId(), name, List.of(domain), li.id(), clock.instant());
        return crm.companies().insert(c.withDetails(name, List.of(domain), country, null, null, Set.of()));
    }

    Contact contact(Company company, String name, String address) {
        return crm.contacts().insert(new Contact(Ids.newId(), name, List.of(address), List.of(), null, company.id(),
                li.id(), false, null, clock.instant()));
    }

    /** Three steps: at once, 3 days later, 4 days after that; English and German. */
    Sequence sequence() {
        return store.sequences().save(new Sequence(Ids.newId(), "LED panel follow-up", li.id(), "en", List.of(
                step(Duration.ZERO, "Our LED panels for {{company.name}}", "Dear {{contact.firstName}},\n\nour {{product}} ..."),
                step(Duration.ofDays(3), "Following up", "Hello {{contact.name}}, any questions? {{owner.name}}"),
                step(Duration.ofDays(4), "Last note", "Regards, {{owner.name}} <{{owner.email}}>")),
                null, false, clock.instant()));
    }

    private static Sequence.Step step(Duration delay, String subject, String body) {
        return new Sequence.Step(delay, List.of(new Sequence.Variant("en", subject, body),
                new Sequence.Variant("de", "DE: " + subject, "DE: " + body)));
    }

    Enrollment enroll(Sequence sequence, Contact contact) {
        return enroll.enroll(sequence.id(), contact.id(), null, null, Map.of("product", "2k LED panels"), null, li.id());
    }

    Enrollment reload(Enrollment e) {
        return store.enrollments().find(e.id()).orElseThrow();
    }

    ZoneId berlin() {
        return ZoneId.of("Europe/Berlin");
    }

    @Override
    public void close() {
        client.close();
        server.shutdownNow();
    }
}
