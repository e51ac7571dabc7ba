package io.genjin.app.addin;

import io.genjin.app.customer.VisibleCustomers;
import io.genjin.app.security.SignedIn;
import io.genjin.gateway.IngestResult;
import io.genjin.gateway.MailIngestion;
import io.genjin.gateway.MailSource;
import io.genjin.gateway.RawMail;
import io.genjin.store.CrmStore;
import io.genjin.store.NotFound;

/**
 * "Log this message" in the task pane: the message goes through the one ingestion pipeline, as the
 * caller's ({@link MailSource.Addin}), so a message that also arrives by mailbox sync or a BCC to the
 * dropbox is one message (by Message-ID), whichever comes first. The customer it landed on is named
 * only when the caller may see it.
 */
final class LogMessageFromOutlook {
    private final MailIngestion ingestion;
    private final CrmStore store;
    private final VisibleCustomers visible;

    LogMessageFromOutlook(MailIngestion ingestion, CrmStore store, VisibleCustomers visible) {
        this.ingestion = ingestion;
        this.store = store;
        this.visible = visible;
    }

    /** {@code stored}: this call stored it (false: it was known); {@code messageId} without angle brackets. */
    record Logged(boolean stored, String messageId, String companyId) {
    }

    /** Thrown when the pipeline kept the message for replay (FAILED) or dropped it as Genjin's own (LOOP). */
    static final class NotLogged extends RuntimeException {
        NotLogged(String detail) {
            super(detail);
        }
    }

    Logged log(SignedIn me, byte[] message) {
        IngestResult result = ingestion.ingest(RawMail.of(message), new MailSource.Addin(me.userId()));
        return switch (result.outcome()) {
            case STORED -> new Logged(true, result.messageId(), seen(me, result.companyId()));
            case DUPLICATE -> new Logged(false, result.messageId(), seen(me, store.messages().byMessageId(result.messageId())
                    .map(m -> m.companyId()).orElse(null)));
            case LOOP, FAILED -> throw new NotLogged(result.outcome() + ": " + result.detail());
        };
    }

    private String seen(SignedIn me, String companyId) {
        if (companyId == null) {
            return null;
        }
        try {
            return visible.company(me, companyId).id();
        } catch (NotFound hidden) {
            return null;
        }
    }
}
