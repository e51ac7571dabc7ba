package io.genjin.gateway.pipeline;

import io.genjin.gateway.mime.MailParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * One message per Message-ID, however many mailboxes it is seen in: a known one only gains this
 * mailbox's reference. A message without a Message-ID gets one derived from its content, so the
 * same bytes ingested twice are still one message. A message stored by an ingestion that did not
 * finish (a crash before its events were published) is not a duplicate: it goes through again,
 * and every later step is idempotent.
 */
final class Deduplicate implements Step {
    private final Steps steps;
    private final PendingPublication batch;

    Deduplicate(Steps steps) {
        this(steps, null);
    }

    /** {@code batch}: the batch's pending publication, or null outside a batch. */
    Deduplicate(Steps steps, PendingPublication batch) {
        this.steps = steps;
        this.batch = batch;
    }

    @Override
    public StepResult apply(InboundMessage m) {
        Map<String, List<String>> headers;
        try (InputStream in = m.raw().open()) {
            headers = new MailParser(steps.settings().limits()).headers(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String id = MessageIds.of(headers, m.rawKey());
        InboundMessage identified = m.withHeaders(id, headers);
        if (batch != null && batch.holds(id)) {
            // An earlier copy in this batch waits for its mark: written now, this copy is a duplicate.
            batch.write();
        }
        if (steps.store().messages().addMailboxIfComplete(id, Sources.mailbox(m.source()))) {
            // Seen in one more mailbox: one more user may now find it.
            steps.events().publish(new io.genjin.store.events.MessageStored(id, false, m.source().ownerUserId()));
            return StepResult.stop(StepResult.Reason.DUPLICATE, identified, "known message; mailbox " + m.source().ownerUserId() + " added");
        }
        return StepResult.next(identified, "new message");
    }
}
