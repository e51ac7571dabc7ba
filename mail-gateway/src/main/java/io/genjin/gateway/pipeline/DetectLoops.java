package io.genjin.gateway.pipeline;

import java.util.List;
import java.util.Map;

/**
 * Drops our own output coming back (any X-Genjin-* header: we add one to everything we send) and
 * mail that has passed through too many hops (a forwarding loop between mail servers).
 */
final class DetectLoops implements Step {
    private final Steps steps;

    DetectLoops(Steps steps) {
        this.steps = steps;
    }

    @Override
    public StepResult apply(InboundMessage m) {
        for (Map.Entry<String, List<String>> h : m.headers().entrySet()) {
            if (h.getKey().startsWith("x-genjin")) {
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
