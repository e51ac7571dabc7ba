package io.genjin.app.cli;

import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.autoconfigure.context.LifecycleAutoConfiguration;
import org.springframework.boot.autoconfigure.context.MessageSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration;
import org.springframework.boot.persistence.autoconfigure.PersistenceExceptionTranslationAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;

/**
 * The auto-configuration an import's application context takes, instead of all of it: the store's
 * (the driver's settings, Spring Data's template and mapping) and the general-purpose pieces its
 * beans may use. Not the web's, the pages', the security filters', the metrics', the health checks'
 * or the API documentation's: an import serves no request and is gone when it is done, and reading
 * and testing those 140-odd classes' conditions was about a tenth of its start-up. The import turns
 * the rest off with {@code spring.boot.enableautoconfiguration=false} ({@link ImportCommand}); the
 * server keeps all of it. Not a {@code @Configuration}, so the component scan passes it by: only an
 * import names it as a source.
 */
@org.springframework.boot.autoconfigure.ImportAutoConfiguration({
        PropertyPlaceholderAutoConfiguration.class, ConfigurationPropertiesAutoConfiguration.class,
        LifecycleAutoConfiguration.class, MessageSourceAutoConfiguration.class, SslAutoConfiguration.class,
        JacksonAutoConfiguration.class, TaskExecutionAutoConfiguration.class, TaskSchedulingAutoConfiguration.class,
        MongoAutoConfiguration.class, DataMongoAutoConfiguration.class, TransactionAutoConfiguration.class,
        PersistenceExceptionTranslationAutoConfiguration.class})
final class ImportAutoConfiguration {
    private ImportAutoConfiguration() {
    }
}
