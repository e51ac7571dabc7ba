package io.genjin.store.events.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.genjin.store.EmbeddedMongo;
import io.genjin.store.events.MessageStored;
import io.genjin.store.events.QuoteSent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OutboxTest {
    private final EmbeddedMongo mongo = new EmbeddedMongo();
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-03T09:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    private final Outbox outbox = new Outbox(mongo.template(), clock);

    @AfterEach
    void close() {
        mongo.close();
    }

    @Test
    void appendShouldGiveContiguousPositionsAndKeepTheCustomer() {
        assertThat(outbox.append(List.of(new MessageStored("<a@x>", true, "u"),
                new QuoteSent("<a@x>", "c1", "u", Instant.EPOCH)))).isEqualTo(2);
        assertThat(outbox.append(List.of(new MessageStored("<b@x>", true, "u")))).isEqualTo(3);
        List<Outbox.Stored> read = outbox.read(1, 3);
        assertThat(read).extracting(Outbox.Stored::position).containsExactly(1L, 2L, 3L);
        assertThat(read.get(1).customer()).isEqualTo("c1");
        assertThat(read.get(1).type()).isEqualTo("QuoteSent");
        assertThat(read.get(1).event()).isEqualTo(new QuoteSent("<a@x>", "c1", "u", Instant.EPOCH));
        assertThat(read.get(0).customer()).isNull();
        assertThat(outbox.head()).isEqualTo(3);
    }

    @Test
    void aCursorShouldNeverMoveBack() {
        outbox.saveCursors(Map.of("followup:0", 5L));
        outbox.saveCursors(Map.of("followup:0", 3L));
        assertThat(outbox.cursor("followup:0")).isEqualTo(5);
        assertThat(outbox.cursor("reports:0")).isZero();
    }

    @Test
    void pruneShouldDeleteOnlyOldEventsThatEveryCursorPassed() {
        outbox.append(List.of(new MessageStored("<1@x>", true, null), new MessageStored("<2@x>", true, null)));
        now.set(now.get().plus(Duration.ofDays(2)));
        outbox.append(List.of(new MessageStored("<3@x>", true, null), new MessageStored("<4@x>", true, null)));
        outbox.saveCursors(Map.of("a:0", 4L, "b:0", 1L));
        Instant dayAgo = now.get().minus(Duration.ofDays(1));
        assertThat(outbox.prune(dayAgo)).as("b has handled only #1").isEqualTo(1);
        outbox.saveCursors(Map.of("b:0", 4L));
        assertThat(outbox.prune(dayAgo)).as("#3 and #4 are recent").isEqualTo(1);
        assertThat(outbox.floor()).isEqualTo(2);
        assertThat(outbox.read(1, 4)).extracting(Outbox.Stored::position).containsExactly(3L, 4L);
    }
}
