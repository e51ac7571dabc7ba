package io.genjin.tracking.hit;

import io.genjin.tracking.token.TrackingTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Raw client addresses are kept for the retention period (to investigate a scanner the catalogue
 * does not know yet), then replaced by their keyed hashes: the same address still compares equal,
 * but cannot be read back. Idempotent, so every replica may run it.
 */
public final class IpRetention {
    private static final Logger log = LoggerFactory.getLogger(IpRetention.class);
    private static final int BATCH = 100;
    private final HitBuckets buckets;
    private final TrackingTokens tokens;
    private final Duration retention;

    public IpRetention(HitBuckets buckets, TrackingTokens tokens, Duration retention) {
        this.buckets = buckets;
        this.tokens = tokens;
        this.retention = retention;
    }

    /** Hashes the addresses of every bucket whose newest hit is older than the retention period; returns how many buckets. */
    public int run(Instant now) {
        Instant cutoff = now.minus(retention);
        int changed = 0;
        List<HitBucket> due;
        do {
            due = buckets.withRawAddressesBefore(cutoff, BATCH);
            for (HitBucket bucket : due) {
                buckets.replaceHits(bucket.id(), bucket.hits().stream().map(h -> new StoredHit(h.recipient(), h.kind(),
                        h.link(), h.at(), hashed(h.ip()), h.userAgent(), h.head(), h.prefetch(), h.human(), h.reason(),
                        h.confidence())).toList());
                changed++;
            }
        } while (due.size() == BATCH);
        if (changed > 0) {
            log.info("tracking: client addresses hashed in {} hit buckets older than {}", changed, cutoff);
        }
        return changed;
    }

    private String hashed(String ip) {
        return ip == null || ip.startsWith("h:") ? ip : tokens.hashIp(ip);
    }
}
