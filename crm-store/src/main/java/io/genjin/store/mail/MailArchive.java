package io.genjin.store.mail;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;

/**
 * What the mail gateway keeps besides messages: raw messages and attachment content (small ones
 * inline, large ones in GridFS, {@link KeyedFiles}: streamed in chunks, so a 100 MB attachment never
 * sits in memory) and the replayable error store. Kept apart from {@link io.genjin.store.CrmStore} so transports that do not ingest need not know it.
 */
public record MailArchive(RawMessages raw, Attachments attachments, FailedMessages failures) {

    public static MailArchive over(MongoTemplate mongo) {
        mongo.indexOps(FailedMessage.class).createIndex(new Index().on("resolvedAt", org.springframework.data.domain.Sort.Direction.ASC)
                .on("failedAt", org.springframework.data.domain.Sort.Direction.DESC).named("failure_open"));
        mongo.indexOps(RawMessages.INLINE).createIndex(new Index().on(RawMessages.KEY, org.springframework.data.domain.Sort.Direction.ASC)
                .unique().sparse().named("raw_key"));
        return new MailArchive(new RawMessages(mongo, new KeyedFiles(mongo, "raw")),
                new Attachments(mongo, new KeyedFiles(mongo, "attachments")), new FailedMessages(mongo));
    }
}
