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

    /**
     * In a batch: the message may already have been parsed by the {@link ReadAhead}, its attachments
     * held for this step to store. Each parse is handed to the steps' {@link ParsedMailSink}.
     */
    Parse(Steps steps, ReadAhead ahead) {
        this.steps = steps;
        this.ahead = ahead;
    }

    @Override
    public StepResult apply(InboundMessage m) {
        ReadAhead.Parsed read = ahead == null ? null : ahead.parsed(m.raw());
        ParsedMail parsed = read != null ? stored(m, read) : parse(m);
        if (m.rawKey() != null) {
            steps.parsedSink().parsed(m.rawKey(), m.raw().size(), steps.settings().limits(), parsed);
        }
        return StepResult.next(m.withMail(parsed), parsed.attachments().size() + " attachments, "
                + parsed.problems().size() + " problems" + (parsed.problems().isEmpty() ? "" : " " + parsed.problems()));
    }

    /** A parse made ahead: its attachments stored now, under the keys parsing here would have used. */
    private ParsedMail stored(InboundMessage m, ReadAhead.Parsed read) {
        if (read.attachments().isEmpty()) {
            return read.mail();
        }
        java.util.Map<String, String> ids = new java.util.HashMap<>();
        for (ReadAhead.Held held : read.attachments()) {
            ids.put(held.standIn(), steps.archive().attachments().store(m.messageId() + "/" + held.partIndex(), held.name(),
                    held.type(), new java.io.ByteArrayInputStream(held.content()), steps.settings().maxStoredAttachmentBytes()));
        }
        return read.mail().withStoredIds(ids::get);
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
