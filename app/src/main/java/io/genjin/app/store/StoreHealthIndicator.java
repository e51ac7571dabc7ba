package io.genjin.app.store;

import org.bson.Document;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.stereotype.Component;

/**
 * Store health by a {@code ping}, which both the embedded server and MongoDB answer. It replaces
 * Boot's Mongo indicator, whose {@code hello} command the embedded server does not know.
 */
@Component("store")
class StoreHealthIndicator extends AbstractHealthIndicator {
    private final MongoOperations mongo;
    private final StoreProperties properties;

    StoreHealthIndicator(MongoOperations mongo, StoreProperties properties) {
        this.mongo = mongo;
        this.properties = properties;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Document answer = mongo.executeCommand(new Document("ping", 1));
        builder.up().withDetail("kind", properties.embedded() ? "embedded" : "mongodb")
                .withDetail("ping", answer.get("ok"));
    }
}
