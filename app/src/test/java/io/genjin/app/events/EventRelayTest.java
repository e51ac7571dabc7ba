package io.genjin.app.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.genjin.app.store.ClusterLeases;
import io.genjin.store.events.QuoteSent;
import io.genjin.store.events.outbox.Outbox;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Two relays over one store stand for two processes of one role: each event is handled once per
 * shared consumer (by one of them), by every process for an each-process consumer, in order per
 * customer, and again after a crash between handling and saving the position.
 */
class EventRelayTest {
    private final MongoServer server = new MongoServer(new MemoryBackend());
    private final MongoClient client;
    private final MongoTemplate mongo;
    private final Outbox outbox;
    private final List<EventRelay> relays = new ArrayList<>();

    EventRelayTest() {
        server.bind("127.0.0.1", 0);
        client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
        mongo = new MongoTemplate(client, "genjin");
        outbox = new Outbox(mongo, Clock.systemUTC());
    }

    @AfterEach
    void close() {
        relays.forEach(EventRelay::stop);
        client.close();
        server.shutdownNow();
    }

    /** Poll once an hour: the test drives every round itself. */
    private static EventsProperties settings(Duration lease, Duration gapWait) {
        return new EventsProperties(Duration.ofHours(1), 4, lease, gapWait, 500, 3, Duration.ofDays(7), Duration.ZERO);
    }

    private EventRelay relay(EventsProperties settings, EventConsumer... consumers) {
        EventRelay relay = new EventRelay(outbox, ClusterLeases.over(mongo), names -> ClusterLeases.held(mongo, names),
                () -> List.of(consumers), settings);
        relays.add(relay);
        relay.start();
        return relay;
    }

    record Seen(String process, QuoteSent event) {
    }

    private static EventConsumer consumer(String name, EventConsumer.Scope scope, Consumer<QuoteSent> handle) {
        return new EventConsumer() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Scope scope() {
                return scope;
            }

            @Override
            public void on(Object event) {
                handle.accept((QuoteSent) event);
            }
        };
    }

    /** {@code count} quotations for ten customers, interleaved, written in batches of seven. */
    private List<QuoteSent> publish(int count) {
        List<QuoteSent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(new QuoteSent("<q" + i + "@x>", "customer-" + (i % 10), "u", Instant.EPOCH.plusSeconds(i)));
        }
        for (int i = 0; i < count; i += 7) {
            outbox.append(events.subList(i, Math.min(count, i + 7)));
        }
        return events;
    }

    private static Map<String, List<QuoteSent>> byCustomer(List<QuoteSent> events) {
        Map<String, List<QuoteSent>> out = new LinkedHashMap<>();
        events.forEach(e -> out.computeIfAbsent(e.companyId(), c -> new ArrayList<>()).add(e));
        return out;
    }

    private long held(EventRelay relay) {
        return relay.parts().stream().filter(p -> p.lease != null).count();
    }

    @Test
    void aPollStopsAfterAPartialRoundWhileADrainAfterAPublishTakesEverything() {
        List<QuoteSent> seen = Collections.synchronizedList(new ArrayList<>());
        QuoteSent written = new QuoteSent("<late@x>", "customer-late", "u", Instant.EPOCH);
        java.util.concurrent.atomic.AtomicBoolean writeOne = new java.util.concurrent.atomic.AtomicBoolean(true);
        // The next event handled after writeOne is set stands for the ingesting thread writing one more
        // while the round runs.
        EventRelay a = relay(new EventsProperties(Duration.ofHours(1), 4, Duration.ofSeconds(30), Duration.ofSeconds(10), 5, 3,
                Duration.ofDays(7), Duration.ZERO), consumer("rules", EventConsumer.Scope.SHARED, e -> {
                    seen.add(e);
                    if (writeOne.getAndSet(false)) {
                        outbox.append(List.of(written));
                    }
                }));

        List<QuoteSent> published = publish(3);
        a.drain(false);
        assertThat(seen).as("a partial round ends the poll").containsExactlyElementsOf(published);
        a.drain(false);
        assertThat(seen).as("the next poll takes what came meanwhile").hasSize(4).last().isEqualTo(written);

        seen.clear();
        published = publish(12);
        a.drain(false);
        assertThat(seen).as("full rounds (5 positions) follow each other within one poll").containsExactlyElementsOf(published);

        seen.clear();
        writeOne.set(true);
        published = publish(2);
        a.drain(true);
        assertThat(seen).as("after a publish, everything up to the head, what came meanwhile too").hasSize(3)
                .startsWith(published.get(0), published.get(1)).last().isEqualTo(written);
    }

    @Test
    void behindCountsWhatTheSlowestListenerOfThisProcessHasStillToHandle() {
        List<QuoteSent> seen = new ArrayList<>();
        EventRelay a = relay(settings(Duration.ofSeconds(30), Duration.ofSeconds(10)),
                consumer("rules", EventConsumer.Scope.SHARED, seen::add),
                consumer("pages", EventConsumer.Scope.EACH_PROCESS, e -> { }));
        assertThat(a.behind()).isZero();
        publish(12);
        assertThat(a.behind()).as("written, not handled").isEqualTo(12);
        a.drain(true);
        assertThat(seen).hasSize(12);
        assertThat(a.behind()).isZero();
    }

    /**
     * An import ends while its events drain: stopping the relay interrupts the round in flight. That
     * is no failure to report (it printed an error after the import's summary); the event is handed
     * again at the next start.
     */
    @Test
    void stoppingInTheMiddleOfARoundReportsNoFailureAndTheNextStartHandsTheEventAgain() throws Exception {
        try (io.genjin.testing.LogLines logged = io.genjin.testing.LogLines.of(EventRelay.class)) {
            java.util.concurrent.CountDownLatch inside = new java.util.concurrent.CountDownLatch(1);
            EventsProperties pollOften = new EventsProperties(Duration.ofMillis(20), 4, Duration.ofSeconds(30),
                    Duration.ofSeconds(10), 500, 3, Duration.ofDays(7), Duration.ZERO);
            EventRelay first = relay(pollOften, consumer("rules", EventConsumer.Scope.SHARED, e -> {
                inside.countDown();
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", interrupted);
                }
            }));
            publish(1);
            assertThat(inside.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            first.stop();

            assertThat(logged.atLeast(ch.qos.logback.classic.Level.WARN)).isEmpty();
            List<QuoteSent> again = java.util.Collections.synchronizedList(new ArrayList<>());
            EventRelay next = relay(settings(Duration.ofSeconds(30), Duration.ofSeconds(10)),
                    consumer("rules", EventConsumer.Scope.SHARED, again::add));
            next.drain(true);
            assertThat(again).hasSize(1);
        }
    }

    @Test
    void appendedEventsWaitForThePollUntilTheListenersFallTooFarBehindThenTheWriterHandsThemOver() {
        List<QuoteSent> seen = new ArrayList<>();
        EventRelay a = relay(settings(Duration.ofSeconds(30), Duration.ofSeconds(10)),
                consumer("rules", EventConsumer.Scope.SHARED, seen::add));
        OutboxEvents events = new OutboxEvents(outbox, a, 10);
        List<QuoteSent> first = List.of(new QuoteSent("<a1@x>", "customer-1", "u", Instant.EPOCH),
                new QuoteSent("<a2@x>", "customer-2", "u", Instant.EPOCH));
        events.append(first);
        assertThat(seen).as("written, left to the poll").isEmpty();
        assertThat(a.behind()).isEqualTo(2);
        List<QuoteSent> burst = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            burst.add(new QuoteSent("<b" + i + "@x>", "customer-" + i, "u", Instant.EPOCH));
        }
        events.append(burst);
        assertThat(a.behind()).as("eleven behind, over the limit of ten: handed over by the writer").isZero();
        assertThat(seen).hasSize(11);
        events.publishAll(List.of(new QuoteSent("<c@x>", "customer-3", "u", Instant.EPOCH)));
        assertThat(seen).as("a publish is handled before it returns").hasSize(12);
    }

    /**
     * A batch's flush in the middle of an import: the writer hands its events to the poll thread and
     * goes on at once, whether that thread is in a round or idle; the poll thread takes them now, not
     * at its next poll (an hour away here).
     */
    @Test
    void aHandOverInBackgroundLeavesTheEventsToThePollThreadAtOnceAndNeverWaits() throws Exception {
        java.util.concurrent.CountDownLatch inside = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        List<String> seenOn = Collections.synchronizedList(new ArrayList<>());
        List<QuoteSent> seen = Collections.synchronizedList(new ArrayList<>());
        EventRelay a = relay(settings(Duration.ofSeconds(30), Duration.ofSeconds(10)), consumer("rules", EventConsumer.Scope.SHARED, e -> {
            seen.add(e);
            seenOn.add(Thread.currentThread().getName());
            if (e.messageId().equals("<slow@x>")) {
                inside.countDown();
                try {
                    release.await(30, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }));
        OutboxEvents events = new OutboxEvents(outbox, a, 1_000);

        // Nobody in a round: the writer does not handle them itself, and does not wait for the listener.
        events.append(List.of(new QuoteSent("<slow@x>", "customer-1", "u", Instant.EPOCH)));
        events.handOverInBackground();
        assertThat(inside.await(10, java.util.concurrent.TimeUnit.SECONDS)).as("taken up at once, not at the next poll").isTrue();
        assertThat(seenOn).containsExactly("domain-events");

        // A round in progress (held in its first event): the writer goes on as well.
        events.append(List.of(new QuoteSent("<next@x>", "customer-2", "u", Instant.EPOCH)));
        events.handOverInBackground();
        assertThat(seen).extracting(QuoteSent::messageId).containsExactly("<slow@x>");
        release.countDown();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(a.behind()).isZero());
        assertThat(seen).extracting(QuoteSent::messageId).containsExactly("<slow@x>", "<next@x>");
        assertThat(seenOn).containsOnly("domain-events");
    }

    @Test
    void twoProcessesShouldShareTheCustomersAndHandleEachEventOncePerConsumer() {
        List<Seen> rules = Collections.synchronizedList(new ArrayList<>());
        List<Seen> pages = Collections.synchronizedList(new ArrayList<>());
        EventsProperties settings = settings(Duration.ofSeconds(30), Duration.ofSeconds(10));
        EventRelay a = relay(settings, consumer("rules", EventConsumer.Scope.SHARED, e -> rules.add(new Seen("a", e))),
                consumer("pages", EventConsumer.Scope.EACH_PROCESS, e -> pages.add(new Seen("a", e))));
        EventRelay b = relay(settings, consumer("rules", EventConsumer.Scope.SHARED, e -> rules.add(new Seen("b", e))),
                consumer("pages", EventConsumer.Scope.EACH_PROCESS, e -> pages.add(new Seen("b", e))));
        assertThat(held(a)).as("the first process took every part").isEqualTo(4);
        long later = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        a.tendLeases(later);
        b.tendLeases(later);
        assertThat(held(a)).as("two members: two parts each").isEqualTo(2);
        assertThat(held(b)).isEqualTo(2);

        List<QuoteSent> published = publish(100);
        a.drain(true);
        b.drain(true);

        assertThat(rules).extracting(Seen::event).containsExactlyInAnyOrderElementsOf(published);
        Set<String> byA = new HashSet<>();
        Set<String> byB = new HashSet<>();
        rules.forEach(s -> (s.process().equals("a") ? byA : byB).add(s.event().companyId()));
        assertThat(byA).isNotEmpty().doesNotContainAnyElementsOf(byB);
        assertThat(byB).isNotEmpty();
        assertThat(byCustomer(rules.stream().map(Seen::event).toList())).isEqualTo(byCustomer(published));
        assertThat(pages.stream().filter(s -> s.process().equals("a")).map(Seen::event)).containsExactlyElementsOf(published);
        assertThat(pages.stream().filter(s -> s.process().equals("b")).map(Seen::event)).containsExactlyElementsOf(published);
    }

    /**
     * Listeners behind under a sustained load drain round after round for longer than a lease. The
     * leases are renewed between rounds: another process trying to take parts late in the drain (after
     * the first lease would have run out) finds them all held. Before, a drain renewed nothing; a second
     * process then took every part while the first was still handling their events.
     */
    @Test
    void aDrainLongerThanALeaseKeepsItsPartsFromAnotherProcess() {
        Duration lease = Duration.ofSeconds(1);
        EventsProperties settings = new EventsProperties(Duration.ofHours(1), 4, lease, Duration.ofSeconds(10), 50, 3,
                Duration.ofDays(7), Duration.ZERO);
        publish(3_000);
        long[] drainStarted = {Long.MAX_VALUE};
        long[] takenByOther = {-1};
        EventRelay a = relay(settings, consumer("rules", EventConsumer.Scope.SHARED, e -> {
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
            if (takenByOther[0] < 0 && System.nanoTime() - drainStarted[0] > 2 * lease.toNanos()) {
                // Another process of the role starts now, while this one is still draining, and tries to take parts.
                EventRelay b = relay(settings, consumer("rules", EventConsumer.Scope.SHARED, x -> { }));
                b.tendLeases(System.nanoTime() + Duration.ofMinutes(1).toNanos());
                takenByOther[0] = held(b);
            }
        }));
        assertThat(held(a)).isEqualTo(4);
        drainStarted[0] = System.nanoTime();

        a.drain(true);

        assertThat(takenByOther[0]).as("another process tried to take parts during the drain").isGreaterThanOrEqualTo(0);
        assertThat(takenByOther[0]).as("parts the other process took while this one was draining").isZero();
    }

    /** An Error thrown by a listener stands for the process dying (kill -9) right after handling. */
    static final class Killed extends Error {
    }

    @Test
    void aCrashBetweenHandlingAndSavingThePositionShouldHandTheEventsAgainInOrder() {
        List<QuoteSent> first = Collections.synchronizedList(new ArrayList<>());
        List<QuoteSent> second = Collections.synchronizedList(new ArrayList<>());
        EventsProperties settings = settings(Duration.ofSeconds(1), Duration.ofSeconds(10));
        EventRelay a = relay(settings, consumer("rules", EventConsumer.Scope.SHARED, e -> {
            first.add(e);
            if (first.size() == 25) {
                throw new Killed();
            }
        }));
        List<QuoteSent> published = publish(40);
        assertThatThrownBy(() -> a.drain(true)).isInstanceOf(Killed.class);
        a.crash();
        assertThat(first).hasSize(25);

        EventRelay b = relay(settings, consumer("rules", EventConsumer.Scope.SHARED, second::add));
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            b.tendLeases(System.nanoTime() + Duration.ofMinutes(1).toNanos());
            return held(b) == 4;
        });
        b.drain(true);

        assertThat(second).as("nothing was saved before the crash: all again").containsExactlyInAnyOrderElementsOf(published);
        assertThat(byCustomer(second)).isEqualTo(byCustomer(published));
        assertThat(second).containsAll(first);
    }

    /** Puts every event off to the end of its round, as the reports do with the mail stored. */
    private static final class RoundRecorder implements EventConsumer {
        final List<QuoteSent> pending = new ArrayList<>();
        final List<List<QuoteSent>> rounds = new ArrayList<>();
        boolean crashAtRoundEnd;
        /** Round ends still to fail, as a store that is down would make them; what the round put off is dropped. */
        int failingEnds;
        volatile int failedEnds;

        @Override
        public String name() {
            return "recorder";
        }

        @Override
        public void on(Object event) {
            pending.add((QuoteSent) event);
        }

        @Override
        public void roundEnd() {
            if (crashAtRoundEnd) {
                throw new Killed();
            }
            if (failingEnds > 0) {
                failingEnds--;
                failedEnds++;
                pending.clear();
                throw new IllegalStateException("the store hiccupped");
            }
            rounds.add(List.copyOf(pending));
            pending.clear();
        }
    }

    @Test
    void workPutOffToTheRoundsEndIsDoneOncePerRoundBeforeThePositionIsSaved() {
        EventsProperties settings = settings(Duration.ofSeconds(1), Duration.ofSeconds(10));
        RoundRecorder crashing = new RoundRecorder();
        crashing.crashAtRoundEnd = true;
        EventRelay a = relay(settings, crashing);
        List<QuoteSent> published = publish(40);
        assertThatThrownBy(() -> a.drain(true)).isInstanceOf(Killed.class);
        a.crash();
        assertThat(crashing.pending).as("all 40 handled, their work put off").hasSize(40);

        RoundRecorder recorder = new RoundRecorder();
        EventRelay b = relay(settings, recorder);
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            b.tendLeases(System.nanoTime() + Duration.ofMinutes(1).toNanos());
            return held(b) == 4;
        });
        b.drain(true);
        assertThat(recorder.rounds).as("the crash came before the positions were saved: one round of all 40 again")
                .singleElement().satisfies(round -> assertThat(byCustomer(round)).isEqualTo(byCustomer(published)));
        assertThat(recorder.pending).isEmpty();
        b.drain(true);
        assertThat(recorder.rounds).as("a round that handled nothing does not end one").hasSize(1);
        List<QuoteSent> more = publish(3);
        b.drain(true);
        assertThat(recorder.rounds).hasSize(2);
        assertThat(recorder.rounds.get(1)).containsExactlyInAnyOrderElementsOf(more);
    }

    @Test
    void aRoundEndThatThrowsHasTheRoundsEventsHandedAgainAndSavesNoPositionUntilOneSucceeds() {
        RoundRecorder recorder = new RoundRecorder();
        recorder.failingEnds = 1;
        EventRelay a = relay(settings(Duration.ofSeconds(30), Duration.ofSeconds(10)), recorder);
        List<QuoteSent> published = publish(40);
        a.drain(true);
        assertThat(recorder.failedEnds).isEqualTo(1);
        assertThat(recorder.rounds).isEmpty();
        assertThat(IntStream.range(0, 4).mapToLong(p -> outbox.cursor("recorder:" + p)).sum())
                .as("no position saved for a round whose end failed").isZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            a.drain(true);
            return !recorder.rounds.isEmpty();
        });
        assertThat(recorder.rounds).as("after the pause, the whole round again").singleElement()
                .satisfies(round -> assertThat(byCustomer(round)).isEqualTo(byCustomer(published)));
        assertThat(IntStream.range(0, 4).mapToLong(p -> outbox.cursor("recorder:" + p)).sum()).isPositive();
        a.drain(true);
        assertThat(recorder.rounds).as("handed once more, not again").hasSize(1);
    }

    @Test
    void aRoundEndThatKeepsThrowingIsPassedAfterTheAttempts() {
        RoundRecorder recorder = new RoundRecorder();
        recorder.failingEnds = Integer.MAX_VALUE;
        // polls every 20 ms itself, so the pauses between tries are 40 and 80 ms; 3 attempts
        relay(new EventsProperties(Duration.ofMillis(20), 4, Duration.ofSeconds(30), Duration.ofSeconds(10), 500, 3,
                Duration.ofDays(7), Duration.ZERO), recorder);
        publish(40);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> IntStream.range(0, 4).mapToLong(p -> outbox.cursor("recorder:" + p)).sum() > 0);
        assertThat(recorder.failedEnds).as("three tries, then passed").isEqualTo(3);
    }

    @Test
    void aFailingListenerShouldHoldItsCustomersEventsBackAndRetryThemInOrder() {
        List<QuoteSent> seen = new ArrayList<>();
        Set<String> failedOnce = new HashSet<>();
        EventRelay a = relay(settings(Duration.ofSeconds(30), Duration.ofSeconds(10)),
                consumer("rules", EventConsumer.Scope.SHARED, e -> {
                    if (e.messageId().equals("<q3@x>") && failedOnce.add(e.messageId())) {
                        throw new IllegalStateException("the store hiccupped");
                    }
                    seen.add(e);
                }));
        List<QuoteSent> published = publish(30);
        a.drain(true);
        assertThat(seen).doesNotContain(published.get(3), published.get(13), published.get(23));
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            a.drain(true);
            return seen.size() == 30;
        });
        assertThat(byCustomer(seen)).isEqualTo(byCustomer(published));
    }

    /** A shared consumer that records what it is handed, on a relay that passes a gap after 300 ms. */
    private EventRelay rulesWithAShortGapWait(List<QuoteSent> seen) {
        return relay(settings(Duration.ofSeconds(30), Duration.ofMillis(300)),
                consumer("rules", EventConsumer.Scope.SHARED, seen::add));
    }

    /**
     * Three events written, then {@code reserved} positions reserved by a writer that died before writing
     * them, then one event written after them (returned).
     */
    private QuoteSent threeEventsThenAGapThenOne(long reserved) {
        publish(3);
        mongo.getCollection(Outbox.CURSORS).updateOne(new Document("_id", "~sequence"),
                new Document("$inc", new Document("value", reserved)));
        QuoteSent after = new QuoteSent("<late@x>", "customer-1", "u", Instant.EPOCH);
        outbox.append(List.of(after));
        return after;
    }

    @Test
    void aPositionReservedButNeverWrittenShouldHoldReadersBackOnlyForTheGapWait() {
        List<QuoteSent> seen = Collections.synchronizedList(new ArrayList<>());
        EventRelay a = rulesWithAShortGapWait(seen);
        // A writer that reserved position 4 and died before writing it.
        QuoteSent after = threeEventsThenAGapThenOne(1);
        a.drain(true);
        assertThat(seen).hasSize(3).doesNotContain(after);
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            a.drain(true);
            return seen.contains(after);
        });
    }

    @Test
    void aBlockReservedByAWriterThatDiedShouldHoldReadersBackForOneGapWaitNotOnePerPosition() throws Exception {
        List<QuoteSent> seen = Collections.synchronizedList(new ArrayList<>());
        EventRelay a = rulesWithAShortGapWait(seen);
        // A batch flush that reserved 40 positions (4..43) and was killed before its insert.
        QuoteSent after = threeEventsThenAGapThenOne(40);
        a.drain(true);
        assertThat(seen).hasSize(3);
        Thread.sleep(400);
        // Each of the 40 was seen missing in that first read: one round after one wait passes them all.
        a.drain(true);
        assertThat(seen).hasSize(4).endsWith(after);
    }

    @Test
    void passedPositionsShouldBeLoggedAsRanges() {
        assertThat(EventRelay.ranges(List.of(1L, 2L, 3L, 7L, 9L, 10L))).isEqualTo("1-3, 7, 9-10");
        assertThat(EventRelay.ranges(List.of(42L))).isEqualTo("42");
    }
}
