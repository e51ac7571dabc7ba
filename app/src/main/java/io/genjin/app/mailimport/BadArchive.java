package io.genjin.app.mailimport;

/** An upload that is not an archive we import; {@code reason} is a code the page translates. */
public class BadArchive extends RuntimeException {
    private final String reason;

    BadArchive(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
