package io.genjin.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.h2.mvstore.WriteBuffer;
import org.junit.jupiter.api.Test;

class IndexKeyTypeTest {
    private final IndexKeyType type = new IndexKeyType();

    @Test
    void keysCompareEqualExactlyWhenTheyAreEqualAndTheOrderIsATotalOne() {
        List<KeyValue> keys = randomKeys(400);
        for (KeyValue a : keys) {
            for (KeyValue b : keys) {
                int ab = type.compare(a, b);
                assertThat(ab == 0).as("%s vs %s", a, b).isEqualTo(a.equals(b));
                assertThat(Integer.signum(ab)).isEqualTo(-Integer.signum(type.compare(b, a)));
            }
        }
        List<KeyValue> sorted = new ArrayList<>(keys);
        sorted.sort(type);
        for (int i = 0; i + 2 < sorted.size(); i += 3) {
            // a <= b and b <= c imply a <= c
            assertThat(type.compare(sorted.get(i), sorted.get(i + 2))).isLessThanOrEqualTo(0);
        }
    }

    @Test
    void keysAndDocumentsSurviveTheirStoredForm() {
        List<Object> values = new ArrayList<>(randomKeys(200));
        values.add(new KeyValue(Arrays.asList(new Document("nested", List.of(1, "two")), 3)));
        values.add(new Document("_id", new ObjectId()).append("subject", "询价 RFQ").append("n", 7L)
                .append("at", Instant.ofEpochMilli(1_780_000_000_000L)).append("list", List.of(1, 2.5, "x"))
                .append("none", null).append("sub", new Document("bytes", new byte[] {1, 2, 3})));
        values.add(new ObjectId());
        values.add("plain string");
        WriteBuffer buffer = new WriteBuffer();
        for (Object value : values) {
            type.write(buffer, value);
        }
        ByteBuffer read = buffer.getBuffer();
        read.flip();
        for (Object value : values) {
            Object back = type.read(read);
            if (value instanceof Document document) {
                assertThat(((Document) back).get("sub")).extracting(d -> ((Document) d).get("bytes"))
                        .isEqualTo(new byte[] {1, 2, 3});
                document.remove("sub");
                ((Document) back).remove("sub");
            }
            assertThat(back).isEqualTo(value);
        }
        assertThat(read.hasRemaining()).isFalse();
    }

    @Test
    void aLargeBinaryCountsAtLeastItsBytesInTheCache() {
        // A GridFS chunk as the server holds it after decoding the wire's BSON: its bytes in a BinData.
        Document chunk = new Document("files_id", new ObjectId()).append("n", 0)
                .append("data", new BinData(new byte[261_120]));
        assertThat(type.getMemory(chunk)).isGreaterThan(261_120);
        assertThat(type.getMemory(new Document("raw", new byte[50_000]))).isGreaterThan(50_000);
    }

    private static List<KeyValue> randomKeys(int count) {
        Random random = new Random(3);
        Object[] pool = {"a", "b", "ab", "", "报价", 0, 1, -1, 1L, 2L, 0.5, 1.0, true, false, null,
                new ObjectId("65a000000000000000000001"), new ObjectId("65a000000000000000000002"),
                Instant.EPOCH, Instant.ofEpochSecond(1)};
        List<KeyValue> keys = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int size = 1 + random.nextInt(2);
            List<Object> values = new ArrayList<>();
            for (int j = 0; j < size; j++) {
                values.add(pool[random.nextInt(pool.length)]);
            }
            keys.add(new KeyValue(values));
        }
        return keys;
    }
}
