package io.genjin.tracking.hit;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.genjin.store.Durability;
import io.genjin.tracking.IncomingHit;
import io.genjin.tracking.token.Token;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Hits journaled together share one document; folding some of a group keeps the rest for a later
 * fold or the next start, and the group goes once every entry of it is folded.
 */
class HitJournalGroupsTest {
    private final MongoServer server = new MongoServer(new MemoryBackend());
    private MongoClient client;

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        server.shutdownNow();
    }

    @Test
    void entriesWrittenTogetherShareAGroupThatGoesWhenAllAreFolded() throws Exception {
        MongoTemplate mongo = template();
        List<String> ids = new ArrayList<>();
        try (HitJournal writer = new HitJournal(mongo, Durability.WRITE_CONCERN, 100)) {
            ExecutorService threads = Executors.newFixedThreadPool(8);
            try {
                List<Future<String>> appended = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    int n = i;
                    appended.add(threads.submit(() -> writer.append(Token.Kind.OPEN, hit(n))));
                }
                for (Future<String> f : appended) {
                    ids.add(f.get());
                }
            } finally {
                threads.shutdown();
            }
            assertThat(ids).doesNotContainNull().doesNotHaveDuplicates().allMatch(id -> id.matches("j[0-9a-f]+:[0-9]+"));
            assertThat(writer.size()).isEqualTo(40);
            assertThat(groups(mongo)).as("hits waiting together are one write").isLessThan(40);

            // Fold every entry but one of each group: the groups stay, holding one entry each.
            java.util.Map<String, List<String>> byGroup = new java.util.TreeMap<>();
            ids.forEach(id -> byGroup.computeIfAbsent(id.substring(0, id.indexOf(':')), g -> new ArrayList<>()).add(id));
            List<String> last = new ArrayList<>();
            List<String> rest = new ArrayList<>();
            byGroup.values().forEach(group -> {
                last.add(group.get(group.size() - 1));
                rest.addAll(group.subList(0, group.size() - 1));
            });
            writer.delete(rest);
            assertThat(writer.size()).isEqualTo(byGroup.size());
            assertThat(groups(mongo)).isEqualTo(byGroup.size());

            // Another process (the next start) sees only the entries not folded.
            try (HitJournal next = new HitJournal(mongo, Durability.WRITE_CONCERN, 100)) {
                List<HitJournal.Left> left = next.left(null);
                assertThat(left).extracting(HitJournal.Left::id).containsExactlyInAnyOrderElementsOf(last);
                next.delete(last);
            }
            assertThat(groups(mongo)).as("groups with nothing left are deleted").isZero();
        }
    }

    @Test
    void aGroupFoldedByAProcessThatDidNotWriteOrReadItGoesOnceEmpty() throws Exception {
        MongoTemplate mongo = template();
        String a;
        String b;
        try (HitJournal writer = new HitJournal(mongo, Durability.WRITE_CONCERN, 100)) {
            a = writer.append(Token.Kind.OPEN, hit(1));
            b = writer.append(Token.Kind.CLICK, hit(2));
        }
        try (HitJournal other = new HitJournal(mongo, Durability.WRITE_CONCERN, 100)) {
            other.delete(List.of(a));
            assertThat(other.size()).isEqualTo(1);
            other.delete(List.of(b));
            assertThat(other.size()).isZero();
            assertThat(groups(mongo)).isZero();
        }
    }

    private MongoTemplate template() {
        server.bind("127.0.0.1", 0);
        client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
        return new MongoTemplate(client, "genjin");
    }

    private static long groups(MongoTemplate mongo) {
        return mongo.getCollection(HitJournal.COLLECTION).countDocuments(new Document());
    }

    private static IncomingHit hit(int n) {
        return new IncomingHit("token-" + n, "203.0.113.5", "Mozilla/5.0", false, false,
                Instant.parse("2026-03-02T08:00:00Z").plusSeconds(n));
    }
}
