package io.genjin.gateway.pipeline;

import io.genjin.gateway.SentTracking;
import java.util.List;
import java.util.Locale;

/**
 * A message sent as a tracked quotation from the Outlook add-in carries {@code X-Genjin-Track}: the
 * signed id of the tracked message made in compose, before Outlook gave the mail its Message-ID. Its
 * first ingestion (the Sent Items copy by IMAP, a BCC to the dropbox, or the add-in's own "log") links
 * the two; a header that does not verify is ignored, and said so in the log. A message without the
 * header goes on untouched.
 */
final class LinkTracking implements Step {
    private static final String HEADER = SentTracking.HEADER.toLowerCase(Locale.ROOT);
    private final Steps steps;

    LinkTracking(Steps steps) {
        this.steps = steps;
    }

    @Override
    public StepResult apply(InboundMessage m) {
        List<String> values = m.headers().getOrDefault(HEADER, List.of());
        if (values.isEmpty()) {
            return StepResult.next(m, "no tracking header");
        }
        SentTracking.Verdict verdict = steps.sentTracking().recognise(values.get(0).trim(), m.messageId());
        return StepResult.next(m, (verdict.linked() ? "tracking linked: " : "tracking header ignored: ") + verdict.note());
    }
}
