package io.genjin.app.relay;

import io.genjin.app.schedule.Repeating;
import io.genjin.app.roles.ConditionalOnRole;
import io.genjin.app.roles.Roles;
import io.genjin.app.store.StoreProperties;
import io.genjin.gateway.MailIngestion;
import io.genjin.gateway.pipeline.Understanding;
import io.genjin.gateway.relay.Instrumentation;
import io.genjin.gateway.relay.JakartaUpstream;
import io.genjin.gateway.relay.OutboundSender;
import io.genjin.gateway.relay.RelaySettings;
import io.genjin.gateway.relay.RelayTls;
import io.genjin.gateway.relay.RetryPolicy;
import io.genjin.gateway.relay.SmtpRelay;
import io.genjin.gateway.relay.Upstream;
import io.genjin.store.CrmStore;
import io.genjin.store.Durability;
import io.genjin.store.mail.MailArchive;
import io.genjin.store.mailbox.MailboxStore;
import io.genjin.store.relay.RelayStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * Outbound mail: the relay store, the one sending path ({@link OutboundSender}, shared with
 * sequences), the SMTP relay listener and the retry-queue scan. The listener and the scan run only
 * in the server (not in command-line tools). Tracking comes through the {@link Instrumentation} port:
 * whichever bean implements it, or none.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole({Roles.GATEWAY, Roles.API, Roles.FOLLOWUP})
public class RelayConfiguration {
    private static final Logger log = LoggerFactory.getLogger(RelayConfiguration.class);
    static final String KEY_STORE = "relay-keystore.p12";
    static final String KEY_STORE_PASSWORD = "relay-keystore.password";
    static final String KEYS = "relay_keys";

    @Bean
    RelayStore relayStore(MongoOperations mongo, Clock clock) {
        return RelayStore.over(mongo, clock);
    }

    @Bean
    OutboundSender outboundSender(CrmStore crm, MailboxStore mailboxes, RelayStore relay, MailArchive archive,
            ObjectProvider<Instrumentation> instrumentation, ObjectProvider<Understanding> understanding,
            ObjectProvider<MailIngestion> ingestion, Durability durability, RelayProperties properties, Clock clock,
            io.genjin.store.outbound.OutboundGuard guard) {
        Upstream upstream = new JakartaUpstream(properties.upstreamTimeout(), guard);
        MailIngestion pipeline = ingestion.getIfUnique(() -> (mail, source) -> {
            throw new IllegalStateException("no ingestion pipeline in this build: sent mail cannot be logged");
        });
        return new OutboundSender(crm, mailboxes, relay, archive, upstream,
                instrumentation.getIfUnique(() -> Instrumentation.NONE), understanding.getIfUnique(() -> Understanding.NONE),
                pipeline, durability, new RetryPolicy(RetryPolicy.DEFAULT.delays(), properties.deliveryLease()),
                properties.hostname(), clock);
    }

    @Bean
    @ConditionalOnWebApplication
    @ConditionalOnRole(Roles.GATEWAY)
    RelayLifecycle smtpRelay(RelayProperties properties, StoreProperties store, MongoOperations mongo, CrmStore crm,
            RelayStore relay, OutboundSender sender, Clock clock) {
        return new RelayLifecycle(properties, store, mongo, crm, relay, sender, clock);
    }

    /**
     * The key store the relay uses: the configured one; else, on the embedded store, a self-signed one
     * made once in the data directory; else (a real MongoDB, maybe several replicas) a self-signed one
     * made once and kept in the database, so every replica presents the same certificate and nothing
     * is written to local disk.
     */
    static RelaySettings settings(RelayProperties p, StoreProperties store, MongoOperations mongo) {
        Path keyStore = p.keyStore();
        if (keyStore != null && !keyStore.toString().isBlank()) {
            return new RelaySettings(p.host(), p.port(), p.hostname(), keyStore, p.keyStorePassword(),
                    p.maxSize().toBytes(), p.maxConnections(), p.connectionTimeout(), p.spoolDir());
        }
        if (!store.embedded()) {
            Document kept = keptKeyStore(mongo, p.hostname());
            return new RelaySettings(p.host(), p.port(), p.hostname(), null, kept.getString("password"),
                    p.maxSize().toBytes(), p.maxConnections(), p.connectionTimeout(), p.spoolDir(),
                    Base64.getDecoder().decode(kept.getString("p12")));
        }
        keyStore = store.dataDir().resolve(KEY_STORE);
        String password = generatedPassword(store.dataDir().resolve(KEY_STORE_PASSWORD));
        if (RelayTls.generateIfMissing(keyStore, password, p.hostname())) {
            log.warn("Generated a self-signed TLS certificate for the SMTP relay ({}, CN={}). Mail clients will ask to "
                    + "trust it once; configure genjin.relay.key-store with a real certificate to avoid that.",
                    keyStore, p.hostname());
        }
        return new RelaySettings(p.host(), p.port(), p.hostname(), keyStore, password, p.maxSize().toBytes(),
                p.maxConnections(), p.connectionTimeout(), p.spoolDir());
    }

    private static Document keptKeyStore(MongoOperations mongo, String hostname) {
        Query id = Query.query(Criteria.where("_id").is("relay-self-signed"));
        Document kept = mongo.findOne(id, Document.class, KEYS);
        if (kept != null) {
            return kept;
        }
        try {
            Path dir = Files.createTempDirectory("genjin-relay-key-");
            try {
                byte[] random = new byte[24];
                new SecureRandom().nextBytes(random);
                String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
                Path file = dir.resolve(KEY_STORE);
                RelayTls.generateIfMissing(file, password, hostname);
                mongo.insert(new Document("_id", "relay-self-signed").append("password", password)
                        .append("p12", Base64.getEncoder().encodeToString(Files.readAllBytes(file))), KEYS);
                log.warn("Generated a self-signed TLS certificate for the SMTP relay (CN={}), kept in the database for "
                        + "every replica. Configure genjin.relay.key-store with a real certificate to avoid client "
                        + "warnings.", hostname);
            } finally {
                try (var files = Files.list(dir)) {
                    for (Path f : files.toList()) {
                        Files.deleteIfExists(f);
                    }
                }
                Files.deleteIfExists(dir);
            }
        } catch (DuplicateKeyException raced) {
            log.debug("another replica made the relay key store first");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the relay's self-signed key store", e);
        }
        return mongo.findOne(id, Document.class, KEYS);
    }

    private static String generatedPassword(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            if (!Files.exists(file)) {
                byte[] random = new byte[24];
                new SecureRandom().nextBytes(random);
                String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                } catch (FileAlreadyExistsException raced) {
                    return Files.readString(file, StandardCharsets.US_ASCII).trim();
                } catch (UnsupportedOperationException noPosix) {
                    // not a POSIX file system: created below without owner-only permissions
                }
                Files.writeString(file, password + "\n", StandardCharsets.US_ASCII);
            }
            return Files.readString(file, StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + file, e);
        }
    }

    /**
     * Starts the relay listener (when enabled) and the retry-queue scan with the web server; stops
     * them first on shutdown. The scan is safe on every replica at once: each queued message is
     * claimed before it is tried. It also logs to the timeline the sent messages whose sender stopped
     * before it could: at once on start for those sent before this process started, then those sent
     * more than one interval ago (a live sender logs its own well within that; logging one twice is
     * harmless, the second is a duplicate).
     */
    public static final class RelayLifecycle implements SmartLifecycle {
        private final RelayProperties properties;
        private final StoreProperties store;
        private final MongoOperations mongo;
        private final CrmStore crm;
        private final RelayStore relay;
        private final OutboundSender sender;
        private final Clock clock;
        private volatile SmtpRelay listener;
        private volatile Repeating scan;

        RelayLifecycle(RelayProperties properties, StoreProperties store, MongoOperations mongo, CrmStore crm,
                RelayStore relay, OutboundSender sender, Clock clock) {
            this.properties = properties;
            this.clock = clock;
            this.store = store;
            this.mongo = mongo;
            this.crm = crm;
            this.relay = relay;
            this.sender = sender;
        }

        @Override
        public void start() {
            if (properties.enabled()) {
                listener = new SmtpRelay(settings(properties, store, mongo), crm, relay, sender).start();
            } else {
                log.info("SMTP relay off (genjin.relay.enabled=false); queued outbound mail is still retried");
            }
            if (properties.retryInterval().toMillis() > 0) {
                Duration every = properties.retryInterval();
                Instant started = clock.instant();
                scan = Repeating.everyFromNow(every, "genjin-outbound-retry", () -> {
                    Instant ago = clock.instant().minus(every);
                    sender.logUnlogged(ago.isAfter(started) ? ago : started, 100);
                    sender.retryDue(100);
                });
            }
        }

        @Override
        public void stop() {
            Repeating s = scan;
            scan = null;
            if (s != null) {
                s.close();
            }
            SmtpRelay running = listener;
            listener = null;
            if (running != null) {
                running.close();
            }
        }

        @Override
        public boolean isRunning() {
            return listener != null || scan != null;
        }

        /** The bound port, or -1 when the relay is not listening. */
        public int port() {
            SmtpRelay running = listener;
            return running == null ? -1 : running.port();
        }
    }
}
