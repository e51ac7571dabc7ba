package io.genjin.gateway.imap;

import io.genjin.gateway.IngestResult;
import io.genjin.gateway.IngestResult.Outcome;
import io.genjin.gateway.MailIngestion;
import io.genjin.gateway.MailSource;
import io.genjin.gateway.RawMail;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stands in for the pipeline: keeps every message handed to it, de-duplicates by Message-ID (as
 * the pipeline does), and can be told to fail (throw, as when the store is unreachable) on a Message-ID.
 */
final class RecordingIngestion implements MailIngestion {
    private static final Pattern MESSAGE_ID = Pattern.compile("(?im)^Message-ID:\\s*<([^>]+)>");
    private final List<Handed> handed = new ArrayList<>();
    private final Map<String, Handed> stored = new LinkedHashMap<>();
    private final Set<String> failOn = ConcurrentHashMap.newKeySet();

    /** One call of ingest: the Message-ID, the source, the message size and whether it came in a file. */
    record Handed(String messageId, MailSource.Imap source, long size, byte[] bytes) {
    }

    @Override
    public synchronized IngestResult ingest(RawMail mail, MailSource source) {
        byte[] bytes;
        try (InputStream in = mail.open()) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Matcher m = MESSAGE_ID.matcher(new String(bytes, 0, Math.min(bytes.length, 8192), StandardCharsets.ISO_8859_1));
        String messageId = m.find() ? m.group(1) : "none-" + handed.size();
        if (failOn.contains(messageId)) {
            throw new IllegalStateException("store unreachable (test) at " + messageId);
        }
        Handed h = new Handed(messageId, (MailSource.Imap) source, mail.size(), bytes);
        handed.add(h);
        if (stored.putIfAbsent(messageId, h) != null) {
            return new IngestResult(Outcome.DUPLICATE, messageId, messageId, null, null);
        }
        return new IngestResult(Outcome.STORED, messageId, messageId, null, null);
    }

    void failOn(String messageId) {
        failOn.add(messageId);
    }

    void heal() {
        failOn.clear();
    }

    synchronized List<Handed> handed() {
        return List.copyOf(handed);
    }

    synchronized List<String> handedIds() {
        return handed.stream().map(Handed::messageId).toList();
    }

    synchronized List<String> storedIds() {
        return List.copyOf(stored.keySet());
    }
}
