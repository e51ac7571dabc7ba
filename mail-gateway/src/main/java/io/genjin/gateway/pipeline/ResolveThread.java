package io.genjin.gateway.pipeline;

import io.genjin.gateway.mime.ParsedMail;
import io.genjin.store.message.StoredMessage;
import java.util.Optional;

/**
 * The thread a message belongs to: the stored parent's thread when In-Reply-To names a stored
 * message, else the first References entry (the root, RFC 5322 §3.6.4), else the message itself.
 */
final class ResolveThread implements Step {
    private final Steps steps;

    ResolveThread(Steps steps) {
        this.steps = steps;
    }

    @Override
    public StepResult apply(InboundMessage m) {
        ParsedMail mail = m.logged();
        Optional<String> parent = Optional.ofNullable(mail.inReplyTo()).flatMap(steps.store().messages()::byMessageId)
                .map(StoredMessage::threadKey);
        String key = parent.orElseGet(() -> !mail.references().isEmpty() ? mail.references().get(0)
                : mail.inReplyTo() != null ? mail.inReplyTo() : m.loggedMessageId());
        return StepResult.next(m.withThreadKey(key), parent.isPresent() ? "thread of stored parent " + key : "thread " + key);
    }
}
