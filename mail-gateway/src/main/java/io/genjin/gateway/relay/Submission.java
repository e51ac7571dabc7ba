package io.genjin.gateway.relay;

import io.genjin.gateway.MailSource.Sent.Via;
import io.genjin.gateway.RawMail;
import java.util.List;
import java.util.Locale;

/** One message a user sends through Genjin: the envelope, the message, and which path it came by. */
public record Submission(String userId, Via via, String envelopeFrom, List<String> recipients, RawMail message) {
    public Submission {
        envelopeFrom = envelopeFrom.trim().toLowerCase(Locale.ROOT);
        recipients = recipients.stream().map(r -> r.trim().toLowerCase(Locale.ROOT)).distinct().toList();
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("a message needs at least one recipient");
        }
    }
}
