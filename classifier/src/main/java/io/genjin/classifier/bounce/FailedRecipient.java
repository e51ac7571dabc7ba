package io.genjin.classifier.bounce;

/**
 * One recipient of a delivery report.
 *
 * @param status RFC 3463 status (e.g. "5.1.1"), or empty
 * @param replyCode SMTP reply code from the diagnostic (e.g. "550"), or empty
 * @param hard true when the address itself is dead (unknown user or domain, permanent class)
 * @param diagnostic the remote server's words, for the timeline
 */
public record FailedRecipient(String address, String status, String replyCode, BounceReason reason, boolean hard,
                              String diagnostic) {
}
