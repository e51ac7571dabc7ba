package io.genjin.store.linking;

import io.genjin.store.linking.SenderRule.Kind;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;

/**
 * The "not customer mail, always for this sender or domain" rules people set while correcting links.
 * Looked up by {@code _id} for every external party of every message, so each lookup is one index hit
 * on either store.
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

    /** The rule covering this address: its own, else its domain's or a parent domain's. */
    public Optional<SenderRule> covering(String address) {
        if (address == null) {
            return Optional.empty();
        }
        SenderRule own = mongo.findById(SenderRule.key(Kind.ADDRESS, address), SenderRule.class);
        if (own != null) {
            return Optional.of(own);
        }
        for (String d = MailDomains.domainOf(address); d != null && d.indexOf('.') > 0; d = d.substring(d.indexOf('.') + 1)) {
            SenderRule rule = mongo.findById(SenderRule.key(Kind.DOMAIN, d), SenderRule.class);
            if (rule != null) {
                return Optional.of(rule);
            }
        }
        return Optional.empty();
    }
}
