package io.genjin.gateway.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.genjin.classifier.EmailUnderstanding;
import io.genjin.gateway.MailIngestion;
import io.genjin.gateway.MailSource;
import io.genjin.gateway.RawMail;
import io.genjin.gateway.mime.Corpora;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;

/**
 * An import of a fixed sample of the corpus (every third .eml file of every corpus, in path order,
 * as {@code bench/import} reads them) through a batch with the real classifier, each message named
 * ahead as {@code MailImport} does, stores exactly what it
 * stored before the import was made faster: every collection (messages, timeline entries, companies,
 * contacts, raw messages, attachments, failures) and every event published, each document written as
 * JSON with its generated ids replaced by what they name (a company by its domains, a message by its
 * Message-ID, an entry by its source key and customer), sorted, and hashed per collection. The
 * expected hashes ({@code pipeline/import-equivalence.txt}) were recorded with the pipeline as it was
 * before batching and caching, and again when the pipeline began to read customers' mail (each
 * inbound customer message's {@code reading} and its {@code CustomerMailRead} event: 20 more events), and
 * when the tone model was rebuilt (the {@code reading} of messages and their events only), and when
 * written customers began to be marked for the nightly health run ({@code record_changes}, compared as
 * the set of customers marked), and when a raw message kept inline got an ObjectId {@code _id} and its
 * key in a field of its own ({@code raw_messages} only), and when a customer's contact time stopped
 * moving its version for mail that did not change the time ({@code companies}: the version only, 1
 * instead of 18 on one of the three customers), and when a batch's new messages began to be finished by
 * publishing the batch's key instead of a mark on each (a message stored under a published key is
 * compared as marked; the keys themselves are random and not compared), and when reports began to be
 * understood from the gateway's one parse instead of a second parse of their raw ({@code messages}: 6
 * of 182 documents, where a bounce held for want of its original now names the returned original's
 * Message-ID, found in its attached header, instead of the address, and where two reports' snippets
 * are the text the timeline shows; {@code ~events}: one {@code MessageBounced} whose ISO-2022-JP
 * Diagnostic-Code the gateway decodes, "not found in the directory", is now hard; see ReportPartsTest),
 * and when a store began to record the layout its raw messages were first kept in ({@code store_layouts}:
 * one document, a new store's mark);
 * a change that alters any stored byte or decision fails here and prints what it got. It runs on
 * mongo-java-server's memory backend and on the product's own, where contacts and companies are kept
 * between reads (RecordCache): the same bytes either way.
 */
class ImportEquivalenceTest {
    private PipelineFixture f;

    @AfterEach
    void close() {
        f.close();
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "on the product''s backend: {0}")
    @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
    void importingTheCorpusSampleStoresWhatItStoredBefore(boolean productBackend) throws IOException {
        f = new PipelineFixture(productBackend);
        List<Path> all = Corpora.files(Corpora.require("."), ".eml").stream()
                .filter(p -> !p.toString().contains("expected")).toList();
        List<Path> sample = new ArrayList<>();
        for (int i = 0; i < all.size(); i += 3) {
            sample.add(all.get(i));
        }
        IngestionPipeline pipeline = f.pipeline(new ClassifierUnderstanding(new EmailUnderstanding()));
        MailSource source = new MailSource.Import(f.li.id(), "equivalence");
        try (MailIngestion.Batch batch = pipeline.batch()) {
            // As an import runs it: each message named ahead, so that it is read on a second thread.
            List<RawMail> raws = sample.stream().map(RawMail::of).toList();
            for (int i = 0; i < raws.size(); i++) {
                if (i + 1 < raws.size()) {
                    batch.ahead(raws.get(i + 1), source);
                }
                batch.ingest(raws.get(i), source);
            }
        }
        String got = dump();
        System.out.println("import equivalence (" + sample.size() + " messages):\n" + got);
        Path expected = Path.of("src/test/resources/pipeline/import-equivalence.txt");
        String want;
        try (InputStream in = getClass().getResourceAsStream("/pipeline/import-equivalence.txt")) {
            assertThat(in).as("no %s; what this run stored:%n%s", expected, got).isNotNull();
            want = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(got).isEqualTo(want.strip());
    }

    /** One line per collection and one for the events: count and SHA-256 of the canonical documents. */
    private String dump() {
        Map<String, String> labels = labels();
        Map<String, String> lines = new TreeMap<>();
        java.util.Set<Object> published = new java.util.HashSet<>();
        f.mongo.getCollection("message_publications").find().forEach(p -> published.add(p.get("_id")));
        for (String name : f.mongo.getCollectionNames()) {
            if (name.equals("message_publications")) {
                continue; // random keys: what they mean is compared on the messages, below
            }
            List<String> docs = new ArrayList<>();
            for (Document d : f.mongo.getCollection(name).find()) {
                if (name.equals("messages") && d.containsKey("publication")) {
                    // Stored under its batch's key: finished if the key was published, as a mark would say.
                    Object key = d.remove("publication");
                    if (published.contains(key)) {
                        d.put("eventsPublished", true);
                    }
                }
                if (name.equals("record_changes")) {
                    // Customers marked for the nightly health run, kept as keys in buckets chosen by their
                    // (random) ids: what is compared is which customers are marked.
                    d.get("c", Document.class).keySet().forEach(id -> docs.add("marked " + labels.getOrDefault(id, id)));
                } else {
                    docs.add(canonical(d, labels));
                }
            }
            lines.put(name, line(docs));
        }
        List<String> events = new ArrayList<>();
        for (Object e : f.events) {
            events.add(relabel(e.toString(), labels));
        }
        // The order of events is part of what listeners see.
        lines.put("~events", events.size() + " " + sha256(String.join("\n", events)));
        return lines.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining("\n"));
    }

    private static String line(List<String> docs) {
        docs.sort(null);
        return docs.size() + " " + sha256(String.join("\n", docs));
    }

    /** Generated ids, each by what it names. */
    private Map<String, String> labels() {
        Map<String, String> labels = new LinkedHashMap<>();
        for (Document c : f.mongo.getCollection("companies").find()) {
            labels.put(c.get("_id").toString(), "company:" + c.get("domains") + ":" + c.get("name"));
        }
        for (Document c : f.mongo.getCollection("contacts").find()) {
            labels.put(c.get("_id").toString(), "contact:" + c.get("addresses") + ":" + c.get("name"));
        }
        for (Document m : f.mongo.getCollection("messages").find()) {
            labels.put(m.get("_id").toString(), "message:" + m.get("messageId"));
        }
        labels.put(f.li.id(), "user:li");
        labels.put(f.wang.id(), "user:wang");
        Map<String, String> activities = new LinkedHashMap<>();
        for (Document a : f.mongo.getCollection("activities").find()) {
            activities.put(a.get("_id").toString(), "activity:" + a.get("sourceKey") + "@" + labels.get(String.valueOf(a.get("companyId"))));
        }
        labels.putAll(activities);
        return labels;
    }

    private static String canonical(Object value, Map<String, String> labels) {
        if (value instanceof Document d) {
            // GridFS stamps a file with the time of its upload: the one value no import repeats.
            return new TreeMap<>(d).entrySet().stream().filter(e -> !e.getKey().equals("uploadDate")).map(e -> e.getKey() + "=" + canonical(e.getValue(), labels))
                    .collect(Collectors.joining(",", "{", "}"));
        }
        if (value instanceof Collection<?> list) {
            return list.stream().map(v -> canonical(v, labels)).collect(Collectors.joining(",", "[", "]"));
        }
        if (value instanceof String s) {
            return labels.getOrDefault(s, s);
        }
        if (value instanceof ObjectId) {
            return "oid";
        }
        if (value instanceof Binary b) {
            return "bin:" + sha256(HexFormat.of().formatHex(b.getData()));
        }
        return String.valueOf(value);
    }

    private static String relabel(String text, Map<String, String> labels) {
        String out = text;
        for (Map.Entry<String, String> e : labels.entrySet()) {
            out = out.replace(e.getKey(), e.getValue());
        }
        return out;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
