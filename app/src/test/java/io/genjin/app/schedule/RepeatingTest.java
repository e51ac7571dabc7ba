package io.genjin.app.schedule;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RepeatingTest {

    @Test
    void aRunThatThrowsAnErrorDoesNotCancelTheSchedule() {
        AtomicInteger runs = new AtomicInteger();
        try (Repeating repeating = Repeating.every(Duration.ofMillis(10), "test-job", () -> {
            if (runs.incrementAndGet() == 1) {
                throw new StackOverflowError("one bad input");
            }
        })) {
            await().atMost(Duration.ofSeconds(5)).until(() -> runs.get() >= 3);
        }
    }

    @Test
    void nothingARunThrowsGoesThrough() {
        assertThatCode(() -> Repeating.runGuarded("job", Duration.ZERO, () -> {
            throw new AssertionError("bad state");
        })).doesNotThrowAnyException();
        assertThatCode(() -> Repeating.runGuarded("job", Duration.ZERO, () -> {
            throw new OutOfMemoryError("one huge request");
        })).doesNotThrowAnyException();
    }
}
