package io.genjin.tracking;

import io.genjin.store.CrmStore;
import io.genjin.store.Durability;
import io.genjin.store.Ids;
import io.genjin.store.customer.Contact;
import io.genjin.store.events.DomainEvents;
import io.genjin.tracking.classify.HitClassifier;
import io.genjin.tracking.classify.ScannerCatalogue;
import io.genjin.tracking.hit.HitBucket;
import io.genjin.tracking.hit.HitBuckets;
import io.genjin.tracking.hit.HitJournal;
import io.genjin.tracking.hit.HitRecorder;
import io.genjin.tracking.hit.HitWriter;
import io.genjin.tracking.hit.IpRetention;
import io.genjin.tracking.hit.StoredHit;
import io.genjin.tracking.instrument.BodyTemplate;
import io.genjin.tracking.instrument.LinkPolicy;
import io.genjin.tracking.intent.RaiseIntent;
import io.genjin.tracking.message.TrackedMessage;
import io.genjin.tracking.message.TrackedMessages;
import io.genjin.tracking.message.TrackedRecipient;
import io.genjin.tracking.token.TrackingTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import org.springframework.data.mongodb.core.MongoOperations;

/**
 * Open and click tracking, the module's public face. {@link #instrument} prepares an outbound
 * message (the SMTP relay, sequences and the Outlook add-in call it before sending);
 * {@link #startHits} starts what the pixel and link endpoints need; {@link #message} reports what was
 * seen. Jsoup, the catalogue format and the storage layout stay inside the module.
 */
public final class Tracking {
    /** The pixel's {@code <img>} element around its URL. */
    private static final int PIXEL_CHARS = 160;
    private static final String PENDING_PREFIX = "pending.";
    /** The header naming a message's tracking record, set by the mail client (see {@link #sentHeader}). */
    public static final String SENT_HEADER = "X-Genjin-Track";
    private final CrmStore store;
    private final MongoOperations mongo;
    private final TrackingTokens tokens;
    private final TrackingSettings settings;
    private final HitClassifier classifier;
    private final TrackingTexts texts;
    private final DomainEvents events;
    private final TrackedMessages messages;
    private final HitBuckets buckets;
    private final LinkPolicy links;

    public Tracking(CrmStore store, MongoOperations mongo, TrackingTokens tokens, TrackingSettings settings,
            ScannerCatalogue catalogue, TrackingTexts texts, DomainEvents events) {
        this.store = store;
        this.mongo = mongo;
        this.tokens = tokens;
        this.settings = settings;
        this.classifier = new HitClassifier(catalogue, settings.thresholds());
        this.texts = texts;
        this.events = events;
        this.messages = new TrackedMessages(mongo);
        this.buckets = new HitBuckets(mongo);
        this.links = new LinkPolicy(settings.baseUrl());
    }

    /**
     * Returns the message's body for each recipient, with its own pixel and wrapped links, and for the
     * sender's copy; stores which links and recipients the tokens stand for. Instrumenting a
     * Message-ID again returns the same mapping (a relay retrying a send gets the same tokens); with a
     * different set of links or recipients it is refused ({@link AlreadyInstrumented}). A request over
     * the {@link InstrumentLimits} is refused ({@link TooLarge}) before anything is stored or copied.
     */
    public InstrumentedMessage instrument(InstrumentRequest request) {
        return instrument(request, companyId -> true);
    }

    /**
     * As {@link #instrument(InstrumentRequest)}, finding the customer from the recipients' contacts
     * only among the companies {@code linkable} accepts: a caller must not attach a message (and the
     * intent tasks and notifications its hits raise) to a customer they may not see.
     */
    public InstrumentedMessage instrument(InstrumentRequest request, Predicate<String> linkable) {
        if (request.messageId() == null || request.messageId().isBlank()) {
            throw new io.genjin.store.Invalid("messageId is required");
        }
        if (request.recipients().isEmpty()) {
            throw new io.genjin.store.Invalid("at least one recipient is required");
        }
        if (request.html() == null && request.text() == null) {
            throw new io.genjin.store.Invalid("html or text is required");
        }
        InstrumentLimits limits = settings.limits();
        if (request.recipients().size() > limits.maxRecipients()) {
            throw new TooLarge("max-recipients", limits.maxRecipients());
        }
        long bodyChars = length(request.html()) + length(request.text());
        if (bodyChars > limits.maxBodyChars()) {
            throw new TooLarge("max-body-chars", limits.maxBodyChars());
        }
        BodyTemplate body = BodyTemplate.parse(request.html(), request.text(), links);
        // Every copy is the body with each tracked link replaced by a click URL and a pixel added:
        // checked before the first copy is made, so a refused request costs one parse, not N copies.
        long perCopy = bodyChars + (long) body.occurrences() * clickUrlLength() + PIXEL_CHARS + settings.baseUrl().length();
        if (perCopy * (request.recipients().size() + 1L) > limits.maxOutputChars()) {
            throw new TooLarge("max-output-chars", limits.maxOutputChars());
        }
        List<TrackedRecipient> recipients = new ArrayList<>();
        String companyId = request.companyId();
        for (String address : request.recipients()) {
            String normalized = address.trim().toLowerCase(Locale.ROOT);
            Contact contact = store.contacts().byAddress(normalized)
                    .filter(c -> c.companyId() != null && linkable.test(c.companyId())).orElse(null);
            if (companyId == null && contact != null) {
                companyId = contact.companyId();
            }
            recipients.add(new TrackedRecipient(normalized, contact == null ? null : contact.id(), false, null, null));
        }
        String sender = request.senderAddress() != null ? request.senderAddress()
                : store.users().find(request.ownerId()).map(u -> u.primaryAddress()).orElse(null);
        recipients.add(new TrackedRecipient(sender, null, true, null, null));
        Instant now = store.clock().instant();
        TrackedMessage candidate = new TrackedMessage(Ids.newId(), request.messageId().trim(), request.ownerId(), sender,
                companyId, request.quote(), request.subject(), request.sentAt() == null ? now : request.sentAt(),
                body.links(), recipients, null, now);
        TrackedMessages.Stored stored = messages.insert(candidate);
        TrackedMessage message = stored.message();
        if (!stored.created() && (!message.links().equals(candidate.links())
                || !addresses(message.recipients()).equals(addresses(candidate.recipients())))) {
            throw new AlreadyInstrumented(message.messageId());
        }
        List<InstrumentedMessage.RecipientCopy> copies = new ArrayList<>();
        for (int i = 0; i < message.recipients().size(); i++) {
            copies.add(copy(body, message, i));
        }
        return new InstrumentedMessage(message.id(), message.messageId(), message.companyId(), stored.created(),
                message.links(), copies.subList(0, copies.size() - 1), copies.get(copies.size() - 1));
    }

    private int clickUrlLength() {
        return settings.baseUrl().length() + "/t/c/".length()
                + tokens.click(Ids.newId(), settings.limits().maxRecipients(), Integer.MAX_VALUE).length();
    }

    private static long length(String s) {
        return s == null ? 0 : s.length();
    }

    private InstrumentedMessage.RecipientCopy copy(BodyTemplate body, TrackedMessage message, int recipient) {
        String base = settings.baseUrl();
        String pixel = base + "/t/o/" + tokens.open(message.id(), recipient) + ".gif";
        java.util.function.IntFunction<String> click = link -> base + "/t/c/" + tokens.click(message.id(), recipient, link);
        return new InstrumentedMessage.RecipientCopy(message.recipients().get(recipient).address(),
                body.html(click, pixel), body.text(click), pixel);
    }

    private static List<String> addresses(List<TrackedRecipient> recipients) {
        return recipients.stream().filter(r -> !r.sender()).map(TrackedRecipient::address).toList();
    }

    /**
     * What was seen of a tracked message, with up to {@code hits} of its latest hits and the number
     * of stored hits (-1, not counted, when {@code hits} is 0).
     */
    public Optional<MessageTracking> message(String trackedId, int hits) {
        return messages.find(trackedId).map(m -> view(m, hits));
    }

    public Optional<MessageTracking> byMessageId(String messageId, int hits) {
        return messages.byMessageId(messageId).map(m -> view(m, hits));
    }

    /**
     * The open counters of many messages at once, by Message-ID (one query per thousand ids);
     * messages not tracked are absent.
     */
    public java.util.Map<String, io.genjin.tracking.message.Counters> countersByMessageIds(java.util.Collection<String> messageIds) {
        return messages.countersByMessageIds(messageIds);
    }

    /** The tracked messages as a customer's records, which a company merge moves to the survivor. */
    public io.genjin.store.linking.CustomerRecords customerRecords() {
        return new io.genjin.store.linking.CustomerRecords() {
            @Override
            public String kind() {
                return "trackedMessages";
            }

            @Override
            public long count(String companyId) {
                return messages.countOf(companyId);
            }

            @Override
            public long move(String fromCompanyId, String toCompanyId) {
                return messages.moveAll(fromCompanyId, toCompanyId);
            }
        };
    }

    /** A customer's tracked messages, newest first. */
    public List<MessageTracking> ofCompany(String companyId, int limit) {
        return messages.ofCompany(companyId, limit).stream().map(m -> view(m, 0)).toList();
    }

    /**
     * A Message-ID for mail instrumented before its mail client gave it one (the Outlook add-in in
     * compose): the tracked message carries it until its sent copy is ingested with the
     * {@link #sentHeader} and {@link #recogniseSent} puts the real one in its place.
     */
    public static String pendingMessageId() {
        return PENDING_PREFIX + Ids.newId() + "@genjin.invalid";
    }

    /** The signed {@code X-Genjin-Track} value naming a tracked message. */
    public String sentHeader(String trackedId) {
        return tokens.sent(trackedId);
    }

    /**
     * A message carrying an {@code X-Genjin-Track} header was ingested as {@code messageId}: links the
     * tracked message it names to it. A header that does not verify, names no tracked message, or names
     * one already linked to another message is ignored ({@link SentRecognition.Outcome#FORGED},
     * {@code UNKNOWN}, {@code TAKEN}): a copied header cannot move another message's tracking.
     */
    public SentRecognition recogniseSent(String headerValue, String messageId) {
        Optional<String> trackedId = tokens.verifySent(headerValue);
        if (trackedId.isEmpty()) {
            return new SentRecognition(SentRecognition.Outcome.FORGED, null);
        }
        Optional<TrackedMessage> found = messages.find(trackedId.get());
        if (found.isEmpty()) {
            return new SentRecognition(SentRecognition.Outcome.UNKNOWN, trackedId.get());
        }
        TrackedMessage tracked = found.get();
        if (tracked.messageId().equals(messageId)) {
            return new SentRecognition(SentRecognition.Outcome.ALREADY_LINKED, tracked.id());
        }
        if (!tracked.messageId().startsWith(PENDING_PREFIX)) {
            return new SentRecognition(SentRecognition.Outcome.TAKEN, tracked.id());
        }
        if (messages.byMessageId(messageId).isPresent()) {
            // The message was instrumented on its own as well (sent through the relay): keep that one.
            return new SentRecognition(SentRecognition.Outcome.TAKEN, tracked.id());
        }
        messages.apply(tracked.id(), new org.springframework.data.mongodb.core.query.Update().set("messageId", messageId));
        return new SentRecognition(SentRecognition.Outcome.LINKED, tracked.id());
    }

    /** What {@link #recogniseSent} did, and the tracked message's id when the header named one. */
    public record SentRecognition(Outcome outcome, String trackedId) {
        public enum Outcome {
            LINKED, ALREADY_LINKED, FORGED, UNKNOWN, TAKEN
        }
    }

    /** How many hits are stored for a message. */
    public long storedHits(String trackedId) {
        return buckets.countHits(trackedId);
    }

    private MessageTracking view(TrackedMessage m, int hitLimit) {
        List<MessageTracking.Hit> recent = new ArrayList<>();
        if (hitLimit > 0) {
            for (HitBucket bucket : buckets.ofMessage(m.id(), hitLimit)) {
                List<StoredHit> hits = bucket.hits();
                for (int i = hits.size() - 1; i >= 0 && recent.size() < hitLimit; i--) {
                    StoredHit h = hits.get(i);
                    TrackedRecipient r = m.recipient(h.recipient());
                    recent.add(new MessageTracking.Hit(r == null ? null : r.address(), h.kind(), m.link(h.link()), h.at(),
                            h.userAgent(), h.head(), h.prefetch(), h.human(), h.reason(), h.confidence()));
                }
                if (recent.size() >= hitLimit) {
                    break;
                }
            }
        }
        return new MessageTracking(m.id(), m.messageId(), m.companyId(), m.ownerId(), m.quote(), m.subject(), m.sentAt(),
                m.links(), m.counters(), hitLimit > 0 ? buckets.countHits(m.id()) : -1, m.recipients().stream()
                        .map(r -> new MessageTracking.Recipient(r.address(), r.sender(), r.counters())).toList(), recent);
    }

    /**
     * Starts the hit writer and the address-retention job for the pixel and link endpoints. Close the
     * result on shutdown: it writes whatever is still queued.
     */
    /** The same over a store whose writes are durable when acknowledged, alone on it (tests). */
    public TrackHits startHits(Duration retentionEvery) {
        return startHits(retentionEvery, Durability.WRITE_CONCERN, true);
    }

    /**
     * Starts the journal, the writer and the retention job. {@code durability} makes journaled hits
     * durable before the endpoint answers; {@code singleProcess} says no other process writes hits
     * to this store (the embedded one), so what the journal holds at start was left by a stopped one.
     */
    public TrackHits startHits(Duration retentionEvery, Durability durability, boolean singleProcess) {
        RaiseIntent intent = new RaiseIntent(store, events, texts, settings.zone());
        HitJournal journal = new HitJournal(mongo, durability, settings.queueCapacity());
        HitRecorder recorder = new HitRecorder(store, mongo, messages, buckets, classifier, intent, texts, tokens, settings,
                journal);
        HitWriter writer = new HitWriter(recorder, store.clock(), settings.queueCapacity(), settings.batchSize(),
                singleProcess);
        return new TrackHits(tokens, messages, journal, writer, new IpRetention(buckets, tokens, settings.ipRetention()),
                store.clock(), retentionEvery);
    }

    public HitClassifier classifier() {
        return classifier;
    }

    /** The request is over one of the {@link InstrumentLimits}; {@code setting} names which. */
    public static final class TooLarge extends RuntimeException {
        private final String setting;
        private final long max;

        public TooLarge(String setting, long max) {
            super("over the instrument limit " + setting + " = " + max);
            this.setting = setting;
            this.max = max;
        }

        public String setting() {
            return setting;
        }

        public long max() {
            return max;
        }
    }

    /** The Message-ID was instrumented before with other links or recipients. */
    public static final class AlreadyInstrumented extends RuntimeException {
        public AlreadyInstrumented(String messageId) {
            super("message " + messageId + " was already instrumented with other links or recipients");
        }
    }
}
