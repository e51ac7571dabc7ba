package io.genjin.tracking.hit;

import io.genjin.store.Durability;
import io.genjin.store.Ids;
import io.genjin.tracking.IncomingHit;
import io.genjin.tracking.token.Token;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Every accepted hit, durable before the endpoint answers: one small document per hit in
 * {@code tracking_hit_journal}, until the writer has folded it into the hit log and the counters.
 *
 * <p>The endpoints' threads do not each write: {@link #append} hands the hit to one journal thread
 * and waits. That thread takes every hit waiting, inserts them in one command and makes them durable
 * with one {@link Durability#flush()} (a commit of the embedded store's file; nothing more on
 * MongoDB, whose write concern already did it), then releases them all: under load one write and one
 * commit cover dozens of hits.
 *
 * <p>A fold records which entries it takes ({@link #mark}: one document in {@code tracking_hit_folds}
 * listing them, not an update of each entry, which held the journal's collection up) before it
 * changes anything, and deletes them after; a tracked message remembers the last folds applied to it. After a crash the writer
 * reads what is left ({@link #left}): entries with a fold are folded again under the same id (a
 * message that already has it is skipped), entries without one are new. Each entry names the
 * process that wrote it ({@code owner}, new at every start), so a process never takes over the
 * entries of one still running.
 */
public final class HitJournal implements AutoCloseable {
    static final String COLLECTION = "tracking_hit_journal";
    static final String FOLDS = "tracking_hit_folds";
    private static final Logger log = LoggerFactory.getLogger(HitJournal.class);
    /** Hits taken per journal write. */
    private static final int GROUP = 2_000;
    /** How long an endpoint waits for its hit to be durable before answering without it. */
    private static final long WAIT_SECONDS = 10;
    private final MongoOperations mongo;
    private final Durability durability;
    private final String owner = Ids.newId();
    private final BlockingQueue<Waiting> queue;
    private final Thread thread;
    private volatile boolean running = true;

    public HitJournal(MongoOperations mongo, Durability durability, int capacity) {
        this.mongo = mongo;
        this.durability = durability;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.thread = new Thread(this::run, "tracking-hit-journal");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Writes the hit and returns its journal id once it is durable; {@code null} when it could not
     * be written in time (the store is down, or the journal is closed): the caller still records it,
     * from memory only.
     */
    public String append(Token.Kind kind, IncomingHit hit) {
        Document entry = new Document("_id", newId()).append("kind", kind == Token.Kind.OPEN ? "o" : "c")
                .append("token", hit.token()).append("ip", hit.ip()).append("ua", hit.userAgent())
                .append("head", hit.head()).append("prefetch", hit.prefetch()).append("at", Date.from(hit.at()))
                .append("owner", owner);
        Waiting waiting = new Waiting(entry, new CompletableFuture<>());
        if (!running || !queue.offer(waiting)) {
            return null;
        }
        try {
            return waiting.done().get(WAIT_SECONDS, TimeUnit.SECONDS) ? entry.getString("_id") : null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException | TimeoutException e) {
            return null;
        }
    }

    private void run() {
        List<Waiting> group = new ArrayList<>();
        while (running || !queue.isEmpty()) {
            try {
                Waiting first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                group.add(first);
                queue.drainTo(group, GROUP - 1);
                write(group);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } finally {
                group.clear();
            }
        }
    }

    private void write(List<Waiting> group) {
        boolean written;
        try {
            mongo.insert(group.stream().map(Waiting::entry).toList(), COLLECTION);
            durability.flush();
            written = true;
        } catch (RuntimeException e) {
            log.error("tracking: {} hits not journaled; they are recorded from memory only", group.size(), e);
            written = false;
        }
        for (Waiting w : group) {
            w.done().complete(written);
        }
    }

    /** Records these entries as taken by one fold, before the fold changes anything (again: replaces the list). */
    void mark(Collection<String> ids, String foldId) {
        if (!ids.isEmpty()) {
            mongo.upsert(Query.query(Criteria.where("_id").is("f" + foldId)),
                    new Update().set("entries", List.copyOf(ids)).set("owner", owner), FOLDS);
        }
    }

    /**
     * After a fold: its record keeps only the entries still in the journal because their message's
     * counters failed (done again under this fold at the next start), or goes.
     */
    void settle(String foldId, Collection<String> kept) {
        Query fold = Query.query(Criteria.where("_id").is("f" + foldId));
        if (kept.isEmpty()) {
            mongo.remove(fold, FOLDS);
        } else {
            mongo.updateFirst(fold, Update.update("entries", List.copyOf(kept)), FOLDS);
        }
    }

    /** Removes folded entries. */
    void delete(Collection<String> ids) {
        if (!ids.isEmpty()) {
            mongo.remove(byIds(ids), COLLECTION);
        }
    }

    /**
     * What other processes left, oldest first: every entry not written by this one, or (with several
     * processes on one MongoDB) only those written before {@code writtenBefore}.
     */
    List<Left> left(java.time.Instant writtenBefore) {
        java.util.Map<String, String> foldOf = new java.util.HashMap<>();
        for (Document f : mongo.find(Query.query(Criteria.where("owner").ne(owner)), Document.class, FOLDS)) {
            for (String entry : f.getList("entries", String.class, List.of())) {
                foldOf.put(entry, f.getString("_id").substring(1));
            }
        }
        List<Left> left = new ArrayList<>();
        Criteria others = Criteria.where("owner").ne(owner);
        if (writtenBefore != null) {
            others = others.and("at").lt(Date.from(writtenBefore));
        }
        for (Document d : mongo.find(Query.query(others).with(Sort.by("_id")), Document.class, COLLECTION)) {
            IncomingHit hit = new IncomingHit(d.getString("token"), d.getString("ip"), d.getString("ua"),
                    Boolean.TRUE.equals(d.getBoolean("head")), Boolean.TRUE.equals(d.getBoolean("prefetch")),
                    d.getDate("at").toInstant());
            left.add(new Left(d.getString("_id"), "o".equals(d.getString("kind")) ? Token.Kind.OPEN : Token.Kind.CLICK, hit,
                    foldOf.get(d.getString("_id"))));
        }
        return left;
    }

    /** Entries in the journal now (for tests and the bench). */
    public long size() {
        return mongo.count(new Query(), COLLECTION);
    }

    /**
     * Time-ordered like every id, with a letter in front: not an ObjectId, so Spring Data leaves it a
     * string in queries as in the documents.
     */
    private static String newId() {
        return "j" + Ids.newId();
    }

    private static Query byIds(Collection<String> ids) {
        return Query.query(Criteria.where("_id").in(ids));
    }

    /** Stops taking hits; those already taken are written first. */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One entry left in the journal: its id, the hit, and the fold that had taken it (or null). */
    record Left(String id, Token.Kind kind, IncomingHit hit, String fold) {
    }

    private record Waiting(Document entry, CompletableFuture<Boolean> done) {
    }
}
