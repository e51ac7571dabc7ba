package io.genjin.store.linking;

import io.genjin.store.customer.Company;
import io.genjin.store.customer.Contact;
import java.util.List;
import java.util.Map;

/**
 * Two companies side by side before a merge: each as it is now, with its contacts and how many of
 * each kind of record hang off it ({@code messages}, {@code activities}, {@code tasks}, …, then the
 * {@link CustomerRecords#kind()} of other modules), and {@code merged}, the survivor as it will look.
 */
public record MergePreview(Company survivor, Company loser, Company merged, Side survivorSide, Side loserSide) {

    /** The kinds counted, in the order shown. */
    public List<String> kinds() {
        return List.copyOf(loserSide.counts().keySet());
    }

    public record Side(List<Contact> contacts, Map<String, Long> counts) {
        public Side {
            contacts = List.copyOf(contacts);
            counts = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(counts));
        }
    }
}
