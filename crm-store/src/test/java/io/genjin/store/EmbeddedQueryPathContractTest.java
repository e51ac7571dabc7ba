package io.genjin.store;

import java.time.Clock;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The store contract on the embedded server, read the way a real MongoDB is read (range queries,
 * no in-process indexes), so that path is exercised where no Docker engine runs.
 */
class EmbeddedQueryPathContractTest implements StoreContract {
    private EmbeddedMongo mongo;
    private CrmStore store;

    @BeforeEach
    void start() {
        mongo = new EmbeddedMongo();
        store = CrmStore.over(mongo.template(), Clock.fixed(T0, ZoneOffset.UTC), CrmStore.Backend.MONGODB);
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
