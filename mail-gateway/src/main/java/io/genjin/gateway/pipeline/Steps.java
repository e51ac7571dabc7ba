package io.genjin.gateway.pipeline;

import io.genjin.gateway.SentTracking;
import io.genjin.gateway.mime.MailParser;
import io.genjin.store.CrmStore;
import io.genjin.store.Durability;
import io.genjin.store.events.DomainEvents;
import io.genjin.store.linking.LinkMessageToCustomer;
import io.genjin.store.mail.MailArchive;
import java.time.Clock;

/** What the steps are built from: the store, the archive and the ports, assembled once. */
record Steps(CrmStore store, MailArchive archive, LinkMessageToCustomer linker, Understanding understanding,
        ForwardedMessages forwards, DomainEvents events, Durability durability, PipelineSettings settings, Clock clock,
        SentTracking sentTracking, ParsedMailSink parsedSink) {

    Steps(CrmStore store, MailArchive archive, LinkMessageToCustomer linker, Understanding understanding,
            ForwardedMessages forwards, DomainEvents events, Durability durability, PipelineSettings settings, Clock clock) {
        this(store, archive, linker, understanding, forwards, events, durability, settings, clock, SentTracking.NONE,
                ParsedMailSink.NONE);
    }

    MailParser parser() {
        return new MailParser(settings.limits());
    }
}
