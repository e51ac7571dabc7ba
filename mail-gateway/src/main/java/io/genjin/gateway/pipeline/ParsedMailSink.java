package io.genjin.gateway.pipeline;

import io.genjin.gateway.mime.MimeLimits;
import io.genjin.gateway.mime.ParsedMail;

/**
 * Where the {@code Parse} step hands each parse it made, with the raw's key and size and the limits it
 * was parsed with: the mail reader keeps the latest few, so that the search index, reading the message
 * moments later, does not read and parse its raw again.
 */
@FunctionalInterface
public interface ParsedMailSink {
    ParsedMailSink NONE = (rawKey, rawSize, limits, mail) -> {
    };

    void parsed(String rawKey, long rawSize, MimeLimits limits, ParsedMail mail);
}
