package io.genjin.gateway.relay;

/**
 * What the upstream SMTP server made of one message: a value, never an exception.
 *
 * @param code  the SMTP reply code (250 on success; 451 for a connection that failed before any reply)
 * @param reply the reply text as the server gave it, without the code
 */
public record Delivery(Kind kind, int code, String reply) {

    public enum Kind {
        /** The upstream server accepted the message (2xx after DATA). */
        ACCEPTED,
        /** Worth trying again: a 4xx, or the server could not be reached. */
        TEMPORARY,
        /** Refused for good: a 5xx. */
        PERMANENT
    }

    static Delivery accepted(int code, String reply) {
        return new Delivery(Kind.ACCEPTED, code, reply);
    }

    static Delivery fromReply(int code, String reply) {
        if (code >= 200 && code < 300) {
            return accepted(code, reply);
        }
        return new Delivery(code >= 500 ? Kind.PERMANENT : Kind.TEMPORARY, code, reply);
    }

    @Override
    public String toString() {
        return kind + " " + code + " " + reply;
    }
}
