package io.genjin.gateway.pipeline;

import io.genjin.gateway.RawMail;
import io.genjin.gateway.mime.MailParser;
import io.genjin.store.message.Messages;
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
    private final ReadAhead ahead;

    Deduplicate(Steps steps) {
        this(steps, null, null);
    }

    /**
     * {@code batch}: the batch's pending publication, or null outside a batch; {@code ahead}: the
     * batch's {@link ReadAhead}, which may have read the headers already.
     */
    Deduplicate(Steps steps, PendingPublication batch, ReadAhead ahead) {
        this.steps = steps;
        this.batch = batch;
        this.ahead = ahead;
    }

    /** The headers as this step reads them (also read ahead, the same way). */
    static Map<String, List<String>> headers(Steps steps, RawMail raw) {
        try (InputStream in = raw.open()) {
            return new MailParser(steps.settings().limits()).headers(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public StepResult apply(InboundMessage m) {
        ReadAhead.Kept read = ahead == null ? null : ahead.kept(m.raw());
        Map<String, List<String>> headers = read != null && read.rawKey().equals(m.rawKey()) ? read.headers()
                : headers(steps, m.raw());
        String id = MessageIds.of(headers, m.rawKey());
        InboundMessage identified = m.withHeaders(id, headers);
        if (batch != null && batch.holds(id)) {
            // An earlier copy in this batch waits for its mark: written now, this copy is a duplicate.
            batch.write();
        }
        Messages.Seen seen = steps.store().messages().addMailboxIfComplete(id, Sources.mailbox(m.source()));
        if (seen == Messages.Seen.ABSENT) {
            return StepResult.next(identified.withUnstored(), "new message");
        }
        if (seen == Messages.Seen.ADDED) {
            // Seen in one more mailbox: one more user may now find it.
            Object stored = new io.genjin.store.events.MessageStored(id, false, m.source().ownerUserId());
            if (batch != null) {
                // After the batch's earlier messages' events, which wait for its flush.
                batch.add(List.of(stored), null, List.of(), List.of());
            } else {
                steps.events().publish(stored);
            }
            return StepResult.stop(StepResult.Reason.DUPLICATE, identified, "known message; mailbox " + m.source().ownerUserId() + " added");
        }
        return StepResult.next(identified, "new message");
    }
}
