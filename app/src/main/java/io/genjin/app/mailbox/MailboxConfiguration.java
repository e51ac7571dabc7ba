package io.genjin.app.mailbox;

import io.genjin.app.roles.ConditionalOnRole;
import io.genjin.app.roles.Roles;
import io.genjin.app.store.StoreProperties;
import io.genjin.gateway.MailIngestion;
import io.genjin.gateway.imap.MailboxSync;
import io.genjin.store.Durability;
import io.genjin.store.mailbox.MailboxStore;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.mongodb.core.MongoOperations;

/**
 * Mailbox accounts are always there (the API manages them). The IMAP sync starts only when an
 * ingestion pipeline ({@link MailIngestion}) is in the context and {@code genjin.mailbox.sync} is on.
 *
 * <p>Looked up through an {@link ObjectProvider} when the bean is created rather than with
 * {@code @ConditionalOnBean}, which is reliable only in auto-configuration: in a scanned
 * {@code @Configuration} it depends on the order the definitions are read.
 *
 * <p>Roles: the accounts serve the {@code api} and {@code gateway} roles; the sync runs with the
 * {@code gateway} role only.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole({Roles.GATEWAY, Roles.API, Roles.FOLLOWUP})
public class MailboxConfiguration {
    private static final Logger log = LoggerFactory.getLogger(MailboxConfiguration.class);

    @Bean
    OAuthClient mailboxOAuthClient(MailboxOAuthProperties oauth, io.genjin.store.outbound.OutboundGuard guard, Clock clock) {
        return new OAuthClient(oauth, guard, clock);
    }

    /** Access tokens of mailboxes signed in with OAuth are refreshed through {@link OAuthClient} before they expire. */
    @Bean
    MailboxStore mailboxStore(MongoOperations mongo, Durability durability, Clock clock, MailboxProperties mailbox,
            StoreProperties store, OAuthClient oauth) {
        return MailboxStore.over(mongo, MailboxKeys.cipher(mailbox, store), durability, clock, oauth);
    }

    @Bean(destroyMethod = "close")
    MailboxSyncs mailboxSyncs(MailboxStore store, ObjectProvider<MailIngestion> ingestion, MailboxProperties mailbox,
            Clock clock, Environment environment, io.genjin.store.outbound.OutboundGuard guard) {
        MailIngestion pipeline = ingestion.getIfAvailable();
        boolean gateway = Roles.of(environment).has(Roles.GATEWAY);
        if (pipeline == null || !mailbox.sync() || !gateway) {
            log.info("IMAP sync is off: {}", !gateway ? "this process has no gateway role"
                    : pipeline == null ? "no ingestion pipeline in this build" : "genjin.mailbox.sync=false");
            return new MailboxSyncs(Optional.empty(), mailbox);
        }
        MailboxSync sync = new MailboxSync(store, pipeline, mailbox.settings().withOutbound(guard), mailbox.replica(), clock);
        sync.start();
        return new MailboxSyncs(Optional.of(sync), mailbox);
    }
}
