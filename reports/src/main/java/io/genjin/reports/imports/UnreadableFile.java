package io.genjin.reports.imports;

/**
 * A file that cannot be imported, with a reason code the pages and the API translate:
 * {@code encrypted} (a password-protected workbook), {@code legacy-xls}, {@code not-a-sheet},
 * {@code empty}, {@code broken}.
 */
public class UnreadableFile extends Exception {
    private final String reason;

    public UnreadableFile(String reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public UnreadableFile(String reason, String message) {
        this(reason, message, null);
    }

    public String reason() {
        return reason;
    }
}
