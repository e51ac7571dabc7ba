package io.genjin.gateway;

/**
 * The port through which ingestion hands the tracking module a message that carries the
 * {@value #HEADER} header: the signed id of a tracked message the salesperson's mail client
 * instrumented before it had a Message-ID (the Outlook add-in's "send as tracked quotation"). The
 * tracking module checks the signature; the gateway only passes the header on and logs the verdict.
 */
@FunctionalInterface
public interface SentTracking {
    String HEADER = "X-Genjin-Track";
    /** Without the tracking module: every header is passed over, said so in the log. */
    SentTracking NONE = (value, messageId) -> new Verdict(false, "no tracking in this process");

    /** Links the tracked message the header names to the ingested message {@code messageId}, when the header is genuine. */
    Verdict recognise(String headerValue, String messageId);

    /** {@code linked}: the message now has its tracking record; {@code note}: what happened, for the log line. */
    record Verdict(boolean linked, String note) {
    }
}
