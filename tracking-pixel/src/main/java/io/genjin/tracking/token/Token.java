package io.genjin.tracking.token;

/**
 * What a verified token points at: a recipient (by position) of a tracked message and, for a click,
 * a link (by position in the message's link list; -1 for an open).
 */
public record Token(Kind kind, String trackedId, int recipient, int link) {

    public enum Kind {
        OPEN('o'), CLICK('c');

        private final byte code;

        Kind(char code) {
            this.code = (byte) code;
        }

        byte code() {
            return code;
        }
    }
}
