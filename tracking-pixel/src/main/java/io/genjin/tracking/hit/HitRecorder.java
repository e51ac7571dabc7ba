package io.genjin.tracking.hit;

import io.genjin.store.CrmStore;
import io.genjin.store.Ids;
import io.genjin.store.events.CustomerShowedIntent;
import io.genjin.store.timeline.Activity;
import io.genjin.store.timeline.ActivityType;
import io.genjin.tracking.IncomingHit;
import io.genjin.tracking.TrackingSettings;
import io.genjin.tracking.TrackingTexts;
import io.genjin.tracking.classify.HitClassifier;
import io.genjin.tracking.classify.HitFacts;
import io.genjin.tracking.classify.SeenHit;
import io.genjin.tracking.classify.Verdict;
import io.genjin.tracking.intent.RaiseIntent;
import io.genjin.tracking.message.Counters;
import io.genjin.tracking.message.TrackedMessage;
import io.genjin.tracking.message.TrackedMessages;
import io.genjin.tracking.message.TrackedRecipient;
import io.genjin.tracking.token.Token;
import io.genjin.tracking.token.TrackingTokens;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Turns a batch of hits into records: classifies each, appends the batch to the hit log (one bucket
 * per message), updates each message's counters and recipients' histories in one update, writes the
 * customer's timeline and raises intent. Opens are settled at once; a click waits for the burst
 * window to pass, so that a scanner's later clicks make its first one a machine click too (an
 * intent task raised on the first click of a burst could not be taken back).
 *
 * <p>Each write is one fold of the {@link HitJournal}: its entries are marked with the fold's id
 * first; each message's bucket has an id made from the fold's and the message's, and its counters
 * are updated only if the message does not have the fold yet, the fold's id recorded in the same
 * update; then the entries are deleted. A fold cut short by a crash is done again under its id at
 * the next start ({@link #recover}): a bucket already there is not inserted twice, a message that
 * has the fold is not counted twice, and the timeline entries and the intent task have unique keys.
 *
 * <p>Used by the writer's single thread only. Several replicas may update one message at the same
 * time; counters stay exact ({@code $inc}), a recipient's recent-hit history is last-writer-wins.
 */
public final class HitRecorder {
    private static final Logger log = LoggerFactory.getLogger(HitRecorder.class);
    private static final Duration SETTLE_MARGIN = Duration.ofMillis(500);
    private final CrmStore store;
    private final TrackedMessages messages;
    private final HitBuckets buckets;
    private final SenderAddresses senders;
    private final HitClassifier classifier;
    private final RaiseIntent intent;
    private final TrackingTexts texts;
    private final TrackingTokens tokens;
    private final TrackingSettings settings;
    private final HitJournal journal;
    private final List<PendingHit> unsettled = new ArrayList<>();
    private final Set<String> written = recentSet(50_000);

    public HitRecorder(CrmStore store, MongoOperations mongo, TrackedMessages messages, HitBuckets buckets,
            HitClassifier classifier, RaiseIntent intent, TrackingTexts texts, TrackingTokens tokens, TrackingSettings settings,
            HitJournal journal) {
        this.store = store;
        this.messages = messages;
        this.buckets = buckets;
        this.senders = new SenderAddresses(mongo, store.clock());
        this.classifier = classifier;
        this.intent = intent;
        this.texts = texts;
        this.tokens = tokens;
        this.settings = settings;
        this.journal = journal;
    }

    /** Clicks held back until their burst window has passed. */
    public int unsettled() {
        return unsettled.size();
    }

    /**
     * Records the newly arrived hits that are settled by {@code now} (every one when {@code all}, on
     * shutdown); returns how many hits were recorded.
     */
    public int record(List<PendingHit> arrived, Instant now, boolean all) {
        List<PendingHit> ready = new ArrayList<>();
        for (PendingHit hit : arrived) {
            (hit.token().kind() == Token.Kind.CLICK ? unsettled : ready).add(hit);
        }
        // A margin over the burst window for a click stamped just before the window closed but still on its way to the queue.
        Instant settledBefore = now.minus(settings.thresholds().burstWindow()).minus(SETTLE_MARGIN);
        List<PendingHit> pendingClicks = List.copyOf(unsettled);
        for (Iterator<PendingHit> it = unsettled.iterator(); it.hasNext(); ) {
            PendingHit click = it.next();
            if (all || !click.request().at().isAfter(settledBefore)) {
                ready.add(click);
                it.remove();
            }
        }
        return write(ready, pendingClicks, now, null);
    }

    /**
     * Records hits already settled (a retry of ones that failed before), without touching the
     * held-back clicks; returns how many were recorded.
     */
    public int retry(List<PendingHit> ready, Instant now) {
        return write(new ArrayList<>(ready), List.copyOf(unsettled), now, null);
    }

    /**
     * Folds what the journal holds from a process that is gone (a crash, a kill): entries a fold had
     * taken are folded again under that fold's id, the others as new hits, settled at once. Only
     * entries written before {@code writtenBefore} (null: all of them; the embedded store has one
     * process). Returns how many hits were recorded; what fails stays in the journal for the next try.
     */
    public int recover(Instant now, Instant writtenBefore) {
        if (journal == null) {
            return 0;
        }
        Map<String, List<PendingHit>> byFold = new LinkedHashMap<>();
        List<PendingHit> fresh = new ArrayList<>();
        List<String> unverifiable = new ArrayList<>();
        for (HitJournal.Left left : journal.left(writtenBefore)) {
            java.util.Optional<Token> token = tokens.verify(left.kind(), left.hit().token());
            if (token.isEmpty()) {
                unverifiable.add(left.id());
                continue;
            }
            PendingHit hit = new PendingHit(token.get(), left.hit(), left.id());
            if (left.fold() != null) {
                byFold.computeIfAbsent(left.fold(), f -> new ArrayList<>()).add(hit);
            } else {
                fresh.add(hit);
            }
        }
        if (!unverifiable.isEmpty()) {
            log.warn("tracking: {} journaled hits whose token no longer verifies (its key is gone) dropped", unverifiable.size());
            journal.delete(unverifiable);
        }
        int recorded = 0;
        for (var fold : byFold.entrySet()) {
            recorded += write(fold.getValue(), List.of(), now, fold.getKey());
        }
        recorded += write(fresh, List.of(), now, null);
        if (recorded > 0 || !byFold.isEmpty()) {
            log.info("tracking: {} hits left in the journal by a stopped process recorded ({} folds done again)", recorded,
                    byFold.size());
        }
        return recorded;
    }

    /**
     * Writes per message, so a store error on one message's bucket or counters costs that message's
     * hits only (thrown as {@link NotRecorded}, for the caller to try again), never the batch.
     */
    private int write(List<PendingHit> ready, List<PendingHit> pendingClicks, Instant now, String foldId) {
        if (ready.isEmpty()) {
            return 0;
        }
        ready.sort(Comparator.comparing((PendingHit h) -> h.request().at()));
        String fold = foldId != null ? foldId : Ids.newId();
        List<String> journaled = ready.stream().map(PendingHit::journalId).filter(java.util.Objects::nonNull).toList();
        if (journal != null && !journaled.isEmpty()) {
            try {
                journal.mark(journaled, fold);
            } catch (RuntimeException e) {
                throw new NotRecorded(List.copyOf(ready), e);
            }
        }
        Map<String, List<PendingHit>> byMessage = ready.stream()
                .collect(Collectors.groupingBy(h -> h.token().trackedId(), LinkedHashMap::new, Collectors.toList()));
        Map<String, TrackedMessage> found;
        try {
            found = messages.byIds(byMessage.keySet()).stream()
                    .collect(Collectors.toMap(TrackedMessage::id, Function.identity()));
        } catch (RuntimeException e) {
            // Nothing applied: the hits leave this fold (the retry's fold takes them), so no entry is in two.
            forget(ready, ready, List.of(), fold);
            throw new NotRecorded(List.copyOf(ready), e);
        }
        List<HitBucket> newBuckets = new ArrayList<>();
        Map<String, Runnable> updates = new LinkedHashMap<>();
        List<PendingHit> early = new ArrayList<>();
        RuntimeException earlyCause = null;
        int recorded = 0;
        for (var entry : byMessage.entrySet()) {
            TrackedMessage message = found.get(entry.getKey());
            if (message == null) {
                log.warn("{} hits for tracked message {} dropped: no such message", entry.getValue().size(), entry.getKey());
                continue;
            }
            try {
                Batch batch = new Batch(message, pendingClicks, now, fold);
                entry.getValue().forEach(batch::add);
                newBuckets.add(batch.bucket());
                updates.put(message.id(), () -> messages.applyOnce(message.id(), fold, batch.update()));
                recorded += entry.getValue().size();
            } catch (RuntimeException e) {
                // Its timeline entry could not be written: retry this message's hits, not the batch.
                log.warn("tracked message {}: {} hits not recorded yet ({})", message.id(), entry.getValue().size(), e.toString());
                early.addAll(entry.getValue());
                earlyCause = e;
            }
        }
        List<PendingHit> failed = new ArrayList<>(early);
        RuntimeException cause = earlyCause;
        try {
            buckets.insert(newBuckets);
        } catch (RuntimeException bulk) {
            // An ordered bulk insert stops at the first error: find which buckets are not there and
            // insert those one by one, so only the failing message's hits are retried.
            for (HitBucket bucket : newBuckets) {
                try {
                    if (!buckets.exists(bucket.id())) {
                        buckets.insert(List.of(bucket));
                    }
                } catch (RuntimeException e) {
                    cause = e;
                    failed.addAll(byMessage.get(bucket.trackedId()));
                    updates.remove(bucket.trackedId());
                    recorded -= byMessage.get(bucket.trackedId()).size();
                }
            }
        }
        List<PendingHit> countersFailed = new ArrayList<>();
        for (var update : updates.entrySet()) {
            try {
                update.getValue().run();
            } catch (RuntimeException e) {
                // The hits are in the log (their bucket is stored); their journal entries stay, marked
                // with this fold, so the next start applies the counters (once: the fold is not on the message).
                log.error("tracked message {}: counters not updated for {} stored hits; applied at the next start",
                        update.getKey(), byMessage.get(update.getKey()).size(), e);
                countersFailed.addAll(byMessage.get(update.getKey()));
            }
        }
        forget(ready, failed, countersFailed, fold);
        if (!failed.isEmpty()) {
            throw new NotRecorded(List.copyOf(failed), cause);
        }
        return recorded;
    }

    /** Deletes the journal entries of the hits done with (recorded, or of no message), keeping those that failed. */
    private void forget(List<PendingHit> ready, List<PendingHit> failed, List<PendingHit> countersFailed, String fold) {
        if (journal == null || ready.stream().allMatch(h -> h.journalId() == null)) {
            return;
        }
        Set<String> keep = java.util.stream.Stream.concat(failed.stream(), countersFailed.stream()).map(PendingHit::journalId)
                .filter(java.util.Objects::nonNull).collect(Collectors.toSet());
        List<String> done = ready.stream().map(PendingHit::journalId)
                .filter(id -> id != null && !keep.contains(id)).toList();
        try {
            journal.delete(done);
            // Hits that failed before their bucket was stored leave the fold (a later fold takes them);
            // those whose counters failed stay in it, to be applied under it at the next start.
            journal.settle(fold, countersFailed.stream().map(PendingHit::journalId).filter(java.util.Objects::nonNull).toList());
        } catch (RuntimeException e) {
            // Folded already: done again at the next start, each message skipping the fold it has.
            log.warn("tracking: {} folded journal entries not deleted; the next start skips them", done.size(), e);
        }
    }

    /** These hits were not stored (the others of the call were); retry them with {@link #retry}. */
    public static final class NotRecorded extends RuntimeException {
        private final List<PendingHit> hits;

        NotRecorded(List<PendingHit> hits, RuntimeException cause) {
            super(hits.size() + " hits not recorded", cause);
            this.hits = hits;
        }

        public List<PendingHit> hits() {
            return hits;
        }
    }

    /** One message's share of a batch. */
    private final class Batch {
        private final TrackedMessage message;
        private final List<PendingHit> pendingClicks;
        private final Instant now;
        private final String fold;
        private final List<StoredHit> hits = new ArrayList<>();
        private final Map<Integer, RecipientDelta> recipients = new HashMap<>();
        private final Map<String, String> ipHashes = new HashMap<>();
        private final RecipientDelta total;
        private Locale locale;

        Batch(TrackedMessage message, List<PendingHit> pendingClicks, Instant now, String fold) {
            this.message = message;
            this.pendingClicks = pendingClicks;
            this.now = now;
            this.fold = fold;
            this.total = new RecipientDelta(message.counters(), List.of());
        }

        void add(PendingHit pending) {
            Token token = pending.token();
            IncomingHit request = pending.request();
            TrackedRecipient recipient = message.recipient(token.recipient());
            if (recipient == null) {
                return;
            }
            RecipientDelta delta = recipients.computeIfAbsent(token.recipient(),
                    r -> new RecipientDelta(recipient.counters(), recipient.recent()));
            String ipHash = request.ip() == null ? null : ipHashes.computeIfAbsent(request.ip(), tokens::hashIp);
            Verdict verdict = classifier.classify(new HitFacts(token.kind(), request.head(), request.prefetch(),
                    recipient.sender(), !recipient.sender() && senders.isSenders(message.ownerId(), ipHash, request.at()),
                    request.ip(), ipHash, request.userAgent(), request.at(), message.sentAt(), token.link(),
                    message.links().size(), others(delta, token.recipient(), pending)));
            if (recipient.sender() && !request.head() && !request.prefetch()) {
                senders.remember(message.ownerId(), ipHash, request.at());
            }
            hits.add(new StoredHit(token.recipient(), token.kind(), token.link(), request.at(), request.ip(),
                    request.userAgent(), request.head(), request.prefetch(), verdict.human(), verdict.reason(),
                    verdict.confidence()));
            delta.seen(new SeenHit(request.at(), token.kind(), token.link(), ipHash));
            boolean newSession = delta.count(token.kind(), verdict.human(), request.at(), settings.sessionGap());
            total.count(token.kind(), verdict.human(), request.at(), null);
            if (newSession) {
                total.sessions++;
                total.sessionsSoFar++;
            }
            if (!recipient.sender()) {
                timeline(recipient, token, verdict, request.at(), delta.sessionsSoFar);
                intent(recipient, token, verdict, request.at());
            }
        }

        /** The recipient's hits around this one: stored history, this batch's, and clicks not yet settled. */
        private List<SeenHit> others(RecipientDelta delta, int recipient, PendingHit self) {
            List<SeenHit> others = new ArrayList<>(delta.recent);
            for (PendingHit click : pendingClicks) {
                if (click != self && click.token().trackedId().equals(message.id()) && click.token().recipient() == recipient
                        && !delta.recentContains(click)) {
                    IncomingHit r = click.request();
                    others.add(new SeenHit(r.at(), Token.Kind.CLICK, click.token().link(), r.ip() == null ? null : tokens.hashIp(r.ip())));
                }
            }
            return others;
        }

        private void timeline(TrackedRecipient recipient, Token token, Verdict verdict, Instant at, long session) {
            if (message.companyId() == null) {
                return;
            }
            String base = "tracking:" + message.id() + ":" + token.recipient() + ":";
            String key = token.kind() == Token.Kind.OPEN
                    ? base + (verdict.human() ? "open:session:" + session : "open:machine:" + verdict.reason())
                    : base + "click:" + token.link() + (verdict.human() ? ":human" : ":machine:" + verdict.reason());
            if (!written.add(key)) {
                return;
            }
            Locale locale = locale();
            String subject = message.subject() == null ? "" : message.subject();
            String url = message.link(token.link());
            String title = token.kind() == Token.Kind.OPEN ? texts.opened(locale, recipient.address(), subject)
                    : texts.clicked(locale, recipient.address(), subject, url);
            Map<String, String> attributes = new LinkedHashMap<>();
            attributes.put("messageId", message.messageId());
            attributes.put("trackedId", message.id());
            attributes.put("recipient", recipient.address());
            attributes.put("kind", token.kind().name().toLowerCase(Locale.ROOT));
            attributes.put("verdict", verdict.human() ? "human" : "machine");
            attributes.put("reason", verdict.reason());
            attributes.put("confidence", Double.toString(verdict.confidence()));
            if (url != null) {
                attributes.put("url", url);
            }
            store.timeline().append(new Activity(Ids.newId(), message.companyId(), ActivityType.TRACKING, at, null,
                    recipient.contactId() == null ? List.of() : List.of(recipient.contactId()), title,
                    texts.verdict(locale, verdict), key, attributes, now));
        }

        private void intent(TrackedRecipient recipient, Token token, Verdict verdict, Instant at) {
            if (!verdict.human()) {
                return;
            }
            CustomerShowedIntent.Signal signal = null;
            if (token.kind() == Token.Kind.CLICK && settings.clickIntent()) {
                signal = CustomerShowedIntent.Signal.CLICK;
            } else if (token.kind() == Token.Kind.OPEN && message.quote() && total.sessionsSoFar >= settings.quoteSessions()) {
                signal = CustomerShowedIntent.Signal.REPEATED_OPENS;
            }
            if (signal == null) {
                return;
            }
            // One task per message per day: skip the store round trip when this replica already raised it.
            if (written.add("intent:" + message.messageId() + ":" + LocalDate.ofInstant(at, settings.zone()))) {
                intent.raise(message, recipient, signal, message.link(token.link()), at);
            }
        }

        private Locale locale() {
            if (locale == null) {
                String tag = message.ownerId() == null ? null : store.users().find(message.ownerId()).map(u -> u.locale()).orElse(null);
                locale = tag == null ? Locale.ENGLISH : Locale.forLanguageTag(tag);
            }
            return locale;
        }

        HitBucket bucket() {
            return HitBucket.of(HitBucket.idOf(fold, message.id()), message.id(), message.messageId(), hits.get(0).at(),
                    hits.get(hits.size() - 1).at(), hits);
        }

        Update update() {
            Update update = new Update();
            total.into(update, "counters.");
            recipients.forEach((index, delta) -> {
                String prefix = "recipients." + index + ".";
                delta.into(update, prefix + "counters.");
                update.set(prefix + "recent", delta.recent);
            });
            return update;
        }
    }

    /** Counter increments and the history of one recipient (or, without history, of the whole message). */
    private static final class RecipientDelta {
        long opens;
        long humanOpens;
        long clicks;
        long humanClicks;
        long sessions;
        long sessionsSoFar;
        Instant lastHumanOpenAt;
        Instant lastHitAt;
        final List<SeenHit> recent;

        RecipientDelta(Counters stored, List<SeenHit> recent) {
            this.lastHumanOpenAt = stored.lastHumanOpenAt();
            this.sessionsSoFar = stored.sessions();
            this.recent = new ArrayList<>(recent);
        }

        void seen(SeenHit hit) {
            recent.add(hit);
            if (recent.size() > TrackedRecipient.RECENT) {
                recent.remove(0);
            }
        }

        boolean recentContains(PendingHit click) {
            for (SeenHit hit : recent) {
                if (hit.kind() == Token.Kind.CLICK && hit.at().equals(click.request().at()) && hit.link() == click.token().link()) {
                    return true;
                }
            }
            return false;
        }

        /** Counts the hit; true when a human open starts a new reading session. */
        boolean count(Token.Kind kind, boolean human, Instant at, Duration sessionGap) {
            lastHitAt = lastHitAt == null || at.isAfter(lastHitAt) ? at : lastHitAt;
            if (kind == Token.Kind.CLICK) {
                clicks++;
                humanClicks += human ? 1 : 0;
                return false;
            }
            opens++;
            if (!human) {
                return false;
            }
            humanOpens++;
            boolean newSession = sessionGap != null
                    && (lastHumanOpenAt == null || !at.isBefore(lastHumanOpenAt.plus(sessionGap)));
            lastHumanOpenAt = lastHumanOpenAt == null || at.isAfter(lastHumanOpenAt) ? at : lastHumanOpenAt;
            if (newSession) {
                sessions++;
                sessionsSoFar++;
            }
            return newSession;
        }

        void into(Update update, String prefix) {
            update.inc(prefix + "opens", opens).inc(prefix + "humanOpens", humanOpens).inc(prefix + "clicks", clicks)
                    .inc(prefix + "humanClicks", humanClicks).inc(prefix + "sessions", sessions);
            if (lastHitAt != null) {
                update.max(prefix + "lastHitAt", lastHitAt);
            }
            if (lastHumanOpenAt != null) {
                update.max(prefix + "lastHumanOpenAt", lastHumanOpenAt);
            }
        }
    }

    private static Set<String> recentSet(int capacity) {
        return java.util.Collections.newSetFromMap(new LinkedHashMap<>(1024, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        });
    }
}
