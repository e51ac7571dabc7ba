package io.genjin.store.linking;

import io.genjin.store.linking.SenderRule.Kind;
import java.time.Instant;
import java.util.List;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;

/**
 * The "not customer mail, always for this sender or domain" rules people set while correcting links.
 * Few, and read whole by linking (which keeps them in memory between reads).
 */
public class SenderRules {
    private final MongoOperations mongo;

    public SenderRules(MongoOperations mongo) {
        this.mongo = mongo;
    }

    public SenderRule set(Kind kind, String value, String byUserId, String reason, Instant at) {
        return mongo.save(new SenderRule(SenderRule.key(kind, value), kind, value.trim().toLowerCase(java.util.Locale.ROOT),
                byUserId, reason, at));
    }

    public boolean remove(String id) {
        return mongo.remove(org.springframework.data.mongodb.core.query.Query.query(
                org.springframework.data.mongodb.core.query.Criteria.where("id").is(id)), SenderRule.class).getDeletedCount() > 0;
    }

    public List<SenderRule> all() {
        return mongo.find(new org.springframework.data.mongodb.core.query.Query().with(Sort.by("id")), SenderRule.class);
    }
}
