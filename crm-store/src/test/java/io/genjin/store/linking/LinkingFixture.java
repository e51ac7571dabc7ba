package io.genjin.store.linking;

import io.genjin.store.CrmStore;
import io.genjin.store.EmbeddedMongo;
import io.genjin.store.Ids;
import io.genjin.store.customer.Company;
import io.genjin.store.customer.Contact;
import io.genjin.store.message.Direction;
import io.genjin.store.message.Participant;
import io.genjin.store.message.StoredMessage;
import io.genjin.store.user.Role;
import io.genjin.store.user.User;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

/** A fresh embedded store per test, with a small team: two reps and a manager on team.example. */
class LinkingFixture implements AutoCloseable {
    static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");

    final EmbeddedMongo mongo = new EmbeddedMongo();
    final Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
    final CrmStore store = mongo.store(clock);
    final User alice = store.users().create("Alice", List.of("alice@team.example", "alice.sales@gmail.com"), Role.REP,
            "t1", null, "en");
    final User bob = store.users().create("Bob", List.of("bob@team.example"), Role.REP, "t1", null, "en");
    final User mary = store.users().create("Mary", List.of("mary@team.example"), Role.MANAGER, "t1", null, "en");

    LinkMessageToCustomer linker(LinkingPolicy policy) {
        return new LinkMessageToCustomer(store, policy, clock);
    }

    LinkMessageToCustomer linker() {
        return linker(LinkingPolicy.defaults().withInternalDomains("team.example"));
    }

    Company company(String name, String ownerId, String... domains) {
        return store.companies().insert(Company.create(Ids.newId(), name, List.of(domains), ownerId, T0));
    }

    Contact contact(Company company, String... addresses) {
        return store.contacts().insert(new Contact(Ids.newId(), null, Arrays.asList(addresses), List.of(), null,
                company == null ? null : company.id(), company == null ? null : company.ownerId(), false, null, T0));
    }

    StoredMessage storedMessage(String messageId, Company company, Instant sentAt) {
        return store.messages().store(new StoredMessage(Ids.newId(), messageId, messageId, null, List.of(),
                Direction.INBOUND, Participant.of("someone@elsewhere.example"), List.of(), List.of(), "s", sentAt, "",
                List.of(), company == null ? null : company.id(), List.of(), sentAt)).message();
    }

    static LinkRequest inbound(String messageId, String from, String mailboxOwnerId, String... to) {
        return new LinkRequest(messageId, Participant.of(from), Arrays.stream(to).map(Participant::of).toList(), List.of(),
                null, List.of(), mailboxOwnerId);
    }

    static LinkRequest outbound(String messageId, String from, List<String> to, List<String> cc, String mailboxOwnerId) {
        return new LinkRequest(messageId, Participant.of(from), to.stream().map(Participant::of).toList(),
                cc.stream().map(Participant::of).toList(), null, List.of(), mailboxOwnerId);
    }

    static LinkRequest reply(String messageId, String from, String to, String inReplyTo, List<String> references,
            String mailboxOwnerId) {
        return new LinkRequest(messageId, Participant.of(from), List.of(Participant.of(to)), List.of(), inReplyTo,
                references, mailboxOwnerId);
    }

    @Override
    public void close() {
        mongo.close();
    }
}
