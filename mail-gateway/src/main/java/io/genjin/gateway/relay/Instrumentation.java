package io.genjin.gateway.relay;

import java.util.List;

/**
 * Inserts tracking into a message Genjin sends (the relay, sequences): an open pixel, redirected
 * links. The tracking module implements it; the gateway only asks. {@link #NONE} sends bodies as
 * they are.
 */
@FunctionalInterface
public interface Instrumentation {
    Instrumentation NONE = outgoing -> new Bodies(outgoing.html(), outgoing.text());

    /** The bodies to send instead; return them unchanged to send as is. Must not throw for bad HTML. */
    Bodies instrument(Outgoing outgoing);

    /**
     * One message about to be sent.
     *
     * @param messageId  its Message-ID without angle brackets
     * @param ownerId    the user it is sent for
     * @param companyId  the customer of its recipients, when known
     * @param senderAddress the envelope sender (the user's own address)
     * @param subject    the decoded subject, for the timeline lines hits make
     * @param recipients envelope recipients, lower case
     * @param quote      the classifier takes it for a quotation
     * @param html       the HTML body, or null when there is none
     * @param text       the plain-text body, or null when there is none
     */
    record Outgoing(String messageId, String ownerId, String senderAddress, String subject, String companyId,
            List<String> recipients, boolean quote, String html, String text) {
        public Outgoing {
            recipients = List.copyOf(recipients);
        }
    }

    /** The bodies to send. */
    record Bodies(String html, String text) {
    }
}
