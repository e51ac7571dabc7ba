package io.genjin.app.search;

import io.genjin.app.events.Backlog;
import io.genjin.app.roles.ConditionalOnRole;
import io.genjin.app.roles.Roles;
import io.genjin.app.store.StoreProperties;
import io.genjin.gateway.reading.MailContent;
import io.genjin.gateway.reading.MailReader;
import io.genjin.store.CrmStore;
import io.genjin.store.message.StoredMessage;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/**
 * The mail search where pages and the API are served: a Lucene index under the data directory, on the
 * embedded store and on a real MongoDB alike (docs/architecture.md, "Search", says why).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole(Roles.API)
class SearchConfiguration {

    @Bean(destroyMethod = "close")
    LuceneMailSearch mailSearch(CrmStore store, MailReader reader, StoreProperties storeProperties,
            SearchProperties properties, Clock clock) {
        Duration catchUp = properties.catchUpEvery() != null ? properties.catchUpEvery()
                : storeProperties.embedded() ? Duration.ZERO : Duration.ofMinutes(1);
        if (properties.dir() != null || storeProperties.embedded()) {
            return new LuceneMailSearch(properties.dir() != null ? properties.dir() : storeProperties.dataDir().resolve("search"),
                    new StoreMessages(store, reader), clock, catchUp, false);
        }
        // With MONGODB_URI nothing is written to the data directory: unless a directory is named, the
        // index is a cache of this process, built at start in a temporary directory and removed at stop.
        try {
            return new LuceneMailSearch(Files.createTempDirectory("genjin-search-"), new StoreMessages(store, reader), clock,
                    catchUp, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Messages handed to the index and not yet searchable: an import waits for them (after the events that hand them in). */
    @Bean
    @Order(2)
    Backlog searchBacklog(LuceneMailSearch search) {
        return Backlog.of("messages to index for search", search::backlog);
    }

    /** {@code genjin.search.behind}: messages handed to the index and not yet searchable (the benches wait for 0). */
    @Bean
    MeterBinder searchMetrics(LuceneMailSearch search) {
        return registry -> Gauge.builder("genjin.search.behind", search, LuceneMailSearch::backlog)
                .description("messages handed to the search index and not yet searchable (at least 1 while it builds)")
                .register(registry);
    }

    /** The store's messages, each message's text read as the pipeline read it, with the gateway's reader. */
    record StoreMessages(CrmStore store, MailReader reader) implements MessageSource {
        @Override
        public List<StoredMessage> byMessageIds(List<String> messageIds) {
            return store.messages().byMessageIds(messageIds);
        }

        @Override
        public Stream<StoredMessage> all() {
            return store.messages().streamAll();
        }

        @Override
        public Stream<StoredMessage> storedSince(Instant since) {
            return store.messages().streamStoredSince(since);
        }

        @Override
        public Optional<MailContent> content(StoredMessage message) {
            return reader.readForIndex(message);
        }
    }
}
