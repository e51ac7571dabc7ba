package io.genjin.app.imports;

/** An upload refused: the reason code of {@link io.genjin.reports.imports.UnreadableFile}, or {@code too-large}. */
public class BadImportFile extends RuntimeException {
    private final String reason;

    BadImportFile(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
