package io.genjin.tracking;

import java.util.List;

/**
 * What instrumenting stored and returns: the tracked message's id, whether this call created it
 * ({@code false}: the Message-ID was instrumented before and the same bodies come back), the tracked
 * links in order, one body per recipient, and the body for the sender's own copy (Sent Items), whose
 * pixel is recognised as the sender's.
 */
public record InstrumentedMessage(String trackedId, String messageId, String companyId, boolean created,
        List<String> links, List<RecipientCopy> recipients, RecipientCopy senderCopy) {

    /** The body for one recipient: HTML with a pixel and wrapped links, text with wrapped links (null when not given). */
    public record RecipientCopy(String address, String html, String text, String pixelUrl) {
    }
}
