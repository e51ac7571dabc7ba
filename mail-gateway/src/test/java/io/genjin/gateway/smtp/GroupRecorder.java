package io.genjin.gateway.smtp;

import io.genjin.gateway.IngestResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A pipeline whose batches note what they are asked, and whose first flush can be held and made to fail. */
final class GroupRecorder implements io.genjin.gateway.MailIngestion {
    final List<String> calls = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** The source of each message ingested through a batch, in order. */
    final List<io.genjin.gateway.MailSource> sources = new java.util.concurrent.CopyOnWriteArrayList<>();
    final java.util.concurrent.atomic.AtomicInteger batches = new java.util.concurrent.atomic.AtomicInteger();
    final CountDownLatch flushEntered = new CountDownLatch(1);
    final CountDownLatch releaseFlush = new CountDownLatch(1);
    private volatile boolean hold;
    volatile boolean failFirstFlush;

    void holdFirstFlush() {
        hold = true;
    }

    private void awaitRelease() {
        try {
            if (!releaseFlush.await(30, TimeUnit.SECONDS)) {
                throw new AssertionError("the test never released the flush");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public IngestResult ingest(io.genjin.gateway.RawMail mail, io.genjin.gateway.MailSource source) {
        throw new AssertionError("the dropbox ingests through a batch");
    }

    @Override
    public Batch batch() {
        batches.incrementAndGet();
        return new Batch() {
            @Override
            public IngestResult ingest(io.genjin.gateway.RawMail mail, io.genjin.gateway.MailSource source) {
                try (var in = mail.open()) {
                    String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    String subject = text.replaceAll("(?s).*\\r\\nSubject: ([^\\r]*).*", "$1");
                    calls.add("ingest " + subject);
                    sources.add(source);
                    return new IngestResult(IngestResult.Outcome.STORED, subject, "s-" + subject, null, null);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }

            @Override
            public void flush() {
                calls.add("flush");
                if (hold) {
                    hold = false;
                    flushEntered.countDown();
                    awaitRelease();
                    if (failFirstFlush) {
                        throw new IllegalStateException("the store is unreachable");
                    }
                }
            }

            @Override
            public void publish() {
                calls.add("publish");
            }

            @Override
            public void close() {
                calls.add("close");
            }
        };
    }
}
