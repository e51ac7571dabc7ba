package io.genjin.store.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.genjin.store.EmbeddedMongo;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Raw messages and attachments: small ones inline in one insert, large ones in GridFS, both kept once. */
class MailArchiveTest {
    private final EmbeddedMongo mongo = new EmbeddedMongo();
    private final MailArchive archive = MailArchive.over(mongo.template());

    @AfterEach
    void stop() {
        mongo.close();
    }

    private static byte[] bytes(int size) {
        byte[] b = new byte[size];
        new Random(size).nextBytes(b);
        return b;
    }

    @Test
    void smallRawsAndAttachmentsAreWrittenAsDocumentsWithoutTheMapping() throws Exception {
        // Every message writes its raw, and most of its attachments, through these inserts.
        org.springframework.data.mongodb.core.MongoTemplate noMapping = new org.springframework.data.mongodb.core.MongoTemplate(
                mongo.template().getMongoDatabaseFactory()) {
            @Override
            public <T> T insert(T objectToSave, String collectionName) {
                throw new AssertionError("mapped insert into " + collectionName);
            }
        };
        MailArchive direct = MailArchive.over(noMapping);
        byte[] raw = bytes(3_000);
        assertThat(direct.raw().keep("sha256-d", () -> new ByteArrayInputStream(raw))).isTrue();
        assertThat(direct.raw().keep("sha256-d", () -> new ByteArrayInputStream(raw))).as("kept before").isFalse();
        assertThat(direct.attachments().store("m9/1", "pi.pdf", "application/pdf", new ByteArrayInputStream(bytes(9)), 1 << 20))
                .isEqualTo("m9/1");
        assertThat(direct.attachments().store("m9/1", "pi.pdf", "application/pdf", new ByteArrayInputStream(bytes(9)), 1 << 20))
                .as("kept before").isEqualTo("m9/1");
        try (InputStream in = archive.raw().open("sha256-d").orElseThrow()) {
            assertThat(in.readAllBytes()).isEqualTo(raw);
        }
        try (InputStream in = archive.attachments().open("m9/1")) {
            assertThat(in.readAllBytes()).isEqualTo(bytes(9));
        }
        org.bson.Document stored = mongo.template().getCollection(Attachments.INLINE).find().first();
        assertThat(stored).containsEntry("_id", "m9/1").containsEntry("name", "pi.pdf").containsEntry("contentType", "application/pdf")
                .containsEntry("length", 9L);
    }

    @Test
    void smallRawIsOneInlineDocumentAndKeepingItAgainIsANoOp() throws Exception {
        byte[] raw = bytes(2_000);
        assertThat(archive.raw().keep("sha256-a", () -> new ByteArrayInputStream(raw))).isTrue();
        assertThat(archive.raw().keep("sha256-a", () -> new ByteArrayInputStream(raw))).isFalse();
        assertThat(mongo.template().getCollection(RawMessages.INLINE).countDocuments()).isEqualTo(1);
        try (InputStream in = archive.raw().open("sha256-a").orElseThrow()) {
            assertThat(in.readAllBytes()).isEqualTo(raw);
        }
    }

    @Test
    void smallRawsAreKeptInTheOrderTheyCameUnderTheirKeyAndAStoreBegunSoLooksThemUpByKeyAlone() throws Exception {
        byte[] first = bytes(1_000);
        byte[] second = bytes(1_001);
        archive.raw().keep("sha256-f", () -> new ByteArrayInputStream(first));
        archive.raw().keep("sha256-e", () -> new ByteArrayInputStream(second));
        List<org.bson.Document> kept = mongo.template().getCollection(RawMessages.INLINE).find()
                .sort(new org.bson.Document("_id", 1)).into(new java.util.ArrayList<>());
        assertThat(kept).extracting(d -> d.get(RawMessages.KEY)).as("by _id: the order they were kept in, not by key")
                .containsExactly("sha256-f", "sha256-e");
        assertThat(kept).allSatisfy(d -> assertThat(d.get("_id")).isInstanceOf(org.bson.types.ObjectId.class));
        assertThat(archive.raw().keep("sha256-f", () -> new ByteArrayInputStream(first))).isFalse();
        assertThat(archive.raw().has("sha256-none")).isFalse();
        assertThat(archive.raw().open("sha256-none")).isEmpty();

        // Begun in this layout, and still so when opened again: nothing is kept the earlier ways here,
        // and they are not looked for (a document shaped so is not found, which no version writes here).
        MailArchive reopened = MailArchive.over(mongo.template());
        mongo.template().getCollection(RawMessages.INLINE).insertOne(new org.bson.Document("_id", "sha256-shaped-old")
                .append("length", 3L).append("content", new org.bson.types.Binary(new byte[3])));
        assertThat(reopened.raw().has("sha256-shaped-old")).isFalse();
        assertThat(reopened.raw().has("sha256-e")).isTrue();
        assertThat(reopened.raw().keep("sha256-e", () -> new ByteArrayInputStream(second))).isFalse();
    }

    @Test
    void rawKeptByEarlierVersionsWithTheKeyAsIdOrAsFileNameStillCountsInAStoreTheyWrote() throws Exception {
        try (EmbeddedMongo earlier = new EmbeddedMongo()) {
            // Written before keys had a field of their own: inline with the key as _id; before that, in
            // GridFS under an id of its own with the key as file name.
            byte[] small = bytes(1_002);
            earlier.template().getCollection(RawMessages.INLINE).insertOne(new org.bson.Document("_id", "sha256-old")
                    .append("length", (long) small.length).append("content", new org.bson.types.Binary(small)));
            byte[] large = bytes(RawMessages.INLINE_MAX_BYTES + 10);
            new org.springframework.data.mongodb.gridfs.GridFsTemplate(earlier.template().getMongoDatabaseFactory(),
                    earlier.template().getConverter(), "raw").store(new ByteArrayInputStream(large), "sha256-old-large",
                    "message/rfc822");

            MailArchive opened = MailArchive.over(earlier.template());
            assertThat(opened.raw().has("sha256-old")).isTrue();
            assertThat(opened.raw().size("sha256-old")).contains((long) small.length);
            try (InputStream in = opened.raw().open("sha256-old").orElseThrow()) {
                assertThat(in.readAllBytes()).isEqualTo(small);
            }
            assertThat(opened.raw().keep("sha256-old", () -> new ByteArrayInputStream(small))).as("kept before").isFalse();
            assertThat(opened.raw().keep("sha256-old-large", () -> new ByteArrayInputStream(large))).as("kept before").isFalse();
            try (InputStream in = opened.raw().open("sha256-old-large").orElseThrow()) {
                assertThat(in.readAllBytes()).isEqualTo(large);
            }
            assertThat(opened.raw().keep("sha256-new", () -> new ByteArrayInputStream(bytes(1_003)))).isTrue();
            assertThat(earlier.template().getCollection(RawMessages.INLINE).countDocuments()).isEqualTo(2);
            assertThat(MailArchive.over(earlier.template()).raw().has("sha256-old")).as("opened again: still looked for").isTrue();
        }
    }

    @Test
    void largeRawGoesToGridFsOnce() throws Exception {
        byte[] raw = bytes(RawMessages.INLINE_MAX_BYTES + 10);
        assertThat(archive.raw().keep("sha256-b", () -> new ByteArrayInputStream(raw))).isTrue();
        assertThat(archive.raw().keep("sha256-b", () -> new ByteArrayInputStream(raw))).isFalse();
        assertThat(archive.raw().size("sha256-b")).contains((long) raw.length);
        try (InputStream in = archive.raw().open("sha256-b").orElseThrow()) {
            assertThat(in.readAllBytes()).isEqualTo(raw);
        }
    }

    @Test
    void attachmentsSmallInlineLargeInGridFsOverTheLimitNotKept() throws Exception {
        byte[] small = bytes(9);
        byte[] large = bytes(Attachments.INLINE_MAX_BYTES * 2);
        Attachments attachments = archive.attachments();
        assertThat(attachments.store("m1/1", "pi.pdf", "application/pdf", new ByteArrayInputStream(small), 1 << 20))
                .isEqualTo("m1/1");
        assertThat(attachments.store("m1/1", "pi.pdf", "application/pdf", new ByteArrayInputStream(small), 1 << 20))
                .as("stored again: same id, one copy").isEqualTo("m1/1");
        assertThat(attachments.store("m1/2", "catalogue.zip", "application/zip", new ByteArrayInputStream(large), 1 << 20))
                .isEqualTo("m1/2");
        assertThat(attachments.store("m1/2", "catalogue.zip", "application/zip", new ByteArrayInputStream(large), 1 << 20))
                .isEqualTo("m1/2");
        ByteArrayInputStream tooBig = new ByteArrayInputStream(large);
        assertThat(attachments.store("m1/3", "video.mp4", "video/mp4", tooBig, Attachments.INLINE_MAX_BYTES + 1)).isNull();
        assertThat(tooBig.available()).as("the stream is consumed all the same").isZero();
        assertThat(attachments.store("m1/4", "logo.png", "image/png", new ByteArrayInputStream(small), 4)).isNull();

        assertThat(mongo.template().getCollection(Attachments.INLINE).countDocuments()).isEqualTo(1);
        assertThat(mongo.template().getCollection("attachments.files").countDocuments()).isEqualTo(1);
        try (InputStream in = attachments.open("m1/1")) {
            assertThat(in.readAllBytes()).isEqualTo(small);
        }
        try (InputStream in = attachments.open("m1/2")) {
            assertThat(in.readAllBytes()).isEqualTo(large);
        }
    }

    /** A process killed between a GridFS file's chunks and its files document leaves chunks no file owns. */
    private void leaveChunksOfAWriteCutShort(String bucket, String key, byte[] content) {
        var chunks = mongo.template().getCollection(bucket + ".chunks");
        chunks.insertOne(new org.bson.Document("files_id", key).append("n", 0)
                .append("data", new org.bson.types.Binary(java.util.Arrays.copyOf(content, 255 * 1024))));
        assertThat(mongo.template().getCollection(bucket + ".files").countDocuments()).isZero();
    }

    private long chunks(String bucket, String key) {
        return mongo.template().getCollection(bucket + ".chunks").countDocuments(new org.bson.Document("files_id", key));
    }

    @Test
    void aLargeRawOrAttachmentWhoseWriteWasCutShortIsWrittenWholeTheNextTime() throws Exception {
        byte[] raw = bytes(600 * 1024);
        leaveChunksOfAWriteCutShort("raw", "sha256-cut", raw);
        assertThat(archive.raw().has("sha256-cut")).as("chunks without a file are not a kept message").isFalse();
        assertThat(archive.raw().keep("sha256-cut", () -> new ByteArrayInputStream(raw))).isTrue();
        try (InputStream in = archive.raw().open("sha256-cut").orElseThrow()) {
            assertThat(in.readAllBytes()).isEqualTo(raw);
        }
        assertThat(chunks("raw", "sha256-cut")).as("255 KiB chunks").isEqualTo(3);
        assertThat(archive.raw().keep("sha256-cut", () -> new ByteArrayInputStream(raw))).isFalse();

        byte[] catalogue = bytes(700 * 1024);
        leaveChunksOfAWriteCutShort("attachments", "m2/1", catalogue);
        assertThat(archive.attachments().store("m2/1", "catalogue.pdf", "application/pdf", new ByteArrayInputStream(catalogue),
                1 << 20)).isEqualTo("m2/1");
        try (InputStream in = archive.attachments().open("m2/1")) {
            assertThat(in.readAllBytes()).isEqualTo(catalogue);
        }
        assertThat(chunks("attachments", "m2/1")).isEqualTo(3);
    }

    @Test
    void anAttachmentFoundOverTheLimitAfterItsFirstChunksLeavesNoChunkBehind() {
        byte[] video = bytes(900 * 1024);
        assertThat(archive.attachments().store("m3/1", "video.mp4", "video/mp4", new ByteArrayInputStream(video), 600 * 1024))
                .isNull();
        assertThat(chunks("attachments", "m3/1")).as("two chunks were written before the limit was passed").isZero();
        assertThat(mongo.template().getCollection("attachments.files").countDocuments()).isZero();
    }
}
