package io.genjin.store.linking;

import io.genjin.store.message.Direction;
import java.util.List;

/**
 * The customer a message belongs to, or why it belongs to none. {@code companyId} is null exactly
 * when the step is one of the {@code NONE_*} ones. {@code conflictId} names the ownership conflict
 * (撞客) this message revealed, if any; the company's owner is never changed by linking.
 */
public record LinkDecision(String messageId, String companyId, List<String> contactIds, Direction direction,
        LinkStep step, boolean createdCompany, boolean createdContact, String conflictId) {

    public LinkDecision {
        contactIds = contactIds == null ? List.of() : List.copyOf(contactIds);
    }

    static LinkDecision none(String messageId, Direction direction, LinkStep step) {
        return new LinkDecision(messageId, null, List.of(), direction, step, false, false, null);
    }

    public boolean linked() {
        return companyId != null;
    }
}
