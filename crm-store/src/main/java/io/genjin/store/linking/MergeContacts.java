package io.genjin.store.linking;

import io.genjin.store.CrmStore;
import io.genjin.store.customer.Contact;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Folds one contact into another: the survivor gains the loser's addresses, messages and timeline
 * activities name the survivor, and the loser becomes a tombstone. Every write is a single-document
 * update that is safe to repeat, so a merge that crashed midway is finished by running it again;
 * the audit entry is written once.
 */
public class MergeContacts {
    static final String ACTION = "contact.merged";
    private static final Comparator<Contact> OLDEST = Comparator.comparing(Contact::createdAt,
            Comparator.nullsLast(Comparator.naturalOrder())).thenComparing(Contact::id);

    private final CrmStore store;

    public MergeContacts(CrmStore store) {
        this.store = store;
    }

    public ContactMergeResult merge(String survivorId, String loserId, String actorId) {
        if (Objects.equals(survivorId, loserId)) {
            throw new IllegalArgumentException("a contact cannot be merged into itself: " + survivorId);
        }
        Contact survivor = store.contacts().get(survivorId);
        Contact loser = store.contacts().get(loserId);
        if (survivor.mergedInto() != null) {
            throw new IllegalStateException("contact " + survivorId + " was itself merged into " + survivor.mergedInto());
        }
        if (loser.mergedInto() != null && !loser.mergedInto().equals(survivorId)) {
            throw new IllegalStateException("contact " + loserId + " was already merged into " + loser.mergedInto());
        }
        boolean resumed = loser.mergedInto() != null;
        // Addresses first: while both hold them, lookups still find a contact; after the tombstone only the survivor.
        if (!loser.addresses().isEmpty()) {
            store.contacts().addAddresses(survivorId, loser.addresses());
        }
        store.contacts().markMerged(loserId, survivorId);
        long messages = store.messages().replaceContact(loserId, survivorId);
        long activities = store.timeline().replaceContact(loserId, survivorId);
        ContactMergeResult result = new ContactMergeResult(survivorId, loserId, loser.addresses(), messages, activities,
                resumed);
        boolean audited = store.audit().about("contact", survivorId).stream()
                .anyMatch(e -> ACTION.equals(e.action()) && loserId.equals(e.details().get("loserId")));
        if (!audited) {
            store.audit().record(actorId, ACTION, "contact", survivorId, Map.of("loserId", loserId,
                    "loserCompanyId", String.valueOf(loser.companyId()), "addresses", String.join(",", loser.addresses()),
                    "messages", Long.toString(messages), "activities", Long.toString(activities),
                    "resumed", Boolean.toString(resumed)));
        }
        return result;
    }

    /** Merges every live contact holding this address into the oldest of them. */
    public List<ContactMergeResult> mergeByAddress(String address, String actorId) {
        return mergeAll(store.contacts().allByAddress(address), actorId);
    }

    /** Merges contacts of one company that share an address (after a company merge), oldest surviving. */
    List<ContactMergeResult> mergeDuplicatesWithin(String companyId, String actorId) {
        List<ContactMergeResult> results = new ArrayList<>();
        // Each merge changes the survivor's addresses, so group again until no address is shared.
        for (int round = 0; round < 100; round++) {
            List<Contact> contacts = store.contacts().ofCompany(companyId);
            List<Contact> sharing = contacts.stream().flatMap(c -> c.addresses().stream())
                    .filter(a -> contacts.stream().filter(c -> c.addresses().contains(a)).count() > 1).findFirst()
                    .map(a -> contacts.stream().filter(c -> c.addresses().contains(a)).toList()).orElse(List.of());
            if (sharing.isEmpty()) {
                break;
            }
            results.addAll(mergeAll(sharing, actorId));
        }
        return results;
    }

    private List<ContactMergeResult> mergeAll(List<Contact> contacts, String actorId) {
        if (contacts.size() < 2) {
            return List.of();
        }
        Contact survivor = contacts.stream().min(OLDEST).orElseThrow();
        return contacts.stream().filter(c -> !c.id().equals(survivor.id()))
                .map(c -> merge(survivor.id(), c.id(), actorId)).toList();
    }

    /** What a contact merge did; {@code resumed} when it finished a merge that had started before. */
    public record ContactMergeResult(String survivorId, String loserId, List<String> addressesAdded, long messages,
            long activities, boolean resumed) {
    }
}
