package io.genjin.gateway.pipeline;

import io.genjin.gateway.mime.MimeLimits;

/**
 * @param maxStoredAttachmentBytes attachments larger than this are listed but their content is not kept
 * @param maxReceived              more Received headers than this is a mail loop (RFC 5321 §6.3 suggests 100; real loops are far shorter)
 * @param snippetChars             characters of text kept on the timeline entry and the stored message
 */
public record PipelineSettings(long maxStoredAttachmentBytes, int maxReceived, int snippetChars, MimeLimits limits) {

    public PipelineSettings {
        if (maxStoredAttachmentBytes < 0 || maxReceived < 1 || snippetChars < 0) {
            throw new IllegalArgumentException("invalid pipeline settings");
        }
    }

    public static PipelineSettings defaults() {
        return new PipelineSettings(25L * 1024 * 1024, 50, 2000, MimeLimits.defaults());
    }
}
