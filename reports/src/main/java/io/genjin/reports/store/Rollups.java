package io.genjin.reports.store;

import io.genjin.reports.WorkingHours;
import io.genjin.reports.activity.MailSide;
import io.genjin.store.BulkInsert;
import io.genjin.store.message.Direction;
import io.genjin.store.message.MailboxRef;
import io.genjin.store.message.StoredMessage;
import io.genjin.store.user.User;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.bson.BsonReader;
import org.bson.BsonType;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.BulkOperations.BulkMode;
import org.springframework.data.mongodb.core.FindAndReplaceOptions;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * The reports' small daily documents (docs/reports.md, "How the figures are kept"), kept current
 * from each stored or relinked message and rebuilt from all messages when missing or of an older
 * version. Every contribution is keyed by the message's stored id, so recording a message twice
 * (an event delivered again) overwrites rather than adds.
 *
 * <ul>
 * <li>the sides of each message (when, sent or received, customer / other external / internal, which
 *     customers), per user × UTC day: in the day's counts document ({@code m.<message id>}) while it
 *     holds at most {@link MailDays#INLINE}, else one document each in {@code report_mail_sides}, found
 *     by the user's day ({@code k} = {@code user|day}) through a unique index on {@code k} and {@code _id};</li>
 * <li>{@code report_mail_counts}: per user × UTC day, the same sides counted: {@code n} = per hour
 *     of the day and kind of side (sent or received × customer / other external / internal) how
 *     many, {@code t} = the customers touched that day (their ids, sorted, joined by commas: one
 *     value to read) and {@code p} = the customer sides counted likewise per set of customers
 *     ({@code c}: the customers, {@code n}: the counts); {@code p} is copied, under the same id, to
 *     {@code report_mail_customer_counts}, read only by a report filtered on the customers. The counts
 *     move with the sides that changed, through the ledger {@link MailDays} keeps, so an event delivered
 *     twice still counts once, a crash between writes loses and doubles nothing, and a rebuild writes
 *     what recording the messages one by one wrote; recording a message costs the same however many
 *     the day holds. A period adds these small documents for the UTC days it covers whole, and walks
 *     the sides only on the (at most two) days it cuts;</li>
 * <li>{@code report_wait_days}: per UTC day on which a first-response wait began, {@code w.<id of
 *     the mail that opened it>} = the wait (customer, answered when and by whom, calendar and
 *     business seconds, or still open and whose mailbox received it);</li>
 * <li>{@code report_customer_mail}: per customer and UTC month, its mail in and out ({@code e}), in parts
 *     of at most {@link #MONTH_PART} mails; and per customer, its months ({@code b}), how many places in
 *     them each gave out ({@code n}, which says how many parts it has) and where the walk of its waits over all that mail stands
 *     ({@link CustomerWaits.Tail}: the last mail, {@code l}, and the wait still open, {@code s}), so that
 *     mail coming after all it had moves its waits on without its history being read again, and only
 *     the days of waits that changed get a new version;</li>
 * <li>{@code report_quotes}: the quotations sent, one document each ({@code _id} = the message's stored
 *     id and the customer's, {@code k} = the user's day as {@code user|day}), found by day through a
 *     unique index on {@code k} and {@code _id}; so recording one writes one small document, however
 *     many the day holds. A quotation is known only from the {@code QuoteSent} event, so a rebuild keeps
 *     these. Quotations kept before in {@code report_quote_days} (one document per user × day) are moved
 *     here at start ({@link #moveQuoteDays}).</li>
 * <li>{@code report_day_versions}: per UTC day, the version of each user's mail and quotation
 *     documents and of the day's waits, raised after each write of them. A process keeps the day
 *     documents it read ({@link KeptDays}) and, at each report, reads only the versions of the
 *     period's days and the documents whose version moved since (written by any process).</li>
 * </ul>
 * Days are UTC days: a period in any zone reads the days that overlap it and keeps the entries whose
 * instant falls inside it.
 */
public class Rollups {
    /** Raise when what a document holds changes: stores with older rollups rebuild at start. */
    public static final int VERSION = 5;
    static final String MAIL_COUNTS = "report_mail_counts";
    static final String MAIL_CUSTOMER_COUNTS = "report_mail_customer_counts";
    static final String WAITS = "report_wait_days";
    static final String CUSTOMERS = "report_customer_mail";
    /**
     * At most this many mails in one document of a customer's month: the month's later mail goes into
     * its next part, so recording a mail rewrites a document of at most this size, however much mail the
     * customer's month holds (a flood into the dropbox from one sender), and a history of a few mails a
     * month is still read one document a month.
     */
    static final int MONTH_PART = 100;
    static final String QUOTES = "report_quotes";
    /** Where quotations were kept before, one document per user × day: {@code q.<stored id>_<customer>}. */
    static final String QUOTE_DAYS = "report_quote_days";
    static final String META = "report_meta";
    static final String STAGES = "report_stage_changes";
    static final String STAGE_DAYS = "report_stage_days";
    /**
     * Per UTC day ({@code _id} the day), the version of each of its documents: {@code m.<user>} the
     * user's mail sides and counts, {@code q.<user>} the user's quotations, {@code w} the day's waits.
     * Raised after every write of them, so a document kept in a process ({@link KeptDays}) is known
     * to be current by reading one small document per day.
     */
    static final String VERSIONS = "report_day_versions";
    /** How many day documents a process keeps (a 50-rep team's month and the month before: about 6,500; filtered, 9,600). */
    static final int KEPT_DAYS = 20_000;

    private final MongoOperations mongo;
    private final WorkingHours hours;
    private final Clock clock;
    private final Object[] locks = new Object[256];
    private final KeptDays kept = new KeptDays(KEPT_DAYS);
    private final MailDays mailDays;

    public Rollups(MongoOperations mongo, WorkingHours hours, Clock clock) {
        this.mongo = mongo;
        this.hours = hours;
        this.clock = clock;
        this.mailDays = new MailDays(mongo);
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new Object();
        }
        mongo.indexOps(QUOTES).createIndex(new Index().on("k", Sort.Direction.ASC).on("_id", Sort.Direction.ASC).unique()
                .named("quotes_by_day"));
    }

    public WorkingHours hours() {
        return hours;
    }

    // ---------------------------------------------------------------- incremental

    /** Records (again) one stored message: its sides, and the waits of its customers. */
    public void record(StoredMessage message, Collection<User> users) {
        record(List.of(message), users);
    }

    /**
     * Records (again) some stored messages, as recording them one by one would: each user's day they
     * fall on is written and recounted once, and each customer they belong to gets its mail and has its
     * waits recomputed once, however many of them it has here.
     */
    public void record(Collection<StoredMessage> messages, Collection<User> users) {
        Map<String, String> userByAddress = addresses(users);
        Map<String, Map<String, Document>> days = new LinkedHashMap<>();
        Map<String, Document> customerMail = new LinkedHashMap<>();
        for (StoredMessage message : messages) {
            for (MailSide side : MailSide.of(message, userByAddress)) {
                String key = key(side.userId(), day(side.at()));
                Document kept = MailDays.side(key, side.userId(), message.id(), side);
                days.computeIfAbsent(key, k -> new LinkedHashMap<>()).put(kept.getString("_id"), kept);
            }
            Document event = customerMail(message, userByAddress);
            if (event != null) {
                for (String companyId : message.companyIds()) {
                    customerMail.computeIfAbsent(companyId, k -> new Document()).append(message.id(), event);
                }
            }
        }
        if (!days.isEmpty()) {
            locked(days.keySet(), () -> writeDays(days));
        }
        if (!customerMail.isEmpty()) {
            locked(customerMail.keySet(), () -> addCustomerMail(customerMail));
        }
    }

    /**
     * Writes these users' days: the sides that changed and the days' counts moved with them
     * ({@link MailDays#write}), then the versions of the days that changed raised, after everything
     * they cover is written.
     */
    private void writeDays(Map<String, Map<String, Document>> days) {
        Map<LocalDate, Update> versions = new LinkedHashMap<>();
        for (String key : mailDays.write(days)) {
            versions.computeIfAbsent(LocalDate.parse(dayOf(key)), d -> new Update()).inc("m." + userOf(key), 1);
        }
        if (!versions.isEmpty()) {
            raiseVersions(versions);
        }
    }

    /**
     * Customers' new mail: their waits move on with it and only those that changed are written (the
     * waits first, so that an event delivered again after a crash still finds them to write), then the
     * mail goes into its months' documents and each customer's document keeps where its waits stand
     * ({@link CustomerWaits.Tail}). A customer whose new mail all comes after what it had is walked on
     * from that tail, without reading its history; one with mail earlier than that (or mail recorded
     * again), or whose document keeps no tail yet, has its whole history read and walked again. The
     * customers' documents are read in one query, and each collection is written in one bulk write.
     */
    private void addCustomerMail(Map<String, Document> mailByCustomer) {
        Map<String, Document> heads = new HashMap<>();
        byIds(CUSTOMERS, mailByCustomer.keySet().stream().map(Rollups::cid).toList())
                .forEach(head -> heads.put(companyOf(head.getString("_id")), head));
        Map<String, CustomerWaits.Tail> tails = new HashMap<>();
        Map<String, Document> walkedAgain = new LinkedHashMap<>();
        BulkOperations waits = mongo.bulkOps(BulkMode.ORDERED, WAITS);
        Set<String> waitDays = new HashSet<>();
        mailByCustomer.forEach((companyId, events) -> {
            Document head = heads.get(companyId);
            CustomerWaits.Tail tail = CustomerWaits.Tail.from(head);
            List<CustomerWaits.Mail> mail = mail(events);
            if (head == null || CustomerWaits.Tail.keptIn(head) && mail.stream().allMatch(m -> m.after(tail))) {
                new CustomerWaits(companyId, hours).walk(tail, mail).forEach((openId, wait) -> {
                    waits.upsert(idIs(waitDay(wait)), new Update().set("w." + openId, wait));
                    waitDays.add(waitDay(wait));
                });
                tails.put(companyId, tail);
            } else {
                walkedAgain.put(companyId, head);
            }
        });
        if (!walkedAgain.isEmpty()) {
            Map<String, Document> before = mailOf(walkedAgain);
            walkedAgain.keySet().forEach(companyId -> {
                Document after = new Document(before.get(companyId));
                after.putAll(mailByCustomer.get(companyId));
                CustomerWaits.Tail tail = new CustomerWaits.Tail();
                waitDays.addAll(waitChanges(companyId, before.get(companyId), after, waits, tail));
                tails.put(companyId, tail);
            });
        }
        if (!waitDays.isEmpty()) {
            waits.execute();
            bumpWaits(waitDays);
        }
        BulkOperations customers = mongo.bulkOps(BulkMode.ORDERED, CUSTOMERS);
        mailByCustomer.forEach((companyId, events) -> {
            Document placed = heads.get(companyId) == null ? null : heads.get(companyId).get("n", Document.class);
            Map<String, Integer> added = new LinkedHashMap<>();
            Map<String, Update> byPart = new LinkedHashMap<>();
            events.forEach((messageId, event) -> {
                String month = month((Document) event);
                int position = placed(placed, month) + added.getOrDefault(month, 0);
                added.merge(month, 1, Integer::sum);
                byPart.computeIfAbsent(partId(companyId, month, position / MONTH_PART), k -> new Update()).set("e." + messageId, event);
            });
            Update head = new Update().addToSet("b").each(added.keySet().toArray());
            added.forEach((month, n) -> head.inc("n." + month, n));
            customers.upsert(idIs(cid(companyId)), keepTail(head, tails.get(companyId)));
            byPart.forEach((part, update) -> customers.upsert(idIs(part), update));
        });
        customers.execute();
    }

    /**
     * How many places a customer's month gave out so far ({@code n.<month>} of its own document): each mail
     * recorded takes the next (one recorded again takes another, and one moved away keeps its), so the
     * month's parts are the ones these places fill, never fewer.
     */
    private static int placed(Document placed, String month) {
        return placed != null && placed.get(month) instanceof Number n ? n.intValue() : 0;
    }

    /** A customer's mail as the walk of its waits reads it. */
    private static List<CustomerWaits.Mail> mail(Document events) {
        List<CustomerWaits.Mail> mail = new ArrayList<>(events.size());
        events.forEach((id, event) -> mail.add(CustomerWaits.Mail.of(id, (Document) event)));
        return mail;
    }

    /** {@code update}, also setting the tail a customer's document keeps (and removing what it no longer has). */
    private static Update keepTail(Update update, CustomerWaits.Tail tail) {
        Document kept = tail.toDocument();
        for (String field : List.of("l", "s")) {
            if (kept.containsKey(field)) {
                update.set(field, kept.get(field));
            } else {
                update.unset(field);
            }
        }
        return update;
    }

    /**
     * Runs {@code action} holding the locks of all these keys (users' days or customers), taken in one
     * order so that two callers with overlapping keys never wait on each other crosswise.
     */
    private void locked(Collection<String> keys, Runnable action) {
        int[] indexes = keys.stream().mapToInt(Rollups.this::lockIndex).distinct().sorted().toArray();
        lockedFrom(indexes, 0, action);
    }

    private void lockedFrom(int[] indexes, int next, Runnable action) {
        if (next == indexes.length) {
            action.run();
            return;
        }
        synchronized (locks[indexes[next]]) {
            lockedFrom(indexes, next + 1, action);
        }
    }

    private int lockIndex(String key) {
        return Math.floorMod(key.hashCode(), locks.length);
    }

    static Query idIs(String id) {
        return Query.query(Criteria.where("_id").is(id));
    }

    /**
     * Records a message a person moved between customers: the customers it no longer belongs to lose
     * it and their waits are recomputed (a scan of the per-customer documents: a person's action, rare).
     */
    public void relinked(StoredMessage message, Collection<User> users) {
        Set<String> now = new HashSet<>(message.direction() == Direction.INTERNAL ? List.of() : message.companyIds());
        for (Document stale : mongo.find(Query.query(Criteria.where("e." + message.id()).exists(true)), Document.class,
                CUSTOMERS)) {
            String id = stale.getString("_id");
            String companyId = companyOf(id);
            if (!now.contains(companyId)) {
                synchronized (locks[lockIndex(companyId)]) {
                    Document before = mailOf(companyId);
                    Document after = new Document(before);
                    after.remove(message.id());
                    CustomerWaits.Tail tail = writeWaits(companyId, before, after);
                    mongo.updateFirst(idIs(cid(companyId)), keepTail(new Update(), tail), CUSTOMERS);
                    mongo.updateFirst(idIs(id), new Update().unset("e." + message.id()), CUSTOMERS);
                    if (!id.equals(cid(companyId)) && stale.get("e", Document.class).size() == 1) {
                        mongo.remove(idIs(id), CUSTOMERS);
                        Document head = mongo.findById(cid(companyId), Document.class, CUSTOMERS);
                        String month = monthOf(id);
                        if (head != null && byIds(CUSTOMERS, partIds(companyId, month, head)).isEmpty()) {
                            // its month had only this mail: the month goes from the customer's list
                            mongo.updateFirst(idIs(cid(companyId)), new Update().pull("b", month).unset("n." + month), CUSTOMERS);
                        }
                    }
                }
            }
        }
        record(message, users);
    }

    /**
     * One customer was folded into another: the loser's waits go, and the survivor's mail (now
     * including the loser's) is recorded again.
     */
    public void merged(String loserId, Stream<StoredMessage> survivorMail, Collection<User> users) {
        synchronized (locks[lockIndex(loserId)]) {
            writeWaits(loserId, mailOf(loserId), new Document());
            Document loser = mongo.findById(cid(loserId), Document.class, CUSTOMERS);
            List<String> ids = new ArrayList<>(List.of(cid(loserId)));
            if (loser != null) {
                ids.addAll(partIds(loserId, loser));
            }
            mongo.remove(Query.query(Criteria.where("_id").in(ids)), CUSTOMERS);
        }
        survivorMail.forEach(m -> record(m, users));
    }

    /**
     * Records quotations sent, once per message and customer: each its own document, written again
     * (not added) when the same quotation is recorded again; each user's day's version raised once.
     */
    public void recordQuotes(Collection<Quote> quotes) {
        Map<LocalDate, Update> versions = new LinkedHashMap<>();
        Set<String> userDays = new HashSet<>();
        List<Document> documents = new ArrayList<>();
        for (Quote q : quotes) {
            if (q.userId() == null || q.storedId() == null) {
                continue;
            }
            LocalDate day = day(q.at());
            String key = key(q.userId(), day);
            if (userDays.add(key)) {
                versions.computeIfAbsent(day, d -> new Update()).inc("q." + q.userId(), 1);
            }
            documents.add(quote(key, q.userId(), q.at(), q.companyId(), q.storedId(), q.messageId()));
        }
        if (documents.isEmpty()) {
            return;
        }
        writeQuotes(documents);
        raiseVersions(versions);
    }

    /**
     * Writes quotations' documents: the new ones in one unordered insert, and one stored before (an event
     * delivered again, a move cut short) written again by its id, so it is never counted twice.
     */
    private void writeQuotes(List<Document> documents) {
        List<Document> again = BulkInsert.duplicates(mongo, QUOTES, documents);
        if (!again.isEmpty()) {
            BulkOperations writes = mongo.bulkOps(BulkMode.UNORDERED, QUOTES);
            again.forEach(d -> writes.replaceOne(idIs(d.getString("_id")), d, FindAndReplaceOptions.options().upsert()));
            writes.execute();
        }
    }

    /** A quotation's own document: the message's stored id and the customer's as {@code _id}, the user's day as {@code k}. */
    private static Document quote(String key, String userId, Instant at, String companyId, String storedId, String messageId) {
        return new Document("_id", storedId + "_" + companyId).append("k", key).append("u", userId).append("t", Date.from(at))
                .append("c", companyId).append("s", storedId).append("mid", messageId);
    }

    /**
     * Moves quotations kept the way before ({@code report_quote_days}: one document per user × day, which
     * every quotation rewrote whole) into their own documents, then drops the old collection; returns how
     * many were moved. Run at start: idempotent (a quotation's document is written by its id), so a move cut
     * short is finished by the next start.
     */
    public long moveQuoteDays() {
        if (!mongo.collectionExists(QUOTE_DAYS)) {
            return 0;
        }
        long moved = 0;
        Map<LocalDate, Update> versions = new LinkedHashMap<>();
        List<Document> batch = new ArrayList<>();
        try (Stream<Document> days = mongo.stream(new Query(), Document.class, QUOTE_DAYS)) {
            for (Document doc : (Iterable<Document>) days::iterator) {
                Document q = doc.get("q", Document.class);
                String userId = doc.getString("u");
                String dayText = doc.getString("d");
                if (q == null || userId == null || dayText == null) {
                    continue;
                }
                LocalDate day = LocalDate.parse(dayText);
                versions.computeIfAbsent(day, d -> new Update()).inc("q." + userId, 1);
                for (Map.Entry<String, Object> entry : q.entrySet()) {
                    if (!(entry.getValue() instanceof Document d) || d.getDate("t") == null) {
                        continue;
                    }
                    Document quote = quote(key(userId, day), userId, d.getDate("t").toInstant(), d.getString("c"),
                            d.getString("s"), d.getString("mid"));
                    // Keyed as it was kept: the stored id and the customer's, as the new documents are.
                    quote.put("_id", entry.getKey());
                    batch.add(quote);
                    moved++;
                    if (batch.size() == 1_000) {
                        writeQuotes(batch);
                        batch = new ArrayList<>();
                    }
                }
            }
        }
        if (!batch.isEmpty()) {
            writeQuotes(batch);
        }
        if (!versions.isEmpty()) {
            raiseVersions(versions);
        }
        mongo.dropCollection(QUOTE_DAYS);
        return moved;
    }

    private Document customerMail(StoredMessage message, Map<String, String> userByAddress) {
        if (message.direction() == Direction.INTERNAL || message.companyIds().isEmpty()) {
            return null;
        }
        String user = null;
        if (message.direction() == Direction.OUTBOUND) {
            user = MailSide.of(message, userByAddress).stream().filter(MailSide::sent).map(MailSide::userId).findFirst()
                    .orElse(null);
        } else {
            user = message.mailboxes().stream().map(MailboxRef::userId).findFirst().orElse(null);
        }
        Document event = new Document("t", Date.from(at(message)))
                .append("o", message.direction() == Direction.OUTBOUND);
        if (user != null) {
            event.append("u", user);
        }
        return event;
    }

    /**
     * A customer's mail, by message id: its months' documents (listed in its own document, so they are
     * read by id) and, as stores written before months kept it, its own document's.
     */
    private Document mailOf(String companyId) {
        Map<String, Document> head = new HashMap<>();
        head.put(companyId, mongo.findById(cid(companyId), Document.class, CUSTOMERS));
        return mailOf(head).get(companyId);
    }

    /**
     * {@link #mailOf(String)} of several customers whose own documents were read already (null: it has
     * none), their months' parts read in one query per 500. A mail recorded again may sit in two parts
     * of its month: the later part's is the one kept last.
     */
    private Map<String, Document> mailOf(Map<String, Document> heads) {
        Map<String, Document> mail = new LinkedHashMap<>();
        List<String> parts = new ArrayList<>();
        heads.forEach((companyId, head) -> {
            mail.put(companyId, new Document());
            if (head != null) {
                Document e = head.get("e", Document.class);
                if (e != null) {
                    mail.get(companyId).putAll(e);
                }
                parts.addAll(partIds(companyId, head));
            }
        });
        Map<String, Document> found = new HashMap<>();
        byIds(CUSTOMERS, parts).forEach(part -> found.put(part.getString("_id"), part));
        for (String id : parts) {
            Document e = found.containsKey(id) ? found.get(id).get("e", Document.class) : null;
            if (e != null) {
                mail.get(companyOf(id)).putAll(e);
            }
        }
        return mail;
    }

    /** The ids of the parts of a customer's months, in order: each month's first part, then its later ones. */
    private static List<String> partIds(String companyId, Document head) {
        List<String> ids = new ArrayList<>();
        head.getList("b", String.class, List.of()).forEach(month -> ids.addAll(partIds(companyId, month, head)));
        return ids;
    }

    /** The ids of the parts of one of a customer's months, as many as the places it gave out fill. */
    private static List<String> partIds(String companyId, String month, Document head) {
        int parts = Math.max(1, (placed(head.get("n", Document.class), month) + MONTH_PART - 1) / MONTH_PART);
        List<String> ids = new ArrayList<>(parts);
        for (int part = 0; part < parts; part++) {
            ids.add(partId(companyId, month, part));
        }
        return ids;
    }

    /**
     * Writes what changed between a customer's waits from its mail before and after: a wait that went
     * or moved to another day is removed from its day, a new or changed one written, and the days
     * touched get a new version. Returns the tail of the walk over the mail after.
     */
    private CustomerWaits.Tail writeWaits(String companyId, Document before, Document after) {
        BulkOperations bulk = mongo.bulkOps(BulkMode.ORDERED, WAITS);
        CustomerWaits.Tail tail = new CustomerWaits.Tail();
        Set<String> days = waitChanges(companyId, before, after, bulk, tail);
        if (!days.isEmpty()) {
            bulk.execute();
            bumpWaits(days);
        }
        return tail;
    }

    /**
     * {@link #writeWaits}' writes, added to {@code bulk}; returns the days they touch (none: nothing
     * added). {@code tail} ends where the walk over the mail after ends.
     */
    private Set<String> waitChanges(String companyId, Document before, Document after, BulkOperations bulk,
            CustomerWaits.Tail tail) {
        Map<String, Document> old = waits(companyId, before, new CustomerWaits.Tail());
        Map<String, Document> now = waits(companyId, after, tail);
        Set<String> days = new HashSet<>();
        old.forEach((openId, wait) -> {
            String d = waitDay(wait);
            Document still = now.get(openId);
            if (still == null || !waitDay(still).equals(d)) {
                bulk.updateOne(idIs(d), new Update().unset("w." + openId));
                days.add(d);
            }
        });
        now.forEach((openId, wait) -> {
            if (!wait.equals(old.get(openId))) {
                String d = waitDay(wait);
                bulk.upsert(idIs(d), new Update().set("w." + openId, wait));
                days.add(d);
            }
        });
        return days;
    }

    private static String waitDay(Document wait) {
        return day(wait.getDate("t").toInstant()).toString();
    }

    /** The waits of one customer from all its mail, keyed by the id of the mail that opened each; {@code tail} ends after it. */
    private Map<String, Document> waits(String companyId, Document events, CustomerWaits.Tail tail) {
        if (events == null) {
            return new LinkedHashMap<>();
        }
        return new CustomerWaits(companyId, hours).walk(tail, mail(events));
    }

    /**
     * Records a customer's stage change (from the {@code StageChanged} event or its timeline line),
     * keyed by when and to which stage, so the same change recorded twice is one change.
     */
    public void recordStage(String companyId, Instant at, String from, String to) {
        mongo.upsert(Query.query(Criteria.where("_id").is(cid(companyId))), new Update()
                .set("c." + at.toEpochMilli() + "_" + to, new Document("t", Date.from(at)).append("f", from).append("to", to)),
                STAGES);
        mongo.upsert(Query.query(Criteria.where("_id").is(day(at).toString())), new Update()
                .set("c." + companyId + "_" + at.toEpochMilli() + "_" + to, new Document("c", companyId)
                        .append("t", Date.from(at)).append("f", from).append("to", to)), STAGE_DAYS);
    }

    /** The customers whose stage changed in [from, to). */
    public Set<String> stageChangedBetween(Instant from, Instant to) {
        List<String> ids = new ArrayList<>();
        for (LocalDate d = day(from); !d.isAfter(day(to.minusNanos(1))); d = d.plusDays(1)) {
            ids.add(d.toString());
        }
        Set<String> out = new HashSet<>();
        for (Document doc : byIds(STAGE_DAYS, ids)) {
            Document c = doc.get("c", Document.class);
            if (c != null) {
                c.values().forEach(v -> {
                    Document d = (Document) v;
                    Instant t = d.getDate("t").toInstant();
                    if (!t.isBefore(from) && t.isBefore(to)) {
                        out.add(d.getString("c"));
                    }
                });
            }
        }
        return out;
    }

    /** Stage changes of these customers, oldest first. */
    public List<StageChangeRecord> stageChanges(Collection<String> companyIds) {
        List<StageChangeRecord> out = new ArrayList<>();
        for (Document doc : byIds(STAGES, companyIds.stream().map(Rollups::cid).toList())) {
            Document c = doc.get("c", Document.class);
            if (c != null) {
                c.values().forEach(v -> {
                    Document d = (Document) v;
                    out.add(new StageChangeRecord(doc.getString("_id").substring(2), d.getDate("t").toInstant(), d.getString("f"),
                            d.getString("to")));
                });
            }
        }
        out.sort(Comparator.comparing(StageChangeRecord::at));
        return out;
    }

    public record StageChangeRecord(String companyId, Instant at, String from, String to) {
    }

    /** Recomputes the stage changes from the customers' timelines ({@code STAGE_CHANGE} lines). */
    public long rebuildStages() {
        Query query = Query.query(Criteria.where("type").is("STAGE_CHANGE"));
        query.fields().include("companyId", "occurredAt", "attributes");
        Map<String, Document> docs = new HashMap<>();
        Map<String, Document> days = new HashMap<>();
        long[] n = {0};
        try (Stream<Document> lines = mongo.stream(query, Document.class, "activities")) {
            lines.forEach(line -> {
                Document attributes = line.get("attributes", Document.class);
                Date at = line.getDate("occurredAt");
                if (attributes == null || at == null || attributes.getString("to") == null) {
                    return;
                }
                n[0]++;
                docs.computeIfAbsent(line.getString("companyId"), k -> new Document("_id", cid(k)).append("c", new Document()))
                        .get("c", Document.class).append(at.getTime() + "_" + attributes.getString("to"),
                                new Document("t", at).append("f", attributes.getString("from"))
                                        .append("to", attributes.getString("to")));
                String company = line.getString("companyId");
                days.computeIfAbsent(day(at.toInstant()).toString(), k -> new Document("_id", k).append("c", new Document()))
                        .get("c", Document.class).append(company + "_" + at.getTime() + "_" + attributes.getString("to"),
                                new Document("c", company).append("t", at).append("f", attributes.getString("from"))
                                        .append("to", attributes.getString("to")));
            });
        }
        for (String collection : List.of(STAGES, STAGE_DAYS)) {
            if (mongo.collectionExists(collection)) {
                mongo.dropCollection(collection);
            }
        }
        insertAll(docs.values(), STAGES);
        insertAll(days.values(), STAGE_DAYS);
        return n[0];
    }

    // ---------------------------------------------------------------- rebuild

    /** Whether the rollups were built by this version of the code. */
    public boolean current() {
        Document meta = mongo.findById("rollups", Document.class, META);
        return meta != null && meta.getInteger("version", 0) == VERSION;
    }

    /** {@link #rebuild} over every stored message, read with only the fields the reports use. */
    public long rebuildFromStore(io.genjin.store.message.Messages stored, Collection<User> users) {
        try (Stream<StoredMessage> messages = stored.streamAll("messageId", "direction", "from", "to", "cc", "sentAt",
                "storedAt", "mailboxes", "companyId", "companyIds")) {
            return rebuild(messages, users);
        }
    }

    /**
     * Recomputes the mail and wait documents from every stored message (quotations are kept: they are
     * known only from their events). Returns how many messages were read.
     */
    public long rebuild(Stream<StoredMessage> messages, Collection<User> users) {
        Map<String, String> userByAddress = addresses(users);
        Map<String, List<Document>> sidesByDay = new HashMap<>();
        Map<String, Document> customers = new HashMap<>();
        long[] count = {0};
        messages.forEach(message -> {
            count[0]++;
            for (MailSide side : MailSide.of(message, userByAddress)) {
                String key = key(side.userId(), day(side.at()));
                sidesByDay.computeIfAbsent(key, k -> new ArrayList<>()).add(MailDays.side(key, side.userId(), message.id(), side));
            }
            Document event = customerMail(message, userByAddress);
            if (event != null) {
                for (String companyId : message.companyIds()) {
                    customers.computeIfAbsent(companyId, k -> new Document()).append(message.id(), event);
                }
            }
        });
        Map<String, Document> waitDays = new HashMap<>();
        List<Document> customerDocuments = new ArrayList<>();
        customers.forEach((companyId, events) -> {
            CustomerWaits.Tail tail = new CustomerWaits.Tail();
            waits(companyId, events, tail).forEach((openId, wait) -> waitDays.computeIfAbsent(waitDay(wait),
                    k -> new Document("_id", k).append("w", new Document())).get("w", Document.class).append(openId, wait));
            // each month's mail in its parts, in the order recording it as it came in would place it
            Map<String, List<Map.Entry<String, Object>>> months = new java.util.TreeMap<>();
            events.entrySet().forEach(event -> months.computeIfAbsent(month((Document) event.getValue()), k -> new ArrayList<>())
                    .add(event));
            Document placed = new Document();
            Document head = new Document("_id", cid(companyId)).append("b", new ArrayList<>(months.keySet())).append("n", placed);
            head.putAll(tail.toDocument());
            customerDocuments.add(head);
            months.forEach((month, mail) -> {
                mail.sort(Comparator.comparing((Map.Entry<String, Object> m) -> ((Document) m.getValue()).getDate("t"))
                        .thenComparing(Map.Entry::getKey));
                placed.append(month, mail.size());
                for (int at = 0; at < mail.size(); at += MONTH_PART) {
                    Document e = new Document();
                    mail.subList(at, Math.min(mail.size(), at + MONTH_PART)).forEach(m -> e.append(m.getKey(), m.getValue()));
                    customerDocuments.add(new Document("_id", partId(companyId, month, at / MONTH_PART)).append("e", e));
                }
            });
        });
        for (String collection : List.of(MailDays.DAYS_BEFORE, MailDays.SIDES, MAIL_COUNTS, MAIL_CUSTOMER_COUNTS, WAITS, CUSTOMERS,
                VERSIONS)) {
            if (mongo.collectionExists(collection)) {
                mongo.dropCollection(collection);
            }
        }
        // dropped with its collection: the index the reads of a day's sides go through
        mailDays.indexSidesByDay();
        mailDays.rebuild(sidesByDay, this::insertAll);
        insertAll(waitDays.values(), WAITS);
        insertAll(customerDocuments, CUSTOMERS);
        rebuildStages();
        // a new generation: what any process kept from before is read again (the versions start over)
        mongo.upsert(Query.query(Criteria.where("_id").is("rollups")), new Update().set("version", VERSION)
                .set("builtAt", Date.from(clock.instant())).set("generation", java.util.concurrent.ThreadLocalRandom.current().nextLong())
                .set("messages", count[0]), META);
        kept.clear();
        return count[0];
    }

    private void insertAll(Collection<Document> documents, String collection) {
        List<Document> batch = new ArrayList<>();
        for (Document d : documents) {
            batch.add(d);
            if (batch.size() == 1000) {
                mongo.insert(batch, collection);
                batch = new ArrayList<>();
            }
        }
        if (!batch.isEmpty()) {
            mongo.insert(batch, collection);
        }
    }

    // ---------------------------------------------------------------- reading

    /**
     * The mail of these users in [from, to): the counts of each UTC day that lies wholly inside it
     * ({@code report_mail_counts}) go to {@code days}, and the sides of the days it cuts (its first and
     * last, unless they begin at midnight UTC) to {@code sides}. Nothing is handed twice.
     */
    public void mail(Collection<String> userIds, Instant from, Instant to, Consumer<Side> sides, Consumer<DayCounts> days) {
        mail(userIds, from, to, sides, days, false);
    }

    /**
     * As {@link #mail(Collection, Instant, Instant, Consumer, Consumer)}; with {@code perCustomer} the
     * whole days' counts are those per set of customers ({@link DayCounts#customers()}) instead of
     * the day's totals and customers touched. Each day document comes from what this process kept
     * when its day's version is unchanged ({@link KeptDays}), else from the store.
     */
    public void mail(Collection<String> userIds, Instant from, Instant to, Consumer<Side> sides, Consumer<DayCounts> days,
            boolean perCustomer) {
        LocalDate first = day(from);
        LocalDate last = day(to.minusNanos(1));
        boolean firstWhole = from.equals(first.atStartOfDay(ZoneOffset.UTC).toInstant());
        boolean lastWhole = to.equals(last.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        List<String> whole = new ArrayList<>();
        List<String> cut = new ArrayList<>();
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            boolean w = (!d.equals(first) || firstWhole) && (!d.equals(last) || lastWhole);
            for (String user : userIds) {
                (w ? whole : cut).add(key(user, d));
            }
        }
        Versions versions = versions(first, last);
        if (!cut.isEmpty()) {
            mailSides(cut, versions, from, to, sides);
        }
        List<DayCounts> counts = keptOrRead(perCustomer ? "p|" : "n|", whole, versions, "m",
                (keys, sink) -> readCounts(perCustomer ? MAIL_CUSTOMER_COUNTS : MAIL_COUNTS, keys, sink));
        counts.forEach(days);
    }

    private void readCounts(String collection, List<String> keys, java.util.function.BiConsumer<String, Object> sink) {
        rawByIds(collection, keys, reader -> {
            String id = null;
            String user = null;
            LocalDate day = null;
            int[] codes = new int[0];
            List<String> touched = List.of();
            List<CustomerCounts> customers = new ArrayList<>();
            reader.readStartDocument();
            while (reader.readBsonType() != BsonType.END_OF_DOCUMENT) {
                String field = reader.readName();
                if (field.equals("_id") && reader.getCurrentBsonType() == BsonType.STRING) {
                    id = reader.readString();
                    int bar = id.lastIndexOf('|');
                    user = id.substring(0, bar);
                    day = LocalDate.parse(id.substring(bar + 1));
                } else if (field.equals("n") && reader.getCurrentBsonType() == BsonType.ARRAY) {
                    codes = readCodes(reader);
                } else if (field.equals("t") && reader.getCurrentBsonType() == BsonType.STRING) {
                    String t = reader.readString();
                    touched = t.isEmpty() ? List.of() : List.of(t.split(","));
                } else if (field.equals("p") && reader.getCurrentBsonType() == BsonType.ARRAY) {
                    reader.readStartArray();
                    while (reader.readBsonType() != BsonType.END_OF_DOCUMENT) {
                        List<String> c = List.of();
                        int[] n = new int[0];
                        reader.readStartDocument();
                        while (reader.readBsonType() != BsonType.END_OF_DOCUMENT) {
                            String name = reader.readName();
                            if (name.equals("c") && reader.getCurrentBsonType() == BsonType.ARRAY) {
                                c = readStrings(reader);
                            } else if (name.equals("n") && reader.getCurrentBsonType() == BsonType.ARRAY) {
                                n = readCodes(reader);
                            } else {
                                reader.skipValue();
                            }
                        }
                        reader.readEndDocument();
                        customers.add(new CustomerCounts(c, n));
                    }
                    reader.readEndArray();
                } else {
                    reader.skipValue();
                }
            }
            reader.readEndDocument();
            if (user != null) {
                sink.accept(id, new DayCounts(user, day, codes, touched, List.copyOf(customers)));
            }
        });
    }

    /** The generation of the rollups (a rebuild starts a new one) and the versions of the UTC days first..last. */
    Versions versions(LocalDate first, LocalDate last) {
        Document meta = mongo.findById("rollups", Document.class, META);
        long generation = meta != null && meta.get("generation") instanceof Number n ? n.longValue() : 0;
        List<String> ids = new ArrayList<>();
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            ids.add(d.toString());
        }
        Map<String, Document> days = new HashMap<>();
        byIds(VERSIONS, ids).forEach(d -> days.put(d.getString("_id"), d));
        return new Versions(generation, days);
    }

    /** The versions of some days' documents, read at the start of a report ({@link #VERSIONS}). */
    record Versions(long generation, Map<String, Document> days) {
        /** A key's version: {@code user|day} for a user's document of a kind ({@code m}, {@code q}), {@code day} for {@code w}. */
        long of(String kind, String key) {
            int bar = key.lastIndexOf('|');
            Document d = days.get(key.substring(bar + 1));
            if (d == null) {
                return 0;
            }
            Object v = bar < 0 ? d.get(kind) : d.get(kind) instanceof Document k ? k.get(key.substring(0, bar)) : null;
            return v instanceof Number n ? n.longValue() : 0;
        }
    }

    /** Raises the days' versions, each day's fields in one update, all in one bulk write. */
    private void raiseVersions(Map<LocalDate, Update> versions) {
        BulkOperations bumps = mongo.bulkOps(BulkMode.UNORDERED, VERSIONS);
        versions.forEach((day, update) -> bumps.upsert(idIs(day.toString()), update));
        bumps.execute();
    }

    private void bumpWaits(Collection<String> days) {
        if (days.isEmpty()) {
            return;
        }
        BulkOperations bulk = mongo.bulkOps(BulkMode.UNORDERED, VERSIONS);
        days.forEach(d -> bulk.upsert(idIs(d), new Update().inc("w", 1)));
        bulk.execute();
    }

    /**
     * The documents of these keys, in their order (those that do not exist left out): each as this
     * process kept it when the version of its day is the one just read, else read from the store
     * ({@code read} hands each document it finds by its key) and kept at that version. The version
     * is read before the document and every write raises it after writing, so a document kept at a
     * version is never older than the store was at that version.
     */
    @SuppressWarnings("unchecked")
    private <T> List<T> keptOrRead(String prefix, List<String> keys, Versions versions, String kind,
            java.util.function.BiConsumer<List<String>, java.util.function.BiConsumer<String, Object>> read) {
        Object[] out = new Object[keys.size()];
        long[] version = new long[keys.size()];
        List<String> missing = new ArrayList<>();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            version[i] = versions.of(kind, keys.get(i));
            out[i] = kept.get(prefix + keys.get(i), versions.generation(), version[i]);
            if (out[i] == null) {
                missing.add(keys.get(i));
                index.put(keys.get(i), i);
            }
        }
        if (!missing.isEmpty()) {
            Map<String, Object> found = new HashMap<>();
            read.accept(missing, found::put);
            for (String key : missing) {
                int i = index.get(key);
                out[i] = found.getOrDefault(key, KeptDays.ABSENT);
                kept.put(prefix + key, versions.generation(), version[i], out[i]);
            }
        }
        List<T> result = new ArrayList<>(out.length);
        for (Object o : out) {
            if (o != KeptDays.ABSENT) {
                result.add((T) o);
            }
        }
        return result;
    }
    /** An array of strings at the reader's position, read without building a document. */
    static List<String> readStrings(BsonReader reader) {
        List<String> read = new ArrayList<>(1);
        reader.readStartArray();
        while (reader.readBsonType() != BsonType.END_OF_DOCUMENT) {
            read.add(reader.readString());
        }
        reader.readEndArray();
        return read;
    }

    private static int[] readCodes(BsonReader reader) {
        int[] read = new int[8];
        int size = 0;
        reader.readStartArray();
        while (reader.readBsonType() != BsonType.END_OF_DOCUMENT) {
            if (size == read.length) {
                read = java.util.Arrays.copyOf(read, size * 2);
            }
            read[size++] = reader.readInt32();
        }
        reader.readEndArray();
        return java.util.Arrays.copyOf(read, size);
    }

    /** The customer sides of one day that had exactly these customers, counted as {@link DayCounts#codes()}. */
    public record CustomerCounts(List<String> companyIds, int[] codes) {
    }

    /**
     * One user's mail on one UTC day, counted: {@code codes} holds, per hour and kind of side with any
     * mail, {@code slot << 20 | count} (slot = hour × 6 + kind, kind = 3 if sent + the counterpart's
     * ordinal) and {@code touched} the customers touched; or (read per customer) {@code customers},
     * the customer sides among them per set of customers.
     */
    public record DayCounts(String userId, LocalDate day, int[] codes, List<String> touched, List<CustomerCounts> customers) {
        static final int SLOTS = 24 * 6;

        public static int count(int code) {
            return code & 0xFFFFF;
        }

        public static boolean sent(int code) {
            return (code >>> 20) % 6 >= 3;
        }

        public static MailSide.Counterpart counterpart(int code) {
            return MailSide.Counterpart.values()[(code >>> 20) % 3];
        }

        /** The start of the hour the code counts, in epoch milliseconds. */
        public long hourStart(int code) {
            return day.toEpochDay() * 86_400_000L + (long) ((code >>> 20) / 6) * 3_600_000L;
        }
    }

    /**
     * The mail sides of these users on the UTC days that overlap [from, to). The day documents are
     * read as raw BSON and walked field by field, so that a month of a team's mail (a hundred
     * thousand sides) builds no map per side; each is kept in the process while its day's version
     * is unchanged.
     */
    public void mailSides(Collection<String> userIds, Instant from, Instant to, Consumer<Side> sink) {
        mailSides(keys(userIds, from, to), versions(day(from), day(to.minusNanos(1))), from, to, sink);
    }

    private void mailSides(List<String> keys, Versions versions, Instant from, Instant to, Consumer<Side> sink) {
        long fromMs = from.toEpochMilli();
        long toMs = to.toEpochMilli();
        boolean wholeMillis = from.getNano() % 1_000_000 == 0 && to.getNano() % 1_000_000 == 0;
        List<List<Side>> days = keptOrRead("s|", keys, versions, "m", mailDays::readSides);
        for (List<Side> day : days) {
            for (Side side : day) {
                long t = side.at().toEpochMilli();
                if (t >= fromMs && t < toMs || !wholeMillis && inside(side.at(), from, to)) {
                    sink.accept(side);
                }
            }
        }
    }

    private static boolean inside(Instant t, Instant from, Instant to) {
        return !t.isBefore(from) && t.isBefore(to);
    }

    /**
     * The documents with these ids, each handed to {@code walk} as a BSON reader positioned before
     * it: one {@code _id $in} query per 500 ids, answered from the primary key.
     */
    private void rawByIds(String collection, List<String> ids, Consumer<BsonReader> walk) {
        io.genjin.store.RawReads.byIds(mongo, collection, ids, 500, walk);
    }

    /** Quotations sent by these users in [from, to). */
    public void quotes(Collection<String> userIds, Instant from, Instant to, Consumer<Quote> sink) {
        List<List<Quote>> days = keptOrRead("q|", keys(userIds, from, to), versions(day(from), day(to.minusNanos(1))), "q",
                this::readQuotes);
        for (List<Quote> day : days) {
            for (Quote quote : day) {
                if (inside(quote.at(), from, to)) {
                    sink.accept(quote);
                }
            }
        }
    }

    /** The quotations of these user days ({@code user|day}), per day, oldest first; a day without any is left out. */
    private void readQuotes(List<String> keys, java.util.function.BiConsumer<String, Object> found) {
        Map<String, List<Quote>> byDay = new HashMap<>();
        for (int at = 0; at < keys.size(); at += 500) {
            Query inDays = Query.query(Criteria.where("k").in(keys.subList(at, Math.min(keys.size(), at + 500))));
            for (Document d : mongo.find(inDays, Document.class, QUOTES)) {
                byDay.computeIfAbsent(d.getString("k"), k -> new ArrayList<>()).add(new Quote(d.getString("s"),
                        d.getString("mid"), d.getString("c"), d.getString("u"), d.getDate("t").toInstant()));
            }
        }
        byDay.forEach((key, quotes) -> {
            quotes.sort(Comparator.comparing(Quote::at).thenComparing(Quote::storedId).thenComparing(q -> String.valueOf(q.companyId())));
            found.accept(key, List.copyOf(quotes));
        });
    }

    /** Every wait that began in [from, to), whoever it belongs to (read as raw BSON, as the mail sides). */
    public void waits(Instant from, Instant to, Consumer<Wait> sink) {
        List<String> ids = new ArrayList<>();
        for (LocalDate d = day(from); !d.isAfter(day(to.minusNanos(1))); d = d.plusDays(1)) {
            ids.add(d.toString());
        }
        List<List<Wait>> days = keptOrRead("w|", ids, versions(day(from), day(to.minusNanos(1))), "w", this::readWaits);
        for (List<Wait> day : days) {
            for (Wait wait : day) {
                if (inside(wait.askedAt(), from, to)) {
                    sink.accept(wait);
                }
            }
        }
    }

    /** Every wait of these {@code report_wait_days} documents, per day. */
    private void readWaits(List<String> days, java.util.function.BiConsumer<String, Object> sink) {
        rawByIds(WAITS, days, reader -> {
            String day = null;
            List<Wait> waits = new ArrayList<>();
            reader.readStartDocument();
            while (reader.readBsonType() != BsonType.END_OF_DOCUMENT) {
                String field = reader.readName();
                if (field.equals("_id") && reader.getCurrentBsonType() == BsonType.STRING) {
                    day = reader.readString();
                    continue;
                }
                if (!field.equals("w") || reader.getCurrentBsonType() != BsonType.DOCUMENT) {
                    reader.skipValue();
                    continue;
                }
                reader.readStartDocument();
                while (reader.readBsonType() != BsonType.END_OF_DOCUMENT) {
                    String openId = reader.readName();
                    String company = null;
                    String answerId = null;
                    String by = null;
                    String receivedBy = null;
                    Instant t = null;
                    Instant a = null;
                    int n = 1;
                    Long cal = null;
                    Long bus = null;
                    reader.readStartDocument();
                    while (reader.readBsonType() != BsonType.END_OF_DOCUMENT) {
                        String name = reader.readName();
                        BsonType type = reader.getCurrentBsonType();
                        if (type == BsonType.NULL) {
                            reader.readNull();
                            continue;
                        }
                        switch (name) {
                            case "c" -> company = reader.readString();
                            case "t" -> t = Instant.ofEpochMilli(reader.readDateTime());
                            case "n" -> n = type == BsonType.INT64 ? (int) reader.readInt64() : reader.readInt32();
                            case "a" -> a = Instant.ofEpochMilli(reader.readDateTime());
                            case "am" -> answerId = reader.readString();
                            case "by" -> by = reader.readString();
                            case "r" -> receivedBy = reader.readString();
                            case "cal" -> cal = type == BsonType.INT32 ? reader.readInt32() : reader.readInt64();
                            case "bus" -> bus = type == BsonType.INT32 ? reader.readInt32() : reader.readInt64();
                            default -> reader.skipValue();
                        }
                    }
                    reader.readEndDocument();
                    if (t != null) {
                        waits.add(new Wait(openId, company, t, n, a, answerId, by, receivedBy,
                                a == null ? null : Duration.ofSeconds(cal), a == null ? null : Duration.ofSeconds(bus)));
                    }
                }
                reader.readEndDocument();
            }
            reader.readEndDocument();
            if (day != null) {
                sink.accept(day, List.copyOf(waits));
            }
        });
    }

    private List<Document> byIds(String collection, List<String> ids) {
        return byIds(mongo, collection, ids);
    }

    /** The documents of a collection with these ids (those that exist), one {@code _id $in} query per 500. */
    static List<Document> byIds(MongoOperations mongo, String collection, Collection<String> ids) {
        List<String> all = List.copyOf(ids);
        List<Document> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i += 500) {
            out.addAll(mongo.find(Query.query(Criteria.where("_id").in(all.subList(i, Math.min(all.size(), i + 500)))),
                    Document.class, collection));
        }
        return out;
    }

    private static List<String> keys(Collection<String> userIds, Instant from, Instant to) {
        List<String> ids = new ArrayList<>();
        for (LocalDate d = day(from); !d.isAfter(day(to.minusNanos(1))); d = d.plusDays(1)) {
            for (String user : userIds) {
                ids.add(key(user, d));
            }
        }
        return ids;
    }

    /** One side of one message: {@code id} is the message's stored id. */
    public record Side(String messageId, String userId, Instant at, boolean sent, MailSide.Counterpart counterpart,
            List<String> companyIds) {
    }

    public record Quote(String storedId, String messageId, String companyId, String userId, Instant at) {
    }

    /** A first-response wait; answered ones have {@code answeredAt}, open ones {@code receivedBy}. */
    public record Wait(String openedBy, String companyId, Instant askedAt, int inboundMails, Instant answeredAt,
            String answerId, String answeredBy, String receivedBy, Duration calendar, Duration business) {
        public boolean answered() {
            return answeredAt != null;
        }
    }

    // ---------------------------------------------------------------- helpers

    private static Instant at(StoredMessage message) {
        return message.sentAt() != null ? message.sentAt() : message.storedAt();
    }

    /** A customer's document id: prefixed, so the driver never reads a customer id as an ObjectId. */
    static String cid(String companyId) {
        return "c|" + companyId;
    }

    /** The id of a customer's UTC month (its first part), listed in {@code b} of the customer's document. */
    static String monthId(String companyId, String month) {
        return cid(companyId) + "|" + month;
    }

    /** A part of a customer's month ({@link #MONTH_PART}): the first is the month's own id, the later ones numbered after it. */
    static String partId(String companyId, String month, int part) {
        return part == 0 ? monthId(companyId, month) : monthId(companyId, month) + "#" + part;
    }

    /** The month of one of a customer's months' parts. */
    private static String monthOf(String partId) {
        String month = partId.substring(partId.lastIndexOf('|') + 1);
        int hash = month.indexOf('#');
        return hash < 0 ? month : month.substring(0, hash);
    }

    private static String month(Document event) {
        return java.time.YearMonth.from(event.getDate("t").toInstant().atOffset(ZoneOffset.UTC)).toString();
    }

    /** The customer of a customer's document or of one of its months. */
    static String companyOf(String documentId) {
        int end = documentId.indexOf('|', 2);
        return documentId.substring(2, end < 0 ? documentId.length() : end);
    }

    static String key(String userId, LocalDate day) {
        return userId + "|" + day;
    }

    /** The user of a user's day ({@link #key}). */
    static String userOf(String key) {
        return key.substring(0, key.lastIndexOf('|'));
    }

    /** The UTC day of a user's day ({@link #key}), as {@code yyyy-MM-dd}. */
    static String dayOf(String key) {
        return key.substring(key.lastIndexOf('|') + 1);
    }

    static LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC);
    }

    private static Map<String, String> addresses(Collection<User> users) {
        Map<String, String> byAddress = new HashMap<>();
        users.forEach(u -> u.addresses().forEach(a -> byAddress.put(a, u.id())));
        return byAddress;
    }
}
