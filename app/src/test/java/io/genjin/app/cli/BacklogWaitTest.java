package io.genjin.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.genjin.app.events.Backlog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BacklogWaitTest {
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(console, true, StandardCharsets.UTF_8);

    /** A backlog that reads the given values in turn, then stays at the last one. */
    private static Backlog reading(String what, long... values) {
        AtomicInteger read = new AtomicInteger();
        return Backlog.of(what, () -> values[Math.min(read.getAndIncrement(), values.length - 1)]);
    }

    @Test
    void waitsUntilEveryBacklogIsDoneAndShowsWhatIsLeft() {
        Backlog events = reading("domain events", 120, 40, 0);
        Backlog search = reading("messages to index for search", 0, 30, 7, 0);

        boolean done = new BacklogWait(List.of(events, search), out, Duration.ofSeconds(5)).await();

        assertThat(done).isTrue();
        assertThat(console.toString(StandardCharsets.UTF_8))
                .contains("import: finishing: 120 domain events")
                .contains("40 domain events, 30 messages to index for search")
                .contains("import: finishing: 7 messages to index for search");
    }

    @Test
    void oneReadingOfNothingLeftIsNotTheEndWhenTheNextFindsWorkHandedOn() {
        // The listener hands the index a message between two readings: events read 0, the index read
        // 0 before it was handed in, and 1 at the next reading.
        AtomicInteger searchReads = new AtomicInteger();
        long[] search = {0, 1, 1, 0, 0};
        Backlog index = Backlog.of("messages to index for search",
                () -> search[Math.min(searchReads.getAndIncrement(), search.length - 1)]);

        boolean done = new BacklogWait(List.of(reading("domain events", 0), index), out, Duration.ofSeconds(5)).await();

        assertThat(done).isTrue();
        assertThat(searchReads.get()).isEqualTo(5);
    }

    @Test
    void stopsWaitingWhenNothingMovesAndSaysWhatTheNextStartFinishes() {
        boolean done = new BacklogWait(List.of(reading("domain events", 3)), out, Duration.ofMillis(300)).await();

        assertThat(done).isFalse();
        assertThat(console.toString(StandardCharsets.UTF_8))
                .contains("without progress: 3 domain events still to do; "
                        + "the next start of Genjin on this data finishes them");
    }
}
