package io.genjin.app.sequence;

import io.genjin.app.schedule.Repeating;
import io.genjin.app.events.EventConsumer;
import io.genjin.app.roles.ConditionalOnRole;
import io.genjin.app.roles.Roles;
import io.genjin.followup.sequence.EnrollContact;
import io.genjin.followup.sequence.SequenceMailer;
import io.genjin.followup.sequence.SequenceMailer.Outcome;
import io.genjin.followup.sequence.SequenceRunner;
import io.genjin.followup.sequence.SequenceSettings;
import io.genjin.followup.sequence.SequenceStops;
import io.genjin.followup.sequence.SequenceStore;
import io.genjin.gateway.MailSource;
import io.genjin.gateway.relay.ComposedMail;
import io.genjin.gateway.relay.Composer;
import io.genjin.gateway.relay.OutboundSender;
import io.genjin.gateway.relay.SendResult;
import io.genjin.gateway.relay.Submission;
import io.genjin.store.CrmStore;
import io.genjin.store.events.AutoReplyReceived;
import io.genjin.store.events.CustomerReplied;
import io.genjin.store.events.MessageBounced;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * Sequences: their store and use cases, the port through which steps are sent (adapted here to the
 * gateway's {@link OutboundSender}, so a step leaves exactly like relayed mail: owner's mailbox,
 * tracking, timeline), the event listeners that stop and postpone, and the scan that sends due
 * steps. The scan runs on every replica; each enrolment is claimed before it is worked on.
 */
@Configuration(proxyBeanMethods = false)
public class SequenceConfiguration {
    private static final Logger log = LoggerFactory.getLogger(SequenceConfiguration.class);

    @Bean
    SequenceSettings sequenceSettings(SequenceProperties p, MongoOperations mongo) {
        return new SequenceSettings(p.publicUrl(), unsubscribeKey(p, mongo), p.messageIdDomain(), p.mailboxDailyCap(),
                p.domainDailyCap(), p.minGap(), p.maxGap(), p.capTimeZone(), p.defaultTimeZone(), p.defaultPostpone(),
                p.lease());
    }

    @Bean
    SequenceStore sequenceStore(MongoOperations mongo, Clock clock, ObjectProvider<Random> random,
            SequenceSettings settings) {
        return SequenceStore.over(mongo, clock, random.getIfUnique(SecureRandom::new), settings);
    }

    @Bean
    EnrollContact enrollContact(CrmStore crm, SequenceStore store, Clock clock) {
        return new EnrollContact(crm, store, clock);
    }

    @Bean
    SequenceStops sequenceStops(CrmStore crm, SequenceStore store, SequenceSettings settings, Clock clock) {
        return new SequenceStops(crm, store, settings, clock);
    }

    @Bean
    SequenceMailer sequenceMailer(ObjectProvider<OutboundSender> sender, Clock clock) {
        Composer composer = new Composer(clock);
        return mail -> {
            OutboundSender outbound = sender.getIfUnique();
            if (outbound == null) {
                return new Outcome(Outcome.Kind.NO_MAILBOX, "this build cannot send mail");
            }
            SendResult result = outbound.send(new Submission(mail.ownerId(), MailSource.Sent.Via.SEQUENCE,
                    mail.fromAddress(), List.of(mail.toAddress()), composer.compose(new ComposedMail(mail.messageId(),
                            mail.fromName(), mail.fromAddress(), mail.toName(), mail.toAddress(), mail.subject(),
                            mail.body(), mail.headers()))));
            String detail = result.code() + " " + result.reply();
            return switch (result.status()) {
                case SENT, ALREADY_SENT -> new Outcome(Outcome.Kind.SENT, detail);
                case QUEUED -> new Outcome(Outcome.Kind.QUEUED, detail);
                // Claimed by a send still running or one that died mid-send; the queue does not own it.
                case BUSY -> new Outcome(Outcome.Kind.BUSY, detail);
                case NO_ACCOUNT -> new Outcome(Outcome.Kind.NO_MAILBOX, detail);
                case REFUSED -> new Outcome(Outcome.Kind.REFUSED, detail);
            };
        };
    }

    @Bean
    SequenceRunner sequenceRunner(CrmStore crm, SequenceStore store, SequenceMailer mailer, SequenceSettings settings,
            Clock clock) {
        return new SequenceRunner(crm, store, mailer, settings, clock);
    }

    @Bean
    @ConditionalOnRole(Roles.FOLLOWUP)
    SequenceEvents sequenceEvents(SequenceStops stops) {
        return new SequenceEvents(stops);
    }

    @Bean
    @ConditionalOnWebApplication
    @ConditionalOnRole(Roles.FOLLOWUP)
    SequenceScan sequenceScan(SequenceRunner runner, SequenceProperties properties) {
        return new SequenceScan(runner, properties);
    }

    /** The configured key, else one random key kept in the store (made once; every replica reads the same). */
    static byte[] unsubscribeKey(SequenceProperties p, MongoOperations mongo) {
        if (p.unsubscribeKey() != null && !p.unsubscribeKey().isBlank()) {
            byte[] key;
            try {
                key = Base64.getDecoder().decode(p.unsubscribeKey().trim());
            } catch (IllegalArgumentException notBase64) {
                throw new io.genjin.app.start.StartRefused("genjin.sequences.unsubscribe-key is not base64",
                        "set it to 32 random bytes in base64: `openssl rand -base64 32`");
            }
            if (key.length < 32) {
                throw new io.genjin.app.start.StartRefused("genjin.sequences.unsubscribe-key is shorter than 32 bytes",
                        "set it to 32 random bytes in base64: `openssl rand -base64 32`");
            }
            return key;
        }
        Query id = Query.query(Criteria.where("_id").is("unsubscribe-key"));
        Document kept = mongo.findOne(id, Document.class, "sequence_keys");
        if (kept == null) {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            try {
                mongo.insert(new Document("_id", "unsubscribe-key").append("key", Base64.getEncoder().encodeToString(key)),
                        "sequence_keys");
                log.info("Generated the key that signs unsubscribe links (kept in the store)");
            } catch (DuplicateKeyException raced) {
                log.debug("another replica made the unsubscribe key first");
            }
            kept = mongo.findOne(id, Document.class, "sequence_keys");
        }
        return Base64.getDecoder().decode(kept.getString("key"));
    }

    /**
     * Domain events → stops and postponements, in the {@code followup} role. Idempotent, as events come
     * at least once.
     */
    public static final class SequenceEvents implements EventConsumer {
        private final SequenceStops stops;

        SequenceEvents(SequenceStops stops) {
            this.stops = stops;
        }

        @Override
        public String name() {
            return "sequences";
        }

        @Override
        public void on(Object event) {
            if (event instanceof CustomerReplied e) {
                stops.on(e);
            } else if (event instanceof MessageBounced e) {
                stops.on(e);
            } else if (event instanceof AutoReplyReceived e) {
                stops.on(e);
            }
        }
    }

    /** Looks for due steps every scan interval, from start to shutdown. */
    public static final class SequenceScan implements SmartLifecycle {
        private final SequenceRunner runner;
        private final SequenceProperties properties;
        private volatile Repeating scan;

        SequenceScan(SequenceRunner runner, SequenceProperties properties) {
            this.runner = runner;
            this.properties = properties;
        }

        @Override
        public void start() {
            long every = properties.scanInterval().toMillis();
            if (!properties.enabled() || every <= 0) {
                log.info("sequence scan off in this server");
                return;
            }
            scan = Repeating.every(properties.scanInterval(), "genjin-sequences", () -> runner.runDue(200));
        }

        @Override
        public void stop() {
            Repeating s = scan;
            scan = null;
            if (s != null) {
                s.close();
            }
        }

        @Override
        public boolean isRunning() {
            return scan != null;
        }
    }
}
