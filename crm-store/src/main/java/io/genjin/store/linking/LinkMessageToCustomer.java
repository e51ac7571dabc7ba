package io.genjin.store.linking;

import io.genjin.store.CrmStore;
import io.genjin.store.customer.Company;
import io.genjin.store.customer.Contact;
import io.genjin.store.linking.LinkRequest.CarriedMessage;
import io.genjin.store.linking.LinkingPolicy.AutoCreate;
import io.genjin.store.message.Direction;
import io.genjin.store.message.Participant;
import io.genjin.store.message.StoredMessage;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
 * Decides which customers a message belongs to, following the order of evidence listed in this
 * package's documentation, and logs the decision in one line with the Message-ID. Idempotent: a
 * second call for the same message finds what the first one created.
 */
public class LinkMessageToCustomer {
    /** RFC 5322 §3.6.4: the last References are the nearest ancestors; older ones add cost, not accuracy. */
    static final int REFERENCES_CONSIDERED = 32;
    private static final Logger log = LoggerFactory.getLogger(LinkMessageToCustomer.class);

    private final CrmStore store;
    private final LinkingPolicy configured;
    private final CustomerCreation creation;
    private final OwnershipCheck ownership;
    /** How long stored settings and sender rules are trusted before they are read again (another process may change them). */
    static final long REREAD_NANOS = 2_000_000_000L;
    private volatile Rules rules;
    private volatile long rulesReadAt;
    private volatile boolean stale = true;

    public LinkMessageToCustomer(CrmStore store, LinkingPolicy policy, Clock clock) {
        this.store = store;
        this.configured = policy;
        this.creation = new CustomerCreation(store.companies(), store.contacts(), clock);
        this.ownership = new OwnershipCheck(store.users(), store.conflicts(), clock);
        this.rules = Rules.of(store, policy, LinkingSettings.NONE, List.of());
    }

    /**
     * The configured policy joined with what an admin stored and the people's sender rules. Read again
     * after {@link #REREAD_NANOS} (a change in another process is seen within that), or at once after
     * {@link #forget()} (a change made in this process); rebuilt only when something changed, so a
     * message costs no store read for them.
     */
    Rules rules() {
        long now = System.nanoTime();
        Rules known = rules;
        if (stale || now - rulesReadAt > REREAD_NANOS) {
            stale = false;
            rulesReadAt = now;
            LinkingSettings stored = store.linkingSettings().get();
            List<SenderRule> senderRules = store.senderRules().all();
            if (!java.util.Objects.equals(known.settings(), stored) || !known.senderRules().equals(byId(senderRules))) {
                known = Rules.of(store, configured, stored, senderRules);
                rules = known;
            }
        }
        return known;
    }

    /** Settings or sender rules were changed here: the next message reads them again. */
    public void forget() {
        stale = true;
    }

    private static Map<String, SenderRule> byId(List<SenderRule> list) {
        Map<String, SenderRule> map = new HashMap<>();
        list.forEach(r -> map.put(r.id(), r));
        return Map.copyOf(map);
    }

    public LinkDecision link(LinkRequest request) {
        return link(request, false);
    }

    /**
     * The same, for a caller that has just found no message stored under the request's Message-ID
     * (the ingestion's duplicate check): the decision skips its own look-up of an earlier decision.
     */
    public LinkDecision link(LinkRequest request, boolean knownUnstored) {
        Decider decider = new Decider(rules());
        LinkDecision decision = decider.decide(request, MessageParties.of(request, decider.internal), knownUnstored);
        log.info("link {} step={} companies={} detail={} direction={} createdCompany={} createdContact={} conflicts={}",
                request.messageId(), decision.step().name().toLowerCase(Locale.ROOT),
                decision.links().stream().map(l -> l.companyId() + "(" + l.step().name().toLowerCase(Locale.ROOT) + ")").toList(),
                decision.links().isEmpty() ? decision.heldDetail() : decision.links().get(0).detail(), decision.direction(),
                decision.createdCompany(), decision.createdContact(), decision.conflictIds());
        return decision;
    }

    /** Whether the address belongs to the team (a user's, or on the team's domains). */
    public boolean isInternal(String address) {
        return rules().internal().isInternal(address);
    }

    /** One decision, made under one set of rules read at its start. */
    private final class Decider {
        private final LinkingPolicy policy;
        private final MailDomains domains;
        private final InternalAddresses internal;
        private final AutomatedMail automated;
        private final Rules rules;
        private final Map<String, Optional<Contact>> contacts = new HashMap<>();

        Decider(Rules rules) {
            this.rules = rules;
            this.policy = rules.policy();
            this.domains = rules.domains();
            this.internal = rules.internal();
            this.automated = rules.automated();
        }

        private LinkDecision decide(LinkRequest request, MessageParties parties, boolean knownUnstored) {
            Evidence evidence = new Evidence(new HashMap<>());
            Optional<StoredMessage> stored = knownUnstored ? Optional.empty() : store.messages().byMessageId(request.messageId());
            if (stored.isPresent() && stored.get().heldByPerson()) {
                return LinkDecision.none(request.messageId(), parties.direction(), LinkStep.NONE_NOT_CUSTOMER,
                        stored.get().heldDetail());
            }
            stored.ifPresent(m -> m.companyIds().forEach(id -> evidence.add(id, LinkStep.ALREADY_LINKED, m.messageId())));
            if (!evidence.isEmpty()) {
                return linkTo(evidence, request, parties, false);
            }
            if (request.machine().bounce()) {
                return bounce(request, parties, evidence);
            }
            Optional<String> machine = parties.direction() == Direction.INBOUND ? automated.reason(request) : Optional.empty();
            // Machine mail speaks only for its sender: a known customer's own system (their ERP's order,
            // their out-of-office) links to them; a newsletter's or a platform's recipients say nothing.
            List<Participant> considered = machine.isPresent() ? parties.external().subList(0, 1) : parties.external();
            Map<String, String> ruled = new LinkedHashMap<>();
            boolean unexplained = false;
            for (Participant p : considered) {
                Optional<SenderRule> rule = rules.covering(p.address());
                if (rule.isPresent()) {
                    ruled.put(p.address(), rule.get().id());
                    continue;
                }
                if (machine.isEmpty() && automated.sender(p.address()).isPresent()) {
                    continue;
                }
                unexplained |= !byAddressOrDomain(p, evidence, null);
            }
            for (CarriedMessage carried : request.carried()) {
                followForward(carried, evidence);
            }
            if (evidence.isEmpty() || unexplained || parties.external().isEmpty()) {
                evidence.putFirst(byThread(request));
            }
            if (!evidence.isEmpty()) {
                return linkTo(evidence, request, parties, machine.isPresent());
            }
            if (machine.isPresent()) {
                return LinkDecision.none(request.messageId(), parties.direction(), LinkStep.NONE_AUTOMATED, machine.get());
            }
            if (parties.external().isEmpty()) {
                return LinkDecision.none(request.messageId(), parties.direction(), LinkStep.NONE_INTERNAL, null);
            }
            if (ruled.size() == parties.external().size()) {
                return LinkDecision.none(request.messageId(), parties.direction(), LinkStep.NONE_NOT_CUSTOMER,
                        ruled.values().iterator().next());
            }
            return create(request, parties, ruled.keySet(), evidence);
        }

        /** Nothing known: a new LEAD from the sender of received mail, or sent mail's first recipient, as the policy allows. */
        private LinkDecision create(LinkRequest request, MessageParties parties, Set<String> ruled, Evidence evidence) {
            Optional<String> automatedOnly = Optional.empty();
            Participant business = null;
            // A prospect is whoever wrote to us, or whom we wrote to: for received mail only its sender.
            List<Participant> candidates = parties.external();
            if (parties.direction() == Direction.INBOUND) {
                candidates = request.from() != null && !candidates.isEmpty()
                        && candidates.get(0).address().equals(request.from().address()) ? candidates.subList(0, 1) : List.of();
            }
            for (Participant p : candidates) {
                Optional<String> machine = automated.sender(p.address());
                if (ruled.contains(p.address()) || domains.isFreeMail(p.domain()) || BusinessDomain.of(p.domain()) == null) {
                    continue;
                }
                if (machine.isPresent()) {
                    automatedOnly = automatedOnly.or(() -> machine);
                    continue;
                }
                business = p;
                break;
            }
            if (business == null) {
                // Decision: no orphan contact either. Visibility hangs off a company's owner, so an orphan
                // contact would be nobody's; the rep attaches the address to a customer by hand, and the
                // thread step then links the rest of the conversation.
                return automatedOnly.map(reason -> LinkDecision.none(request.messageId(), parties.direction(),
                        LinkStep.NONE_AUTOMATED, reason)).orElseGet(() -> LinkDecision.none(request.messageId(),
                        parties.direction(), LinkStep.NONE_FREE_MAIL_POLICY, null));
            }
            BusinessDomain domain = BusinessDomain.of(business.domain());
            if (policy.autoCreate() != AutoCreate.CONTACT_OR_LEAD) {
                return LinkDecision.none(request.messageId(), parties.direction(), LinkStep.NONE_AUTO_CREATE_OFF,
                        domain.registrable());
            }
            var lead = creation.lead(domain, claimant(request, parties));
            evidence.add(lead.value().id(), LinkStep.CREATED_LEAD, domain.registrable());
            LinkDecision decision = linkTo(evidence, request, parties, false);
            return new LinkDecision(decision.messageId(), decision.links(), decision.direction(), decision.step(), null,
                    lead.created(), decision.createdContact(), decision.conflictIds());
        }

        /**
         * A bounce links through what it reports on, whoever reports it: the original's Message-ID (its
         * customers), then the failed addresses (their contacts' or domains' customers). The reporting
         * daemon is never evidence, and nothing is created.
         */
        private LinkDecision bounce(LinkRequest request, MessageParties parties, Evidence evidence) {
            LinkRequest.Machine machine = request.machine();
            Set<String> originals = new LinkedHashSet<>();
            Stream.concat(Stream.ofNullable(machine.bouncedMessageId()),
                    request.carried().stream().map(CarriedMessage::messageId)).filter(id -> id != null)
                    .map(LinkMessageToCustomer::bareMessageId)
                    .forEach(originals::add);
            store.messages().latestLinkedAmong(originals).ifPresent(m -> m.companyIds()
                    .forEach(id -> evidence.add(id, LinkStep.BOUNCED_ORIGINAL, m.messageId())));
            List<Participant> failed = machine.bouncedAddresses().stream().map(Participant::of).toList();
            if (failed.isEmpty()) {
                failed = request.carried().stream().flatMap(c -> Stream.concat(c.to().stream(), c.cc().stream())).toList();
            }
            for (Participant p : failed) {
                if (p.address() != null && p.address().indexOf('@') > 0 && !internal.isInternal(p.address())) {
                    byAddressOrDomain(p, evidence, LinkStep.BOUNCED_ORIGINAL);
                }
            }
            if (evidence.isEmpty()) {
                String detail = machine.bouncedMessageId() != null ? machine.bouncedMessageId()
                        : failed.isEmpty() ? null : failed.get(0).address();
                return LinkDecision.none(request.messageId(), Direction.INBOUND, LinkStep.NONE_BOUNCE_UNMATCHED, detail);
            }
            List<CustomerLink> links = new ArrayList<>();
            for (Found found : evidence.found().values()) {
                List<String> contactIds = failed.stream().flatMap(p -> contact(p).stream())
                        .filter(c -> found.company().id().equals(c.companyId())).map(Contact::id).distinct().toList();
                links.add(new CustomerLink(found.company().id(), contactIds, found.step(), found.detail()));
            }
            return new LinkDecision(request.messageId(), links, Direction.INBOUND, links.get(0).step(), null, false, false,
                    List.of());
        }

        /** A forward's original: its own thread, and the known customers among its parties (nothing created). */
        private void followForward(CarriedMessage carried, Evidence evidence) {
            if (carried.messageId() != null) {
                store.messages().byMessageId(bareMessageId(carried.messageId())).ifPresent(m -> m.companyIds()
                        .forEach(id -> evidence.add(id, LinkStep.FORWARDED, m.messageId())));
            }
            Stream.concat(Stream.ofNullable(carried.from()), Stream.concat(carried.to().stream(), carried.cc().stream()))
                    .filter(p -> p.address() != null && p.address().indexOf('@') > 0 && !internal.isInternal(p.address()))
                    .filter(p -> automated.sender(p.address()).isEmpty())
                    .forEach(p -> byAddressOrDomain(p, evidence, LinkStep.FORWARDED));
        }

        /**
         * Address, then domain: the party's exact address is a contact's, else their business domain (or
         * its registrable part, sales.acme.com → acme.com) is a company's. Free-mail domains never match.
         * Returns whether the party was explained. {@code as} overrides the step recorded (a forward, a bounce).
         */
        private boolean byAddressOrDomain(Participant p, Evidence evidence, LinkStep as) {
            Optional<Company> byAddress = contact(p).flatMap(c -> store.companies().findLive(c.companyId()));
            if (byAddress.isPresent()) {
                evidence.add(byAddress.get(), as == null ? LinkStep.ADDRESS : as, p.address());
                return true;
            }
            if (p.domain() == null || domains.isFreeMail(p.domain())) {
                return false;
            }
            for (String d : domainCandidates(p.domain())) {
                Optional<Company> byDomain = store.companies().byDomain(d);
                if (byDomain.isPresent()) {
                    evidence.add(byDomain.get(), as == null ? LinkStep.DOMAIN : as,
                            as != null ? p.address() : d.equals(p.domain()) ? d : p.domain() + " → " + d);
                    return true;
                }
            }
            return false;
        }

        /** In-Reply-To and the last 32 References name a message already linked: that message's customers. */
        private Evidence byThread(LinkRequest request) {
            List<String> refs = request.references();
            Set<String> ids = new LinkedHashSet<>();
            Stream.concat(Stream.ofNullable(request.inReplyTo()),
                    refs.subList(Math.max(0, refs.size() - REFERENCES_CONSIDERED), refs.size()).stream())
                    .map(LinkMessageToCustomer::bareMessageId).filter(id -> !id.isEmpty() && !id.equals(request.messageId()))
                    .forEach(ids::add);
            Evidence thread = new Evidence(new HashMap<>());
            store.messages().latestLinkedAmong(ids).ifPresent(m -> m.companyIds()
                    .forEach(id -> thread.add(id, LinkStep.THREAD, m.messageId())));
            return thread;
        }

        /**
         * With the customers chosen: gather each one's contacts among the parties, add contacts (if the
         * policy allows, and never from machine mail) for parties writing from its domains, and check
         * ownership per customer.
         */
        private LinkDecision linkTo(Evidence evidence, LinkRequest request, MessageParties parties, boolean machine) {
            List<CustomerLink> links = new ArrayList<>();
            List<String> conflicts = new ArrayList<>();
            boolean createdContact = false;
            for (Found found : evidence.found().values()) {
                Company company = found.company();
                List<String> contactIds = new ArrayList<>();
                boolean created = false;
                for (Participant p : parties.external()) {
                    Optional<Contact> contact = contact(p);
                    if (contact.isEmpty() && !machine && policy.autoCreate() != AutoCreate.NEVER && ofCompanyDomain(p, company)
                            && automated.sender(p.address()).isEmpty()) {
                        var made = creation.contact(p, company);
                        contact = Optional.of(made.value());
                        contacts.put(p.address(), contact);
                        created |= made.created();
                    }
                    contact.filter(c -> company.id().equals(c.companyId())).map(Contact::id)
                            .filter(id -> !contactIds.contains(id)).ifPresent(contactIds::add);
                }
                createdContact |= created;
                LinkStep step = found.step() == LinkStep.DOMAIN && created ? LinkStep.CREATED_CONTACT : found.step();
                links.add(new CustomerLink(company.id(), contactIds, step, found.detail()));
                ownership.check(company, claimant(request, parties), parties, request.messageId()).ifPresent(conflicts::add);
            }
            return new LinkDecision(request.messageId(), links, parties.direction(), links.get(0).step(), null, false,
                    createdContact, conflicts);
        }

        /**
         * The party's contact. Looked up once per decision: the customers' contacts are gathered (and a
         * missing one made) for the parties that found the customers, so each was asked for twice.
         */
        private Optional<Contact> contact(Participant p) {
            return p.address() == null ? Optional.empty() : contacts.computeIfAbsent(p.address(), store.contacts()::byAddress);
        }

        /** Who is working this customer: the user who sent the mail, or else the mailbox's owner. */
        private static String claimant(LinkRequest request, MessageParties parties) {
            return parties.senderUserId() != null ? parties.senderUserId() : request.mailboxOwnerId();
        }

        private boolean ofCompanyDomain(Participant p, Company company) {
            return !domains.isFreeMail(p.domain()) && domainCandidates(p.domain()).stream().anyMatch(company.domains()::contains);
        }

    }

    /** The domain itself, then its registrable part: sales.acme.com finds the company that owns acme.com. */
    private static List<String> domainCandidates(String domain) {
        BusinessDomain business = BusinessDomain.of(domain);
        if (business == null || business.registrable().equals(domain)) {
            return List.of(domain);
        }
        return List.of(domain, business.registrable());
    }

    static String bareMessageId(String id) {
        String s = id == null ? "" : id.trim();
        if (s.startsWith("<")) {
            s = s.substring(1);
        }
        return s.endsWith(">") ? s.substring(0, s.length() - 1) : s;
    }

    /** The linking rules in force: configuration plus stored settings, with what is built from them. */
    record Rules(LinkingSettings settings, LinkingPolicy policy, MailDomains domains, InternalAddresses internal,
            AutomatedMail automated, Map<String, SenderRule> senderRules) {
        static Rules of(CrmStore store, LinkingPolicy configured, LinkingSettings stored, List<SenderRule> senderRules) {
            Set<String> internalDomains = new java.util.HashSet<>(configured.internalDomains());
            internalDomains.addAll(stored.internalDomains());
            List<String> automatedDomains = new ArrayList<>(configured.extraAutomatedDomains());
            automatedDomains.addAll(stored.automatedDomains());
            LinkingPolicy policy = new LinkingPolicy(configured.freeMailDomains(), internalDomains, configured.autoCreate(),
                    automatedDomains);
            MailDomains domains = policy.mailDomains();
            return new Rules(stored, policy, domains, new InternalAddresses(store.users(), domains),
                    new AutomatedMail(policy.automatedSenders()), byId(senderRules));
        }

        /** The sender rule covering this address: its own, else its domain's or a parent domain's. */
        Optional<SenderRule> covering(String address) {
            if (address == null || senderRules.isEmpty()) {
                return Optional.empty();
            }
            SenderRule own = senderRules.get(SenderRule.key(SenderRule.Kind.ADDRESS, address));
            if (own != null) {
                return Optional.of(own);
            }
            for (String d = MailDomains.domainOf(address); d != null && d.indexOf('.') > 0; d = d.substring(d.indexOf('.') + 1)) {
                SenderRule rule = senderRules.get(SenderRule.key(SenderRule.Kind.DOMAIN, d));
                if (rule != null) {
                    return Optional.of(rule);
                }
            }
            return Optional.empty();
        }
    }

    /** A customer found, the first evidence that found it, and that evidence's detail. */
    private record Found(Company company, LinkStep step, String detail) {
    }

    /** The customers found so far, in the order found, one entry each (merge tombstones followed). */
    private final class Evidence {
        private LinkedHashMap<String, Found> found = new LinkedHashMap<>();
        private final Map<String, Optional<Company>> live;

        Evidence(Map<String, Optional<Company>> live) {
            this.live = live;
        }

        void add(String companyId, LinkStep step, String detail) {
            live.computeIfAbsent(companyId, store.companies()::findLive).ifPresent(c -> add(c, step, detail));
        }

        void add(Company company, LinkStep step, String detail) {
            found.putIfAbsent(company.id(), new Found(company, step, detail));
        }

        /** Puts another's findings before these (the thread comes first in the order of evidence). */
        void putFirst(Evidence other) {
            LinkedHashMap<String, Found> merged = new LinkedHashMap<>(other.found);
            found.forEach(merged::putIfAbsent);
            found = merged;
        }

        boolean isEmpty() {
            return found.isEmpty();
        }

        LinkedHashMap<String, Found> found() {
            return found;
        }
    }
}
