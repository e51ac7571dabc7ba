package io.genjin.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

/** {@link RevisedWrites} on the product's embedded store: written over the revision read, or refused. */
class RevisedWritesTest {
    private final EmbeddedMongo embedded = new EmbeddedMongo();
    private final MongoTemplate mongo = embedded.template();

    @AfterEach
    void stop() {
        embedded.close();
    }

    private static Document doc(String id, long r, String value) {
        return new Document("_id", id).append("v", value).append("r", r);
    }

    private String valueOf(String id) {
        return mongo.findById(id, Document.class, "counts").getString("v");
    }

    @Test
    void documentsAreInsertedWhereNoneWasReadAndReplacedOverTheRevisionRead() {
        assertThat(RevisedWrites.write(mongo, "counts", "r", List.of(new RevisedWrites.Revised(doc("a", 1, "a1"), null),
                new RevisedWrites.Revised(doc("b", 1, "b1"), null)))).isTrue();
        assertThat(RevisedWrites.write(mongo, "counts", "r", List.of(new RevisedWrites.Revised(doc("a", 2, "a2"), 1L)))).isTrue();
        assertThat(valueOf("a")).isEqualTo("a2");
        assertThat(RevisedWrites.write(mongo, "counts", "r", List.of())).isTrue();
    }

    @Test
    void aDocumentAnotherWriterMovedOnIsNotOverwrittenAndTheOthersStillGoIn() {
        RevisedWrites.write(mongo, "counts", "r", List.of(new RevisedWrites.Revised(doc("a", 1, "a1"), null),
                new RevisedWrites.Revised(doc("b", 1, "b1"), null)));
        // Another writer read "a" at 1 and wrote it at 2; this one read it at 1 too.
        RevisedWrites.write(mongo, "counts", "r", List.of(new RevisedWrites.Revised(doc("a", 2, "theirs"), 1L)));
        boolean all = RevisedWrites.write(mongo, "counts", "r", List.of(new RevisedWrites.Revised(doc("a", 2, "mine"), 1L),
                new RevisedWrites.Revised(doc("b", 2, "b2"), 1L)));
        assertThat(all).isFalse();
        assertThat(valueOf("a")).isEqualTo("theirs");
        assertThat(valueOf("b")).isEqualTo("b2");
    }

    @Test
    void aDocumentInsertedByAnotherWriterFirstIsNotOverwritten() {
        RevisedWrites.write(mongo, "counts", "r", List.of(new RevisedWrites.Revised(doc("a", 1, "theirs"), null)));
        boolean all = RevisedWrites.write(mongo, "counts", "r", List.of(new RevisedWrites.Revised(doc("a", 1, "mine"), null),
                new RevisedWrites.Revised(doc("c", 1, "c1"), null)));
        assertThat(all).isFalse();
        assertThat(valueOf("a")).isEqualTo("theirs");
        assertThat(valueOf("c")).isEqualTo("c1");
    }
}
