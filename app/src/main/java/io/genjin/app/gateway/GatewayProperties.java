package io.genjin.app.gateway;

import io.genjin.gateway.mime.MimeLimits;
import io.genjin.gateway.pipeline.PipelineSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Mail ingestion settings ({@code genjin.gateway.*}).
 *
 * @param maxStoredAttachmentBytes attachments above this size are listed but their content is not kept
 * @param maxReceived              more Received headers than this is treated as a mail loop
 * @param maxMimeParts             leaf parts parsed per message
 */
@ConfigurationProperties("genjin.gateway")
public record GatewayProperties(@DefaultValue("26214400") long maxStoredAttachmentBytes, @DefaultValue("50") int maxReceived,
        @DefaultValue("1000") int maxMimeParts) {

    PipelineSettings settings() {
        MimeLimits d = MimeLimits.defaults();
        MimeLimits limits = new MimeLimits(d.maxHeaderCount(), d.maxHeaderLength(), d.maxLineLength(), d.maxNesting(),
                maxMimeParts, d.maxTextBytes());
        return new PipelineSettings(maxStoredAttachmentBytes, maxReceived, PipelineSettings.defaults().snippetChars(), limits);
    }
}
