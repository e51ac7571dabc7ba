package io.genjin.store.linking;

import io.genjin.store.Ids;
import io.genjin.store.customer.Companies;
import io.genjin.store.customer.Company;
import io.genjin.store.customer.Contact;
import io.genjin.store.customer.Contacts;
import io.genjin.store.message.Participant;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Creates lead companies and contacts so that two linkers racing on the same domain or address end
 * up with one. Without transactions, and with no unique index on {@code domains} (two live companies
 * may legitimately share a domain until a manager merges them), the guard is: look, insert, re-read
 * all holders and let the oldest (createdAt, then id) win; a loser tombstones its own insert into the
 * winner, and readers follow tombstones ({@code Companies.findLive}). A racer that inserted first and
 * re-read before the other inserted keeps its own; if the clocks disagree about which was first,
 * both may survive, and {@link FindDuplicateCustomers} reports the pair by domain. A real MongoDB
 * could close that gap with a unique index on a separate "lead domain claim" collection.
 */
class CustomerCreation {
    private static final Comparator<Company> OLDEST_COMPANY = Comparator.comparing(Company::createdAt,
            Comparator.nullsLast(Comparator.naturalOrder())).thenComparing(Company::id);
    private static final Comparator<Contact> OLDEST_CONTACT = Comparator.comparing(Contact::createdAt,
            Comparator.nullsLast(Comparator.naturalOrder())).thenComparing(Contact::id);

    private final Companies companies;
    private final Contacts contacts;
    private final Clock clock;

    CustomerCreation(Companies companies, Contacts contacts, Clock clock) {
        this.companies = companies;
        this.contacts = contacts;
        this.clock = clock;
    }

    Created<Company> lead(BusinessDomain domain, String ownerId) {
        Optional<Company> existing = companies.byDomain(domain.registrable());
        if (existing.isPresent()) {
            return new Created<>(existing.get(), false);
        }
        Company mine = companies.insert(Company.create(Ids.newId(), domain.companyName(), List.of(domain.registrable()),
                ownerId, clock.instant()));
        Company winner = companies.allByDomain(domain.registrable()).stream().min(OLDEST_COMPANY).orElse(mine);
        if (winner.id().equals(mine.id())) {
            return new Created<>(mine, true);
        }
        companies.markMerged(mine.id(), winner.id());
        return new Created<>(winner, false);
    }

    Created<Contact> contact(Participant participant, Company company) {
        Optional<Contact> existing = contacts.byAddress(participant.address());
        if (existing.isPresent()) {
            return new Created<>(existing.get(), false);
        }
        Contact mine = contacts.insert(new Contact(Ids.newId(), participant.name(), List.of(participant.address()),
                List.of(), null, company.id(), company.ownerId(), false, null, clock.instant()));
        Contact winner = contacts.allByAddress(participant.address()).stream().min(OLDEST_CONTACT).orElse(mine);
        if (winner.id().equals(mine.id())) {
            return new Created<>(mine, true);
        }
        contacts.markMerged(mine.id(), winner.id());
        return new Created<>(winner, false);
    }

    /** A company or contact, and whether this call created it. */
    record Created<T>(T value, boolean created) {
    }
}
