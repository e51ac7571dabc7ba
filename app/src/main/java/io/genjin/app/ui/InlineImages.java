package io.genjin.app.ui;

import io.genjin.store.mail.Attachments;
import io.genjin.store.message.StoredAttachment;
import io.genjin.store.message.StoredMessage;
import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;
import java.util.Locale;
import java.util.function.Function;

/**
 * A message's own pictures (signature logos, product photos sent as {@code cid:} parts) as
 * {@code data:} URIs for the mail frame. The frame is sandboxed without same-origin, so it cannot
 * fetch from the app with the viewer's session; embedding is what lets it show them at all. Only kept
 * images up to {@link #MAX_BYTES} each are embedded: a page stays a page, not an archive.
 */
final class InlineImages implements Function<String, String> {
    static final long MAX_BYTES = 512 * 1024;
    private final StoredMessage message;
    private final Attachments attachments;

    InlineImages(StoredMessage message, Attachments attachments) {
        this.message = message;
        this.attachments = attachments;
    }

    @Override
    public String apply(String contentId) {
        return message.attachments().stream()
                .filter(a -> a.kept() && contentId.equalsIgnoreCase(a.contentId()))
                .filter(a -> a.type() != null && a.type().toLowerCase(Locale.ROOT).startsWith("image/") && a.size() <= MAX_BYTES)
                .findFirst().map(this::dataUri).orElse(null);
    }

    private String dataUri(StoredAttachment a) {
        try (InputStream in = attachments.open(a.storedId())) {
            byte[] bytes = in.readNBytes((int) MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                return null;
            }
            String type = a.type().toLowerCase(Locale.ROOT).split(";")[0].strip();
            return "data:" + type + ";base64," + Base64.getEncoder().encodeToString(bytes);
        } catch (IOException gone) {
            return null;
        }
    }
}
