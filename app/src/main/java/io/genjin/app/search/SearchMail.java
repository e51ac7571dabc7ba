package io.genjin.app.search;

import io.genjin.app.customer.VisibleCustomers;
import io.genjin.app.message.VisibleMessages;
import io.genjin.app.roles.ConditionalOnRole;
import io.genjin.app.roles.Roles;
import io.genjin.app.security.SignedIn;
import io.genjin.store.CrmStore;
import io.genjin.store.NotFound;
import io.genjin.store.access.CustomerAccess.Scope;
import io.genjin.store.customer.Company;
import io.genjin.store.customer.Contact;
import io.genjin.store.message.StoredMessage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * Searching mail and customers as a signed-in user: what the pages and the API call. The index is
 * asked with the user's visibility as a filter (so totals count only what they may see); each hit is
 * then read from the store and checked again with the pages' own rule, so an index a moment behind a
 * reassignment or a relink shows nothing it should not.
 */
@Component
@ConditionalOnRole(Roles.API)
public class SearchMail {
    /** Customers shown beside the mail: the best few, no count. */
    private static final int CUSTOMERS = 8;
    private final MailSearch search;
    private final CrmStore store;
    private final VisibleCustomers customers;
    private final VisibleMessages messages;

    SearchMail(MailSearch search, CrmStore store, VisibleCustomers customers, VisibleMessages messages) {
        this.search = search;
        this.store = store;
        this.customers = customers;
        this.messages = messages;
    }

    /**
     * @throws NotFound when the query names a customer the user may not see (like one that does not exist)
     * @throws MailSearch.BadQuery when the text is not valid search syntax
     */
    public Found messages(SignedIn me, MailSearch.Request query) {
        if (query.companyId() != null) {
            customers.company(me, query.companyId());
        }
        MailSearch.Results results = search.search(query, visibility(me));
        List<Found.Message> found = results.hits().stream()
                .flatMap(hit -> visible(me, hit.storedId()).map(m -> new Found.Message(m, hit)).stream()).toList();
        return new Found(results.total(), found, results.building());
    }

    /** Customers whose name, domain, or a contact's name or address contains the text; the user's visible ones only. */
    public List<Company> customers(SignedIn me, String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        Scope scope = customers.scope(me);
        Map<String, Company> found = new LinkedHashMap<>();
        store.companies().search(scope, text, 0, CUSTOMERS).forEach(c -> found.put(c.id(), c));
        for (Contact contact : store.contacts().matching(text, 100)) {
            if (found.size() >= CUSTOMERS) {
                break;
            }
            if (contact.companyId() != null && !found.containsKey(contact.companyId())) {
                store.companies().findLive(contact.companyId()).filter(c -> store.access().canSee(me.viewer(), c))
                        .filter(c -> c.archivedAt() == null).ifPresent(c -> found.put(c.id(), c));
            }
        }
        return List.copyOf(found.values());
    }

    /** The user's visibility as the index filters it: their scope's mailboxes, and the customers they may see. */
    MailSearch.Visibility visibility(SignedIn me) {
        Scope scope = customers.scope(me);
        if (scope.all()) {
            return MailSearch.Visibility.ALL;
        }
        Set<String> companies;
        try (Stream<Company> live = store.companies().streamLive()) {
            companies = live.filter(c -> scope.includes(c.ownerId())).map(Company::id).collect(Collectors.toSet());
        }
        return new MailSearch.Visibility(false, scope.owners(), companies);
    }

    private Optional<StoredMessage> visible(SignedIn me, String storedId) {
        try {
            return Optional.of(messages.message(me, storedId));
        } catch (NotFound gone) {
            return Optional.empty();
        }
    }

    /** One page of mail found; {@code total} counts what the index let through for this user. */
    public record Found(long total, List<Message> messages, boolean building) {
        public record Message(StoredMessage message, MailSearch.Hit hit) {
        }
    }

}
