package io.genjin.store.linking;

import io.genjin.store.message.Direction;
import java.util.List;

/**
 * The customers a message belongs to, each with its reason, or why it belongs to none. {@code links}
 * is empty exactly when the step is one of the {@code NONE_*} ones; then {@code heldDetail} says more
 * (which header marked it bulk, which rule a person set). {@code conflictIds} name the ownership
 * conflicts (撞客) this message revealed; the company's owner is never changed by linking.
 */
public record LinkDecision(String messageId, List<CustomerLink> links, Direction direction, LinkStep step,
        String heldDetail, boolean createdCompany, boolean createdContact, List<String> conflictIds) {

    public LinkDecision {
        links = links == null ? List.of() : List.copyOf(links);
        conflictIds = conflictIds == null ? List.of() : List.copyOf(conflictIds);
    }

    static LinkDecision none(String messageId, Direction direction, LinkStep step, String detail) {
        return new LinkDecision(messageId, List.of(), direction, step, detail, false, false, List.of());
    }

    public boolean linked() {
        return !links.isEmpty();
    }

    /** The first customer (the one the strongest evidence found), or null. */
    public String companyId() {
        return links.isEmpty() ? null : links.get(0).companyId();
    }

    /** The first customer's contacts on the message. */
    public List<String> contactIds() {
        return links.isEmpty() ? List.of() : links.get(0).contactIds();
    }

    public List<String> companyIds() {
        return links.stream().map(CustomerLink::companyId).toList();
    }

    /** The first conflict, or null. */
    public String conflictId() {
        return conflictIds.isEmpty() ? null : conflictIds.get(0);
    }
}
