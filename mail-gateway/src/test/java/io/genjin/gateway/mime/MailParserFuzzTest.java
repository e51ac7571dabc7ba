package io.genjin.gateway.mime;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * Bad input gets a clear error or a safe fallback: whatever bytes arrive, the parser returns a
 * message or throws {@link IOException}, never anything else. Without {@code JAZZER_FUZZ=1} the seeds
 * beside this class (and every crash found, saved there) run as regression tests.
 */
class MailParserFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void anyBytesParseOrFailCleanly(byte[] data) {
        try {
            new MailParser().parse(new ByteArrayInputStream(data), AttachmentSink.DISCARD);
        } catch (IOException refused) {
            // a clear error for bad input: allowed
        }
    }
}
