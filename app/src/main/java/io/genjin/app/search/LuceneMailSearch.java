package io.genjin.app.search;

import static io.genjin.app.search.MessageDocuments.ATTACHMENTS;
import static io.genjin.app.search.MessageDocuments.BODY;
import static io.genjin.app.search.MessageDocuments.COMPANY;
import static io.genjin.app.search.MessageDocuments.DIRECTION;
import static io.genjin.app.search.MessageDocuments.GENERATION;
import static io.genjin.app.search.MessageDocuments.HAS_ATTACHMENT;
import static io.genjin.app.search.MessageDocuments.ID;
import static io.genjin.app.search.MessageDocuments.OWNER;
import static io.genjin.app.search.MessageDocuments.PEOPLE;
import static io.genjin.app.search.MessageDocuments.QUOTED;
import static io.genjin.app.search.MessageDocuments.SENT_AT;
import static io.genjin.app.search.MessageDocuments.SUBJECT;

import io.genjin.store.message.StoredMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.classic.MultiFieldQueryParser;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mail index in a directory of this process, kept current by one indexing thread.
 *
 * <p>Changes come in as Message-IDs ({@link #messagesChanged}); the thread reads each message and its
 * text again and replaces its document, so the index says what the store says however often or late
 * it hears of a change. A search sees every change written to the index: when something was written
 * since the last near-real-time reopen, the search reopens first. The thread reopens on its own only
 * once its queue has been quiet for a second (so that the first search after a pause does not pay for
 * it); while changes keep coming nobody reopens for nothing. A reopen writes the buffered documents
 * as a segment of their own: an import reopening every second, and whenever its queue had been quiet
 * for 50 ms between two of the listeners' rounds, with no one searching, made a few dozen small
 * segments and merged them again.
 *
 * <p>Start: the last commit records the schema version, whether the process that wrote it shut down
 * cleanly, and the newest {@code storedAt} indexed. A missing index, another schema or an unclean
 * shutdown (changes may have been queued and lost) means a rebuild from the store: every message is
 * written again under a new generation and documents of older generations are deleted, so searches
 * keep answering from the old documents meanwhile. Otherwise the index catches up on messages stored
 * since its checkpoint (less a margin for clocks and in-flight writes). Commits happen every few seconds
 * and at close.
 */
final class LuceneMailSearch implements MailSearch, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LuceneMailSearch.class);
    static final String SCHEMA = "1";
    private static final Duration CATCH_UP_MARGIN = Duration.ofMinutes(10);
    private static final Duration COMMIT_EVERY = Duration.ofSeconds(5);
    private static final int BATCH = 256;
    /**
     * How long the queue must stay quiet before the thread reopens for what it wrote: longer than the
     * listeners' rounds are apart (they hand the index its changes), so that a flow of mail does not
     * reopen it between two rounds.
     */
    private static final Duration REOPEN_WHEN_QUIET = Duration.ofSeconds(1);
    /** How long the thread waits for a change before it looks at commits and catch-ups again. */
    private static final Duration IDLE_POLL = Duration.ofSeconds(1);
    /**
     * Queued by {@link #close} to wake the thread at once (it may be waiting up to {@link #IDLE_POLL}
     * for a change: a second at every stop of the process, and of every import); never a Message-ID,
     * which has no NUL.
     */
    private static final String WAKE = "\u0000close";
    private static final String[] FIELDS = {SUBJECT, BODY, QUOTED, ATTACHMENTS, PEOPLE};
    /** The new text counts most, the quoted history least: it repeats what earlier messages said. */
    private static final Map<String, Float> BOOSTS = Map.of(SUBJECT, 3f, PEOPLE, 2f, ATTACHMENTS, 1.5f, BODY, 1f, QUOTED, 0.3f);

    private final MessageSource source;
    private final Path dir;
    private final boolean temporary;
    private final Clock clock;
    private final Duration catchUpEvery;
    private final long idlePollMs;
    private final long reopenWhenQuietMs;
    private final Analyzer analyzer = new SearchAnalyzer();
    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final LinkedBlockingQueue<String> changes = new LinkedBlockingQueue<>();
    /** Changes handed in and not yet written (a search sees whatever is written: {@link #reopen}). */
    private final AtomicInteger pending = new AtomicInteger();
    /** Something was written since the last reopen. */
    private final AtomicBoolean unopened = new AtomicBoolean();
    private final AtomicBoolean building = new AtomicBoolean(true);
    private final Thread worker;
    private final boolean rebuild;
    private volatile boolean closing;
    private volatile long generation;
    private volatile Instant checkpoint;
    private boolean dirty;

    /**
     * @param catchUpEvery how often to look for messages other processes stored (null or zero: only at start)
     */
    LuceneMailSearch(Path dir, MessageSource source, Clock clock, Duration catchUpEvery) {
        this(dir, source, clock, catchUpEvery, false);
    }

    /** @param temporary remove the directory at close (an index that is only this process's cache) */
    LuceneMailSearch(Path dir, MessageSource source, Clock clock, Duration catchUpEvery, boolean temporary) {
        this(dir, source, clock, catchUpEvery, temporary, IDLE_POLL, REOPEN_WHEN_QUIET);
    }

    /** With the thread's waits for a change when idle, and for a quiet queue before it reopens (tests). */
    LuceneMailSearch(Path dir, MessageSource source, Clock clock, Duration catchUpEvery, boolean temporary, Duration idlePoll,
            Duration reopenWhenQuiet) {
        this.idlePollMs = idlePoll.toMillis();
        this.reopenWhenQuietMs = reopenWhenQuiet.toMillis();
        this.dir = dir;
        this.temporary = temporary;
        this.source = source;
        this.clock = clock;
        this.catchUpEvery = catchUpEvery == null || catchUpEvery.isZero() ? null : catchUpEvery;
        try {
            directory = FSDirectory.open(dir);
            Map<String, String> last = DirectoryReader.indexExists(directory)
                    ? SegmentInfos.readLatestCommit(directory).getUserData() : Map.of();
            boolean sameSchema = SCHEMA.equals(last.get("schema"));
            rebuild = !sameSchema || !"true".equals(last.get("clean"));
            generation = sameSchema ? Long.parseLong(last.getOrDefault("generation", "0")) : 0;
            checkpoint = last.containsKey("checkpoint") ? Instant.ofEpochMilli(Long.parseLong(last.get("checkpoint"))) : Instant.EPOCH;
            IndexWriterConfig config = new IndexWriterConfig(analyzer)
                    .setOpenMode(sameSchema ? IndexWriterConfig.OpenMode.CREATE_OR_APPEND : IndexWriterConfig.OpenMode.CREATE);
            writer = new IndexWriter(directory, config);
            // From here until a clean close, a crash leaves "clean=false" and the next start rebuilds.
            commit(false);
            searchers = new SearcherManager(writer, null);
            log.info("search index at {}: {} document(s), {}", dir, writer.getDocStats().numDocs,
                    rebuild ? (sameSchema ? "not shut down cleanly: rebuilding" : "new or of another schema: building")
                            : "catching up from " + checkpoint.minus(CATCH_UP_MARGIN));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the search index at " + dir, e);
        }
        worker = new Thread(this::run, "search-index");
        worker.setDaemon(true);
        worker.start();
    }

    @Override
    public void messagesChanged(Collection<String> messageIds) {
        for (String id : messageIds) {
            if (id != null && !id.isBlank()) {
                pending.incrementAndGet();
                changes.add(id);
            }
        }
    }

    @Override
    public boolean idle() {
        return !building.get() && pending.get() == 0;
    }

    /** Changes handed in and not yet searchable; at least 1 while the index is being built or caught up at start. */
    long backlog() {
        long waiting = pending.get();
        return building.get() ? Math.max(1, waiting) : waiting;
    }

    @Override
    public Status status() {
        return new Status(writer.getDocStats().numDocs, building.get());
    }

    private void run() {
        try {
            if (rebuild) {
                rebuild();
            } else {
                catchUp();
            }
        } catch (RuntimeException | IOException e) {
            log.error("search index: start-up indexing failed; changes are still indexed as they come", e);
        } finally {
            building.set(false);
        }
        Instant lastCommit = clock.instant();
        Instant lastCatchUp = clock.instant();
        while (!closing) {
            try {
                String first = changes.poll(unopened.get() ? reopenWhenQuietMs : idlePollMs, TimeUnit.MILLISECONDS);
                if (WAKE.equals(first)) {
                    first = null;
                }
                int taken = 0;
                try {
                    if (first != null) {
                        Set<String> batch = new LinkedHashSet<>();
                        batch.add(first);
                        taken = 1;
                        for (String next = changes.poll(); next != null; next = taken < BATCH ? changes.poll() : null) {
                            if (!WAKE.equals(next)) {
                                batch.add(next);
                                taken++;
                            }
                        }
                        index(batch);
                    } else {
                        reopen();
                    }
                    Instant now = clock.instant();
                    if (catchUpEvery != null && Duration.between(lastCatchUp, now).compareTo(catchUpEvery) >= 0) {
                        catchUp();
                        lastCatchUp = now;
                    }
                    if (dirty && Duration.between(lastCommit, now).compareTo(COMMIT_EVERY) >= 0) {
                        commit(false);
                        lastCommit = now;
                    }
                } finally {
                    // Written, or failed: what failed is indexed again when the messages change or at the next rebuild.
                    pending.addAndGet(-taken);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | IOException e) {
                log.warn("search index: a batch failed; it is indexed again when the messages change or at the next rebuild", e);
            }
        }
    }

    private void index(Collection<String> messageIds) throws IOException {
        // one read of the batch's messages, not one per message
        source.byMessageIds(List.copyOf(messageIds)).forEach(this::write);
    }

    private void write(StoredMessage m) {
        try {
            writer.updateDocument(new Term(ID, m.id()), MessageDocuments.of(m, source.content(m).orElse(null), generation));
            dirty = true;
            unopened.set(true);
            if (m.storedAt() != null && m.storedAt().isAfter(checkpoint)) {
                checkpoint = m.storedAt();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            // One unreadable message must not stop the others; it keeps its old document, if any.
            log.warn("search index: message {} not indexed: {}", m.messageId(), e.toString());
        }
    }

    /** Writes every message under a new generation, then drops what the old generations had that the store no longer has. */
    void rebuild() throws IOException {
        building.set(true);
        long started = System.nanoTime();
        generation = generation + 1;
        long count = 0;
        try (Stream<StoredMessage> all = source.all()) {
            for (StoredMessage m : (Iterable<StoredMessage>) all::iterator) {
                if (closing) {
                    log.info("search index: rebuild stopped by shutdown after {} message(s); the next start rebuilds", count);
                    return;
                }
                write(m);
                count++;
            }
        }
        BooleanQuery stale = new BooleanQuery.Builder().add(new MatchAllDocsQuery(), Occur.MUST)
                .add(new TermQuery(new Term(GENERATION, Long.toString(generation))), Occur.MUST_NOT).build();
        writer.deleteDocuments(stale);
        unopened.set(true);
        commit(false);
        reopen();
        log.info("search index rebuilt: {} message(s) in {} ms", count, (System.nanoTime() - started) / 1_000_000);
    }

    private void catchUp() throws IOException {
        long count = 0;
        try (Stream<StoredMessage> since = source.storedSince(checkpoint.minus(CATCH_UP_MARGIN))) {
            for (StoredMessage m : (Iterable<StoredMessage>) since::iterator) {
                write(m);
                count++;
            }
        }
        reopen();
        if (count > 0) {
            log.info("search index caught up on {} message(s)", count);
        }
    }

    /** Makes everything written so far searchable (a no-op, cheap, when nothing was). */
    private void reopen() throws IOException {
        if (unopened.getAndSet(false)) {
            try {
                searchers.maybeRefreshBlocking();
            } catch (IOException | RuntimeException e) {
                unopened.set(true);
                throw e;
            }
        }
    }

    private synchronized void commit(boolean clean) throws IOException {
        Map<String, String> data = new HashMap<>();
        data.put("schema", SCHEMA);
        data.put("clean", Boolean.toString(clean));
        data.put("generation", Long.toString(generation));
        data.put("checkpoint", Long.toString(checkpoint.toEpochMilli()));
        writer.setLiveCommitData(data.entrySet());
        writer.commit();
        dirty = false;
    }

    @Override
    public Results search(MailSearch.Request q, Visibility visibility) {
        Query text = parse(q.text());
        BooleanQuery.Builder query = new BooleanQuery.Builder().add(text, Occur.MUST);
        if (!visibility.all()) {
            BooleanQuery.Builder visible = new BooleanQuery.Builder().setMinimumNumberShouldMatch(1);
            visible.add(terms(OWNER, visibility.mailboxOwners()), Occur.SHOULD);
            visible.add(terms(COMPANY, visibility.companyIds()), Occur.SHOULD);
            query.add(visible.build(), Occur.FILTER);
        }
        if (q.companyId() != null) {
            query.add(new TermQuery(new Term(COMPANY, q.companyId())), Occur.FILTER);
        }
        if (q.from() != null || q.until() != null) {
            long from = q.from() == null ? Long.MIN_VALUE : q.from().toEpochMilli();
            long until = q.until() == null ? Long.MAX_VALUE : q.until().toEpochMilli() - 1;
            query.add(LongPoint.newRangeQuery(SENT_AT, from, until), Occur.FILTER);
        }
        if (q.direction() != null) {
            query.add(new TermQuery(new Term(DIRECTION, q.direction().name())), Occur.FILTER);
        }
        if (q.hasAttachment() != null) {
            query.add(new TermQuery(new Term(HAS_ATTACHMENT, q.hasAttachment().toString())), Occur.FILTER);
        }
        Query all = query.build();
        IndexSearcher searcher;
        try {
            reopen();
            searcher = searchers.acquire();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            int wanted = (q.page() + 1) * q.size();
            boolean newest = q.sort() == MailSearch.Order.NEWEST || q.text().isEmpty();
            TopDocs top = newest ? searcher.search(all, wanted, new Sort(new SortField(SENT_AT, SortField.Type.LONG, true)))
                    : searcher.search(all, wanted);
            long total = searcher.count(all);
            ScoreDoc[] docs = top.scoreDocs;
            int from = Math.min(q.page() * q.size(), docs.length);
            int[] ids = new int[docs.length - from];
            for (int i = from; i < docs.length; i++) {
                ids[i - from] = docs[i].doc;
            }
            return new Results(total, hits(searcher, text, ids, q.text().isEmpty()), building.get());
        } catch (IndexSearcher.TooManyClauses e) {
            throw new BadQuery("the query expands to too many words; make it more specific", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            release(searcher);
        }
    }

    private List<Hit> hits(IndexSearcher searcher, Query text, int[] ids, boolean noText) throws IOException {
        if (ids.length == 0) {
            return List.of();
        }
        Highlighter highlighter = new Highlighter(UnifiedHighlighter.builder(searcher, analyzer)
                .withFormatter(new SnippetFormatter()).withMaxLength(200_000));
        Map<String, Object[]> marked = highlighter.marked(FIELDS, noText ? new MatchAllDocsQuery() : text,
                ids, new int[] {1, 2, 1, 1, 1});
        List<Hit> hits = new ArrayList<>();
        for (int i = 0; i < ids.length; i++) {
            var doc = searcher.storedFields().document(ids[i], Set.of(ID, SUBJECT, ATTACHMENTS));
            Snippet subject = joined(marked.get(SUBJECT)[i]);
            if (subject.isEmpty()) {
                subject = Snippet.plain(doc.get(SUBJECT));
            }
            String where = BODY;
            Snippet snippet = joined(marked.get(BODY)[i]);
            for (String field : List.of(BODY, QUOTED, ATTACHMENTS, PEOPLE)) {
                Snippet candidate = joined(marked.get(field)[i]);
                if (candidate.hasHit()) {
                    where = field;
                    snippet = candidate;
                    break;
                }
            }
            if (!snippet.hasHit() && subject.hasHit()) {
                where = SUBJECT;
            }
            String names = doc.get(ATTACHMENTS);
            hits.add(new Hit(doc.get(ID), subject, snippet, where,
                    names == null || names.isEmpty() ? List.of() : List.of(names.split("\n"))));
        }
        return hits;
    }

    /** Several passages of one field as one snippet, " … " between them. */
    @SuppressWarnings("unchecked")
    private static Snippet joined(Object passages) {
        if (!(passages instanceof List<?> list) || list.isEmpty()) {
            return Snippet.plain("");
        }
        List<Snippet.Part> parts = new ArrayList<>();
        for (Snippet s : (List<Snippet>) list) {
            if (!parts.isEmpty()) {
                parts.add(new Snippet.Part(" … ", false));
            }
            parts.addAll(s.parts());
        }
        return new Snippet(parts);
    }

    private Query parse(String text) {
        if (text.isEmpty()) {
            return new MatchAllDocsQuery();
        }
        MultiFieldQueryParser parser = new MultiFieldQueryParser(FIELDS, analyzer, BOOSTS);
        parser.setDefaultOperator(QueryParser.AND_OPERATOR);
        // A run of Han characters is one "word" to the parser; its bigrams must stay together as a phrase.
        parser.setSplitOnWhitespace(true);
        parser.setAutoGeneratePhraseQueries(true);
        parser.setAllowLeadingWildcard(false);
        try {
            return parser.parse(text);
        } catch (ParseException e) {
            throw new BadQuery(firstLine(e.getMessage()), e);
        } catch (IndexSearcher.TooManyClauses e) {
            throw new BadQuery("the query has too many words", e);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "the query cannot be read";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    private static Query terms(String field, Collection<String> values) {
        List<BytesRef> refs = values.stream().map(BytesRef::new).toList();
        return new TermInSetQuery(field, refs);
    }

    private void release(IndexSearcher searcher) {
        try {
            searchers.release(searcher);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        // No interrupt: a thread interrupted inside Lucene's file I/O closes the channel and the writer with it.
        closing = true;
        changes.add(WAKE);
        try {
            worker.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        changes.remove(WAKE);
        try {
            if (!worker.isAlive() && changes.isEmpty() && !building.get()) {
                commit(true);
            } else {
                log.warn("search index closed with changes pending: the next start rebuilds it");
                commit(false);
            }
        } finally {
            searchers.close();
            writer.close();
            directory.close();
            if (temporary) {
                deleteAll(dir);
            }
        }
    }

    private static void deleteAll(Path dir) throws IOException {
        try (Stream<Path> files = java.nio.file.Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.deleteIfExists(p);
            }
        }
    }

    /** The highlighter's passages as objects (our {@link Snippet}s), which it offers to subclasses only. */
    private static final class Highlighter extends UnifiedHighlighter {
        Highlighter(UnifiedHighlighter.Builder builder) {
            super(builder);
        }

        Map<String, Object[]> marked(String[] fields, org.apache.lucene.search.Query query, int[] docIds, int[] passages)
                throws IOException {
            return highlightFieldsAsObjects(fields, query, docIds, passages);
        }
    }
}
