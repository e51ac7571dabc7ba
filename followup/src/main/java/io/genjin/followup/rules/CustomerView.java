package io.genjin.followup.rules;

import io.genjin.followup.facts.CustomerFacts;
import io.genjin.store.contract.Contract;
import io.genjin.store.customer.Company;
import io.genjin.store.customer.Stage;
import io.genjin.store.opportunity.Opportunity;
import java.time.Instant;
import java.util.List;

/** Everything the scan knows about one customer, gathered from one pass over each collection. */
public record CustomerView(Company company, CustomerFacts facts, Instant lastOrderAt, List<Opportunity> negotiations,
        List<Contract> contracts) {

    public CustomerView {
        facts = facts == null ? CustomerFacts.none(company.id()) : facts;
        negotiations = negotiations == null ? List.of() : negotiations;
        contracts = contracts == null ? List.of() : contracts;
    }

    /**
     * The last time the customer's side took part: a person there wrote to us. Before followup saw any
     * reply (a store older than this module) the company's last inbound mail stands in; a customer never
     * heard from counts from when it was created.
     */
    public Instant lastTwoWayContact() {
        Instant side = facts.lastReplyAt() != null ? facts.lastReplyAt() : company.lastInboundAt();
        return side != null ? side : company.createdAt();
    }

    /** The last time the team wrote to the customer. */
    public Instant lastAnswer() {
        return later(facts.lastAnswerAt(), company.lastOutboundAt());
    }

    /**
     * Silence rules leave alone customers already in the dormant pool, lost ones, archived ones, and
     * ones nobody owns.
     */
    public boolean inActivePortfolio() {
        return !company.dormant() && !company.archived() && company.stage() != Stage.LOST && company.stage() != Stage.DORMANT
                && company.ownerId() != null;
    }

    /** The same customer as it will be once moved to the dormant pool. */
    public CustomerView inDormantPool() {
        Company c = company;
        return new CustomerView(new Company(c.id(), c.name(), c.normalizedName(), c.domains(), c.country(), c.industry(),
                c.grade(), c.stage(), c.ownerId(), c.tags(), true, c.lastInboundAt(), c.lastOutboundAt(), c.mergedInto(),
                c.createdAt(), c.version(), c.archivedAt()), facts, lastOrderAt, negotiations, contracts);
    }

    public static Instant later(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }
}
