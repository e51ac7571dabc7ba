package io.genjin.store.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.genjin.store.EmbeddedMongo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Leases on the embedded server, which has no transactions: the claim must be one atomic command. */
class MailboxLeasesTest {
    private static final Duration TTL = Duration.ofSeconds(60);
    private final EmbeddedMongo mongo = new EmbeddedMongo();
    private Instant now = Instant.parse("2026-11-25T08:00:00Z");
    private final MailboxLeases leases = new MailboxLeases(mongo.template(), new Clock() {
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        public Instant instant() {
            return now;
        }
    });

    @AfterEach
    void stop() {
        mongo.close();
    }

    @Test
    void aHeldLeaseIsRefusedToOthersAndRenewedByItsHolder() {
        assertThat(leases.claim("mbx-1", "replica-a", TTL)).isTrue();
        assertThat(leases.claim("mbx-1", "replica-b", TTL)).isFalse();
        now = now.plusSeconds(50);
        assertThat(leases.claim("mbx-1", "replica-a", TTL)).as("renewal").isTrue();
        now = now.plusSeconds(50);
        assertThat(leases.claim("mbx-1", "replica-b", TTL)).as("renewed 50 s ago, still held").isFalse();
        assertThat(leases.holder("mbx-1")).contains("replica-a");
    }

    @Test
    void anExpiredLeaseIsTakenOverAndTheOldHolderCannotRenewIt() {
        assertThat(leases.claim("mbx-1", "replica-a", TTL)).isTrue();
        now = now.plusSeconds(61);
        assertThat(leases.holder("mbx-1")).isEmpty();
        assertThat(leases.claim("mbx-1", "replica-b", TTL)).isTrue();
        assertThat(leases.claim("mbx-1", "replica-a", TTL)).isFalse();
        assertThat(leases.holder("mbx-1")).contains("replica-b");
    }

    @Test
    void releaseLetsAnotherReplicaClaimAtOnceButOnlyTheHolderCanRelease() {
        leases.claim("mbx-1", "replica-a", TTL);
        leases.release("mbx-1", "replica-b");
        assertThat(leases.claim("mbx-1", "replica-b", TTL)).isFalse();
        leases.release("mbx-1", "replica-a");
        assertThat(leases.claim("mbx-1", "replica-b", TTL)).isTrue();
    }

    @Test
    void aSyncRequestReachesTheHolderOnceAtItsNextRound() {
        leases.claim("mbx-1", "replica-a", TTL);
        leases.requestSync("mbx-1");
        assertThat(leases.take("mbx-1", "replica-b", TTL)).isEqualTo(new MailboxLeases.Claim(false, false));
        assertThat(leases.take("mbx-1", "replica-a", TTL)).isEqualTo(new MailboxLeases.Claim(true, true));
        assertThat(leases.take("mbx-1", "replica-a", TTL)).isEqualTo(new MailboxLeases.Claim(true, false));
    }

    @Test
    void racingReplicasGetEachMailboxExactlyOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            for (int mailbox = 0; mailbox < 20; mailbox++) {
                String id = "mbx-" + mailbox;
                List<Callable<Boolean>> claims = IntStream.range(0, 6)
                        .<Callable<Boolean>>mapToObj(r -> () -> leases.claim(id, "replica-" + r, TTL)).toList();
                long winners = 0;
                for (Future<Boolean> f : pool.invokeAll(claims)) {
                    winners += f.get() ? 1 : 0;
                }
                assertThat(winners).as(id).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
