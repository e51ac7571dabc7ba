package io.genjin.app.store;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import io.genjin.store.CrmStore;
import io.genjin.store.DocumentChanges;
import io.genjin.store.Durability;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.mongodb.autoconfigure.MongoClientFactory;
import org.springframework.boot.mongodb.autoconfigure.MongoClientFactorySupport;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoOperations;

/**
 * Chooses the store: a real MongoDB when {@code MONGODB_URI} is set, otherwise the embedded server
 * under the data directory. Says at start which one is in use.
 */
@Configuration(proxyBeanMethods = false)
public class StoreConfiguration {
    private static final Logger log = LoggerFactory.getLogger(StoreConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedStore embeddedStore(StoreProperties properties) {
        if (!properties.embedded()) {
            log.info("Store: MongoDB at {}", redact(properties.mongodbUri()));
            return new EmbeddedStore(null);
        }
        EmbeddedMongoServer server = new EmbeddedMongoServer(properties.dataDir());
        log.info("Store: embedded MongoDB-wire server at {}, data file {}", server.connectionString(properties.database()),
                server.file());
        return new EmbeddedStore(server);
    }

    @Bean
    MongoConnectionDetails mongoConnectionDetails(StoreProperties properties, EmbeddedStore embedded) {
        String uri = embedded.server() == null ? properties.mongodbUri()
                : embedded.server().connectionString(properties.database());
        ConnectionString connection = new ConnectionString(uri);
        ConnectionString withDatabase = connection.getDatabase() != null ? connection
                : new ConnectionString(uri.replaceFirst("(mongodb(\\+srv)?://[^/?]+)/?", "$1/" + properties.database()));
        return () -> withDatabase;
    }

    /**
     * The driver client, made from Boot's settings and customizers exactly as Boot makes it; with the
     * embedded store its connections are in-process instead of over the loopback port.
     */
    @Bean
    MongoClient mongo(ObjectProvider<MongoClientSettingsBuilderCustomizer> customizers, MongoClientSettings settings,
            EmbeddedStore embedded) {
        List<MongoClientSettingsBuilderCustomizer> all = customizers.orderedStream().toList();
        if (embedded.server() == null) {
            return new MongoClientFactory(all).createMongoClient(settings);
        }
        return new MongoClientFactorySupport<MongoClient>(all, embedded.server()::client) {
        }.createMongoClient(settings);
    }

    @Bean
    Durability durability(EmbeddedStore embedded) {
        return embedded.server() == null ? Durability.WRITE_CONCERN : embedded.server();
    }

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        // Millisecond ticks: what MongoDB stores, so a value read back equals the value written.
        return Clock.tick(Clock.systemUTC(), Duration.ofMillis(1));
    }

    @Bean
    CrmStore crmStore(MongoOperations mongo, ObjectProvider<Clock> clock, StoreProperties properties, EmbeddedStore embedded) {
        return CrmStore.over(mongo, clock.getObject(), properties.embedded() ? CrmStore.Backend.EMBEDDED : CrmStore.Backend.MONGODB,
                embedded.server() == null ? DocumentChanges.NONE : embedded.server().changes());
    }

    static String redact(String uri) {
        return uri.replaceAll("//[^@/]*@", "//***@");
    }

    /** Holds the embedded server when one runs, so it closes with the application. */
    record EmbeddedStore(EmbeddedMongoServer server) implements AutoCloseable {
        @Override
        public void close() {
            if (server != null) {
                server.close();
            }
        }
    }
}
