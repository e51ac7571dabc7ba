package io.genjin.followup.facts;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * What the follow-up rules need to know about a customer that its company record does not hold,
 * kept up to date from the domain events (one document per customer, id = company id, every field
 * moved forward with {@code $max}, so a redelivered event changes nothing).
 *
 * @param lastQuoteAt   the last quotation a user sent
 * @param lastReplyAt   the last mail a person at the customer wrote (not an auto-reply, not a bounce)
 * @param lastInquiryAt the last mail from the customer that reads as a new inquiry
 * @param lastAnswerAt  the last mail the team sent the customer
 * @param openTasks     rule name → ids of the open tasks that rule raised here, so an event can close them
 *                      without searching the task collection
 */
@Document("followup_facts")
public record CustomerFacts(String id, Instant lastQuoteAt, Instant lastReplyAt, Instant lastInquiryAt,
        Instant lastAnswerAt, Map<String, List<String>> openTasks) {

    public CustomerFacts {
        openTasks = openTasks == null ? Map.of() : Map.copyOf(openTasks);
    }

    public static CustomerFacts none(String companyId) {
        return new CustomerFacts(companyId, null, null, null, null, Map.of());
    }
}
