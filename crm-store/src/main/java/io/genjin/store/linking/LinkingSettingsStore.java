package io.genjin.store.linking;

import java.time.Instant;
import java.util.List;
import org.springframework.data.mongodb.core.MongoOperations;

/** The one {@link LinkingSettings} document, read by {@code _id}. */
public class LinkingSettingsStore {
    private final MongoOperations mongo;

    public LinkingSettingsStore(MongoOperations mongo) {
        this.mongo = mongo;
    }

    public LinkingSettings get() {
        LinkingSettings found = mongo.findById(LinkingSettings.ID, LinkingSettings.class);
        return found == null ? LinkingSettings.NONE : found;
    }

    public LinkingSettings save(List<String> internalDomains, List<String> automatedDomains, String byUserId, Instant at) {
        return mongo.save(new LinkingSettings(LinkingSettings.ID, internalDomains, automatedDomains, byUserId, at));
    }
}
