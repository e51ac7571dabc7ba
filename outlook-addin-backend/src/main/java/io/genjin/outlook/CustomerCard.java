package io.genjin.outlook;

import io.genjin.store.customer.Grade;
import io.genjin.store.customer.Stage;
import io.genjin.store.task.Priority;
import io.genjin.store.timeline.ActivityType;
import java.time.Instant;
import java.util.List;

/**
 * What the task pane shows for the addresses of one mail item: a card per customer the caller may
 * see, and the addresses that are nobody's customer yet (or someone else's, without saying whose).
 */
public record CustomerCard(List<Customer> customers, List<Unknown> unknown) {

    public record Customer(String companyId, String name, Grade grade, Stage stage, String country, Owner owner,
            boolean mine, boolean publicPool, Instant lastInboundAt, Instant lastOutboundAt, List<MatchedContact> contacts,
            List<OpenTask> openTasks, QuoteOpens quoteOpens, List<Moment> timeline, String url) {
    }

    public record Owner(String id, String name) {
    }

    /** One of the mail's addresses that belongs to a contact of this customer. */
    public record MatchedContact(String id, String name, String address) {
    }

    public record OpenTask(String id, String title, Instant dueAt, Priority priority) {
    }

    /** Opens of the customer's tracked quotations, people and machines (scanners, proxies) apart. */
    public record QuoteOpens(long human, long machine, Instant lastHumanOpenAt) {
    }

    /** A timeline line: when, what kind, its title. */
    public record Moment(Instant at, ActivityType type, String summary) {
    }

    /**
     * An address with no customer the caller may see. {@code taken}: it belongs to someone else's
     * customer, which is not named; then there is no guess. Free-mail domains are never guessed.
     */
    public record Unknown(String address, String name, boolean freeMail, Guess guess, boolean taken) {
    }

    /** The company the address's domain suggests: an existing customer ({@code companyId}) or a new one to create. */
    public record Guess(String companyId, String companyName, String domain) {
    }
}
