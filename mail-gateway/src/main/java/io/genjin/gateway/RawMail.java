package io.genjin.gateway;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A raw RFC 5322 message that can be read more than once and may be larger than memory
 * (a 100 MB attachment is streamed, never held whole).
 */
public interface RawMail {

    InputStream open() throws IOException;

    /** Size in bytes, or -1 when unknown. */
    long size();

    static RawMail of(byte[] bytes) {
        byte[] copy = bytes.clone();
        return new RawMail() {
            @Override
            public InputStream open() {
                return new ByteArrayInputStream(copy);
            }

            @Override
            public long size() {
                return copy.length;
            }
        };
    }

    static RawMail of(Path file) {
        return new RawMail() {
            @Override
            public InputStream open() throws IOException {
                return Files.newInputStream(file);
            }

            @Override
            public long size() {
                try {
                    return Files.size(file);
                } catch (IOException e) {
                    return -1;
                }
            }
        };
    }
}
