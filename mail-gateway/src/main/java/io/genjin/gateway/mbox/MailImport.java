package io.genjin.gateway.mbox;

import io.genjin.gateway.IngestResult;
import io.genjin.gateway.MailIngestion;
import io.genjin.gateway.MailSource;
import io.genjin.gateway.RawMail;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import io.genjin.gateway.pst.PstArchive;
import io.genjin.gateway.pst.PstMime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Imports an mbox file, a directory of .eml files or an Outlook .pst through the ingestion pipeline,
 * as the given user's mailbox, telling a {@link Progress} as it goes and returning a summary. One {@link MailIngestion#batch()}:
 * the summary is printed after the batch's final flush, so what it counts is durable.
 */
public final class MailImport {
    private final MailIngestion ingestion;
    private final Progress progress;

    /** With a progress bar on a terminal. */
    public MailImport(MailIngestion ingestion, PrintStream terminal) {
        this(ingestion, new TerminalProgress(terminal));
    }

    public MailImport(MailIngestion ingestion, Progress progress) {
        this.ingestion = ingestion;
        this.progress = progress;
    }

    /** Told every 50 messages and at the end (percent 100, after the final flush). */
    @FunctionalInterface
    public interface Progress {
        void update(Summary summary, double percent);

        default void finished(Summary summary) {
        }
    }

    /**
     * The items of an Outlook .pst that are mail; contacts, appointments and the like are counted as
     * skipped. An item that cannot be converted counts as failed, with its reason.
     */
    public Summary pst(Path file, String ownerUserId) throws IOException, PstArchive.UnreadablePst {
        Summary summary = new Summary();
        MailSource source = new MailSource.Import(ownerUserId, file.toString());
        try (PstArchive archive = PstArchive.open(file); MailIngestion.Batch batch = ingestion.batch()) {
            int items = archive.itemCount();
            int[] seen = {0};
            archive.forEach(item -> {
                seen[0]++;
                if (!item.isMail()) {
                    summary.skipped++;
                    return;
                }
                byte[] mime;
                try {
                    mime = PstMime.of(item);
                } catch (IOException e) {
                    summary.failed(item.subject(), e.getMessage());
                    return;
                }
                summary.add(batch.ingest(RawMail.of(mime), source));
                if (summary.total() % 50 == 0) {
                    // 100 % is told after the final flush
                    progress.update(summary, items == 0 ? -1 : Math.min(99.0, 100.0 * seen[0] / items));
                }
            });
        }
        progress.update(summary, 100);
        progress.finished(summary);
        return summary;
    }

    public Summary mbox(Path file, String ownerUserId) throws IOException {
        long total = Math.max(1, Files.size(file));
        Summary summary = new Summary();
        // The reader keeps every message of the window readable (a large one is a temporary file).
        try (InputStream in = Files.newInputStream(file);
                MboxReader reader = new MboxReader(in, tempDir(), MailIngestion.Batch.READ_AHEAD + 1);
                MailIngestion.Batch batch = ingestion.batch()) {
            MailSource source = new MailSource.Import(ownerUserId, file.toString());
            Window coming = new Window();
            while (true) {
                while (coming.wants() && reader.hasNext()) {
                    coming.add(reader.next());
                }
                RawMail current = coming.poll();
                if (current == null) {
                    break;
                }
                coming.forEach(next -> batch.ahead(next, source));
                summary.add(batch.ingest(current, source));
                if (summary.total() % 50 == 0) {
                    progress.update(summary, 100.0 * reader.bytesRead() / total);
                }
            }
        }
        progress.update(summary, 100);
        progress.finished(summary);
        return summary;
    }

    public Summary emlDirectory(Path dir, String ownerUserId) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().toLowerCase().endsWith(".eml"))
                    .sorted().toList();
        }
        Summary summary = new Summary();
        try (MailIngestion.Batch batch = ingestion.batch()) {
            // The same RawMail instance for a file, from when it is named ahead until it is ingested.
            Window coming = new Window();
            for (int i = 0; i < files.size(); i++) {
                Path file = files.get(i);
                while (coming.wants() && i + coming.size() < files.size()) {
                    coming.add(RawMail.of(files.get(i + coming.size())));
                }
                RawMail current = coming.poll();
                int k = i;
                for (RawMail next : coming) {
                    batch.ahead(next, new MailSource.Import(ownerUserId, files.get(++k).toString()));
                }
                summary.add(batch.ingest(current, new MailSource.Import(ownerUserId, file.toString())));
                if (summary.total() % 50 == 0) {
                    progress.update(summary, 100.0 * summary.total() / Math.max(1, files.size()));
                }
            }
        }
        progress.update(summary, 100);
        progress.finished(summary);
        return summary;
    }

    /**
     * The message to ingest next and the ones named ahead of it: up to {@link MailIngestion.Batch#READ_AHEAD}
     * after it, and no more than {@link MailIngestion.Batch#READ_AHEAD_BYTES} of raw unless it is
     * only the next two.
     */
    private static final class Window implements Iterable<RawMail> {
        private final ArrayDeque<RawMail> mails = new ArrayDeque<>();
        private long bytes;

        boolean wants() {
            return mails.size() <= MailIngestion.Batch.READ_AHEAD
                    && (mails.size() < 2 || bytes < MailIngestion.Batch.READ_AHEAD_BYTES);
        }

        void add(RawMail mail) {
            bytes += Math.max(0, mail.size());
            mails.add(mail);
        }

        /** The next message to ingest; null when there is none. */
        RawMail poll() {
            RawMail first = mails.poll();
            if (first != null) {
                bytes -= Math.max(0, first.size());
            }
            return first;
        }

        int size() {
            return mails.size();
        }

        @Override
        public java.util.Iterator<RawMail> iterator() {
            return mails.iterator();
        }
    }

    /** "[#####     ]  50%  1200 messages  340 msg/s" on one line, redrawn in place. */
    private static final class TerminalProgress implements Progress {
        private final PrintStream out;
        private final long start = System.nanoTime();

        TerminalProgress(PrintStream out) {
            this.out = out;
        }

        @Override
        public void update(Summary s, double percent) {
            int width = 30;
            int filled = percent < 0 ? 0 : (int) Math.min(width, Math.round(percent * width / 100));
            double seconds = Math.max(1e-9, (System.nanoTime() - start) / 1e9);
            out.printf("\r[%s%s] %s  %d messages  %.0f msg/s", "#".repeat(filled), " ".repeat(width - filled),
                    percent < 0 ? "  ?%" : String.format("%3.0f%%", percent), s.total(), s.total() / seconds);
            out.flush();
        }

        @Override
        public void finished(Summary summary) {
            out.println();
        }
    }

    private static Path tempDir() {
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    /**
     * Counts per outcome; linked and unlinked (held back for a person to link) split the stored ones.
     * Skipped are .pst items that are not mail. The first {@value #KEPT_FAILURES} failures keep their reason.
     */
    public static final class Summary {
        static final int KEPT_FAILURES = 100;
        private final List<Failure> failures = new ArrayList<>();
        private int skipped;
        private int stored;
        private int duplicates;
        private int linked;
        private int unlinked;
        private int failed;
        private int loops;

        void add(IngestResult r) {
            switch (r.outcome()) {
                case STORED -> {
                    stored++;
                    if (r.companyId() != null) {
                        linked++;
                    } else {
                        unlinked++;
                    }
                }
                case DUPLICATE -> duplicates++;
                case LOOP -> loops++;
                case FAILED -> failed(r.messageId(), r.detail());
            }
        }

        void failed(String message, String reason) {
            failed++;
            if (failures.size() < KEPT_FAILURES) {
                failures.add(new Failure(message, reason));
            }
        }

        public int loops() {
            return loops;
        }

        public int skipped() {
            return skipped;
        }

        public List<Failure> failures() {
            return List.copyOf(failures);
        }

        public int total() {
            return stored + duplicates + failed + loops;
        }

        public int stored() {
            return stored;
        }

        public int duplicates() {
            return duplicates;
        }

        public int linked() {
            return linked;
        }

        public int unlinked() {
            return unlinked;
        }

        public int failed() {
            return failed;
        }

        @Override
        public String toString() {
            return "stored " + stored + ", duplicates " + duplicates + ", linked " + linked + ", unlinked " + unlinked
                    + ", failed " + failed + (loops > 0 ? ", loops " + loops : "") + (skipped > 0 ? ", not mail " + skipped : "");
        }
    }

    /** @param message the Message-ID (or, for an item that never became a message, its subject) */
    public record Failure(String message, String reason) {
    }
}
