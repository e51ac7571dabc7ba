package io.genjin.store.linking;

import io.genjin.store.CrmStore;
import io.genjin.store.Ids;
import io.genjin.store.NotFound;
import io.genjin.store.customer.Company;
import io.genjin.store.customer.Contact;
import io.genjin.store.events.DomainEvents;
import io.genjin.store.events.MessageLinked;
import io.genjin.store.linking.SenderRule.Kind;
import io.genjin.store.message.Direction;
import io.genjin.store.message.MessageLink;
import io.genjin.store.message.Participant;
import io.genjin.store.message.StoredMessage;
import io.genjin.store.timeline.Activity;
import io.genjin.store.timeline.ActivityType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A person correcting where a message landed, and teaching linking for next time:
 * <ul>
 * <li><b>move</b> it from one customer's timeline to another's; with {@code teach}, the outside party
 * (the sender of received mail, the first recipient of sent mail) becomes the new customer's contact,
 * so the rest of their mail follows;
 * <li><b>also belongs to</b> another customer (or, for a held message, to a first one);
 * <li><b>not customer mail</b>: off every timeline, held with the person's word; with
 * {@link Always#SENDER} or {@link Always#DOMAIN} a rule holds the sender's later mail too.
 * </ul>
 * Each correction is kept on the message (who, why, when, beside the automatic reasons) and in the
 * audit log. Which customers the person may see is the caller's to check.
 */
public class CorrectMessageLinks {
    /** Prefix of the step of a link a person took away (kept for the record). */
    static final String REMOVED = "REMOVED_";
    private final CrmStore store;
    private final LinkMessageToCustomer linker;
    private final DomainEvents events;

    public CorrectMessageLinks(CrmStore store, LinkMessageToCustomer linker, DomainEvents events) {
        this.store = store;
        this.linker = linker;
        this.events = events;
    }

    public StoredMessage move(String storedId, String fromCompanyId, String toCompanyId, String userId, String reason,
            boolean teach) {
        StoredMessage message = message(storedId);
        if (!message.companyIds().contains(fromCompanyId)) {
            throw new NotFound("message", storedId);
        }
        Company to = store.companies().findLive(toCompanyId).orElseThrow(() -> new NotFound("company", toCompanyId));
        if (to.id().equals(fromCompanyId)) {
            return message;
        }
        if (teach) {
            outsideParty(message).ifPresent(p -> teach(p, fromCompanyId, to));
        }
        removeActivity(message, fromCompanyId);
        addActivity(message, to, userId, reason);
        List<MessageLink> links = new ArrayList<>(linksOf(message).stream().filter(l -> !l.companyId().equals(to.id()))
                .map(l -> l.companyId().equals(fromCompanyId) && !l.step().startsWith(REMOVED)
                        ? new MessageLink(l.companyId(), REMOVED + l.step(), l.detail(), userId, text(reason), store.clock().instant())
                        : l)
                .toList());
        links.add(0, corrected(to.id(), fromCompanyId, userId, reason));
        store.messages().relink(storedId, companies(links), contactsOf(message, to), links, null, null);
        relinked(message, userId);
        audit(userId, "message.move", storedId, Map.of("from", fromCompanyId, "to", to.id(), "reason", text(reason),
                "teach", Boolean.toString(teach)));
        return message(storedId);
    }

    public StoredMessage alsoBelongsTo(String storedId, String companyId, String userId, String reason) {
        StoredMessage message = message(storedId);
        Company company = store.companies().findLive(companyId).orElseThrow(() -> new NotFound("company", companyId));
        if (message.companyIds().contains(company.id())) {
            return message;
        }
        addActivity(message, company, userId, reason);
        List<MessageLink> links = new ArrayList<>(linksOf(message));
        links.add(corrected(company.id(), null, userId, reason));
        List<String> contacts = message.companyIds().isEmpty() ? contactsOf(message, company) : message.contactIds();
        store.messages().relink(storedId, companies(links), contacts, links, null, null);
        relinked(message, userId);
        audit(userId, "message.link", storedId, Map.of("company", company.id(), "reason", text(reason)));
        return message(storedId);
    }

    public StoredMessage notCustomerMail(String storedId, String userId, String reason, Always always) {
        StoredMessage message = message(storedId);
        for (String companyId : message.companyIds()) {
            removeActivity(message, companyId);
        }
        String detail = "message";
        Optional<Participant> party = outsideParty(message);
        if (always != Always.MESSAGE && party.isPresent()) {
            Kind kind = always == Always.SENDER ? Kind.ADDRESS : Kind.DOMAIN;
            String value = kind == Kind.ADDRESS ? party.get().address() : party.get().domain();
            detail = store.senderRules().set(kind, value, userId, reason, store.clock().instant()).id();
            linker.forget();
        }
        // The links taken away stay on the message, marked, so "who took this off the timeline" has an answer.
        List<MessageLink> history = linksOf(message).stream().filter(l -> !l.step().startsWith(REMOVED))
                .map(l -> new MessageLink(l.companyId(), REMOVED + l.step(), l.detail(), userId, text(reason),
                        store.clock().instant()))
                .toList();
        store.messages().relink(storedId, List.of(), List.of(), history, LinkStep.NONE_NOT_CUSTOMER.name(), detail);
        relinked(message, userId);
        audit(userId, "message.notCustomer", storedId, Map.of("rule", detail, "reason", text(reason)));
        return message(storedId);
    }

    private void relinked(StoredMessage message, String userId) {
        events.publish(new io.genjin.store.events.MessageRelinked(message.id(), message.messageId(), userId,
                store.clock().instant()));
    }

    /** How far "not customer mail" reaches. */
    public enum Always {
        /** This message only. */
        MESSAGE,
        /** Every message from this sender's address. */
        SENDER,
        /** Every message from this sender's domain and its subdomains. */
        DOMAIN
    }

    private StoredMessage message(String storedId) {
        return store.messages().find(storedId).orElseThrow(() -> new NotFound("message", storedId));
    }

    /**
     * The party the customer is: the sender of received mail, else the first outside recipient. What
     * "teach" and "always for the sender or domain" act on; pages show the same party.
     */
    public Optional<Participant> outsideParty(StoredMessage message) {
        return Stream.concat(Stream.ofNullable(message.from()), Stream.concat(message.to().stream(), message.cc().stream()))
                .filter(p -> p.address() != null && p.address().indexOf('@') > 0 && !linker.isInternal(p.address()))
                .findFirst();
    }

    private void teach(Participant party, String fromCompanyId, Company to) {
        Optional<Contact> existing = store.contacts().byAddress(party.address());
        if (existing.isEmpty()) {
            store.contacts().insert(new Contact(Ids.newId(), party.name(), List.of(party.address()), List.of(), null, to.id(),
                    to.ownerId(), false, null, store.clock().instant()));
        } else if (fromCompanyId.equals(existing.get().companyId())) {
            store.contacts().save(existing.get().withCompany(to.id()));
        }
    }

    private void removeActivity(StoredMessage message, String companyId) {
        store.timeline().bySource(companyId, "email:" + message.messageId()).ifPresent(a -> store.timeline().delete(a.id()));
    }

    private void addActivity(StoredMessage message, Company company, String userId, String reason) {
        Map<String, String> attributes = new LinkedHashMap<>();
        Optional<Activity> like = message.companyIds().stream()
                .flatMap(id -> store.timeline().bySource(id, "email:" + message.messageId()).stream()).findFirst();
        like.ifPresent(a -> attributes.putAll(a.attributes()));
        attributes.put("messageId", message.messageId());
        if (message.direction() != null) {
            attributes.put("direction", message.direction().name());
        }
        if (message.from() != null && message.from().address() != null) {
            attributes.put("from", message.from().address());
        }
        attributes.put("linkStep", LinkStep.CORRECTED.name());
        attributes.put("correctedBy", userId);
        if (reason != null && !reason.isBlank()) {
            attributes.put("linkDetail", reason.strip());
        } else {
            attributes.remove("linkDetail");
        }
        Instant now = store.clock().instant();
        Instant at = message.sentAt() != null ? message.sentAt() : now;
        String actor = like.map(Activity::actorId).orElse(message.mailboxes().isEmpty() ? null : message.mailboxes().get(0).userId());
        List<String> contacts = contactsOf(message, company);
        store.timeline().append(new Activity(Ids.newId(), company.id(), ActivityType.EMAIL, at, actor, contacts,
                message.subject(), message.snippet(), "email:" + message.messageId(), attributes, now));
        if (message.direction() == Direction.INBOUND || message.direction() == Direction.OUTBOUND) {
            store.companies().touchContact(company.id(), message.direction() == Direction.INBOUND, at);
        }
        events.publish(new MessageLinked(message.messageId(), company.id(), contacts, message.direction(), actor, at));
    }

    private List<String> contactsOf(StoredMessage message, Company company) {
        return Stream.concat(Stream.ofNullable(message.from()), Stream.concat(message.to().stream(), message.cc().stream()))
                .flatMap(p -> store.contacts().byAddress(p.address()).stream())
                .filter(c -> company.id().equals(c.companyId())).map(Contact::id).distinct().toList();
    }

    /** The message's links; a message stored before links were kept gets one per customer it is on. */
    private static List<MessageLink> linksOf(StoredMessage message) {
        if (!message.links().isEmpty() || message.companyIds().isEmpty()) {
            return message.links();
        }
        return message.companyIds().stream().map(id -> MessageLink.automatic(id, LinkStep.ALREADY_LINKED.name(), null)).toList();
    }

    /** The customers among the links, those taken away left out. */
    private static List<String> companies(List<MessageLink> links) {
        return links.stream().filter(l -> !l.step().startsWith(REMOVED)).map(MessageLink::companyId).distinct().toList();
    }

    private MessageLink corrected(String companyId, String detail, String userId, String reason) {
        return new MessageLink(companyId, LinkStep.CORRECTED.name(), detail, userId, text(reason), store.clock().instant());
    }

    private void audit(String userId, String action, String storedId, Map<String, String> details) {
        store.audit().record(userId, action, "message", storedId, details);
    }

    private static String text(String reason) {
        return reason == null ? "" : reason.strip();
    }
}
