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
import java.util.List;
import java.util.stream.Stream;

/**
 * Imports an mbox file or a directory of .eml files through the ingestion pipeline, as the given
 * user's mailbox, with a progress line and a summary at the end. One {@link MailIngestion#batch()}:
 * the summary is printed after the batch's final flush, so what it counts is durable.
 */
public final class MailImport {
    private final MailIngestion ingestion;
    private final PrintStream progress;

    public MailImport(MailIngestion ingestion, PrintStream progress) {
        this.ingestion = ingestion;
        this.progress = progress;
    }

    public Summary mbox(Path file, String ownerUserId) throws IOException {
        long total = Math.max(1, Files.size(file));
        Summary summary = new Summary();
        long start = System.nanoTime();
        try (InputStream in = Files.newInputStream(file); MboxReader reader = new MboxReader(in, tempDir());
                MailIngestion.Batch batch = ingestion.batch()) {
            MailSource source = new MailSource.Import(ownerUserId, file.toString());
            RawMail next = reader.hasNext() ? reader.next() : null;
            while (next != null) {
                RawMail current = next;
                next = reader.hasNext() ? reader.next() : null;
                if (next != null) {
                    batch.ahead(next, source);
                }
                summary.add(batch.ingest(current, source));
                if (summary.total() % 50 == 0) {
                    progress(summary, 100.0 * reader.bytesRead() / total, start);
                }
            }
        }
        progress(summary, 100, start);
        progress.println();
        return summary;
    }

    public Summary emlDirectory(Path dir, String ownerUserId) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().toLowerCase().endsWith(".eml"))
                    .sorted().toList();
        }
        Summary summary = new Summary();
        long start = System.nanoTime();
        try (MailIngestion.Batch batch = ingestion.batch()) {
            RawMail next = files.isEmpty() ? null : RawMail.of(files.get(0));
            for (int i = 0; i < files.size(); i++) {
                Path file = files.get(i);
                RawMail current = next;
                next = i + 1 < files.size() ? RawMail.of(files.get(i + 1)) : null;
                if (next != null) {
                    batch.ahead(next, new MailSource.Import(ownerUserId, files.get(i + 1).toString()));
                }
                summary.add(batch.ingest(current, new MailSource.Import(ownerUserId, file.toString())));
                if (summary.total() % 50 == 0) {
                    progress(summary, 100.0 * summary.total() / Math.max(1, files.size()), start);
                }
            }
        }
        progress(summary, 100, start);
        progress.println();
        return summary;
    }

    private void progress(Summary s, double percent, long start) {
        int width = 30;
        int filled = (int) Math.min(width, Math.round(percent * width / 100));
        double seconds = Math.max(1e-9, (System.nanoTime() - start) / 1e9);
        progress.printf("\r[%s%s] %3.0f%%  %d messages  %.0f msg/s", "#".repeat(filled), " ".repeat(width - filled), percent,
                s.total(), s.total() / seconds);
        progress.flush();
    }

    private static Path tempDir() {
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    /** Counts per outcome; linked and unlinked split the stored ones. */
    public static final class Summary {
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
                case FAILED -> failed++;
            }
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
                    + ", failed " + failed + (loops > 0 ? ", loops " + loops : "");
        }
    }
}
