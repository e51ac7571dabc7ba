package io.genjin.gateway.pipeline;

/** Asks the classifier (through {@link Understanding}) what the logged message is. */
final class Understand implements Step {
    private final Steps steps;

    Understand(Steps steps) {
        this.steps = steps;
    }

    @Override
    public StepResult apply(InboundMessage m) {
        // A forward's extracted original has no raw of its own; the message itself does.
        Understanding.Result r = m.logged() == m.mail() ? steps.understanding().understand(m.mail(), m.raw())
                : steps.understanding().understand(m.logged());
        Understanding.Result result = r == null ? Understanding.Result.NOTHING : r;
        return StepResult.next(m.withUnderstanding(result), "bounce=" + result.bounce() + " autoReply=" + result.autoReply()
                + " quote=" + result.quote() + " intent=" + result.intent());
    }
}
