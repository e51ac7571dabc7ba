package io.genjin.app.gateway.smtp;

import io.genjin.app.roles.ConditionalOnRole;
import io.genjin.app.roles.Roles;
import io.genjin.app.store.StoreProperties;
import io.genjin.gateway.MailIngestion;
import io.genjin.gateway.smtp.KnownSenders;
import io.genjin.gateway.smtp.SmtpDropbox;
import io.genjin.store.CrmStore;
import io.genjin.store.Durability;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Runs the SMTP dropbox beside the web server when the ingestion pipeline is present.
 *
 * <p>The pipeline ({@link MailIngestion}) is looked up when the dropbox starts rather than required
 * with {@code @ConditionalOnBean}: on a component-scanned configuration that condition depends on
 * the order classes are scanned in (Spring Boot advises it for auto-configurations only). Without a
 * pipeline the dropbox says so once and stays closed; it never accepts mail it cannot keep.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole(Roles.GATEWAY)
@ConditionalOnProperty(name = "genjin.dropbox.enabled", havingValue = "true", matchIfMissing = true)
public class SmtpDropboxConfiguration {

    @Bean
    DropboxLifecycle smtpDropbox(SmtpDropboxProperties properties, CrmStore store,
            ObjectProvider<MailIngestion> ingestion, Durability durability, StoreProperties storeProperties) {
        // The journal where the store's flush is a commit of its file: in the data directory, beside it.
        Path journal = durability.commits() ? storeProperties.dataDir().resolve("dropbox-journal") : null;
        return new DropboxLifecycle(properties, store, ingestion, journal);
    }

    /**
     * Starts with the web server and stops first on shutdown (the highest phase), so no new mail is
     * taken while the store closes; a transaction cut off then was never acknowledged and the client
     * sends it again.
     */
    public static final class DropboxLifecycle implements SmartLifecycle {
        private static final Logger log = LoggerFactory.getLogger(DropboxLifecycle.class);
        private final SmtpDropboxProperties properties;
        private final CrmStore store;
        private final ObjectProvider<MailIngestion> ingestion;
        private final Path journal;
        private volatile SmtpDropbox dropbox;

        DropboxLifecycle(SmtpDropboxProperties properties, CrmStore store, ObjectProvider<MailIngestion> ingestion, Path journal) {
            this.properties = properties;
            this.store = store;
            this.ingestion = ingestion;
            this.journal = journal;
        }

        @Override
        public void start() {
            MailIngestion pipeline = ingestion.getIfUnique();
            if (pipeline == null) {
                log.warn("SMTP dropbox not started: this build has no mail ingestion pipeline");
                return;
            }
            dropbox = new SmtpDropbox(properties.settings(), KnownSenders.of(store.users()), pipeline, journal,
                    properties.checkpointEvery()).start();
        }

        @Override
        public void stop() {
            SmtpDropbox running = dropbox;
            dropbox = null;
            if (running != null) {
                running.close();
            }
        }

        @Override
        public boolean isRunning() {
            return dropbox != null;
        }

        /** The bound port, or -1 when the dropbox is not listening. */
        public int port() {
            SmtpDropbox running = dropbox;
            return running == null ? -1 : running.port();
        }
    }
}
