package io.genjin.gateway.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.genjin.gateway.MailIngestion;
import io.genjin.gateway.RawMail;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How much a batch reads ahead (a number of messages, and a number of bytes of them), and who reads them. */
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

    /** The message, running {@code hook} on the opening thread each time it is opened. */
    private static RawMail onOpen(RawMail mail, Runnable hook) {
        return new RawMail() {
            @Override
            public InputStream open() throws java.io.IOException {
                hook.run();
                return mail.open();
            }

            @Override
            public long size() {
                return mail.size();
            }
        };
    }

    /**
     * The caller waiting for a message the read-ahead thread has not started (it is busy with an
     * earlier one) reads it itself, and the result is the one the read-ahead would have given.
     */
    @Test
    void aCallerWaitingWhileTheReadAheadThreadIsBusyReadsTheNextMessageItself() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        RawMail blocking = onOpen(message(0, 1_000), () -> {
            inside.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Set<String> readers = ConcurrentHashMap.newKeySet();
        RawMail watched = onOpen(message(1, 1_000), () -> readers.add(Thread.currentThread().getName()));
        ahead.start(blocking);
        ahead.start(watched);
        assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();

        ReadAhead.Kept kept = ahead.kept(watched);
        assertThat(kept).isNotNull();
        assertThat(kept.headers().get("subject")).containsExactly("m1");
        assertThat(readers).as("read by the waiting caller, the read-ahead thread being busy")
                .containsExactly(Thread.currentThread().getName());
        assertThat(ahead.take(watched)).isNotNull();

        release.countDown();
        assertThat(ahead.kept(blocking)).as("the busy one still given out by the read-ahead thread").isNotNull();
        assertThat(ahead.take(blocking)).isNotNull();
    }
}
