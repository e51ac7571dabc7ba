package io.genjin.store;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.time.Clock;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.mongodb.MongoDBContainer;

/** The store contract against a real MongoDB; skipped where no Docker engine runs. */
@Testcontainers(disabledWithoutDocker = true)
class MongoDbStoreContractTest implements StoreContract {
    @Container
    static final MongoDBContainer MONGO = new MongoDBContainer("mongo:8.0");

    private MongoClient client;
    private CrmStore store;

    @BeforeEach
    void start() {
        client = MongoClients.create(MONGO.getReplicaSetUrl());
        MongoTemplate template = new MongoTemplate(client, "genjin_" + System.nanoTime());
        store = CrmStore.over(template, Clock.fixed(T0, ZoneOffset.UTC));
    }

    @AfterEach
    void stop() {
        client.close();
    }

    @Override
    public CrmStore store() {
        return store;
    }
}
