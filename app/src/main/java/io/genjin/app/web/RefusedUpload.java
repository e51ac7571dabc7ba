package io.genjin.app.web;

import org.springframework.http.HttpStatus;

/**
 * An uploaded file that is not imported: {@code reason} is a code the upload pages translate and the API
 * returns beside the English detail; {@code title} names what was refused ("File not imported", "Archive
 * not imported"). Too large answers 413, a kind of file we do not read 415, anything else 400.
 */
public class RefusedUpload extends RuntimeException {
    private final String title;
    private final String reason;
    private final HttpStatus status;

    private RefusedUpload(String title, String reason, HttpStatus status, String message) {
        super(message);
        this.title = title;
        this.reason = reason;
        this.status = status;
    }

    public static RefusedUpload tooLarge(String title, String message) {
        return new RefusedUpload(title, "too-large", HttpStatus.CONTENT_TOO_LARGE, message);
    }

    /** Not a kind of file this upload reads (the reason says which case). */
    public static RefusedUpload unsupported(String title, String reason, String message) {
        return new RefusedUpload(title, reason, HttpStatus.UNSUPPORTED_MEDIA_TYPE, message);
    }

    /** A file of a kind we read that cannot be imported as it is (empty, protected, broken). */
    public static RefusedUpload unreadable(String title, String reason, String message) {
        return new RefusedUpload(title, reason, HttpStatus.BAD_REQUEST, message);
    }

    public String title() {
        return title;
    }

    public String reason() {
        return reason;
    }

    public HttpStatus status() {
        return status;
    }
}
