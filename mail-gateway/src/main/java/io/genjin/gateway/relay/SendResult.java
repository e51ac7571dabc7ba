package io.genjin.gateway.relay;

/**
 * What became of a {@link Submission}: the status, and the SMTP reply that says so (what the relay
 * answers its client).
 *
 * @param outboundId the outbound record (the retry queue entry), when one was made
 */
public record SendResult(Status status, int code, String reply, String messageId, String outboundId) {

    public enum Status {
        /** The upstream server accepted it now, and it is on the timeline. */
        SENT,
        /** Sent before, from the queue or by an earlier try: not sent again. */
        ALREADY_SENT,
        /** A temporary upstream failure: kept in the retry queue. */
        QUEUED,
        /** Refused for good by the upstream server. */
        REFUSED,
        /** Another session or replica is sending this very message right now. */
        BUSY,
        /** The user has no mailbox with an SMTP server to send from. */
        NO_ACCOUNT
    }

    public boolean accepted() {
        return status == Status.SENT || status == Status.ALREADY_SENT;
    }
}
