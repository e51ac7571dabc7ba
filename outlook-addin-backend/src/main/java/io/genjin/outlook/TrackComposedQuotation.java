package io.genjin.outlook;

import io.genjin.tracking.InstrumentRequest;
import io.genjin.tracking.InstrumentedMessage;
import io.genjin.tracking.Tracking;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * "Send as tracked quotation" in compose. Outlook gives a draft its Message-ID only when it is sent,
 * so the quotation is instrumented under a pending Message-ID and the draft gets a signed
 * {@code X-Genjin-Track} header naming it; ingesting the sent copy links the two. Outlook sends one
 * body to every recipient, so the body carries the first recipient's pixel and links (as mail through
 * the relay does): with several recipients, hits count for the first.
 */
public final class TrackComposedQuotation {
    private final Tracking tracking;

    public TrackComposedQuotation(Tracking tracking) {
        this.tracking = tracking;
    }

    /** The draft to track; {@code companyId} null: found from the recipients' contacts, among {@code linkable} customers. */
    public record Draft(String ownerId, String subject, String html, List<String> to, List<String> cc, String companyId) {
    }

    /** The instrumented body, the header to set on the draft, and the tracked message's id. */
    public record Tracked(String html, Header header, String trackingId, String companyId) {
    }

    public record Header(String name, String value) {
    }

    public Tracked track(Draft draft, Predicate<String> linkable) {
        List<String> recipients = new ArrayList<>();
        if (draft.to() != null) {
            recipients.addAll(draft.to());
        }
        if (draft.cc() != null) {
            recipients.addAll(draft.cc());
        }
        InstrumentedMessage message = tracking.instrument(new InstrumentRequest(Tracking.pendingMessageId(), draft.ownerId(),
                null, draft.companyId(), true, draft.subject(), draft.html(), null, recipients, null), linkable);
        String html = message.recipients().get(0).html();
        return new Tracked(html, new Header(Tracking.SENT_HEADER, tracking.sentHeader(message.trackedId())),
                message.trackedId(), message.companyId());
    }
}
