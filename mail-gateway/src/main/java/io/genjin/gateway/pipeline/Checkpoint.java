package io.genjin.gateway.pipeline;

/** Makes everything above durable before the transport acknowledges (SMTP 250, IMAP checkpoint). */
final class Checkpoint implements Step {
    private final Steps steps;

    Checkpoint(Steps steps) {
        this.steps = steps;
    }

    @Override
    public StepResult apply(InboundMessage m) {
        steps.durability().flush();
        return StepResult.next(m, "durable");
    }
}
