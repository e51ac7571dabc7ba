package io.genjin.gateway.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.genjin.gateway.MailIngestion;
import io.genjin.gateway.RawMail;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How much a batch reads ahead: a number of messages, and a number of bytes of them. */
class ReadAheadTest {
    private final PipelineFixture fixture = new PipelineFixture();
    private final ReadAhead ahead = new ReadAhead(fixture.steps());

    @AfterEach
    void close() {
        ahead.close();
        fixture.close();
    }

    /** A small message that says it is {@code size} bytes long (the bound reads the size a RawMail gives). */
    private static RawMail message(int i, long size) {
        byte[] bytes = ("From: a@example.org\r\nTo: b@example.org\r\nSubject: m" + i + "\r\nMessage-ID: <m" + i
                + "@example.org>\r\n\r\nbody " + i + "\r\n").getBytes(StandardCharsets.UTF_8);
        return new RawMail() {
            @Override
            public InputStream open() {
                return new ByteArrayInputStream(bytes);
            }

            @Override
            public long size() {
                return size;
            }
        };
    }

    @Test
    void readsAheadTheMessagesNamedUpToItsNumberInTheOrderNamed() {
        List<RawMail> coming = new ArrayList<>();
        for (int i = 0; i < MailIngestion.Batch.READ_AHEAD + 4; i++) {
            coming.add(message(i, 1_000));
        }
        coming.forEach(ahead::start);

        for (int i = 0; i < coming.size(); i++) {
            boolean readAhead = ahead.kept(coming.get(i)) != null;
            assertThat(readAhead).as("m%d read ahead", i).isEqualTo(i < ReadAhead.AHEAD);
        }
    }

    @Test
    void holdsNoMoreThanItsBytesOfRawAtOnceButAlwaysTakesOne() {
        long third = ReadAhead.AHEAD_RAW_BYTES / 3 + 1;
        RawMail first = message(1, third);
        RawMail second = message(2, third);
        RawMail over = message(3, third);
        RawMail huge = message(4, 2 * ReadAhead.AHEAD_RAW_BYTES);
        ahead.start(first);
        ahead.start(second);
        ahead.start(over);
        assertThat(ahead.kept(first)).isNotNull();
        assertThat(ahead.kept(second)).isNotNull();
        assertThat(ahead.kept(over)).as("three thirds and a bit: over the bound").isNull();

        ahead.forget(first);
        ahead.start(over);
        assertThat(ahead.kept(over)).as("room again once one went through").isNotNull();

        ahead.forget(second);
        ahead.forget(over);
        ahead.start(huge);
        assertThat(ahead.kept(huge)).as("alone, any size is read ahead").isNotNull();
    }
}
