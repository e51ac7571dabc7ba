package io.genjin.gateway;

/**
 * What became of one message. Every outcome here is durable when returned: a transport may
 * acknowledge (SMTP 250, IMAP checkpoint) on any of them.
 *
 * @param messageId the Message-ID (angle brackets removed), synthesized when the message had none
 * @param storedId  the stored message's id, when stored or already stored
 * @param companyId the customer it was linked to, if any
 * @param detail    a short reason for LOOP / FAILED, for logs and the API
 */
public record IngestResult(Outcome outcome, String messageId, String storedId, String companyId, String detail) {

    /** STORED: new. DUPLICATE: seen before (maybe in another mailbox), now linked to this one too.
     *  LOOP: our own output coming back, dropped. FAILED: kept raw in the error store for replay. */
    public enum Outcome {
        STORED, DUPLICATE, LOOP, FAILED
    }
}
