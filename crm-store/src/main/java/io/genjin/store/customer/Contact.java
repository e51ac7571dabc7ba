package io.genjin.store.customer;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A person at a customer company, identified by their email addresses. {@code whatsApp} and
 * {@code weChat} are the handles people in export sales chat on, kept as typed.
 */
@Document("contacts")
public record Contact(
        String id,
        String name,
        List<String> addresses,
        List<String> phones,
        String title,
        String companyId,
        String ownerId,
        boolean left,
        String mergedInto,
        Instant createdAt,
        String whatsApp,
        String weChat) {

    @PersistenceCreator
    public Contact {
        addresses = addresses == null ? List.of()
                : addresses.stream().map(a -> a.trim().toLowerCase(Locale.ROOT)).filter(a -> !a.isEmpty()).distinct().toList();
        phones = phones == null ? List.of() : List.copyOf(phones);
    }

    /** A contact without chat handles. */
    public Contact(String id, String name, List<String> addresses, List<String> phones, String title, String companyId,
            String ownerId, boolean left, String mergedInto, Instant createdAt) {
        this(id, name, addresses, phones, title, companyId, ownerId, left, mergedInto, createdAt, null, null);
    }

    public Contact withCompany(String newCompanyId) {
        return new Contact(id, name, addresses, phones, title, newCompanyId, ownerId, left, mergedInto, createdAt,
                whatsApp, weChat);
    }
}
