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
 * Every accepted hit, durable before the endpoint answers, in {@code tracking_hit_journal} until the
 * writer has folded it into the hit log and the counters.
 *
 * <p>The endpoints' threads do not each write: {@link #append} hands the hit to one journal thread
 * and waits. That thread takes every hit waiting and writes them as <em>one</em> document (a group:
 * one insert and one index key however many hits it holds) and makes it durable (an insert, then
 * {@link Durability#flush}: on the embedded store a commit of its file; on MongoDB the insert's write
 * concern has made it durable already), then releases them all:
 * under load one small write and one commit cover dozens of hits. An entry's id is its group's id and its place in the group
 * ({@code j…:7}).
 *
 * <p>A fold records which entries it takes ({@link #mark}: one document in {@code tracking_hit_folds}
 * listing them) before it changes anything, and removes them after ({@link #delete}): a group all of
 * whose entries are folded is deleted; one folded in part records the places done ({@code gone}),
 * one update for the group. A tracked message remembers the last folds applied to it. After a crash
 * the writer reads what is left ({@link #left}): entries with a fold are folded again under the
 * same id (a message that already has it is skipped), entries without one are new. Each group names
 * the process that wrote it ({@code owner}, new at every start), so a process never takes over the
 * entries of one still running. A journal written one document per hit (before groups) is read too.
 */
public final class HitJournal implements AutoCloseable {
    static final String COLLECTION = "tracking_hit_journal";
    static final String FOLDS = "tracking_hit_folds";
    private static final Logger log = LoggerFactory.getLogger(HitJournal.class);
    /** Hits taken per journal write. */
    private static final int GROUP = 2_000;
    /** How many times the journal thread steps aside for hits still arriving before it writes a group. */
    private static final int GATHER_YIELDS = 8;
    /** Between a group's id and an entry's place in it. */
    private static final char PLACE = ':';
    /** How long an endpoint waits for its hit to be durable before answering without it. */
    private static final long WAIT_SECONDS = 10;
    private final MongoOperations mongo;
    private final Durability durability;
    private final String owner = Ids.newId();
    private final BlockingQueue<Waiting> queue;
    /** Entries not yet folded, per group this process wrote or read at its start. */
    private final java.util.concurrent.ConcurrentMap<String, Integer> remaining = new java.util.concurrent.ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;
    /** Queued by {@link #close} to wake the thread; never written. */
    private static final Waiting STOP = new Waiting(null, null);
    /** Groups written, hits in them, and the time spent writing and committing them (for the log at close). */
    private long groups;
    private long grouped;
    private long writeNanos;

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
        Document entry = new Document("kind", kind == Token.Kind.OPEN ? "o" : "c")
                .append("token", hit.token()).append("ip", hit.ip()).append("ua", hit.userAgent())
                .append("head", hit.head()).append("prefetch", hit.prefetch()).append("at", Date.from(hit.at()));
        Waiting waiting = new Waiting(entry, new CompletableFuture<>());
        if (!running || !queue.offer(waiting)) {
            return null;
        }
        try {
            return waiting.done().get(WAIT_SECONDS, TimeUnit.SECONDS);
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
                if (first == null || first == STOP) {
                    continue;
                }
                group.add(first);
                queue.drainTo(group, GROUP - 1);
                // The endpoints' threads woken by the last group's release are still on their way
                // with their next hits: let them run while they keep coming, for one write instead of several.
                for (int i = 0; i < GATHER_YIELDS && group.size() < GROUP; i++) {
                    Thread.yield();
                    if (queue.drainTo(group, GROUP - group.size()) == 0) {
                        break;
                    }
                }
                group.removeIf(w -> w == STOP);
                if (!group.isEmpty()) {
                    write(group);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } finally {
                group.clear();
            }
        }
    }

    private void write(List<Waiting> group) {
        String id = newId();
        boolean written;
        try {
            remaining.put(id, group.size());
            long start = System.nanoTime();
            mongo.insert(new Document("_id", id).append("owner", owner).append("at", new Date())
                    .append("hits", group.stream().map(Waiting::entry).toList()), COLLECTION);
            durability.flush();
            writeNanos += System.nanoTime() - start;
            groups++;
            grouped += group.size();
            written = true;
        } catch (RuntimeException e) {
            log.error("tracking: {} hits not journaled; they are recorded from memory only", group.size(), e);
            remaining.remove(id);
            written = false;
        }
        for (int i = 0; i < group.size(); i++) {
            group.get(i).done().complete(written ? id + PLACE + i : null);
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

    /** Removes folded entries: a group with none left goes, one with some left records the places gone. */
    void delete(Collection<String> ids) {
        java.util.Map<String, List<Integer>> places = new java.util.LinkedHashMap<>();
        List<String> single = new ArrayList<>();
        for (String id : ids) {
            int at = id.indexOf(PLACE);
            if (at < 0) {
                single.add(id);
            } else {
                places.computeIfAbsent(id.substring(0, at), g -> new ArrayList<>()).add(Integer.parseInt(id.substring(at + 1)));
            }
        }
        if (!single.isEmpty()) {
            mongo.remove(byIds(single), COLLECTION);
        }
        List<String> empty = new ArrayList<>();
        for (var group : places.entrySet()) {
            Integer left = remaining.computeIfPresent(group.getKey(), (g, n) -> n - group.getValue().size());
            if (left != null && left <= 0) {
                remaining.remove(group.getKey());
                empty.add(group.getKey());
                continue;
            }
            Query one = Query.query(Criteria.where("_id").is(group.getKey()));
            mongo.updateFirst(one, new Update().addToSet("gone").each(group.getValue().toArray()), COLLECTION);
            if (left == null) {
                // A group this process neither wrote nor read at its start: ask the store what is left of it.
                Document d = mongo.findOne(one, Document.class, COLLECTION);
                if (d != null && d.getList("gone", Integer.class, List.of()).size() >= d.getList("hits", Document.class,
                        List.of()).size()) {
                    empty.add(group.getKey());
                }
            }
        }
        if (!empty.isEmpty()) {
            mongo.remove(byIds(empty), COLLECTION);
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
            String id = d.getString("_id");
            List<Document> hits = d.getList("hits", Document.class);
            if (hits == null) {
                left.add(entry(id, d, foldOf));
                continue;
            }
            java.util.Set<Integer> gone = new java.util.HashSet<>(d.getList("gone", Integer.class, List.of()));
            int kept = 0;
            for (int i = 0; i < hits.size(); i++) {
                if (!gone.contains(i)) {
                    left.add(entry(id + PLACE + i, hits.get(i), foldOf));
                    kept++;
                }
            }
            remaining.put(id, kept);
        }
        return left;
    }

    private static Left entry(String id, Document d, java.util.Map<String, String> foldOf) {
        IncomingHit hit = new IncomingHit(d.getString("token"), d.getString("ip"), d.getString("ua"),
                Boolean.TRUE.equals(d.getBoolean("head")), Boolean.TRUE.equals(d.getBoolean("prefetch")),
                d.getDate("at").toInstant());
        return new Left(id, "o".equals(d.getString("kind")) ? Token.Kind.OPEN : Token.Kind.CLICK, hit, foldOf.get(id));
    }

    /** Entries in the journal now (for tests and the bench). */
    public long size() {
        long entries = 0;
        for (Document d : mongo.find(new Query(), Document.class, COLLECTION)) {
            List<Document> hits = d.getList("hits", Document.class);
            entries += hits == null ? 1 : hits.size() - d.getList("gone", Integer.class, List.of()).size();
        }
        return entries;
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
        // Wakes the thread at once (it may be waiting up to 100 ms for a hit; every process stop waited).
        queue.offer(STOP);
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (groups > 0) {
            log.info("tracking hit journal stopped: {} hits in {} groups ({} a group), {} µs to write and commit a group",
                    grouped, groups, grouped / groups, writeNanos / groups / 1000);
        }
    }

    /** One entry left in the journal: its id, the hit, and the fold that had taken it (or null). */
    record Left(String id, Token.Kind kind, IncomingHit hit, String fold) {
    }

    private record Waiting(Document entry, CompletableFuture<String> done) {
    }
}
