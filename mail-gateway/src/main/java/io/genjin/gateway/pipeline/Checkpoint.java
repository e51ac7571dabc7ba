package io.genjin.gateway.pipeline;

/**
 * Makes everything above durable before the transport acknowledges (SMTP 250, IMAP checkpoint).
 * In a batch (an import) the flush is the batch's, every so many messages and at its end.
 */
final class Checkpoint implements Step {
    private final Steps steps;
    private final boolean perMessage;

    Checkpoint(Steps steps, boolean perMessage) {
        this.steps = steps;
        this.perMessage = perMessage;
    }

    @Override
    public StepResult apply(InboundMessage m) {
        if (!perMessage) {
            return StepResult.next(m, "durable with the batch");
        }
        steps.durability().flush();
        return StepResult.next(m, "durable");
    }
}
