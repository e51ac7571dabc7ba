package io.genjin.gateway.mbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.genjin.gateway.IngestResult;
import io.genjin.gateway.MailIngestion;
import io.genjin.gateway.MailSource;
import io.genjin.gateway.RawMail;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an import tells its batch: each message in order, and the ones that come next named ahead of it. */
class MailImportTest {
    private static final int MESSAGES = 20;

    @TempDir
    Path dir;

    /** Records, per ingested message, which messages had been named ahead by then. */
    private static final class Recording implements MailIngestion {
        final List<String> ingested = new ArrayList<>();
        final List<List<String>> namedBefore = new ArrayList<>();
        final Map<RawMail, String> named = new IdentityHashMap<>();
        final List<String> namedInOrder = new ArrayList<>();

        @Override
        public IngestResult ingest(RawMail mail, MailSource source) {
            throw new AssertionError("an import ingests in a batch");
        }

        @Override
        public Batch batch() {
            return new Batch() {
                @Override
                public void ahead(RawMail mail, MailSource source) {
                    if (!named.containsKey(mail)) {
                        String id = subject(mail);
                        named.put(mail, id);
                        namedInOrder.add(id);
                    }
                }

                @Override
                public IngestResult ingest(RawMail mail, MailSource source) {
                    String id = subject(mail);
                    // a message named ahead is ingested as the very instance that was named
                    assertThat(named.containsKey(mail) || ingested.isEmpty()).as("%s named as this instance", id).isTrue();
                    ingested.add(id);
                    namedBefore.add(List.copyOf(namedInOrder));
                    return new IngestResult(IngestResult.Outcome.STORED, id, null, null, null);
                }

                @Override
                public void close() {
                }
            };
        }

        private static String subject(RawMail mail) {
            try (InputStream in = mail.open()) {
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                int at = text.indexOf("Subject: ");
                return text.substring(at + 9, text.indexOf('\n', at)).strip();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static String message(int i) {
        return "From: a@example.org\nTo: b@example.org\nSubject: m" + i + "\nMessage-ID: <m" + i + "@example.org>\n\nbody " + i + "\n";
    }

    private static void assertNamedAhead(Recording r) {
        List<String> all = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++) {
            all.add("m" + i);
        }
        assertThat(r.ingested).containsExactlyElementsOf(all);
        assertThat(r.namedInOrder).containsExactlyElementsOf(all.subList(1, MESSAGES));
        for (int i = 0; i < MESSAGES; i++) {
            int upTo = Math.min(MESSAGES, i + 1 + MailIngestion.Batch.READ_AHEAD);
            assertThat(r.namedBefore.get(i)).as("named by the time m%d is ingested", i)
                    .containsExactlyElementsOf(all.subList(1, Math.max(1, upTo)));
        }
    }

    @Test
    void anMboxNamesTheMessagesThatComeNextAheadOfEachInOrder() throws IOException {
        StringBuilder mbox = new StringBuilder();
        for (int i = 0; i < MESSAGES; i++) {
            mbox.append("From a@example.org Tue Nov  3 09:00:00 2026\n").append(message(i)).append('\n');
        }
        Path file = dir.resolve("archive.mbox");
        Files.writeString(file, mbox);
        Recording r = new Recording();

        new MailImport(r, (summary, percent) -> { }).mbox(file, "user-1");

        assertNamedAhead(r);
    }

    /**
     * A message over the reader's 8 MB is a temporary file: it must stay readable until it is ingested,
     * however many smaller messages after it were read ahead meanwhile.
     */
    @Test
    void aLargeMessageStaysReadableWhileTheMessagesAfterItAreReadAhead() throws IOException {
        String large = ("x".repeat(1000) + "\n").repeat(9 * 1024);
        StringBuilder mbox = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            String m = message(i);
            mbox.append("From a@example.org Tue Nov  3 09:00:00 2026\n").append(i == 0 || i == 5 ? m + large : m).append('\n');
        }
        Path file = dir.resolve("large.mbox");
        Files.writeString(file, mbox);
        Recording r = new Recording();

        new MailImport(r, (summary, percent) -> { }).mbox(file, "user-1");

        assertThat(r.ingested).containsExactly("m0", "m1", "m2", "m3", "m4", "m5", "m6", "m7");
    }

    @Test
    void aFolderOfEmlFilesNamesTheFilesThatComeNextAheadOfEachInOrder() throws IOException {
        for (int i = 0; i < MESSAGES; i++) {
            Files.writeString(dir.resolve(String.format("%03d.eml", i)), message(i));
        }
        Recording r = new Recording();

        new MailImport(r, (summary, percent) -> { }).emlDirectory(dir, "user-1");

        assertNamedAhead(r);
    }
}
