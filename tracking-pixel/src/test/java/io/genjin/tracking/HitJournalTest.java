package io.genjin.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.genjin.store.CrmStore;
import io.genjin.store.Durability;
import io.genjin.store.Ids;
import io.genjin.store.customer.Company;
import io.genjin.store.customer.Contact;
import io.genjin.store.task.TaskStatus;
import io.genjin.store.user.Role;
import io.genjin.store.user.User;
import io.genjin.testing.MutableClock;
import io.genjin.tracking.classify.ScannerCatalogue;
import io.genjin.tracking.hit.HitJournal;
import io.genjin.tracking.intent.RaiseIntent;
import io.genjin.tracking.token.Token;
import io.genjin.tracking.token.TrackingTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hits a process took and answered, then died before writing: they are in the journal, and the next
 * start counts them; a fold the dead process had begun is done again without counting twice or
 * raising a second task.
 */
class HitJournalTest {
    private static final String BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
            + " Chrome/120.0.0.0 Safari/537.36";
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T08:00:00Z"));
    private EmbeddedMongo mongo;
    private CrmStore store;
    private Tracking tracking;
    private Company customer;
    private User rep;

    @BeforeEach
    void start() {
        mongo = new EmbeddedMongo();
        store = CrmStore.over(mongo.template(), clock, CrmStore.Backend.EMBEDDED);
        TrackingTokens tokens = new TrackingTokens(Map.of("k1", "0123456789abcdef0123456789abcdef".getBytes()), "k1");
        tracking = new Tracking(store, mongo.template(), tokens, TrackingSettings.defaults("https://t.example"),
                ScannerCatalogue.builtIn(), TrackingTexts.ENGLISH, event -> { });
        rep = store.users().create("Li Lei", List.of("lilei@factory.example"), Role.REP, null, null, "en");
        customer = store.companies().insert(Company.create(Ids.newId(), "Acme", List.of("acme.example"), rep.id(),
                clock.instant()));
        store.contacts().insert(new Contact(Ids.newId(), "Anna", List.of("anna@acme.example"), List.of(), null,
                customer.id(), rep.id(), false, null, clock.instant()));
    }

    @AfterEach
    void stop() {
        mongo.close();
    }

    @Test
    void hitsLeftInTheJournalAreCountedAtTheNextStartAndAFoldDoneAgainCountsNothingTwice() {
        InstrumentedMessage mail = tracking.instrument(new InstrumentRequest("<q@factory.example>", rep.id(), null, null, true,
                "Quotation", "<p>See <a href='https://factory.example/q.pdf'>the quotation</a>.</p>", null,
                List.of("anna@acme.example"), clock.instant()));
        String pixel = after(mail.recipients().get(0).pixelUrl(), "/t/o/").replace(".gif", "");
        String html = mail.recipients().get(0).html();
        String click = after(org.jsoup.Jsoup.parse(html).select("a").attr("href"), "/t/c/");
        clock.advance(Duration.ofHours(2));

        // A process journaled (and answered) three opens and a click, and died before its writer wrote them.
        try (HitJournal dead = new HitJournal(mongo.template(), Durability.WRITE_CONCERN, 100)) {
            for (int i = 0; i < 3; i++) {
                assertThat(dead.append(Token.Kind.OPEN, hit(pixel, i))).isNotNull();
            }
            assertThat(dead.append(Token.Kind.CLICK, hit(click, 3))).isNotNull();
        }
        try (TrackHits hits = tracking.startHits(Duration.ofHours(1))) {
            await().atMost(Duration.ofSeconds(10)).until(hits::drained);
            assertThat(hits.stats().recovered()).isEqualTo(4);
            assertThat(hits.journaled()).as("folded entries leave the journal").isZero();
        }
        assertCounted(mail, 3, 1);

        // The same fold cut short after it was applied, before its entries were deleted: done again, nothing changes.
        Document message = mongo.template().getCollection("tracking_messages")
                .find(new Document("_id", new ObjectId(mail.trackedId()))).first();
        List<String> folds = message.getList("folds", String.class);
        assertThat(folds).hasSize(1);
        leftBehind(folds.get(0), List.of(), open(pixel, 0), open(pixel, 1), open(pixel, 2),
                entry(Token.Kind.CLICK, hit(click, 3)));
        try (TrackHits hits = tracking.startHits(Duration.ofHours(1))) {
            await().atMost(Duration.ofSeconds(10)).until(hits::drained);
            assertThat(hits.journaled()).isZero();
        }
        assertCounted(mail, 3, 1);
        assertThat(mongo.template().getCollection("tracking_hit_folds").countDocuments()).as("fold records settled").isZero();

        // A fold cut short after its entries were marked, before it was applied: counted once now
        // (one entry in a group, one written the way the journal was before groups).
        String unapplied = Ids.newId();
        leftBehind(unapplied, List.of(), open(pixel, 10));
        leftBehindAlone(open(pixel, 11), unapplied);
        // A group folded in part (its first place is gone): only the rest is counted.
        leftBehind(null, List.of(0), open(pixel, 12), open(pixel, 13), open(pixel, 14));
        try (TrackHits hits = tracking.startHits(Duration.ofHours(1))) {
            await().atMost(Duration.ofSeconds(10)).until(hits::drained);
            assertThat(hits.journaled()).isZero();
        }
        assertCounted(mail, 7, 1);
        assertThat(mongo.template().getCollection("tracking_hit_journal").countDocuments()).as("groups deleted").isZero();
    }

    private void assertCounted(InstrumentedMessage mail, long opens, long clicks) {
        MessageTracking message = tracking.message(mail.trackedId(), 0).orElseThrow();
        assertThat(message.counters().opens()).as("opens counted").isEqualTo(opens);
        assertThat(message.counters().clicks()).as("clicks counted").isEqualTo(clicks);
        assertThat(tracking.storedHits(mail.trackedId())).as("hits in the log").isEqualTo(opens + clicks);
        assertThat(store.tasks().ofCompany(customer.id(), EnumSet.allOf(TaskStatus.class)).stream()
                .filter(t -> RaiseIntent.ORIGIN_RULE.equals(t.originRule()))).as("intent tasks").hasSize(1);
    }

    /**
     * A group as a dead process's journal holds it: these hits, the places already folded
     * ({@code gone}), and, when {@code fold} is not null, all its other entries taken by that fold.
     */
    private void leftBehind(String fold, List<Integer> gone, Document... hits) {
        String id = "j" + Ids.newId();
        mongo.template().getCollection("tracking_hit_journal").insertOne(new Document("_id", id)
                .append("owner", "gone").append("at", Date.from(clock.instant())).append("hits", List.of(hits))
                .append("gone", gone));
        if (fold != null) {
            for (int i = 0; i < hits.length; i++) {
                if (!gone.contains(i)) {
                    taken(fold, id + ":" + i);
                }
            }
        }
    }

    /** An entry as the journal wrote it before groups: a document of its own, taken by {@code fold}. */
    private void leftBehindAlone(Document hit, String fold) {
        String id = "j" + Ids.newId();
        mongo.template().getCollection("tracking_hit_journal").insertOne(new Document(hit).append("_id", id)
                .append("owner", "gone"));
        taken(fold, id);
    }

    private void taken(String fold, String entry) {
        mongo.template().getCollection("tracking_hit_folds").updateOne(new Document("_id", "f" + fold),
                new Document("$push", new Document("entries", entry)).append("$set", new Document("owner", "gone")),
                new com.mongodb.client.model.UpdateOptions().upsert(true));
    }

    private Document open(String token, int n) {
        return entry(Token.Kind.OPEN, hit(token, n));
    }

    private static Document entry(Token.Kind kind, IncomingHit hit) {
        return new Document("kind", kind == Token.Kind.OPEN ? "o" : "c").append("token", hit.token()).append("ip", hit.ip())
                .append("ua", hit.userAgent()).append("head", false).append("prefetch", false)
                .append("at", Date.from(hit.at()));
    }

    private IncomingHit hit(String token, int n) {
        return new IncomingHit(token, "203.0.113.5", BROWSER, false, false, clock.instant().plusSeconds(n * 60L));
    }

    private static String after(String url, String path) {
        return url.substring(url.indexOf(path) + path.length());
    }
}
