package io.genjin.app.search;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the mail search.
 *
 * @param dir          where the index lives (default: {@code search} under the store's data directory)
 * @param catchUpEvery how often to index messages other processes stored (default: never on the
 *                     embedded store, where this process stores everything; every minute on a real MongoDB)
 */
@ConfigurationProperties("genjin.search")
record SearchProperties(Path dir, Duration catchUpEvery) {

    SearchProperties {
        if (catchUpEvery != null && catchUpEvery.isNegative()) {
            throw new IllegalArgumentException("genjin.search.catch-up-every must not be negative");
        }
    }
}
