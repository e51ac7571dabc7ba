package io.genjin.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which filters {@link InList} answers itself (the look-ups it is for), and which it leaves to the stock matcher. */
class InListTest {
    private final InList in = new InList();

    private static Document in(String field, List<?> values) {
        return new Document(field, new Document("$in", values));
    }

    @Test
    void aLookUpByMessageIdsOrByPositionsOrByObjectIdsIsAnsweredFromTheSet() {
        Document byMessageIds = in("messageId", List.of("<1@x>", "<2@x>"));
        assertThat(in.matches(new Document("messageId", "<2@x>"), byMessageIds)).isTrue();
        assertThat(in.matches(new Document("messageId", "<3@x>"), byMessageIds)).isFalse();
        Document byPositions = in("_id", List.of(7L, 8L, 9L));
        assertThat(in.matches(new Document("_id", 8L), byPositions)).isTrue();
        assertThat(in.matches(new Document("_id", 10L), byPositions)).isFalse();
        ObjectId id = new ObjectId("65a000000000000000000001");
        assertThat(in.matches(new Document("_id", id), in("_id", List.of(id)))).isTrue();
    }

    @Test
    void everythingElseIsLeftToTheStockMatcher() {
        Document byNumbers = in("_id", List.of(7L, 8L));
        assertThat(in.matches(new Document("_id", 8), byNumbers)).as("a number of another width").isNull();
        assertThat(in.matches(new Document("_id", 8.0), byNumbers)).isNull();
        assertThat(in.matches(new Document("v", List.of("a")), in("v", List.of("a")))).as("a stored list").isNull();
        assertThat(in.matches(new Document(), in("v", List.of("a")))).as("missing").isNull();
        assertThat(in.matches(new Document("v", null), in("v", Arrays.asList("a", null)))).isNull();
        assertThat(in.matches(new Document("v", "a"), in("v", List.of("a", 1L)))).as("mixed types").isNull();
        assertThat(in.matches(new Document("v", 1.0), in("v", List.of(1.0)))).as("doubles").isNull();
        assertThat(in.matches(new Document("m", new Document("x", "a")), in("m.x", List.of("a")))).as("dotted").isNull();
        assertThat(in.matches(new Document("v", "a"), in("v", List.of("a")).append("n", 1))).as("two conditions").isNull();
        assertThat(in.matches(new Document("v", "a"), new Document("v", new Document("$in", List.of("a")).append("$ne", "b"))))
                .isNull();
        assertThat(in.matches(new Document("v", "a"), new Document("v", "a"))).as("equality").isNull();
    }
}
