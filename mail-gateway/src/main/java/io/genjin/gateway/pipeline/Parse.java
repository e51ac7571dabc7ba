package io.genjin.gateway.pipeline;

import io.genjin.gateway.mime.ParsedMail;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Parses the message, streaming attachments into the attachment store (up to the size limit). */
final class Parse implements Step {
    private final Steps steps;
    private final ReadAhead ahead;

    Parse(Steps steps) {
        this(steps, null);
    }

    /** In a batch: a message without attachments may already have been parsed by the {@link ReadAhead}. */
    Parse(Steps steps, ReadAhead ahead) {
        this.steps = steps;
        this.ahead = ahead;
    }

    @Override
    public StepResult apply(InboundMessage m) {
        ParsedMail read = ahead == null ? null : ahead.parsed(m.raw());
        ParsedMail parsed = read != null ? read : parse(m);
        return StepResult.next(m.withMail(parsed), parsed.attachments().size() + " attachments, "
                + parsed.problems().size() + " problems" + (parsed.problems().isEmpty() ? "" : " " + parsed.problems()));
    }

    private ParsedMail parse(InboundMessage m) {
        try (InputStream in = m.raw().open()) {
            return steps.parser().parse(in, (index, name, type, content) -> steps.archive().attachments()
                    .store(m.messageId() + "/" + index, name, type, content, steps.settings().maxStoredAttachmentBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
