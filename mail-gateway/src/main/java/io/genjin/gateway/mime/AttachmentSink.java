package io.genjin.gateway.mime;

import java.io.IOException;
import java.io.InputStream;

/**
 * Where attachment content goes while a message is parsed: the content arrives as a stream and must
 * be consumed (or not) before the parse moves on, so a 100 MB attachment never sits in memory.
 */
@FunctionalInterface
public interface AttachmentSink {

    /** Reads (part of) the content; returns the stored id or null. The parser counts the size itself. */
    String accept(int partIndex, String name, String type, InputStream content) throws IOException;

    /** Counts and forgets: for parsing without a store (the {@code parse} command, the golden tests). */
    AttachmentSink DISCARD = (index, name, type, content) -> {
        content.transferTo(java.io.OutputStream.nullOutputStream());
        return null;
    };
}
