package io.genjin.app.customer;

import io.genjin.app.web.Conflict;
import io.genjin.store.CrmStore;
import io.genjin.store.Ids;
import io.genjin.store.customer.Company;
import io.genjin.store.customer.Contact;
import io.genjin.app.web.Patch;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Adds a contact to a customer, or changes one. An address belongs to one live contact only, so an
 * address another contact has is refused (409), never moved silently. The caller has checked visibility.
 */
@Component
public class SaveContact {
    /** The API checks addresses with Bean Validation; a form's free text is checked here, as loosely. */
    private static final java.util.regex.Pattern ADDRESS = java.util.regex.Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private final CrmStore store;

    SaveContact(CrmStore store) {
        this.store = store;
    }

    /** A field left null keeps its value when editing. */
    public record Fields(String name, List<String> addresses, List<String> phones, String title, String whatsApp,
            String weChat, Boolean left) {
    }

    public Contact add(Company company, Fields fields) {
        if (fields.addresses() == null || fields.addresses().isEmpty()) {
            throw new io.genjin.store.Invalid("A contact needs at least one email address.");
        }
        requireFree(fields.addresses(), null);
        return store.contacts().insert(new Contact(Ids.newId(), fields.name(), fields.addresses(), fields.phones(),
                fields.title(), company.id(), company.ownerId(), false, null, store.clock().instant(),
                fields.whatsApp(), fields.weChat()));
    }

    /** A contact for {@link #addAll}, and the customer it joins. */
    public record NewContact(Company company, Fields fields) {
    }

    /** A contact of {@link #addAll}: saved, or refused with the reason {@link #add} would give. */
    public record Saved(Contact contact, String refusal) {
    }

    /**
     * Adds several contacts in one round trip (an import), each checked as {@link #add} checks one;
     * an address another contact has, or an earlier one of these, refuses that contact only. The
     * answers are in the order of {@code all}.
     */
    public List<Saved> addAll(List<NewContact> all) {
        List<Saved> out = new java.util.ArrayList<>(all.size());
        List<Contact> checked = new java.util.ArrayList<>();
        java.util.Set<String> addressesHere = new java.util.HashSet<>();
        // One lookup for the whole batch rather than one per address.
        java.util.Map<String, Contact> taken = store.contacts().byAddresses(all.stream()
                .flatMap(n -> n.fields().addresses() == null ? java.util.stream.Stream.<String>empty()
                        : n.fields().addresses().stream()).toList());
        for (NewContact n : all) {
            try {
                Fields fields = n.fields();
                if (fields.addresses() == null || fields.addresses().isEmpty()) {
                    throw new io.genjin.store.Invalid("A contact needs at least one email address.");
                }
                for (String address : fields.addresses()) {
                    if (!ADDRESS.matcher(address.trim()).matches()) {
                        throw new io.genjin.store.Invalid("'" + address + "' is not an email address.");
                    }
                    String key = io.genjin.store.customer.Contacts.normalized(address);
                    if (taken.containsKey(key) || !addressesHere.add(key)) {
                        throw new Conflict("The address " + address + " already belongs to another contact.");
                    }
                }
                Contact contact = new Contact(Ids.newId(), fields.name(), fields.addresses(), fields.phones(),
                        fields.title(), n.company().id(), n.company().ownerId(), false, null, store.clock().instant(),
                        fields.whatsApp(), fields.weChat());
                checked.add(contact);
                out.add(new Saved(contact, null));
            } catch (io.genjin.store.Invalid | Conflict e) {
                out.add(new Saved(null, e.getMessage()));
            }
        }
        java.util.Set<String> inserted = new java.util.HashSet<>();
        store.contacts().insertAll(checked).forEach(c -> inserted.add(c.id()));
        return out.stream().map(s -> s.contact() == null || inserted.contains(s.contact().id()) ? s
                : new Saved(null, "The store refused the contact " + s.contact().addresses() + ".")).toList();
    }

    public Contact edit(Contact contact, Fields fields) {
        if (fields.addresses() != null) {
            if (fields.addresses().isEmpty()) {
                throw new io.genjin.store.Invalid("A contact needs at least one email address.");
            }
            requireFree(fields.addresses(), contact.id());
        }
        return store.contacts().save(new Contact(contact.id(),Patch.or(fields.name(), contact.name()),
               Patch.or(fields.addresses(), contact.addresses()),Patch.or(fields.phones(), contact.phones()),
               Patch.or(fields.title(), contact.title()), contact.companyId(), contact.ownerId(),
                fields.left() == null ? contact.left() : fields.left(), contact.mergedInto(), contact.createdAt(),
               Patch.or(fields.whatsApp(), contact.whatsApp()),Patch.or(fields.weChat(), contact.weChat())));
    }

    private void requireFree(List<String> addresses, String contactId) {
        for (String address : addresses) {
            if (!ADDRESS.matcher(address.trim()).matches()) {
                throw new io.genjin.store.Invalid("'" + address + "' is not an email address.");
            }
            store.contacts().byAddress(address).filter(c -> !c.id().equals(contactId)).ifPresent(c -> {
                throw new Conflict("The address " + address + " already belongs to another contact.");
            });
        }
    }
}
