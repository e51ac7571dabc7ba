package io.genjin.gateway.mime;

import org.apache.james.mime4j.stream.MimeConfig;

/**
 * Explicit, immutable limits for parsing untrusted mail (never Mime4j's "permissive" config).
 * Mime4j's own default of 1000 header fields is too low for real mail (long Received chains,
 * mailing-list and DKIM headers), so it is raised, not removed.
 *
 * @param maxHeaderCount  header fields per entity
 * @param maxHeaderLength bytes in one (folded) header field
 * @param maxLineLength   bytes in one line of a header section
 * @param maxNesting      multipart / message/rfc822 depth; deeper content is kept flat with a problem note
 * @param maxParts        leaf parts per message; the rest is skipped with a problem note
 * @param maxTextBytes    decoded bytes kept of one text or HTML body; the rest is cut with a problem note
 */
public record MimeLimits(int maxHeaderCount, int maxHeaderLength, int maxLineLength, int maxNesting, int maxParts,
        int maxTextBytes) {

    public MimeLimits {
        if (maxHeaderCount < 1 || maxHeaderLength < 1 || maxLineLength < 1 || maxNesting < 1 || maxParts < 1
                || maxTextBytes < 1) {
            throw new IllegalArgumentException("MIME limits must be positive");
        }
    }

    public static MimeLimits defaults() {
        return new MimeLimits(5_000, 256 * 1024, 64 * 1024, 24, 1_000, 4 * 1024 * 1024);
    }

    /** These limits with another body limit. */
    public MimeLimits withMaxTextBytes(int bytes) {
        return new MimeLimits(maxHeaderCount, maxHeaderLength, maxLineLength, maxNesting, maxParts, bytes);
    }

    MimeConfig toMimeConfig() {
        return new MimeConfig.Builder()
                .setMaxHeaderCount(maxHeaderCount)
                .setMaxHeaderLen(maxHeaderLength)
                .setMaxLineLen(maxLineLength)
                // Body size is bounded by the transport (SMTP 552, import limits), not here: attachments stream.
                .setMaxContentLen(-1)
                .setStrictParsing(false)
                .setMalformedHeaderStartsBody(false) // odd field names (tabs, punctuation) are skipped, not the end of the header
                .build();
    }
}
