package io.genjin.gateway.pipeline;

import io.genjin.gateway.mime.ParsedMail;
import java.util.Optional;

/** Finds the original message inside a forward. */
@FunctionalInterface
public interface ForwardedMessages {

    Optional<ParsedMail> original(ParsedMail forward);

    /** An attached message/rfc822 first (exact headers), else the inline forwarded block. */
    static ForwardedMessages standard() {
        ClassifierForwards inline = new ClassifierForwards();
        return forward -> forward.attachedMessages().stream().findFirst().or(() -> inline.original(forward));
    }
}
