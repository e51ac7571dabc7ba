package io.genjin.followup.sequence;

import java.util.Map;

/**
 * How a sequence step leaves: through the owner's own mailbox, with tracking, logged to the timeline.
 * The mail gateway implements it (the app wires the two together); followup knows nothing of SMTP.
 */
@FunctionalInterface
public interface SequenceMailer {

    Outcome send(Mail mail);

    /**
     * One step to send.
     *
     * @param messageId derived from the enrolment and step, so a step sent twice is recognised and
     *                  delivered once
     * @param headers   extra header fields (List-Unsubscribe, List-Unsubscribe-Post)
     */
    record Mail(String ownerId, String fromName, String fromAddress, String toName, String toAddress, String subject,
            String body, String messageId, Map<String, String> headers) {
        public Mail {
            headers = Map.copyOf(headers);
        }
    }

    /** SENT: accepted upstream (or already). QUEUED: a temporary failure the outbound queue retries.
     *  REFUSED: refused for good. NO_MAILBOX: the owner has no mailbox that can send. BUSY: another
     *  sender holds this message's claim (one that died mid-send holds it until its lease lapses);
     *  nothing was sent, and nothing else will send it: the step is tried again later. */
    record Outcome(Kind kind, String detail) {
        public enum Kind {
            SENT, QUEUED, REFUSED, NO_MAILBOX, BUSY
        }
    }
}
