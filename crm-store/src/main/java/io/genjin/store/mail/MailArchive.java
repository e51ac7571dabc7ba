package io.genjin.store.mail;

import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;

/**
 * What the mail gateway keeps besides messages: raw messages and attachment content (small ones
 * inline, large ones in GridFS, {@link KeyedFiles}: streamed in chunks, so a 100 MB attachment never
 * sits in memory) and the replayable error store. Kept apart from {@link io.genjin.store.CrmStore} so transports that do not ingest need not know it.
 */
public record MailArchive(RawMessages raw, Attachments attachments, FailedMessages failures) {
    /**
     * The layouts a store was begun in, one document each: {@code _id} {@value #RAW_BY_KEY} when its
     * raw messages were first kept with their key in a field of their own (none kept the earlier ways).
     */
    static final String LAYOUTS = "store_layouts";
    static final String RAW_BY_KEY = "raw_by_key";
    /** The GridFS bucket of raw messages too large to keep inline. */
    static final String RAW_BUCKET = "raw";

    public static MailArchive over(MongoTemplate mongo) {
        // Before anything here creates them: no raw kept yet, so none in an earlier layout either.
        boolean rawBegun = mongo.collectionExists(RawMessages.INLINE) || mongo.collectionExists(RAW_BUCKET + ".files");
        mongo.indexOps(FailedMessage.class).createIndex(new Index().on("resolvedAt", org.springframework.data.domain.Sort.Direction.ASC)
                .on("failedAt", org.springframework.data.domain.Sort.Direction.DESC).named("failure_open"));
        mongo.indexOps(RawMessages.INLINE).createIndex(new Index().on(RawMessages.KEY, org.springframework.data.domain.Sort.Direction.ASC)
                .unique().sparse().named("raw_key"));
        if (!rawBegun) {
            mongo.save(new Document("_id", RAW_BY_KEY), LAYOUTS);
        }
        boolean earlierLayouts = rawBegun && mongo.findById(RAW_BY_KEY, Document.class, LAYOUTS) == null;
        return new MailArchive(new RawMessages(mongo, new KeyedFiles(mongo, RAW_BUCKET), earlierLayouts),
                new Attachments(mongo, new KeyedFiles(mongo, "attachments")), new FailedMessages(mongo));
    }
}
