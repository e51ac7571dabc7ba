package io.genjin.gateway.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Base64 as senders write it, decoded in streams of any chunking to what the standard decoder makes of the clean text. */
class LenientBase64Test {

    /** Reads everything, in reads of {@code chunk} bytes from a source that hands out at most {@code feed} bytes a read. */
    private static byte[] decoded(byte[] encoded, int feed, int chunk) throws IOException {
        InputStream source = new ByteArrayInputStream(encoded) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, feed));
            }
        };
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (LenientBase64 in = new LenientBase64(source)) {
            byte[] buffer = new byte[chunk];
            for (int n; (n = in.read(buffer, 0, chunk)) >= 0; ) {
                out.write(buffer, 0, n);
            }
        }
        return out.toByteArray();
    }

    @Test
    void attachmentsAsMailersWrapThemDecodeToTheirBytesWhateverTheReadsSizes() throws IOException {
        Random random = new Random(42);
        for (int size : new int[] {0, 1, 2, 3, 4, 5, 57, 58, 59, 100, 8191, 8192, 8193, 100_000}) {
            byte[] data = new byte[size];
            random.nextBytes(data);
            String mime = Base64.getMimeEncoder().encodeToString(data);                      // CRLF every 76
            String unix = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(data);
            String unpadded = Base64.getEncoder().withoutPadding().encodeToString(data);
            String url = Base64.getUrlEncoder().encodeToString(data);
            for (String text : new String[] {mime, unix, unpadded, url, " " + mime + "\r\n"}) {
                byte[] encoded = text.getBytes(StandardCharsets.US_ASCII);
                for (int[] sizes : new int[][] {{8192, 8192}, {1, 1}, {3, 7}, {77, 5000}, {8191, 3}}) {
                    assertThat(decoded(encoded, sizes[0], sizes[1])).as("%d bytes, feed %d, reads of %d", size, sizes[0], sizes[1])
                            .isEqualTo(data);
                }
            }
        }
    }

    @Test
    void strayCharactersAreSkippedAndBlocksEncodedApartAreJoined() throws IOException {
        Random random = new Random(7);
        byte[] first = new byte[1000];
        byte[] second = new byte[501];
        random.nextBytes(first);
        random.nextBytes(second);
        String a = Base64.getEncoder().encodeToString(first);
        String b = Base64.getEncoder().encodeToString(second);
        // a stray character inside a quantum and between quanta, a tab, and two blocks each with its own padding
        String text = a.substring(0, 10) + "*" + a.substring(10, 13) + "\t" + a.substring(13, 40) + "!" + a.substring(40) + b;
        byte[] expected = new byte[first.length + second.length];
        System.arraycopy(first, 0, expected, 0, first.length);
        System.arraycopy(second, 0, expected, first.length, second.length);
        byte[] encoded = text.getBytes(StandardCharsets.US_ASCII);
        for (int feed : new int[] {8192, 1, 5, 13}) {
            assertThat(decoded(encoded, feed, 8192)).as("feed %d", feed).isEqualTo(expected);
        }
        assertThat(LenientBase64.decode(text)).as("the one-string decoder stops at the first padding").isEqualTo(first);
    }
}
