package io.genjin.followup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The ShedLock lease on the embedded MongoDB-wire server: replicas racing for one scan run it once; a
 * live replica keeps renewing it, a dead one's lapses within a heartbeat.
 */
class ClusterOnceTest {
    private final EmbeddedMongo mongo = new EmbeddedMongo();

    @AfterEach
    void close() {
        mongo.close();
    }

    @Test
    void whileOneReplicaHoldsTheLeaseAnotherDoesNotRunTheJob() throws Exception {
        ClusterOnce first = new ClusterOnce(mongo.leases());
        ClusterOnce second = new ClusterOnce(mongo.leases());
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Optional<String>> holder = pool.submit(() -> first.run("scan", Duration.ofMinutes(5), Duration.ZERO, () -> {
                running.countDown();
                await(release);
                return "first";
            }));
            assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(second.run("scan", Duration.ofMinutes(5), Duration.ZERO, () -> "second")).isEmpty();
            assertThat(second.run("another-job", Duration.ofMinutes(5), Duration.ZERO, () -> "other")).contains("other");
            release.countDown();
            assertThat(holder.get(10, TimeUnit.SECONDS)).contains("first");
            assertThat(second.run("scan", Duration.ofMinutes(5), Duration.ZERO, () -> "second")).contains("second");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void eightReplicasRacingForTheSameRoundRunItOnce() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Optional<Integer>>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                ClusterOnce replica = new ClusterOnce(mongo.leases());
                results.add(pool.submit(() -> {
                    await(start);
                    return replica.run("scan", Duration.ofMinutes(5), Duration.ofMinutes(1), runs::incrementAndGet);
                }));
            }
            start.countDown();
            int ran = 0;
            for (Future<Optional<Integer>> result : results) {
                ran += result.get(20, TimeUnit.SECONDS).isPresent() ? 1 : 0;
            }
            assertThat(ran).isEqualTo(1);
            assertThat(runs).hasValue(1);
            // lockAtLeastFor keeps the round taken after it finished: a late replica does not run it again.
            assertThat(new ClusterOnce(mongo.leases()).run("scan", Duration.ofMinutes(5), Duration.ZERO, runs::incrementAndGet))
                    .isEmpty();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aReplicaThatDiesHoldingTheLeaseFreesItWithinAHeartbeatNotAfterAtMost() throws Exception {
        ClusterOnce dying = new ClusterOnce(mongo.leases(), Duration.ofSeconds(3));
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            pool.submit(() -> dying.run("scan", Duration.ofMinutes(30), Duration.ZERO, () -> {
                dying.close(); // SIGKILL: the process stops renewing; its job never finishes
                running.countDown();
                await(never);
                return "dead";
            }));
            assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
            ClusterOnce restarted = new ClusterOnce(mongo.leases(), Duration.ofSeconds(3));
            assertThat(restarted.run("scan", Duration.ofMinutes(30), Duration.ZERO, () -> "again"))
                    .as("the dead replica's lease holds for its heartbeat").isEmpty();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                    .until(() -> restarted.run("scan", Duration.ofMinutes(30), Duration.ZERO, () -> "again").isPresent());
        } finally {
            never.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void aLiveReplicaKeepsItsLeaseForAJobLongerThanTheHeartbeat() throws Exception {
        ClusterOnce first = new ClusterOnce(mongo.leases(), Duration.ofSeconds(2));
        ClusterOnce second = new ClusterOnce(mongo.leases(), Duration.ofSeconds(2));
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Optional<String>> holder = pool.submit(() -> first.run("scan", Duration.ofMinutes(5), Duration.ZERO, () -> {
                running.countDown();
                await(release);
                return "first";
            }));
            assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
            org.awaitility.Awaitility.await().during(Duration.ofSeconds(7)).atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> second.run("scan", Duration.ofMinutes(5), Duration.ZERO, () -> "second").isEmpty());
            release.countDown();
            assertThat(holder.get(10, TimeUnit.SECONDS)).contains("first");
            assertThat(second.run("scan", Duration.ofMinutes(5), Duration.ZERO, () -> "second")).contains("second");
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
