package io.genjin.gateway.smtp;

import io.genjin.gateway.IngestResult;
import io.genjin.gateway.MailIngestion;
import io.genjin.gateway.MailSource;
import io.genjin.gateway.RawMail;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A fake pipeline for the dropbox tests: records what it was given (the bytes are read during the
 * call, as the real pipeline keeps the raw message before returning), or fails on demand.
 */
final class RecordingIngestion implements MailIngestion {
    private final List<Ingested> ingested = new CopyOnWriteArrayList<>();
    private volatile RuntimeException failure;

    @Override
    public IngestResult ingest(RawMail mail, MailSource source) {
        if (failure != null) {
            throw failure;
        }
        try (InputStream in = mail.open()) {
            byte[] bytes = in.readAllBytes();
            ingested.add(new Ingested(bytes, (MailSource.Dropbox) source));
            return new IngestResult(IngestResult.Outcome.STORED, "id-" + ingested.size(), "s" + ingested.size(),
                    null, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void failWith(RuntimeException e) {
        failure = e;
    }

    List<Ingested> ingested() {
        return List.copyOf(ingested);
    }

    record Ingested(byte[] bytes, MailSource.Dropbox source) {
        String text() {
            return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
