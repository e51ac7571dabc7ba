package io.genjin.app.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Updates;
import io.genjin.testing.LogLines;
import java.nio.file.Path;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RefusedCommandFilterTest {
    @TempDir
    Path dir;

    @Test
    void aRefusedLeaseIsNotLoggedButOtherRefusalsAre() {
        try (LogLines seen = LogLines.of(RefusedCommandFilter.SERVER_LOGGER);
                EmbeddedMongoServer server = new EmbeddedMongoServer(dir);
                MongoClient client = MongoClients.create(server.connectionString("genjin"))) {
            MongoCollection<Document> leases = client.getDatabase("genjin").getCollection("leases");
            leases.insertOne(new Document("_id", "job").append("holder", "a"));
            // Another holder asks for the lease the way ShedLock and the mailbox leases do: the upsert
            // collides with the held lease on _id, which is how the store says "taken".
            assertThatThrownBy(() -> leases.findOneAndUpdate(
                    Filters.and(Filters.eq("_id", "job"), Filters.eq("holder", "b")),
                    Updates.set("holder", "b"), new FindOneAndUpdateOptions().upsert(true)))
                    .isInstanceOf(MongoCommandException.class)
                    .hasMessageContaining("E11000");
            assertThat(seen.atLeast(Level.ERROR)).as("a duplicate key is a normal answer").isEmpty();

            assertThatThrownBy(() -> leases.find(new Document("holder", new Document("$noSuchOperator", 1))).first())
                    .isInstanceOf(MongoCommandException.class);
            assertThat(seen.atLeast(Level.ERROR)).as("any other refusal is still the server's to report")
                    .anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("$noSuchOperator"));
        }
    }
}
