package io.genjin.store.linking;

import io.genjin.store.CrmStore;
import io.genjin.store.customer.Company;
import io.genjin.store.customer.Contact;
import io.genjin.store.linking.LinkingPolicy.AutoCreate;
import io.genjin.store.message.Participant;
import io.genjin.store.message.StoredMessage;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides which customer a message belongs to, following the heuristics listed in order in this
 * package's documentation, and logs the decision in one line with the Message-ID. Idempotent: a
 * second call for the same message finds what the first one created.
 */
public class LinkMessageToCustomer {
    /** RFC 5322 §3.6.4: the last References are the nearest ancestors; older ones add cost, not accuracy. */
    static final int REFERENCES_CONSIDERED = 32;
    private static final Logger log = LoggerFactory.getLogger(LinkMessageToCustomer.class);

    private final CrmStore store;
    private final LinkingPolicy policy;
    private final MailDomains domains;
    private final InternalAddresses internal;
    private final CustomerCreation creation;
    private final OwnershipCheck ownership;

    public LinkMessageToCustomer(CrmStore store, LinkingPolicy policy, Clock clock) {
        this.store = store;
        this.policy = policy;
        this.domains = policy.mailDomains();
        this.internal = new InternalAddresses(store.users(), domains);
        this.creation = new CustomerCreation(store.companies(), store.contacts(), clock);
        this.ownership = new OwnershipCheck(store.users(), store.conflicts(), clock);
    }

    public LinkDecision link(LinkRequest request) {
        MessageParties parties = MessageParties.of(request, internal);
        LinkDecision decision = decide(request, parties, new HashMap<>());
        log.info("link {} step={} company={} contacts={} direction={} createdCompany={} createdContact={} conflict={}",
                request.messageId(), decision.step().name().toLowerCase(Locale.ROOT), decision.companyId(), decision.contactIds(),
                decision.direction(), decision.createdCompany(), decision.createdContact(), decision.conflictId());
        return decision;
    }

    /** {@code contacts}: each participant's contact, looked up once per decision (steps 2 and 4 both ask). */
    private LinkDecision decide(LinkRequest request, MessageParties parties, Map<String, Optional<Contact>> contacts) {
        if (parties.external().isEmpty()) {
            return LinkDecision.none(request.messageId(), parties.direction(), LinkStep.NONE_INTERNAL);
        }
        Optional<Match> match = alreadyLinked(request).or(() -> byThread(request)).or(() -> byAddress(parties, contacts))
                .or(() -> byDomain(parties));
        if (match.isPresent()) {
            return linkTo(match.get(), request, parties, contacts);
        }
        Optional<Participant> business = parties.external().stream()
                .filter(p -> !domains.isFreeMail(p.domain())).findFirst();
        if (business.isEmpty()) {
            // Decision: no orphan contact either. Visibility hangs off a company's owner, so an orphan
            // contact would be nobody's; the rep attaches the address to a customer by hand, and the
            // thread step then links the rest of the conversation.
            return LinkDecision.none(request.messageId(), parties.direction(), LinkStep.NONE_FREE_MAIL_POLICY);
        }
        BusinessDomain domain = BusinessDomain.of(business.get().domain());
        if (policy.autoCreate() != AutoCreate.CONTACT_OR_LEAD || domain == null) {
            return LinkDecision.none(request.messageId(), parties.direction(), LinkStep.NONE_AUTO_CREATE_OFF);
        }
        var lead = creation.lead(domain, claimant(request, parties));
        return linkTo(new Match(lead.value(), LinkStep.CREATED_LEAD, lead.created()), request, parties, contacts);
    }

    /** 0. The message itself is stored and linked already: seen in a second mailbox, or re-imported. */
    private Optional<Match> alreadyLinked(LinkRequest request) {
        return store.messages().byMessageId(request.messageId()).map(StoredMessage::companyId)
                .flatMap(store.companies()::findLive).map(c -> new Match(c, LinkStep.ALREADY_LINKED, false));
    }

    /** 1. In-Reply-To and the last 32 References name a message already linked to a customer. */
    private Optional<Match> byThread(LinkRequest request) {
        List<String> refs = request.references();
        Set<String> ids = new LinkedHashSet<>();
        Stream.concat(Stream.ofNullable(request.inReplyTo()),
                refs.subList(Math.max(0, refs.size() - REFERENCES_CONSIDERED), refs.size()).stream())
                .map(LinkMessageToCustomer::bareMessageId).filter(id -> !id.isEmpty() && !id.equals(request.messageId()))
                .forEach(ids::add);
        return store.messages().latestLinkedAmong(ids).map(StoredMessage::companyId)
                .flatMap(store.companies()::findLive).map(c -> new Match(c, LinkStep.THREAD, false));
    }

    /** 2. An external participant's exact address is a contact's; the first in order wins. */
    private Optional<Match> byAddress(MessageParties parties, Map<String, Optional<Contact>> contacts) {
        return parties.external().stream()
                .flatMap(p -> contact(p, contacts).stream())
                .flatMap(contact -> store.companies().findLive(contact.companyId()).stream())
                .findFirst().map(c -> new Match(c, LinkStep.ADDRESS, false));
    }

    /** 3. An external participant's business domain (never a free-mail one) is a company's. */
    private Optional<Match> byDomain(MessageParties parties) {
        return parties.external().stream()
                .filter(p -> !domains.isFreeMail(p.domain()))
                .flatMap(p -> domainCandidates(p.domain()).stream())
                .flatMap(d -> store.companies().byDomain(d).stream())
                .findFirst().map(c -> new Match(c, LinkStep.DOMAIN, false));
    }

    /**
     * 4. With the customer chosen: gather the participants who are its contacts, add contacts (if the
     * policy allows) for participants writing from its domains, and check ownership.
     */
    private LinkDecision linkTo(Match match, LinkRequest request, MessageParties parties,
            Map<String, Optional<Contact>> contacts) {
        Company company = match.company();
        List<String> contactIds = new ArrayList<>();
        boolean createdContact = false;
        for (Participant p : parties.external()) {
            Optional<Contact> contact = contact(p, contacts);
            if (contact.isEmpty() && policy.autoCreate() != AutoCreate.NEVER && ofCompanyDomain(p, company)) {
                var created = creation.contact(p, company);
                contact = Optional.of(created.value());
                createdContact |= created.created();
            }
            contact.filter(c -> company.id().equals(c.companyId())).map(Contact::id)
                    .filter(id -> !contactIds.contains(id)).ifPresent(contactIds::add);
        }
        LinkStep step = match.step() == LinkStep.DOMAIN && createdContact ? LinkStep.CREATED_CONTACT : match.step();
        String conflictId = ownership.check(company, claimant(request, parties), parties, request.messageId()).orElse(null);
        return new LinkDecision(request.messageId(), company.id(), contactIds, parties.direction(), step,
                match.createdCompany(), createdContact, conflictId);
    }

    private Optional<Contact> contact(Participant p, Map<String, Optional<Contact>> contacts) {
        return contacts.computeIfAbsent(p.address(), store.contacts()::byAddress);
    }

    /** Who is working this customer: the user who sent the mail, or else the mailbox's owner. */
    private static String claimant(LinkRequest request, MessageParties parties) {
        return parties.senderUserId() != null ? parties.senderUserId() : request.mailboxOwnerId();
    }

    private boolean ofCompanyDomain(Participant p, Company company) {
        return !domains.isFreeMail(p.domain()) && domainCandidates(p.domain()).stream().anyMatch(company.domains()::contains);
    }

    /** The domain itself, then its registrable part: sales.acme.com finds the company that owns acme.com. */
    private static List<String> domainCandidates(String domain) {
        BusinessDomain business = BusinessDomain.of(domain);
        if (business == null || business.registrable().equals(domain)) {
            return List.of(domain);
        }
        return List.of(domain, business.registrable());
    }

    private static String bareMessageId(String id) {
        String s = id == null ? "" : id.trim();
        if (s.startsWith("<")) {
            s = s.substring(1);
        }
        return s.endsWith(">") ? s.substring(0, s.length() - 1) : s;
    }

    private record Match(Company company, LinkStep step, boolean createdCompany) {
    }
}
