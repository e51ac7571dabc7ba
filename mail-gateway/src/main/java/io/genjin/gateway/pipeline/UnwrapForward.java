package io.genjin.gateway.pipeline;

import io.genjin.gateway.MailSource;
import io.genjin.gateway.mime.ParsedMail;
import java.util.Optional;

/**
 * A forward sent to the dropbox is logged as the original it carries, on the original
 * correspondent's timeline, attributed to the user who forwarded it. Without a recognisable
 * original the forward itself is logged.
 */
final class UnwrapForward implements Step {
    private final Steps steps;

    UnwrapForward(Steps steps) {
        this.steps = steps;
    }

    @Override
    public StepResult apply(InboundMessage m) {
        if (!(m.source() instanceof MailSource.Dropbox d) || d.mode() != MailSource.Dropbox.Mode.FORWARD) {
            return StepResult.next(m, "not a forward");
        }
        Optional<ParsedMail> original = steps.forwards().original(m.mail());
        if (original.isEmpty() || original.get().sender() == null) {
            return StepResult.next(m, "forward without a recognisable original; logged as is");
        }
        ParsedMail o = original.get();
        return StepResult.next(m.withLogged(o, d.ownerUserId()), "original from " + o.sender().address());
    }
}
