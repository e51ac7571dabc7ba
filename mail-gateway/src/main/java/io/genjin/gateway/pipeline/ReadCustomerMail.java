package io.genjin.gateway.pipeline;

import io.genjin.store.message.Direction;
import io.genjin.store.message.MailReading;

/**
 * Reads tone, dissatisfaction and topics in a customer's own words: only inbound mail linked to a customer,
 * and neither a bounce nor an auto-reply (a machine is not the customer speaking). The rest passes untouched,
 * so the cost (one tone-model evaluation and one pass of the topic phrases) is paid on customer mail only.
 */
final class ReadCustomerMail implements Step {
    private final Steps steps;

    ReadCustomerMail(Steps steps) {
        this.steps = steps;
    }

    @Override
    public StepResult apply(InboundMessage m) {
        Understanding.Result u = m.understanding() == null ? Understanding.Result.NOTHING : m.understanding();
        if (m.decision() == null || m.decision().direction() != Direction.INBOUND || !m.decision().linked()
                || u.bounce() || u.autoReply()) {
            return StepResult.next(m, "not read (not inbound customer mail)");
        }
        String text = u.visibleText() != null && !u.visibleText().isBlank() ? u.visibleText() : m.logged().text();
        MailReading reading = steps.understanding().read(u, text == null ? "" : text);
        if (reading == null) {
            return StepResult.next(m, "not read (no classifier)");
        }
        return StepResult.next(m.withReading(reading), "tone=" + reading.tone() + " dissatisfied=" + reading.dissatisfied()
                + " topics=" + reading.topics());
    }
}
