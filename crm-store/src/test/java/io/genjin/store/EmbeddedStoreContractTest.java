package io.genjin.store;

import java.time.Clock;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The store contract against the embedded MongoDB-wire server. */
class EmbeddedStoreContractTest implements StoreContract {
    private EmbeddedMongo mongo;
    private CrmStore store;

    @BeforeEach
    void start() {
        mongo = new EmbeddedMongo();
        store = mongo.store(Clock.fixed(T0, ZoneOffset.UTC));
    }

    @AfterEach
    void stop() {
        mongo.close();
    }

    @Override
    public CrmStore store() {
        return store;
    }
}
