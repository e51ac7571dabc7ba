package io.genjin.store.events;

import java.time.Instant;
import java.util.List;

/**
 * What the classifier read in a customer's own words (quotes and signatures removed) of one inbound
 * message linked to a customer: what follow-up's health score, early warnings and smart tags learn
 * from. Published once per stored inbound customer message, after {@link CustomerReplied}.
 *
 * @param intent       inquiry, quotation, sample, order, payment, logistics, complaint, other; null when
 *                     not confident
 * @param tone         positive, neutral or negative
 * @param dissatisfied the customer complains, threatens to cancel, is angry about a delay, or claims
 * @param topics       what the mail asks about, from a fixed list: lead-time, counter-offer, certification,
 *                     new-product, sample, payment-delay (see docs/classifier.md)
 */
public record CustomerMailRead(String messageId, String companyId, List<String> contactIds, String mailboxOwnerId,
        Instant occurredAt, String intent, String tone, boolean dissatisfied, List<String> topics) {
    public CustomerMailRead {
        contactIds = List.copyOf(contactIds);
        topics = List.copyOf(topics);
    }
}
