package io.genjin.gateway.pipeline;

/**
 * Asks the classifier (through {@link Understanding}) what the logged message is; in a batch, the
 * answer may already have been worked out by the batch's {@link ReadAhead}.
 */
final class Understand implements Step {
    private final Steps steps;
    private final ReadAhead ahead;

    Understand(Steps steps) {
        this(steps, null);
    }

    Understand(Steps steps, ReadAhead ahead) {
        this.steps = steps;
        this.ahead = ahead;
    }

    @Override
    public StepResult apply(InboundMessage m) {
        // A forward's extracted original has no raw of its own; the message itself does.
        Understanding.Result r;
        if (m.logged() == m.mail()) {
            Understanding.Result read = ahead == null ? null : ahead.take(m.raw());
            r = read != null ? read : steps.understanding().understand(m.mail());
        } else {
            r = steps.understanding().understand(m.logged());
        }
        Understanding.Result result = r == null ? Understanding.Result.NOTHING : r;
        return StepResult.next(m.withUnderstanding(result), "bounce=" + result.bounce() + " autoReply=" + result.autoReply()
                + " quote=" + result.quote() + " intent=" + result.intent());
    }
}
