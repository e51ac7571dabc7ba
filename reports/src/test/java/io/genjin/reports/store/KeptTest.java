package io.genjin.reports.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class KeptTest {
    private volatile Instant now = Instant.parse("2026-03-02T08:00:00Z");
    /** Run once by the next reading of the clock on the thread that set it (a seam between two steps of a call). */
    private volatile Runnable atNextInstant;
    private volatile Thread atNextInstantOn;
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            Runnable action = atNextInstant;
            if (action != null && Thread.currentThread() == atNextInstantOn) {
                atNextInstant = null;
                action.run();
            }
            return now;
        }
    };
    private final AtomicInteger reads = new AtomicInteger();

    @Test
    void aStaleCopyIsServedWhileTheNextIsReadInTheBackgroundAndAnOldOneIsReadAtOnce() throws Exception {
        Kept<Integer> kept = new Kept<>("test", clock, Duration.ofSeconds(30), reads::incrementAndGet);
        assertThat(kept.get().value()).as("the first call reads").isEqualTo(1);
        now = now.plusSeconds(29);
        assertThat(kept.get().value()).as("fresh").isEqualTo(1);

        now = now.plusSeconds(10);
        assertThat(kept.get().value()).as("39 s old: served, the next read starts").isEqualTo(1);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (kept.get().value() == 1 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(kept.get().value()).isEqualTo(2);
        assertThat(kept.get().readAt()).isEqualTo(now);
        assertThat(kept.staleness()).isEqualTo(Duration.ofSeconds(60));

        now = now.plusSeconds(61);
        assertThat(kept.get().value()).as("older than twice the age: read on the caller's thread").isEqualTo(3);
        assertThat(kept.get().readAt()).isEqualTo(now);
    }

    @Test
    void aBackgroundReadEndingWhileACallLooksAtTheOldValueStartsNoSecondRead() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        Kept<Integer> kept = new Kept<>("race", clock, Duration.ofSeconds(30), () -> {
            int n = reads.incrementAndGet();
            if (n == 2) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return n;
        });
        assertThat(kept.get().value()).isEqualTo(1);
        now = now.plusSeconds(39);
        assertThat(kept.get().value()).as("stale: served, the background read starts and waits").isEqualTo(1);
        // The next call has taken the old value when it reads the clock: then the background read ends.
        atNextInstantOn = Thread.currentThread();
        atNextInstant = () -> {
            release.countDown();
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                if (t.getName().equals("report-race")) {
                    try {
                        t.join(10_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        };
        kept.get();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals("report-race")) {
                t.join(10_000);
            }
        }
        assertThat(reads.get()).as("the value just read is fresh: no second background read").isEqualTo(2);
        assertThat(kept.get().value()).isEqualTo(2);
    }

    @Test
    void aSlowReadRestsFourTimesItsDurationAndTheStalenessSaysSo() throws Exception {
        // Each read takes 20 s of the (fake) clock: longer than a quarter of the 30 s age.
        Kept<Integer> kept = new Kept<>("test", clock, Duration.ofSeconds(30), () -> {
            now = now.plusSeconds(20);
            return reads.incrementAndGet();
        });
        Instant start = now;
        assertThat(kept.get().value()).isEqualTo(1);
        assertThat(kept.get().readFor()).isEqualTo(Duration.ofSeconds(20));
        assertThat(kept.staleness()).as("twice (20 s read + 3 x 20 s rest)").isEqualTo(Duration.ofSeconds(160));

        now = start.plusSeconds(79);
        assertThat(kept.get().value()).as("60 s after the read ended: still resting, no read").isEqualTo(1);
        Thread.sleep(50);
        assertThat(reads.get()).isEqualTo(1);

        now = start.plusSeconds(81);
        assertThat(kept.get().value()).as("served while the next is read in the background").isEqualTo(1);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (reads.get() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(reads.get()).isEqualTo(2);
        assertThat(kept.worstStaleness()).isEqualTo(Duration.ofSeconds(160));
    }

    @Test
    void withNoAgeEveryCallReads() {
        Kept<Integer> kept = new Kept<>("test", clock, Duration.ZERO, reads::incrementAndGet);
        kept.prime();
        assertThat(kept.get().value()).as("prime reads nothing ahead").isEqualTo(1);
        assertThat(kept.get().value()).isEqualTo(2);
    }

    @Test
    void primingReadsInTheBackgroundAndARequestMeanwhileWaitsForThatReadInsteadOfReadingAgain() throws Exception {
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        Kept<Integer> kept = new Kept<>("test", clock, Duration.ofSeconds(30), () -> {
            started.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return reads.incrementAndGet();
        });
        Thread primer = new Thread(kept::prime);
        primer.start();
        assertThat(started.await(10, java.util.concurrent.TimeUnit.SECONDS)).as("the first read runs on the priming thread").isTrue();
        var request = java.util.concurrent.CompletableFuture.supplyAsync(() -> kept.get().value());
        Thread.sleep(100);
        assertThat(request).as("the request waits for the read under way").isNotDone();
        release.countDown();
        assertThat(request.get(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(reads.get()).as("one read, not two").isEqualTo(1);
        primer.join(10_000);
        kept.prime();
        assertThat(reads.get()).as("a kept value is not read again by prime").isEqualTo(1);
    }
}
