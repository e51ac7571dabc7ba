package io.genjin.tracking;

import io.genjin.tracking.hit.HitJournal;
import io.genjin.tracking.hit.HitWriter;
import io.genjin.tracking.hit.IpRetention;
import io.genjin.tracking.hit.PendingHit;
import io.genjin.tracking.instrument.LinkPolicy;
import io.genjin.tracking.message.TrackedMessage;
import io.genjin.tracking.message.TrackedMessages;
import io.genjin.tracking.token.Token;
import io.genjin.tracking.token.TrackingTokens;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The endpoints' side of tracking: takes pixel and link hits, makes each durable in the journal
 * (one group write and commit for all the hits arriving together), and leaves recording to the
 * writer; the endpoint answers after that. A token that does not verify is not recorded (there is
 * nothing it could belong to) and only counted. A click leads only to the URL stored for its
 * token's link.
 */
public final class TrackHits implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TrackHits.class);
    private static final int LINK_CACHE = 10_000;
    private final TrackingTokens tokens;
    private final TrackedMessages messages;
    private final HitWriter writer;
    private final HitJournal journal;
    private final IpRetention retention;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final AtomicLong rejected = new AtomicLong();
    private final Map<String, List<String>> links = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<String>> eldest) {
            return size() > LINK_CACHE;
        }
    };

    TrackHits(TrackingTokens tokens, TrackedMessages messages, HitJournal journal, HitWriter writer, IpRetention retention,
            Clock clock, Duration retentionEvery) {
        this.tokens = tokens;
        this.messages = messages;
        this.journal = journal;
        this.writer = writer;
        this.retention = retention;
        this.clock = clock;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tracking-ip-retention");
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(1, retentionEvery.toSeconds());
        scheduler.scheduleWithFixedDelay(this::hashOldAddresses, Math.min(60, every), every, TimeUnit.SECONDS);
    }

    /**
     * Records a pixel fetch (if its token is genuine): returns once the hit is durable in the journal
     * (or, the store failing, after the journal's wait; the hit is then recorded from memory only).
     */
    public void open(IncomingHit hit) {
        tokens.verify(Token.Kind.OPEN, hit.token()).ifPresentOrElse(t -> accept(t, hit), rejected::incrementAndGet);
    }

    private void accept(Token token, IncomingHit hit) {
        writer.offer(new PendingHit(token, hit, journal.append(token.kind(), hit)));
    }

    /**
     * The URL to redirect to, when the token is genuine and names a stored link; the hit is then
     * recorded. Empty for anything else: the caller shows a neutral page and redirects nowhere.
     */
    public Optional<String> click(IncomingHit hit) {
        Optional<Token> token = tokens.verify(Token.Kind.CLICK, hit.token());
        if (token.isEmpty()) {
            rejected.incrementAndGet();
            return Optional.empty();
        }
        List<String> stored = linksOf(token.get().trackedId());
        int link = token.get().link();
        if (stored == null || link >= stored.size() || !LinkPolicy.isSafeAbsoluteHttp(stored.get(link))) {
            rejected.incrementAndGet();
            return Optional.empty();
        }
        accept(token.get(), hit);
        return Optional.of(stored.get(link));
    }

    private List<String> linksOf(String trackedId) {
        synchronized (links) {
            List<String> cached = links.get(trackedId);
            if (cached != null) {
                return cached;
            }
        }
        List<String> loaded = messages.find(trackedId).map(TrackedMessage::links).orElse(null);
        if (loaded != null) {
            synchronized (links) {
                links.put(trackedId, loaded);
            }
        }
        return loaded;
    }

    /** Replaces raw client addresses older than the retention period by their hashes (also run on a schedule). */
    public int hashOldAddresses() {
        try {
            return retention.run(clock.instant());
        } catch (RuntimeException e) {
            log.error("tracking: hashing old client addresses failed; will retry", e);
            return 0;
        }
    }

    public HitWriter.Stats stats() {
        return writer.stats();
    }

    /** Requests whose token did not verify or named no stored link. */
    public long rejected() {
        return rejected.get();
    }

    /** True when every hit taken so far has been written. */
    public boolean drained() {
        return writer.drained();
    }

    /** Hits in the journal now: taken, not yet folded into the hit log and counters. */
    public long journaled() {
        return journal.size();
    }

    /** Stops taking hits and writes what is queued (and removes it from the journal). */
    @Override
    public void close() {
        scheduler.shutdownNow();
        journal.close();
        writer.close();
    }
}
