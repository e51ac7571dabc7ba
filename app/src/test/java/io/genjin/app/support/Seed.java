package io.genjin.app.support;

import io.genjin.store.CrmStore;
import io.genjin.store.Ids;
import io.genjin.store.customer.Company;
import io.genjin.store.customer.Contact;
import io.genjin.store.opportunity.Opportunity;
import io.genjin.store.task.Task;
import io.genjin.store.timeline.Activity;
import io.genjin.store.timeline.ActivityType;
import io.genjin.store.user.Role;
import io.genjin.store.user.Team;
import io.genjin.store.user.User;
import java.util.List;

/**
 * A small sales organisation for tests: two teams, each with a manager and reps, an admin, and one
 * customer (with a contact, a note, a task and an opportunity) per rep. Tokens are returned in clear.
 */
public final class Seed {
    private final CrmStore store;

    public Seed(CrmStore store) {
        this.store = store;
    }

    public Person person(String name, Role role, Team team, User manager) {
        String address = name.toLowerCase().replace(' ', '.') + "-" + Ids.newId().substring(18) + "@team.example";
        User user = store.users().create(name, List.of(address), role, team == null ? null : team.id(),
                manager == null ? null : manager.id(), "en");
        return new Person(user, store.apiTokens().issue(user.id(), "test").secret());
    }

    public Team team(String name) {
        return store.users().createTeam(name, null);
    }

    public Customer customer(String name, String domain, User owner) {
        var now = store.clock().instant();
        Company company = store.companies().insert(Company.create(Ids.newId(), name, List.of(domain), owner.id(), now));
        Contact contact = store.contacts().insert(new Contact(Ids.newId(), "Buyer of " + name,
                List.of("buyer@" + domain), List.of(), "Buyer", company.id(), owner.id(), false, null, now));
        Activity note = store.timeline().append(new Activity(Ids.newId(), company.id(), ActivityType.NOTE, now, owner.id(),
                List.of(contact.id()), "First call", "Asked for a quote", null, null, now));
        Task task = store.tasks().insert(new Task(Ids.newId(), company.id(), "Send the quote", null, null, null,
                now.plusSeconds(86_400), owner.id(), null, null, null, null, null, null, owner.id(), now, null));
        Opportunity opportunity = store.opportunities().insert(new Opportunity(Ids.newId(), company.id(), "First order",
                null, null, "USD", null, owner.id(), List.of(), now, now, null));
        return new Customer(company, contact, note, task, opportunity);
    }

    /** A user and their API token. */
    public record Person(User user, String token) {
        public String id() {
            return user.id();
        }
    }

    /** A customer with one of everything that hangs off it. */
    public record Customer(Company company, Contact contact, Activity note, Task task, Opportunity opportunity) {
        public String id() {
            return company.id();
        }
    }
}
