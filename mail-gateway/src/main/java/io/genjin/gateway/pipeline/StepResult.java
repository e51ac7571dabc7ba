package io.genjin.gateway.pipeline;

/** What a step decided: go on with the (updated) message, or stop for a reason. {@code note} is logged. */
public sealed interface StepResult {

    InboundMessage message();

    String note();

    static StepResult next(InboundMessage message, String note) {
        return new Next(message, note);
    }

    static StepResult stop(Reason reason, InboundMessage message, String note) {
        return new Stop(reason, message, note);
    }

    record Next(InboundMessage message, String note) implements StepResult {
    }

    record Stop(Reason reason, InboundMessage message, String note) implements StepResult {
    }

    /** Why a message went no further; each is an expected outcome, not an error. */
    enum Reason {
        /** Seen before (maybe in another mailbox): its new mailbox reference is recorded. */
        DUPLICATE,
        /** Our own output coming back, or a mail loop. */
        LOOP
    }
}
