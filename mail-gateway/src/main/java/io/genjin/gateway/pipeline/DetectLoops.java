package io.genjin.gateway.pipeline;

import java.util.List;
import java.util.Map;

/**
 * Drops our own output coming back (any X-Genjin-* header: we add one to everything we send) and
 * mail that has passed through too many hops (a forwarding loop between mail servers). The one
 * exception is {@code X-Genjin-Track}: a salesperson's own client puts it on a tracked quotation it
 * sends (the Outlook add-in), and that mail is theirs to log ({@link LinkTracking}).
 */
final class DetectLoops implements Step {
    private static final String TRACK = io.genjin.gateway.SentTracking.HEADER.toLowerCase(java.util.Locale.ROOT);
    private final Steps steps;

    DetectLoops(Steps steps) {
        this.steps = steps;
    }

    @Override
    public StepResult apply(InboundMessage m) {
        for (Map.Entry<String, List<String>> h : m.headers().entrySet()) {
            if (h.getKey().startsWith("x-genjin") && !h.getKey().equals(TRACK)) {
                return StepResult.stop(StepResult.Reason.LOOP, m, "our own header " + h.getKey());
            }
        }
        int received = m.headers().getOrDefault("received", List.of()).size();
        if (received > steps.settings().maxReceived()) {
            return StepResult.stop(StepResult.Reason.LOOP, m, received + " Received headers");
        }
        return StepResult.next(m, "no loop");
    }
}
