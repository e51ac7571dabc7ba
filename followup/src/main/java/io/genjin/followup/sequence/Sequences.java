package io.genjin.followup.sequence;

import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/** Sequence templates. */
public final class Sequences {
    private final MongoOperations mongo;

    Sequences(MongoOperations mongo) {
        this.mongo = mongo;
    }

    public Sequence save(Sequence sequence) {
        return mongo.save(sequence);
    }

    public Optional<Sequence> find(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(mongo.findById(id, Sequence.class));
    }

    public List<Sequence> all(boolean withArchived) {
        Query query = withArchived ? new Query() : Query.query(Criteria.where("archived").is(false));
        return mongo.find(query.with(Sort.by("name")), Sequence.class);
    }
}
