package io.genjin.outlook;

import io.genjin.store.CrmStore;
import io.genjin.store.Invalid;
import io.genjin.store.access.CustomerAccess;
import io.genjin.store.access.Viewer;
import io.genjin.store.customer.Company;
import io.genjin.store.customer.Contact;
import io.genjin.store.linking.BusinessDomain;
import io.genjin.store.linking.MailDomains;
import io.genjin.store.task.Task;
import io.genjin.store.task.TaskStatus;
import io.genjin.store.timeline.Activity;
import io.genjin.tracking.MessageTracking;
import io.genjin.tracking.Tracking;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The customer card for the addresses of one mail item (read mode: the sender; compose: the
 * recipients). In order, for each address: a colleague's address or the team's own domain is
 * skipped; a contact of a customer the caller may see puts that customer on a card; a contact only
 * of customers the caller may not see is {@code taken} (no name leaked); otherwise the domain
 * suggests a company — a visible customer with that domain, a new one named after the domain, or
 * nothing for free mail.
 */
public final class AssembleCustomerCard {
    public static final int MAX_ADDRESSES = 50;
    static final int OPEN_TASKS = 5;
    static final int TIMELINE = 5;
    /** The tracked messages whose opens are summed: the customer page's header counts the same ones. */
    static final int TRACKED_MESSAGES = 20;
    private final CrmStore store;
    private final MailDomains domains;
    private final Tracking tracking;
    private final String publicUrl;

    public AssembleCustomerCard(CrmStore store, MailDomains domains, Tracking tracking, String publicUrl) {
        this.store = store;
        this.domains = domains;
        this.tracking = tracking;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    public CustomerCard card(Viewer viewer, List<String> addresses) {
        Set<String> wanted = new LinkedHashSet<>();
        for (String a : addresses == null ? List.<String>of() : addresses) {
            if (a != null && !a.isBlank()) {
                wanted.add(a.trim().toLowerCase(Locale.ROOT));
            }
        }
        if (wanted.isEmpty()) {
            throw new Invalid("At least one address is needed.");
        }
        if (wanted.size() > MAX_ADDRESSES) {
            throw new Invalid("At most " + MAX_ADDRESSES + " addresses at a time.");
        }
        // Computed once: for a manager the scope is the team, read from the store.
        CustomerAccess.Scope scope = store.access().scope(viewer);
        Map<String, Company> visible = new LinkedHashMap<>();
        Map<String, List<CustomerCard.MatchedContact>> matched = new LinkedHashMap<>();
        List<CustomerCard.Unknown> unknown = new ArrayList<>();
        for (String address : wanted) {
            String domain = MailDomains.domainOf(address);
            if (domain == null || domains.isInternalDomain(domain) || store.users().byAddress(address).isPresent()) {
                continue;
            }
            boolean taken = false;
            boolean seen = false;
            for (Contact contact : store.contacts().allByAddress(address)) {
                Optional<Company> company = contact.companyId() == null ? Optional.empty()
                        : store.companies().findLive(contact.companyId());
                if (company.isEmpty()) {
                    continue;
                }
                if (scope.includes(company.get().ownerId())) {
                    visible.putIfAbsent(company.get().id(), company.get());
                    matched.computeIfAbsent(company.get().id(), k -> new ArrayList<>())
                            .add(new CustomerCard.MatchedContact(contact.id(), contact.name(), address));
                    seen = true;
                } else {
                    taken = true;
                }
            }
            if (seen) {
                continue;
            }
            boolean freeMail = domains.isFreeMail(domain);
            if (taken) {
                unknown.add(new CustomerCard.Unknown(address, null, freeMail, null, true));
            } else if (freeMail) {
                unknown.add(new CustomerCard.Unknown(address, null, true, null, false));
            } else {
                unknown.add(guess(scope, address, domain));
            }
        }
        List<CustomerCard.Customer> cards = visible.values().stream()
                .map(c -> customer(viewer, c, matched.get(c.id()))).toList();
        return new CustomerCard(cards, unknown);
    }

    private CustomerCard.Unknown guess(CustomerAccess.Scope scope, String address, String domain) {
        Optional<Company> byDomain = store.companies().byDomain(domain).flatMap(c -> store.companies().findLive(c.id()));
        if (byDomain.isPresent()) {
            Company company = byDomain.get();
            if (!scope.includes(company.ownerId())) {
                return new CustomerCard.Unknown(address, null, false, null, true);
            }
            return new CustomerCard.Unknown(address, null, false,
                    new CustomerCard.Guess(company.id(), company.name(), domain), false);
        }
        BusinessDomain business = BusinessDomain.of(domain);
        if (business == null) {
            return new CustomerCard.Unknown(address, null, false, null, false);
        }
        return new CustomerCard.Unknown(address, null, false,
                new CustomerCard.Guess(null, business.companyName(), business.registrable()), false);
    }

    private CustomerCard.Customer customer(Viewer viewer, Company company, List<CustomerCard.MatchedContact> contacts) {
        CustomerCard.Owner owner = company.ownerId() == null ? null
                : store.users().find(company.ownerId()).map(u -> new CustomerCard.Owner(u.id(), u.name()))
                        .orElse(new CustomerCard.Owner(company.ownerId(), null));
        List<CustomerCard.OpenTask> tasks = store.tasks().ofCompany(company.id(), EnumSet.of(TaskStatus.OPEN)).stream()
                .sorted(Comparator.comparing(Task::dueAt, Comparator.nullsLast(Comparator.naturalOrder())))
                .limit(OPEN_TASKS).map(t -> new CustomerCard.OpenTask(t.id(), t.title(), t.dueAt(), t.priority())).toList();
        List<CustomerCard.Moment> timeline = store.timeline().page(company.id(), null, null, TIMELINE).items().stream()
                .map(AssembleCustomerCard::moment).toList();
        return new CustomerCard.Customer(company.id(), company.name(), company.grade(), company.stage(), company.country(),
                owner, viewer.userId().equals(company.ownerId()), company.ownerId() == null, company.lastInboundAt(),
                company.lastOutboundAt(), contacts, tasks, quoteOpens(company.id()), timeline,
                publicUrl + "/customers/" + company.id());
    }

    private CustomerCard.QuoteOpens quoteOpens(String companyId) {
        long human = 0;
        long all = 0;
        Instant last = null;
        for (MessageTracking quote : tracking.ofCompany(companyId, TRACKED_MESSAGES)) {
            if (!quote.quote()) {
                continue;
            }
            human += quote.counters().humanOpens();
            all += quote.counters().opens();
            Instant at = quote.counters().lastHumanOpenAt();
            if (at != null && (last == null || at.isAfter(last))) {
                last = at;
            }
        }
        return new CustomerCard.QuoteOpens(human, Math.max(0, all - human), last);
    }

    private static CustomerCard.Moment moment(Activity a) {
        String summary = a.title() != null && !a.title().isBlank() ? a.title() : a.body();
        if (summary != null && summary.length() > 140) {
            summary = summary.substring(0, 140);
        }
        return new CustomerCard.Moment(a.occurredAt(), a.type(), summary);
    }
}
