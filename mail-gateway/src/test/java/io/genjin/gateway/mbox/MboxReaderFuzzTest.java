package io.genjin.gateway.mbox;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.genjin.gateway.RawMail;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whatever an mbox file holds, the reader splits it into messages whose bytes can be read, or fails
 * with an I/O error; it never loops, and never throws anything else.
 */
class MboxReaderFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void anyBytesSplitOrFailCleanly(byte[] data) throws IOException {
        Path spill = Files.createTempDirectory("mbox-fuzz-");
        try (MboxReader reader = new MboxReader(new ByteArrayInputStream(data), spill)) {
            int messages = 0;
            while (reader.hasNext()) {
                RawMail mail = reader.next();
                try (InputStream in = mail.open()) {
                    in.transferTo(java.io.OutputStream.nullOutputStream());
                }
                if (++messages > data.length + 1) {
                    throw new AssertionError("more messages than bytes: the reader does not advance");
                }
            }
        } catch (IOException | UncheckedIOException refused) {
            // a clear error for bad input: allowed
        } finally {
            try (var files = Files.walk(spill)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
