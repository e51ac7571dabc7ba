package io.genjin.gateway.pipeline;

import io.genjin.gateway.mime.ParsedMail;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Parses the message, streaming attachments into the attachment store (up to the size limit). */
final class Parse implements Step {
    private final Steps steps;

    Parse(Steps steps) {
        this.steps = steps;
    }

    @Override
    public StepResult apply(InboundMessage m) {
        ParsedMail parsed;
        try (InputStream in = m.raw().open()) {
            parsed = steps.parser().parse(in, (index, name, type, content) -> steps.archive().attachments()
                    .store(m.messageId() + "/" + index, name, type, content, steps.settings().maxStoredAttachmentBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return StepResult.next(m.withMail(parsed), parsed.attachments().size() + " attachments, "
                + parsed.problems().size() + " problems" + (parsed.problems().isEmpty() ? "" : " " + parsed.problems()));
    }
}
