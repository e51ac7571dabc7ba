package io.genjin.app.events;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the domain events outbox is read ({@code genjin.events.*}).
 *
 * @param pollInterval how often consumers look for events written by other processes and for those
 *                     appended in this process by the SMTP dropbox (other events written in this process are
 *                     handled at once). Half a second, with rounds of up to 1,000 events: under a sustained
 *                     flood of dropbox mail the listeners then rewrite the reports' day documents twice a
 *                     second instead of five times, which measured about a seventh more messages a second
 *                     (docs/ingestion.md); a report or a follow-up rule lags the mail by half a second at most.
 * @param partitions   a shared consumer group's events are split by customer into this many parts, each
 *                     taken by one process of the role at a time (a lease)
 * @param lease        how long a part's lease holds without renewal: a dead process's parts move after it
 * @param gapWait      how long a reserved position that is not yet written holds readers back before
 *                     they pass it (a writer that died between reserving and writing)
 * @param batch        positions read per round
 * @param attempts     a listener that fails this many times on one event logs it and passes it
 * @param retention    handled events are kept this long, then pruned
 * @param pruneEvery   how often old events are pruned (0: never)
 */
@ConfigurationProperties("genjin.events")
public record EventsProperties(@DefaultValue("500ms") Duration pollInterval, @DefaultValue("4") int partitions,
        @DefaultValue("30s") Duration lease, @DefaultValue("10s") Duration gapWait, @DefaultValue("1000") int batch,
        @DefaultValue("10") int attempts, @DefaultValue("7d") Duration retention, @DefaultValue("10m") Duration pruneEvery) {

    public EventsProperties {
        if (partitions < 1 || partitions > 64) {
            throw new IllegalArgumentException("genjin.events.partitions must be 1..64");
        }
        if (batch < 1 || attempts < 1 || pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("genjin.events: batch, attempts and poll-interval must be positive");
        }
    }

    /** The defaults (for tests and tools that build a relay by hand). */
    public static EventsProperties defaults() {
        return new EventsProperties(Duration.ofMillis(500), 4, Duration.ofSeconds(30), Duration.ofSeconds(10), 1000, 10,
                Duration.ofDays(7), Duration.ofMinutes(10));
    }
}
